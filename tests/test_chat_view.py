"""What the Chat tab shows, from saved conversations, on the real indexed fixture corpus (the
browser tests drive the same functions through the page)."""

from __future__ import annotations

from typing import Any

from bot.chatbot import Chatbot
from bot.core.results import Answer, Source
from ui.chat_view import (
    ERROR_MARK,
    SEARCHING,
    answer_message,
    display,
    edited_text,
    history_of,
    paced,
    question_turn,
    reply_frames,
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


def test_an_edit_is_traced_to_the_saved_question_it_was_made_to() -> None:
    saved = [
        {"role": "user", "content": "What does a DE do?"},
        answer_message(Answer("Pipelines [1].", [SOURCE])),  # shown as answer + sources
        {"role": "user", "content": "And tools?"},
        {"role": "assistant", "content": "oops", "error": True},
    ]
    # On screen: question, answer, sources panel, question, error note.
    assert question_turn(saved, 0) == 0 and question_turn(saved, 3) == 2
    assert question_turn(saved, (3, 0)) == 2  # Gradio may send [message, part]
    # An answer, its sources panel, an error note or a row that is not there: no question.
    assert [question_turn(saved, i) for i in (1, 2, 4, 5, -1)] == [None] * 5
    assert question_turn([], 0) is None
    # What the chat sends as the edited message: a string or Gradio's content parts.
    assert edited_text("What does a DS do?") == "What does a DS do?"
    assert edited_text([{"type": "text", "text": "What does a DS do?"}]) == "What does a DS do?"
    assert edited_text(None) == ""


def test_an_answer_citing_a_removed_guide_says_so_instead_of_a_dead_link() -> None:
    saved = [
        {"role": "user", "content": "What does a DE do?"},
        answer_message(Answer("Pipelines [1].", [SOURCE])),
    ]
    answer = display(saved, removed={"de.md"})[1]["content"]
    assert answer.startswith("> Note: this answer cites “Data Engineer”; that guide was removed")
    assert 'href="#cite-' not in answer and 'class="cite-removed"' in answer
    assert 'href="#cite-1-1-0"' in display(saved)[1]["content"]  # still there: a link


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


def test_paced_passes_the_pieces_through_uncut_and_ends_with_the_bot_answer() -> None:
    pieces = [
        Answer("One sentence here."),
        Answer("One sentence here. Two here.\n\nThree here."),
        Answer("One sentence here. Two here.\n\nThree here.", [SOURCE]),
    ]
    out = list(paced(iter(pieces), pause=0))
    assert out == pieces and out[-1] is pieces[-1]


def test_paced_pauses_after_offline_pieces_only(monkeypatch: Any) -> None:
    slept: list[float] = []
    monkeypatch.setattr("ui.chat_view.time.sleep", slept.append)
    offline = [Answer("a."), Answer("a. b."), Answer("a. b.", [SOURCE])]
    list(paced(iter(offline), pause=0.5))
    assert slept == [0.5, 0.5]  # after each piece but the last
    slept.clear()
    llm = [Answer("a", mode="llm"), Answer("a b", mode="llm"), Answer("a b.", mode="llm")]
    list(paced(iter(llm), pause=0.5))
    assert slept == []  # tokens arrive at the model's pace


def test_reply_frames_search_then_grow_then_finish(chatbot: Chatbot) -> None:
    question = "What does a data engineer do?"
    frames = list(reply_frames(chatbot, [], question))
    assert SEARCHING in frames[0].messages[-1]["content"] and frames[0].done is None
    # The question is shown in every frame, passed in rather than read back.
    assert all(f.messages[0] == {"role": "user", "content": question} for f in frames)
    done = frames[-1].done
    assert done is not None and done["answer"]["sources"][0]["role"] == "data-engineer"
    texts = [f.messages[-1]["content"] for f in frames[1:-1]]
    assert len(texts) >= 2  # sentence by sentence
    assert all(done["content"].startswith(t) for t in texts)


def test_follow_up_uses_the_history(chatbot: Chatbot) -> None:
    saved: list[dict[str, Any]] = list(
        list(reply_frames(chatbot, [], "What does a data analyst do?"))[-1].messages
    )
    done = list(reply_frames(chatbot, saved, "Which tools do they use?"))[-1].done
    assert done is not None
    assert {s["role"] for s in done["answer"]["sources"]} == {"data-analyst"}


def test_mistakes_and_bugs_are_notes_not_tracebacks(chatbot: Chatbot) -> None:
    done = list(reply_frames(chatbot, [], "   "))[-1].done
    assert done is not None and done["content"].startswith(ERROR_MARK) and done["error"]

    class Broken:
        def stream(self, question: str, history: object) -> Any:
            raise RuntimeError("secret internals")

    done = list(reply_frames(Broken(), [], "q"))[-1].done  # type: ignore[arg-type]
    assert done is not None and "logged" in done["content"] and "secret" not in done["content"]
