"""Starting the real app for tests: the same ``ui.app.launch`` that ``careerbot ui`` calls,
on a free port, in a background thread of the test process."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.core.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(settings: Settings, port: int | None = None) -> Iterator[str]:
    """Serve the app on ``port`` (default: a free one); yields its URL and shuts it down
    afterwards. A fixed port lets a test restart the server at the same address (the
    browser keeps localStorage per address)."""
    from ui.app import launch

    chosen = port or free_port()
    configured = settings.model_copy(update={"ui_host": "127.0.0.1", "ui_port": chosen})
    demo: Any = launch(configured, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{configured.ui_port}/"
    finally:
        demo.close()
