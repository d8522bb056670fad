"""Sections: retrieve one section of one role's guide ("Salary" of the data engineer
guide).

Comparisons and role fit read guides section by section. Each chunk carries its top-level
heading as ``part``; headings are matched by prefix, because guides may lengthen them
("Overview of Software Engineer (Data Science)"). A guide without a matching heading is
searched as a whole instead, so user-added guides with their own headings still answer.

An answer that reads several sections of a few guides (a comparison, a fit) plans its
searches first and runs them together (``Guides``): one store call for the guides' chunks,
one model call for every query text, one k-NN call for every query vector.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_chroma import Chroma

from bot.embeddings import VectorCache
from bot.retrieval import Passage, passage_of, search
from bot.store import entries, nearest


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


@dataclass(frozen=True)
class Search:
    """One planned search: the ``k`` passages of ``role`` closest to ``query`` within
    ``parts`` (with no parts, within the whole guide), as ``search_parts`` finds them."""

    query: str
    role: str
    parts: tuple[str, ...]
    k: int


class Guides:
    """A few roles' guides, fetched in one store call, searched in batches.

    ``run`` gives every ``Search`` the passages and scores ``search_parts`` gives it (the same
    Chroma k-NN, so the same cosine distances), but asks all of them in one k-NN call: each
    query vector ranks every chunk of these guides, and each search keeps its own role's
    chunks in its parts. The cost grows with these guides' chunks, never with the collection.
    """

    def __init__(self, store: Chroma, roles: Sequence[str]) -> None:
        self.store = store
        self.roles = list(dict.fromkeys(roles))
        self.where: dict[str, Any] = (
            {"role": self.roles[0]} if len(self.roles) == 1 else {"role": {"$in": self.roles}}
        )
        found = entries(store, self.where, ["documents", "metadatas"]) if self.roles else {}
        ids = found.get("ids") or []
        texts = found.get("documents") or [""] * len(ids)
        metas = found.get("metadatas") or [{}] * len(ids)
        self.chunks: dict[str, tuple[str, dict[str, Any]]] = {
            pid: (text or "", dict(meta or {}))
            for pid, text, meta in zip(ids, texts, metas, strict=True)
        }
        parts: dict[str, set[str]] = {role: set() for role in self.roles}
        for _text, meta in self.chunks.values():
            parts.setdefault(str(meta.get("role", "")), set()).add(str(meta.get("part", "")))
        self._parts = {role: sorted(found_parts) for role, found_parts in parts.items()}

    def parts(self, role: str) -> list[str]:
        """The role's top-level headings, as ``parts_of`` gives them."""
        return list(self._parts.get(role, []))

    def run(self, vectors: VectorCache, searches: Sequence[Search]) -> list[list[Passage]]:
        """Every search's passages, best first: one model call embeds all the query texts,
        one k-NN call ranks these guides' chunks for each."""
        wanted = [s for s in searches if s.k > 0]
        texts = list(dict.fromkeys(s.query for s in wanted))
        if not texts or not self.chunks:
            return [[] for _ in searches]
        matrix = vectors.queries(texts)
        ranked = dict(
            zip(
                texts,
                nearest(self.store, matrix.tolist(), self.where, len(self.chunks)),
                strict=True,
            )
        )
        return [self._kept(s, ranked[s.query]) if s.k > 0 else [] for s in searches]

    def _kept(self, search: Search, ranked: Sequence[tuple[str, float]]) -> list[Passage]:
        parts = set(search.parts)
        found: list[Passage] = []
        for pid, distance in ranked:
            text, meta = self.chunks[pid]
            if str(meta.get("role", "")) != search.role:
                continue
            if parts and str(meta.get("part", "")) not in parts:
                continue
            found.append(passage_of(pid, text, meta, 1.0 - distance))
            if len(found) == search.k:
                break
        return found
