"""The index: the embedding model, the Chroma collection of guide chunks, the stored
vectors of their sentences, and searches over them (whole store, or one guide's sections).

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.index.embeddings import VectorCache, embeddings_for
    from bot.index.retrieval import retrieve
    from bot.index.sections import Guides, Search
    from bot.index.sentence_store import SentenceStore
    from bot.index.sentences import split_sentences
    from bot.index.store import vector_store

__all__ = [
    "Guides",
    "Search",
    "SentenceStore",
    "VectorCache",
    "embeddings_for",
    "retrieve",
    "split_sentences",
    "vector_store",
]

_MODULE_OF = {
    "Guides": "bot.index.sections",
    "Search": "bot.index.sections",
    "SentenceStore": "bot.index.sentence_store",
    "VectorCache": "bot.index.embeddings",
    "embeddings_for": "bot.index.embeddings",
    "retrieve": "bot.index.retrieval",
    "split_sentences": "bot.index.sentences",
    "vector_store": "bot.index.store",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
