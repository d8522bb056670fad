"""Attack 3 of issue 25: exports were written after every reply into Gradio's shared,
world-readable cache, outlived the chat and were served to anyone signed in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.storage.conversations import ConversationStore
from tests.security.conftest import SECRET, Two


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
    # Deleted: the link answers nothing to its owner too.
    ConversationStore(two.settings.sql_url).delete("user:alice", two.alice_chat)
    assert two.alice.client.get(link).status_code == 404
