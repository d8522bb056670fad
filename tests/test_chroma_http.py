"""The bounded Chroma client: a server that accepts connections but never answers (a black
hole) ends in a timeout within the bound, and the client's own session carries it."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from bot.core.errors import StoreUnavailableError
from bot.core.settings import Settings
from bot.index import store
from bot.index.chroma_http import http_client


@contextmanager
def black_hole() -> Iterator[int]:
    """A port whose kernel completes every connection and nobody ever reads or answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


def test_a_silent_server_times_out_within_the_bound(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with black_hole() as port:
        settings = Settings(
            data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=port, server_timeout=0.5
        )
        import chromadb  # noqa: F401  (imported first: its import time is not the wait)

        started = time.monotonic()
        with pytest.raises(httpx.TimeoutException):
            http_client(settings)
        assert time.monotonic() - started < 2.0


def test_the_store_says_cannot_reach_for_a_silent_server(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with black_hole() as port:
        settings = Settings(
            data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=port, server_timeout=0.5
        )
        with pytest.raises(StoreUnavailableError, match="Cannot reach the vector store") as caught:
            store.client(settings)
        assert "\n" not in str(caught.value)
