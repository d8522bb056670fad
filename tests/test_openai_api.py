"""The OpenAI-compatible API (``ui.openai_api``): the official ``openai`` client and raw
HTTP against a real ``careerbot ui`` on 127.0.0.1 (real model, real Chroma), LLM mode through
the scripted OpenAI-compatible stub, ``careerbot serve-api`` as a real process, and the
request parsing and rendering on their own."""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from bot.chatbot import Chatbot
from bot.core.results import Answer, Source
from bot.core.settings import Settings
from tests.openai_stub import Reply, serve
from tests.ui_server import free_port, running_app
from ui.openai_api import (
    API_CONCURRENCY,
    MODELS,
    SYSTEM_IGNORED,
    ApiError,
    ChatRequest,
    ChunkWriter,
    _limits_storage,
    count_tokens,
    json_bytes,
    parse_request,
    plain_text,
    sources_list,
    without_sources,
)

QUESTION = "What does a data engineer do?"
FOLLOW_UP = "What tools do they use?"
KEYS = ["key-plain", "key-stream", "key-history", "key-errors", "key-raw", "key-rate", "key-llm"]
RATE = 30  # requests per minute per key on the test server
BODY_LIMIT = 50_000
USER = ("alice", "s3cret:with-colon")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_url(indexed_settings: Settings) -> Iterator[str]:
    """A real ``careerbot ui`` with API keys, a login user, a low rate and body limit."""
    settings = indexed_settings.model_copy(
        update={
            "api_keys": ",".join(KEYS),
            "auth": ":".join(USER),
            "api_rate_limit": f"{RATE}/minute",
            "api_max_body_bytes": BODY_LIMIT,
        }
    )
    with running_app(settings) as url:
        yield f"{url}v1"


def client(url: str, key: str) -> openai.OpenAI:
    # No retries: a 429 or 5xx must reach the test as it was sent.
    return openai.OpenAI(base_url=url, api_key=key, max_retries=0, timeout=120)


def ask(question: str = QUESTION) -> list[dict[str, str]]:
    return [{"role": "user", "content": question}]


def extension(obj: Any) -> dict[str, Any]:
    """The ``careerbot`` field the SDK keeps among a model's extra fields."""
    extra = obj.model_extra or {}
    assert "careerbot" in extra, obj
    return dict(extra["careerbot"])


def source_rows(sources: list[Source]) -> list[dict[str, Any]]:
    return [
        {"role": s.role, "title": s.title, "section": s.section, "source": s.source}
        for s in sources
    ]


def without_scores(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: r[k] for k in ("role", "title", "section", "source")} for r in rows]


# --- The openai client against a real server ---


def test_models_are_listed(api_url: str) -> None:
    models = client(api_url, "key-plain").models.list()
    assert [m.id for m in models.data] == list(MODELS)


def test_a_completion_is_the_bots_answer_with_sources(api_url: str, chatbot: Chatbot) -> None:
    expected = chatbot.ask(QUESTION)
    assert expected.sources, "the fixture guides cover the question"
    done = client(api_url, "key-plain").chat.completions.create(model="careerbot", messages=ask())
    message = done.choices[0].message
    assert done.object == "chat.completion" and done.choices[0].finish_reason == "stop"
    assert message.role == "assistant"
    assert message.content == plain_text(expected, [])
    assert message.content.startswith(expected.text) and "[1]" in message.content
    assert message.content.endswith(sources_list(expected.sources))
    field = extension(message)
    assert without_scores(field["sources"]) == source_rows(expected.sources)
    assert [s["n"] for s in field["sources"]] == list(range(1, len(expected.sources) + 1))
    assert all(0 < s["score"] <= 1 for s in field["sources"])
    assert field["suggestions"] == expected.suggestions and len(field["suggestions"]) >= 2
    assert (field["route"], field["mode"]) == ("answer", "offline")
    assert done.usage is not None
    assert done.usage.total_tokens == done.usage.prompt_tokens + done.usage.completion_tokens
    assert done.usage.completion_tokens > len(expected.text.split()) // 2


