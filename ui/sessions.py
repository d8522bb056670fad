"""Gradio sessions bound to the person who opened them, bounded in number and in time.

Gradio keys everything of a page by its ``session_hash``: the session state, the queue of
messages ``/queue/data`` streams, ``/heartbeat/<hash>`` (whose end closes the session and
ends its events), ``/cancel``, ``/component_server``, ``/deep_link``, media streams. The
hash is made by the page and appears in URLs, so in any proxy log; Gradio never checks who
sends it. ``SessionGuard`` (ASGI middleware, inside ``BrowserCookie``) reads every request's
session hash wherever Gradio's routes take it (path, query, JSON body), binds a new hash to
the identity of its first request, and answers 404 to anyone else who uses it.

The same book bounds the sessions: opening a session (a page load) is throttled per
person with the ``limits`` library's moving window, one person holds at most a few dozen
live sessions (their own oldest is dropped first, so a flood evicts only the flooder's
pages), and a session unused for ``ttl`` seconds is dropped. Dropping a session removes
Gradio's copy of its state too: that state is what fills memory (Gradio itself only ever
drops sessions when 10,000 are held). A dropped page's next event gets "please reload"
from ``ui.identity.per_request``; its chats are saved, so nothing is lost.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.identity import FRESH_BROWSER, Identities
from ui.security import buffered

API = "/gradio_api"
TOO_MANY = (
    "Too many pages opened in a short time: wait a minute, then reload the page "
    "(your saved chats are kept)."
)


@dataclass(frozen=True)
class SessionLimits:
    """How many sessions one person may open and hold, and for how long an idle one lives."""

    page_loads: str = "60/minute"  # new sessions per person (a ``limits`` string)
    per_owner: int = 64  # live sessions one person holds at most (32 API clients fit)
    capacity: int = 2000  # live sessions in all
    ttl: float = 24 * 3600  # seconds since last use


class Admission(Enum):
    OK = "ok"
    FOREIGN = "foreign"  # the hash is someone else's
    THROTTLED = "throttled"  # a new session over the page-load limit


@dataclass
class _Entry:
    owner: str
    last_used: float


class SessionBook:
    """Which identity each live session hash belongs to; the rules, without any ASGI.

    ``on_drop(hash)`` is called (outside the book's lock) for every session the book lets
    go, so the caller can free what it keeps for it.
    """

    def __init__(
        self,
        limits: SessionLimits,
        on_drop: Callable[[str], None] = lambda _hash: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from limits import parse, storage, strategies

        self.limits = limits
        self.on_drop = on_drop
        self.clock = clock
        self.limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self.page_loads = parse(limits.page_loads)
        self.sessions: OrderedDict[str, _Entry] = OrderedDict()  # least recently used first
        self.by_owner: dict[str, OrderedDict[str, None]] = {}
        self.lock = threading.Lock()
        self._swept = clock()

    def __len__(self) -> int:
        return len(self.sessions)

    def owner_of(self, session_hash: str) -> str | None:
        entry = self.sessions.get(session_hash)
        return entry.owner if entry else None

    def admit(self, session_hash: str, owner: str) -> Admission:
        """May ``owner`` use ``session_hash``? A new hash becomes ``owner``'s."""
        dropped: list[str] = []
        with self.lock:
            now = self.clock()
            if now - self._swept > 1.0:
                dropped += self._sweep(now)
            entry = self.sessions.get(session_hash)
            if entry is not None:
                if entry.owner != owner:
                    verdict = Admission.FOREIGN
                else:
                    entry.last_used = now
                    self.sessions.move_to_end(session_hash)
                    self.by_owner[owner].move_to_end(session_hash)
                    verdict = Admission.OK
            elif not self.limiter.hit(self.page_loads, "page-load", owner):
                verdict = Admission.THROTTLED
            else:
                self.sessions[session_hash] = _Entry(owner, now)
                mine = self.by_owner.setdefault(owner, OrderedDict())
                mine[session_hash] = None
                while len(mine) > self.limits.per_owner:
                    dropped.append(self._forget(next(iter(mine))))
                while len(self.sessions) > self.limits.capacity:
                    dropped.append(self._forget(next(iter(self.sessions))))
                verdict = Admission.OK
        for gone in dropped:
            self.on_drop(gone)
        return verdict

    def sweep(self) -> None:
        """Drop every session idle for longer than the time to live."""
        with self.lock:
            dropped = self._sweep(self.clock())
        for gone in dropped:
            self.on_drop(gone)

    def _sweep(self, now: float) -> list[str]:
        self._swept = now
        dropped = []
        while self.sessions:
            oldest, entry = next(iter(self.sessions.items()))
            if now - entry.last_used <= self.limits.ttl:
                break
            dropped.append(self._forget(oldest))
        return dropped

    def _forget(self, session_hash: str) -> str:
        entry = self.sessions.pop(session_hash)
        mine = self.by_owner.get(entry.owner)
        if mine is not None:
            mine.pop(session_hash, None)
            if not mine:
                del self.by_owner[entry.owner]
        return session_hash


class UploadBook:
    """Who uploaded each file in Gradio's upload cache, and who started each upload.

    Gradio serves an uploaded file to anyone signed in who asks for its path
    (``/gradio_api/file=<path>``), and an upload's progress (its file name) to anyone who
    names its ``upload_id``, which travels in the upload's URL, so in proxy logs. Both are
    bound here to the identity that uploaded; anyone else gets 404. Bounded: the oldest
    entries go first (an upload in transit lives minutes, not hours).
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._files: OrderedDict[str, str] = OrderedDict()
        self._ids: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def claim_id(self, upload_id: str, owner: str) -> bool:
        """Whether ``owner`` may use ``upload_id`` (the first to use an id holds it)."""
        with self._lock:
            return self._bind(self._ids, upload_id, owner)

    def uploaded(self, paths: list[str], owner: str) -> None:
        with self._lock:
            for path in paths:
                self._bind(self._files, os.path.realpath(path), owner)

    def may_read(self, path: str, owner: str | None) -> bool:
        """Whether ``owner`` may fetch ``path``: anyone, unless someone else uploaded it."""
        with self._lock:
            found = self._files.get(os.path.realpath(path))
        return found is None or found == owner

    def _bind(self, book: OrderedDict[str, str], key: str, owner: str) -> bool:
        held = book.setdefault(key, owner)
        book.move_to_end(key)
        while len(book) > self.limit:
            book.popitem(last=False)
        return held == owner


def file_route_target(path: str) -> str | None:
    """The file a request for Gradio's file route asks for (``/gradio_api/file=<path>`` or
    the older ``/gradio_api/file/<path>``), else None."""
    for prefix in (f"{API}/file=", f"{API}/file/"):
        if path.startswith(prefix):
            return path[len(prefix) :]
    return None


def recording_uploads(send: Send, book: UploadBook, owner: str) -> Send:
    """``send`` that notes, before the last byte of an upload's answer leaves, the paths it
    returns as ``owner``'s (so no fetch can come in between)."""
    body = bytearray()

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            body.extend(message.get("body", b""))
            if not message.get("more_body"):
                try:
                    paths = json.loads(bytes(body))
                except (ValueError, UnicodeDecodeError):
                    paths = None
                if isinstance(paths, list):
                    book.uploaded([p for p in paths if isinstance(p, str)], owner)
        await send(message)

    return wrapped


