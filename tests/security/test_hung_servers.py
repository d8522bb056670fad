"""Attack 7 of issue 25: servers that hang. A Chroma server or a PostgreSQL server stopped
with SIGSTOP (a GC pause, a frozen VM, a network black hole) still has its kernel accept
connections and acknowledge bytes, so only a timeout ends the wait. Every interface must
answer with the one-line "Cannot reach ..." message within about ``server_timeout``, and
the next question after the server resumes must be answered again.

Real servers throughout: ``chroma run`` (tests/chroma_server.py), Debian's PostgreSQL
(tests/postgres.py), the real app and model, Chromium through Playwright.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import ingest
from bot.core.settings import Settings
from tests.chroma_server import start_chroma, stop
from tests.conftest import FIXTURE_CORPUS, make_settings
from tests.postgres import frozen, running_postgres, server_pids
from tests.security.conftest import opened
from tests.ui_server import free_port, running_app

pytestmark = pytest.mark.slow

TIMEOUT = 2.0  # CAREERBOT_SERVER_TIMEOUT for these tests: short, so a hang shows quickly
# A question may touch the server a few times before it gives up (the reader's currency
# check, then opening the collection): each is bounded, so the whole is a few bounds.
WITHIN = 4 * TIMEOUT + 3
EXE = Path(sys.executable).parent / "careerbot"
QUESTION = "What does a data engineer do?"


@dataclass
class ChromaDeployment:
    settings: Settings
    server: subprocess.Popen[bytes]

    @contextmanager
    def stopped(self) -> Iterator[None]:
        """The server frozen (SIGSTOP), resumed (SIGCONT) afterwards whatever happens."""
        os.kill(self.server.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.server.pid, signal.SIGCONT)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
        env.update(
            {
                "CAREERBOT_DATA_DIR": str(self.settings.data_dir),
                "CAREERBOT_CORPUS_DIR": str(self.settings.corpus_dir),
                "CAREERBOT_CHROMA_HOST": "127.0.0.1",
                "CAREERBOT_CHROMA_PORT": str(self.settings.chroma_port),
                "CAREERBOT_SERVER_TIMEOUT": str(TIMEOUT),
            }
        )
        return env


@pytest.fixture(scope="module")
def chroma(
    tmp_path_factory: pytest.TempPathFactory, real_model: object
) -> Iterator[ChromaDeployment]:
    root = tmp_path_factory.mktemp("hung-chroma")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    port = free_port()
    server = start_chroma(root / "chroma", port, root / "chroma.log")
    try:
        settings = make_settings(
            root / "data", corpus, chroma_host="127.0.0.1", chroma_port=port, server_timeout=TIMEOUT
        )
        ingest.run(settings)
        yield ChromaDeployment(settings, server)
    finally:
        stop(server)


@pytest.fixture(scope="module")
def app_url(chroma: ChromaDeployment) -> Iterator[str]:
    with running_app(chroma.settings) as url:
        yield url


def api_ask(url: str, question: str) -> dict[str, Any]:
    from gradio_client import Client

    result: dict[str, Any] = Client(url, verbose=False).predict(question, api_name="/ask")
    return result


def test_api_ask_ends_with_one_line_when_chroma_is_stopped(
    chroma: ChromaDeployment, app_url: str
) -> None:
    assert api_ask(app_url, QUESTION)["sources"]  # served while the server runs
    with chroma.stopped():
        started = time.monotonic()
        stalled = api_ask(app_url, QUESTION)
        elapsed = time.monotonic() - started
    assert stalled["error"].startswith("Cannot reach the vector store"), stalled
    assert "\n" not in stalled["error"]
    assert elapsed < WITHIN, f"took {elapsed:.1f} s"
    # Resumed: the same app answers again, with sources.
    assert api_ask(app_url, QUESTION)["sources"]


def timed_run(
    args: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180, check=False)
    return result, time.monotonic() - started


def test_cli_ask_ends_with_one_line_when_chroma_is_stopped(chroma: ChromaDeployment) -> None:
    # What starting the command costs (imports, on a busy machine): the same command against
    # an address where nothing listens fails at once after it.
    refused, baseline = timed_run(
        [str(EXE), "ask", QUESTION], {**chroma.env(), "CAREERBOT_CHROMA_PORT": str(free_port())}
    )
    assert "Cannot reach the vector store" in refused.stderr, refused.stderr
    with chroma.stopped():
        result, elapsed = timed_run([str(EXE), "ask", QUESTION], chroma.env())
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cannot reach the vector store" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed - baseline < WITHIN, f"took {elapsed:.1f} s, {baseline:.1f} s to start"


def test_cli_ingest_ends_with_one_line_when_chroma_is_stopped(chroma: ChromaDeployment) -> None:
    with chroma.stopped():
        result = subprocess.run(
            [str(EXE), "ingest"],
            env=chroma.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode != 0
    assert "Cannot reach the vector store" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.browser
def test_web_chat_says_cannot_reach_when_chroma_is_stopped(
    chroma: ChromaDeployment, app_url: str, chromium: Any
) -> None:
    from tests.test_browser import ask

    page = opened(chromium, app_url)
    served = ask(page, QUESTION)
    assert "[1]" in served and "Cannot reach" not in served, served
    with chroma.stopped():
        started = time.monotonic()
        reply = ask(page, "What skills does a data engineer need?")
        elapsed = time.monotonic() - started
    assert "Cannot reach the vector store" in reply, reply
    assert elapsed < WITHIN + 5, f"took {elapsed:.1f} s"
    # No toast or badge that says only "Error" anywhere on the page.
    assert page.get_by_text("Error", exact=True).count() == 0
    # The question that met the stopped server is still in the chat.
    asked = page.locator("#chat [data-testid=user]").all_inner_texts()
    assert any("What skills does a data engineer need?" in a for a in asked)


# ---- PostgreSQL -------------------------------------------------------------------------


def test_stopped_postgres_bounds_open_and_new_connections(tmp_path: Path) -> None:
    from bot.storage.conversations import ConversationStore

    with running_postgres() as url:
        settings = Settings(data_dir=tmp_path, database_url=url, server_timeout=TIMEOUT)
        store = ConversationStore(settings.sql_url)
        chat = store.create("user:alice", [{"role": "user", "content": "hello"}])
        assert store.get("user:alice", chat.id) is not None  # a pooled connection is open
        with frozen(server_pids(url)):
            # The pooled connection: its ping waits for an answer that never comes.
            started = time.monotonic()
            with pytest.raises(Exception) as pooled:
                store.get("user:alice", chat.id)
            pooled_seconds = time.monotonic() - started
            # A new connection: the server never completes the start-up exchange.
            started = time.monotonic()
            with pytest.raises(Exception) as fresh:
                ConversationStore(settings.sql_url + "&application_name=fresh").all()
            fresh_seconds = time.monotonic() - started
        # Ping bounded (timeout + margin), then one reconnect bounded by connect_timeout.
        assert pooled_seconds < 2 * TIMEOUT + 3, pooled_seconds
        assert fresh_seconds < TIMEOUT + 2, fresh_seconds
        assert "did not answer" in str(pooled.value) or "timeout" in str(pooled.value)
        assert "timeout" in str(fresh.value)
        # Resumed: the same store works again (the broken connection was thrown away).
        assert store.get("user:alice", chat.id) is not None


def test_stopped_postgres_ingest_is_one_line(tmp_path: Path) -> None:
    with running_postgres() as url:
        corpus = tmp_path / "corpus"
        shutil.copytree(FIXTURE_CORPUS, corpus)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
        env.update(
            {
                "CAREERBOT_DATA_DIR": str(tmp_path / "data"),
                "CAREERBOT_CORPUS_DIR": str(corpus),
                "CAREERBOT_DATABASE_URL": url,
                "CAREERBOT_SERVER_TIMEOUT": str(TIMEOUT),
            }
        )
        elsewhere = url.replace(url.rsplit(":", 1)[1].split("/", 1)[0], str(free_port()))
        refused, baseline = timed_run(
            [str(EXE), "ingest"], {**env, "CAREERBOT_DATABASE_URL": elsewhere}
        )
        assert "Cannot reach the database" in refused.stderr, refused.stderr
        with frozen(server_pids(url)):
            result, elapsed = timed_run([str(EXE), "ingest"], env)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Cannot reach the database" in lines[0], result.stderr
        assert "timeout" in lines[0]
        assert elapsed - baseline < WITHIN, f"took {elapsed:.1f} s, {baseline:.1f} s to start"
