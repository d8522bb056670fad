"""A page-load flood against a running ``careerbot ui`` with sign-in (issue 25, attack 2):
one signed-in user opens page after page; the server's memory is read from /proc.

Three servers, the same flood of ``FLOOD`` page loads each:

- as configured (page loads throttled per user, a share of live pages per user);
- the throttle lifted, so every page load is accepted and only the per-user share bounds
  the sessions kept;
- both lifted and the store as big as Gradio's own (10,000): Gradio's behaviour before
  the bound, for comparison.

The floor of each run is the server's resident memory after warming up (Alice opens her
page and asks a question) and after the flooder has opened one full share of pages, so
the ratio is the growth the flood adds beyond what one user may legitimately hold. After
the flood Alice's page, opened before it, must still be answered.

    python -m bench.sessions
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.coldstart import env_for, free_port, wait_http
from bench.common import Row, Target, indexed, record

FLOOD = 2000
USERS = "alice:wonder-land,bob:builder"


class Visitor:
    """A signed-in visitor calling the page-load event over HTTP as the page does."""

    def __init__(self, url: str, user: str, password: str) -> None:
        import httpx

        self.client = httpx.Client(base_url=url, timeout=60)
        answer = self.client.post("login", data={"username": user, "password": password})
        answer.raise_for_status()
        config = self.client.get("config").json()
        components = {c["id"]: c for c in config["components"]}
        deps = [d for d in config["dependencies"] if d.get("backend_fn")]
        self.load = next(
            d["id"]
            for d in deps
            if d["targets"]
            and d["targets"][0][1] == "load"
            and d["inputs"]
            and components[d["inputs"][0]]["type"] == "browserstate"
        )
        self.ask = next(
            d["id"]
            for d in deps
            if d["targets"]
            and d["targets"][0][1] == "submit"
            and components.get(d["targets"][0][0], {}).get("props", {}).get("elem_id") == "question"
        )

    def open_page(self, session_hash: str) -> int:
        body = {"data": [None, None], "fn_index": self.load, "session_hash": session_hash}
        return int(self.client.post("gradio_api/run/predict", json=body).status_code)

    def question_saved(self, session_hash: str, question: str) -> bool:
        """Ask on an open page (the step that saves the question, unqueued here as the
        page's own submit is queued: the queue would add nothing to what is measured)."""
        body = {
            "data": [None, question, None, False],
            "fn_index": self.ask,
            "session_hash": session_hash,
        }
        joined = self.client.post("gradio_api/queue/join", json=body)
        if joined.status_code != 200:
            return False
        with self.client.stream(
            "GET", "gradio_api/queue/data", params={"session_hash": session_hash}
        ) as stream:
            for line in stream.iter_lines():
                if "process_completed" in line:
                    return "reload" not in line and question in line
        return False


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def flood_run(settings: Any, extra_env: dict[str, str], share: int) -> dict[str, Any]:
    import secrets
    import subprocess

    from bench.coldstart import CAREERBOT

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**env_for(settings), "CAREERBOT_AUTH": USERS, **extra_env}
    process = subprocess.Popen(
        [str(CAREERBOT), "ui", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_http(url, 180):
            raise RuntimeError("careerbot ui did not come up within 180 s")
        alice = Visitor(url, "alice", "wonder-land")
        bob = Visitor(url, "bob", "builder")
        hers = secrets.token_hex(6)
        alice.open_page(hers)
        alice.question_saved(hers, "What does a data engineer do?")  # warm: loads the model
        for _ in range(share):  # what one user may hold anyway
            bob.open_page(secrets.token_hex(6))
        time.sleep(1)
        floor = rss_mib(process.pid)
        start = time.perf_counter()
        statuses = [bob.open_page(secrets.token_hex(6)) for _ in range(FLOOD)]
        elapsed = time.perf_counter() - start
        time.sleep(1)
        after = rss_mib(process.pid)
        answered = alice.question_saved(hers, "What skills does a data analyst need?")
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "floor": floor,
        "after": after,
        "accepted": sum(s == 200 for s in statuses),
        "throttled": sum(s == 429 for s in statuses),
        "elapsed": elapsed,
        "answered": answered,
    }


def main() -> dict[str, Any]:
    from bot.core.settings import Settings

    settings = indexed("bundled")
    share = Settings.model_fields["ui_sessions_per_user"].default
    lifted = {"CAREERBOT_UI_PAGE_LOADS": "1000000/minute"}
    unbounded = {
        **lifted,
        "CAREERBOT_UI_SESSIONS_PER_USER": "100000",
        "CAREERBOT_UI_SESSION_CAPACITY": "10000",
    }
    runs = {
        "as configured": flood_run(settings, {}, share),
        "throttle lifted": flood_run(settings, lifted, share),
        "unbounded (Gradio's own)": flood_run(settings, unbounded, share),
    }
    figures: dict[str, str] = {}
    for name, run in runs.items():
        figures[name] = (
            f"{FLOOD} page loads in {run['elapsed']:.0f} s: {run['accepted']} accepted, "
            f"{run['throttled']} throttled; RSS {run['floor']:.0f} -> {run['after']:.0f} MiB "
            f"({run['after'] / run['floor']:.2f}x); Alice answered: {run['answered']}"
        )
    kept, lifted_run = runs["as configured"], runs["throttle lifted"]
    targets = [
        Target.at_most("flood RSS <= 1.1x floor (configured)", kept["after"] / kept["floor"], 1.1),
        Target.at_most(
            "flood RSS <= 1.1x floor (throttle lifted)",
            lifted_run["after"] / lifted_run["floor"],
            1.1,
        ),
        Target(
            "Alice answered after each bounded flood",
            bool(kept["answered"] and lifted_run["answered"]),
            limit="yes",
        ),
    ]
    record(Row("UI page-load flood, server memory vs floor", figures, targets=targets))
    return runs


if __name__ == "__main__":
    main()
