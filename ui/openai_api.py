"""The OpenAI-compatible API: ``GET /v1/models`` and ``POST /v1/chat/completions`` over a
``Chatbot``, so any chat client that speaks OpenAI's chat-completions API (Open WebUI,
LibreChat, the ``openai`` SDK) can talk to careerbot.

It only adapts: the whole ``messages`` list becomes the question and its history, the
``Chatbot`` answers, and each ``Answer`` is rendered twice: as text that keeps its ``[n]``
markers and ends with a short sources list (for clients that show text only), and as a
structured ``careerbot`` field (sources, suggestions, route, mode, notices) on the message
of a completion and on the last chunk of a stream.

Served by ``careerbot ui`` in the same FastAPI app as Gradio (behind its host and origin
guards) and, without Gradio, by ``careerbot serve-api``. Callers present a bearer key
(``CAREERBOT_API_KEYS``, or ``user:password`` of a ``CAREERBOT_AUTH`` user), required
whenever keys are configured or the app is reachable from other machines. Every error is
one JSON object in OpenAI's error format, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import hmac
import json
import logging
import math
import queue
import re
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from bot.chatbot import Chatbot
from bot.core.errors import BadInputError, CareerbotError, EmptyQuestionError
from bot.core.results import Answer, Source
from bot.core.settings import Settings
from ui.errors import unexpected, user_message
from ui.markup import readable_section
from ui.security import AuthConfigError, LoginLimits, is_loopback, parse_auth

log = logging.getLogger("careerbot.api")

MODEL = "careerbot"  # the configured answerer (the LLM when one is set, else offline)
OFFLINE_MODEL = "careerbot-offline"
MODELS = (MODEL, OFFLINE_MODEL)
# Answering is CPU-bound: a few at a time, like the web chat's pool of answer workers.
API_CONCURRENCY = 4
# How long a stopping server lets the answers under way finish before it cancels them.
SHUTDOWN_GRACE = 5
SOURCES_HEADING = "Sources:"
SYSTEM_IGNORED = (
    "System messages are ignored: careerbot answers from its career guides in its own way."
)
# Roughly what a tokenizer counts (words and punctuation marks): careerbot runs no model
# tokenizer of its own, and clients only show these figures.
_WORD, _SPACE = re.compile(r"\w"), re.compile(r"\s")
JSON = "application/json"


# --- Errors, in OpenAI's format ---


@dataclass
class ApiError(Exception):
    """A request the API refuses: status, OpenAI error type and message."""

    status: int
    message: str
    type: str = "invalid_request_error"
    code: str | None = None
    param: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        fields = {"message": self.message, "type": self.type, "param": self.param}
        return {"error": {**fields, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), self.status, headers=self.headers)


def bad_request(message: str, param: str | None = None) -> ApiError:
    return ApiError(400, message, param=param)


# --- Requests ---


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: StrictStr
    text: StrictStr | None = None


class _Message(BaseModel):
    # Clients send more than careerbot reads (names, tool calls): accepted and ignored.
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: StrictStr | list[_Part] | None = None


class _StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: StrictBool = False


class _Request(BaseModel):
    # Sampling options (temperature, max_tokens, ...) mean nothing to careerbot's answers.
    model_config = ConfigDict(extra="allow")

    model: StrictStr
    messages: list[_Message] = Field(min_length=1)
    stream: StrictBool | None = False
    stream_options: _StreamOptions | None = None


@dataclass(frozen=True)
class ChatRequest:
    """What careerbot needs from a chat-completions request."""

    model: str
    question: str
    history: list[dict[str, str]]
    stream: bool = False
    include_usage: bool = False
    notices: list[str] = field(default_factory=list)
    prompt_tokens: int = 0


def parse_request(body: bytes) -> ChatRequest:
    """A request body -> ``ChatRequest``; anything careerbot cannot use is a 400."""
    raw = _loads(body)
    if not isinstance(raw, dict):
        raise bad_request("The request body must be a JSON object.")
    try:
        wire = _Request.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise bad_request(f"Invalid '{where}': {first['msg']}.", param=where) from None
    if wire.model not in MODELS:
        raise ApiError(
            400,
            f"The model '{wire.model}' does not exist; choose {' or '.join(MODELS)}.",
            code="model_not_found",
            param="model",
        )
    *earlier, last = wire.messages
    if last.role != "user":
        raise bad_request("The last message must be the user's question.", "messages")
    question = _text(last, len(wire.messages) - 1)
    if not question.strip():
        raise bad_request("The last message has no text to answer.", "messages")
    history = [
        {"role": m.role, "content": _history_text(m, n)}
        for n, m in enumerate(earlier)
        if m.role in ("user", "assistant")
    ]
    ignored = any(m.role in ("system", "developer") for m in wire.messages)
    contents = [question, *(h["content"] for h in history)]
    return ChatRequest(
        model=wire.model,
        question=question,
        history=[h for h in history if h["content"].strip()],
        stream=bool(wire.stream),
        include_usage=bool(wire.stream_options and wire.stream_options.include_usage),
        notices=[SYSTEM_IGNORED] if ignored else [],
        prompt_tokens=sum(count_tokens(c) for c in contents),
    )


def _loads(body: bytes) -> Any:
    """The body's JSON: orjson (several times faster than ``json``), and ``json`` for what
    orjson refuses and ``json`` reads (a lone surrogate escape, which the bot then refuses
    in words; NaN; huge integers), so no body is read differently than before. Nesting
    deeper than orjson's 1,024 levels is a 400 like any bad JSON, not ``json``'s
    RecursionError (which was a 500)."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise bad_request("The request body is not valid JSON.") from None


