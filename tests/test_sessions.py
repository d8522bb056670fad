"""ui/sessions.py: the session book's rules, and where Gradio requests name a session."""

from __future__ import annotations

import json

from ui.sessions import Admission, SessionBook, SessionLimits, event_ids, session_hashes


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def book(clock: Clock | None = None, **limits: object) -> tuple[SessionBook, list[str]]:
    dropped: list[str] = []
    chosen = SessionLimits(**limits)  # type: ignore[arg-type]
    return SessionBook(chosen, dropped.append, clock or Clock()), dropped


def test_a_session_belongs_to_whoever_used_it_first() -> None:
    sessions, _ = book()
    assert sessions.admit("h1", "user:alice") is Admission.OK
    assert sessions.admit("h1", "user:alice") is Admission.OK
    assert sessions.admit("h1", "user:bob") is Admission.FOREIGN
    assert sessions.owner_of("h1") == "user:alice"


def test_page_loads_are_throttled_per_person_not_for_everyone() -> None:
    sessions, _ = book(page_loads="3/minute")
    assert [sessions.admit(f"b{i}", "user:bob") for i in range(5)] == [
        Admission.OK,
        Admission.OK,
        Admission.OK,
        Admission.THROTTLED,
        Admission.THROTTLED,
    ]
    assert sessions.owner_of("b3") is None  # a refused page load holds nothing
    assert sessions.admit("a1", "user:alice") is Admission.OK
    assert sessions.admit("b0", "user:bob") is Admission.OK  # his open pages still work


def test_a_flood_drops_only_the_flooders_own_oldest_sessions() -> None:
    sessions, dropped = book(page_loads="1000/minute", per_owner=4, capacity=100)
    sessions.admit("alice", "user:alice")
    for i in range(50):
        sessions.admit(f"b{i}", "user:bob")
    assert sessions.owner_of("alice") == "user:alice"
    assert len(sessions) == 5
    assert dropped == [f"b{i}" for i in range(46)]


def test_the_capacity_bounds_everyone_together() -> None:
    sessions, dropped = book(page_loads="1000/minute", per_owner=2, capacity=3)
    for who in ("a", "b", "c", "d"):
        sessions.admit(who, f"user:{who}")
    assert len(sessions) == 3 and dropped == ["a"]


def test_an_idle_session_lives_for_the_time_to_live() -> None:
    clock = Clock()
    sessions, dropped = book(clock, ttl=60)
    sessions.admit("old", "user:alice")
    clock.now += 30
    sessions.admit("kept", "user:alice")
    clock.now += 40  # "old" idle 70 s, "kept" 40 s
    sessions.sweep()
    assert dropped == ["old"] and sessions.owner_of("kept") == "user:alice"
    # A hash that was dropped is free again: its owner's page gets a fresh session.
    assert sessions.admit("old", "user:alice") is Admission.OK


def test_session_hashes_wherever_gradio_reads_them() -> None:
    assert session_hashes("/gradio_api/heartbeat/abc", "", b"") == {"abc"}
    assert session_hashes("/gradio_api/queue/data", "session_hash=abc", b"") == {"abc"}
    assert session_hashes("/gradio_api/deep_link", "session_hash=abc", b"") == {"abc"}
    body = json.dumps({"data": [], "fn_index": 3, "session_hash": "abc"}).encode()
    assert session_hashes("/gradio_api/run/predict", "", body) == {"abc"}
    assert session_hashes("/gradio_api/queue/join", "", body) == {"abc"}
    assert session_hashes("/gradio_api/stream/abc/r1/5/playlist.m3u8", "", b"") == {"abc"}
    assert session_hashes("/gradio_api/stream/ev1", "", b"") == set()
    assert session_hashes("/gradio_api/info", "", b"not json") == set()


def test_event_ids_a_request_acts_on() -> None:
    cancel = json.dumps({"session_hash": "abc", "fn_index": 1, "event_id": "ev1"}).encode()
    assert event_ids("/gradio_api/cancel", cancel) == {"ev1"}
    assert event_ids("/gradio_api/call/ask/ev2", b"") == {"ev2"}
    assert event_ids("/gradio_api/call/v2/ask/ev3", b"") == {"ev3"}
    assert event_ids("/gradio_api/stream/ev4", b"") == {"ev4"}
    assert event_ids("/gradio_api/stream/ev4/close", b"") == {"ev4"}
    assert event_ids("/gradio_api/queue/data", b"") == set()


def test_an_upload_is_readable_by_anyone_but_another_uploader_and_its_id_is_held() -> None:
    from ui.sessions import UploadBook, file_route_target

    book = UploadBook(limit=2)
    book.uploaded(["/tmp/gradio/abc/draft.md"], "user:alice")
    assert book.may_read("/tmp/gradio/abc/draft.md", "user:alice")
    assert not book.may_read("/tmp/gradio/abc/draft.md", "user:bob")
    # Another spelling of the same file is the same file.
    assert not book.may_read("/tmp/gradio/x/../abc//draft.md", "user:bob")
    assert book.may_read("/tmp/gradio/other/file.css", "user:bob")  # not an upload
    assert book.claim_id("u1", "user:alice") and book.claim_id("u1", "user:alice")
    assert not book.claim_id("u1", "user:bob")
    book.claim_id("u2", "user:bob")
    book.claim_id("u3", "user:bob")  # past the limit the oldest id goes
    assert book.claim_id("u1", "user:bob")
    assert file_route_target("/gradio_api/file=/tmp/a.md") == "/tmp/a.md"
    assert file_route_target("/gradio_api/file/tmp/a.md") == "tmp/a.md"
    assert file_route_target("/gradio_api/upload") is None
