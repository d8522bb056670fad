"""Sentence vectors: chunks -> the stored vectors of the sentences answers quote.

Runs after the chunks are written, under the same writer lock. Each source's texts are
hashed into a digest; a source whose digest is on record is skipped without touching the
model, so an unchanged re-ingest embeds nothing. A changed source embeds only the texts no
source had before (the store is content-addressed), and texts that no source holds any
more are deleted, so a removed guide leaves nothing behind.

Vectors are written batch by batch before the source records that point to them: a run
killed half-way keeps what it embedded, and the next run finishes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from bot.index.embeddings import CountingEmbeddings
from bot.index.sentence_store import SentenceStore, digest_of, scored_texts, text_key
from bot.index.store import body_of

BATCH = 256  # texts per model call (short sentences: large batches pad little)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SentenceResult:
    """What the sentence step did."""

    sources_updated: int
    embedded: int
    removed: int  # vectors deleted because no source holds their text any more


def texts_of(chunks: Iterable[Document]) -> list[str]:
    """The distinct texts of a source's chunks that answers may score, in reading order."""
    found: dict[str, None] = {}
    for chunk in chunks:
        section = str(chunk.metadata.get("section", ""))
        for text in scored_texts(body_of(chunk.page_content, section), section):
            found.setdefault(text, None)
    return list(found)


def update(
    store: SentenceStore,
    embeddings: CountingEmbeddings,
    chunks_by_source: Mapping[str, Sequence[Document]],
    keep: Iterable[str] = (),
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> SentenceResult:
    """Bring the stored sentence vectors in line with ``chunks_by_source``.

    ``keep`` names sources that are not in ``chunks_by_source`` but stay indexed (a guide
    that became unreadable keeps its last good version); every other recorded source that
    is missing is forgotten. ``full`` re-embeds every text, as a full ingest does.
    """
    recorded = store.digests()
    texts = {source: texts_of(chunks) for source, chunks in chunks_by_source.items()}
    changed = {
        source: found
        for source, found in texts.items()
        if full or recorded.get(source) != digest_of(text_key(t) for t in found)
    }
    wanted = list(dict.fromkeys(t for found in changed.values() for t in found))
    to_embed = wanted if full else store.missing(wanted)
    embed_in_batches(store, embeddings, to_embed, progress, replace=full)
    for source, found in changed.items():
        store.record_source(source, found)
    gone = set(recorded) - set(texts) - set(keep)
    removed = store.forget_sources(sorted(gone)).vectors if gone or changed else 0
    return SentenceResult(len(changed), len(to_embed), removed)


def embed_in_batches(
    store: SentenceStore,
    embeddings: CountingEmbeddings,
    texts: Sequence[str],
    progress: Progress | None = None,
    *,
    replace: bool = False,
) -> None:
    """Embed and save ``texts``, shortest first (a batch pads to its longest text)."""
    ordered = sorted(texts, key=len)
    for first in range(0, len(ordered), BATCH):
        batch = ordered[first : first + BATCH]
        store.save(batch, embeddings.embed_matrix(batch), replace=replace)
        if progress:
            progress(first + len(batch), len(ordered))
