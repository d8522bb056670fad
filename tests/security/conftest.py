"""Two signed-in users on a real ``careerbot ui`` server; Alice has one saved chat."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from tests.security.gradio_http import GradioHttp
from tests.ui_server import signed_in_app

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
