"""Sections: retrieve one section of one role's guide ("Salary" of the data engineer
guide).

Comparisons and role fit read guides section by section. Each chunk carries its top-level
heading as ``part``; headings are matched by prefix, because guides may lengthen them
("Overview of Software Engineer (Data Science)"). A guide without a matching heading is
searched as a whole instead, so user-added guides with their own headings still answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from langchain_chroma import Chroma

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
