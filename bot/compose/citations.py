"""Citations: the model's ``[n]`` markers -> the answer's own numbering and its sources.

The model sees the passages numbered in retrieval order and cites them freely. The answer
should list only what it cites, numbered in the order a reader meets the citations, so the
markers are renumbered by first use and a number that names no passage is dropped (a model
can invent one, and a dangling ``[7]`` would point the reader at nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.results import Passage, Source
from bot.routes.selection import to_source

# "[2]", "[1, 3]" and "[1][2]" (the last is two matches). An optional leading space is
# captured so that dropping a whole marker does not leave "word ." behind.
CITATION = re.compile(r"(\s?)\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")


@dataclass(frozen=True)
class Renumbered:
    text: str  # the answer with renumbered markers
    sources: list[Source]  # sources[n-1] is marker [n]


def renumber(text: str, passages: Sequence[Passage]) -> Renumbered:
    """Renumber ``[n]`` (1-based into ``passages``) by first use; drop unknown numbers."""
    order: dict[int, int] = {}  # passage index -> new citation number

    def replace(match: re.Match[str]) -> str:
        new: list[int] = []
        for raw in re.split(r"\s*[,;]\s*", match.group(2)):
            index = int(raw) - 1
            if not 0 <= index < len(passages):
                continue
            number = order.setdefault(index, len(order) + 1)
            if number not in new:
                new.append(number)
        if not new:
            return ""
        return f"{match.group(1)}[{', '.join(str(n) for n in new)}]"

    renumbered = CITATION.sub(replace, text)
    return Renumbered(renumbered, [to_source(passages[i]) for i in order])


def settled(text: str) -> str:
    """The part of a growing text whose markers can be renumbered for good: a trailing
    ``[`` not closed yet ("... Spark [1") waits for the next piece, so what is shown only
    ever grows."""
    opening = text.rfind("[")
    if opening != -1 and "]" not in text[opening:]:
        text = text[:opening]
    return text.strip()


def strip_citations(text: str) -> str:
    """Text without its markers: earlier answers in the history used another numbering,
    and leaving them in invites the model to cite a passage by a stale number."""
    return CITATION.sub("", text)
