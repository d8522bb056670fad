"""Validate and normalize what the user typed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.core.errors import EmptyQuestionError, InvalidTextError

# Control characters (NUL, ESC, ...) and bidirectional overrides carry no meaning in a
# question and can hide or reorder what a reader sees: each becomes a space.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Phones and word processors type "isn’t" with a typographic apostrophe; every rule that reads
# a contraction ("don't like", "isn't for me") is written with the plain one, so a curly
# "don’t like coding" was read as a like.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def plain_apostrophes(text: str) -> str:
    """``text`` with typographic apostrophes as the plain one the understanding reads."""
    return text.translate(_APOSTROPHES)


@dataclass(frozen=True)
class Question:
    text: str
    notices: list[str] = field(default_factory=list)


def prepare_question(raw: str, max_chars: int) -> Question:
    """Collapse whitespace; empty is an error, over-long is cut with a notice (never a crash).

    An over-long message is cut in the middle, not at the end: people paste a long text
    (a job ad, a CV) and put their question after it, so both ends are kept.
    """
    text = plain_apostrophes(" ".join(_INVISIBLE.sub(" ", valid_text(raw)).split()))
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


def valid_text(raw: object) -> str:
    """``raw`` as a str, or one ``InvalidTextError`` saying what is wrong with it (never a
    ``TypeError`` or a codec traceback from deep in the tokenizer or the database)."""
    if isinstance(raw, bytes | bytearray):
        raise InvalidTextError("The question must be text (str), not bytes: decode it first.")
    text = str(raw or "")
    for position, ch in enumerate(text):
        if unicodedata.category(ch) == "Cs":
            raise InvalidTextError(
                f"The question is not valid text: character {position + 1} is a broken "
                f"character (U+{ord(ch):04X}, a lone surrogate, often from bytes that are not "
                "UTF-8). Retype that part, or paste the question again from its source."
            )
    return text
