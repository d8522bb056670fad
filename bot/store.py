"""The vector store: a Chroma collection (embedded or on a server) behind langchain-chroma.

The collection name carries a fingerprint of everything that shapes the vectors (model,
chunking). Changing the model therefore lands in a fresh collection instead of mixing
dimensions, and the old one keeps serving until the new one is complete.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from bot.errors import NoIndexError, StoreUnavailableError
from bot.settings import Settings

# Bumped when the way chunks are cut changes, so old indexes are not reused by mistake.
SPLITTER_VERSION = "md-headers-2"
CATALOG_KEY = "careerbot_roles"

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
            _CLIENTS[key] = _open_client(settings)
        return _CLIENTS[key]


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

    ``create=False`` is for readers: a missing collection is a ``NoIndexError`` with the fix,
    not an empty store that silently answers nothing.
    """
    chroma = client(settings)
    name = collection_name(settings)
    if not create and not has_collection(settings):
        raise NoIndexError(
            f"No index for model '{settings.model_name}' in {where(settings)}. "
            "Run `careerbot ingest` first."
        )
    fp = fingerprint(settings)
    try:
        return Chroma(
            collection_name=name,
            embedding_function=embeddings,
            client=chroma,
            collection_configuration={"hnsw": {"space": "cosine"}},
            collection_metadata={
                "embedding_model": fp.model,
                "chunk_size": fp.chunk_size,
                "chunk_overlap": fp.chunk_overlap,
                "splitter": fp.splitter,
            },
        )
    except Exception as exc:
        raise StoreUnavailableError(
            f"Cannot open collection '{name}' in {where(settings)}: {_first_line(exc)}"
        ) from exc


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
