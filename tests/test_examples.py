"""LabelledExamples: labels line up with texts, and the examples are embedded once, late."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.understand.examples import LabelledExamples


def test_examples_are_embedded_once_on_first_use() -> None:
    calls: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.eye(len(texts), dtype=np.float32)

    book = LabelledExamples(embed, {"greeting": ["hi", "hello"], "thanks": ["thanks"]})
    assert book.labels == ["greeting", "greeting", "thanks"]
    assert book.texts == ["hi", "hello", "thanks"]
    assert calls == []  # nothing at construction: start-up stays cheap
    assert book.matrix.shape == (3, 3)
    assert book.matrix is book.matrix
    assert calls == [["hi", "hello", "thanks"]]


def test_the_nearest_examples_vote_weighted_by_similarity() -> None:
    book = LabelledExamples(
        lambda texts: np.eye(len(texts), dtype=np.float32),
        {"greeting": ["hi", "hello"], "thanks": ["thanks", "ta"]},
    )
    # One close "thanks" loses to two fairly close greetings; the label's nearest example
    # is the one reported.
    sims = np.array([0.5, 0.45, 0.8, 0.1], dtype=np.float32)
    assert book.nearest_vote(sims, k=3) == ("greeting", 0)
    assert book.nearest_vote(sims, k=1) == ("thanks", 2)
    # Leaving the best greeting out (leave-one-out) hands the vote to thanks.
    assert book.nearest_vote(sims, k=3, skip=0) == ("thanks", 2)
