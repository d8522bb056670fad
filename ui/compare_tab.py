"""The Compare tab: pick two to four roles and the aspects -> the cited comparison table."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from bot.core.results import Source
from bot.core.settings import Settings
from ui.citation_view import cited_guide, parse_key
from ui.errors import unexpected, user_message
from ui.markup import inert, linked_citations, reading_sources, sources_markdown, sources_title
from ui.shell import SHOW_MARK

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
    # The answer's text and sources, for opening a cell's citation later.
    answer: dict[str, Any] | None = None


def compare(bot: Chatbot, roles: Sequence[str] | None, aspects: Sequence[str] | None) -> Comparison:
    """The bot's cited table, its citations linked as in the chat; the bot decides what a
    valid pick is and says why not."""
    try:
        answer = bot.compare(list(roles or []), list(aspects or []))
    except CareerbotError as exc:
        return Comparison(f"⚠️ {inert(user_message(exc, 'web'))}", "")
    except Exception as exc:
        return Comparison(f"⚠️ {unexpected('comparing', exc, log)}", "")
    text = inert(answer.text)
    ordered = reading_sources(text, answer.sources)
    sources = ""
    if answer.sources:
        sources = f"### {sources_title(ordered)}\n\n{sources_markdown(ordered)}"
    notices = [f"> Note: {inert(n)}" for n in answer.notices]
    table = "\n\n".join([*notices, linked_citations(text, answer.sources, "cmp")])
    return Comparison(table, sources, {"text": answer.text, "sources": answer.to_dict()["sources"]})


def open_cell_citation(
    settings: Settings, answer: dict[str, Any] | None, key: str
) -> tuple[Any, Any, Any]:
    """The guide behind a Compare cell's citation ("n:k:nonce")."""
    import gradio as gr

    hidden = (gr.Column(visible=False), "", "")
    try:
        n, k = parse_key(key)
        sources = [Source(**s) for s in (answer or {})["sources"]]
        view = cited_guide(settings, str((answer or {})["text"]), sources, n, k)
    except (ValueError, IndexError, KeyError, TypeError):
        gr.Warning("That citation no longer points to a passage of this comparison.")
        return hidden
    if view.warning:
        gr.Warning(view.warning)
        return hidden
    return gr.Column(visible=True), view.heading, view.markdown


def build_compare_tab(bot: Chatbot, settings: Settings) -> CompareTab:
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
    with gr.Column(visible=False, elem_id="compare-guide-view") as guide_box:
        with gr.Row():
            guide_title = gr.Markdown(elem_id="compare-guide-title")
            close = gr.Button("Close", size="sm", scale=0, elem_id="compare-guide-close")
        guide = gr.Markdown(elem_id="compare-guide", sanitize_html=True)
    with gr.Accordion("Sources", open=False):
        sources = gr.Markdown(elem_id="compare-sources")
    shown = gr.State(None)
    # The page script writes a clicked cell citation here ("n:k:nonce").
    cite_key = gr.Textbox(elem_id="compare-cite-key", elem_classes=["offscreen"], label="Citation")

    def on_compare(role_ids: list[str], aspect_ids: list[str]) -> tuple[Any, ...]:
        result = compare(bot, role_ids, aspect_ids)
        return result.table, result.sources, result.answer, gr.Column(visible=False)

    private: dict[str, Any] = {"api_visibility": "private"}
    run.click(on_compare, [roles, picked], [table, sources, shown, guide_box], **private)
    opened = cite_key.change(
        lambda answer, key: open_cell_citation(settings, answer, key),
        [shown, cite_key],
        [guide_box, guide_title, guide],
        **private,
    )
    opened.then(None, js=SHOW_MARK.replace("#guide", "#compare-guide"), **private)
    close.click(lambda: gr.Column(visible=False), None, guide_box, queue=False, **private)
    return CompareTab(roles=roles, bot=bot)


@dataclass
class CompareTab:
    roles: Any
    bot: Chatbot

    def refresh(self) -> Any:
        """New choices after a re-index (a new guide brings a new role)."""
        import gradio as gr

        return gr.CheckboxGroup(choices=role_choices(self.bot))
