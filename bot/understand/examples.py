"""Labelled example utterances, embedded once: the shared part of the nearest-neighbour
classifiers in ``understand`` (conversation acts, what an asker says of themselves).

The model is the one already loaded for search, so classifying costs one query embedding;
the examples are embedded on first use (not at start-up), once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


class LabelledExamples:
    """Example texts by label, with their vectors made on first use (thread-safe)."""

    def __init__(self, embed: Embed, examples: dict[str, list[str]]) -> None:
        self.embed = embed
        self.examples = examples
        self.labels = [label for label, group in examples.items() for _ in group]
        self.texts = [u for group in examples.values() for u in group]
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    @property
    def matrix(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                self._matrix = np.asarray(self.embed(self.texts), dtype=np.float32)
            return self._matrix
