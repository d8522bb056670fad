"""Index: chunks -> Chroma, incrementally, through LangChain's indexing API.

A SQL record manager (``ingest.records``) remembers the key of every chunk written,
grouped by source file. Keys are content hashes, so an unchanged chunk is never embedded
again, and because the Chroma ids are those same keys a write that was interrupted and
redone cannot duplicate.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from langchain_chroma import Chroma
from langchain_classic.indexes import SQLRecordManager
from langchain_core.documents import Document
from langchain_core.indexing import index

from bot.index.store import mismatch_as_error, store_place
from ingest.records import indexed_sources
from ingest.report import FileResult

Progress = Callable[[int, int], None]


def chunk_key(doc: Document) -> str:
    """Content-addressed id: the same text with the same metadata is the same chunk."""
    raw = json.dumps({"text": doc.page_content, "meta": doc.metadata}, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass
class Plan:
    """What an ingest will do, decided before anything is written (and all of --dry-run)."""

    results: list[FileResult] = field(default_factory=list)
    removed: dict[str, list[str]] = field(default_factory=dict)  # source -> keys to delete

    @property
    def embeds(self) -> bool:
        """Whether writing this plan computes any embedding (so needs the model)."""
        return any(r.status in ("added", "updated") for r in self.results)


def plan(
    manager: SQLRecordManager | None,
    chunks_by_source: dict[str, list[Document]],
    unreadable: dict[str, str],
    *,
    full: bool,
    refused: Mapping[str, str] | None = None,
) -> Plan:
    """Compare each file's new chunk keys with the keys on record; no manager means nothing
    is on record yet (a dry run before the first ingest). ``refused`` files are readable but
    may not be indexed (a role id another guide holds): unlike an unreadable file, their
    earlier chunks leave the index, since they would answer for the other guide's role."""

    def keys_of(source: str) -> list[str]:
        return manager.list_keys(group_ids=[source]) if manager else []

    result = Plan()
    on_record = indexed_sources(manager) if manager else set()
    for source, chunks in chunks_by_source.items():
        old = set(keys_of(source))
        new = {chunk_key(c) for c in chunks}
        status: str
        if not old:
            status = "added"
        elif old == new and not full:
            status = "unchanged"
        else:
            status = "updated"
        result.results.append(FileResult(source, status, len(chunks)))  # type: ignore[arg-type]
    for source, reason in unreadable.items():
        if source in on_record:
            # Keep the last good version answering rather than lose a guide to a bad save.
            kept = len(keys_of(source))
            result.results.append(
                FileResult(source, "kept", kept, f"{reason}; previous version kept")
            )
        else:
            result.results.append(FileResult(source, "skipped", 0, reason))
    for source, reason in (refused or {}).items():
        if source in on_record:
            result.removed[source] = keys_of(source)
        result.results.append(FileResult(source, "refused", 0, reason))
    gone = on_record - set(chunks_by_source) - set(unreadable) - set(refused or {})
    for source in sorted(gone):
        keys = keys_of(source)
        result.removed[source] = keys
        result.results.append(FileResult(source, "deleted", len(keys), "file removed"))
    result.results.sort(key=lambda r: r.source)
    return result


@dataclass(frozen=True)
class WriteResult:
    added: int
    deleted: int
    unchanged: int


def write(
    store: Chroma,
    manager: SQLRecordManager,
    chunks: list[Document],
    removed: dict[str, list[str]],
    *,
    full: bool,
    progress: Progress | None = None,
) -> WriteResult:
    deleted = 0
    with mismatch_as_error(store_place(store)):
        for keys in removed.values():
            if keys:
                # Vectors first, records second: a crash in between leaves records whose
                # vectors are gone, which the next run re-adds (never orphaned vectors).
                store.delete(ids=keys)
                manager.delete_keys(keys)
                deleted += len(keys)
        outcome = index(
            _reporting(by_length(chunks), progress),
            manager,
            store,
            cleanup="scoped_full",
            source_id_key="source",
            key_encoder=chunk_key,
            batch_size=64,
            force_update=full,
        )
    return WriteResult(
        added=outcome["num_added"] + outcome["num_updated"],
        deleted=deleted + outcome["num_deleted"],
        unchanged=outcome["num_skipped"],
    )


def by_length(chunks: list[Document]) -> list[Document]:
    """Chunks in order of length. The model pads every text in a batch to the longest one,
    so batches of similar lengths waste far less work (sentence-transformers sorts the same
    way inside one encode call; the indexing API hands it one batch at a time). Cleanup is
    tracked per source across batches, so the order does not matter for correctness."""
    return sorted(chunks, key=lambda c: len(c.page_content))


def _reporting(chunks: list[Document], progress: Progress | None) -> Iterator[Document]:
    total = len(chunks)
    for done, chunk in enumerate(chunks, start=1):
        yield chunk
        if progress and (done % 16 == 0 or done == total):
            progress(done, total)
