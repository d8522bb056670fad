"""Attack 3 of issue 25: exports were written after every reply into Gradio's shared,
world-readable cache, outlived the chat and were served to anyone signed in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.storage.conversations import ConversationStore
from tests.security.conftest import SECRET, Two
from tests.security.gradio_http import GradioHttp


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


@pytest.mark.slow
def test_a_download_is_built_on_request_for_its_owner_only(two: Two) -> None:
    cache = Path(os.environ.get("GRADIO_TEMP_DIR", "/tmp/gradio"))
    before = files_under(cache)
    link = f"export/{two.alice_chat}"
    mine = two.alice.client.get(link)
    assert mine.status_code == 200 and SECRET in mine.text
    assert "careerbot-what-does-a-data-steward-do" in mine.headers["content-disposition"]
    assert mine.headers["cache-control"] == "no-store"
    # Bob, signed in, with the exact link: nothing; nor anyone not signed in.
    stolen = two.bob.client.get(link)
    assert stolen.status_code == 404 and SECRET not in stolen.text
    import httpx

    assert SECRET not in httpx.get(two.url + link).text
    # Nothing of the chat was written to the shared cache (or anywhere Gradio serves).
    written = files_under(cache) - before
    assert not [p for p in written if "careerbot" in p.name or SECRET in p.read_text("latin-1")]
    # Alice deletes the chat in the app (its Delete event, over HTTP, on her page): the link
    # then answers nothing to anyone, and nothing of it is left in the cache.
    events = two.alice.events()
    (start,) = [e for e in events if e.event == "load" and e.inputs[:1]]
    (delete,) = [e for e in events if e.elem_id == "confirm-yes"]
    page = GradioHttp.new_session()
    assert two.alice.call(start, [None, None], page).status == 200  # opens her latest chat
    assert two.alice.call(delete, [None, None, ""], page).status == 200
    assert ConversationStore(two.settings.sql_url).get("user:alice", two.alice_chat) is None
    for who in (two.alice, two.bob):
        gone = who.client.get(link)
        assert gone.status_code == 404 and SECRET not in gone.text
    assert not [p for p in files_under(cache) if SECRET in p.read_text("latin-1")]


@pytest.mark.slow
def test_deleting_a_chat_keeps_its_ratings_as_security_md_says(two: Two) -> None:
    """SECURITY.md: deleting a chat removes the chat (and its download) but keeps the
    ratings given in it, the evaluation data set. Alice rates an answer through the app's
    thumb event and deletes the chat; Bob's rating of his own chat is untouched by either."""
    from bot.storage.feedback import Feedback, FeedbackStore

    chats, ratings = ConversationStore(two.settings.sql_url), FeedbackStore(two.settings.sql_url)
    answer = {"answer": f"Stewards keep the glossary. {SECRET}", "sources": []}
    rated = chats.create(
        "user:alice",
        [
            {"role": "user", "content": f"Who owns the glossary? {SECRET}"},
            {"role": "assistant", "content": answer["answer"], "answer": answer},
        ],
    )
    bobs = ratings.record(
        Feedback("user:bob", "bob-chat", 1, "up", "Bob's question", {"answer": "Bob's answer"})
    )
    events = two.alice.events()
    (start,) = [e for e in events if e.event == "load" and e.inputs[:1]]
    (like,) = [e for e in events if e.event == "like"]
    (delete,) = [e for e in events if e.elem_id == "confirm-yes"]
    page = GradioHttp.new_session()
    assert two.alice.call(start, [None, None], page).status == 200  # opens the newest chat
    thumb = {"index": 1, "value": answer["answer"], "liked": True}
    assert two.alice.call(like, [None, None], page, event_data=thumb).status == 200
    (kept,) = [f for f in ratings.items() if f.owner == "user:alice"]
    assert kept.conversation_id == rated.id and SECRET in kept.question
    assert two.alice.call(delete, [None, None, ""], page).status == 200
    assert chats.get("user:alice", rated.id) is None
    assert two.alice.client.get(f"export/{rated.id}").status_code == 404
    assert two.bob.client.get(f"export/{rated.id}").status_code == 404
    # The rating stays, as documented, and Bob's is as it was.
    after = {f.id: f for f in ratings.items()}
    assert kept.id in after and after[kept.id].conversation_id == rated.id
    assert bobs in after and after[bobs].owner == "user:bob"
