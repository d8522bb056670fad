"""Warm: make sure every indexed sentence has a stored vector.

Ingest stores the vectors of the guides' sentences (``bot.index.sentence_store``), so a serving
process needs no warm-up. An index built by an older version has none until its next
ingest; warming fills them in, in batches, so the first questions do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from langchain_chroma import Chroma

from bot.index.embeddings import VectorCache
from bot.index.sentence_store import scored_texts
from bot.index.store import body_of, get_page

PAGE = 1000  # chunks read from the store per request
BATCH = 256  # sentences looked up (and embedded when missing) per call


def indexed_sentences(store: Chroma, limit: int) -> list[str]:
    """Up to ``limit`` distinct quotable sentences of the indexed chunks, in store order."""
    found: dict[str, None] = {}
    for text, section in _chunks(store):
        for sentence in scored_texts(body_of(text, section), section):
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
    """Give up to ``limit`` indexed sentences a stored vector; how many had to be embedded
    (0 for an index whose ingest stored them)."""
    sentences = indexed_sentences(store, min(limit, vectors.max_items))
    before = vectors.embeddings.texts_embedded
    for first in range(0, len(sentences), BATCH):
        vectors.vectors(sentences[first : first + BATCH])
    return vectors.embeddings.texts_embedded - before
