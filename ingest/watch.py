"""Watch: re-ingest whenever the corpus dir changes, until stopped (Ctrl-C or an event).

Changes are debounced, so saving a file (editors often write it two or three times) or
copying a folder of guides in triggers one ingest, not one per event. Every run is a
normal incremental ``ingest.run``, so only the touched files are embedded, and each run
takes the writer lock on its own: a CLI ingest can still run between two watch runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.core.errors import CareerbotError, CorpusMissingError
from bot.core.settings import Settings
from ingest.index import Progress
from ingest.pipeline import run
from ingest.report import IngestReport

log = logging.getLogger("careerbot.ingest")

OnReport = Callable[[IngestReport], None]
OnError = Callable[[CareerbotError], None]


def watch(
    settings: Settings,
    on_report: OnReport,
    on_error: OnError,
    *,
    debounce_ms: int = 800,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> int:
    """Ingest once, then again after every batch of changes. Returns the number of runs.

    A run that fails with a user-facing error (say, another writer holds the lock) is
    reported through ``on_error`` and watching goes on; the next change retries.
    Ctrl-C ends the watch quietly; an ingest it interrupts is redone safely next time.
    """
    import watchfiles

    if not settings.corpus_dir.is_dir():
        raise CorpusMissingError(settings.corpus_dir)
    runs = 0

    def once() -> None:
        nonlocal runs
        runs += 1
        try:
            on_report(run(settings, progress=progress))
        except CareerbotError as exc:
            on_error(exc)
        except Exception as exc:
            # A bug, not a user error: its traceback goes to the log, and watching goes
            # on, since the next change may well ingest fine.
            log.exception("the ingest failed unexpectedly")
            on_error(
                CareerbotError(
                    f"The ingest failed unexpectedly ({type(exc).__name__}); "
                    "the error was logged and watching goes on."
                )
            )

    try:
        once()
        for _changes in watchfiles.watch(
            settings.corpus_dir,
            debounce=debounce_ms,
            stop_event=stop,
            raise_interrupt=True,
        ):
            once()
    except KeyboardInterrupt:
        pass
    return runs
