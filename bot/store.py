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
from typing import IO, Any

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from bot.errors import (
    IndexMismatchError,
    IngestLockedError,
    NoIndexError,
    StoreUnavailableError,
)
from bot.settings import Settings

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


def where(settings: Settings) -> str:
    """Human description of the store, for messages."""
    if settings.chroma_host:
        return f"Chroma server at {settings.chroma_host}:{settings.chroma_port}"
    return f"{settings.data_dir / 'chroma'}"


def client(settings: Settings) -> Any:
    """One Chroma client per store per process (Chroma wants a single owner per path)."""
    key = (
        f"http://{settings.chroma_host}:{settings.chroma_port}"
        if settings.chroma_host
        else str(settings.data_dir / "chroma")
    )
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            if not settings.chroma_host:
                _USERS[key] = _register_user(settings)
            _CLIENTS[key] = _open_client(settings)
        return _CLIENTS[key]


# The embedded store keeps its vector index in each process' memory: a process that has it
# open does not see vectors another process writes later. So every process that opens it
# holds a shared flock on a marker file for its lifetime, and a writer needs the only one.
_USERS: dict[str, IO[str]] = {}


def _users_file(settings: Settings) -> Path:
    return settings.data_dir / "chroma.users"


def _register_user(settings: Settings) -> IO[str]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    handle = open(_users_file(settings), "a+", encoding="utf-8")  # noqa: SIM115 (held for life)
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreUnavailableError(
            f"An ingest in another process is writing the index in {where(settings)}; "
            "try again when it has finished (or use a Chroma server, see Scaling out)."
        ) from None
    return handle


@contextmanager
def sole_writer(settings: Settings) -> Iterator[None]:
    """Hold the embedded store exclusively while writing; a no-op for a Chroma server.

    Refuses (``IngestLockedError``) when another process has the embedded store open,
    since it would keep answering from vectors it can no longer see change. Threads of
    this process share its client, so an app re-indexing itself is never refused.
    """
    if settings.chroma_host:
        yield
        return
    client(settings)
    handle = _USERS[str(settings.data_dir / "chroma")]
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fcntl.flock(handle, fcntl.LOCK_SH)  # converting may have dropped the shared lock
        raise IngestLockedError(
            f"Another careerbot process (the app, a chat or an ask) has the embedded index "
            f"in {where(settings)} open and would not see the update. Re-index from inside "
            "that app, stop it first, or use a Chroma server (see Scaling out in the README)."
        ) from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_SH)


def _open_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            http = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
            http.heartbeat()
            return http
        path = settings.data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises several unrelated types for "cannot connect"
        raise StoreUnavailableError(
            f"Cannot open the vector store ({where(settings)}): {_first_line(exc)}"
        ) from exc


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
    name = collection_name(settings)
    if not create and not has_collection(settings):
        raise NoIndexError(f"No index for model '{settings.model_name}' in {where(settings)} yet.")
    fp = fingerprint(settings)
    try:
        store = Chroma(
            collection_name=name,
            embedding_function=embeddings,
            client=chroma,
            collection_configuration={"hnsw": {"space": "cosine"}},
            # Only used when the collection is created: a fresh one is not complete until
            # its first ingest finishes, so readers never serve a half-built index.
            collection_metadata={**fingerprint_metadata(fp), COMPLETE_KEY: False},
        )
    except Exception as exc:
        raise StoreUnavailableError(
            f"Cannot open collection '{name}' in {where(settings)}: {_first_line(exc)}"
        ) from exc
    if not create:
        meta = read_metadata(store)
        check_fingerprint(meta, fp)
        if not meta.get(COMPLETE_KEY):
            raise NoIndexError(
                f"The index for model '{settings.model_name}' in {where(settings)} is not "
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


def collection_id(store: Chroma) -> str:
    return str(store._collection.id)


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
    return True


def has_collection(settings: Settings) -> bool:
    name = collection_name(settings)
    try:
        names = [c if isinstance(c, str) else c.name for c in client(settings).list_collections()]
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise StoreUnavailableError(
            f"Cannot list collections in {where(settings)}: {_first_line(exc)}"
        ) from exc
    return name in names


def read_metadata(store: Chroma) -> dict[str, Any]:
    # Re-read from the server: another process (the ingest writer) may have changed it.
    collection = store._client.get_collection(store._collection.name)
    return dict(collection.metadata or {})


def update_metadata(store: Chroma, values: dict[str, Any]) -> None:
    """Merge ``values`` into the collection metadata (Chroma replaces it wholesale)."""
    merged = read_metadata(store)
    merged.update(values)
    # hnsw:* keys are immutable configuration and may not be sent again.
    clean = {k: v for k, v in merged.items() if not k.startswith("hnsw:")}
    store._collection.modify(metadata=clean)


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
def mismatch_as_error() -> Iterator[None]:
    """Turn Chroma's own dimension error into ``IndexMismatchError`` with the fix.

    Indexes built before dimensions were recorded can still disagree with the model; Chroma
    only says so when a vector of the wrong size reaches it, on a write or a query.
    """
    try:
        yield
    except Exception as exc:
        if "dimension" in str(exc).lower():
            raise IndexMismatchError(
                f"The index and the embedding model disagree on the vector size ({exc})."
            ) from exc
        raise
