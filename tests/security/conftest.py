"""Two signed-in users on a real ``careerbot ui`` server; Alice has one saved chat."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.security.gradio_http import GradioHttp
from tests.ui_server import PASSWORDS, signed_in_app

SECRET = "alice-secret-4f1c"


@dataclass
class Two:
    url: str
    settings: Settings
    alice: GradioHttp
    bob: GradioHttp
    alice_chat: str


@pytest.fixture
def two(fake_settings: Settings) -> Iterator[Two]:
    chats = ConversationStore(fake_settings.sql_url)
    mine = chats.create(
        "user:alice",
        [
            {"role": "user", "content": f"What does a data steward do? {SECRET}"},
            {"role": "assistant", "content": f"Stewards look after data. {SECRET}"},
        ],
    )
    with signed_in_app(fake_settings, ingested=False) as app:
        yield Two(app.url, app.settings, app.http("alice"), app.http("bob"), mine.id)


@pytest.fixture
def chromium() -> Iterator[Any]:
    """A headless Chromium for one test, closed afterwards whatever happens."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def opened(browser: Any, url: str, user: str | None = None, *, script: str = "") -> Any:
    """A page in a fresh browser profile, with the browser tests' timeout: at ``url``, or
    signed in there as ``user`` (Alice or Bob); ``script`` runs before any of the page's."""
    from tests.test_browser import TIMEOUT_MS, login, visit

    context = browser.new_context()
    if script:
        context.add_init_script(script)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    if user is not None:
        login(page, url, user, PASSWORDS[user])
    elif url:
        visit(page, url)
    return page
