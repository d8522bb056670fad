from pathlib import Path

import pytest

from bot.errors import IngestLockedError
from ingest.lock import writer_lock


def test_second_writer_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    first = writer_lock(tmp_path)
    first.__enter__()
    try:
        with pytest.raises(IngestLockedError, match=r"pid \d+"), writer_lock(tmp_path):
            pass
    finally:
        first.__exit__(None, None, None)
    with writer_lock(tmp_path):  # released after the first writer finished
        pass
