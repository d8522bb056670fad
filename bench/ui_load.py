"""The web app under load: 1, 8 and 32 simultaneous ``gradio_client`` sessions calling the
``/ask`` endpoint of a running ``careerbot ui`` on loopback. Bounded: each session asks a
fixed number of questions. Every failed or empty answer is an error; p50 and p95 at 8 and 32
sessions are reported as ratios to the 1-session figures of the same run (the absolute
milliseconds say more about the machine). Target (issue 15): 32 sessions, 0 errors.

    python -m bench.ui_load
"""

from __future__ import annotations

import threading
import time
from typing import Any

from bench.coldstart import free_port, start_ui, wait_http
from bench.common import Row, Target, eval_questions, indexed, ms, p50, percentile, record

LEVELS = (1, 8, 32)
ANSWERS_PER_LEVEL = 64  # split across the sessions, so every level does the same work


def session(url: str, questions: list[str], latencies: list[float], errors: list[str]) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # a refused session is an error of the run, not a crash
        errors.append(f"connect: {exc}")
        return
    for question in questions:
        start = time.perf_counter()
        try:
            result = client.predict(question, api_name="/ask")
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - start)
        if not isinstance(result, dict) or result.get("error") or not result.get("answer"):
            errors.append(f"bad answer: {str(result)[:120]}")


def level(url: str, sessions: int, questions: list[str]) -> dict[str, Any]:
    per_session = max(1, ANSWERS_PER_LEVEL // sessions)
    latencies: list[float] = []
    errors: list[str] = []
    threads = []
    for n in range(sessions):
        mine = [questions[(n * per_session + i) % len(questions)] for i in range(per_session)]
        threads.append(threading.Thread(target=session, args=(url, mine, latencies, errors)))
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.perf_counter() - start
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    questions = [q for q, history in eval_questions() if not history]
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = start_ui(settings, port)
    figures: dict[str, str] = {}
    found: dict[int, dict[str, Any]] = {}
    try:
        if not wait_http(url, 180):
            raise RuntimeError("careerbot ui did not come up within 180 s")
        level(url, 1, questions[:2])  # warm-up: the first answer loads the model
        for sessions in LEVELS:
            found[sessions] = level(url, sessions, questions)
    finally:
        process.terminate()
        process.wait(timeout=30)
    one = found[1]["latencies"]
    base50, base95 = p50(one), percentile(one, 95)
    ratios: dict[int, tuple[float, float]] = {}
    for sessions, result in found.items():
        lat, errors = result["latencies"], result["errors"]
        ratios[sessions] = (p50(lat) / base50, percentile(lat, 95) / base95)
        figures[f"{sessions} sessions"] = (
            f"{len(lat)} answers, {len(lat) / result['elapsed']:.1f} answers/s, "
            f"p50 {ms(p50(lat))} ({ratios[sessions][0]:.2f}x), "
            f"p95 {ms(percentile(lat, 95))} ({ratios[sessions][1]:.2f}x), errors {len(errors)}"
        )
        if errors:
            figures[f"{sessions} sessions first error"] = errors[0][:160]
    top = LEVELS[-1]
    top_errors = len(found[top]["errors"])
    target = Target(
        f"{top} sessions: 0 errors",
        top_errors == 0,
        limit="0 errors",
        figure=(
            f"{top_errors} errors; p50 {ratios[top][0]:.2f}x, p95 {ratios[top][1]:.2f}x "
            "the 1-session figures"
        ),
    )
    record(Row("UI under load (/ask), ratios to 1 session", figures, targets=[target]))
    return {
        "errors": sum(len(r["errors"]) for r in found.values()),
        "ratios": ratios,
    }


if __name__ == "__main__":
    main()
