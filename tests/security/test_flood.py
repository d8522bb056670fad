"""Attack 2 of issue 25 (session store eviction): Bob, signed in, opens page after page.
Before, Gradio kept the newest 10,000 sessions of everyone together, so his flood pushed
Alice's out and her next question was saved with an empty owner and never answered. Now
page loads are throttled per person, and past his own share Bob's oldest pages go, never
Alice's; a page that was dropped anyway gets "please reload" and loses nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.security.gradio_http import Event, GradioHttp
from tests.ui_server import signed_in_app
from ui.sessions import TOO_MANY

PER_USER = 10
LOADS = 100  # Bob's allowance per minute, far past his share of live sessions
CAPACITY = 40


@pytest.fixture
def small(fake_settings: Settings) -> Iterator[tuple[Settings, GradioHttp, GradioHttp]]:
    with signed_in_app(
        fake_settings,
        ui_sessions_per_user=PER_USER,
        ui_page_loads=f"{LOADS}/minute",
        ui_session_capacity=CAPACITY,
    ) as app:
        yield app.settings, app.http("alice"), app.http("bob")


def named(events: list[Event]) -> tuple[Event, Event]:
    """The page load, and the question box's submit (one event: it shows the question,
    streams the answer and saves the turn)."""
    (start,) = [e for e in events if e.event == "load" and e.inputs[:1]]
    (ask,) = [e for e in events if e.event == "submit" and e.elem_id == "question"]
    return start, ask


def opened_page(visitor: GradioHttp) -> tuple[Event, Event, str]:
    """A page ``visitor`` opens: its page-load and submit events and its session hash."""
    start, ask = named(visitor.events())
    session = GradioHttp.new_session()
    assert visitor.call(start, [None, None], session).status == 200
    return start, ask, session


def asking(question: str) -> list[object]:
    """The submit's inputs: page owner (set by the server), question, open chat, details,
    sidebar search, replies so far."""
    return [None, question, None, False, "", 0]


@pytest.mark.slow
def test_one_users_page_load_flood_evicts_only_his_own_sessions(
    small: tuple[Settings, GradioHttp, GradioHttp],
) -> None:
    settings, alice, bob = small
    start, ask, hers = opened_page(alice)
    # Bob's flood: more pages than the whole store holds, then past his allowance.
    statuses = [bob.call(start, [None, None], GradioHttp.new_session()) for _ in range(LOADS + 20)]
    assert sum(r.status == 200 for r in statuses) == LOADS
    refused = [r for r in statuses if r.status == 429]
    assert len(refused) == 20 and TOO_MANY in refused[0].text
    # Alice's page, opened before the flood, still asks and is answered, under her name.
    question = "What does a data engineer do?"
    answered = alice.call(ask, asking(question), hers)
    assert "reload" not in answered.text
    assert "process_completed" in answered.text
    chats = ConversationStore(settings.sql_url)
    owners = {o for o, _s in chats.all()}
    assert owners == {"user:alice"}  # Bob's pages saved nothing; nothing without an owner
    (chat,) = chats.recent("user:alice")
    saved = chats.get("user:alice", chat.id)
    assert saved is not None and [m["role"] for m in saved.messages] == ["user", "assistant"]
    assert not saved.messages[-1].get("error"), saved.messages[-1]


@pytest.mark.slow
def test_a_dropped_session_asks_for_a_reload_and_loses_nothing(
    small: tuple[Settings, GradioHttp, GradioHttp],
) -> None:
    settings, alice, _bob = small
    start, ask, first = opened_page(alice)
    question = "What skills does a data analyst need?"
    assert alice.call(ask, asking(question), first).status == 200
    chats = ConversationStore(settings.sql_url)
    before = [(o, s.id, s.updated_at) for o, s in chats.all()]
    # More pages of her own than her share: her oldest page (the first) is dropped.
    for _ in range(PER_USER):
        assert alice.call(start, [None, None], GradioHttp.new_session()).status == 200
    lost = alice.call(ask, asking("A second question, typed in the old page"), first)
    assert "please reload the page" in lost.text
    assert [(o, s.id, s.updated_at) for o, s in chats.all()] == before  # nothing written
    # The reload: a new page reopens her chat with the question she saved.
    again = alice.call(start, [None, None], GradioHttp.new_session())
    assert question in again.text
