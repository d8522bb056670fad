"""The writer lock: one ingest writes at a time, and the embedded store has no other users
while it does. This is the only place that decides who may write.

Two layers, taken in this order:
1. Writers exclude each other: an exclusive, non-blocking ``flock`` on ``ingest.lock`` in the
   data dir. ``flock`` is released by the kernel when the holder dies, even by SIGKILL, so a
   crashed ingest never leaves a stale lock behind.
2. The embedded Chroma store keeps its vector index in each process' memory, so a process
   that has it open would go on answering from vectors it can no longer see change. Every
   such process holds a shared lock on ``chroma.users`` (``bot.index.store``); the writer upgrades
   its own to exclusive, which fails while anyone else has the store open. A Chroma server
   needs no such step: its readers always see the latest writes.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.errors import IngestLockedError
from bot.core.settings import Settings
from bot.index.store import place_of, reader_registration


class StoreInUseError(IngestLockedError):
    """Another process has the embedded store open; an update would go unseen by it."""


@contextmanager
def writer_lock(settings: Settings, purpose: str = "ingest") -> Iterator[None]:
    """Hold both layers for the duration of a write; raises ``IngestLockedError``."""
    with _writers_excluded(settings, purpose), _sole_user_of_embedded_store(settings):
        yield


@contextmanager
def _writers_excluded(settings: Settings, purpose: str) -> Iterator[None]:
    """With PostgreSQL, writers may run on several machines sharing the database: they
    take a database advisory lock. With SQLite, the database lives in one data dir, and
    so does the lock file."""
    if settings.uses_postgres:
        with advisory_lock(settings.sql_url, purpose):
            yield
    else:
        with file_lock(settings.data_dir, purpose):
            yield


# Any constant works; it only has to be the same for every careerbot writer on the database.
ADVISORY_KEY = int.from_bytes(b"cbwriter", "big") & 0x7FFF_FFFF_FFFF_FFFF


@contextmanager
def advisory_lock(url: str, purpose: str = "ingest") -> Iterator[None]:
    """PostgreSQL session advisory lock, held on a connection of its own for the whole
    write. The server releases it when that session ends, including when the writer's
    machine or process dies (SIGKILL closes the socket), so no stale lock is left. The
    connection's application_name names the holder for the refusal message."""
    from sqlalchemy import text
    from sqlalchemy.pool import NullPool

    from bot.core.sql import new_engine

    info = holder_info(purpose)
    label = f"careerbot {purpose} pid {info['pid']} on {socket.gethostname()}"
    engine = new_engine(url, poolclass=NullPool, connect_args={"application_name": label[:63]})
    try:
        with engine.connect() as connection:
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})
            if not got.scalar_one():
                holder = connection.execute(
                    text(
                        "SELECT a.application_name, a.backend_start FROM pg_locks l "
                        "JOIN pg_stat_activity a ON a.pid = l.pid "
                        "WHERE l.locktype = 'advisory' AND l.granted "
                        "AND l.classid = :hi AND l.objid = :lo"
                    ),
                    {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFF_FFFF},
                ).first()
                who = f"{holder[0]} since {holder[1]:%H:%M:%S}" if holder else "holder unknown"
                raise IngestLockedError(
                    f"Another writer is updating the index ({who}); "
                    "wait for it to finish and try again."
                )
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                connection.commit()
    finally:
        engine.dispose()


@contextmanager
def file_lock(data_dir: Path, purpose: str = "ingest") -> Iterator[None]:
    """Exclusive lock file in the data dir; the holder is recorded for the refusal message."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "ingest.lock"
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestLockedError(
                f"Another writer is updating the index ({_holder(path)}); "
                "wait for it to finish and try again."
            ) from None
        handle.seek(0)
        handle.truncate()
        json.dump(holder_info(purpose), handle)
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def holder_info(purpose: str) -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "purpose": purpose,
        "since": time.time(),
        "command": " ".join(sys.argv[:3]),
    }


def describe_holder(info: dict[str, object]) -> str:
    since_raw = info.get("since", 0)
    since = time.strftime(
        "%H:%M:%S", time.localtime(float(since_raw) if isinstance(since_raw, int | float) else 0)
    )
    host = f" on {info['host']}" if info.get("host") else ""
    return f"{info.get('purpose', 'ingest')} by pid {info.get('pid', '?')}{host} since {since}"


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "holder unknown"
    return describe_holder(info) if isinstance(info, dict) else "holder unknown"


@contextmanager
def _sole_user_of_embedded_store(settings: Settings) -> Iterator[None]:
    """Upgrade this process' shared registration to exclusive while writing.

    Threads of this process share its client, so an app re-indexing itself is never refused.
    """
    handle = reader_registration(settings)
    if handle is None:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fcntl.flock(handle, fcntl.LOCK_SH)  # converting may have dropped the shared lock
        raise StoreInUseError(
            f"Another careerbot process (an app, a chat or an ask) has the embedded index "
            f"in {place_of(settings)} open and would not see the update. Stop that process "
            "and try again, or use a Chroma server (see Scaling out in the README)."
        ) from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_SH)
