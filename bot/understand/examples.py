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
from importlib import resources

import numpy as np
import yaml

Embed = Callable[[Sequence[str]], np.ndarray]


def read_examples(filename: str, key: str) -> dict[str, list[str]]:
    """The labelled examples of a bundled YAML file in ``bot.understand``: label -> texts."""
    raw = resources.files("bot.understand").joinpath(filename).read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    return {str(label): [str(u) for u in texts] for label, texts in data[key].items()}


class LabelledExamples:
    """Example texts by label, with their vectors made on first use (thread-safe).

    A classifier names its bundled file (``FILE``, the mapping under ``KEY``); ``examples``
    replaces them (tests)."""

    FILE = ""
    KEY = ""

    @staticmethod
    def prepared(text: str) -> str:
        """How a text is read before it is embedded (the examples and the messages alike)."""
        return text

    def __init__(
        self,
        embed: Embed,
        examples: dict[str, list[str]] | None = None,
        embed_examples: Embed | None = None,
    ) -> None:
        examples = examples or read_examples(self.FILE, self.KEY)
        self.embed = embed
        self.embed_examples = embed_examples or embed
        self.examples = examples
        self.labels = [label for label, group in examples.items() for _ in group]
        self.texts = [self.prepared(u) for group in examples.values() for u in group]
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()
        self._made()

    def _made(self) -> None:
        """A subclass's own set-up once the examples are read (no model call here), so that
        none repeats the constructor's signature."""

    @property
    def matrix(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                self._matrix = np.asarray(self.embed_examples(self.texts), dtype=np.float32)
            return self._matrix

    def nearest_vote(self, sims: np.ndarray, k: int, skip: int = -1) -> tuple[str, int]:
        """The label the ``k`` nearest examples vote for (each vote weighted by its
        similarity) and the index of that label's nearest example. ``skip`` leaves one
        example out (leave-one-out accuracy)."""
        order = [int(i) for i in np.argsort(-sims) if int(i) != skip][:k]
        votes: dict[str, float] = {}
        for i in order:
            votes[self.labels[i]] = votes.get(self.labels[i], 0.0) + float(sims[i])
        label = max(votes, key=lambda name: votes[name])
        return label, next(i for i in order if self.labels[i] == label)
