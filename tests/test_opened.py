"""The opened index: the current collection and its roles, followed across ingests and
rebuilds (fake embeddings, real Chroma)."""

from __future__ import annotations

import pytest

import ingest
from bot.core.errors import NoIndexError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.opened import OpenedIndex
from bot.index.store import collection_id


def test_nothing_is_opened_before_first_use(fake_settings: Settings) -> None:
    index = OpenedIndex(fake_settings, embeddings_for(fake_settings))
    assert not index.opened
    with pytest.raises(NoIndexError):
        index.store()


def test_the_catalog_follows_an_ingest(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    index = OpenedIndex(fake_settings, embeddings_for(fake_settings))
    assert sorted(index.catalog().roles) == ["data-analyst", "data-engineer", "data-scientist"]
    assert index.catalog() is index.catalog()  # unchanged roles are not parsed again
    (fake_settings.corpus_dir / "quant.md").write_text("# Quant Researcher\n\nModels markets.\n")
    ingest.run(fake_settings)
    assert "quant" in index.catalog().roles


def test_the_store_is_reopened_after_a_rebuild(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    index = OpenedIndex(fake_settings, embeddings_for(fake_settings))
    before = collection_id(index.store())
    assert collection_id(index.store()) == before and index.opened
    ingest.run(fake_settings, rebuild=True)  # drops and recreates the collection
    assert collection_id(index.store()) != before
