"""Validate and normalize what the user typed."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.errors import EmptyQuestionError


@dataclass(frozen=True)
class Question:
    text: str
    notices: list[str] = field(default_factory=list)


def prepare_question(raw: str, max_chars: int) -> Question:
    """Collapse whitespace; empty is an error, over-long is cut with a notice (never a crash)."""
    text = " ".join(str(raw or "").split())
    if not text:
        raise EmptyQuestionError("Please type a question; it was empty.")
    if len(text) <= max_chars:
        return Question(text)
    cut = text[:max_chars].rsplit(" ", 1)[0] or text[:max_chars]
    notice = f"Your question had {len(text):,} characters; only the first {len(cut):,} were used."
    return Question(cut, [notice])
