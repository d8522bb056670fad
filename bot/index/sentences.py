"""Cut guide passages into clean, quotable sentences (markdown stripped, lead-ins dropped)."""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
# The closing quote or bracket after the full stop belongs to the sentence it ends.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[\"“(]?[A-Z0-9$])")
# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "u.s.",
    "dr.",
    "mr.",
    "ms.",
    "st.",
    "no.",
    "approx.",
    "inc.",
    "ltd.",
    "jr.",
    "sr.",
    "u.k.",
    "ph.d.",
}
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


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        candidate = line[start : match.end(1)].strip()
        last_word = candidate.rsplit(" ", 1)[-1].lower().rstrip('"”’)') if candidate else ""
        if last_word in _ABBREVIATIONS:
            continue
        pieces.append(candidate)
        start = match.end()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def _quotable(sentence: str) -> bool:
    # A lead-in ("Common paths include:") says nothing once its list is cut away; it fails
    # the ending rule like a title does.
    return (
        len(sentence.split()) >= MIN_WORDS
        and bool(_STARTS.match(sentence))
        and bool(_ENDS.search(sentence))
    )
