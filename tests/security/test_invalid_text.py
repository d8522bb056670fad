"""Attack 6 of issue 25, in the web chat: a question carrying invalid Unicode (a lone
surrogate, what a browser sends for a broken paste or a half emoji) got a bare "Error"
toast, and the question was not saved.

A real browser types it (the textarea's value set from JavaScript: a lone surrogate cannot
cross Playwright's UTF-8 wire from Python, but the page sends it to the server as a JSON
``\\ud800`` escape, as it would for a person). The question is kept, shown and answered with
the broken character replaced, the page says so once in words, and it is saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import ingest
from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.security.conftest import opened
from tests.ui_server import running_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

QUESTION = "What does a data engineer do? {broken} Thanks!"
TYPE_BROKEN = """(template) => {
    const box = document.querySelector('#question textarea');
    box.value = template.replace('{broken}', String.fromCharCode(0xD800));
    box.dispatchEvent(new Event('input', {bubbles: true}));
}"""


@pytest.fixture
def app(fake_settings: Settings) -> Iterator[str]:
    ingest.run(fake_settings)
    with running_app(fake_settings) as url:
        yield url


def test_a_lone_surrogate_in_the_web_chat_is_kept_replaced_and_told_once(
    app: str, fake_settings: Settings, chromium: Any
) -> None:
    from tests.test_browser import (
        last_reply,
        replies_done,
        wait_for_reply,
    )

    page = opened(chromium, app)
    page.wait_for_function("() => document.querySelector('#replies')")
    done = replies_done(page)
    page.evaluate(TYPE_BROKEN, QUESTION)
    page.locator("#question textarea").press("Enter")
    page.locator("#chat [data-testid=user]").first.wait_for()
    wait_for_reply(page, done)
    shown = page.locator("#chat [data-testid=user]").all_inner_texts()
    assert shown == [QUESTION.format(broken="\ufffd")], shown
    assert "data engineer" in last_reply(page).lower()
    page.get_by_text("a broken character").first.wait_for()
    told = page.get_by_text("a broken character").all_inner_texts()
    assert len(told) == 1, told
    assert "U+D800" in told[0], told
    assert page.get_by_text("Error", exact=True).count() == 0
    assert "Traceback" not in page.content()

    chats = ConversationStore(fake_settings.sql_url)
    ((owner, summary),) = chats.all()
    saved = chats.get(owner, summary.id)
    assert saved is not None
    asked = [m["content"] for m in saved.messages if m["role"] == "user"]
    assert asked == [QUESTION.format(broken="\ufffd")], asked
