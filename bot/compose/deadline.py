"""Deadlines for model calls: a whole answer within ``total`` seconds, a stream's first token
within ``first_token`` seconds, and a reply no larger than a cap.

HTTP timeouts are not deadlines: the read timeout restarts with every byte, so a server that
trickles one byte at a time, or sends SSE keep-alive comments every two seconds, never trips
it. Two pieces enforce the deadline instead:

- the model call runs on a worker thread and the caller waits for its results with a
  timeout (``bounded_invoke``, ``bounded_stream``), so the caller is never late;
- the worker's HTTP client (``guarded_http_client``) checks the call's ``Deadline`` on every
  chunk of bytes received, so once the caller has given up the worker stops at the next byte
  or keep-alive instead of reading on in the background, and a reply larger than the cap is
  cut off before it is held in memory.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineExceededError(TimeoutError):
    """The model did not finish (or start) in time."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} within {seconds:g} s")
        self.what = what
        self.seconds = seconds


class ReplyTooLargeError(Exception):
    """The model's reply went past the size cap."""

    def __init__(self, limit: int, unit: str = "bytes") -> None:
        super().__init__(f"reply larger than {limit:,} {unit}")
        self.limit = limit


@dataclass
class Deadline:
    """The limits of one model call, shared by the waiting caller and the HTTP worker."""

    total: float
    max_bytes: int
    started: float = field(default_factory=time.monotonic)
    received: int = 0
    cancelled: threading.Event = field(default_factory=threading.Event)

    def remaining(self) -> float:
        return self.total - (time.monotonic() - self.started)

    def check(self, more_bytes: int = 0) -> None:
        """Called by the HTTP worker for every chunk it receives."""
        self.received += more_bytes
        if self.cancelled.is_set() or self.remaining() <= 0:
            raise DeadlineExceededError("no complete answer", self.total)
        if self.received > self.max_bytes:
            raise ReplyTooLargeError(self.max_bytes)


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "careerbot_llm_deadline", default=None
)


def guarded_http_client(timeout: Any) -> Any:
    """The HTTP client for the chat model: enforces the current call's ``Deadline``.

    It is an ``httpx2`` client, the HTTP library the OpenAI client is built on (imported
    here, so offline use never loads it). A request made outside a bounded call passes
    through unchanged.
    """
    import httpx2

    class GuardedStream(httpx2.SyncByteStream):
        def __init__(self, inner: Any, deadline: Deadline) -> None:
            self._inner = inner
            self._deadline = deadline

        def __iter__(self) -> Iterator[bytes]:
            for chunk in self._inner:
                self._deadline.check(len(chunk))
                yield chunk

        def close(self) -> None:
            close = getattr(self._inner, "close", None)
            if close:
                close()

    class GuardedTransport(httpx2.BaseTransport):
        def __init__(self, inner: httpx2.BaseTransport) -> None:
            self._inner = inner

        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            deadline = _CURRENT.get()
            if deadline is not None:
                deadline.check()
            response = self._inner.handle_request(request)
            if deadline is None:
                return response
            return httpx2.Response(
                status_code=response.status_code,
                headers=response.headers,
                stream=GuardedStream(response.stream, deadline),
                extensions=response.extensions,
            )

        def close(self) -> None:
            self._inner.close()

    return httpx2.Client(transport=GuardedTransport(httpx2.HTTPTransport()), timeout=timeout)


def bounded_invoke(call: Callable[[], T], deadline: Deadline) -> T:
    """``call()`` on a worker thread; its result, or ``DeadlineExceededError`` in time."""
    for item in bounded_stream(lambda: iter([call()]), deadline):
        return item
    raise DeadlineExceededError("no answer", deadline.total)  # pragma: no cover (never empty)


def bounded_stream(
    open_stream: Callable[[], Iterator[T]],
    deadline: Deadline,
    *,
    first_token: float | None = None,
    is_token: Callable[[T], bool] = lambda _item: True,
) -> Iterator[T]:
    """The items of ``open_stream()``, read on a worker thread. Raises
    ``DeadlineExceededError`` when no token has come within ``first_token`` seconds or the
    whole stream has not ended within ``deadline.total``; the worker then stops at its next
    received byte (or its read timeout)."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue()

    def pump() -> None:
        _CURRENT.set(deadline)  # this thread's own context: the HTTP client reads it
        try:
            for item in open_stream():
                if deadline.cancelled.is_set():
                    return
                items.put(("item", item))
            items.put(("end", None))
        except BaseException as exc:  # handed to the caller, who decides
            items.put(("error", exc))

    threading.Thread(target=pump, name="careerbot-llm-call", daemon=True).start()
    got_token = first_token is None
    try:
        while True:
            wait = deadline.remaining()
            what, limit = "no complete answer", deadline.total
            if not got_token and first_token is not None:
                to_first = first_token - (time.monotonic() - deadline.started)
                if to_first < wait:
                    wait, what, limit = to_first, "no first token", first_token
            try:
                kind, value = items.get(timeout=max(wait, 0.0))
            except queue.Empty:
                if not deadline.received and not got_token:
                    what = "no answer"  # not a byte: a hung server, as a timeout says it
                raise DeadlineExceededError(what, limit) from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            got_token = got_token or is_token(value)
            yield value
    finally:
        deadline.cancelled.set()  # done, failed or abandoned: the worker stops reading


def reason(exc: BaseException) -> str | None:
    """The user-facing reason for a deadline or size failure (the OpenAI client may have
    wrapped it in its own error), else None."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DeadlineExceededError) and cause.what == "no answer":
            return f"did not answer within {cause.seconds:g} s"
        if isinstance(cause, DeadlineExceededError):
            return f"sent {cause.what} within {cause.seconds:g} s"
        if isinstance(cause, ReplyTooLargeError):
            return f"sent a {cause}; it was cut off"
        cause = cause.__cause__ or cause.__context__
    return None


def is_expected(exc: BaseException) -> bool:
    """Failures of the server, not of careerbot: logged in one line, no traceback.

    A reply that is not a chat completion at all (garbage JSON, a proxy's HTML page) is the
    server's fault too: the OpenAI client reports it as a ``ValueError`` or a validation
    error rather than an ``OpenAIError``.
    """
    import httpx2
    from pydantic import ValidationError

    return isinstance(
        exc,
        DeadlineExceededError
        | ReplyTooLargeError
        | httpx2.HTTPError
        | ValueError
        | ValidationError,
    )
