"""The opened index: the current collection of one settings' store, and its role catalog.

A rebuild drops and recreates the collection, and an ingest (possibly by another process)
adds or removes roles. Everything that searches asks this object for the store and the
catalog on each use, so it always sees the current ones; it is handed down to the steps
(``bot.routes.evidence``, ``bot.understand.conversation``) instead of their calling back up
into the ``Chatbot`` facade.
"""

from __future__ import annotations

import threading
import time

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from bot.core.roles import RoleCatalog
from bot.core.settings import Settings
from bot.index.store import CATALOG_KEY, is_current, local_changes, read_metadata, vector_store

# How long an opened collection is trusted to be the current one without asking the store.
RECHECK_SECONDS = 1.0


class OpenedIndex:
    """The store (opened on first use) and the role catalog of one settings' collection."""

    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self._store: Chroma | None = None
        self._checked = 0.0  # when the store was last checked to be the current collection
        self._seen = local_changes()
        self._catalog: RoleCatalog | None = None
        self._catalog_raw = ""
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._store is not None

    def store(self) -> Chroma:
        with self._lock:
            # Reopen by name rather than query a dropped collection. Incremental ingests
            # update it in place. Checked at most once a second: an answer uses the store
            # several times, each check is a round trip, and a query on a dropped
            # collection says "ask again" anyway. This process' own rebuilds and ingests
            # are seen at once.
            now, seen = time.monotonic(), local_changes()
            stale = now - self._checked >= RECHECK_SECONDS or seen != self._seen
            if self._store is None or (stale and not is_current(self._store)):
                self._store = vector_store(self.settings, self.embeddings, create=False)
            if stale:
                self._checked, self._seen = now, seen
            return self._store

    def catalog(self) -> RoleCatalog:
        # Read every time: a re-ingest may add or remove roles. Parsing (and compiling
        # the name patterns) only happens when it changed.
        raw = str(read_metadata(self.store()).get(CATALOG_KEY, ""))
        if self._catalog is None or raw != self._catalog_raw:
            self._catalog, self._catalog_raw = RoleCatalog.from_json(raw), raw
        return self._catalog
