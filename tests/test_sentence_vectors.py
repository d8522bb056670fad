"""The ingest step that stores sentence vectors: on a real ingest (real Chroma, real SQLite
in a tmp dir), an unchanged corpus embeds nothing, an edit embeds only new sentences, and
a removed guide leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

import ingest
from bot.chatbot import Chatbot
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.sentence_store import EXAMPLES_SOURCE, SentenceStore
from bot.index.store import collection_name, get_page, vector_store
from ingest.load import load_corpus
from ingest.sentence_vectors import texts_of
from ingest.split import split_guide


def copy_of(settings: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(settings.data_dir, tmp_path / "data")
    return settings.model_copy(update={"data_dir": tmp_path / "data"})


def sentence_store(settings: Settings) -> SentenceStore:
    return SentenceStore.open(settings.sql_url, collection_name(settings))


def corpus_texts(settings: Settings) -> dict[str, list[str]]:
    loaded = load_corpus(settings.corpus_dir, settings.max_file_bytes)
    return {
        guide.source: texts_of(split_guide(guide, settings.chunk_size, settings.chunk_overlap))
        for guide in loaded.files
    }


def distinct(texts: dict[str, list[str]]) -> set[str]:
    return {t for found in texts.values() for t in found}


def test_ingest_stores_a_vector_for_every_scored_text(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings)
    wanted = distinct(corpus_texts(fake_settings))
    assert report.sentences_embedded == len(wanted) > 0
    store = sentence_store(fake_settings)
    assert store.missing(sorted(wanted)) == []
    assert store.count() == len(wanted)
    model = embeddings_for(fake_settings)
    some = sorted(wanted)[:3]
    assert np.allclose(np.stack([store.lookup(some)[t] for t in some]), model.embed_matrix(some))


def test_unchanged_reingest_embeds_no_sentence(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    again = ingest.run(fake_settings)
    assert (again.embeddings_computed, again.sentences_embedded) == (0, 0)


def test_an_edit_embeds_only_its_new_sentences(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    guide = fake_settings.corpus_dir / "data-analyst.md"
    added = "Practise explaining a SQL join aloud before every interview."
    guide.write_text(guide.read_text() + f"\n## Interview preparation\n\n{added}\n")
    report = ingest.run(fake_settings)
    assert report.sentences_embedded == 1
    assert sentence_store(fake_settings).missing([added]) == []


def test_a_removed_guide_leaves_no_sentence_behind(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    before = corpus_texts(fake_settings)
    (fake_settings.corpus_dir / "data-scientist.md").unlink()
    ingest.run(fake_settings)
    store = sentence_store(fake_settings)
    remaining = distinct(corpus_texts(fake_settings))
    assert store.count() == len(remaining)
    only_there = distinct({"s": before["data-scientist.md"]}) - remaining
    assert only_there
    assert store.missing(sorted(only_there)) == sorted(only_there)
    assert "data-scientist.md" not in store.digests()


def test_ingests_after_a_change_keep_the_classifier_examples(fake_settings: Settings) -> None:
    """The examples a server stored at start survive the garbage collection that follows
    an edited and a removed guide; the next process embeds none of them."""
    ingest.run(fake_settings)
    examples = Chatbot(fake_settings).warm_examples()
    assert examples > 0
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\n## Interviews\n\nRehearse a SQL join aloud.\n")
    edited = ingest.run(fake_settings)
    (fake_settings.corpus_dir / "data-scientist.md").unlink()
    removed = ingest.run(fake_settings)
    assert edited.sentences_embedded == 1 and removed.files  # both collected garbage
    store = sentence_store(fake_settings)
    assert EXAMPLES_SOURCE not in store.digests()  # never listed (or forgotten) as a guide
    assert store.count() == len(distinct(corpus_texts(fake_settings)) | examples_of(fake_settings))
    assert Chatbot(fake_settings).warm_examples() == 0


def examples_of(settings: Settings) -> set[str]:
    bot = Chatbot(settings)
    return {t for c in bot.classifiers() for t in c.texts}


def test_an_unreadable_guide_keeps_its_sentences(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    before = sentence_store(fake_settings).count()
    (fake_settings.corpus_dir / "data-engineer.md").write_bytes(b"\xff\xfe\x00binary\x00")
    report = ingest.run(fake_settings)
    assert {f.source: f.status for f in report.files}["data-engineer.md"] == "kept"
    assert sentence_store(fake_settings).count() == before


def test_an_index_without_stored_sentences_is_filled_in(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    sentence_store(fake_settings).drop()  # as an index built by an earlier version
    again = ingest.run(fake_settings)
    assert again.embeddings_computed == 0
    assert again.sentences_embedded == len(distinct(corpus_texts(fake_settings)))


def test_a_rebuild_starts_the_sentences_afresh(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    rebuilt = ingest.run(fake_settings, rebuild=True)
    assert rebuilt.sentences_embedded == first.sentences_embedded


def test_a_fresh_chatbot_embeds_only_the_question(
    indexed_settings: Settings, tmp_path: Path
) -> None:
    settings = copy_of(indexed_settings, tmp_path)
    # As right after the first ingest: no examples stored yet (earlier tests' bots stored
    # them in the shared index).
    sentence_store(settings).forget_sources([EXAMPLES_SOURCE])
    first = Chatbot(settings)
    # A server stores the classifiers' examples at start (ui.app.start_loading); the first
    # process embeds them, every later one finds them stored.
    assert first.warm_examples() > 0
    assert Chatbot(settings).warm_examples() == 0
    bot = Chatbot(settings)
    question = "What does a data engineer do all day?"
    answer = bot.ask(question)
    assert answer.sources
    # The question twice: as searched, and with its role names out as the intent classifier
    # reads it. Sentences and examples were stored.
    assert bot.embeddings.texts_embedded == 2
    # What people ask is never written to disk, only the bundled examples are.
    assert sentence_store(settings).lookup([question]) == {}


def test_stored_sentences_match_the_indexed_chunks(indexed_settings: Settings) -> None:
    store = vector_store(indexed_settings, embeddings_for(indexed_settings), create=False)
    page = get_page(store, limit=10_000, offset=0, include=["documents", "metadatas"])
    from langchain_core.documents import Document

    chunks = [
        Document(text, metadata=meta)
        for text, meta in zip(page["documents"], page["metadatas"], strict=True)
    ]
    assert sentence_store(indexed_settings).missing(texts_of(chunks)) == []
