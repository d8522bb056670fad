"""Validate and normalize what the user typed, and the chat history that came with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Question:
    text: str
    notices: list[str] = field(default_factory=list)


def prepare_question(raw: str, max_chars: int) -> Question:
    """Collapse whitespace; empty is an error, over-long is cut with a notice (never a crash)."""
    text = " ".join(str(raw or "").split())
    if not text:
        raise ValueError("Please type a question; it was empty.")
    if len(text) <= max_chars:
        return Question(text)
    cut = text[:max_chars].rsplit(" ", 1)[0] or text[:max_chars]
    notice = f"Your question had {len(text):,} characters; only the first {len(cut):,} were used."
    return Question(cut, [notice])


def normalize_history(history: Sequence[Any] | None) -> list[dict[str, str]]:
    """Messages as {"role", "content"} strings: accepts OpenAI/Gradio messages (content may be
    a list of parts) and the older [user, assistant] pairs."""
    out: list[dict[str, str]] = []
    for item in history or []:
        if isinstance(item, dict):
            role = str(item.get("role", ""))
            content = _text_of(item.get("content"))
            if role in {"user", "assistant"} and content:
                out.append({"role": role, "content": content})
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if user:
                out.append({"role": "user", "content": _text_of(user)})
            if bot:
                out.append({"role": "assistant", "content": _text_of(bot)})
    return out


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list):
        return " ".join(_text_of(part) for part in content).strip()
    return "" if content is None else str(content)
