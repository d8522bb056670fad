"""careerbot's core: settings, embeddings, store, retrieval, answering, conversation.

Names are imported lazily so that ``import bot`` (and ``careerbot --help``) stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.chatbot import Chatbot
    from bot.core.answer import Answer, Source
    from bot.core.settings import Settings

__all__ = ["Answer", "Chatbot", "Settings", "Source"]

_WHERE = {
    "Answer": "bot.core.answer",
    "Source": "bot.core.answer",
    "Chatbot": "bot.chatbot",
    "Settings": "bot.core.settings",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")
