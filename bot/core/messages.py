"""Chat messages: the role/content format that Gradio and OpenAI use, as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# A message given to the bot (history, prompts): role and text only.
Message = dict[str, str]
# A message as a conversation keeps it: role and text plus what the answer carried
# (sources, route, suggestions, feedback), so values are not all strings.
StoredMessage = dict[str, Any]


def text_of(content: Any) -> str:
    """A message's content as text: a string, a typed part ({"text": ...}), or a list of
    parts (multimodal messages, some servers' replies)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list | tuple):
        texts = (text_of(part) for part in content)
        return " ".join(t for t in texts if t).strip()
    return "" if content is None else str(content)


def normalize_history(history: Sequence[Any] | None) -> list[Message]:
    """Messages as {"role", "content"} strings: accepts OpenAI/Gradio messages (content may be
    a list of parts) and the older [user, assistant] pairs."""
    out: list[Message] = []
    for item in history or []:
        if isinstance(item, dict):
            role = str(item.get("role", ""))
            content = text_of(item.get("content"))
            if role in {"user", "assistant"} and content:
                out.append({"role": role, "content": content})
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if user:
                out.append({"role": "user", "content": text_of(user)})
            if bot:
                out.append({"role": "assistant", "content": text_of(bot)})
    return out
