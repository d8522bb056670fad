"""Retrieve: a question vector -> the guide passages that answer it, best first.

With named roles, each role is searched on its own, so a role whose guide scores lower
overall is still represented instead of being crowded out of a global top-k.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_chroma import Chroma

from bot.core.answer import Passage
from bot.index.store import body_of, mismatch_as_error, store_place

__all__ = ["Passage", "passage_of", "retrieve", "search"]


def search(
    store: Chroma, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
) -> list[Passage]:
    """One k-NN query; Chroma's cosine distance is turned into a similarity."""
    if k <= 0:
        return []
    with mismatch_as_error(store_place(store)):
        hits = store.similarity_search_by_vector_with_relevance_scores(
            list(vector), k=k, filter=where
        )
    return [
        passage_of(doc.id or "", doc.page_content, doc.metadata, 1.0 - dist) for doc, dist in hits
    ]


def passage_of(pid: str, text: str, meta: dict[str, Any], score: float) -> Passage:
    section = str(meta.get("section", ""))
    return Passage(
        id=pid,
        text=body_of(text, section),
        role=str(meta.get("role", "")),
        title=str(meta.get("title", "")),
        section=section,
        part=str(meta.get("part", "")),
        source=str(meta.get("source", "")),
        seq=int(meta.get("seq", 0) or 0),
        score=score,
    )


def per_role(k: int, roles: int) -> int:
    """How many passages each named role's guide contributes to the top ``k``."""
    return max(3, -(-k // roles))


def retrieve(
    store: Chroma, vector: Sequence[float], *, roles: Sequence[str] = (), k: int = 6
) -> list[Passage]:
    """Top passages for the vector; with roles, the top of each role's guide."""
    if not roles:
        return search(store, vector, k)
    found: dict[str, Passage] = {}
    for role in roles:
        for passage in search(store, vector, per_role(k, len(roles)), {"role": role}):
            found.setdefault(passage.id, passage)
    return sorted(found.values(), key=lambda p: p.score, reverse=True)
