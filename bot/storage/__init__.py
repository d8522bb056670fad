"""Storage: what people leave behind: saved conversations, feedback on answers, and a
conversation exported as Markdown.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.storage.conversations import Conversation, ConversationStore
    from bot.storage.export import conversation_markdown
    from bot.storage.feedback import Feedback, FeedbackStore

__all__ = [
    "Conversation",
    "ConversationStore",
    "Feedback",
    "FeedbackStore",
    "conversation_markdown",
]

_WHERE = {
    "Conversation": "bot.storage.conversations",
    "ConversationStore": "bot.storage.conversations",
    "Feedback": "bot.storage.feedback",
    "FeedbackStore": "bot.storage.feedback",
    "conversation_markdown": "bot.storage.export",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
