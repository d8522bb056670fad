"""The sidebar's chat list: groups by age, one Tab stop, titles shown as text."""

import time

from bot.storage.conversations import Summary
from ui.chat_list import chat_list_html, grouped

NOW = time.mktime((2026, 12, 3, 15, 0, 0, 0, 0, -1))
HOUR = 3600.0


def test_chats_fall_into_today_last_seven_days_and_older_newest_first() -> None:
    chats = [
        Summary("old", "Old", NOW - 40 * 24 * HOUR),
        Summary("morning", "Morning", NOW - 6 * HOUR),
        Summary("week", "This week", NOW - 3 * 24 * HOUR),
        Summary("now", "Now", NOW - 60),
        Summary("yesterday", "Yesterday", NOW - 20 * HOUR),
    ]
    groups = grouped(chats, NOW)
    assert [(g.label, [c.id for c in g.chats]) for g in groups] == [
        ("Today", ["now", "morning"]),
        ("Last 7 days", ["yesterday", "week"]),
        ("Older", ["old"]),
    ]
    assert [g.label for g in grouped(chats[:2], NOW)] == ["Older", "Today"][::-1]


def test_the_list_is_one_listbox_with_one_tab_stop_and_inert_titles() -> None:
    chats = [
        Summary("a1", "<img src=x onerror=alert(1)>", NOW - 60),
        Summary("b2", "Pipelines", NOW - 30 * 24 * HOUR),
    ]
    markup = chat_list_html(chats, "b2", now=NOW)
    assert markup.count('role="listbox"') == 1 and markup.count('role="option"') == 2
    assert markup.count('tabindex="0"') == 1
    assert 'id="chat-b2" data-chat="b2" aria-selected="true" tabindex="0"' in markup
    assert "<img" not in markup and "&lt;img" in markup
    # No chat open: the first is the list's Tab stop.
    assert 'data-chat="a1" aria-selected="false" tabindex="0"' in chat_list_html(chats, "", now=NOW)


def test_an_empty_list_says_why() -> None:
    assert "No chats match “<b>”" not in chat_list_html([], "", "<b>")
    assert "No chats match “&lt;b&gt;”." in chat_list_html([], "", "<b>")
    assert "No saved chats yet" in chat_list_html([], "")
