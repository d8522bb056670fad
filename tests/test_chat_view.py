"""What the Chat tab shows, from saved conversations, on the real indexed fixture corpus (the
browser tests drive the same functions through the page)."""

from __future__ import annotations

from typing import Any

from bot.chatbot import Chatbot
from bot.core.answer import Answer, Source
from ui.chat_view import (
    ERROR_MARK,
    SEARCHING,
    answer_message,
    display,
    history_of,
    reply_frames,
    sentence_steps,
    sentence_stream,
    turn_at,
)

SOURCE = Source("data-engineer", "Data Engineer", "DE > Tools", "de.md", 0.61, "Spark jobs.")


def test_answers_show_linked_citations_a_sources_panel_and_chips_on_the_last() -> None:
    first = answer_message(Answer("Pipelines [1].", [SOURCE], suggestions=["And pay?"]))
    last = answer_message(Answer("Spark [1].", [SOURCE], suggestions=["What tools?"]))
    saved = [
        {"role": "user", "content": "What does a DE do?"},
        first,
        {"role": "user", "content": "<b>tools</b>?"},
        last,
    ]
    shown = display(saved)
    assert [m["role"] for m in shown] == ["user", "assistant", "assistant"] * 2
    assert 'href="#cite-1-1-0"' in shown[1]["content"] and 'href="#cite-4-1-0"' not in str(shown)
    assert shown[2]["metadata"]["title"].startswith("Sources: 1 passage")
    assert "relevance" not in shown[2]["content"]
    assert "relevance 0.61" in display(saved, details=True)[2]["content"]
    assert "options" not in shown[2] and shown[-1]["options"] == [
        {"label": "What tools?", "value": "What tools?"}
    ]
    assert "<b>" not in shown[3]["content"]  # what people type is shown, never run
    # A thumb on either part of an answer is a thumb on that answer.
    assert turn_at(saved, 1) == turn_at(saved, 2) == 1
    assert turn_at(saved, 5) == 3 and turn_at(saved, 0) is None and turn_at(saved, 9) is None


def test_history_leaves_out_error_notes() -> None:
    saved = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": f"{ERROR_MARK}oops", "error": True},
        {"role": "user", "content": "q2"},
        answer_message(Answer("a2")),
    ]
    assert history_of(saved) == [
        {"role": "user", "content": "q1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
    ]


def test_sentence_steps_end_at_sentences_and_lines() -> None:
    text = "Data engineers build pipelines [1]. They use Spark, e.g. daily.\n| a | b |\nDone!"
    steps = sentence_steps(text, 0)
    assert steps[0] == "Data engineers build pipelines [1]."
    assert steps[-1] == text and len(steps) >= 4
    assert all(text.startswith(step) for step in steps)
    assert sentence_steps(text, len(steps[0])) == steps[1:]


def test_sentence_stream_cuts_paragraphs_and_ends_with_the_bot_answer() -> None:
    final = Answer("One sentence here. Two here.\n\nThree here.", [SOURCE])
    partial = Answer("One sentence here. Two here.")
    out = list(sentence_stream(iter([partial, final]), pause=0))
    assert [a.text for a in out[:-1]] == [
        "One sentence here.",
        "One sentence here. Two here.",
        "One sentence here. Two here.",
        "One sentence here. Two here.\n\nThree here.",
    ][: len(out) - 1]
    assert out[-1] is final


def test_reply_frames_search_then_grow_then_finish(chatbot: Chatbot) -> None:
    saved = [{"role": "user", "content": "What does a data engineer do?"}]
    frames = list(reply_frames(chatbot, saved))
    assert SEARCHING in frames[0].messages[-1]["content"] and frames[0].done is None
    done = frames[-1].done
    assert done is not None and done["answer"]["sources"][0]["role"] == "data-engineer"
    texts = [f.messages[-1]["content"] for f in frames[1:-1]]
    assert len(texts) >= 2  # sentence by sentence
    assert all(done["content"].startswith(t) for t in texts)


def test_follow_up_uses_the_history(chatbot: Chatbot) -> None:
    saved: list[dict[str, Any]] = [{"role": "user", "content": "What does a data analyst do?"}]
    saved.append(list(reply_frames(chatbot, saved))[-1].done)  # type: ignore[arg-type]
    saved.append({"role": "user", "content": "Which tools do they use?"})
    done = list(reply_frames(chatbot, saved))[-1].done
    assert done is not None
    assert {s["role"] for s in done["answer"]["sources"]} == {"data-analyst"}


def test_mistakes_and_bugs_are_notes_not_tracebacks(chatbot: Chatbot) -> None:
    done = list(reply_frames(chatbot, [{"role": "user", "content": "   "}]))[-1].done
    assert done is not None and done["content"].startswith(ERROR_MARK) and done["error"]

    class Broken:
        def stream(self, question: str, history: object) -> Any:
            raise RuntimeError("secret internals")

    done = list(reply_frames(Broken(), [{"role": "user", "content": "q"}]))[-1].done  # type: ignore[arg-type]
    assert done is not None and "logged" in done["content"] and "secret" not in done["content"]
    assert list(reply_frames(chatbot, [])) == []
