"""Cut guide passages into clean, quotable sentences (markdown stripped, lead-ins dropped)."""

from __future__ import annotations

import re
from functools import lru_cache

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
# A place where a sentence may end: a full stop, question or exclamation mark (and the
# closing quote or bracket after it) before a capital, a digit or an opening quote. A line
# without one is a single sentence, and the segmenter is not asked.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9$])")
MIN_WORDS = 5
# A quotable sentence starts like one and ends like one. Titles, italic subtitle lines and
# fragments cut mid-sentence by the size splitter fail one of the two.
_STARTS = re.compile(r"^[\"“(]?[A-Z0-9$]")
_ENDS = re.compile(r"[.!?][\"”’)]?$")


def clean_line(line: str) -> str:
    line = _BULLET.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    return " ".join(line.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, in reading order."""
    return [sentence for sentence, _ in sentences_of(text)]


def sentences_of(text: str) -> list[tuple[str, bool]]:
    """Sentences of a passage in reading order, each with whether it was a list item
    (an answer shows a run of list items as a list again)."""
    out: list[tuple[str, bool]] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "|", ">")):
            continue
        bullet = bool(_BULLET.match(stripped))
        line = clean_line(stripped)
        out.extend((s, bullet) for s in _split_line(line) if _quotable(s))
    return out


@lru_cache(maxsize=16384)
def _split_line(line: str) -> tuple[str, ...]:
    """The sentences of one line, as syntok cuts them.

    syntok (segtok's successor) decides by the tokens around a full stop, so initials
    ("D. Sculley", "J. R. Hartley"), dates ("Sept. 30") and abbreviations nobody listed
    ("Fig. 2", "Prof.", "Dept.") stay inside their sentence; a hand-kept abbreviation list
    split guides written elsewhere at each of them. It is much slower than a regex, so a
    line with no possible boundary skips it, and the answerer re-reads the same passages
    question after question, so each line is cut once (``lru_cache``).
    """
    if not _BOUNDARY.search(line):
        return (line,) if line else ()
    from syntok import segmenter

    pieces: list[str] = []
    for paragraph in segmenter.analyze(line):
        for sentence in paragraph:
            # Sliced from the line by the tokens' offsets, so a quoted sentence is the
            # guide's own characters (citations find it in the passage again).
            first, last = sentence[0], sentence[-1]
            piece = line[first.offset : last.offset + len(last.value)].strip()
            # syntok ends a sentence at a semicolon before a capital ("...language; R
            # remains..."): a guide's semicolon joins two halves of one sentence.
            if pieces and pieces[-1].endswith(";"):
                pieces[-1] = f"{pieces[-1]} {piece}"
            elif piece:
                pieces.append(piece)
    return tuple(pieces)


def _quotable(sentence: str) -> bool:
    # A lead-in ("Common paths include:") says nothing once its list is cut away; it fails
    # the ending rule like a title does.
    return (
        len(sentence.split()) >= MIN_WORDS
        and bool(_STARTS.match(sentence))
        and bool(_ENDS.search(sentence))
    )
