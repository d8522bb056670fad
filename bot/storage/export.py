"""A saved conversation as a Markdown document: each answer with its citations and a list
of the sources they point to, so the export reads well on its own."""

from __future__ import annotations

import re
import time

from bot.core.messages import StoredMessage
from bot.storage.conversations import Conversation


def _sources(message: StoredMessage) -> list[str]:
    answer = message.get("answer") or {}
    lines = []
    for n, source in enumerate(answer.get("sources") or [], start=1):
        heading = " — ".join(p for p in (source.get("title"), source.get("section")) if p)
        lines.append(f"{n}. {heading} (`{source.get('source', '')}`)")
    return lines


def conversation_markdown(chat: Conversation) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(chat.updated_at))
    parts = [f"# {chat.title}", f"_Exported from careerbot; last message {when}._"]
    for message in chat.messages:
        text = str(message.get("content", "")).strip()
        if message.get("role") == "user":
            parts.append(f"## You\n\n{text}")
            continue
        parts.append(f"### careerbot\n\n{text}")
        sources = _sources(message)
        if sources:
            parts.append("**Sources**\n\n" + "\n".join(sources))
    return "\n\n".join(parts) + "\n"


def export_filename(chat: Conversation) -> str:
    """A safe file name from the title: "careerbot-what-does-a-data-engineer-do.md"."""
    slug = re.sub(r"[^a-z0-9]+", "-", chat.title.lower()).strip("-")[:60].strip("-")
    return f"careerbot-{slug or chat.id}.md"
