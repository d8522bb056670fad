"""The app's SQL engine: one per URL, and every table a module defines gets created, even
one defined after the engine was first opened."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, String, Table, inspect

from bot.core.sql import engine_for, metadata


def test_one_engine_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    assert engine_for(url) is engine_for(url)
    assert (tmp_path / "app.sqlite").exists()


def test_a_table_defined_later_is_still_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'late.sqlite'}"
    engine_for(url)
    late = Table("late_table_for_test", metadata, Column("id", String(8), primary_key=True))
    try:
        assert "late_table_for_test" in inspect(engine_for(url)).get_table_names()
    finally:
        metadata.remove(late)


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with engine_for(f"sqlite:///{tmp_path / 'wal.sqlite'}").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
