"""ingest.records: the record store behind LangChain's SQL record manager."""

from __future__ import annotations

import pytest

import ingest
from bot.core.errors import StoreUnavailableError
from bot.core.settings import Settings
from bot.index.store import collection_name
from ingest.library import documents
from ingest.records import indexed_sources, keys_by_source, record_manager, records_by_source
from tests.ui_server import free_port


def test_per_source_views_agree(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings)
    manager = record_manager(fake_settings, collection_name(fake_settings))
    by_source = records_by_source(manager)
    keys = keys_by_source(manager)
    assert set(by_source) == set(keys) == indexed_sources(manager)
    assert sum(r.chunks for r in by_source.values()) == report.total_chunks
    assert all(len(keys[s]) == r.chunks for s, r in by_source.items())


def test_an_unreachable_database_is_one_clear_line(fake_settings: Settings) -> None:
    url = f"postgresql://careerbot:s3cret@127.0.0.1:{free_port()}/careerbot"
    settings = fake_settings.model_copy(update={"database_url": url})
    for action in (lambda: ingest.run(settings), lambda: documents(settings)):
        with pytest.raises(StoreUnavailableError, match="Cannot reach the database") as caught:
            action()
        message = str(caught.value)
        assert "\n" not in message and "s3cret" not in message and "127.0.0.1" in message
