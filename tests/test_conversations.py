"""Saved conversations in a real SQLite database in a tmp dir."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import NEW_TITLE, ConversationStore, title_from


@pytest.fixture
def store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(f"sqlite:///{tmp_path / 'app.sqlite'}")


def q(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def test_titled_from_the_first_question_and_listed_newest_first(store: ConversationStore) -> None:
    first = store.create("user:alice")
    assert first.title == NEW_TITLE
    store.save("user:alice", first.id, [q("What does a data engineer do?")])
    time.sleep(0.01)  # distinct update times, so the order is by recency, not by id
    second = store.create("user:alice", [q("Which role fits me?")])
    listed = store.recent("user:alice")
    assert [s.title for s in listed] == ["Which role fits me?", "What does a data engineer do?"]
    time.sleep(0.01)
    store.save("user:alice", first.id, [q("What does a data engineer do?"), q("And pay?")])
    assert [s.id for s in store.recent("user:alice")] == [first.id, second.id]


def test_survives_a_new_store_on_the_same_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    chat = ConversationStore(url).create("browser:x", [q("hello there")])
    answer = {"role": "assistant", "content": "hi [1]", "answer": {"sources": [{"role": "r"}]}}
    ConversationStore(url).save("browser:x", chat.id, [q("hello there"), answer])
    again = ConversationStore(url).get("browser:x", chat.id)
    assert again is not None and again.messages[1] == answer


def test_owners_cannot_see_or_touch_each_others_chats(store: ConversationStore) -> None:
    chat = store.create("user:alice", [q("alice's secret question")])
    assert store.recent("user:bob") == []
    assert store.get("user:bob", chat.id) is None
    assert not store.save("user:bob", chat.id, [q("overwritten")])
    assert not store.rename("user:bob", chat.id, "mine now")
    assert not store.delete("user:bob", chat.id)
    kept = store.get("user:alice", chat.id)
    assert kept is not None and kept.title == "alice's secret question"
    assert store.get(None, chat.id) is not None  # the command line on the server sees all


def test_rename_sticks_and_search_matches_titles(store: ConversationStore) -> None:
    chat = store.create("o", [q("What does a data engineer do?")])
    store.create("o", [q("Salary of a data scientist")])
    store.create("o", [q("100% remote roles_only")])
    assert store.rename("o", chat.id, "  Engineering   notes ")
    store.save("o", chat.id, [q("What does a data engineer do?"), q("more")])
    assert store.get("o", chat.id).title == "Engineering notes"  # type: ignore[union-attr]
    assert [s.title for s in store.recent("o", "DATA")] == ["Salary of a data scientist"]
    assert [s.title for s in store.recent("o", "engineering")] == ["Engineering notes"]
    # LIKE wildcards in a search are plain characters
    assert [s.title for s in store.recent("o", "100%")] == ["100% remote roles_only"]
    assert store.recent("o", "_") == [s for s in store.recent("o") if "_" in s.title]
    with pytest.raises(ValueError, match="empty"):
        store.rename("o", chat.id, "   ")


def test_delete(store: ConversationStore) -> None:
    chat = store.create("o", [q("x")])
    assert store.delete("o", chat.id)
    assert store.get("o", chat.id) is None and store.recent("o") == []
    assert not store.delete("o", chat.id)


def test_long_first_question_gives_a_short_title() -> None:
    title = title_from([q("word " * 40)])
    assert len(title) <= 60 and title.endswith("…")
    assert title_from([{"role": "assistant", "content": "x"}]) == NEW_TITLE


def test_nothing_is_saved_without_an_owner_and_chats_move_between_owners(
    fake_settings: Settings,
) -> None:
    from bot.core.errors import BadInputError

    store = ConversationStore(fake_settings.sql_url)
    with pytest.raises(BadInputError):
        store.create("", [{"role": "user", "content": "hi"}])
    chat = store.create("browser:old", [{"role": "user", "content": "hi"}])
    with pytest.raises(BadInputError):
        store.save(" ", chat.id, [])
    assert store.reassign("browser:old", "browser:new") == 1
    assert store.get("browser:old", chat.id) is None
    assert store.get("browser:new", chat.id) is not None
