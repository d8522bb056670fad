"""A real Chroma server for tests: ``chroma run`` from the chromadb package, on loopback."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def start_chroma(path: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start ``chroma run`` on 127.0.0.1:port over ``path``; returns once it answers."""
    exe = Path(sys.executable).parent / "chroma"
    with log.open("ab") as out:
        server = subprocess.Popen(
            [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return server
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma run did not start: {log.read_text()}") from exc
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
