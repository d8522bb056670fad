"""Ingest runs end to end on real Chroma in tmp dirs (fast fake embeddings here; the real
model is exercised by test_chatbot and the integration test at the bottom)."""

from pathlib import Path

import pytest

import ingest
from bot.embeddings import embeddings_for
from bot.errors import CareerbotError, IngestLockedError
from bot.settings import Settings
from bot.store import count, vector_store
from ingest.lock import writer_lock


def statuses(report: ingest.IngestReport) -> dict[str, str]:
    return {f.source: f.status for f in report.files}


def chunk_count(settings: Settings) -> int:
    return count(vector_store(settings, embeddings_for(settings), create=False))


def test_first_run_adds_every_file(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings)
    assert report.added == 3
    assert report.embeddings_computed == report.total_chunks == chunk_count(fake_settings) > 0


def test_unchanged_corpus_embeds_nothing(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    second = ingest.run(fake_settings)
    assert (second.added, second.updated, second.deleted) == (0, 0, 0)
    assert second.skipped == 3
    assert second.embeddings_computed == 0
    assert second.total_chunks == first.total_chunks


def test_edit_reembeds_only_that_file(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\n## Interview preparation\nPractise SQL joins aloud.\n")
    report = ingest.run(fake_settings)
    assert statuses(report)["data-analyst.md"] == "updated"
    assert statuses(report)["data-engineer.md"] == "unchanged"
    analyst_chunks = next(f.chunks for f in report.files if f.source == "data-analyst.md")
    assert 0 < report.embeddings_computed <= analyst_chunks
    assert report.total_chunks == first.total_chunks + 1


def test_removed_file_leaves_the_index(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    (fake_settings.corpus_dir / "data-scientist.md").unlink()
    report = ingest.run(fake_settings)
    assert report.deleted == 1
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    assert store.get(where={"source": "data-scientist.md"})["ids"] == []
    assert report.total_chunks == count(store)


def test_unreadable_file_keeps_its_previous_version(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    before = chunk_count(fake_settings)
    (fake_settings.corpus_dir / "data-engineer.md").write_bytes(b"\xff\xfe broken \x00")
    report = ingest.run(fake_settings)
    result = next(f for f in report.files if f.source == "data-engineer.md")
    assert result.status == "kept" and "binary" in result.reason
    assert chunk_count(fake_settings) == before


def test_full_reembeds_everything(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    again = ingest.run(fake_settings, full=True)
    assert again.updated == 3
    assert again.embeddings_computed == first.total_chunks
    assert again.total_chunks == first.total_chunks


def test_second_writer_is_refused(fake_settings: Settings) -> None:
    with writer_lock(fake_settings.data_dir), pytest.raises(IngestLockedError):
        ingest.run(fake_settings)


def test_missing_corpus_dir_is_a_clear_error(fake_settings: Settings, tmp_path: Path) -> None:
    broken = fake_settings.model_copy(update={"corpus_dir": tmp_path / "nope"})
    with pytest.raises(CareerbotError, match="does not exist"):
        ingest.run(broken)


def test_catalog_follows_the_corpus(fake_settings: Settings) -> None:
    from bot.roles import RoleCatalog
    from bot.store import CATALOG_KEY, read_metadata

    ingest.run(fake_settings)
    (fake_settings.corpus_dir / "data-analyst.md").unlink()
    (fake_settings.corpus_dir / "quant.md").write_text("# Quant Researcher\n\nModels markets.\n")
    ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    catalog = RoleCatalog.from_json(str(read_metadata(store)[CATALOG_KEY]))
    assert sorted(catalog.roles) == ["data-engineer", "data-scientist", "quant"]
    assert catalog.title("quant") == "Quant Researcher"


def test_real_model_ingest(real_settings: Settings) -> None:
    report = ingest.run(real_settings)
    assert report.added == 3
    store = vector_store(real_settings, embeddings_for(real_settings), create=False)
    vector = store._collection.get(limit=1, include=["embeddings"])["embeddings"][0]
    assert len(vector) == 384
