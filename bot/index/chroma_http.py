"""The Chroma server client: chromadb's own HTTP client with a bound on every request.

chromadb 1.x builds its ``httpx.Client`` with ``timeout=None`` and has no setting for it, so
a server that stops answering (a stopped process, a GC pause, a network black hole) would
hold every question for ever. A server that is down refuses at once; one that is there but
silent only ends with a timeout.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.core.settings import Settings


def http_client(settings: Settings) -> Any:
    """A chromadb client for the server in ``settings`` whose every request (heartbeat,
    queries, writes) ends within ``settings.server_timeout`` seconds."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    bound = httpx.Timeout(settings.server_timeout)
    # chromadb.HttpClient already talks to the server while it is built (tenant and
    # database checks) with no timeout, so a bounded heartbeat of our own goes first: a
    # silent server is found here, not inside chromadb's constructor.
    url = f"http://{settings.chroma_host}:{settings.chroma_port}/api/v2/heartbeat"
    httpx.get(url, timeout=bound).raise_for_status()
    client = chromadb.HttpClient(
        host=str(settings.chroma_host),
        port=settings.chroma_port,
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    # The one httpx session behind the client (its admin client shares the same system):
    # one figure for connecting, each read, each write and waiting for a pooled
    # connection, since any of them can be the one that never ends.
    client._server._session.timeout = bound  # type: ignore[attr-defined]
    client.heartbeat()
    return client
