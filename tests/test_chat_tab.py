"""The Chat tab's handlers, on the real indexed fixture corpus (the browser tests drive the
same handlers through the page)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.chatbot import Chatbot
from ui.chat_tab import (
    ERROR_MARK,
    add_question,
    conversation,
    drop_last_answer,
    plain,
    stream_reply,
)


def gradio_form(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages as Gradio 6 hands them to an event: content as typed parts."""
    return [
        {**m, "content": [{"type": "text", "text": m["content"]}], "options": None}
        for m in messages
    ]


def test_plain_reads_gradio_messages() -> None:
    sent = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "x [1]", "metadata": None},
        {"role": "assistant", "content": "panel", "metadata": {"title": "Sources", "id": 1}},
        {"role": "system", "content": "ignored"},
    ]
    assert plain(gradio_form(sent)) == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "x [1]"},
        {
            "role": "assistant",
            "content": "panel",
            "metadata": {"title": "Sources", "status": "done"},
        },
    ]


def test_conversation_leaves_out_panels_and_errors() -> None:
    chat = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": f"{ERROR_MARK}oops"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
        {"role": "assistant", "content": "panel", "metadata": {"title": "Sources"}},
    ]
    assert conversation(chat) == [
        {"role": "user", "content": "q1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
    ]


def test_add_question() -> None:
    assert add_question("What now?", []) == ("", [{"role": "user", "content": "What now?"}])
    with pytest.warns(UserWarning, match="Type a question first"):
        assert add_question("   ", []) == ("   ", [])


def test_stream_reply_grows_then_adds_the_sources_panel(chatbot: Chatbot) -> None:
    chat = [{"role": "user", "content": "What does a data engineer do?"}]
    frames = list(stream_reply(chatbot, gradio_form(chat)))
    final = frames[-1]
    assert final[0] == chat[0]
    answer, panel = final[1], final[2]
    assert "[1]" in answer["content"]
    assert panel["metadata"]["title"].startswith("Sources:")
    assert "data-engineer" in panel["content"]
    # earlier frames are the same answer, shorter, without a panel
    for frame in frames[:-1]:
        assert len(frame) <= 2
        assert answer["content"].startswith(frame[-1]["content"][:20])


def test_follow_up_uses_the_history(chatbot: Chatbot) -> None:
    first = list(
        stream_reply(chatbot, [{"role": "user", "content": "What does a data analyst do?"}])
    )
    chat = [*first[-1], {"role": "user", "content": "Which tools do they use?"}]
    final = list(stream_reply(chatbot, chat))[-1]
    panel = final[-1]
    assert "data-analyst" in panel["content"] and "data-engineer" not in panel["content"]


def test_stream_reply_turns_mistakes_and_bugs_into_messages(chatbot: Chatbot) -> None:
    frames = list(stream_reply(chatbot, [{"role": "user", "content": "   "}]))
    assert frames[-1][-1]["content"].startswith(ERROR_MARK)

    class Broken:
        def stream(self, question: str, history: object) -> Any:
            raise RuntimeError("secret internals")

    final = list(stream_reply(Broken(), [{"role": "user", "content": "q"}]))[-1]  # type: ignore[arg-type]
    assert "logged" in final[-1]["content"] and "secret" not in final[-1]["content"]


def test_nothing_pending_means_nothing_asked(chatbot: Chatbot) -> None:
    chat = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
    assert list(stream_reply(chatbot, chat)) == [chat]


def test_drop_last_answer_for_retry() -> None:
    chat = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
        {"role": "assistant", "content": "panel", "metadata": {"title": "Sources"}},
    ]
    assert drop_last_answer(chat) == chat[:3]
    assert drop_last_answer([]) == []
