"""A scripted OpenAI-compatible server on 127.0.0.1 for the LLM-mode tests.

No LLM can run here, so this is the one fake: a real HTTP server, spoken to by the real
``openai`` client through ``ChatOpenAI``, that answers ``POST /v1/chat/completions`` from a
script. It replies plainly or as a server-sent-event stream (whichever the request asks
for), records every request body, and can fail the ways real servers fail: an HTTP error
status, a hang past the client's timeout, a stream cut or stalled midway, a reply trickled
one byte at a time or a stream of nothing but keep-alive comments (neither ever trips a read
timeout), and a body that is not JSON. ``closed_port``
gives an address where nothing listens (connection refused).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ERROR_MESSAGES = {
    401: "Incorrect API key provided.",
    404: "The model `stub-model` does not exist.",
    429: "Rate limit reached for requests.",
    500: "The server had an error while processing your request.",
    503: "The engine is currently overloaded.",
}


@dataclass
class Reply:
    """One scripted answer. ``text`` is split into ``chunks`` pieces when streamed."""

    text: str = ""
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering at all
    chunks: int = 4
    cut_after: int | None = None  # streams: drop the connection after this many chunks
    stall_after: int | None = None  # streams: stop sending (but stay open) after this many
    pace: float = 0.0  # streams: seconds between chunks, like a model generating
    trickle: float = 0.0  # seconds between single bytes of the whole reply (never times out)
    keepalive: float = 0.0  # streams: only SSE comments, one every this many seconds, forever
    raw: bytes | None = None  # a 200 reply with this body as is (garbage instead of JSON)


@dataclass
class Stub:
    replies: list[Reply] = field(default_factory=list)
    default: Reply = field(default_factory=lambda: Reply("The guides say so [1]."))
    requests: list[dict[str, Any]] = field(default_factory=list)
    base_url: str = ""
    release: threading.Event = field(default_factory=threading.Event)

    def script(self, *replies: Reply) -> None:
        self.replies = list(replies)

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else self.default

    @property
    def last(self) -> dict[str, Any]:
        return self.requests[-1]

    def prompt_text(self, index: int = -1) -> str:
        """All message contents of one recorded request, joined."""
        return "\n".join(m["content"] for m in self.requests[index]["messages"])


def pieces(text: str, n: int) -> list[str]:
    size = max(1, -(-len(text) // max(1, n)))
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 so a stream is chunked: a cut stream is then a protocol error for the
        # client, as with a real server that dies mid-answer, not a clean end of body.
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            stub.requests.append(body)
            reply = stub.next_reply()
            if reply.hang and stub.release.wait(reply.hang):
                return
            if reply.raw is not None:
                self._send(200, "application/json", reply.raw, reply.trickle)
            elif reply.status != 200:
                message = ERROR_MESSAGES.get(reply.status, "error")
                self._json(reply.status, {"error": {"message": message, "type": "stub"}})
            elif body.get("stream"):
                self._stream(reply, body.get("model", "stub"))
            else:
                data = json.dumps(completion(reply.text, body.get("model", "stub"))).encode()
                self._send(200, "application/json", data, reply.trickle)

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, "application/json", json.dumps(payload).encode())

        def _send(self, status: int, kind: str, data: bytes, trickle: float = 0.0) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not trickle:
                self.wfile.write(data)
                return
            for n in range(len(data)):
                self.wfile.write(data[n : n + 1])
                self.wfile.flush()
                if stub.release.wait(trickle):
                    return

        def _stream(self, reply: Reply, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._trickle = reply.trickle
            if reply.keepalive:
                while True:
                    self._write_chunk(b": keep-alive\n\n")
                    if stub.release.wait(reply.keepalive):
                        return
            for n, piece in enumerate(pieces(reply.text, reply.chunks)):
                if n == reply.cut_after:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if n == reply.stall_after:
                    stub.release.wait(60)
                    return
                self._event(json.dumps(chunk(piece, model)))
                stub.release.wait(reply.pace)
            self._event(json.dumps(chunk("", model, finish="stop")))
            self._event("[DONE]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _event(self, data: str) -> None:
            raw = f"data: {data}\n\n".encode()
            if not getattr(self, "_trickle", 0.0):
                self._write_chunk(raw)
                return
            for n in range(len(raw)):  # one HTTP chunk per byte
                self._write_chunk(raw[n : n + 1])
                if stub.release.wait(self._trickle):
                    return

        def _write_chunk(self, raw: bytes) -> None:
            self.wfile.write(f"{len(raw):x}\r\n".encode() + raw + b"\r\n")
            self.wfile.flush()

    return Handler


def completion(text: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def chunk(text: str, model: str, finish: str | None = None) -> dict[str, Any]:
    delta = {"role": "assistant", "content": text} if text else {}
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out has hung up on a scripted hang: expected, not news.
        pass


@contextmanager
def serve() -> Iterator[Stub]:
    """Start a stub on a free port; its ``base_url`` ends in ``/v1`` like the real ones."""
    stub = Stub()
    server = _Server(("127.0.0.1", 0), _handler(stub))
    stub.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.release.set()  # let hung handlers finish
        server.shutdown()
        server.server_close()


def closed_port() -> str:
    """A base URL where nothing listens: the port was free a moment ago, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
