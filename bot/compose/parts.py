"""Answers to the parts of a two-part question, put together as one answer.

Each part keeps its own text under the part's question; the citations of the later parts
are renumbered into one list of sources (a source cited by two parts keeps one number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.results import Answer, Source

_CITATION = re.compile(r"\[(\d+)\]")


def joined(parts: Sequence[tuple[str, Answer]]) -> Answer:
    sources: list[Source] = []
    index: dict[tuple[str, str, str], int] = {}
    sections = []
    for question, answer in parts:
        numbers: dict[int, int] = {}
        for n, source in enumerate(answer.sources, start=1):
            key = (source.source, source.section, source.snippet)
            if key not in index:
                sources.append(source)
                index[key] = len(sources)
            numbers[n] = index[key]

        def renumber(match: re.Match[str], numbers: dict[int, int] = numbers) -> str:
            n = int(match.group(1))
            return f"[{numbers.get(n, n)}]"

        sections.append(f"**{question}**\n\n{_CITATION.sub(renumber, answer.text.strip())}")
    first = parts[0][1]
    return Answer(
        text="\n\n".join(sections),
        sources=sources,
        mode=first.mode,
        route=first.route,
        roles=list(dict.fromkeys(r for _, a in parts for r in a.roles)),
        notices=list(dict.fromkeys(n for _, a in parts for n in a.notices)),
        suggestions=parts[-1][1].suggestions,
        intent=first.intent,
        verdict=first.verdict,
        passages=[p for _, a in parts for p in a.passages],
    )
