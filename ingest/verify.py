"""Verify: is the record store in step with Chroma? (``pipeline.rebuild`` is the cure.)

Every chunk written has exactly one record (its key) and one Chroma entry (id == key).
A crash between the two writes, or someone editing one store by hand, leaves drift:
records whose chunk is missing (the file would never be re-embedded) or chunks without a
record (they would answer forever, and no ingest would delete them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_chroma import Chroma
from langchain_classic.indexes import SQLRecordManager

from bot.core.errors import NoIndexError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import (
    collection_name,
    count,
    get_page,
    has_collection,
    mismatch_as_error,
    place_of,
    store_collection_name,
    vector_store,
)
from ingest.records import database_errors, existing_record_manager, record_count

_PAGE = 5000


@dataclass
class Drift:
    records: int = 0
    chunks: int = 0
    missing: list[str] = field(default_factory=list)  # keys on record, no chunk in Chroma
    orphans: list[str] = field(default_factory=list)  # chunk ids in Chroma, no record
    collection: str = ""

    @property
    def clean(self) -> bool:
        return not self.missing and not self.orphans

    def summary(self) -> str:
        head = f"{self.collection}: {self.records} records, {self.chunks} chunks"
        if self.clean:
            return f"{head}; in step."
        return (
            f"{head}; drift: {len(self.missing)} records whose chunk is missing, "
            f"{len(self.orphans)} chunks without a record. "
            "Run `careerbot ingest` to repair it, or `careerbot index rebuild`."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "records": self.records,
            "chunks": self.chunks,
            "missing": self.missing,
            "orphans": self.orphans,
            "clean": self.clean,
        }


def chroma_ids(store: Chroma) -> set[str]:
    """Every id in the collection, paged so a large collection is not one huge response."""
    ids: set[str] = set()
    offset = 0
    while True:
        page = get_page(store, include=[], limit=_PAGE, offset=offset)["ids"]
        ids.update(page)
        if len(page) < _PAGE:
            return ids
        offset += _PAGE


def find_drift(store: Chroma, manager: SQLRecordManager) -> Drift:
    keys = set(manager.list_keys())
    ids = chroma_ids(store)
    return Drift(
        records=len(keys),
        chunks=len(ids),
        missing=sorted(keys - ids),
        orphans=sorted(ids - keys),
        collection=store_collection_name(store),
    )


def probably_in_step(store: Chroma, manager: SQLRecordManager) -> bool:
    """Cheap pre-check for every ingest: equal counts. Unequal counts always mean drift;
    equal counts with drift need two opposite faults at once, which `verify` still finds."""
    return count(store) == record_count(manager)


def repair(store: Chroma, manager: SQLRecordManager, drift: Drift) -> int:
    """Delete orphan chunks and forget records without chunks; the ingest that follows
    then re-embeds exactly the files that lost chunks. Returns how many entries were fixed."""
    if drift.orphans:
        store.delete(ids=drift.orphans)
    if drift.missing:
        manager.delete_keys(drift.missing)
    return len(drift.orphans) + len(drift.missing)


def verify(settings: Settings) -> Drift:
    """Compare the record store with Chroma for this settings' collection (read-only)."""
    name = collection_name(settings)
    if not has_collection(settings):
        raise NoIndexError(
            f"No index for model '{settings.model_name}' in {place_of(settings)}. "
            "Run `careerbot ingest` first."
        )
    store = vector_store(settings, embeddings_for(settings), create=True)
    with database_errors(settings), mismatch_as_error(place_of(settings)):
        manager = existing_record_manager(settings, name)
        if manager is None:
            ids = chroma_ids(store)
            return Drift(chunks=len(ids), orphans=sorted(ids), collection=name)
        return find_drift(store, manager)
