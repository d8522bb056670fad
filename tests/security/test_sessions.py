"""Attack 1 of issue 25 (session takeover) and the smaller "no page load" one, on a real
``careerbot ui`` server with two signed-in users: Bob sends every backend event the app
declares, once under Alice's session hash and once under his own with Alice's chat id in
every input that takes one; nothing of Alice's comes back and none of her rows change."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from bot.storage.feedback import FeedbackStore
from tests.security.conftest import SECRET, Two
from tests.security.gradio_http import Event, GradioHttp

PROBE = "1:1:bob-probe"


def page_load(events: list[Event]) -> Event:
    (start,) = [
        e
        for e in events
        if e.event == "load" and [c["type"] for c in e.inputs][:1] == ["browserstate"]
    ]
    return start


def probe_inputs(event: Event, chat_id: str) -> list[Any]:
    """A value for each input, as the page would send it; every chat-id-like input gets
    the victim's chat id."""
    values: list[Any] = []
    for component in event.inputs:
        kind = component["type"]
        props = component.get("props", {})
        if kind in ("state", "browserstate", "file", "dropdown"):
            values.append(None)
        elif kind == "radio" and props.get("elem_id") == "conversations":
            values.append(chat_id)
        elif kind == "radio":
            values.append((props.get("choices") or [[None, None]])[0][1])
        elif kind == "textbox":
            values.append(PROBE)
        elif kind == "checkbox":
            values.append(False)
        elif kind == "button":
            values.append(props.get("value"))
        elif kind == "checkboxgroup":
            values.append([])
        elif kind == "api":
            values.append("What does a data engineer do?")
        else:
            values.append(props.get("value"))
    return values


EVENT_DATA = {
    "like": {"index": [1, 0], "value": "x", "liked": True},
    "edit": {"index": 0, "value": PROBE, "previous_value": "x"},
    "option_select": {"index": 0, "value": PROBE},
    "select": {"index": 0, "value": PROBE},
}


def snapshot(settings: Settings) -> tuple[Any, ...]:
    """Everything stored for Alice (and any row without an owner)."""
    chats = ConversationStore(settings.sql_url)
    rows = [(o, s.id, s.title, s.updated_at) for o, s in chats.all() if o in ("user:alice", "")]
    full = [chats.get(None, row[1]) for row in rows]
    feedback = [f for f in FeedbackStore(settings.sql_url).items() if f.owner == "user:alice"]
    return rows, [c.messages if c else None for c in full], len(feedback)


@pytest.mark.slow
def test_every_event_under_another_users_session_leaks_and_changes_nothing(two: Two) -> None:
    events = two.alice.events()
    start = page_load(events)
    victim = GradioHttp.new_session()
    # The positive control: Alice's own page load under her session shows her chat.
    opened = two.alice.call(start, [None, None], victim)
    assert SECRET in opened.text
    before = snapshot(two.settings)
    chat_events = [e for e in events if e is not start]
    assert len(chat_events) >= 30  # every event of the page, not a hand-picked few
    # The page load last: on the old code it repointed the session to Bob, which would have
    # hidden what every other event does with Alice's session.
    for event in [*chat_events, start]:
        data = probe_inputs(event, two.alice_chat)
        reply = two.bob.call(event, data, victim, EVENT_DATA.get(event.event))
        assert SECRET not in reply.text, (event.fn_index, event.event, event.elem_id)
    assert snapshot(two.settings) == before
    # Alice's page still works: Bob's events did not repoint her session.
    again = two.alice.call(start, [None, None], victim)
    assert SECRET in again.text


@pytest.mark.slow
def test_every_event_with_another_users_chat_id_in_ones_own_session(two: Two) -> None:
    events = two.bob.events()
    start = page_load(events)
    own = GradioHttp.new_session()
    assert two.bob.call(start, [None, None], own).status == 200
    before = snapshot(two.settings)
    for event in events:
        if event is start:
            continue
        data = probe_inputs(event, two.alice_chat)
        reply = two.bob.call(event, data, own, EVENT_DATA.get(event.event))
        assert SECRET not in reply.text, (event.fn_index, event.event, event.elem_id)
    assert snapshot(two.settings) == before


@pytest.mark.slow
def test_a_session_that_skipped_the_page_load_saves_nothing(two: Two) -> None:
    """Before: a question sent without the page-load event was saved with an empty owner."""
    events = two.bob.events()
    (ask,) = [e for e in events if e.event == "submit" and e.elem_id == "question"]
    fresh = GradioHttp.new_session()
    question = "What does a data engineer do? no-load"
    reply = two.bob.call(ask, [question, None, None, False, "", 0], fresh)
    assert "reload the page" in reply.text
    chats = ConversationStore(two.settings.sql_url)
    assert not [s for o, s in chats.all() if "no-load" in s.title or not o]
