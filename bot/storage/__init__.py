"""Storage: what people leave behind: saved conversations, feedback on answers, and a
conversation exported as Markdown.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

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

_MODULE_OF = {
    "Conversation": "bot.storage.conversations",
    "ConversationStore": "bot.storage.conversations",
    "Feedback": "bot.storage.feedback",
    "FeedbackStore": "bot.storage.feedback",
    "conversation_markdown": "bot.storage.export",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
