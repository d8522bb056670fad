"""ui.downloads: a chat as Markdown, served by the app's own route to its owner only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.storage.conversations import ConversationStore
from ui.downloads import add_download_route, download_link
from ui.identity import Identities, sign

SECRET = "test-secret"
COOKIE = "careerbot-browser-7860"
QUESTION = {"role": "user", "content": "What does a data engineer do?"}
REPLY = {
    "role": "assistant",
    "content": "Builds pipelines [1].",
    # As ui.chat_view saves it: the answer's JSON form next to the text.
    "answer": {
        "sources": [
            {
                "role": "data-engineer",
                "title": "Data Engineer",
                "section": "Role",
                "source": "data-engineer.md",
                "score": 0.8,
            }
        ]
    },
}


def _client(tmp_path: Path, user: str | None = None) -> tuple[TestClient, ConversationStore]:
    store = ConversationStore(f"sqlite:///{tmp_path / 'app.sqlite'}")
    app = FastAPI()

    def signed_in(request: Any) -> str | None:
        return user

    add_download_route(app, store, Identities(SECRET, COOKIE), signed_in)
    return TestClient(app), store


def test_the_owner_downloads_the_chat_as_markdown(tmp_path: Path) -> None:
    client, store = _client(tmp_path)
    chat = store.create("browser:b1", [QUESTION, REPLY])
    client.cookies.set(COOKIE, sign(SECRET, "b1"))
    response = client.get(f"/export/{chat.id}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["cache-control"] == "no-store"
    assert "What does a data engineer do?" in response.text
    assert "Builds pipelines [1]." in response.text and "data-engineer.md" in response.text


def test_another_browser_a_forged_cookie_or_no_cookie_gets_404(tmp_path: Path) -> None:
    client, store = _client(tmp_path)
    chat = store.create("browser:b1", [QUESTION, REPLY])
    for cookie in (sign(SECRET, "b2"), "b1.forged", None):
        client.cookies.clear()
        if cookie:
            client.cookies.set(COOKIE, cookie)
        assert client.get(f"/export/{chat.id}").status_code == 404


def test_a_signed_in_user_gets_their_own_chats_only(tmp_path: Path) -> None:
    client, store = _client(tmp_path, user="alice")
    mine = store.create("user:alice", [QUESTION, REPLY])
    theirs = store.create("user:bob", [QUESTION, REPLY])
    assert client.get(f"/export/{mine.id}").status_code == 200
    assert client.get(f"/export/{theirs.id}").status_code == 404
    assert client.get("/export/no-such-chat").status_code == 404


def test_an_empty_chat_has_nothing_to_download(tmp_path: Path) -> None:
    client, store = _client(tmp_path, user="alice")
    empty = store.create("user:alice")
    assert client.get(f"/export/{empty.id}").status_code == 404


def test_the_link_is_relative_escaped_and_disabled_without_a_chat() -> None:
    assert 'aria-disabled="true"' in download_link(None) and "href" not in download_link("")
    link = download_link('a"b/c')
    assert 'href="export/a%22b%2Fc"' in link and link.startswith("<a ")
