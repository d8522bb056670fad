"""careerbot's core: settings, embeddings, store, retrieval, answering, conversation.

Names are imported lazily so that ``import bot`` (and ``careerbot --help``) stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.chatbot import Chatbot
    from bot.core.results import Answer, Source
    from bot.core.settings import Settings

__all__ = ["Answer", "Chatbot", "Settings", "Source"]

_MODULE_OF = {
    "Answer": "bot.core.results",
    "Source": "bot.core.results",
    "Chatbot": "bot.chatbot",
    "Settings": "bot.core.settings",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
