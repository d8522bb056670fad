"""Errors as the interfaces show them.

``bot`` and ``ingest`` raise ``CareerbotError``s whose message says what is wrong in words
that suit any interface. The fix depends on where the person is: a command to run in the
terminal, a tab to open in the web app. The interfaces add it here, and only here. Anything
that is not a ``CareerbotError`` is a bug: it is logged with its traceback and the person
gets one line saying so.
"""

from __future__ import annotations

import logging
from typing import Literal

from bot.core.errors import CareerbotError, IndexMismatchError, NoIndexError

Interface = Literal["cli", "web"]

_FIXES: dict[tuple[type[CareerbotError], Interface], str] = {
    (NoIndexError, "cli"): "Run `careerbot ingest` first.",
    (NoIndexError, "web"): "Open the Library tab and press Re-index.",
    (IndexMismatchError, "cli"): "Run `careerbot ingest --rebuild` to rebuild it.",
    (IndexMismatchError, "web"): "Rebuild it with `careerbot ingest --rebuild` on the server.",
}


def user_message(exc: CareerbotError, interface: Interface) -> str:
    """The error's own message, followed by the fix for this interface when there is one."""
    message = str(exc).strip() or type(exc).__name__
    for (kind, shown_in), fix in _FIXES.items():
        if shown_in == interface and isinstance(exc, kind):
            return f"{message} {fix}"
    return message


def unexpected(action: str, exc: BaseException, log: logging.Logger) -> str:
    """Log a bug with its traceback; the one line the person sees instead."""
    log.error("%s failed", action, exc_info=exc)
    return f"Something went wrong while {action}; the error was logged."