def _text(message: _Message, index: int) -> str:
    """A message's text; careerbot reads text only, so an image or file part is a 400."""
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    texts = []
    for part in message.content:
        if part.type != "text":
            raise bad_request(
                f"careerbot reads text only; message {index} has a '{part.type}' part.",
                f"messages.{index}.content",
            )
        texts.append(part.text or "")
    return "\n".join(texts)


def _history_text(message: _Message, index: int) -> str:
    text = _text(message, index)
    return without_sources(text) if message.role == "assistant" else text


def _token_classes() -> tuple[bytes, bytes]:
    """A ``bytes.translate`` table and the bytes it deletes, turning UTF-8 into one byte per
    character: ``w`` for a word character, `` `` for a space, ``p`` for a mark. An ASCII
    character is classed by ``re``'s own ``\\w`` and ``\\s``, so ASCII text counts exactly as
    ``\\w+|[^\\w\\s]`` matches; of any other character only its lead byte is kept: U+2000 to
    U+2FFF (lead byte E2: dashes, curly quotes, bullets, symbols) are marks, the rest letters.
    """
    table = bytearray(b"w" * 256)
    for byte in range(128):
        char = chr(byte)
        table[byte] = ord(" " if _SPACE.fullmatch(char) else "w" if _WORD.fullmatch(char) else "p")
    table[0xE2] = ord("p")
    return bytes(table), bytes(range(0x80, 0xC0))


_CLASSES, _CONTINUATION = _token_classes()


def count_tokens(text: str) -> int:
    """Words (runs of word characters) plus punctuation marks, in C string operations:
    ``re.findall`` took ~0.1 ms per answer, on the event loop, for every completion."""
    classes = text.encode("utf-8", "surrogatepass").translate(_CLASSES, _CONTINUATION)
    words = classes.count(b" w") + classes.count(b"pw") + classes.startswith(b"w")
    return words + classes.count(b"p")


# --- Answers, rendered ---


def sources_list(sources: list[Source]) -> str:
    """The short list that ends an answer's text, one cited guide section a line."""
    lines = [
        f"- [{n}] {s.title}, {readable_section(s.section)} ({s.source})"
        for n, s in enumerate(sources, 1)
    ]
    return f"{SOURCES_HEADING}\n" + "\n".join(lines)


