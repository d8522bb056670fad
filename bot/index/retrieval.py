"""Retrieve: a question vector -> the guide passages that answer it, best first.

One k-NN query over the whole index (``retrieve``), or one filtered by metadata
(``search``). With named roles, ``bot.routes.evidence`` searches each role's guide on its
own shelf (``bot.index.sections``), ``per_role`` passages each, so a role whose guide
scores lower overall is still represented instead of being crowded out of a global top-k.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_chroma import Chroma

from bot.core.results import Passage
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


def retrieve(store: Chroma, vector: Sequence[float], *, k: int = 6) -> list[Passage]:
    """The top ``k`` passages of the whole index for the vector."""
    return search(store, vector, k)
