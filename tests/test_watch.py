import threading
import time
from pathlib import Path

import pytest

from bot.core.errors import CareerbotError
from bot.core.settings import Settings
from ingest.lock import writer_lock
from ingest.report import IngestReport
from ingest.watch import watch
from tests.interrupt import sigint_delivered


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
        with writer_lock(fake_settings, purpose="test holder"):
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


@pytest.mark.slow
def test_cli_watch_reingests_and_ctrl_c_exits_cleanly(corpus_copy: Path, tmp_path: Path) -> None:
    import json
    import os
    import signal
    import subprocess
    import sys

    env = {
        **os.environ,
        "CAREERBOT_DATA_DIR": str(tmp_path / "data"),
        "CAREERBOT_CORPUS_DIR": str(corpus_copy),
    }
    exe = Path(sys.executable).parent / "careerbot"
    with sigint_delivered():  # the Ctrl-C below must reach it even in a background suite
        watcher = subprocess.Popen(
            [str(exe), "ingest", "--watch", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    try:
        assert watcher.stdout is not None
        first = json.loads(watcher.stdout.readline())
        assert first["added"] == 3
        time.sleep(1.0)  # the watcher starts right after the first report
        (corpus_copy / "data-analyst.md").unlink()
        second = json.loads(watcher.stdout.readline())
        assert (second["deleted"], second["skipped"]) == (1, 2)
        watcher.send_signal(signal.SIGINT)
        _, stderr = watcher.communicate(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


def test_watching_a_missing_dir_is_a_clear_error(fake_settings: Settings, tmp_path: Path) -> None:
    missing = fake_settings.model_copy(update={"corpus_dir": tmp_path / "nope"})
    with pytest.raises(CareerbotError, match="does not exist"):
        watch(missing, lambda _r: None, lambda _e: None)


def test_hostile_files_are_skipped_and_watching_goes_on(fake_settings: Settings) -> None:
    """A symlink loop or an alias bomb ended `ingest --watch` (issue 14, finding 2)."""
    import os

    from tests.test_load import alias_bomb

    reports: list[IngestReport] = []
    errors: list[CareerbotError] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=(fake_settings, reports.append, errors.append),
        kwargs={"debounce_ms": 200, "stop": stop},
    )
    thread.start()
    corpus = fake_settings.corpus_dir
    try:
        assert wait_for(lambda: len(reports) == 1)
        time.sleep(0.5)  # let the watcher start before the changes
        os.symlink("loop-b.md", corpus / "loop-a.md")
        os.symlink("loop-a.md", corpus / "loop-b.md")
        (corpus / "bomb.md").write_text(alias_bomb())
        assert wait_for(lambda: any(f.source == "bomb.md" for f in reports[-1].files))
        time.sleep(0.5)
        statuses = {f.source: (f.status, f.reason) for f in reports[-1].files}
        assert statuses["bomb.md"][0] == "skipped" and "aliases" in statuses["bomb.md"][1]
        (corpus / "new.md").write_text("# Data Steward\n\nOwns the data.\n")
        assert wait_for(lambda: any(f.source == "new.md" for f in reports[-1].files))
        assert {f.source: f.status for f in reports[-1].files}["new.md"] == "added"
        assert thread.is_alive() and errors == []
        assert {"loop-a.md", "loop-b.md"} <= {f.source for f in reports[-1].files}
    finally:
        stop.set()
        thread.join(timeout=30)
