"""What opening a citation shows: the cited guide with the quoted sentence(s) and their
passage highlighted, or one line saying why it cannot be shown. Shared by the Chat and
Compare tabs; no Gradio here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.errors import CareerbotError
from bot.core.results import Source
from bot.core.settings import Settings
from ui.errors import user_message
from ui.guide import guide_view
from ui.markup import inert, readable_section
from ui.quotes import cites, renumbering, sentences


@dataclass(frozen=True)
class CitedGuide:
    heading: str = ""  # markdown: the guide's title and which citation this is
    markdown: str = ""  # the guide, highlighted
    warning: str = ""  # set instead when the guide cannot be shown


def cited_guide(
    settings: Settings, text: str, sources: Sequence[Source], n: int, k: int
) -> CitedGuide:
    """Citation ``k`` of an answer's ``text`` (its saved source ``n``). A guide deleted
    since says it was removed from the library, naming it."""
    marked = inert(text)
    source = sources[n - 1]
    quotes = sentences(cites(marked)[k].quoted)
    shown = renumbering(marked, len(sources))[n]
    try:
        view = guide_view(settings, source.source, source.snippet, quotes)
    except CareerbotError as exc:
        return CitedGuide(warning=f"“{source.title}”: {user_message(exc, 'web')}")
    note = "" if view.found else " (the cited passage is no longer in this guide)"
    section = inert(readable_section(source.section))
    heading = f"### {inert(view.title)}\nCited [{shown}]: {section}{inert(note)}"
    return CitedGuide(heading, view.markdown)


def parse_key(key: str) -> tuple[int, int]:
    """``n:k:nonce`` (what the page script writes) -> (n, k); ValueError otherwise."""
    n_text, k_text, *_ = key.split(":")
    return int(n_text), int(k_text)
