"""ui.held: chats kept while the database is down, bounded, the newest copy winning."""

from __future__ import annotations

from ui.held import HeldChats, database_reason


def chat(n: int) -> list[dict[str, object]]:
    return [{"role": "user", "content": f"question {n}"}]


def test_a_held_chat_wins_over_the_last_copy_read_until_it_is_saved() -> None:
    held = HeldChats()
    held.seen(("user:a", "c1"), chat(1))
    assert held.hold(("user:a", "c1"), chat(2))
    held.seen(("user:a", "c1"), chat(1))  # a stale read does not replace what waits
    assert held.copy(("user:a", "c1")) == chat(2)
    assert held.waiting("user:a") == [("user:a", "c1")] and held.waiting("user:b") == []
    held.saved(("user:a", "c1"), "c1", chat(2))
    assert held.waiting("user:a") == [] and held.copy(("user:a", "c1")) == chat(2)


def test_a_held_new_chat_moves_to_the_id_it_was_saved_as() -> None:
    held = HeldChats()
    assert held.hold(("user:a", ""), chat(1))
    held.saved(("user:a", ""), "new-id", chat(1))
    assert held.copy(("user:a", "")) is None and held.copy(("user:a", "new-id")) == chat(1)


def test_bounded_waiting_chats_are_never_evicted_and_past_the_limit_none_is_held() -> None:
    held = HeldChats(limit=3)
    assert all(held.hold(("user:a", f"c{n}"), chat(n)) for n in range(3))
    for n in range(10):
        held.seen(("user:b", f"d{n}"), chat(n))  # read copies come and go
    assert not held.hold(("user:a", "c9"), chat(9))  # the owner is told it was not saved
    assert [held.copy(("user:a", f"c{n}")) for n in range(3)] == [chat(n) for n in range(3)]


def test_the_reason_is_the_drivers_first_line() -> None:
    from sqlalchemy.exc import OperationalError

    exc = OperationalError("SELECT 1", {}, Exception("refused\nIs the server running?"))
    assert database_reason(exc) == "Cannot reach the database (refused)"


def test_the_latest_chat_of_an_owner_is_the_one_touched_last_and_only_theirs() -> None:
    held = HeldChats()
    assert held.latest("user:a") is None
    held.seen(("user:a", "c1"), chat(1))
    assert held.hold(("user:a", ""), chat(2))
    held.seen(("user:b", "c9"), chat(9))
    assert held.latest("user:a") == (("user:a", ""), chat(2))
    held.seen(("user:a", "c1"), chat(3))
    assert held.latest("user:a") == (("user:a", "c1"), chat(3))
    assert held.latest("user:b") == (("user:b", "c9"), chat(9))
