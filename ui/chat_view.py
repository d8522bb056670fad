"""What the Chat tab shows, computed from a saved conversation: the chat messages (answers
with linked citations, a sources panel, suggestion chips on the last answer) and the frames
of an answer as it streams. No Gradio here, so it is tested directly.

Saved messages (``bot.storage.conversations``) are the source of truth; the chat component only
ever shows ``display(messages)`` (while an answer streams: of the saved chat, the question
and the answer so far).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from bot.core.messages import StoredMessage
from bot.core.results import Answer, Source
from ui.errors import unexpected, user_message
from ui.markup import (
    inert,
    linked_citations,
    reading_sources,
    removed_notice,
    sources_markdown,
    sources_title,
)

log = logging.getLogger("careerbot.ui")

ERROR_MARK = "⚠️ "
SEARCHING = "Searching the guides…"
STOPPED = "_(stopped)_"
# Offline answers are complete at once; releasing them a sentence at a time reads like the
# LLM's stream (and shows that something is happening) at a cost of a few tenths of a second.
SENTENCE_PAUSE = 0.05


def sources_of(message: StoredMessage) -> list[Source]:
    answer = message.get("answer") or {}
    return [Source(**s) for s in answer.get("sources") or []]


def answer_message(answer: Answer) -> StoredMessage:
    """How an answer is saved: its text for the history, everything else for display."""
    return {"role": "assistant", "content": answer.text, "answer": answer.to_dict()}


def error_message(exc: BaseException) -> StoredMessage:
    if isinstance(exc, CareerbotError):
        text = user_message(exc, "web")
    else:
        text = unexpected("answering", exc, log)
    return {"role": "assistant", "content": f"{ERROR_MARK}{text}", "error": True}


def history_of(messages: Sequence[StoredMessage]) -> list[dict[str, str]]:
    """The turns the bot should see: questions and answers, no error notes."""
    return [
        {"role": m["role"], "content": str(m["content"])}
        for m in messages
        if m.get("role") in {"user", "assistant"} and not m.get("error")
    ]


@dataclass(frozen=True)
class Shown:
    """One chat message on screen and the saved message it came from."""

    message: dict[str, Any]
    turn: int


def _answer_display(
    message: StoredMessage, turn: int, *, details: bool, last: bool, removed: Collection[str]
) -> list[Shown]:
    answer = message.get("answer") or {}
    sources = sources_of(message)
    notices = [f"> Note: {inert(n)}" for n in answer.get("notices") or []]
    gone = removed_notice(sources, removed)
    notices += [gone] if gone else []
    text = inert(str(message["content"]))
    body = linked_citations(text, sources, turn, removed)
    shown: dict[str, Any] = {"role": "assistant", "content": "\n\n".join([*notices, body])}
    suggestions = [str(s) for s in answer.get("suggestions") or []]
    out = [Shown(shown, turn)]
    if sources:
        ordered = reading_sources(text, sources)
        panel = {
            "role": "assistant",
            "content": sources_markdown(ordered, details=details, removed=removed),
            # "done" folds the panel: the answer stays in view, its sources a click away.
            "metadata": {"title": sources_title(ordered), "status": "done"},
        }
        out.append(Shown(panel, turn))
    if last and suggestions:
        # Gradio shows the options of the last message only: the answer's last part.
        out[-1].message["options"] = [{"label": s, "value": s} for s in suggestions]
    return out


def shown(
    messages: Sequence[StoredMessage], *, details: bool = False, removed: Collection[str] = ()
) -> list[Shown]:
    """``removed``: guide files cited in these messages that the library no longer has."""
    out: list[Shown] = []
    last_answer = max(
        (i for i, m in enumerate(messages) if m.get("answer")),
        default=-1,
    )
    for turn, m in enumerate(messages):
        if m.get("role") == "user":
            out.append(Shown({"role": "user", "content": inert(str(m["content"]))}, turn))
        elif m.get("answer"):
            last = turn == last_answer
            out += _answer_display(m, turn, details=details, last=last, removed=removed)
        else:
            out.append(Shown({"role": "assistant", "content": inert(str(m["content"]))}, turn))
    return out


def display(
    messages: Sequence[StoredMessage], *, details: bool = False, removed: Collection[str] = ()
) -> list[dict[str, Any]]:
    return [s.message for s in shown(messages, details=details, removed=removed)]


def cited_files(messages: Sequence[StoredMessage]) -> set[str]:
    """Every guide file the answers in ``messages`` cite."""
    return {s.source for m in messages for s in sources_of(m)}


def turn_at(messages: Sequence[StoredMessage], index: int) -> int | None:
    """The saved answer behind the chat message at ``index`` (what a thumb was put on)."""
    rows = shown(messages)
    if not 0 <= index < len(rows):
        return None
    turn = rows[index].turn
    return turn if messages[turn].get("answer") else None


def question_turn(messages: Sequence[StoredMessage], index: int | Sequence[int]) -> int | None:
    """The saved question behind the chat message at ``index`` (what an edit was made to),
    or None if that message is not a question of this chat (an answer, or a chat that
    changed meanwhile)."""
    at = index if isinstance(index, int) else (index[0] if index else -1)
    rows = shown(messages)
    if not 0 <= at < len(rows):
        return None
    turn = rows[at].turn
    return turn if messages[turn].get("role") == "user" else None


def edited_text(value: Any) -> str:
    """The text of an edited message as the chat sends it: a string, or Gradio's content
    parts (``[{"type": "text", "text": ...}]``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("text") or "")
    if isinstance(value, (list, tuple)):
        return " ".join(edited_text(part) for part in value).strip()
    return ""


def paced(answers: Iterator[Answer], pause: float | None = None) -> Iterator[Answer]:
    """The bot's stream as it comes, with a short pause after each offline piece.

    The composers already release an answer piece by piece (the offline one a sentence or a
    line at a time, ``bot.compose.offline.grow``; the LLM as its tokens arrive), so nothing
    is cut again here. Offline pieces are all ready at once; the pause makes them read like
    the LLM's stream. The last item is the bot's final answer itself."""
    wait = SENTENCE_PAUSE if pause is None else pause
    previous: Answer | None = None
    for answer in answers:
        if previous is not None:
            yield previous
            if previous.mode == "offline" and wait:
                time.sleep(wait)
        previous = answer
    if previous is not None:
        yield previous


@dataclass(frozen=True)
class Frame:
    """One step of a reply: the messages to show, and the answer once it is complete."""

    messages: list[StoredMessage]
    done: StoredMessage | None = None


def reply_frames(bot: Chatbot, chat: Sequence[StoredMessage], question: str) -> Iterator[Frame]:
    """Answer ``question``, asked after the saved ``chat``: the question with a searching
    status, the answer as it grows, then the complete answer (or an error note), with the
    question, as the frame's ``done`` messages. The question is passed in, never read back
    from the store."""
    asked: StoredMessage = {"role": "user", "content": question}
    before = [*chat, asked]
    status: StoredMessage = {"role": "assistant", "content": f"_{SEARCHING}_"}
    yield Frame([*before, status])
    answer: Answer | None = None
    try:
        for answer in paced(bot.stream(question, history_of(chat))):
            partial: StoredMessage = {"role": "assistant", "content": answer.text}
            yield Frame([*before, partial])
    except Exception as exc:
        error = error_message(exc)
        yield Frame([*before, error], done=error)
        return
    if answer is not None:
        final = answer_message(answer)
        yield Frame([*before, final], done=final)
