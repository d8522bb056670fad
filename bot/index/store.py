"""The vector store: a Chroma collection (embedded or on a server) behind langchain-chroma.

The collection name carries a fingerprint of everything that shapes the vectors (model,
chunking). Changing the model therefore lands in a fresh collection instead of mixing
dimensions, and the old one keeps serving until the new one is complete.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from bot.core.errors import (
    CareerbotError,
    IndexMismatchError,
    NoIndexError,
    StoreUnavailableError,
)
from bot.core.settings import Settings

# Bumped when the way chunks are cut changes, so old indexes are not reused by mistake.
SPLITTER_VERSION = "md-headers-2"
CATALOG_KEY = "careerbot_roles"
# Set when an ingest has completed on the collection; readers refuse it until then.
COMPLETE_KEY = "careerbot_complete"
DIMENSION_KEY = "embedding_dimension"

_CLIENTS: dict[str, Any] = {}
_CLIENTS_LOCK = threading.Lock()


@dataclass(frozen=True)
class Fingerprint:
    model: str
    chunk_size: int
    chunk_overlap: int
    splitter: str = SPLITTER_VERSION

    @property
    def digest(self) -> str:
        raw = json.dumps(self.__dict__, sort_keys=True).encode()
        return hashlib.sha1(raw).hexdigest()[:10]


def fingerprint(settings: Settings) -> Fingerprint:
    return Fingerprint(settings.model_name, settings.chunk_size, settings.chunk_overlap)


def collection_name(settings: Settings) -> str:
    return f"{settings.collection_prefix}-{fingerprint(settings).digest}"


@dataclass(frozen=True)
class Backend:
    """Where the vectors live, decided once from the settings (``backend``): an embedded
    persistent Chroma in the data dir, or a Chroma server (``CAREERBOT_CHROMA_HOST``)."""

    kind: Literal["embedded", "server"]
    place: str  # for messages: "Chroma server at host:port", or the directory
    key: str  # one client per key per process
    path: Path | None = None  # embedded: the directory
    host: str = ""  # server
    port: int = 0

    @property
    def embedded(self) -> bool:
        return self.kind == "embedded"


def backend(settings: Settings) -> Backend:
    if settings.chroma_host:
        host, port = settings.chroma_host, settings.chroma_port
        return Backend(
            "server", f"Chroma server at {host}:{port}", f"http://{host}:{port}", None, host, port
        )
    path = settings.data_dir / "chroma"
    return Backend("embedded", str(path), str(path), path)


def place_of(settings: Settings) -> str:
    """Human description of the store, for messages."""
    return backend(settings).place


def client(settings: Settings) -> Any:
    """One Chroma client per store per process (Chroma wants a single owner per path)."""
    found = backend(settings)
    with _CLIENTS_LOCK:
        if found.key not in _CLIENTS:
            if found.embedded:
                _USERS[found.key] = _register_user(settings)
            _CLIENTS[found.key] = _open_client(settings, found)
        return _CLIENTS[found.key]


# The embedded store keeps its vector index in each process' memory: a process that has it
# open does not see vectors another process writes later. So every process that opens it
# holds a shared flock on a marker file for its lifetime; the ingest writer lock
# (``ingest.lock``) upgrades this process' registration to the only one while it writes.
_USERS: dict[str, IO[str]] = {}


def users_file(settings: Settings) -> Path:
    return settings.data_dir / "chroma.users"


def _register_user(settings: Settings) -> IO[str]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    handle = open(users_file(settings), "a+", encoding="utf-8")  # noqa: SIM115 (held for life)
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreUnavailableError(
            f"An ingest in another process is writing the index in {place_of(settings)}; "
            "try again when it has finished (or use a Chroma server, see Scaling out)."
        ) from None
    return handle


def reader_registration(settings: Settings) -> IO[str] | None:
    """This process' registration as a user of the embedded store (opening the store if
    needed); None for a Chroma server, whose readers always see the latest writes."""
    found = backend(settings)
    if not found.embedded:
        return None
    client(settings)
    return _USERS[found.key]


def _open_client(settings: Settings, found: Backend) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if not found.embedded:
            from bot.index.chroma_http import http_client

            return http_client(found.host, found.port, settings.server_timeout)
        assert found.path is not None
        found.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(found.path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises several unrelated types for "cannot connect"
        raise unavailable(found.place, exc) from exc


def unavailable(place: str, exc: BaseException) -> StoreUnavailableError:
    """The one message for a store that cannot be reached, whether it was down before the
    question or went away in the middle of one (or of an ingest)."""
    return StoreUnavailableError(
        f"Cannot reach the vector store ({place}): {_first_line(exc)}. "
        "Try again when it is back; an interrupted ingest resumes where it stopped."
    )


def is_connection_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the Chroma server went away: a refused or
    dropped connection, a timeout, or a server that answered mid-shutdown."""
    import httpx

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, httpx.TransportError | ConnectionError | TimeoutError):
            return True
        if type(cause).__module__.startswith("chromadb") and "connect" in str(cause).lower():
            return True
        cause = cause.__cause__ or cause.__context__
    return False


