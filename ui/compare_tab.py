"""The Compare tab: pick two to four roles and the aspects -> the cited comparison table."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from ui.errors import unexpected, user_message
from ui.markup import answer_text, inert, sources_markdown, sources_title

log = logging.getLogger("careerbot.ui")


def role_choices(bot: Chatbot) -> list[tuple[str, str]]:
    """(label, role id) pairs of the indexed roles; none until the guides are indexed."""
    try:
        roles = bot.catalog.roles.values()
    except CareerbotError:
        return []
    return [(role.title, role.id) for role in sorted(roles, key=lambda r: r.title.lower())]


def aspect_choices() -> list[tuple[str, str]]:
    from bot.understand.aspects import ASPECTS

    return [(aspect.label, aspect.id) for aspect in ASPECTS]


@dataclass
class Comparison:
    table: str
    sources: str


def compare(bot: Chatbot, roles: Sequence[str] | None, aspects: Sequence[str] | None) -> Comparison:
    """The bot's cited table; the bot decides what a valid pick is and says why not."""
    try:
        answer = bot.compare(list(roles or []), list(aspects or []))
    except CareerbotError as exc:
        return Comparison(f"⚠️ {inert(user_message(exc, 'web'))}", "")
    except Exception as exc:
        return Comparison(f"⚠️ {unexpected('comparing', exc, log)}", "")
    sources = ""
    if answer.sources:
        sources = f"### {sources_title(answer.sources)}\n\n{sources_markdown(answer.sources)}"
    return Comparison(answer_text(answer), sources)


def build_compare_tab(bot: Chatbot) -> CompareTab:
    import gradio as gr

    aspects = aspect_choices()
    roles = gr.CheckboxGroup(
        label="Roles (pick two to four)", choices=role_choices(bot), elem_id="compare-roles"
    )
    picked = gr.CheckboxGroup(
        label="Aspects",
        choices=aspects,
        value=[value for _, value in aspects],
        elem_id="compare-aspects",
    )
    run = gr.Button("Compare", variant="primary", elem_id="compare")
    table = gr.Markdown(elem_id="compare-table")
    with gr.Accordion("Sources", open=False):
        sources = gr.Markdown(elem_id="compare-sources")

    def on_compare(role_ids: list[str], aspect_ids: list[str]) -> tuple[str, str]:
        result = compare(bot, role_ids, aspect_ids)
        return result.table, result.sources

    run.click(on_compare, [roles, picked], [table, sources], api_visibility="private")
    return CompareTab(roles=roles, bot=bot)


@dataclass
class CompareTab:
    roles: Any
    bot: Chatbot

    def refresh(self) -> Any:
        """New choices after a re-index (a new guide brings a new role)."""
        import gradio as gr

        return gr.CheckboxGroup(choices=role_choices(self.bot))
