"""The app's SQL database (conversations, feedback): one SQLAlchemy engine per URL.

SQLite in the data dir by default; any SQLAlchemy URL (PostgreSQL when several machines
share the app) through ``CAREERBOT_DATABASE_URL``. Tables are created on first use, so a
fresh data dir needs no migration step.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import MetaData, create_engine, event, make_url
from sqlalchemy.engine import Engine

metadata = MetaData()

_engines: dict[str, Engine] = {}
_created: dict[str, int] = {}  # url -> how many tables existed when they were last created
_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """The shared engine for ``url``, with every table defined so far created.

    Tables are defined by the modules that use them (conversations, feedback, sentence
    vectors); one imported after the engine was first opened still gets its table."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url)
        if _created.get(url) != len(metadata.tables):
            metadata.create_all(engine)
            _created[url] = len(metadata.tables)
        return engine


def new_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; for PostgreSQL, one whose every wait for the server is
    bounded (see ``BoundedConnection``). Every SQL engine of the app is made here."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.driver == "psycopg":
        event.listen(engine, "do_connect", _bounded_connect)
    return engine


def _bounded_connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
    from bot.core.pg_wait import BoundedConnection

    return BoundedConnection.connect(*cargs, **cparams)


@dataclass(frozen=True)
class Database:
    """Which kind of SQL database a URL names, and for SQLite on disk, its file."""

    url: str
    kind: Literal["sqlite", "postgresql", "other"]
    file: Path | None = None


def database_of(url: str) -> Database:
    """The one place that reads the kind of database from its URL (SQLAlchemy's parser,
    not the prefix): the engines, the record manager and the writer lock all ask here."""
    parsed = make_url(url)
    name = parsed.get_backend_name()
    kind: Literal["sqlite", "postgresql", "other"] = (
        "sqlite" if name == "sqlite" else "postgresql" if name == "postgresql" else "other"
    )
    on_disk = kind == "sqlite" and parsed.database not in (None, "", ":memory:")
    return Database(url, kind, Path(str(parsed.database)) if on_disk else None)


def _create(url: str) -> Engine:
    database = database_of(url)
    if database.kind != "sqlite":
        return new_engine(url, pool_pre_ping=True)
    if database.file is not None:
        database.file.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _wal(connection: Any, _record: Any) -> None:
        # The UI saves from several worker threads while others read: WAL lets readers go on.
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine
