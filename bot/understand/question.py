"""Validate and normalize what the user typed."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.errors import EmptyQuestionError


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
        raise EmptyQuestionError("Please type a question; it was empty.")
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
