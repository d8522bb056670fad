"""Gradio's own per-session routes used with another person's session hash (issue 25,
attack 1, the routes that are not the app's events): while Alice's answer streams, Bob,
signed in as himself, reads her queue stream, cancels her answer, opens and drops her
heartbeat (which closes a session and ends its events), asks for a deep link to her
session and calls a component function in it. Nothing of hers comes back to him and her
answer arrives whole and is saved."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.openai_stub import Reply, Stub, serve
from tests.security.gradio_http import Event, GradioHttp
from tests.security.gradio_http import Reply as Sent
from tests.ui_server import signed_in_app

API = "gradio_api"
ANSWER = "Stewards keep the catalogue current and answer for data quality [1]. " * 3


@dataclass
class Streaming:
    url: str
    settings: Settings
    alice: GradioHttp
    bob: GradioHttp
    stub: Stub


@pytest.fixture
def streaming(fake_settings: Settings) -> Iterator[Streaming]:
    with serve() as stub, signed_in_app(fake_settings, llm_base_url=stub.base_url) as app:
        yield Streaming(app.url, app.settings, app.http("alice"), app.http("bob"), stub)


def chain(events: list[Event]) -> tuple[Event, Event]:
    """The page load and the question box's submit (one event: it shows the question and
    streams the reply)."""
    (start,) = [e for e in events if e.event == "load" and e.inputs[:1]]
    (ask,) = [e for e in events if e.event == "submit" and e.elem_id == "question"]
    return start, ask


def bob_attacks(bob: httpx.Client, victim: str, reply: Event) -> list[str]:
    """Every per-session route of Gradio, as Bob, with Alice's session hash; what he got."""
    seen: list[str] = []
    # 1. Her queue stream: Gradio hands each message to whichever reader takes it first.
    with bob.stream("GET", f"{API}/queue/data", params={"session_hash": victim}) as stream:
        seen.append(f"queue/data {stream.status_code}")
        try:
            for line in stream.iter_lines():
                seen.append(line)
                if len(seen) > 5:
                    break
        except httpx.ReadTimeout:
            pass
    # 2. Cancel her answer (Gradio needs only her hash and the event's index).
    cancel = {"session_hash": victim, "fn_index": reply.fn_index, "event_id": "x"}
    answer = bob.post(f"{API}/cancel", json=cancel)
    seen.append(f"cancel {answer.status_code} {answer.text}")
    # 3. Her heartbeat, opened and dropped: Gradio then closes the session.
    try:
        with bob.stream("GET", f"{API}/heartbeat/{victim}", timeout=2) as stream:
            seen.append(f"heartbeat {stream.status_code}")
            for line in stream.iter_lines():
                seen.append(line)
                break
    except httpx.ReadTimeout:
        pass
    # 4. A deep link to her session's components, and the page it opens.
    link = bob.get(f"{API}/deep_link", params={"session_hash": victim})
    seen.append(f"deep_link {link.status_code} {link.text}")
    if link.status_code == 200 and link.text.strip('"'):
        seen.append(bob.get("config", params={"deep_link": link.text.strip('"')}).text)
    # 5. A component function run in her session.
    server = {"session_hash": victim, "component_id": 25, "fn_name": "x", "data": None}
    seen.append(bob.post(f"{API}/component_server", json=server).text)

    return seen


def test_gradio_routes_under_another_users_session_hash(streaming: Streaming) -> None:
    s = streaming
    start, ask = chain(s.alice.events())
    victim = GradioHttp.new_session()
    assert s.alice.call(start, [None, None], victim).status == 200
    question = "What does a data steward do all day?"
    # A slow answer: 12 pieces, 0.5 s apart, so Bob acts while it streams.
    s.stub.script(Reply(ANSWER, chunks=12, pace=0.5))
    got: list[Sent] = []
    asked = [None, question, None, False, "", 0]
    alice_reply = threading.Thread(target=lambda: got.append(s.alice.call(ask, asked, victim)))
    alice_reply.start()
    time.sleep(1.5)  # the answer is under way

    seen = bob_attacks(s.bob.client, victim, ask)

    alice_reply.join(timeout=60)
    bobs = "\n".join(seen)
    for route in ("queue/data", "cancel", "heartbeat", "deep_link"):
        assert f"{route} 404" in bobs, bobs  # refused outright
    assert "Stewards keep the catalogue" not in bobs and question not in bobs, bobs
    assert "data: ALIVE" not in bobs  # her heartbeat was never his to hold
    # Her answer came whole, on her stream, and is saved in her chat.
    (hers,) = got
    assert hers.text.count("process_completed") == 1 and "Stewards keep" in hers.text
    chats = ConversationStore(s.settings.sql_url)
    (mine,) = chats.recent("user:alice")
    saved = chats.get("user:alice", mine.id)
    assert saved is not None and saved.messages[-1]["role"] == "assistant"
    assert "Stewards keep the catalogue" in str(saved.messages[-1]["content"])
    assert "stopped" not in str(saved.messages[-1]["content"])
    # Her session still works after all of it.
    again = s.alice.call(start, [None, None], victim)
    assert question in again.text
