import json

import pytest

import ingest
from bot.core.errors import NoIndexError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import vector_store
from ingest.pipeline import rebuild
from ingest.records import record_manager
from ingest.verify import verify
from ui.cli import main


def test_fresh_ingest_is_in_step(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings)
    drift = verify(fake_settings)
    assert drift.clean
    assert drift.records == drift.chunks == report.total_chunks
    assert "in step" in drift.summary()


def test_missing_chunks_and_orphans_are_found(fake_settings: Settings) -> None:
    from bot.index.store import collection_name

    ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    gone = store.get(where={"source": "data-analyst.md"})["ids"]
    store.delete(ids=gone)
    manager = record_manager(fake_settings, collection_name(fake_settings))
    orphan = store.get(where={"source": "data-scientist.md"})["ids"][0]
    manager.delete_keys([orphan])

    drift = verify(fake_settings)
    assert sorted(drift.missing) == sorted(gone)
    assert drift.orphans == [orphan]
    assert not drift.clean
    assert f"{len(gone)} records whose chunk is missing, 1 chunks without" in drift.summary()


def test_verify_without_an_index_says_so(fake_settings: Settings) -> None:
    with pytest.raises(NoIndexError, match="careerbot ingest"):
        verify(fake_settings)


def test_rebuild_restores_a_drifted_index(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    store.delete(ids=store.get(limit=3)["ids"])
    report = rebuild(fake_settings)
    assert report.total_chunks == first.total_chunks
    assert verify(fake_settings).clean


@pytest.fixture
def env_for(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def apply(settings: Settings) -> None:
        monkeypatch.setenv("CAREERBOT_DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("CAREERBOT_CORPUS_DIR", str(settings.corpus_dir))
        monkeypatch.setenv("CAREERBOT_EMBEDDING_MODEL", settings.embedding_model)

    return apply


def test_cli_verify_exits_non_zero_on_drift(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(fake_settings)
    assert main(["ingest", "--json"]) == 0
    capsys.readouterr()
    assert main(["index", "verify"]) == 0
    assert "in step" in capsys.readouterr().out

    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    store.delete(ids=store.get(limit=2)["ids"])
    assert main(["index", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert len(data["missing"]) == 2 and data["clean"] is False

    assert main(["index", "rebuild", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 3
    assert main(["index", "verify"]) == 0
