"""The OpenAI-compatible endpoint's overhead over ``Chatbot.ask`` in the same process.

Every eval question is asked four ways, interleaved (each way first in turn) so all see
the same load: ``bot.ask``
directly, a plain completion over HTTP (``POST /v1/chat/completions`` on loopback, one kept-
alive httpx connection, as an SDK client holds it), the first piece of ``bot.stream``, and
the first content chunk of a streamed completion. Each way has a Chatbot of its own, so none
finds the question's vectors cached by another (the model and the guides' shelf are shared
by the process, as in a server). Targets (issue 23): completion p50 <= 1.2x ``ask`` p50,
first streamed token p50 <= 1.5x the first sentence of the in-process stream.

The app is the API's own FastAPI app (``careerbot serve-api``) with the same request guards
as the web app; under ``careerbot ui`` the /v1 routes sit in front of Gradio's unchanged.

    python -m bench.api
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from bench.common import Row, Target, eval_questions, indexed, ms, p50, record, timed

TARGET_COMPLETION = 1.2
TARGET_FIRST_TOKEN = 1.5
WARM_UP = ("What does a data analyst do?", "Which tools does an ML engineer use?")


def serve(settings: Any, bot: Any) -> tuple[str, Callable[[], None]]:
    """The API app over ``bot`` on a free loopback port; its base URL and a stop function."""
    import uvicorn

    from bench.coldstart import free_port
    from ui.openai_api import standalone_app

    port = free_port()
    config = uvicorn.Config(
        standalone_app(settings, bot), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=30)

    return f"http://127.0.0.1:{port}/v1", stop


def request(question: str, history: list[dict[str, str]], stream: bool) -> dict[str, Any]:
    messages = [*history, {"role": "user", "content": question}]
    return {"model": "careerbot", "messages": messages, "stream": stream}


def completion(http: Any, url: str, question: str, history: list[dict[str, str]]) -> float:
    start = time.perf_counter()
    reply = http.post(f"{url}/chat/completions", json=request(question, history, False))
    elapsed = time.perf_counter() - start
    reply.raise_for_status()
    if not reply.json()["choices"][0]["message"]["content"]:
        raise RuntimeError(f"empty completion for {question!r}")
    return elapsed


def first_token(http: Any, url: str, question: str, history: list[dict[str, str]]) -> float:
    """Seconds to the first chunk with text; the rest of the stream is read to its end."""
    start = time.perf_counter()
    first = None
    body = request(question, history, True)
    with http.stream("POST", f"{url}/chat/completions", json=body) as reply:
        reply.raise_for_status()
        for line in reply.iter_lines():
            if first is None and line.startswith("data: {"):
                choices = json.loads(line.removeprefix("data: "))["choices"]
                if choices and choices[0]["delta"].get("content"):
                    first = time.perf_counter() - start
    if first is None:
        raise RuntimeError(f"no text streamed for {question!r}")
    return first


def first_sentence(bot: Any, question: str, history: list[dict[str, str]]) -> float:
    start = time.perf_counter()
    answers = bot.stream(question, history)
    next(answers)
    elapsed = time.perf_counter() - start
    for _ in answers:  # finish the answer, as the endpoint does
        pass
    return elapsed


def measure(settings: Any, questions: list[tuple[str, list[dict[str, str]]]]) -> dict[str, Any]:
    import httpx

    from bot.chatbot import Chatbot

    direct, streamed, over_http, over_sse = (Chatbot(settings) for _ in range(4))
    plain_url, stop_plain = serve(settings, over_http)
    stream_url, stop_stream = serve(settings, over_sse)
    times: dict[str, list[float]] = {
        "ask": [],
        "http": [],
        "sentence": [],
        "token": [],
        "empty": [],
    }
    try:
        with httpx.Client(timeout=120) as http:
            for question in WARM_UP:  # model, store and connections open; not measured
                direct.ask(question)
                first_sentence(streamed, question, [])
                completion(http, plain_url, question, [])
                first_token(http, stream_url, question, [])
            ways: list[tuple[str, Callable[[str, list[dict[str, str]]], float]]] = [
                ("ask", lambda q, h: timed(lambda: direct.ask(q, h))[0]),
                ("http", lambda q, h: completion(http, plain_url, q, h)),
                ("sentence", lambda q, h: first_sentence(streamed, q, h)),
                ("token", lambda q, h: first_token(http, stream_url, q, h)),
                ("empty", lambda q, h: timed(lambda: http.get(f"{plain_url}/models"))[0]),
            ]
            for n, (question, history) in enumerate(questions):
                # Each way takes each place in the order in turn: what runs just before
                # (a stream finishing, a spinning inference pool) then weighs on all alike.
                for name, way in ways[n % len(ways) :] + ways[: n % len(ways)]:
                    times[name].append(way(question, history))
    finally:
        stop_plain()
        stop_stream()
    return times


def paired(over: list[float], under: list[float]) -> float:
    """The p50 of the per-question ratios: each question against itself."""
    return p50([o / u for o, u in zip(over, under, strict=True)])


def main() -> dict[str, Any]:
    # The per-key rate limit would stop a benchmark that asks as fast as it can.
    settings = indexed("bundled").model_copy(update={"api_rate_limit": "1000000/minute"})
    load_before = os.getloadavg()[0]
    times = measure(settings, eval_questions())
    ask, http, sentence, token = (p50(times[k]) for k in ("ask", "http", "sentence", "token"))
    completion_ratio = paired(times["http"], times["ask"])
    token_ratio = paired(times["token"], times["sentence"])
    extra = p50([h - a for h, a in zip(times["http"], times["ask"], strict=True)])
    record(
        Row(
            "OpenAI-compatible API overhead (offline, loopback)",
            {
                "questions": str(len(times["ask"])),
                "ask p50": ms(ask),
                "completion p50": ms(http),
                "completion overhead p50": ms(extra),
                "ratio of the p50s": f"{http / ask:.2f}x",
                "first sentence p50 (bot.stream)": ms(sentence),
                "first streamed token p50": ms(token),
                "first-token ratio of the p50s": f"{token / sentence:.2f}x",
                # A request that answers nothing: the HTTP round trip alone.
                "GET /v1/models p50": ms(p50(times["empty"])),
                "load average (1 min) before/after": (
                    f"{load_before:.1f}/{os.getloadavg()[0]:.1f}"
                ),
            },
            targets=[
                Target.at_most(
                    "API completion vs Chatbot.ask (p50 of per-question ratios)",
                    completion_ratio,
                    TARGET_COMPLETION,
                    f"{ms(http)} vs {ms(ask)} p50",
                ),
                Target.at_most(
                    "API first streamed token vs bot.stream first sentence (p50 of ratios)",
                    token_ratio,
                    TARGET_FIRST_TOKEN,
                    f"{ms(token)} vs {ms(sentence)} p50",
                ),
            ],
        )
    )
    return {"completion_ratio": completion_ratio, "token_ratio": token_ratio}


if __name__ == "__main__":
    main()