def without_sources(text: str) -> str:
    """An earlier answer of ours as the conversation history: its text without the sources
    list the API appended (the bot reads the conversation, not our rendering of it)."""
    head, sep, tail = text.rpartition(f"\n\n{SOURCES_HEADING}\n- [1] ")
    return head if sep and "\n\n" not in tail else text


def lead(answer: Answer, notices: list[str]) -> str:
    """The answer's text as streamed: its notices first, then the text."""
    notes = [f"> Note: {n}" for n in [*notices, *answer.notices]]
    return "\n\n".join([*notes, answer.text]) if notes else answer.text


def plain_text(answer: Answer, notices: list[str]) -> str:
    """The whole text a plain client shows: notices, the answer, its sources list."""
    text = lead(answer, notices)
    return f"{text}\n\n{sources_list(answer.sources)}" if answer.sources else text


def careerbot_field(answer: Answer, notices: list[str]) -> dict[str, Any]:
    """The structured extension: what a client that knows careerbot shows as it likes."""
    return {
        "sources": [
            {
                "n": n,
                "role": s.role,
                "title": s.title,
                "section": s.section,
                "source": s.source,
                "score": round(s.score, 4),
            }
            for n, s in enumerate(answer.sources, 1)
        ],
        "suggestions": list(answer.suggestions),
        "route": answer.route,
        "mode": answer.mode,
        "roles": list(answer.roles),
        "notices": [*notices, *answer.notices],
    }


def usage(request: ChatRequest, text: str) -> dict[str, int]:
    completion = count_tokens(text)
    return {
        "prompt_tokens": request.prompt_tokens,
        "completion_tokens": completion,
        "total_tokens": request.prompt_tokens + completion,
    }


def completion_object(request: ChatRequest, answer: Answer, ident: str) -> dict[str, Any]:
    text = plain_text(answer, request.notices)
    message = {
        "role": "assistant",
        "content": text,
        "careerbot": careerbot_field(answer, request.notices),
    }
    return {
        "id": ident,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        "usage": usage(request, text),
    }


@dataclass
class ChunkWriter:
    """Turns the bot's stream (answers that grow) into chat-completion chunks (deltas)."""

    request: ChatRequest
    ident: str
    created: int = field(default_factory=lambda: int(time.time()))
    shown: str = ""

    def chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        body = {
            "id": self.ident,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.request.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            **extra,
        }
        return sse(body)

    def opening(self) -> bytes:
        return self.chunk({"role": "assistant", "content": ""})

    def grown(self, answer: Answer) -> bytes | None:
        """The new text of a partial answer. An answer that does not continue what was
        sent (the model failed midway and the offline answer replaced it, or a notice came
        first) follows in full after a blank line: a delta cannot take text back."""
        text = lead(answer, self.request.notices)
        continues = text.startswith(self.shown)
        delta = text[len(self.shown) :] if continues else f"\n\n{text}"
        self.shown = text
        return self.chunk({"content": delta}) if delta else None

    def closing(self, answer: Answer) -> Iterator[bytes]:
        """The sources list, the last chunk with the ``careerbot`` field, usage if asked."""
        if (grown := self.grown(answer)) is not None:
            yield grown
        text = self.shown
        if answer.sources:
            tail = f"\n\n{sources_list(answer.sources)}"
            text += tail
            yield self.chunk({"content": tail})
        yield self.chunk({}, "stop", careerbot=careerbot_field(answer, self.request.notices))
        if self.request.include_usage:
            body = {
                "id": self.ident,
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": self.request.model,
                "choices": [],
                "usage": usage(self.request, text),
            }
            yield sse(body)
        yield b"data: [DONE]\n\n"


