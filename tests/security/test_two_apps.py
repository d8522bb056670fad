"""Two ``careerbot ui`` processes on one data dir (the same SQLite database, the same
embedded Chroma index): people chatting on both at once corrupt nothing, and a re-index
in one while the other has the index open is refused with one clear message (an update
the other process could not see would leave it answering from stale vectors) and writes
nothing; with the other process gone, the same re-index runs.

Each app is a real process (``ui.app.launch``, as ``careerbot ui`` runs it), with the fast
test embeddings registered first so that both share the index built here."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import collection_name, vector_store
from bot.storage.conversations import ConversationStore
from ingest.records import record_manager
from ingest.verify import find_drift
from tests.security.gradio_http import GradioHttp
from tests.security.test_flood import asking, opened_page
from tests.security.test_library_roles import writer
from tests.ui_server import PASSWORDS, TWO_USERS, free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# This test's own process never opens the index while the apps run: a process that has
# the embedded store open counts as its user for good, and would refuse every re-index too.
FAST_MODEL = """
from bot.index.embeddings import register_model
from tests.fakes import FAKE_MODEL, HashEmbeddings
register_model(FAKE_MODEL, HashEmbeddings())
from bot.core.settings import Settings
"""
APP = FAST_MODEL + "from ui.app import launch\nlaunch(Settings())\n"
INGEST = FAST_MODEL + "import ingest\ningest.run(Settings())\n"
IN_USE = "has the embedded index"
QUESTIONS = [
    "What does a data engineer do?",
    "What skills does a data analyst need?",
    "Which tools does a data scientist use?",
    "How much does a data engineer earn?",
]
NEW_GUIDE = """---
role: data-steward
title: Data Steward
---
# Data Steward

## Overview
Data stewards own the business glossary.
"""


def child_env(settings: Settings, port: int = 0) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env.update(
        CAREERBOT_DATA_DIR=str(settings.data_dir),
        CAREERBOT_CORPUS_DIR=str(settings.corpus_dir),
        CAREERBOT_EMBEDDING_MODEL=settings.embedding_model,
        CAREERBOT_AUTH=TWO_USERS,
        CAREERBOT_ADMINS="alice",
        CAREERBOT_UI_PORT=str(port),
        PYTHONPATH=str(ROOT),
    )
    return env


@contextmanager
def app_process(settings: Settings) -> Iterator[str]:
    """One app process on ``settings``' data dir; its URL, stopped (SIGTERM) afterwards."""
    port = free_port()
    env = child_env(settings, port)
    child = subprocess.Popen(
        [sys.executable, "-c", APP], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            try:
                if httpx.get(url, timeout=5).status_code in (200, 401):
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise AssertionError(f"the app on {url} never answered")
        yield url
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def chat(url: str, user: str) -> list[str]:
    """``user`` signs in on ``url``, opens a page and asks every question; the replies."""
    visitor = GradioHttp(url)
    visitor.login(user, PASSWORDS[user])
    _start, ask, session = opened_page(visitor)
    return [visitor.call(ask, asking(q), session).text for q in QUESTIONS]


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def rows(path: Path, table: str) -> int:
    """Rows of a table, read with sqlite3 alone (no index client, no registration)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def written(settings: Settings) -> tuple[int, int]:
    """Chunk records and stored vectors: what a re-index would change."""
    data = settings.data_dir
    return rows(data / "records.sqlite", "upsertion_record"), rows(
        data / "chroma" / "chroma.sqlite3", "embeddings"
    )


def test_two_apps_on_one_data_dir_chat_safely_and_a_second_writer_is_told(
    fake_settings: Settings,
) -> None:
    subprocess.run([sys.executable, "-c", INGEST], env=child_env(fake_settings), check=True)
    before = written(fake_settings)
    (fake_settings.corpus_dir / "data-steward.md").write_text(NEW_GUIDE)
    with app_process(fake_settings) as first, app_process(fake_settings) as second:
        # Alice and Bob chat at the same time, on different processes, into one database.
        with ThreadPoolExecutor(2) as pool:
            replies = list(pool.map(chat, [first, second], ["alice", "bob"]))
        for reply in [r for user in replies for r in user]:
            assert "process_completed" in reply and "unexpected_error" not in reply, reply
        # A re-index in one app while the other has the index open: refused, in words.
        admin = GradioHttp(first)
        admin.login("alice", PASSWORDS["alice"])
        reindex = writer(admin.events(), "reindex", "click")
        refused = admin.call(reindex, [], GradioHttp.new_session()).text
        assert refused.count(json.dumps(IN_USE)[1:-1]) == 1, refused
        assert "Traceback" not in refused and "unexpected_error" not in refused
        assert written(fake_settings) == before  # nothing written
    # With the other process gone, the same re-index from one app runs.
    with app_process(fake_settings) as only:
        admin = GradioHttp(only)
        admin.login("alice", PASSWORDS["alice"])
        done = admin.call(writer(admin.events(), "reindex", "click"), [], "s1").text
        assert json.dumps(IN_USE)[1:-1] not in done and "data-steward.md" in done, done
    # No corruption: both databases pass SQLite's check, the index matches its records,
    # and every question of both people is saved once, with its answer, under its owner.
    assert integrity(fake_settings.data_dir / "records.sqlite") == "ok"
    assert integrity(fake_settings.data_dir / "chroma" / "chroma.sqlite3") == "ok"
    assert written(fake_settings)[0] > before[0]
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    drift = find_drift(store, record_manager(fake_settings, collection_name(fake_settings)))
    assert drift.clean and drift.records == drift.chunks, drift.summary()
    chats = ConversationStore(fake_settings.sql_url)
    assert {owner for owner, _ in chats.all()} == {"user:alice", "user:bob"}
    for owner in ("user:alice", "user:bob"):
        (summary,) = chats.recent(owner)
        saved = chats.get(owner, summary.id)
        assert saved is not None
        assert [m["content"] for m in saved.messages if m["role"] == "user"] == QUESTIONS
        assert [m["role"] for m in saved.messages] == ["user", "assistant"] * len(QUESTIONS)
