"""Labelled example utterances, embedded once: the shared part of the nearest-neighbour
classifiers in ``understand`` (conversation acts, what an asker says of themselves).

The model is the one already loaded for search, so classifying costs one query embedding.
The examples are embedded on first use (not at start-up). They are bundled text, not what
people ask, so the facade passes ``embed_examples``, which keeps their vectors with the
guides' stored sentence vectors: embedded once per index, not once per process (a server
runs ``Chatbot.warm_examples`` at start), while what people say goes through ``embed`` and
stays in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


class LabelledExamples:
    """Example texts by label, with their vectors made on first use (thread-safe)."""

    def __init__(
        self, embed: Embed, examples: dict[str, list[str]], embed_examples: Embed | None = None
    ) -> None:
        self.embed = embed
        self.embed_examples = embed_examples or embed
        self.examples = examples
        self.labels = [label for label, group in examples.items() for _ in group]
        self.texts = [u for group in examples.values() for u in group]
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    @property
    def matrix(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                self._matrix = np.asarray(self.embed_examples(self.texts), dtype=np.float32)
            return self._matrix
