"""Validate and normalize what the user typed, and the chat history that came with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Question:
    text: str
    notices: list[str] = field(default_factory=list)


def prepare_question(raw: str, max_chars: int) -> Question:
    """Collapse whitespace; empty is an error, over-long is cut with a notice (never a crash).

    An over-long message is cut in the middle, not at the end: people paste a long text
    (a job ad, a CV) and put their question after it, so both ends are kept.
    """
    text = " ".join(str(raw or "").split())
    if not text:
        raise ValueError("Please type a question; it was empty.")
    if len(text) <= max_chars:
        return Question(text)
    marker = " … "
    room = max(max_chars - len(marker), 2)
    head = text[: room // 2].rsplit(" ", 1)[0] or text[: room // 2]
    tail_start = len(text) - (room - len(head))
    tail = text[tail_start:]
    if tail_start > 0 and text[tail_start - 1] != " " and " " in tail:
        tail = tail.split(" ", 1)[1]  # start at a whole word
    cut = f"{head}{marker}{tail}"
    notice = (
        f"Your message had {len(text):,} characters, more than the {max_chars:,} allowed; "
        f"the middle was left out and the first {len(head):,} and last {len(tail):,} "
        "were used."
    )
    return Question(cut, [notice])


def normalize_history(history: Sequence[Any] | None) -> list[dict[str, str]]:
    """Messages as {"role", "content"} strings: accepts OpenAI/Gradio messages (content may be
    a list of parts) and the older [user, assistant] pairs."""
    out: list[dict[str, str]] = []
    for item in history or []:
        if isinstance(item, dict):
            role = str(item.get("role", ""))
            content = _text_of(item.get("content"))
            if role in {"user", "assistant"} and content:
                out.append({"role": role, "content": content})
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if user:
                out.append({"role": "user", "content": _text_of(user)})
            if bot:
                out.append({"role": "assistant", "content": _text_of(bot)})
    return out


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list):
        return " ".join(_text_of(part) for part in content).strip()
    return "" if content is None else str(content)
