"""The sentence store: content-addressed vectors per collection, records per source, and
garbage collection, on a real SQLite database in a tmp dir."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from bot.index.sentence_store import (
    EXAMPLES_SOURCE,
    SentenceStore,
    digest_of,
    scored_texts,
    sentence_refs,
    text_key,
)


def unit(seed: int, dim: int = 8) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def store(tmp_path: Path) -> SentenceStore:
    return SentenceStore.open(f"sqlite:///{tmp_path / 'app.sqlite'}", "careerbot-abc")


def test_saved_vectors_come_back_exactly(store: SentenceStore) -> None:
    texts = ["Data engineers build pipelines.", "Analysts answer questions with data."]
    vectors = np.stack([unit(1), unit(2)])
    store.save(texts, vectors)
    found = store.lookup([*texts, "Never stored."])
    assert set(found) == set(texts)
    assert np.array_equal(found[texts[0]], vectors[0])
    assert np.array_equal(found[texts[1]], vectors[1])
    assert store.missing([*texts, "Never stored."]) == ["Never stored."]


def test_a_text_is_stored_once_and_kept_unless_replaced(store: SentenceStore) -> None:
    store.save(["Same text."], np.stack([unit(1)]))
    store.save(["Same text."], np.stack([unit(2)]))  # a second writer: no error, no change
    assert store.count() == 1
    assert np.array_equal(store.lookup(["Same text."])["Same text."], unit(1))
    store.save(["Same text."], np.stack([unit(2)]), replace=True)
    assert np.array_equal(store.lookup(["Same text."])["Same text."], unit(2))


def test_collections_do_not_mix(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    one, other = SentenceStore.open(url, "model-a"), SentenceStore.open(url, "model-b")
    one.save(["Shared words."], np.stack([unit(1)]))
    assert other.lookup(["Shared words."]) == {}
    other.drop()
    assert one.count() == 1


def test_forgetting_a_source_deletes_only_what_no_other_source_holds(
    store: SentenceStore,
) -> None:
    store.save(["Only in a.", "In both.", "Only in b."], np.stack([unit(1), unit(2), unit(3)]))
    store.record_source("a.md", ["Only in a.", "In both."])
    store.record_source("b.md", ["In both.", "Only in b."])
    assert store.digests() == {
        "a.md": digest_of([text_key("Only in a."), text_key("In both.")]),
        "b.md": digest_of([text_key("In both."), text_key("Only in b.")]),
    }
    cleanup = store.forget_sources(["a.md"])
    assert (cleanup.sources, cleanup.vectors) == (1, 1)
    assert set(store.lookup(["Only in a.", "In both.", "Only in b."])) == {
        "In both.",
        "Only in b.",
    }
    assert list(store.digests()) == ["b.md"]


def test_recording_a_source_again_replaces_its_texts(store: SentenceStore) -> None:
    store.save(["Old.", "Kept."], np.stack([unit(1), unit(2)]))
    store.record_source("a.md", ["Old.", "Kept."])
    store.record_source("a.md", ["Kept."])
    assert store.collect_garbage() == 1
    with store.engine.connect() as conn:
        refs = conn.execute(select(func.count()).select_from(sentence_refs)).scalar()
    assert refs == 1
    assert store.missing(["Old.", "Kept."]) == ["Old."]


def test_held_examples_survive_garbage_collection_and_are_no_guide(
    store: SentenceStore,
) -> None:
    store.save(["An example.", "A guide line."], np.stack([unit(1), unit(2)]))
    store.record_source("a.md", ["A guide line."])
    assert store.hold_examples(["An example."]) is True
    assert store.hold_examples(["An example."]) is False  # held already: nothing written
    assert store.collect_garbage() == 0
    assert store.forget_sources(["a.md"]).vectors == 1  # the guide's line, not the example
    assert list(store.lookup(["An example.", "A guide line."])) == ["An example."]
    assert EXAMPLES_SOURCE not in store.digests()
    assert store.hold_examples(["Another example."]) is True  # the examples changed
    assert store.collect_garbage() == 1


def test_digest_ignores_order_and_repeats() -> None:
    assert digest_of(["b", "a", "a"]) == digest_of(["a", "b"])
    assert digest_of(["a"]) != digest_of(["a", "b"])


def test_scored_texts_are_the_quotable_sentences_and_a_question_heading() -> None:
    body = "Pipelines move data. They run every night without fail.\n\n- Short"
    assert scored_texts(body, "Guide > Daily work") == ["They run every night without fail."]
    assert scored_texts(body, "Guide > FAQ > Is it hard?") == [
        "They run every night without fail.",
        "Is it hard?",
    ]