# --- Reading a request: whose it is, and which session it names ----------------------


def session_hashes(path: str, query: str, body: bytes) -> set[str]:
    """Every session hash a Gradio request names (path, query string, JSON body)."""
    found: set[str] = set()
    parts = [p for p in path.split("/") if p]
    if "heartbeat" in parts:  # /heartbeat/<hash>
        after = parts[parts.index("heartbeat") + 1 :]
        found.update(after[:1])
    if "stream" in parts:  # GET /stream/<hash>/<run>/<component>/<file>
        after = parts[parts.index("stream") + 1 :]
        if len(after) >= 3:
            found.add(after[0])
    for value in parse_qs(query).get("session_hash", []):
        found.add(value)
    if body:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("session_hash"), str):
            found.add(data["session_hash"])
    return found


def event_ids(path: str, body: bytes) -> set[str]:
    """Queue event ids a request acts on: ``/call/<api>/<event_id>``, ``POST /stream/<id>``,
    ``/cancel`` and ``/reset`` bodies."""
    found: set[str] = set()
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 3 and parts[-3] == "call":
        found.add(parts[-1])
    if len(parts) >= 4 and parts[-4:-2] == ["call", "v2"]:
        found.add(parts[-1])
    if "stream" in parts:
        rest = parts[parts.index("stream") + 1 :]
        if len(rest) == 1 or rest[1:] == ["close"]:
            found.add(rest[0])
    if body:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("event_id"), str):
            found.add(data["event_id"])
    return found


