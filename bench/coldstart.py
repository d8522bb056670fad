"""Cold start, each in a fresh process: ``careerbot --help``, the first answer of
``careerbot ask`` with each embedding backend against the torch floor process, and the web
app answering HTTP.

The torch floor process is the least any torch-based one-shot answer can cost: a fresh
Python that imports torch and sentence-transformers, loads the model, embeds one query and
runs one k-NN query on the bundled index (no answer composed). The ONNX one-shot ask must
not import torch at all; its target is half the floor, measured in the same run.

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

from bench.common import Row, Target, indexed, p50, record

TARGET_HELP_SECONDS = 0.5
TARGET_ONNX_RATIO = 0.5  # one-shot ask with onnx <= this x the torch floor process
QUESTION = "What does a data engineer do?"
ASK_RUNS = 5

# The torch floor: argv = chroma dir, collection name, question.
FLOOR = """
import sys
import chromadb
import torch  # noqa: F401
from chromadb.config import Settings
from sentence_transformers import SentenceTransformer
from bot.index.embeddings import resolve_model_path

model = SentenceTransformer(resolve_model_path(""), device="cpu")
vector = model.encode([sys.argv[3]], normalize_embeddings=True)[0].tolist()
client = chromadb.PersistentClient(sys.argv[1], Settings(anonymized_telemetry=False))
hits = client.get_collection(sys.argv[2]).query(query_embeddings=[vector], n_results=6)
assert hits["ids"][0], "no hits"
"""
CAREERBOT = Path(sys.executable).parent / "careerbot"


def env_for(settings: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env.update(
        CAREERBOT_DATA_DIR=str(settings.data_dir),
        CAREERBOT_CORPUS_DIR=str(settings.corpus_dir),
    )
    return env


def floor_cmd(settings: Any) -> list[str]:
    from bot.index.store import collection_name

    chroma = str(settings.data_dir / "chroma")
    return [sys.executable, "-c", FLOOR, chroma, collection_name(settings), QUESTION]


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


def one_shot_asks(settings: Any, runs: int = ASK_RUNS) -> dict[str, list[float]]:
    """Fresh-process times of the floor and of ``careerbot ask`` per backend, interleaved
    so that a busy moment of the machine falls on all three alike."""
    from bot.index.embeddings import resolve_model_path
    from bot.index.onnx_backend import export, export_dir

    path = resolve_model_path("")
    export(path, export_dir(path, settings.onnx_cache_dir))  # the one-off export is not timed
    ask = [str(CAREERBOT), "ask", QUESTION]
    cache = str(settings.onnx_cache_dir)
    envs = {
        backend: {
            **env_for(settings),
            "CAREERBOT_EMBEDDING_BACKEND": backend,
            "CAREERBOT_ONNX_CACHE_DIR": cache,
        }
        for backend in ("torch", "onnx")
    }
    times: dict[str, list[float]] = {"floor": [], "torch": [], "onnx": []}
    wall(floor_cmd(settings), envs["torch"])  # warm the page cache, not measured
    wall(ask, envs["onnx"])
    for _ in range(runs):
        times["floor"].append(wall(floor_cmd(settings), envs["torch"]))
        times["torch"].append(wall(ask, envs["torch"]))
        times["onnx"].append(wall(ask, envs["onnx"]))
    return times


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    env = env_for(settings)
    load_before = os.getloadavg()[0]
    helps = [wall([str(CAREERBOT), "--help"], env) for _ in range(5)]
    asks = one_shot_asks(settings)
    floor, torch, onnx = (p50(asks[k]) for k in ("floor", "torch", "onnx"))
    ui = ui_ready_seconds(settings)
    help_p50 = p50(helps)
    onnx_ratio = onnx / floor
    record(
        Row(
            "cold start",
            {
                "careerbot --help p50 (5 runs)": f"{help_p50:.3f} s",
                f"torch floor process p50 ({ASK_RUNS})": f"{floor:.2f} s",
                f"careerbot ask, torch, p50 ({ASK_RUNS})": (
                    f"{torch:.2f} s ({torch / floor:.2f}x floor)"
                ),
                f"careerbot ask, onnx, p50 ({ASK_RUNS})": f"{onnx:.2f} s ({onnx_ratio:.2f}x floor)",
                "careerbot ui until HTTP 200": f"{ui:.2f} s",
                # Other jobs on the machine slow every figure; the ratios are interleaved.
                "load average (1 min) before/after": (
                    f"{load_before:.1f}/{os.getloadavg()[0]:.1f}"
                ),
            },
            targets=[
                Target(
                    f"careerbot --help < {TARGET_HELP_SECONDS} s",
                    help_p50 < TARGET_HELP_SECONDS,
                    limit=f"< {TARGET_HELP_SECONDS} s",
                    figure=f"{help_p50:.3f} s",
                ),
                Target.at_most(
                    "one-shot ask (onnx) vs torch floor process",
                    onnx_ratio,
                    TARGET_ONNX_RATIO,
                    f"{onnx:.2f} s vs {floor:.2f} s",
                ),
            ],
        )
    )
    return {"help": help_p50, "floor": floor, "ask_torch": torch, "ask_onnx": onnx, "ui": ui}


if __name__ == "__main__":
    main()
