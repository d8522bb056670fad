"""The sidebar's list of saved chats: grouped by age (Today, Last 7 days, Older) and written
as one ARIA listbox, so the whole list is a single Tab stop that arrow keys move inside
(the page script in ``ui.shell`` does the keys).
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.storage.conversations import Summary

DAY = 86_400.0


@dataclass(frozen=True)
class Group:
    label: str
    chats: list[Summary]


def _midnight(now: float) -> float:
    """The start of today where the server runs (the list says "Today" in its terms)."""
    local = time.localtime(now)
    return time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))


def grouped(chats: Sequence[Summary], now: float | None = None) -> list[Group]:
    """Newest first, in the groups a person expects; empty groups are left out."""
    today = _midnight(time.time() if now is None else now)
    groups = [Group("Today", []), Group("Last 7 days", []), Group("Older", [])]
    for chat in sorted(chats, key=lambda c: c.updated_at, reverse=True):
        if chat.updated_at >= today:
            groups[0].chats.append(chat)
        elif chat.updated_at >= today - 6 * DAY:
            groups[1].chats.append(chat)
        else:
            groups[2].chats.append(chat)
    return [g for g in groups if g.chats]


def chat_list_html(
    chats: Sequence[Summary], chosen: str, search: str = "", now: float | None = None
) -> str:
    """The listbox; the open chat is selected and is the list's Tab stop (else the first)."""
    if not chats:
        text = (
            f"No chats match “{html.escape(search.strip())}”."
            if search.strip()
            else "No saved chats yet: your first question starts one."
        )
        return f'<p id="chat-list-empty" role="status">{text}</p>'
    ids = [c.id for c in chats]
    stop = chosen if chosen in ids else ids[0]
    parts = ['<div id="chat-list" role="listbox" aria-label="Your chats">']
    for n, group in enumerate(grouped(chats, now)):
        head = f"chat-group-{n}"
        parts.append(f'<div role="group" aria-labelledby="{head}">')
        parts.append(f'<div class="chat-group" id="{head}" role="presentation">{group.label}</div>')
        for chat in group.chats:
            key = html.escape(chat.id, quote=True)
            selected = "true" if chat.id == chosen else "false"
            tab = "0" if chat.id == stop else "-1"
            parts.append(
                f'<div class="chat-item" role="option" id="chat-{key}" data-chat="{key}" '
                f'aria-selected="{selected}" tabindex="{tab}">{html.escape(chat.title)}</div>'
            )
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)
