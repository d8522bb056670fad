"""The scale-out deployment, all real, on loopback: one Chroma server, one PostgreSQL, two
``careerbot ui`` processes and writers (``careerbot ingest``), each with a data dir of its
own as if on its own machine. Timings are printed (run with ``-s``), never asserted."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chroma_server import start_chroma, stop
from tests.conftest import FIXTURE_CORPUS
from tests.ui_server import free_port

pytestmark = pytest.mark.slow

EXE = Path(sys.executable).parent / "careerbot"
FACT = (
    "\n## Quokka duty\nEvery data engineer at Zorblax feeds the office quokka, "
    "whose name is Backfill, before the nightly pipelines run.\n"
)
QUESTION = "What is the name of the office quokka that data engineers feed at Zorblax?"


class Deployment:
    def __init__(self, root: Path, db_url: str) -> None:
        self.root = root
        self.corpus = root / "corpus"
        shutil.copytree(FIXTURE_CORPUS, self.corpus)
        self.chroma_port = free_port()
        self.chroma_path = root / "chroma-server"
        self.chroma = start_chroma(self.chroma_path, self.chroma_port, root / "chroma.log")
        self.db_url = db_url
        self.uis: list[tuple[subprocess.Popen[bytes], str]] = []
        self.timings: dict[str, float] = {}

    def env(self, machine: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
        env.update(
            {
                "CAREERBOT_DATA_DIR": str(self.root / machine),
                "CAREERBOT_CORPUS_DIR": str(self.corpus),
                "CAREERBOT_CHROMA_HOST": "127.0.0.1",
                "CAREERBOT_CHROMA_PORT": str(self.chroma_port),
                "CAREERBOT_DATABASE_URL": self.db_url,
            }
        )
        return env

    def careerbot(self, machine: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(EXE), *args], env=self.env(machine), capture_output=True, text=True, check=False
        )

    def start_ui(self, machine: str) -> str:
        port = free_port()
        log = (self.root / f"{machine}.log").open("wb")
        process = subprocess.Popen(
            [str(EXE), "ui", "--port", str(port)],
            env=self.env(machine),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}/"
        self.uis.append((process, url))
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{url}config", timeout=2)
                return url
            except OSError as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((self.root / f"{machine}.log").read_text()) from exc
                time.sleep(0.3)

    def restart_chroma(self) -> None:
        self.chroma = start_chroma(self.chroma_path, self.chroma_port, self.root / "chroma.log")

    def close(self) -> None:
        for process, _url in self.uis:
            stop(process)  # type: ignore[arg-type]
        stop(self.chroma)


@pytest.fixture
def deployment(tmp_path: Path, postgres_url: str) -> Iterator[Deployment]:
    running = Deployment(tmp_path, postgres_url)
    try:
        yield running
    finally:
        running.close()


def ask(url: str, question: str) -> dict[str, Any]:
    from gradio_client import Client

    result: dict[str, Any] = Client(url, verbose=False).predict(question, api_name="/ask")
    return result


def mentions_fact(answer: dict[str, Any]) -> bool:
    return "Backfill" in answer.get("answer", "") or any(
        "Quokka" in s.get("section", "") for s in answer.get("sources", [])
    )


def records(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM upsertion_record")).scalar())
    finally:
        engine.dispose()


def timed(timings: dict[str, float], name: str, started: float) -> None:
    timings[name] = round(time.monotonic() - started, 1)


def test_two_uis_one_writer_a_kill_and_a_chroma_restart(deployment: Deployment) -> None:
    d, t = deployment, deployment.timings

    start = time.monotonic()
    first = d.careerbot("writer-1", "ingest", "--json")
    assert first.returncode == 0, first.stderr
    timed(t, "first ingest (writer-1)", start)

    start = time.monotonic()
    ui_a, ui_b = d.start_ui("ui-a"), d.start_ui("ui-b")
    timed(t, "two UIs serving", start)
    start = time.monotonic()
    for url in (ui_a, ui_b):
        answer = ask(url, "What does a data engineer do?")
        assert answer["sources"] and not answer.get("error"), answer
    timed(t, "first answer from both UIs", start)

    # A guide edited and re-ingested by the writer: both UIs answer from it, no restart.
    guide = d.corpus / "data-engineer.md"
    guide.write_text(guide.read_text() + FACT)
    start = time.monotonic()
    assert d.careerbot("writer-1", "ingest").returncode == 0
    assert all(mentions_fact(ask(url, QUESTION)) for url in (ui_a, ui_b))
    timed(t, "edit -> re-ingest -> both UIs answer from it", start)

    # The writer killed with SIGKILL mid-ingest; a second writer (another machine) converges.
    for n, path in enumerate(sorted(d.corpus.glob("*.md"))):
        extra = "".join(
            f"\n## Topic {n}-{k}\nA {path.stem} handles scenario {n}-{k} with care, "
            f"writing notes {k} times about case {n * 100 + k} for the team.\n"
            for k in range(120)
        )
        path.write_text(path.read_text() + extra)
    before = records(d.db_url)
    writer = subprocess.Popen(
        [str(EXE), "ingest"],
        env=d.env("writer-1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while records(d.db_url) == before:
        assert writer.poll() is None, "the writer finished before it could be killed"
        time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    start = time.monotonic()
    second = d.careerbot("writer-2", "ingest", "--json")
    assert second.returncode == 0, second.stderr
    timed(t, "second writer converges after SIGKILL", start)
    verify = d.careerbot("writer-2", "index", "verify")
    assert verify.returncode == 0 and "in step" in verify.stdout, verify.stdout + verify.stderr
    again = d.careerbot("writer-1", "ingest", "--json")
    assert again.returncode == 0 and '"added": 0' in again.stdout and '"updated": 0' in again.stdout

    # The Chroma server restarts under a serving UI: one clear line in the gap, then answers.
    stop(d.chroma)
    start = time.monotonic()
    down = ask(ui_a, QUESTION)
    assert down.get("error") and "Cannot reach the vector store" in down["error"]
    assert "\n" not in down["error"] and not down["sources"]
    d.restart_chroma()
    timed(t, "Chroma restart (stop -> serving again)", start)
    start = time.monotonic()
    back = ask(ui_a, QUESTION)
    assert not back.get("error") and mentions_fact(back), back
    assert mentions_fact(ask(ui_b, QUESTION))
    timed(t, "first answers after the restart", start)
    print("\ndeployment timings (s):", t)
