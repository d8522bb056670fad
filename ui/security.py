"""Who may reach the web app: the login pairs from ``CAREERBOT_AUTH``, the rule that an
app reachable from other machines must have one, and the request guards in front of Gradio
(host names, origins, sign-in throttling)."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.core.errors import CareerbotError


class AuthConfigError(CareerbotError):
    """``CAREERBOT_AUTH`` is malformed, or missing where it is required."""


def parse_auth(raw: str | None) -> list[tuple[str, str]]:
    """ "alice:s3cret,bob:pw" -> [("alice", "s3cret"), ("bob", "pw")].

    A user name cannot contain ':' but a password can (only the first ':' splits).
    """
    if raw is None or not raw.strip():
        return []
    pairs = []
    for item in raw.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user.strip() or not password:
            raise AuthConfigError(
                "CAREERBOT_AUTH must be user:password pairs separated by commas "
                "(e.g. alice:s3cret,bob:pa55); one entry has no user or no password."
            )
        pairs.append((user.strip(), password))
    return pairs


def is_loopback(host: str) -> bool:
    if host.strip().lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so treat it as exposed


def login_for(host: str, raw_auth: str | None) -> list[tuple[str, str]] | None:
    """The login pairs to enforce, or None for an open app on this machine only."""
    pairs = parse_auth(raw_auth)
    if not pairs and not is_loopback(host):
        raise AuthConfigError(
            f"Refusing to serve on {host} without a login: anyone on the network could use "
            "the app. Set CAREERBOT_AUTH=user:password, or bind to 127.0.0.1."
        )
    return pairs or None


# --- Web exposure: who may send requests, from which page, and how often they may guess ---

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def allowed_hosts(bind: str, configured: Sequence[str] = ()) -> list[str]:
    """Host names the app answers to. A DNS-rebinding page reaches a loopback app under
    its own host name (``evil.example`` resolving to 127.0.0.1), so only the names the app
    is really served under are accepted: the loopback names, the bound address, and any
    configured ``CAREERBOT_UI_ALLOWED_HOSTS``. Bound to every interface with no names
    configured, the host cannot be known, and the required login guards the app instead."""
    if configured:
        return [*LOOPBACK_NAMES, *configured]
    if bind.strip() in ("0.0.0.0", "::", "[::]", ""):
        return ["*"]
    return list(dict.fromkeys([*LOOPBACK_NAMES, bind.strip()]))


class CrossOriginGuard:
    """Refuses requests sent by a page of another origin (ASGI middleware).

    Gradio answers cross-origin requests from any localhost origin with credentials allowed,
    so any local web page (another dev server, a hostile page on a local port) could drive
    the app. Browsers send ``Origin`` with every cross-origin request and every POST; a
    request whose origin is neither this app's own nor explicitly allowed is refused before
    it reaches Gradio, so nothing runs whatever CORS headers say.
    """

    def __init__(self, app: ASGIApp, allowed_origins: Sequence[str] = ()) -> None:
        self.app = app
        self.allowed = {o.rstrip("/").lower() for o in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and self._foreign(Headers(scope=scope)):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            response = PlainTextResponse("Cross-origin request refused.", 403)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _foreign(self, headers: Headers) -> bool:
        origin = (headers.get("origin") or "").rstrip("/").lower()
        if not origin or origin in self.allowed:
            return False
        return not self._same_origin(origin, headers.get("host", ""))

    @staticmethod
    def _same_origin(origin: str, host: str) -> bool:
        return urlsplit(origin).netloc == host.lower()


@dataclass(frozen=True)
class LoginLimits:
    """Failed sign-ins allowed per window: for one user name from one client, and for
    one client over all user names (so guessing across many names is slowed too).

    ``per_account`` counts one user name's failures from every client together: past it,
    each further attempt on that account waits ``backoff`` seconds and attempts on that
    account are taken one at a time. Any number of addresses guessing one password are
    slowed to one guess per wait (30 a minute at 2 s, against thousands), but the account
    is never refused outright: a lock-out by name would let anyone lock out anyone."""

    per_user_and_client: str = "5/minute"
    per_client: str = "20/minute"
    per_account: str = "10/15minutes"
    backoff: float = 2.0


class LoginThrottle:
    """Throttles failed sign-ins to Gradio's ``/login`` (ASGI middleware), with the
    ``limits`` library's moving-window limiter. Only failures count; once a per-client
    limit is reached every attempt from that client is refused (429) until the window
    moves on, the right password included, so guessing gains nothing from speed. The
    client is the real peer (``scope["client"]``): uvicorn rewrites it from
    X-Forwarded-For only for ``CAREERBOT_TRUSTED_PROXIES``. Per account, failures from
    all clients together bring a wait instead (see ``LoginLimits``)."""

    def __init__(self, app: ASGIApp, limits: LoginLimits | None = None) -> None:
        from limits import parse, storage, strategies

        chosen = limits or LoginLimits()
        self.app = app
        self.limits = chosen
        self.limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self.per_user = parse(chosen.per_user_and_client)
        self.per_client = parse(chosen.per_client)
        self.per_account = parse(chosen.per_account)
        self._account_locks: dict[str, asyncio.Lock] = {}
        self._account_users: dict[str, int] = {}  # attempts in or waiting for each lock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", "")).rstrip("/")
        if scope["type"] != "http" or scope.get("method") != "POST" or path != "/login":
            await self.app(scope, receive, send)
            return
        body, replay = await buffered(receive)
        user = _form_field(body, "username").strip().lower()
        client = (scope.get("client") or ("unknown", 0))[0]
        keys = ((self.per_user, ("login", user, client)), (self.per_client, ("login", client)))
        if not all(self.limiter.test(limit, *key) for limit, key in keys):
            response = JSONResponse(
                {"detail": "Too many failed sign-ins; wait a minute and try again."}, 429
            )
            await response(scope, replay, send)
            return
        lock = self._account_locks.setdefault(user, asyncio.Lock())
        self._account_users[user] = self._account_users.get(user, 0) + 1
        try:
            async with lock:  # one attempt per account at a time: waits add up
                await asyncio.sleep(self.account_wait(user))
                failed = await self._attempt(scope, replay, send)
                if failed:
                    for limit, key in (*keys, (self.per_account, ("account", user))):
                        self.limiter.hit(limit, *key)
        finally:
            self._account_users[user] -= 1
            if not self._account_users[user]:  # no one waiting: the dicts stay small
                del self._account_users[user], self._account_locks[user]

    def account_wait(self, user: str) -> float:
        """Seconds the next attempt on ``user`` waits: none until the account's failures
        (from every client together) fill its window, then ``backoff``."""
        if self.limiter.test(self.per_account, "account", user):
            return 0.0
        return self.limits.backoff

    async def _attempt(self, scope: Scope, receive: Receive, send: Send) -> bool:
        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        await self.app(scope, receive, watch)
        return bool(status) and status[0] in (400, 401)  # Gradio: 400 "Incorrect credentials."


async def buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a ``receive`` that replays it to the app (a client that
    disconnects midway leaves the rest of its messages to the app as they come)."""
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), receive
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _form_field(body: bytes, name: str) -> str:
    values = parse_qs(body.decode("utf-8", "replace")).get(name)
    return values[0] if values else ""


def proxy_options(trusted_proxies: Sequence[str]) -> dict[str, object]:
    """uvicorn's options for forwarded headers: believed only from ``trusted_proxies``.
    uvicorn's own default trusts 127.0.0.1, so any local client (or a proxy on the same
    machine that passes the client's header through) could choose its address."""
    if not trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(trusted_proxies)}


def security_middleware(
    bind: str, hosts: Sequence[str] = (), origins: Sequence[str] = ()
) -> list[Middleware]:
    """The middleware stack for the web app, innermost last: host names, origins, logins."""
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    return [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(bind, hosts)),
        Middleware(CrossOriginGuard, allowed_origins=list(origins)),
        Middleware(LoginThrottle),
    ]
