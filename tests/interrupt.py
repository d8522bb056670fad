"""Ctrl-C for the commands the tests start, as a person's terminal delivers it.

A shell that runs the suite in the background (``make test &``, nohup, some CI runners) starts
it with SIGINT ignored, and an ignored signal stays ignored across exec: a child would never
see Ctrl-C and a test stopping it would wait out its timeout. A *handled* signal is reset to
the default by exec, so children started inside ``sigint_delivered()`` get Ctrl-C's default.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sigint_delivered() -> Iterator[None]:
    """Start child processes in this block with SIGINT at its default (main thread only)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
