"""Records: the ingest record store (LangChain's ``SQLRecordManager``), and the only module
that reads its private table.

The record manager remembers the key of every chunk written, grouped by source file. Its
public API lists and deletes keys but cannot count them or group them by file, which the
pipeline (drift check, plan) and the library (chunks per guide) need; those queries go
straight at its ``upsertion_record`` table here, so a LangChain upgrade that changes the
table breaks one module.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_classic.indexes import SQLRecordManager
from sqlalchemy import func, inspect, select

from bot.core.errors import StoreUnavailableError
from bot.core.settings import Settings
from bot.core.sql import new_engine


@contextmanager
def database_errors(settings: Settings) -> Iterator[None]:
    """A database that cannot be reached (PostgreSQL down, wrong host, bad password) is one
    clear line naming it, password hidden, like an unreachable Chroma server."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except OperationalError as exc:
        # The URL without its query: the timeouts careerbot adds there are not news.
        shown = make_url(settings.sql_url).set(query={}).render_as_string(hide_password=True)
        # The driver's first line says what failed; later ones are hints or context.
        reason = str(exc.orig or exc).strip().splitlines()
        raise StoreUnavailableError(
            f"Cannot reach the database ({shown}): {reason[0] if reason else 'error'}"
        ) from exc


_MANAGERS: dict[tuple[str, str], SQLRecordManager] = {}
_MANAGERS_LOCK = threading.Lock()


def record_manager(settings: Settings, namespace: str) -> SQLRecordManager:
    """The record manager for ``namespace``, schema created; one per URL and namespace."""
    key = (settings.record_store_url, namespace)
    with _MANAGERS_LOCK:
        if key not in _MANAGERS:
            if settings.record_store_url.startswith("sqlite:///"):
                settings.data_dir.mkdir(parents=True, exist_ok=True)
            manager = SQLRecordManager(namespace, engine=new_engine(settings.record_store_url))
            manager.create_schema()
            _MANAGERS[key] = manager
        return _MANAGERS[key]


def existing_record_manager(settings: Settings, namespace: str) -> SQLRecordManager | None:
    """The record manager if the record store already exists, else None, without creating
    anything: a dry run must leave no file or table behind."""
    url = settings.record_store_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return None
    manager = SQLRecordManager(namespace, engine=new_engine(url))
    if not inspect(manager.engine).has_table("upsertion_record"):
        return None
    return manager


def drop_records(manager: SQLRecordManager) -> int:
    """Forget every key in the manager's namespace (a rebuild starts from nothing)."""
    keys = manager.list_keys()
    if keys:
        manager.delete_keys(keys)
    return len(keys)


def record_count(manager: SQLRecordManager) -> int:
    from langchain_classic.indexes._sql_record_manager import UpsertionRecord

    with manager._make_session() as session:
        query = select(func.count()).where(UpsertionRecord.namespace == manager.namespace)
        return int(session.execute(query).scalar_one())


def indexed_sources(manager: SQLRecordManager) -> set[str]:
    """Every source file that has chunks on record."""
    from langchain_classic.indexes._sql_record_manager import UpsertionRecord

    with manager._make_session() as session:
        rows: Any = session.execute(
            select(UpsertionRecord.group_id)
            .where(UpsertionRecord.namespace == manager.namespace)
            .distinct()
        )
        return {row[0] for row in rows if row[0]}


@dataclass(frozen=True)
class SourceRecord:
    """What the record store knows about one source file."""

    chunks: int
    indexed_at: float  # when an ingest last wrote or confirmed its chunks (epoch seconds)


def records_by_source(manager: SQLRecordManager) -> dict[str, SourceRecord]:
    """Chunk count and last index time per source file."""
    from langchain_classic.indexes._sql_record_manager import UpsertionRecord

    with manager._make_session() as session:
        rows: Any = session.execute(
            select(
                UpsertionRecord.group_id,
                func.count(UpsertionRecord.key),
                func.max(UpsertionRecord.updated_at),
            )
            .where(UpsertionRecord.namespace == manager.namespace)
            .group_by(UpsertionRecord.group_id)
        )
        return {row[0]: SourceRecord(int(row[1]), float(row[2])) for row in rows if row[0]}


def keys_by_source(manager: SQLRecordManager) -> dict[str, set[str]]:
    """The chunk keys on record per source file (content hashes: equal keys, same content)."""
    from langchain_classic.indexes._sql_record_manager import UpsertionRecord

    keys: dict[str, set[str]] = {}
    with manager._make_session() as session:
        rows: Any = session.execute(
            select(UpsertionRecord.group_id, UpsertionRecord.key).where(
                UpsertionRecord.namespace == manager.namespace
            )
        )
        for group, key in rows:
            if group:
                keys.setdefault(group, set()).add(key)
    return keys
