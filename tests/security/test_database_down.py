"""Attack 8 of issue 25: PostgreSQL stopped mid-chat turned the chat and the sidebar into red
"Error" badges, the transcript disappeared, no words said why, and the question was lost.

A real ``careerbot ui`` with sign-in keeps its chats in a real PostgreSQL (tests/postgres.py);
Alice chats in Chromium while the server is stopped (``pg_ctl stop``) and started again. Her
question in the gap is answered, the page says in words that saved chats are unavailable
(with the driver's first line, in the server log too), and the question is saved once the
database is back. Bob, opening the app during the gap, is told in words as well, and gets
nothing of Alice's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.postgres import PostgresServer, postgres_server
from tests.security.conftest import opened
from tests.ui_server import signed_in_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BEFORE = "What does a data engineer do?"
DURING = "What skills does a data engineer need? (asked while the database is down)"
AFTER = "Which tools does a data engineer use?"
UNAVAILABLE = "Saved chats are unavailable right now"


@dataclass
class Deployment:
    url: str
    settings: Settings
    database: PostgresServer


@pytest.fixture
def deployment(fake_settings: Settings) -> Iterator[Deployment]:
    with (
        postgres_server() as database,
        signed_in_app(fake_settings, database_url=database.url, server_timeout=2.0) as app,
    ):
        yield Deployment(app.url, app.settings, database)


def questions(page: object) -> list[str]:
    return list(page.locator("#chat [data-testid=user]").all_inner_texts())  # type: ignore[attr-defined]


def test_a_question_asked_while_postgres_is_down_is_answered_told_and_saved_later(
    deployment: Deployment, caplog: pytest.LogCaptureFixture, chromium: Any
) -> None:
    from tests.test_browser import ask

    caplog.set_level(logging.WARNING, logger="careerbot.ui")
    alice = opened(chromium, deployment.url, "alice")
    assert ask(alice, BEFORE).strip()

    deployment.database.stop()
    try:
        reply = ask(alice, DURING)
        # Answered, in words, with the turn before it still on screen.
        assert reply.strip() and "Something went wrong" not in reply, reply
        alice.get_by_text(UNAVAILABLE).first.wait_for()
        told = alice.get_by_text(UNAVAILABLE).first.inner_text()
        assert "Cannot reach the database (" in told, told
        assert questions(alice) == [BEFORE, DURING], questions(alice)
        assert alice.get_by_text("Error", exact=True).count() == 0

        # Bob opens the app in the gap: words, no badge, nothing of Alice's.
        bob = opened(chromium, deployment.url, "bob")
        bob.get_by_text(UNAVAILABLE).first.wait_for()
        assert bob.get_by_text("Error", exact=True).count() == 0
        assert questions(bob) == []
        assert BEFORE not in bob.content() and DURING not in bob.content()
    finally:
        deployment.database.start()

    # Back: the next question is answered and the held one saved before it.
    assert ask(alice, AFTER).strip()
    assert alice.get_by_text("Error", exact=True).count() == 0
    alice.reload()
    alice.locator("#question textarea").wait_for()
    alice.wait_for_function("() => document.querySelector('#replies')")
    alice.get_by_text(AFTER).first.wait_for()
    assert questions(alice) == [BEFORE, DURING, AFTER], questions(alice)

    chats = ConversationStore(deployment.settings.sql_url)
    (summary,) = chats.recent("user:alice")
    saved = chats.get("user:alice", summary.id)
    assert saved is not None
    asked = [m["content"] for m in saved.messages if m["role"] == "user"]
    assert asked == [BEFORE, DURING, AFTER], asked
    assert chats.recent("user:bob") == []
    # The server log names the cause with the driver's first line, and no traceback.
    logged = [r for r in caplog.records if "Cannot reach the database (" in r.getMessage()]
    assert logged, [r.getMessage() for r in caplog.records]
    assert all(r.exc_info is None for r in caplog.records if r.name == "careerbot.ui")


def _reloaded(page: object) -> None:
    page.reload()  # type: ignore[attr-defined]
    page.locator("#question textarea").wait_for()  # type: ignore[attr-defined]
    page.wait_for_function("() => document.querySelector('#replies')")  # type: ignore[attr-defined]


def _saved_questions(deployment: Deployment) -> list[str]:
    chats = ConversationStore(deployment.settings.sql_url)
    (summary,) = chats.recent("user:alice")
    saved = chats.get("user:alice", summary.id)
    assert saved is not None
    return [str(m["content"]) for m in saved.messages if m["role"] == "user"]


def test_a_page_reloaded_while_postgres_is_down_shows_the_held_chat(
    deployment: Deployment, chromium: Any
) -> None:
    """Before: the reload opened an empty new chat (the held question was saved later, but
    not shown meanwhile)."""
    from tests.test_browser import ask

    alice = opened(chromium, deployment.url, "alice")
    assert ask(alice, BEFORE).strip()  # type: ignore[arg-type]
    deployment.database.stop()
    try:
        assert ask(alice, DURING).strip()  # type: ignore[arg-type]
        _reloaded(alice)
        alice.get_by_text(UNAVAILABLE).first.wait_for()  # type: ignore[attr-defined]
        assert questions(alice) == [BEFORE, DURING], questions(alice)
        assert alice.get_by_text("Error", exact=True).count() == 0  # type: ignore[attr-defined]
    finally:
        deployment.database.start()
    _reloaded(alice)
    alice.get_by_text(DURING).first.wait_for()  # type: ignore[attr-defined]
    assert questions(alice) == [BEFORE, DURING], questions(alice)
    assert _saved_questions(deployment) == [BEFORE, DURING]


# A frozen server answers nothing: each database call waits its server_timeout (2 s here)
# before it gives up; the reply reads, saves and lists once each.
DEADLINE = 30.0


def test_a_frozen_postgres_is_told_once_within_a_deadline_and_recovers(
    deployment: Deployment, chromium: Any
) -> None:
    import time

    from tests.test_browser import ask

    alice = opened(chromium, deployment.url, "alice")
    assert ask(alice, BEFORE).strip()  # type: ignore[arg-type]
    with deployment.database.frozen():
        started = time.monotonic()
        reply = ask(alice, DURING)  # type: ignore[arg-type]
        alice.get_by_text(UNAVAILABLE).first.wait_for()  # type: ignore[attr-defined]
        elapsed = time.monotonic() - started
        told = alice.get_by_text(UNAVAILABLE).all_inner_texts()  # type: ignore[attr-defined]
        assert reply.strip() and "Something went wrong" not in reply, reply
        assert questions(alice) == [BEFORE, DURING], questions(alice)
        assert alice.get_by_text("Error", exact=True).count() == 0  # type: ignore[attr-defined]
    print(f"frozen PostgreSQL: answered and told in {elapsed:.1f} s")
    assert elapsed < DEADLINE, elapsed
    assert len(told) == 1 and "Cannot reach the database (" in told[0], told
    # Resumed: the next question is answered and everything is saved.
    assert ask(alice, AFTER).strip()  # type: ignore[arg-type]
    _reloaded(alice)
    alice.get_by_text(AFTER).first.wait_for()  # type: ignore[attr-defined]
    assert questions(alice) == [BEFORE, DURING, AFTER], questions(alice)
    assert _saved_questions(deployment) == [BEFORE, DURING, AFTER]