class SessionGuard:
    """Binds every Gradio session hash to the identity that first used it (ASGI
    middleware; see the module docstring). ``gradio()`` returns the mounted Gradio app
    (None until it is mounted); ``signed_in(request)`` the signed-in user, or None.
    """

    def __init__(
        self,
        app: ASGIApp,
        identities: Identities,
        limits: SessionLimits,
        gradio: Callable[[], Any],
        signed_in: Callable[[Any], str | None],
        sign_in_required: bool,
    ) -> None:
        self.app = app
        self.identities = identities
        self.gradio = gradio
        self.signed_in = signed_in
        self.sign_in_required = sign_in_required
        self.book = SessionBook(limits, on_drop=self._drop_gradio_state)
        self.uploads = UploadBook()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith(API):
            await self.app(scope, receive, send)
            return
        if path.startswith(f"{API}/upload") or file_route_target(path) is not None:
            await self._files(scope, receive, send, path)
            return
        body = b""
        content_type = _header(scope, b"content-type")
        if scope.get("method") == "POST":
            if content_type.startswith("multipart/"):
                # Only uploads (routed above) take a form; a form elsewhere could carry a
                # session hash this guard does not read.
                await _refuse(scope, receive, send, 415, "Forms are only taken by uploads.")
                return
            body, receive = await buffered(receive)
        query = scope.get("query_string", b"").decode("latin-1")
        hashes = session_hashes(path, query, body)
        hashes |= self._sessions_of_events(event_ids(path, body))
        if not hashes:
            await self.app(scope, receive, send)
            return
        owner = self._owner(scope)
        if owner is None:
            await _refuse(scope, receive, send, 401, "Sign in first.")
            return
        for session_hash in hashes:
            verdict = self.book.admit(session_hash, owner)
            if verdict is Admission.FOREIGN:
                await _refuse(scope, receive, send, 404, "No such session.")
                return
            if verdict is Admission.THROTTLED:
                await _refuse(scope, receive, send, 429, TOO_MANY)
                return
        await self.app(scope, receive, send)

    async def _files(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        """Uploads, their progress and the file route, each bound to the uploader."""
        owner = self._owner(scope)
        if owner is None:  # not signed in: Gradio's own check answers 401
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        upload_id = (query.get("upload_id") or [""])[0]
        target = file_route_target(path)
        if (upload_id and not self.uploads.claim_id(upload_id, owner)) or (
            target is not None and not self.uploads.may_read(target, owner)
        ):
            await _refuse(scope, receive, send, 404, "No such file.")
            return
        if path.rstrip("/") == f"{API}/upload" and scope.get("method") == "POST":
            send = recording_uploads(send, self.uploads, owner)
        await self.app(scope, receive, send)

    def _owner(self, scope: Scope) -> str | None:
        """The signed-in user; else the signed browser id; else (a client with no cookie
        jar, on an app without sign-in) its address."""
        request = Request(scope)
        user = self.signed_in(request)
        if user:
            return f"user:{user}"
        if self.sign_in_required:
            return None
        if not scope.get(FRESH_BROWSER):
            owner = self.identities.owner(_Plain(request))
            if owner:
                return owner
        client = scope.get("client") or ("unknown", 0)
        return f"client:{client[0]}"

    def _sessions_of_events(self, ids: set[str]) -> set[str]:
        if not ids:
            return set()
        queue = getattr(self.gradio(), "get_blocks", lambda: None)()
        queue = getattr(queue, "_queue", None)
        if queue is None:
            return set()
        found = set()
        for event_id in ids:
            event = queue.event_ids_to_events.get(event_id)
            if event is not None and event.session_hash:
                found.add(str(event.session_hash))
            for session_hash, pending in list(queue.pending_event_ids_session.items()):
                if event_id in pending:
                    found.add(str(session_hash))
        return found

    def _drop_gradio_state(self, session_hash: str) -> None:
        app = self.gradio()
        holder = getattr(app, "state_holder", None)
        if holder is None:
            return
        with holder.lock:
            holder.session_data.pop(session_hash, None)
            holder.time_last_used.pop(session_hash, None)


class _Plain:
    """What ``Identities.owner`` reads, for a request with no signed-in user."""

    username = None

    def __init__(self, request: Request) -> None:
        self.request = request


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1")).lower()
    return ""


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, text: str) -> None:
    await JSONResponse({"detail": text, "error": text}, status)(scope, receive, send)
