"""The app's SQL database (conversations, feedback): one SQLAlchemy engine per URL.

SQLite in the data dir by default; any SQLAlchemy URL (PostgreSQL when several machines
share the app) through ``CAREERBOT_DATABASE_URL``. Tables are created on first use, so a
fresh data dir needs no migration step.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event
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


def _create(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return new_engine(url, pool_pre_ping=True)
    database = url.split(":///", 1)[-1]
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _wal(connection: Any, _record: Any) -> None:
        # The UI saves from several worker threads while others read: WAL lets readers go on.
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine
