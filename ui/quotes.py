"""What each citation in an answer backs: the sentence(s) before its ``[n]`` marker, and the
order a reader meets the sources in.

An answer cites a run of sentences from one passage once, at the run's end ("A. B. [2]"), so
the text a marker backs reaches back to the previous marker or the start of its line or
table cell. Display numbers follow reading order, so an answer always opens with [1]; the
saved answer keeps its own numbers (``Cite.source`` indexes its sources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "[2]" and "[1, 3]" (not "[text](link)").
CITATION = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\](?!\()")
# Where the text a marker backs can start at the latest: a line, a table cell, a quote.
_BLOCK_START = re.compile(r"\n|\|")
# Markdown around the words: emphasis, list marks, heading marks, entities from ``inert``.
_MARKUP = re.compile(r"(\*\*|__|[*_`]|^\s*(?:[-+]|\d+[.)]|#{1,6}|>)\s+)", re.MULTILINE)
_LABEL = re.compile(r"^[^.!?:]{1,40}:\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"(])")


@dataclass(frozen=True)
class Cite:
    """One citation marker of an answer's text (in the order they occur)."""

    source: int  # 1-based index into the answer's saved sources
    start: int  # where the marker group ("[1, 3]") starts in the text
    end: int  # where it ends
    quoted: str  # the plain text of the sentence(s) it backs


def plain(text: str) -> str:
    """Answer markdown as a reader sees it: no emphasis or list marks, entities decoded."""
    text = _MARKUP.sub("", text)
    text = text.replace("&lt;", "<").replace("&amp;", "&").replace("\\|", "|")
    return " ".join(text.split())


def _backed_text(text: str, start: int, floor: int) -> str:
    """The text a marker at ``start`` backs: back to ``floor`` (the previous marker's end)
    or the start of its line or cell, whichever is later; a leading label ("Skills: ") and
    a lone conjunction left over from the previous sentence are not part of the quote."""
    block = max((m.end() for m in _BLOCK_START.finditer(text, floor, start)), default=floor)
    quoted = plain(text[block:start]).lstrip(" .;,")
    return _LABEL.sub("", quoted) if len(quoted) > 80 else quoted


def cites(text: str) -> list[Cite]:
    """Every citation in ``text``, each with the sentence(s) it backs."""
    out: list[Cite] = []
    previous = 0
    for match in CITATION.finditer(text):
        quoted = _backed_text(text, match.start(), previous)
        for raw in re.split(r"\s*,\s*", match.group(1)):
            out.append(Cite(int(raw), match.start(), match.end(), quoted))
        previous = match.end()
    return out


def sentences(quoted: str) -> list[str]:
    """The sentences of a quote, each as written."""
    return [s.strip() for s in _SENTENCE_END.split(quoted) if s.strip()]


def reading_order(text: str, count: int) -> list[int]:
    """The 1-based source indexes in the order the text first cites them, then the ones it
    does not cite; numbers outside ``1..count`` are ignored."""
    seen = [c.source for c in cites(text) if 1 <= c.source <= count]
    order = list(dict.fromkeys(seen))
    return order + [n for n in range(1, count + 1) if n not in order]


def renumbering(text: str, count: int) -> dict[int, int]:
    """Saved source index -> the number shown for it."""
    return {source: shown for shown, source in enumerate(reading_order(text, count), start=1)}
