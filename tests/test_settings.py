from pathlib import Path

import pytest

from bot.core.settings import BUNDLED_MODEL_NAME, Settings


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAREERBOT_TOP_K", "3")
    monkeypatch.setenv("CAREERBOT_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.top_k == 3
    assert settings.data_dir == tmp_path


def test_blank_optional_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_CHROMA_HOST", "  ")
    monkeypatch.setenv("CAREERBOT_LLM_BASE_URL", "")
    settings = Settings()
    assert settings.chroma_host is None
    assert not settings.uses_llm


def test_defaults_are_offline_and_bundled(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.model_name == BUNDLED_MODEL_NAME
    assert settings.record_store_url == f"sqlite:///{tmp_path / 'records.sqlite'}"
    assert settings.corpus_dir.name == "corpus"
    assert settings.ui_host == "127.0.0.1"


def test_settings_are_immutable(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(ValueError):
        settings.top_k = 9  # type: ignore[misc]
    assert settings.model_copy(update={"top_k": 9}).top_k == 9


def test_database_url_names_the_sql_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert Settings(data_dir=tmp_path).sql_url == f"sqlite:///{tmp_path / 'records.sqlite'}"
    monkeypatch.setenv("CAREERBOT_RECORD_DB_URL", "sqlite:////srv/old-name.sqlite")
    assert Settings().sql_url == "sqlite:////srv/old-name.sqlite"  # the old name still works
    monkeypatch.setenv("CAREERBOT_DATABASE_URL", "postgresql://bot@db.internal/careerbot")
    settings = Settings()
    # psycopg 3 named as the driver; the server timeouts follow in the query (test_pg_wait).
    assert settings.sql_url.startswith("postgresql+psycopg://bot@db.internal/careerbot?")
    assert settings.uses_postgres and settings.record_store_url == settings.sql_url
