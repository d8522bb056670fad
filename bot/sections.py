"""Sections: retrieve and quote one section of one role's guide ("Salary" of the data
engineer guide).

Comparisons and role fit read guides section by section. Each chunk carries its top-level
heading as ``part``; headings are matched by prefix, because guides may lengthen them
("Overview of Software Engineer (Data Science)"). A guide without a matching heading is
searched as a whole instead, so user-added guides with their own headings still answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from langchain_chroma import Chroma

from bot.compose import Candidate, OfflineComposer, candidates_of, reading_order
from bot.retrieval import Passage, search


def parts_of(store: Chroma, role: str) -> list[str]:
    """The top-level headings of a role's guide, in no particular order."""
    found = store.get(where={"role": role}, include=["metadatas"])
    return sorted({str(m.get("part", "")) for m in found.get("metadatas") or [] if m})


def matching(parts: Iterable[str], prefixes: Sequence[str]) -> list[str]:
    """The headings that start with any of ``prefixes`` (case-insensitive)."""
    wanted = tuple(p.lower() for p in prefixes)
    return [part for part in parts if part and part.lower().startswith(wanted)]


def search_parts(
    store: Chroma, vector: Sequence[float], role: str, parts: Sequence[str], k: int
) -> list[Passage]:
    """The ``k`` passages of ``role`` closest to ``vector`` within ``parts``; with no parts,
    within the whole guide."""
    where: dict[str, object] = {"role": role}
    if parts:
        where = {"$and": [{"role": role}, {"part": {"$in": list(parts)}}]}
    return search(store, vector, k, where)


def search_section(
    store: Chroma,
    vector: Sequence[float],
    role: str,
    prefix: str,
    k: int,
    parts: Sequence[str] | None = None,
) -> list[Passage]:
    """The ``k`` best passages of the role's section whose heading starts with ``prefix``.

    ``parts`` (from ``parts_of``) saves a lookup when one role is searched many times.
    """
    known = parts_of(store, role) if parts is None else parts
    return search_parts(store, vector, role, matching(known, [prefix]), k)


def lead_and_best(
    selector: OfflineComposer,
    query: str,
    passages: Sequence[Passage],
    lead: int = 1,
    extra: int = 1,
    max_words: int | None = None,
) -> list[Candidate]:
    """Quote a section: its first ``lead`` sentences, plus the ``extra`` sentences of the
    rest that best match ``query``, in reading order.

    The guides open every section with a sentence that sums it up, which says more about
    the aspect than any single detail the query happens to match; the extra sentence adds
    the detail. With ``max_words``, the extra sentences are added only while they fit.
    """
    ordered = candidates_of(sorted(passages, key=lambda p: p.seq))
    picks = ordered[:lead]
    budget = max_words - _words(picks) if max_words is not None else None
    for candidate in selector.select_from(query, ordered[lead:], extra):
        if budget is None or _words([candidate]) <= budget:
            picks.append(candidate)
            budget = None if budget is None else budget - _words([candidate])
    return reading_order(picks)


def _words(picks: Sequence[Candidate]) -> int:
    return sum(len(p.text.split()) for p in picks)