def json_bytes(body: dict[str, Any]) -> bytes:
    """``body`` as compact UTF-8 JSON, serialised once, by orjson (a tenth of ``json``'s time).
    A lone surrogate (from a client's own history) has no UTF-8: ``json`` escapes it."""
    try:
        return orjson.dumps(body)
    except TypeError:
        return json.dumps(body, separators=(",", ":")).encode()


def sse(body: dict[str, Any]) -> bytes:
    return b"data: " + json_bytes(body) + b"\n\n"


def json_response(body: dict[str, Any]) -> Response:
    return Response(json_bytes(body), media_type=JSON)


# --- Who may call, and how often ---


@dataclass(frozen=True)
class Keys:
    """The accepted bearer keys and whose each is; ``required`` says an open API is not."""

    owners: dict[str, str]
    required: bool

    def owner(self, presented: str) -> str | None:
        found = None
        for key, owner in self.owners.items():  # every key compared: no early exit
            if hmac.compare_digest(key.encode(), presented.encode()):
                found = owner
        return found


def api_keys(settings: Settings, host: str) -> Keys:
    """``CAREERBOT_API_KEYS`` plus ``user:password`` for each ``CAREERBOT_AUTH`` user.
    Off loopback an API without keys would answer anyone on the network: refused."""
    owners = {key: f"key:{n}" for n, key in enumerate(settings.api_key_list, 1)}
    for user, password in parse_auth(settings.auth):
        owners.setdefault(f"{user}:{password}", f"user:{user}")
    required = bool(owners) or not is_loopback(host)
    if required and not owners:
        raise AuthConfigError(
            f"Refusing to serve the API on {host} without keys: anyone on the network could "
            "use it. Set CAREERBOT_API_KEYS (or CAREERBOT_AUTH), or bind to 127.0.0.1."
        )
    return Keys(owners, required)


def _limits_storage() -> Any:
    """``limits``' memory storage, with its old entries dropped inline, at most once a second.

    The stock ``MemoryStorage`` expires entries in a ``threading.Timer`` that it starts on a
    hit whenever none is running, and a timer lives 10 ms: API requests come further apart,
    so nearly every request started a thread on the event loop, and ``Thread.start()`` waits
    until the new thread runs. On the loaded 2-core machine that wait measured p50 0.2 ms,
    mean 3 ms, max 235 ms per request, blocking every other request meanwhile. Dropping old
    entries only saves memory (the moving window reads timestamps, not the trimmed list), so
    doing it inline once a second changes no limit.
    """
    from limits.storage import MemoryStorage

    class InlineExpiry(MemoryStorage):
        next_expiry = 0.0

        # limits calls its private ``__schedule_expiry`` before every count it changes.
        def _MemoryStorage__schedule_expiry(self) -> None:
            now = time.monotonic()
            if now >= self.next_expiry:
                self.next_expiry = now + 1.0
                self._MemoryStorage__expire_events()  # type: ignore[attr-defined]

    return InlineExpiry()


