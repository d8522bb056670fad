"""Calling a running Gradio app's events over HTTP the way its page does (``/config``,
``run/predict`` for unqueued events, ``queue/join`` + ``queue/data`` for queued ones), with
any session hash: what an outsider who read a session hash in a log can send."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx

API = "gradio_api"


@dataclass
class Event:
    """One backend event the app declares."""

    fn_index: int
    trigger: int | None
    queued: bool
    inputs: list[dict[str, Any]]
    event: str
    elem_id: str
    after: int | None = None  # the event this one follows (``.then``/``.success``)


@dataclass
class Reply:
    status: int
    text: str  # everything the server sent back for this call


@dataclass
class GradioHttp:
    """A signed-in (or anonymous) visitor of the app at ``url``."""

    url: str
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.url, timeout=60)

    def login(self, user: str, password: str) -> None:
        answer = self.client.post("login", data={"username": user, "password": password})
        assert answer.status_code == 200, answer.text

    def config(self) -> dict[str, Any]:
        answer = self.client.get("config")
        answer.raise_for_status()
        return dict(answer.json())

    def events(self) -> list[Event]:
        """Every dependency with a Python function behind it, as ``/config`` lists them."""
        config = self.config()
        components = {c["id"]: c for c in config["components"]}
        found = []
        for dep in config["dependencies"]:
            if not dep.get("backend_fn"):
                continue
            target, event = (dep["targets"] or [[None, "api"]])[0]
            props = components.get(target, {}).get("props", {}) if target is not None else {}
            found.append(
                Event(
                    fn_index=dep["id"],
                    trigger=target,
                    queued=bool(dep.get("queue")),
                    inputs=[components[i] for i in dep["inputs"]],
                    event=event,
                    elem_id=str(props.get("elem_id") or ""),
                    after=dep.get("trigger_after"),
                )
            )
        return found

    @staticmethod
    def new_session() -> str:
        return secrets.token_hex(6)

    def call(
        self,
        event: Event,
        data: list[Any],
        session_hash: str,
        event_data: Any = None,
    ) -> Reply:
        body = {
            "data": data,
            "fn_index": event.fn_index,
            "session_hash": session_hash,
            "event_data": event_data,
            "trigger_id": event.trigger,
        }
        if not event.queued:
            answer = self.client.post(f"{API}/run/predict", json=body)
            return Reply(answer.status_code, answer.text)
        joined = self.client.post(f"{API}/queue/join", json=body)
        if joined.status_code != 200:
            return Reply(joined.status_code, joined.text)
        event_id = joined.json()["event_id"]
        seen: list[str] = []
        with self.client.stream(
            "GET", f"{API}/queue/data", params={"session_hash": session_hash}
        ) as stream:
            if stream.status_code != 200:
                return Reply(stream.status_code, stream.read().decode())
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                seen.append(line)
                message = json.loads(line[5:])
                if message.get("event_id") == event_id and message.get("msg") in (
                    "process_completed",
                    "unexpected_error",
                ):
                    break
        return Reply(200, "\n".join(seen))
