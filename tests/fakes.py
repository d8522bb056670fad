"""Test doubles for what cannot be real here, and a fast stand-in for unit tests."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from langchain_core.embeddings import Embeddings

FAKE_MODEL = "test-hash-embeddings"


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: similar wording gives similar vectors.

    Only for fast unit tests of the plumbing; integration tests use the real model.
    """

    dim = 256

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            h = int(hashlib.md5(word.encode()).hexdigest()[:8], 16)
            vec[h % self.dim] += 1.0
        norm = float(np.linalg.norm(vec)) or 1.0
        return (vec / norm).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
