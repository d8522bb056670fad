"""One writer at a time: an exclusive, non-blocking lock file in the data dir.

``flock`` is released by the kernel when the holder dies, even by SIGKILL, so a crashed
ingest never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.errors import IngestLockedError


@contextmanager
def writer_lock(data_dir: Path, purpose: str = "ingest") -> Iterator[None]:
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
        json.dump(
            {
                "pid": os.getpid(),
                "purpose": purpose,
                "since": time.time(),
                "command": " ".join(sys.argv[:3]),
            },
            handle,
        )
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "holder unknown"
    since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
    return f"{info.get('purpose', 'ingest')} by pid {info.get('pid', '?')} since {since}"
