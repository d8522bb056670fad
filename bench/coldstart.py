"""Cold start, each in a fresh process: ``careerbot --help``, the first answer of
``careerbot ask``, and the web app answering HTTP.

    python -m bench.coldstart
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import Row, indexed, p50, record, verdict

TARGET_HELP_SECONDS = 0.5
CAREERBOT = Path(sys.executable).parent / "careerbot"


def env_for(settings: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env.update(
        CAREERBOT_DATA_DIR=str(settings.data_dir),
        CAREERBOT_CORPUS_DIR=str(settings.corpus_dir),
    )
    return env


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def start_ui(settings: Any, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(CAREERBOT), "ui", "--port", str(port)],
        env=env_for(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def ui_ready_seconds(settings: Any, timeout: float = 180) -> float:
    port = free_port()
    start = time.perf_counter()
    process = start_ui(settings, port)
    try:
        if not wait_http(f"http://127.0.0.1:{port}/", timeout):
            return float("nan")
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    env = env_for(settings)
    helps = [wall([str(CAREERBOT), "--help"], env) for _ in range(5)]
    asks = [wall([str(CAREERBOT), "ask", "What does a data engineer do?"], env) for _ in range(3)]
    ui = ui_ready_seconds(settings)
    help_p50 = p50(helps)
    record(
        Row(
            "cold start",
            {
                "careerbot --help p50 (5 runs)": f"{help_p50:.3f} s",
                "careerbot ask, fresh process p50 (3)": f"{p50(asks):.2f} s",
                "careerbot ui until HTTP 200": f"{ui:.2f} s",
            },
            verdict({f"--help < {TARGET_HELP_SECONDS} s": help_p50 < TARGET_HELP_SECONDS}),
        )
    )
    return {"help": help_p50, "ask": p50(asks), "ui": ui}


if __name__ == "__main__":
    main()
