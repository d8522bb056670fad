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
    assert ConversationStore(two.settings.database).get("user:alice", two.alice_chat) is None
    for who in (two.alice, two.bob):
        gone = who.client.get(link)
        assert gone.status_code == 404 and SECRET not in gone.text
    assert not [p for p in files_under(cache) if SECRET in p.read_text("latin-1")]
