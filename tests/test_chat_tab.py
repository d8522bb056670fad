"""ui.chat_tab: the Chat tab's components, what Stop saves, and the per-owner chat data."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import gradio as gr
import pytest

import ingest
from bot.chatbot import Chatbot
from bot.core.settings import Settings
from ui import chat_tab
from ui.chat_tab import (
    ChatPage,
    Pending,
    Services,
    Sidebar,
    build_sidebar,
    conversation_list,
)
from ui.identity import identities_for

QUESTION = {"role": "user", "content": "What does a data engineer do?"}
SOURCE = {
    "role": "data-engineer",
    "title": "Data Engineer",
    "section": "Role",
    "source": "data-engineer.md",
    "score": 0.8,
}
# As ui.chat_view saves an answer: its text and its JSON form.
REPLY = {"role": "assistant", "content": "Builds pipelines [1].", "answer": {"sources": [SOURCE]}}


def _fields_match_their_types(instance: Any) -> None:
    hints = typing.get_type_hints(type(instance), vars(chat_tab))
    for f in dataclasses.fields(instance):
        value = getattr(instance, f.name)
        hint = hints[f.name]
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            assert value and all(isinstance(v, item) for v in value), f.name
        else:
            assert isinstance(value, hint), (f.name, type(value), hint)


def test_every_component_of_the_page_has_the_type_it_is_declared_with(
    fake_settings: Settings,
) -> None:
    with gr.Blocks():
        side = build_sidebar()
        with gr.Tab("Chat"):
            page = chat_tab._chat_components(Chatbot(fake_settings), fake_settings, side)
    assert isinstance(page, ChatPage) and isinstance(page.side, Sidebar)
    _fields_match_their_types(page.side)
    _fields_match_their_types(page)
    assert page.sidebar_outputs == [side.chats, side.title, side.export]


def test_stop_saves_the_question_with_what_was_shown() -> None:
    pending = Pending(before=[QUESTION, REPLY], question="And their salary?", shown="They earn")
    saved = pending.stopped()
    assert saved[:2] == [QUESTION, REPLY]
    assert saved[2] == {"role": "user", "content": "And their salary?"}
    assert saved[3]["error"] is True and saved[3]["content"] == f"They earn {chat_tab.STOPPED}"


def test_stop_before_any_text_keeps_no_searching_placeholder() -> None:
    saved = Pending(before=[], question="Q?", shown="_Searching the guides..._").stopped()
    assert saved[-1]["content"] == chat_tab.STOPPED


def test_chats_are_read_for_their_owner_only(fake_settings: Settings) -> None:
    services = Services.create(Chatbot(fake_settings), fake_settings)
    chat = services.conversations.create("browser:b1", [QUESTION, REPLY])
    assert services.messages("browser:b1", chat.id) == [QUESTION, REPLY]
    assert services.messages("browser:b2", chat.id) == []
    assert services.messages("", chat.id) == [] and services.messages("browser:b1", "") == []
    assert chat.id in conversation_list(services, "browser:b1", chat.id)
    assert chat.id not in conversation_list(services, "browser:b2", "")
    assert chat.id not in conversation_list(services, "", "")


def test_a_cited_guide_that_left_the_library_is_reported_removed(
    fake_settings: Settings,
) -> None:
    services = Services.create(Chatbot(fake_settings), fake_settings)
    guide = fake_settings.corpus_dir / "data-engineer.md"
    guide.write_text("# Data Engineer\n", encoding="utf-8")
    assert services.removed([QUESTION, REPLY]) == set()
    guide.unlink()
    assert services.removed([QUESTION, REPLY]) == {"data-engineer.md"}


def _edit(
    handlers: Any, user: str, page_owner: str, chosen: str, index: int, text: str
) -> list[Any]:
    """The edit event as Gradio calls it: the page's inputs, the edit, the request."""
    edited = gr.EditData(None, {"index": index, "value": text, "previous_value": ""})
    request = gr.Request(username=user)
    return list(handlers.edit(page_owner, chosen, False, "", 0, edited, request))


def test_an_edit_replaces_that_question_and_every_later_turn_for_its_owner_only(
    fake_settings: Settings,
) -> None:
    ingest.run(fake_settings)
    services = Services.create(Chatbot(fake_settings), fake_settings)
    handlers = chat_tab.Handlers(services, identities_for(fake_settings))
    later = {"role": "user", "content": "And their salary?"}
    alice = services.conversations.create("user:alice", [QUESTION, REPLY, later, REPLY])
    bob = services.conversations.create("user:bob", [QUESTION, REPLY])
    untouched = services.conversations.get("user:alice", alice.id)
    # Bob, with Alice's chat id in his own session: no question of his is there.
    with pytest.warns(UserWarning, match="no longer in this chat"):
        _edit(handlers, "bob", "user:bob", alice.id, 0, "What does a data analyst do?")
    # Bob's request under a page opened for Alice: refused before anything is read.
    with pytest.warns(UserWarning, match="reload the page"):
        _edit(handlers, "bob", "user:alice", alice.id, 0, "What does a data analyst do?")
    assert services.conversations.get("user:alice", alice.id) == untouched
    assert services.messages("user:bob", bob.id) == [QUESTION, REPLY]
    # An edit of an answer (row 1 on screen) changes nothing either.
    with pytest.warns(UserWarning, match="no longer in this chat"):
        _edit(handlers, "alice", "user:alice", alice.id, 1, "What does a data analyst do?")
    assert services.conversations.get("user:alice", alice.id) == untouched
    # Alice edits her first question (row 0): it and everything after it are replaced.
    frames = _edit(handlers, "alice", "user:alice", alice.id, 0, "What does a data analyst do?")
    saved = services.messages("user:alice", alice.id)
    assert [m["role"] for m in saved] == ["user", "assistant"]
    assert saved[0]["content"] == "What does a data analyst do?"
    assert "analyst" in str(saved[1]["content"]).lower() and not saved[1].get("error")
    assert frames[-1][2] == alice.id  # the same chat, not a new one
    assert services.conversations.recent("user:alice")[0].title == "What does a data analyst do?"
    assert services.messages("user:bob", bob.id) == [QUESTION, REPLY]


def _block(demo: Any, elem_id: str) -> Any:
    return next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == elem_id)


def test_opening_a_chat_writes_its_title_in_the_same_event_and_nothing_after_it_does(
    fake_settings: Settings,
) -> None:
    """The sidebar's title box gets the opened chat's title from the switch event itself,
    never from an event that runs after it (one would land after the person started typing
    a new title, and the browser test had to retry its typing)."""
    from ui.app import build

    ingest.run(fake_settings)
    demo = build(fake_settings)
    picked, title = _block(demo, "chat-pick"), _block(demo, "rename-title")
    fns = list(demo.fns.values())
    [switch] = [f for f in fns if (picked._id, "change") in f.targets]
    assert title in switch.outputs
    later, after = [], {switch._id}
    while True:  # every event chained after the switch, however deep
        found = [f for f in fns if f.trigger_after in after and f not in later]
        if not found:
            break
        later += found
        after |= {f._id for f in found}
    assert later and not [f for f in later if title in f.outputs]
    # And the event returns that chat's title (for its owner only).
    services = Services.create(Chatbot(fake_settings), fake_settings)
    handlers = chat_tab.Handlers(services, identities_for(fake_settings))
    chat = services.conversations.create("user:alice", [QUESTION, REPLY])
    alice = gr.Request(username="alice")
    opened = handlers.switch("user:alice", f"{chat.id}:1", False, "", alice)
    assert opened[0] == chat.id and opened[3].value == "What does a data engineer do?"