def test_a_stream_grows_into_the_same_answer(api_url: str) -> None:
    api = client(api_url, "key-stream")
    whole = api.chat.completions.create(model="careerbot", messages=ask())
    chunks = list(
        api.chat.completions.create(
            model="careerbot",
            messages=ask(),
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    texts = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert sum(1 for t in texts if t) >= 3  # sentence by sentence, then the sources list
    assert "".join(texts) == whole.choices[0].message.content
    finished = [c for c in chunks if c.choices and c.choices[0].finish_reason]
    assert len(finished) == 1 and finished[0].choices[0].finish_reason == "stop"
    field = extension(finished[0])
    assert field["sources"] == extension(whole.choices[0].message)["sources"]
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens  # type: ignore[union-attr]
    assert len({c.id for c in chunks}) == 1


def test_the_whole_message_list_is_the_history(api_url: str, chatbot: Chatbot) -> None:
    api = client(api_url, "key-history")
    first = api.chat.completions.create(model="careerbot", messages=ask())
    earlier = first.choices[0].message.content or ""
    messages: list[Any] = [
        {"role": "system", "content": "You are a pirate."},
        *ask(),
        {"role": "assistant", "content": earlier},
        {"role": "user", "content": FOLLOW_UP},
    ]
    follow = api.chat.completions.create(model="careerbot", messages=messages)
    field = extension(follow.choices[0].message)
    assert field["roles"] == ["data-engineer"]  # "they" is the data engineer of the history
    assert field["notices"] == [SYSTEM_IGNORED]
    # The bot saw the earlier answer as its own text, without the appended sources list.
    history = [*ask(), {"role": "assistant", "content": chatbot.ask(QUESTION).text}]
    expected = chatbot.ask(FOLLOW_UP, history)
    assert without_scores(field["sources"]) == source_rows(expected.sources)
    alone = api.chat.completions.create(model="careerbot", messages=ask(FOLLOW_UP))
    assert extension(alone.choices[0].message)["roles"] != ["data-engineer"]


def test_wrong_or_missing_keys_are_401(api_url: str) -> None:
    for key in ("not-a-key", "key-plain-but-longer", USER[0]):
        with pytest.raises(openai.AuthenticationError) as caught:
            client(api_url, key).chat.completions.create(model="careerbot", messages=ask())
        assert caught.value.status_code == 401
        assert caught.value.code == "invalid_api_key"
    missing = httpx.post(f"{api_url}/chat/completions", json={"model": "careerbot"})
    assert missing.status_code == 401
    assert missing.json()["error"]["message"].startswith("Missing API key")
    # A CAREERBOT_AUTH user's login pair is that user's key.
    listed = client(api_url, ":".join(USER)).models.list()
    assert [m.id for m in listed.data] == list(MODELS)


@pytest.mark.parametrize(
    ("body", "param", "words"),
    [
        ({"model": "gpt-4o", "messages": ask()}, "model", "does not exist"),
        ({"model": "careerbot", "messages": []}, "messages", "at least 1"),
        ({"model": "careerbot", "messages": "hello"}, "messages", "valid list"),
        ({"model": "careerbot", "messages": ask(), "stream": "yes"}, "stream", "boolean"),
        ({"model": 7, "messages": ask()}, "model", "string"),
        ({"messages": ask()}, "model", "required"),
        ({"model": "careerbot", "messages": [{"role": "user", "content": 3}]}, None, "Invalid"),
        ({"model": "careerbot", "messages": [{"role": "wizard", "content": "hi"}]}, None, "role"),
        (
            {"model": "careerbot", "messages": [*ask(), {"role": "assistant", "content": "x"}]},
            "messages",
            "last message",
        ),
        ({"model": "careerbot", "messages": ask("   ")}, "messages", "no text"),
        (
            {
                "model": "careerbot",
                "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}],
            },
            "messages.0.content",
            "text only",
        ),
    ],
)
def test_bad_requests_are_400_in_openais_format(
    api_url: str, body: dict[str, Any], param: str | None, words: str
) -> None:
    # Through the SDK's raw request path, so nothing is checked before the server sees it.
    api = client(api_url, "key-errors")
    with pytest.raises(openai.BadRequestError) as caught:
        api.post("/chat/completions", body=body, cast_to=httpx.Response)
    error = caught.value.body
    assert caught.value.status_code == 400 and isinstance(error, dict)
    assert error["type"] == "invalid_request_error"
    assert words in error["message"]
    if param is not None:
        assert error["param"] == param


def test_invalid_json_and_huge_bodies_are_400(api_url: str) -> None:
    headers = {"Authorization": "Bearer key-raw", "Content-Type": "application/json"}
    url = f"{api_url}/chat/completions"
    cases = {
        b'{"model": "careerbot", "messages": [': "not valid JSON",
        b"[1, 2]": "JSON object",
        b"\xff\xfe": "not valid JSON",
        # Nested past any parser's depth: json's RecursionError was a 500 with a traceback.
        b"[" * (BODY_LIMIT - 1000): "not valid JSON",
        json.dumps({"model": "careerbot", "messages": ask("x" * BODY_LIMIT)}).encode(): "bytes",
    }
    for body, words in cases.items():
        reply = httpx.post(url, content=body, headers=headers)
        assert reply.status_code == 400, body[:40]
        assert words in reply.json()["error"]["message"]
        assert "Traceback" not in reply.text

    def chunked() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        yield b'{"model": "careerbot", "messages": [{"role": "user", "content": "'
        for _ in range(BODY_LIMIT // 1000 + 1):
            yield b"y" * 1000
        yield b'"}]}'

    reply = httpx.post(url, content=chunked(), headers=headers)
    assert reply.status_code == 400 and "bytes" in reply.json()["error"]["message"]


def test_each_key_is_rate_limited(api_url: str) -> None:
    api = client(api_url, "key-rate")
    for _ in range(RATE):
        api.models.list()
    with pytest.raises(openai.RateLimitError) as caught:
        api.models.list()
    assert caught.value.status_code == 429 and caught.value.code == "rate_limit_exceeded"
    wait = int(caught.value.response.headers["Retry-After"])
    assert 0 < wait <= 60
    # Another key is not slowed by this one.
    assert client(api_url, "key-plain").models.list().data


def test_the_web_apps_guards_stand_in_front(api_url: str) -> None:
    headers = {"Authorization": "Bearer key-raw"}
    foreign = httpx.get(f"{api_url}/models", headers={**headers, "Origin": "https://evil.test"})
    assert foreign.status_code == 403
    rebound = httpx.get(f"{api_url}/models", headers={**headers, "Host": "evil.test"})
    assert rebound.status_code == 400


# --- The stream on the wire, for clients that parse it by hand ---


def test_the_sse_stream_is_well_formed(api_url: str) -> None:
    from httpx_sse import connect_sse

    body = {"model": "careerbot", "messages": ask(), "stream": True}
    headers = {"Authorization": "Bearer key-raw"}
    with httpx.stream(
        "POST", f"{api_url}/chat/completions", json=body, headers=headers, timeout=120
    ) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        raw = b"".join(reply.iter_raw()).decode("utf-8")
    events = raw.split("\n\n")
    assert events[-1] == "" and events[-2] == "data: [DONE]"
    payloads = []
    for event in events[:-2]:
        assert event.startswith("data: ") and "\n" not in event, event[:80]
        payloads.append(json.loads(event.removeprefix("data: ")))
    assert {p["object"] for p in payloads} == {"chat.completion.chunk"}
    assert len({p["id"] for p in payloads}) == 1 and payloads[0]["id"].startswith("chatcmpl-")
    finishes = [p["choices"][0]["finish_reason"] for p in payloads]
    assert finishes[-1] == "stop" and finishes[:-1] == [None] * (len(finishes) - 1)
    assert "careerbot" in payloads[-1] and payloads[-1]["careerbot"]["sources"]
    # An independent SSE parser reads the same events.
    with (
        httpx.Client(timeout=120) as http,
        connect_sse(http, "POST", f"{api_url}/chat/completions", json=body, headers=headers) as es,
    ):
        data = [e.data for e in es.iter_sse()]
    assert data[-1] == "[DONE]" and len(data) == len(payloads) + 1
    text = "".join(json.loads(d)["choices"][0]["delta"].get("content", "") for d in data[:-1])
    assert text == "".join(p["choices"][0]["delta"].get("content", "") for p in payloads)


# --- LLM mode: the stub stands in for the model server ---


def test_llm_mode_streams_the_models_tokens(indexed_settings: Settings) -> None:
    text = "Data engineers build pipelines [1] and keep data flowing [2]."
    with serve() as stub:
        settings = indexed_settings.model_copy(
            update={"llm_base_url": stub.base_url, "llm_model": "stub-model"}
        )
        with running_app(settings) as url:
            api = client(f"{url}v1", "unused")  # an open app on loopback needs no key
            stub.script(Reply(text, chunks=6))
            chunks = list(
                api.chat.completions.create(model="careerbot", messages=ask(), stream=True)
            )
            assert len(stub.requests) == 1 and stub.last["stream"] is True
            pieces = [c.choices[0].delta.content for c in chunks if c.choices[0].delta.content]
            assert len(pieces) >= 5  # the model's pieces as they came, then the sources
            field = extension(chunks[-1])
            assert field["mode"] == "llm" and len(field["sources"]) == 2
            streamed = "".join(pieces)
            assert streamed.startswith(text)
            assert streamed.endswith(sources_list([_source(s) for s in field["sources"]]))

            offline = api.chat.completions.create(model="careerbot-offline", messages=ask())
            assert extension(offline.choices[0].message)["mode"] == "offline"
            assert len(stub.requests) == 1  # the offline model never calls the server


def _source(row: dict[str, Any]) -> Source:
    return Source(row["role"], row["title"], row["section"], row["source"], row["score"])


# --- Guessing keys is throttled like guessing passwords ---


def test_guessing_keys_is_throttled_per_client(fake_settings: Settings) -> None:
    from ui.security import LoginLimits

    allowed = int(LoginLimits().per_client.split("/")[0])
    settings = fake_settings.model_copy(update={"api_keys": "right-key"})
    with running_app(settings) as url:
        base = f"{url}v1"
        assert client(base, "right-key").models.list().data
        for n in range(allowed):
            with pytest.raises(openai.AuthenticationError):
                client(base, f"guess-{n}").models.list()
        with pytest.raises(openai.RateLimitError) as caught:
            client(base, "right-key").models.list()  # even the right key, for a while
        assert "wrong API keys" in caught.value.message


def test_the_rate_limiter_starts_no_thread_per_request() -> None:
    """limits' stock memory storage started a timer thread on nearly every request (on the
    event loop, waiting for it to run); ours drops old entries inline, and still limits."""
    import threading

    from limits import parse, strategies

    limiter = strategies.MovingWindowRateLimiter(_limits_storage())
    rate = parse("3/second")
    time.sleep(0.05)  # the one timer the storage's constructor starts has run out
    threads = threading.active_count()
    admitted, running = [], []
    for _ in range(5):
        admitted.append(limiter.hit(rate, "api", "key:1"))
        running.append(threading.active_count())  # the stock timer would be alive here
        time.sleep(0.02)  # longer than the stock timer lives: it would start again each time
    assert running == [threads] * 5
    assert admitted == [True, True, True, False, False]
    time.sleep(1.1)  # the window moves on: admitted again, and the old entries are dropped
    assert limiter.hit(rate, "api", "key:1")
    [entries] = limiter.storage.events.values()
    assert len(entries) == 1


# --- careerbot serve-api, a real process ---


def test_serve_api_answers_without_the_web_app(indexed_settings: Settings) -> None:
    port = free_port()
    env = {
        **os.environ,
        "CAREERBOT_DATA_DIR": str(indexed_settings.data_dir),
        "CAREERBOT_CORPUS_DIR": str(indexed_settings.corpus_dir),
        "CAREERBOT_API_KEYS": "serve-key",
    }
    command = [sys.executable, "-m", "ui.cli", "serve-api", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/v1"
        _wait_for_api(base, process)
        api = client(base, "serve-key")
        done = api.chat.completions.create(model="careerbot", messages=ask())
        assert extension(done.choices[0].message)["sources"]
        assert httpx.get(f"{base}/models").status_code == 401
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 404  # no web app
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_api(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"{base}/models", timeout=2)
            return
        except httpx.TransportError:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.5)


def test_serve_api_stops_promptly_while_answers_hang(indexed_settings: Settings) -> None:
    """SIGTERM while every answer worker waits on a hung model and more answers queue up:
    the process ends well within the shutdown grace, and every waiting client is told with a
    503 (none is left hanging until the model's timeout)."""
    from ui.openai_api import SHUTDOWN_GRACE

    port = free_port()
    with serve() as stub:
        stub.default = Reply("never sent", hang=300)
        env = {
            **os.environ,
            "CAREERBOT_DATA_DIR": str(indexed_settings.data_dir),
            "CAREERBOT_CORPUS_DIR": str(indexed_settings.corpus_dir),
            "CAREERBOT_LLM_BASE_URL": stub.base_url,
            "CAREERBOT_LLM_MODEL": "stub-model",
            "CAREERBOT_LLM_TIMEOUT": "300",
        }
        command = [sys.executable, "-m", "ui.cli", "serve-api", "--port", str(port)]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}/v1"
        asked = API_CONCURRENCY + 2  # every worker busy, two more waiting their turn
        body = {"model": "careerbot", "messages": ask()}

        def post() -> str:
            try:
                return str(httpx.post(f"{base}/chat/completions", json=body, timeout=300))
            except httpx.TransportError as exc:
                return type(exc).__name__

        def stop() -> float:
            """SIGTERM; how long the process took to end (killed if it outlives the bound)."""
            stopped = time.monotonic()
            process.terminate()
            try:
                process.wait(timeout=SHUTDOWN_GRACE + 15)
            except subprocess.TimeoutExpired:
                process.kill()  # before the clients are waited for: they end with it
                process.wait(timeout=30)
            return time.monotonic() - stopped

        try:
            _wait_for_api(base, process)
            with ThreadPoolExecutor(asked) as clients:
                replies = [clients.submit(post) for _ in range(asked)]
                deadline = time.monotonic() + 60
                while len(stub.requests) < API_CONCURRENCY and time.monotonic() < deadline:
                    time.sleep(0.1)  # until every worker waits inside the model call
                time.sleep(0.5)
                took = stop()
                outcomes = [r.result(timeout=30) for r in replies]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
    output = process.stdout.read().decode() if process.stdout else ""
    assert took < SHUTDOWN_GRACE, output  # told at once, not cancelled after the grace
    # Each waiting client is told at once, in OpenAI's format, instead of a cut connection.
    assert outcomes == ["<Response [503 Service Unavailable]>"] * asked, output
    print(f"stopped in {took:.2f} s")
    assert len(stub.requests) == API_CONCURRENCY  # the queued answers never started
    assert "Traceback" not in output, output


def test_serve_api_refuses_the_network_without_keys(tmp_path: Path) -> None:
    env = {**os.environ, "CAREERBOT_DATA_DIR": str(tmp_path)}
    env.pop("CAREERBOT_API_KEYS", None)
    env.pop("CAREERBOT_AUTH", None)
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve-api", "--host", "0.0.0.0"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "without keys" in done.stderr and "Traceback" not in done.stderr


# --- Parsing and rendering on their own ---


def body(**fields: Any) -> bytes:
    return json.dumps({"model": "careerbot", "messages": ask(), **fields}).encode()


def test_parse_reads_history_and_notes_system_messages() -> None:
    messages = [
        {"role": "system", "content": "Be brief."},
        {
            "role": "user",
            "content": [{"type": "text", "text": "Hi"}, {"type": "text", "text": "there"}],
        },
        {"role": "assistant", "content": "Earlier [1].\n\nSources:\n- [1] A, B (a.md)"},
        {"role": "tool", "content": "ignored"},
        {"role": "user", "content": FOLLOW_UP},
    ]
    parsed = parse_request(body(messages=messages, temperature=0.3, stream=True))
    assert parsed.question == FOLLOW_UP and parsed.stream and not parsed.include_usage
    assert parsed.history == [
        {"role": "user", "content": "Hi\nthere"},
        {"role": "assistant", "content": "Earlier [1]."},
    ]
    assert parsed.notices == [SYSTEM_IGNORED]
    assert parse_request(body()).notices == []


def test_parse_refuses_what_it_cannot_use() -> None:
    with pytest.raises(ApiError) as caught:
        parse_request(body(model="careerbot-online"))
    assert caught.value.status == 400 and caught.value.code == "model_not_found"
    with pytest.raises(ApiError):
        parse_request(b"null")


def test_sources_list_is_taken_off_only_our_own_tail() -> None:
    text = "An answer [1]."
    sources = [Source("data-engineer", "Data Engineer", "Data Engineer > Tools", "de.md", 0.5)]
    rendered = f"{text}\n\n{sources_list(sources)}"
    assert rendered.endswith("- [1] Data Engineer, Tools (de.md)")
    assert without_sources(rendered) == text
    own = "Sources:\n- [1] is how the guide lists them."
    assert without_sources(own) == own
    later = f"{rendered}\n\nA later paragraph."
    assert without_sources(later) == later


def test_a_stream_that_starts_over_is_sent_whole_after_a_break() -> None:
    writer = ChunkWriter(ChatRequest("careerbot", "q", []), "chatcmpl-x")
    first = writer.grown(Answer("The model began"))
    replaced = Answer("Offline answer [1].", notices=["The model failed midway."])
    deltas = [json.loads(first.removeprefix(b"data: "))] if first else []
    deltas += [json.loads(c.removeprefix(b"data: ")) for c in list(writer.closing(replaced))[:-1]]
    texts = [d["choices"][0]["delta"].get("content", "") for d in deltas]
    assert texts[0] == "The model began"
    assert texts[1] == "\n\n> Note: The model failed midway.\n\nOffline answer [1]."
    assert deltas[-1]["careerbot"]["notices"] == ["The model failed midway."]


class _BrokenMidway(Chatbot):
    """A bot whose answer fails after its first sentence: a bug, which no real input causes."""

    def stream(self, question: str, history: Any = None) -> Iterator[Answer]:
        yield Answer("The first sentence.")
        raise RuntimeError("a bug in a composer")


def test_a_failure_midway_ends_the_stream_with_an_openai_error(
    fake_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    from starlette.testclient import TestClient

    from ui.openai_api import standalone_app

    app = standalone_app(fake_settings, _BrokenMidway(fake_settings))
    body = {"model": "careerbot", "messages": ask(), "stream": True}
    with TestClient(app, base_url="http://127.0.0.1") as http:
        reply = http.post("/v1/chat/completions", json=body)
        api = openai.OpenAI(base_url="http://127.0.0.1/v1", api_key="x", http_client=http)
        with pytest.raises(openai.APIError) as caught:
            list(api.chat.completions.create(model="careerbot", messages=ask(), stream=True))
    assert reply.status_code == 200
    events = [e.removeprefix("data: ") for e in reply.text.split("\n\n") if e]
    assert json.loads(events[1])["choices"][0]["delta"]["content"] == "The first sentence."
    error = json.loads(events[-1])["error"]
    assert error["type"] == "server_error" and "the error was logged" in error["message"]
    assert "Traceback" not in reply.text and "a bug in a composer" not in reply.text
    assert "the error was logged" in caught.value.message
    assert "a bug in a composer" in caplog.text  # the traceback went to the log


def test_invalid_unicode_is_one_clear_400(api_url: str, chatbot: Chatbot) -> None:
    # JSON may carry a lone surrogate ("\udcff"): valid JSON, not valid text.
    headers = {"Authorization": f"Bearer {KEYS[0]}", "Content-Type": "application/json"}
    body = b'{"model": "careerbot", "messages": [{"role": "user", "content": "data \\udcff role"}]}'
    reply = httpx.post(f"{api_url}/chat/completions", content=body, headers=headers)
    assert reply.status_code == 400 and "Traceback" not in reply.text
    assert "not valid text" in reply.json()["error"]["message"]
    # The /ask endpoint (and the MCP ask tool, the same function): the one line as its error.
    from ui.app import api_ask

    answered = api_ask(chatbot, "What does a data \udcff engineer do?")
    assert "not valid text" in answered["error"] and answered["answer"] == ""


# --- Answer workers: how many at once, and a client that leaves ---


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` on a real uvicorn server in a thread; its ``/v1`` URL. No log config, so
    uvicorn's own error log reaches ``caplog``."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class _Slow(Chatbot):
    """Answers after a pause, counting how many answers run at once."""

    PAUSE = 1.0

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0

    def ask(self, question: str, history: Any = None) -> Answer:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(self.PAUSE)
        with self.lock:
            self.running -= 1
        return Answer(f"An answer to {question}")


def test_answers_run_a_few_at_a_time_and_never_block_the_server(
    fake_settings: Settings,
) -> None:
    from ui.openai_api import standalone_app

    bot = _Slow(fake_settings)
    asked = 2 * API_CONCURRENCY + 1
    with serving(standalone_app(fake_settings, bot)) as url, httpx.Client(timeout=60) as http:
        body = {"model": "careerbot", "messages": ask()}
        with ThreadPoolExecutor(asked) as clients:
            replies = [clients.submit(http.post, f"{url}/chat/completions", json=body)]
            replies += [
                clients.submit(http.post, f"{url}/chat/completions", json=body)
                for _ in range(asked - 1)
            ]
            time.sleep(bot.PAUSE / 2)  # every worker is answering, the rest wait their turn
            started = time.perf_counter()
            listed = http.get(f"{url}/models")
            waited = time.perf_counter() - started
            statuses = [r.result().status_code for r in replies]
    assert statuses == [200] * asked
    assert bot.most == API_CONCURRENCY
    # The event loop is free while the workers answer: a request that needs no answer
    # is not queued behind them.
    assert listed.status_code == 200 and waited < bot.PAUSE / 2


class _Unfinished(Chatbot):
    """A stream whose second piece takes until the test releases it."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.inside = threading.Event()
        self.release = threading.Event()
        self.closed = threading.Event()
        self.finished = False

    def stream(self, question: str, history: Any = None) -> Iterator[Answer]:
        try:
            yield Answer("The first sentence.")
            self.inside.set()
            self.release.wait(30)
            yield Answer("The first sentence. The second.")
            yield Answer("The first sentence. The second. The third.")
            self.finished = True
        finally:
            self.closed.set()


def test_a_client_that_leaves_midway_stops_the_bots_stream(
    fake_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    from ui.openai_api import standalone_app

    bot = _Unfinished(fake_settings)
    body = {"model": "careerbot", "messages": ask(), "stream": True}
    with serving(standalone_app(fake_settings, bot)) as url:
        with httpx.stream("POST", f"{url}/chat/completions", json=body, timeout=30) as reply:
            # Held in a name so that leaving the loop leaves the connection open: a generator
            # left to the garbage collector closes httpcore's stream, and so the connection,
            # at once, and the server then rightly drops the second step before a worker
            # takes it (the test failed that way under load, about one run in ten).
            lines = reply.iter_lines()
            for line in lines:
                if "The first sentence." in line:
                    break
            if not bot.inside.wait(30):  # a worker is inside the bot's stream
                faulthandler.dump_traceback(file=sys.stderr)  # where every thread waits
                pytest.fail("no worker took the stream's second step within 30 s")
        time.sleep(0.5)  # the server has seen the client go while the worker still runs
        bot.release.set()
        assert bot.closed.wait(10)
        assert not bot.finished  # closed after the piece it was making, not run to its end
        # The worker is free again, and nothing went wrong on the server.
        assert httpx.get(f"{url}/models").status_code == 200
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


def test_no_index_yet_is_a_503_in_openais_format(fake_settings: Settings) -> None:
    from starlette.testclient import TestClient

    from ui.openai_api import standalone_app

    app = standalone_app(fake_settings, Chatbot(fake_settings))  # nothing ingested
    with TestClient(app, base_url="http://127.0.0.1") as http:
        api = openai.OpenAI(base_url="http://127.0.0.1/v1", api_key="x", http_client=http)
        api = api.with_options(max_retries=0)
        with pytest.raises(openai.InternalServerError) as caught:
            api.chat.completions.create(model="careerbot", messages=ask())
        streamed = http.post("/v1/chat/completions", json={**json.loads(body()), "stream": True})
    assert caught.value.status_code == 503
    error = caught.value.body
    assert isinstance(error, dict) and error["type"] == "server_error"
    assert "ingest" in error["message"] and "Traceback" not in error["message"]
    # A stream is refused before it starts: a status, not a stream that fails.
    assert streamed.status_code == 503 and streamed.json()["error"] == error


# --- Token counts and JSON ---


def test_token_counts_are_words_and_marks() -> None:
    """The C string count agrees with the regex it replaced on every guide, and reads
    dashes and curly quotes as marks, other letters as letters."""
    regex = re.compile(r"\w+|[^\w\s]")
    guides = sorted(Path(__file__).resolve().parents[1].joinpath("corpus").glob("*.md"))
    assert guides
    for guide in guides:
        text = guide.read_text(encoding="utf-8")
        for start in range(0, len(text), 500):
            part = text[start : start + 500]
            assert count_tokens(part) == len(regex.findall(part)), (guide.name, part)
    for text, tokens in [
        ("", 0),
        ("Data engineers [1].", 6),
        ("  spaced\n\tout  ", 2),
        ("snake_case and 3.5%", 6),
        ("don’t — “café” naïve", 8),
        ("数据 工程师", 2),
    ]:
        assert count_tokens(text) == tokens == len(regex.findall(text)), text


def test_json_bytes_reads_back_even_with_a_lone_surrogate() -> None:
    body = {"text": "café [1]", "score": 0.5}
    assert json_bytes(body) == b'{"text":"caf\xc3\xa9 [1]","score":0.5}'
    broken = {"text": "history with \udcff"}  # orjson has no UTF-8 for it; json escapes it
    assert json.loads(json_bytes(broken)) == broken