class Gate:
    """Bearer keys, per-key rate limits and throttled guessing (``limits``' moving window).

    Failed keys count per client like failed sign-ins: once a client has guessed wrong too
    often, every request of its is refused until the window moves on, the right key included.
    """

    def __init__(self, keys: Keys, rate: str, failures: str | None = None) -> None:
        from limits import parse, strategies

        self.keys = keys
        self.limiter = strategies.MovingWindowRateLimiter(_limits_storage())
        self.rate = parse(rate)
        self.failures = parse(failures or LoginLimits().per_client)

    def admit(self, request: Request) -> str:
        """The caller's identity, from this request alone; raises ``ApiError`` otherwise."""
        client = request.client.host if request.client else "unknown"
        if not self.limiter.test(self.failures, "api-failures", client):
            raise self._limited(self.failures, ("api-failures", client), "wrong API keys")
        owner = self._owner(request.headers.get("authorization", ""), client)
        if not self.limiter.hit(self.rate, "api", owner):
            raise self._limited(self.rate, ("api", owner), "requests")
        return owner

    def _owner(self, header: str, client: str) -> str:
        scheme, _, presented = header.partition(" ")
        presented = presented.strip()
        if not self.keys.required:
            return f"client:{client}"
        if scheme.lower() != "bearer" or not presented:
            self.limiter.hit(self.failures, "api-failures", client)
            raise ApiError(
                401,
                "Missing API key: send it as 'Authorization: Bearer <key>'.",
                code="invalid_api_key",
            )
        owner = self.keys.owner(presented)
        if owner is None:
            self.limiter.hit(self.failures, "api-failures", client)
            raise ApiError(401, "Incorrect API key provided.", code="invalid_api_key")
        return owner

    def _limited(self, limit: Any, key: tuple[str, ...], what: str) -> ApiError:
        reset = self.limiter.get_window_stats(limit, *key).reset_time
        wait = max(1, math.ceil(reset - time.time()))
        return ApiError(
            429,
            f"Too many {what}; try again in {wait} s.",
            type="rate_limit_error",
            code="rate_limit_exceeded",
            headers={"Retry-After": str(wait)},
        )