class IndexStore(Chroma):
    """A langchain-chroma store that knows where it lives (``Backend.place``), so a message
    raised deep in a query can say so without asking the client."""

    place = "the vector store"


def store_place(store: Chroma) -> str:
    """``place_of`` for an open store, for messages raised deep in a query."""
    return store.place if isinstance(store, IndexStore) else IndexStore.place


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def vector_store(settings: Settings, embeddings: Embeddings, *, create: bool) -> Chroma:
    """The langchain-chroma store over this settings' collection.

    ``create=False`` is for readers: a missing or half-built collection is a ``NoIndexError``
    with the fix, not an empty store that silently answers nothing, and a collection recorded
    with other settings is an ``IndexMismatchError`` rather than a dimension traceback later.
    """
    chroma = client(settings)
    found = backend(settings)
    name = collection_name(settings)
    if not create and not has_collection(settings):
        raise NoIndexError(f"No index for model '{settings.model_name}' in {found.place} yet.")
    fp = fingerprint(settings)
    try:
        store = IndexStore(
            collection_name=name,
            embedding_function=embeddings,
            client=chroma,
            collection_configuration={"hnsw": {"space": "cosine"}},
            # Only used when the collection is created: a fresh one is not complete until
            # its first ingest finishes, so readers never serve a half-built index.
            collection_metadata={**fingerprint_metadata(fp), COMPLETE_KEY: False},
        )
        store.place = found.place
    except Exception as exc:
        if is_connection_error(exc):
            raise unavailable(place_of(settings), exc) from exc
        raise StoreUnavailableError(
            f"Cannot open collection '{name}' in {place_of(settings)}: {_first_line(exc)}"
        ) from exc
    if not create:
        meta = read_metadata(store)
        check_fingerprint(meta, fp)
        if not meta.get(COMPLETE_KEY):
            raise NoIndexError(
                f"The index for model '{settings.model_name}' in {place_of(settings)} is not "
                "complete yet (an ingest is building it, or one was interrupted)."
            )
    return store


def fingerprint_metadata(fp: Fingerprint) -> dict[str, Any]:
    return {
        "embedding_model": fp.model,
        "chunk_size": fp.chunk_size,
        "chunk_overlap": fp.chunk_overlap,
        "splitter": fp.splitter,
    }


def check_fingerprint(meta: dict[str, Any], fp: Fingerprint) -> None:
    """Refuse a collection whose recorded settings differ from ``fp`` (same name, other
    vectors: a prefix clash, or an index written by another version)."""
    recorded = {k: meta.get(k) for k in fingerprint_metadata(fp)}
    expected = fingerprint_metadata(fp)
    differ = [f"{k} {recorded[k]!r} (now {v!r})" for k, v in expected.items() if recorded[k] != v]
    if differ:
        raise IndexMismatchError(f"The index was built with other settings: {', '.join(differ)}.")


def check_dimension(meta: dict[str, Any], dimension: int, model: str) -> None:
    """Vectors of another length cannot go into (or be searched in) this collection."""
    recorded = meta.get(DIMENSION_KEY)
    if recorded is not None and int(recorded) != dimension:
        raise IndexMismatchError(
            f"The index holds {recorded}-dimensional vectors but model '{model}' makes "
            f"{dimension}-dimensional ones."
        )


# langchain-chroma has no public handle on its collection; every use of the private
# ``store._collection`` is in this module, so an upgrade that renames it breaks one place.
def collection_id(store: Chroma) -> str:
    return str(store._collection.id)


def collection(store: Chroma) -> Any:
    """The chromadb collection itself, for tools (benchmarks) that need its full API."""
    return store._collection


def store_collection_name(store: Chroma) -> str:
    return str(store._collection.name)


