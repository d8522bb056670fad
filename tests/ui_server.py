"""Starting the real app for tests: the same ``ui.app.launch`` that ``careerbot ui`` calls,
on a free port, in a background thread of the test process; ``signed_in_app`` is the one
setup of the two-user sign-in tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.core.settings import Settings

if TYPE_CHECKING:
    from tests.security.gradio_http import GradioHttp


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


# The two accounts of the sign-in tests: Alice (the victim, or the admin) and Bob.
PASSWORDS = {"alice": "wonder land", "bob": "builder"}
TWO_USERS = ",".join(f"{user}:{password}" for user, password in PASSWORDS.items())


@dataclass
class SignedIn:
    """A running app with sign-in for Alice and Bob: its URL and the settings it runs with."""

    url: str
    settings: Settings

    def http(self, user: str) -> GradioHttp:
        """A visitor signed in as ``user`` over plain HTTP (the page's own calls)."""
        from tests.security.gradio_http import GradioHttp

        visitor = GradioHttp(self.url)
        visitor.login(user, PASSWORDS[user])
        return visitor


@contextmanager
def signed_in_app(
    settings: Settings, *, ingested: bool = True, **update: object
) -> Iterator[SignedIn]:
    """The app served with sign-in for Alice and Bob and ``update`` applied to ``settings``;
    the corpus ingested first unless ``ingested`` is false (sign-in alone needs no index)."""
    locked = settings.model_copy(update={"auth": TWO_USERS, **update})
    if ingested:
        import ingest

        ingest.run(locked)
    with running_app(locked) as url:
        yield SignedIn(url, locked)
