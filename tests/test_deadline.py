"""bot.compose.deadline on its own: bounded calls over plain Python callables and iterators."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from bot.compose.deadline import (
    Deadline,
    DeadlineExceededError,
    ReplyTooLargeError,
    bounded_invoke,
    bounded_stream,
    reason,
)


def test_invoke_returns_the_result_or_raises_its_error() -> None:
    assert bounded_invoke(lambda: 42, Deadline(5, max_bytes=10)) == 42

    def fail() -> int:
        raise KeyError("boom")

    with pytest.raises(KeyError):
        bounded_invoke(fail, Deadline(5, max_bytes=10))


def test_invoke_gives_up_on_a_call_that_never_returns() -> None:
    release = threading.Event()
    try:
        with pytest.raises(DeadlineExceededError, match=r"within 0\.2 s"):
            bounded_invoke(lambda: release.wait(30), Deadline(0.2, max_bytes=10))
    finally:
        release.set()


def test_stream_without_a_first_token_fails_on_the_first_token_deadline() -> None:
    release = threading.Event()
    deadline = Deadline(10, max_bytes=100)

    def empty_then_silent() -> Iterator[str]:
        deadline.check(20)  # bytes arrived (as the HTTP client reports them)...
        yield ""  # ...but only a role chunk: not a token
        release.wait(30)
        yield "late"

    got: list[str] = []
    try:
        with pytest.raises(DeadlineExceededError) as caught:
            for item in bounded_stream(empty_then_silent, deadline, first_token=0.2, is_token=bool):
                got.append(item)
    finally:
        release.set()
    assert got == [""] and caught.value.what == "no first token"
    assert deadline.cancelled.is_set()  # the worker is told to stop reading


def test_stream_that_keeps_going_fails_on_the_total_deadline() -> None:
    stop = threading.Event()

    def endless() -> Iterator[str]:
        while not stop.wait(0.01):
            yield "token "

    try:
        with pytest.raises(DeadlineExceededError) as caught:
            for _ in bounded_stream(endless, Deadline(0.3, max_bytes=10), first_token=0.2):
                pass
    finally:
        stop.set()
    assert caught.value.what == "no complete answer"


def test_the_http_side_check_enforces_size_and_cancellation() -> None:
    deadline = Deadline(30, max_bytes=100)
    deadline.check(60)
    with pytest.raises(ReplyTooLargeError):
        deadline.check(60)
    cancelled = Deadline(30, max_bytes=100)
    cancelled.cancelled.set()
    with pytest.raises(DeadlineExceededError):
        cancelled.check(1)


def test_reason_sees_through_wrapping() -> None:
    try:
        try:
            raise ReplyTooLargeError(500, "characters")
        except ReplyTooLargeError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert reason(outer) == "sent a reply larger than 500 characters; it was cut off"
    assert reason(ValueError("other")) is None
