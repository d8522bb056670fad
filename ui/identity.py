"""Whose chats these are, decided from the request of every event.

With sign-in on, the owner is the signed-in user (``gr.Request.username``, which Gradio
reads from its own access-token cookie). Without sign-in, it is a random browser id held in
an HttpOnly cookie signed with a key kept in the data dir (``BrowserCookie`` sets it); a
request without a valid signature has no owner. Nothing a page sends as an input, and
nothing kept in Gradio's session state, ever names the owner: session state may be read by
anyone who learns a session hash (it appears in URLs), so it is only ever compared with the
request's identity, never trusted.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import os
import re
import secrets
import typing
import uuid
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.core.errors import BadInputError
from bot.core.settings import Settings

# The key of the id browsers kept in localStorage before the signed cookie. Gradio sends
# that key to the page (the page decrypts), so it must never sign anything.
SECRET_FILE = "ui-browser-secret"
# The key that signs browser-id cookies; it never leaves the server.
COOKIE_KEY_FILE = "ui-cookie-key"
BROWSER_COOKIE = "careerbot-browser"
# The scope key set on a request that came without a valid browser cookie.
FRESH_BROWSER = "careerbot.fresh_browser"
# A browser id lasts as long as browsers keep a cookie (about 400 days in Chromium).
COOKIE_MAX_AGE = 400 * 24 * 3600
RELOAD = (
    "This page's session has expired or belongs to another sign-in: please reload the page "
    "(your saved chats are kept)."
)


def owner_for(username: str | None, browser_id: str) -> str:
    """The owner key of saved conversations and feedback."""
    if username:
        return f"user:{username}"
    if not browser_id:
        raise BadInputError("No browser id yet; reload the page.")
    return f"browser:{browser_id}"


def new_browser_id() -> str:
    return uuid.uuid4().hex


def browser_secret(settings: Settings, name: str = SECRET_FILE) -> str:
    """A key made once and kept (readable by this user only) in the data dir, so a browser
    keeps its chats across server restarts."""
    path = Path(settings.data_dir) / name
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    try:
        os.write(fd, secret.encode())
    finally:
        os.close(fd)
    return secret


# --- The signed browser id -------------------------------------------------------------


def sign(secret: str, browser_id: str) -> str:
    mac = hmac.new(secret.encode(), browser_id.encode(), hashlib.sha256).hexdigest()
    return f"{browser_id}.{mac}"


def verified(secret: str, cookie: str | None) -> str | None:
    """The browser id in a signed cookie value, or None if it is missing or forged."""
    browser_id, _, _mac = (cookie or "").partition(".")
    if not browser_id or not hmac.compare_digest(sign(secret, browser_id), cookie or ""):
        return None
    return browser_id


def cookie_name(port: int) -> str:
    # Browsers share cookies across the ports of one host: two apps on one machine (with two
    # data dirs, so two keys) would otherwise keep replacing each other's id.
    return f"{BROWSER_COOKIE}-{port}"


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: treat as no cookie
                continue
    return {key: morsel.value for key, morsel in jar.items()}


class BrowserCookie:
    """Gives every browser a signed id cookie (ASGI middleware). A request without a valid
    one gets a fresh id, seen by the app at once (added to the request's cookies) and, when
    the answer is a page, kept by the browser (``Set-Cookie``: HttpOnly, so page scripts
    never see it; SameSite=Strict, so other sites' pages never send it)."""

    def __init__(self, app: ASGIApp, secret: str, name: str) -> None:
        self.app = app
        self.secret = secret
        self.name = name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or verified(self.secret, _cookies(scope).get(self.name)):
            await self.app(scope, receive, send)
            return
        if str(scope.get("path", "")).startswith("/gradio_api"):
            # An API call without the cookie: a page always has it by then (it came with
            # the page), so this is a script. A made-up id would be forwarded by Gradio's
            # MCP tools to its own API calls, a different one each time.
            await self.app({**scope, FRESH_BROWSER: True}, receive, send)
            return
        value = sign(self.secret, new_browser_id())
        headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
        others = "; ".join(f"{k}={v}" for k, v in _cookies(scope).items() if k != self.name)
        cookie = f"{others}; {self.name}={value}" if others else f"{self.name}={value}"
        scope = {
            **scope,
            "headers": [*headers, (b"cookie", cookie.encode("latin-1"))],
            # A new id proves no browser: ``ui.sessions`` binds such requests by address.
            FRESH_BROWSER: True,
        }
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        set_cookie = (
            f"{self.name}={value}; Path=/; Max-Age={COOKIE_MAX_AGE}; HttpOnly; "
            f"SameSite=Strict{secure}"
        )

        async def with_cookie(message: Message) -> None:
            # The id comes with the page only. A script calling the API (``gradio_client``,
            # which Gradio's own MCP tools use) keeps cookies per connection pool, so ids
            # given to it would differ between its requests; with none it is one client
            # (``ui.sessions`` binds it by address).
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", set_cookie)
            await send(message)

        await self.app(scope, receive, with_cookie)


# --- Every chat event: who is asking -----------------------------------------------------


def cookie_key(settings: Settings) -> str:
    return browser_secret(settings, COOKIE_KEY_FILE)


class Identities:
    """Reads the owner from a request: the signed-in user, else the signed browser id."""

    def __init__(self, secret: str, cookie: str) -> None:
        self.secret = secret
        self.cookie = cookie

    def owner(self, request: Any) -> str | None:
        """``user:<login>``, ``browser:<id>``, or None when the request proves neither."""
        username = getattr(request, "username", None) if request is not None else None
        if username:
            return f"user:{username}"
        raw = getattr(request, "request", None) if request is not None else None
        cookies = getattr(raw, "cookies", None) or {}
        browser = verified(self.secret, cookies.get(self.cookie))
        return f"browser:{browser}" if browser else None


def per_request(fn: Callable[..., Any]) -> Any:
    """The identity check every chat event goes through (a decorator of ``Handlers``
    methods; reuse it for any new chat event).

    The handler is ``fn(self, who, page_owner, *inputs)``. ``who`` is never an input: it is
    read from the event's own ``gr.Request`` by ``self.identities`` (``Identities.owner``).
    ``page_owner`` is the session state the page load set (whom the page was opened for);
    it carries no authority and is only compared with ``who``. When the request proves no
    owner, or the session state was lost (expired, evicted) or belongs to someone else (a
    session hash used by another person), the handler does not run: the person sees
    ``RELOAD`` and every output is left as it is, so nothing is read, written or lost.

    Wire the result with inputs ``[page_owner, *inputs]``; Gradio adds the request itself
    (the wrapper's signature ends with ``request: gr.Request``). Generator handlers (streamed
    replies) stay generators. Handlers must still pass ``who`` to every store call, which
    filters each read and write by owner: this check and that filter are the two locks.
    """
    import gradio as gr
    from sqlalchemy.exc import SQLAlchemyError

    from ui.held import unavailable

    params = list(inspect.signature(fn).parameters.values())
    hints = typing.get_type_hints(fn)
    request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    # (self, who, page_owner, *inputs) -> (self, page_owner, *inputs, request)
    signature = inspect.Signature([params[0], *params[2:], request])
    annotations = {p.name: hints[p.name] for p in params[2:] if p.name in hints}
    annotations["request"] = gr.Request

    def check(self: Any, page_owner: Any, request: Any) -> str | None:
        who = self.identities.owner(request)
        if not who or page_owner != who:
            gr.Warning(RELOAD)
            return None
        return who

    def text_of(inputs: list[Any]) -> list[Any]:
        inputs, told = mended(inputs)
        if told:
            gr.Warning(told)
        return inputs

    if inspect.isgeneratorfunction(fn):

        def stream(self: Any, page_owner: Any, *rest: Any) -> Iterator[Any]:
            *inputs, request = rest
            who = check(self, page_owner, request)
            if who is None:
                yield gr.skip()
                return
            try:
                yield from fn(self, who, page_owner, *text_of(inputs))
            except SQLAlchemyError as exc:  # the database went down: words, not "Error"
                unavailable(exc)
                yield gr.skip()

        wrapper: Any = stream
    else:

        def call(self: Any, page_owner: Any, *rest: Any) -> Any:
            *inputs, request = rest
            who = check(self, page_owner, request)
            if who is None:
                return gr.skip()
            try:
                return fn(self, who, page_owner, *text_of(inputs))
            except SQLAlchemyError as exc:
                unavailable(exc)
                return gr.skip()

        wrapper = call
    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    # What Gradio reads to fill in the request (and any event data the handler takes).
    wrapper.__signature__ = signature
    wrapper.__annotations__ = annotations
    return wrapper


_SURROGATE = re.compile("[\ud800-\udfff]")


def mended(inputs: list[Any]) -> tuple[list[Any], str | None]:
    """Every text input with its broken characters (lone surrogates: a broken paste, half
    an emoji, bytes that were not UTF-8) replaced by U+FFFD, and what to tell the person.

    A browser sends such a character as a JSON escape (``\\ud800``) that Python decodes into
    a str no encoder accepts: the answer's stream, the database and the page would each
    fail on it, and the question would be lost behind a bare "Error". Replaced at the one
    gate every chat event passes, the question is kept and answered, and saved as shown."""
    first: str | None = None
    out: list[Any] = []
    for value in inputs:
        broken = _SURROGATE.search(value) if isinstance(value, str) else None
        if broken is None:
            out.append(value)
            continue
        first = first or broken.group(0)
        out.append(_SURROGATE.sub("\ufffd", value))
    if first is None:
        return out, None
    return out, (
        f"Your message had a broken character (U+{ord(first):04X}, often from a broken paste); "
        "it is shown as \ufffd and the rest of your message was used."
    )


def identities_for(settings: Settings) -> Identities:
    return Identities(cookie_key(settings), cookie_name(settings.ui_port))
