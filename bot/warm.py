"""Warm: embed the indexed guides' sentences before the first question needs them.

The offline composer scores every sentence of the passages it retrieved, and embedding
those sentences is most of the cost of an answer (the question itself is one more
embedding). They depend only on the indexed text, so a serving process embeds them once,
up front, in batches; answering then looks them up in the ``VectorCache``.
"""

from __future__ import annotations

from collections.abc import Iterator

from langchain_chroma import Chroma

from bot.embeddings import VectorCache
from bot.sentences import split_sentences
from bot.store import body_of, get_page

PAGE = 1000  # chunks read from the store per request
BATCH = 256  # sentences embedded per model call


def indexed_sentences(store: Chroma, limit: int) -> list[str]:
    """Up to ``limit`` distinct quotable sentences of the indexed chunks, in store order."""
    found: dict[str, None] = {}
    for text, section in _chunks(store):
        for sentence in split_sentences(body_of(text, section)):
            found.setdefault(sentence, None)
            if len(found) >= limit:
                return list(found)
    return list(found)


def _chunks(store: Chroma) -> Iterator[tuple[str, str]]:
    offset = 0
    while True:
        page = get_page(store, limit=PAGE, offset=offset, include=["documents", "metadatas"])
        documents = page.get("documents") or []
        metadatas = page.get("metadatas") or []
        for text, meta in zip(documents, metadatas, strict=True):
            yield str(text or ""), str((meta or {}).get("section", ""))
        if len(documents) < PAGE:
            return
        offset += PAGE


def warm(store: Chroma, vectors: VectorCache, limit: int) -> int:
    """Embed the indexed sentences into ``vectors``; the number newly embedded.

    ``limit`` keeps a huge corpus from filling the cache (and the CPU) with sentences no
    question may ever need; the rest are embedded on first use, as without warming.
    """
    sentences = indexed_sentences(store, min(limit, vectors.max_items))
    embedded = 0
    for first in range(0, len(sentences), BATCH):
        embedded += vectors.add(sentences[first : first + BATCH])
    return embedded
