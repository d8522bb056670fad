"""First run: ``make run`` in a fresh clone until the web app answers HTTP 200.

The clone is of this repository's HEAD (commit first), with a fresh data dir and a fresh
ONNX export cache, so the run installs, exports the model, indexes the bundled guides and
starts the UI exactly as on a new machine; only the package caches (pip, uv) are warm, as
they are on any machine that installed Python packages before.

    python -m bench.firstrun              # uv (the default installer)
    python -m bench.firstrun --pip        # INSTALLER=pip, for comparison
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import ROOT, Row, Target, record

TARGET_SECONDS = 120.0
TIMEOUT = 900.0
STAGE = re.compile(r"^\[(\d)/\d\] (.*?)\.\.\.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status) == 200
    except OSError:
        return False


def first_run(installer: str) -> dict[str, Any]:
    """Seconds from ``make run`` to HTTP 200, and when each stage line appeared."""
    work = Path(tempfile.mkdtemp(prefix="careerbot-firstrun-"))
    clone = work / "careerbot"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    port = free_port()
    env = {
        **os.environ,
        "CAREERBOT_UI_PORT": str(port),
        "XDG_DATA_HOME": str(work / "data"),
        "CAREERBOT_ONNX_CACHE_DIR": str(work / "onnx"),
        "INSTALLER": installer,
    }
    env.pop("VIRTUAL_ENV", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    stages: dict[str, float] = {}
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip())
            match = STAGE.match(line)
            if match:
                stages[match.group(2)] = time.perf_counter() - start

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    url, ready = f"http://127.0.0.1:{port}/", float("nan")
    try:
        while time.perf_counter() - start < TIMEOUT and process.poll() is None:
            if answers(url):
                ready = time.perf_counter() - start
                break
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
    if math.isnan(ready):  # it never answered
        print("\n".join(lines[-30:]))
    return {"ready": ready, "stages": stages, "installer": installer}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.firstrun")
    parser.add_argument("--pip", action="store_true", help="install with pip instead of uv")
    args = parser.parse_args(argv or [])
    found = first_run("pip" if args.pip else "uv")
    ready = found["ready"]
    figures = {"installer": found["installer"], "HTTP 200 after": f"{ready:.1f} s"}
    marks = sorted(found["stages"].items(), key=lambda item: item[1])
    ends = [*(t for _, t in marks[1:]), ready]
    for (name, began), ended in zip(marks, ends, strict=True):
        figures[name] = f"{ended - began:.1f} s"
    record(
        Row(
            "first run (fresh clone, make run, warm package cache, fresh model export)",
            figures,
            targets=[
                Target.at_most(
                    f"first run vs {TARGET_SECONDS:g} s",
                    ready / TARGET_SECONDS,
                    1.0,
                    f"{ready:.1f} s",
                )
            ],
        )
    )
    return found


if __name__ == "__main__":
    main(sys.argv[1:])
