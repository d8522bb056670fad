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

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_chroma import Chroma

from bot.index.embeddings import VectorCache
from bot.index.retrieval import Passage, passage_of
from bot.index.store import collection_id, entries, index_generation, local_changes

# Guides kept in memory per process (a bundled guide is ~30 chunks, ~50 KB with vectors).
MAX_SHELVED_ROLES = 256
# How long a reading of the ingest generation is trusted (an answer is well under a second).
GENERATION_SECONDS = 1.0


def matching(parts: Iterable[str], prefixes: Sequence[str]) -> list[str]:
    """The headings that start with any of ``prefixes`` (case-insensitive)."""
    wanted = tuple(p.lower() for p in prefixes)
    return [part for part in parts if part and part.lower().startswith(wanted)]


@dataclass(frozen=True)
class Search:
    """One planned search: the ``k`` passages of ``role`` closest to ``query`` within
    ``parts`` (with no parts, within the whole guide)."""

    query: str
    role: str
    parts: tuple[str, ...]
    k: int


@dataclass(frozen=True)
class Guide:
    """One role's indexed chunks with their vectors (unit length, as stored)."""

    ids: list[str]
    texts: list[str]
    metas: list[dict[str, Any]]
    matrix: np.ndarray


class Shelf:
    """The guides this process has read, per collection and ingest generation.

    A filtered k-NN query costs Chroma time that grows with the whole collection (140 ms a
    query at 100k chunks against 2 ms unfiltered, measured), while one guide is a few dozen
    chunks. So a guide is fetched once, vectors included, and searched exactly in memory;
    any ingest that completes changes the generation and empties the shelf.
    """

    def __init__(self, max_roles: int = MAX_SHELVED_ROLES) -> None:
        self.max_roles = max_roles
        self._guides: OrderedDict[str, Guide] = OrderedDict()
        self._generation: tuple[str, str] | None = None
        self._read_at = 0.0
        self._seen = -1
        self._lock = threading.Lock()

    def guides(self, store: Chroma, roles: Sequence[str]) -> dict[str, Guide]:
        generation = self._current_generation(store)
        with self._lock:
            if generation != self._generation:
                self._guides.clear()
                self._generation = generation
            missing = [r for r in roles if r not in self._guides]
        fetched = _fetch(store, missing) if missing else {}
        with self._lock:
            if generation == self._generation:
                self._guides.update(fetched)
            found = {r: self._guides.get(r) or fetched[r] for r in roles}
            for role in roles:
                if role in self._guides:
                    self._guides.move_to_end(role)
            while len(self._guides) > self.max_roles:
                self._guides.popitem(last=False)
        return found

    def _current_generation(self, store: Chroma) -> tuple[str, str]:
        # Read at most once a second: one answer builds several ``Guides``.
        # This process' own ingests are seen at once (``local_changes``).
        now, seen = time.monotonic(), local_changes()
        with self._lock:
            fresh = now - self._read_at < GENERATION_SECONDS and seen == self._seen
            if self._generation is not None and fresh:
                return self._generation
        generation = index_generation(store)
        with self._lock:
            self._read_at, self._seen = now, seen
        return generation


def _fetch(store: Chroma, roles: Sequence[str]) -> dict[str, Guide]:
    """The roles' chunks and vectors in one store call."""
    where: dict[str, Any] = {"role": roles[0]} if len(roles) == 1 else {"role": {"$in": roles}}
    found = entries(store, where, ["documents", "metadatas", "embeddings"])
    ids = list(found.get("ids") or [])
    texts = found.get("documents") or [""] * len(ids)
    metas = found.get("metadatas") or [{}] * len(ids)
    vectors = found.get("embeddings")
    rows: dict[str, list[int]] = {role: [] for role in roles}
    for i, meta in enumerate(metas):
        rows.setdefault(str((meta or {}).get("role", "")), []).append(i)
    matrix = np.asarray(vectors if vectors is not None else [], dtype=np.float32)
    return {
        role: Guide(
            [ids[i] for i in rows[role]],
            [texts[i] or "" for i in rows[role]],
            [dict(metas[i] or {}) for i in rows[role]],
            matrix[rows[role]] if rows[role] else np.zeros((0, 0), dtype=np.float32),
        )
        for role in roles
    }


_SHELVES: dict[str, Shelf] = {}
_SHELVES_LOCK = threading.Lock()


def shelf_for(store: Chroma) -> Shelf:
    """The process' shelf for this store's collection."""
    key = collection_id(store)
    with _SHELVES_LOCK:
        return _SHELVES.setdefault(key, Shelf())


class Guides:
    """A few roles' guides, searched together and exactly.

    ``run`` gives every ``Search`` the passages one filtered k-NN query would find (the
    same cosine similarity over the same chunks; scores agree to float rounding, ~1e-7;
    ``tests/test_sections.py`` holds it to that), but from the guides on the shelf: one
    model call embeds all the query texts, and each search ranks its own role's chunks in
    memory. The cost grows with these guides' chunks, never with the collection.
    """

    def __init__(self, store: Chroma, roles: Sequence[str]) -> None:
        self.store = store
        self.roles = list(dict.fromkeys(roles))
        self.guides = shelf_for(store).guides(store, self.roles) if self.roles else {}
        self._parts = {
            role: sorted({str(m.get("part", "")) for m in guide.metas})
            for role, guide in self.guides.items()
        }

    def parts(self, role: str) -> list[str]:
        """The role's top-level headings, in sorted order."""
        return list(self._parts.get(role, []))

    def run(self, vectors: VectorCache, searches: Sequence[Search]) -> list[list[Passage]]:
        """Every search's passages, best first: one model call embeds all the query texts."""
        wanted = [s for s in searches if s.k > 0 and s.role in self.guides]
        texts = list(dict.fromkeys(s.query for s in wanted))
        if not texts:
            return [[] for _ in searches]
        by_text = dict(zip(texts, vectors.queries(texts), strict=True))
        return [
            self._search(s, by_text[s.query]) if s.k > 0 and s.role in self.guides else []
            for s in searches
        ]

    def nearest(self, vector: np.ndarray, role: str, k: int) -> list[Passage]:
        """The ``k`` passages of a role's whole guide closest to ``vector``."""
        if role not in self.guides or k <= 0:
            return []
        return self._search(Search("", role, (), k), vector)

    def _search(self, search: Search, vector: np.ndarray) -> list[Passage]:
        guide = self.guides[search.role]
        if not guide.ids:
            return []
        parts = set(search.parts)
        rows = [
            i
            for i, meta in enumerate(guide.metas)
            if not parts or str(meta.get("part", "")) in parts
        ]
        if not rows:
            return []
        scores = guide.matrix[rows] @ np.asarray(vector, dtype=np.float32)
        # Best first; equal scores keep the guide's order, as a stable sort does.
        order = np.argsort(-scores, kind="stable")[: search.k]
        return [
            passage_of(
                guide.ids[rows[i]], guide.texts[rows[i]], guide.metas[rows[i]], float(scores[i])
            )
            for i in order
        ]
