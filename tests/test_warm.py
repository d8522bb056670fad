"""Warming: the indexed sentences are embedded once, up front, and answering then embeds
only the question."""

from __future__ import annotations

from bot.chatbot import Chatbot
from bot.embeddings import VectorCache, embeddings_for
from bot.settings import Settings
from bot.warm import indexed_sentences, warm


def test_warm_embeds_each_sentence_once(indexed_settings: Settings) -> None:
    bot = Chatbot(indexed_settings)
    first = bot.warm()
    assert first == len(indexed_sentences(bot.store, 10_000)) > 0
    assert bot.warm() == 0


def test_after_warming_an_answer_embeds_only_the_question(indexed_settings: Settings) -> None:
    bot = Chatbot(indexed_settings)
    bot.warm()
    before = bot.embeddings.texts_embedded
    answer = bot.ask("Which tools does a data engineer use?")
    assert answer.sources
    assert bot.embeddings.texts_embedded - before == 1


def test_warming_respects_the_limit_and_the_cache_size(indexed_settings: Settings) -> None:
    bot = Chatbot(indexed_settings)
    assert len(indexed_sentences(bot.store, 3)) == 3
    small = VectorCache(embeddings_for(indexed_settings), max_items=5)
    assert warm(bot.store, small, limit=100) == 5
    assert small.add(["a sentence that is not cached yet"]) == 0  # full: nothing evicted
