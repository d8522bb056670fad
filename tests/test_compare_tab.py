"""The Compare tab's handlers on the real indexed fixture corpus."""

from __future__ import annotations

import pytest

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from bot.understand.aspects import ASPECTS
from ui.compare_tab import aspect_choices, compare, role_choices
from ui.markup import inert


def test_choices_come_from_the_index_and_the_aspects() -> None:
    assert aspect_choices() == [(a.label, a.id) for a in ASPECTS]


def test_role_choices(chatbot: Chatbot) -> None:
    assert role_choices(chatbot) == [
        ("Data Analyst", "data-analyst"),
        ("Data Engineer", "data-engineer"),
        ("Data Scientist", "data-scientist"),
    ]


def test_compare_renders_the_cited_table_and_its_sources(chatbot: Chatbot) -> None:
    result = compare(chatbot, ["data-engineer", "data-scientist"], ["skills"])
    header = next(line for line in result.table.splitlines() if line.startswith("|"))
    assert "Data Engineer" in header and "Data Scientist" in header
    # Cells cite as the chat does: linked, numbered in reading order from [1].
    assert 'class="cite" href="#cmp-' in result.table and "&#91;1&#93;</a>" in result.table
    assert result.answer and result.answer["sources"]
    assert result.sources.startswith("### Sources:") and "Data Scientist** — " in result.sources
    assert "data-scientist" not in result.sources  # plain words, no role ids


def test_a_bad_pick_is_the_bots_message(chatbot: Chatbot) -> None:
    with pytest.raises(CareerbotError) as refused:
        chatbot.compare(["data-engineer"], [])
    result = compare(chatbot, ["data-engineer"], [])
    assert result.table == f"⚠️ {inert(str(refused.value))}"
    assert result.sources == ""