def get_page(store: Chroma, *, limit: int, offset: int, include: list[str]) -> dict[str, Any]:
    """One page of the collection's entries (ids always; ``include`` adds documents,
    metadatas, embeddings), for walking a large collection without one huge response."""
    return dict(store._collection.get(limit=limit, offset=offset, include=include))  # type: ignore[arg-type]


def entries(store: Chroma, where: dict[str, Any], include: list[str]) -> dict[str, Any]:
    """The entries matching a metadata filter (ids always; ``include`` adds documents,
    metadatas), in one call: e.g. every chunk of a few roles' guides."""
    with mismatch_as_error(store_place(store)):
        return dict(store._collection.get(where=where, include=include))  # type: ignore[arg-type]


def index_generation(store: Chroma) -> tuple[str, str]:
    """What changes whenever an ingest completes on this collection (its id and the time
    the ingest finished), for readers that keep what they read from it."""
    meta = read_metadata(store)
    return collection_id(store), str(meta.get("indexed_at", ""))


def is_current(store: Chroma) -> bool:
    """False once the collection behind ``store`` was dropped (e.g. by a rebuild), so a
    long-lived reader can reopen by name instead of querying a deleted collection."""
    try:
        return str(store._client.get_collection(store._collection.name).id) == collection_id(store)
    except Exception:  # not found, in whichever exception type this chromadb version uses
        return False


def drop_collection(settings: Settings) -> bool:
    """Delete this settings' collection; False when there was none."""
    if not has_collection(settings):
        return False
    client(settings).delete_collection(collection_name(settings))
    _changed()
    return True


# Readers keep what they read from a collection and re-check it now and then; a change made
# by this very process (an ingest completing, a rebuild) counts here, so they see it at once.
class _Changes:
    count = 0  # one counter for the process: every reader watches the same one


def local_changes() -> int:
    """A number that grows whenever this process completes an ingest or drops a collection."""
    return _Changes.count


def _changed() -> None:
    _Changes.count += 1


def has_collection(settings: Settings) -> bool:
    name = collection_name(settings)
    try:
        names = [c if isinstance(c, str) else c.name for c in client(settings).list_collections()]
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise unavailable(place_of(settings), exc) from exc
    return name in names


def read_metadata(store: Chroma) -> dict[str, Any]:
    # Re-read from the server: another process (the ingest writer) may have changed it.
    with mismatch_as_error(store_place(store)):
        collection = store._client.get_collection(store._collection.name)
    return dict(collection.metadata or {})


def update_metadata(store: Chroma, values: dict[str, Any]) -> None:
    """Merge ``values`` into the collection metadata (Chroma replaces it wholesale)."""
    merged = read_metadata(store)
    merged.update(values)
    # hnsw:* keys are immutable configuration and may not be sent again.
    clean = {k: v for k, v in merged.items() if not k.startswith("hnsw:")}
    store._collection.modify(metadata=clean)
    _changed()


def count(store: Chroma) -> int:
    return int(store._collection.count())


def chunk_text(section: str, body: str) -> str:
    """What is stored and embedded for a chunk: its section path, then its own text."""
    return f"{section}\n\n{body}"


def body_of(text: str, section: str) -> str:
    """A stored chunk's own text, without the section path added for embedding."""
    prefix = f"{section}\n\n"
    return text[len(prefix) :] if text.startswith(prefix) else text


@contextmanager
def mismatch_as_error(place: str | None = None) -> Iterator[None]:
    """Turn Chroma's own errors into user errors: its dimension error into
    ``IndexMismatchError`` with the fix, and a server that went away mid-operation into the
    same ``StoreUnavailableError`` as one that was down from the start.

    Indexes built before dimensions were recorded can still disagree with the model; Chroma
    only says so when a vector of the wrong size reaches it, on a write or a query.
    """
    try:
        yield
    except CareerbotError:
        raise
    except Exception as exc:
        if is_connection_error(exc):
            raise unavailable(place or "Chroma server", exc) from exc
        if type(exc).__name__ == "NotFoundError":
            # The collection was dropped between opening and querying it: a rebuild.
            raise NoIndexError(
                "The index was replaced while answering (a rebuild is under way); "
                "ask again in a moment."
            ) from exc
        if "dimension" in str(exc).lower():
            raise IndexMismatchError(
                f"The index and the embedding model disagree on the vector size ({exc})."
            ) from exc
        raise
