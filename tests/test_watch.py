import threading
import time

from bot.errors import CareerbotError
from bot.settings import Settings
from ingest.lock import writer_lock
from ingest.report import IngestReport
from ingest.watch import watch


def wait_for(condition, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_reingests_changes_and_stops(fake_settings: Settings) -> None:
    reports: list[IngestReport] = []
    errors: list[CareerbotError] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=(fake_settings, reports.append, errors.append),
        kwargs={"debounce_ms": 200, "stop": stop},
    )
    thread.start()
    try:
        assert wait_for(lambda: len(reports) == 1)
        assert reports[0].added == 3
        time.sleep(0.5)  # let the watcher start before the edit

        guide = fake_settings.corpus_dir / "data-engineer.md"
        guide.write_text(guide.read_text() + "\n## On call\nPipelines break at night.\n")
        assert wait_for(lambda: len(reports) >= 2)
        edited = {f.source: f.status for f in reports[-1].files}
        assert edited["data-engineer.md"] == "updated"
        assert edited["data-analyst.md"] == "unchanged"

        # A run refused by another writer is reported, and watching goes on.
        with writer_lock(fake_settings.data_dir, purpose="test holder"):
            (fake_settings.corpus_dir / "new.md").write_text("# Data Steward\n\nOwns data.\n")
            assert wait_for(lambda: len(errors) == 1)
        assert "test holder" in str(errors[0])
        (fake_settings.corpus_dir / "new.md").write_text("# Data Steward\n\nOwns the data.\n")
        assert wait_for(lambda: any(f.source == "new.md" for f in reports[-1].files))
        assert {f.source: f.status for f in reports[-1].files}["new.md"] == "added"
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
