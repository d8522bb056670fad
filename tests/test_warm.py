"""Warming fills in the stored sentence vectors of an index that has none (one built by an
earlier version); an index whose ingest stored them needs nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.chatbot import Chatbot
from bot.core.settings import Settings
from bot.index.embeddings import VectorCache, embeddings_for
from bot.index.sentence_store import EXAMPLES_SOURCE, SentenceStore
from bot.index.store import collection_name
from bot.index.warm import indexed_sentences, warm


def copy_of(settings: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(settings.data_dir, tmp_path / "data")
    return settings.model_copy(update={"data_dir": tmp_path / "data"})


def test_an_ingested_index_needs_no_warming(indexed_settings: Settings) -> None:
    bot = Chatbot(indexed_settings)
    assert warm(bot.store, bot.vectors, 20_000) == 0  # ingest stored every sentence


def test_warming_fills_in_an_index_without_sentence_vectors(
    indexed_settings: Settings, tmp_path: Path
) -> None:
    settings = copy_of(indexed_settings, tmp_path)
    SentenceStore.open(settings.sql_url, collection_name(settings)).drop()
    bot = Chatbot(settings)
    first = bot.warm()
    sentences = indexed_sentences(bot.store, 10_000)
    examples = {t for c in bot.classifiers() for t in c.texts}
    assert first == len(sentences) + len(examples - set(sentences)) > len(sentences) > 0
    assert Chatbot(settings).warm() == 0  # stored for every later process
    later = Chatbot(settings)
    later.ask("Which tools does a data engineer use?")
    # Only the question: as searched, and with its role names out (the intent classifier).
    assert later.embeddings.texts_embedded == 2


def test_warming_respects_the_limit(indexed_settings: Settings, tmp_path: Path) -> None:
    settings = copy_of(indexed_settings, tmp_path)
    SentenceStore.open(settings.sql_url, collection_name(settings)).drop()
    bot = Chatbot(settings)
    assert len(indexed_sentences(bot.store, 3)) == 3
    small = VectorCache(embeddings_for(settings), max_items=5)
    assert warm(bot.store, small, limit=100) == 5


def test_questions_are_never_stored(indexed_settings: Settings, tmp_path: Path) -> None:
    settings = copy_of(indexed_settings, tmp_path)
    store = SentenceStore.open(settings.sql_url, collection_name(settings))
    store.forget_sources([EXAMPLES_SOURCE])  # as after the first ingest: no examples stored
    before = store.count()
    question = "Would a shy person with a statistics degree enjoy data engineering?"
    bot = Chatbot(settings)
    bot.ask(question)
    # Only bundled text is added: the classifiers' labelled examples, stored for later
    # processes. The question is not.
    examples = {t for c in bot.classifiers() for t in c.texts}
    assert before < store.count() <= before + len(examples)
    assert store.missing([question]) == [question]


def test_the_first_classifier_made_lists_every_other_without_a_deadlock(
    indexed_settings: Settings, tmp_path: Path
) -> None:
    # A fresh process whose first question reads a qualifier: its matrix is made under its
    # lock, and making it lists every classifier's examples, the facet classifier's among
    # them (Chatbot._example_vectors). That listing once took the same lock again.
    import threading

    settings = copy_of(indexed_settings, tmp_path)
    bot = Chatbot(settings)
    done = threading.Event()

    def first_use() -> None:
        _ = bot.qualifiers.matrix
        done.set()

    threading.Thread(target=first_use, daemon=True).start()
    assert done.wait(120), "making the qualifier matrix deadlocked"
    assert bot.qualifiers.facets.matrix.shape[0] == len(bot.qualifiers.facets.texts)