# --- The endpoints ---


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to be over ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise bad_request(f"The request body is over {limit:,} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise bad_request(f"The request body is over {limit:,} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


class Bots:
    """The bot behind each model name. ``careerbot-offline`` is the configured bot when that
    answers offline anyway, else a second bot (opened on first use) whose answers never
    involve the model server; both share the process' embedding model."""

    def __init__(self, bot: Chatbot) -> None:
        self.bot = bot
        self._offline: Chatbot | None = bot if bot.mode == "offline" else None
        self._lock = threading.Lock()

    def __getitem__(self, model: str) -> Chatbot:
        if model == MODEL:
            return self.bot
        with self._lock:
            if self._offline is None:
                offline = self.bot.settings.model_copy(update={"llm_base_url": None})
                self._offline = Chatbot(offline)
            return self._offline


class Stopping(CareerbotError):
    """The server is stopping: this answer will not be given."""


class AnswerWorkers:
    """A fixed number of daemon threads that run answers in turn, in the order they came.

    Not a ``ThreadPoolExecutor``: its threads are joined when the interpreter exits, and
    every job still queued is run first, so a server stopped while answers waited on a slow
    model stayed up until each of them was done (up to the LLM deadline, per queued answer).
    These threads are daemons, and ``close()`` ends every job at once with ``Stopping``
    (its caller answers 503 straight away); a thread still inside an answer ends after it,
    or with the process.
    """

    def __init__(self, size: int, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None]
        self._jobs = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._running: set[Future[Any]] = set()
        self._closed = False
        self.threads = [
            threading.Thread(target=self._work, name=f"{name}_{n}", daemon=True)
            for n in range(size)
        ]
        for thread in self.threads:
            thread.start()

    def submit(self, call: Callable[[], Any]) -> Future[Any]:
        job: Future[Any] = Future()
        with self._lock:
            if self._closed:
                job.set_exception(Stopping("careerbot is stopping."))
            else:
                self._jobs.put((job, call))
        return job

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            ended = list(self._running)
            while True:
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    ended.append(item[0])
            for _ in self.threads:
                self._jobs.put(None)
        for job in ended:
            _settle(job.set_exception, Stopping("careerbot is stopping."))

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, call = item
            del item
            with self._lock:
                if not job.set_running_or_notify_cancel():  # its caller stopped waiting
                    continue
                self._running.add(job)
            try:
                result = call()
            except BaseException as exc:
                _settle(job.set_exception, exc)
            else:
                _settle(job.set_result, result)
            with self._lock:
                self._running.discard(job)
            del job, call  # the answer is not kept alive by an idle thread


def _settle(outcome: Callable[[Any], None], value: Any) -> None:
    """Give a job its outcome, unless ``close()`` already ended it."""
    with contextlib.suppress(InvalidStateError):
        outcome(value)


def stoppable_server(config: Any) -> Any:
    """A uvicorn server that, as it starts to stop, first calls the app's
    ``state.on_stopping`` callbacks (the API ends its answers with a 503 there), so uvicorn's
    wait for the requests under way is short; ``SHUTDOWN_GRACE`` bounds whatever else runs
    (a web chat's stream)."""
    import uvicorn

    class StoppableServer(uvicorn.Server):
        async def shutdown(self, sockets: Any = None) -> None:
            app: Any = self.config.app
            for callback in getattr(getattr(app, "state", None), "on_stopping", []):
                callback()
            await super().shutdown(sockets)

    config.timeout_graceful_shutdown = SHUTDOWN_GRACE
    return StoppableServer(config)


class OpenAIApi:
    """The ``/v1`` endpoints over one ``Chatbot``, with their gate."""

    def __init__(self, bot: Chatbot, settings: Settings, host: str | None = None) -> None:
        self.bots = Bots(bot)
        self.settings = settings
        self.gate = Gate(api_keys(settings, host or settings.ui_host), settings.api_rate_limit)
        # At most API_CONCURRENCY answers at a time; the rest wait their turn, in order.
        self.workers = AnswerWorkers(API_CONCURRENCY, "careerbot-api")

    def close(self) -> None:
        """The server is stopping: queued answers are dropped, no new one starts."""
        self.workers.close()

    def router(self) -> Any:
        """Plain Starlette routes: the endpoints read the request themselves, so FastAPI's
        dependency solving (a tenth of a millisecond a request) would do nothing for them."""
        from fastapi import APIRouter

        router = APIRouter()
        router.add_route("/v1/models", self.models, methods=["GET"])
        router.add_route("/v1/chat/completions", self.completions, methods=["POST"])
        return router

    async def models(self, request: Request) -> Response:
        try:
            self.gate.admit(request)
        except ApiError as exc:
            return exc.response()
        return Response(_MODEL_LIST, media_type=JSON)

    async def completions(self, request: Request) -> Response:
        try:
            owner = self.gate.admit(request)
            chat = parse_request(await read_body(request, self.settings.api_max_body_bytes))
            log.info("%s asks %s (%d earlier messages)", owner, chat.model, len(chat.history))
            bot = self.bots[chat.model]
            if chat.stream:
                return await self._streamed(bot, chat)
            answer = await self._run(lambda: bot.ask(chat.question, chat.history))
            return json_response(completion_object(chat, answer, _ident()))
        except ApiError as exc:
            return exc.response()

    async def _streamed(self, bot: Chatbot, chat: ChatRequest) -> Response:
        answers = bot.stream(chat.question, chat.history)
        # The first piece before the response starts: a question the bot refuses (no index,
        # say) still gets an HTTP error rather than a stream that fails.
        first = await self._run(lambda: next(answers, None))
        if first is None:
            raise ApiError(500, "careerbot gave no answer.", type="server_error")
        writer = ChunkWriter(chat, _ident())
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(
            self._chunks(writer, first, answers), media_type="text/event-stream", headers=headers
        )

    async def _chunks(
        self, writer: ChunkWriter, first: Answer, answers: Iterator[Answer]
    ) -> AsyncIterator[bytes]:
        yield writer.opening()
        done = object()
        current: Any = first
        step: Future[Any] | None = None
        try:
            while True:
                # Each piece goes out as it comes; the last one (the complete answer) is
                # only known to be last when the bot has nothing more.
                if (grown := writer.grown(current)) is not None:
                    yield grown
                step = self._submit(lambda: next(answers, done))
                following = await self._result(step)
                if following is done:
                    break
                current = following
            for text in writer.closing(current):
                yield text
        except ApiError as exc:  # midway: the stream's status is sent already
            yield sse(exc.body())
        finally:
            _close_after(answers, step)

    def _submit(self, call: Callable[[], Any]) -> Future[Any]:
        """``call`` on an answer worker, in the caller's context (as ``anyio.to_thread``
        ran it). The pool's own queue is the only hand-off: anyio's limiter checkpoint and
        worker queue took p50 0.23 ms to reach the thread against the pool's 0.10 ms (a
        12 ms job, machine load 10)."""
        return self.workers.submit(functools.partial(contextvars.copy_context().run, call))

    async def _run(self, call: Callable[[], Any]) -> Any:
        return await self._result(self._submit(call))

    async def _result(self, job: Future[Any]) -> Any:
        """A worker's result; the bot's errors become OpenAI errors."""
        try:
            return await asyncio.wrap_future(job)
        except (EmptyQuestionError, BadInputError) as exc:
            raise bad_request(user_message(exc, "cli"), "messages") from None
        except Stopping:
            raise ApiError(
                503, "careerbot is stopping; ask again once it is back.", type="server_error"
            ) from None
        except CareerbotError as exc:
            raise ApiError(503, user_message(exc, "cli"), type="server_error") from None
        except Exception as exc:
            message = unexpected("answering an API request", exc, log)
            raise ApiError(500, message, type="server_error") from None


_MODEL_LIST = orjson.dumps(
    {
        "object": "list",
        "data": [
            {"id": name, "object": "model", "created": 0, "owned_by": "careerbot"}
            for name in MODELS
        ],
    }
)


def _close_after(answers: Iterator[Answer], step: Future[Any] | None) -> None:
    """Close the bot's stream once no worker is inside it. A client that goes away cancels
    the wait, not the worker: closing a generator that is running raises, so a step still
    running closes it itself when it ends (on its worker thread)."""
    close = getattr(answers, "close", None)
    if close is None:
        return
    if step is None or step.done():
        # "generator already executing": stopping ended the step while its worker is still
        # inside; that daemon thread ends with the process.
        with contextlib.suppress(ValueError):
            close()
    else:
        step.add_done_callback(lambda _: close())


def _ident() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def mount(app: Any, bot: Chatbot, settings: Settings) -> OpenAIApi:
    """Add the ``/v1`` endpoints to a FastAPI app (before Gradio is mounted at ``/``); a
    ``stoppable_server`` ends their answers when it starts to stop."""
    api = OpenAIApi(bot, settings)
    app.include_router(api.router())
    if not hasattr(app.state, "on_stopping"):
        app.state.on_stopping = []
    app.state.on_stopping.append(api.close)
    return api


def standalone_app(settings: Settings, bot: Chatbot | None = None) -> Any:
    """The API alone, for ``careerbot serve-api``: no Gradio, the same request guards."""
    from fastapi import FastAPI

    from ui.security import security_middleware

    guards = security_middleware(settings.ui_host, settings.ui_hosts, settings.ui_origins)
    app = FastAPI(middleware=guards, docs_url=None, redoc_url=None, openapi_url=None)
    mount(app, bot or Chatbot(settings), settings)
    return app


def serve(settings: Settings) -> None:
    """``careerbot serve-api``: the API on its own, until interrupted. The keys are checked
    before the model loads; the model loads before the first request is taken."""
    import uvicorn

    api_keys(settings, settings.ui_host)
    bot = Chatbot(settings)
    app = standalone_app(settings, bot)
    try:
        bot.load()
    except CareerbotError as exc:  # no index yet: every answer says so itself
        log.warning("%s", user_message(exc, "cli"))
    print(f"careerbot: API on http://{settings.ui_host}:{settings.ui_port}/v1", flush=True)
    from ui.security import proxy_options

    config = uvicorn.Config(
        app,
        host=settings.ui_host,
        port=settings.ui_port,
        log_level="warning",
        **proxy_options(settings.trusted_proxy_list),  # type: ignore[arg-type]
    )
    stoppable_server(config).run()
