"""Browser renderings of ``Answer``s, ``Source``s, ``IngestReport``s and library entries.

Everything shown in the app passes through here. Guide text is user content (anyone can
upload a guide), so it is made inert before it reaches Gradio's markdown renderer: ``<``
becomes an entity, so no tag survives, and script-like link targets are disarmed. Gradio's
own sanitizer runs on top of this; neither is trusted alone.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from ui.quotes import CITATION, cites, reading_order, renumbering

if TYPE_CHECKING:
    from bot.core.results import Answer, Source
    from ingest.library import GuideEntry
    from ingest.report import IngestReport

_SCRIPT_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def inert(text: str) -> str:
    """Markdown with no raw HTML and no script links; everything else renders as written."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SCRIPT_LINK.sub("](#blocked:", text)


def cell(text: object) -> str:
    """Inert text for one markdown table cell."""
    return inert(" ".join(str(text).split())).replace("|", "\\|")


def answer_text(answer: Answer) -> str:
    """The chat message for an answer: notices first, then the cited text."""
    parts = [*(f"> Note: {inert(n)}" for n in answer.notices), inert(answer.text)]
    return "\n\n".join(p for p in parts if p)


def sources_title(sources: Sequence[Source]) -> str:
    """One line that says where an answer comes from, even while its panel is folded."""
    passages = len(sources)
    guides = ", ".join(dict.fromkeys(inert(s.title) for s in sources))
    return f"Sources: {passages} passage{'s' if passages != 1 else ''} from {guides}"


def sources_markdown(
    sources: Sequence[Source], *, details: bool = False, removed: Collection[str] = ()
) -> str:
    """The sources panel: [n] matches the citation numbers in the answer text. In plain
    words by default (guide, section, the passage); ``details`` adds the role id, the file
    and the relevance score for whoever wants to check retrieval. A guide in ``removed``
    says it is no longer in the library."""
    blocks = []
    for n, s in enumerate(sources, start=1):
        head = f"**[{n}] {inert(s.title)}** — {inert(readable_section(s.section))}"
        if s.source in removed:
            head += " _(removed from the library)_"
        if details:
            head += f" · `{inert(s.role)}` · _{inert(s.source)}_ · relevance {s.score:.2f}"
        snippet = inert(" ".join(s.snippet.split()))
        blocks.append(head + (f"\n> {snippet}" if snippet else ""))
    return "\n\n".join(blocks)


def removed_notice(sources: Sequence[Source], removed: Collection[str]) -> str:
    """The line over an answer that cites guides deleted since, naming them ("" if none)."""
    gone = list(dict.fromkeys(s.title for s in sources if s.source in removed))
    if not gone:
        return ""
    names = ", ".join(f"“{inert(t)}”" for t in gone)
    guide = "that guide was" if len(gone) == 1 else "those guides were"
    return f"> Note: this answer cites {names}; {guide} removed from the library since."


def readable_section(section: str) -> str:
    """ "Data Engineer > Skills > Tools" -> "Skills › Tools" (the guide's title is said
    already); a top-level section keeps its name."""
    parts = [p.strip() for p in section.split(">") if p.strip()]
    return " › ".join(parts[1:] if len(parts) > 1 else parts) or "whole guide"


# Characters that would end an attribute or be read as markdown inside a table cell.
_ATTRIBUTE = str.maketrans(
    {"|": "&#124;", "[": "&#91;", "]": "&#93;", "*": "&#42;", "_": "&#95;", "`": "&#96;"}
)
# Between the place and the quote in a citation's hint: the page script splits there.
HINT_SEPARATOR = " \u2016 "


def attribute(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True).translate(_ATTRIBUTE)


def passage_hint(source: Source, quoted: str = "", removed: bool = False) -> str:
    """What a citation's popover shows: guide and section, then the sentence it backs (the
    passage's opening when the answer quotes nothing)."""
    where = f"{source.title} — {readable_section(source.section)}"
    if removed:
        where += " (removed from the library)"
    quote = quoted or " ".join(source.snippet.split())
    return f"{where}{HINT_SEPARATOR}“{quote}”" if quote else where


def reading_sources(text: str, sources: Sequence[Source]) -> list[Source]:
    """The sources in the order the answer first cites them: the panel's [1] is the first
    citation a reader meets."""
    return [sources[n - 1] for n in reading_order(text, len(sources))]


def linked_citations(
    text: str,
    sources: Sequence[Source],
    turn: int | str,
    removed: Collection[str] = (),
) -> str:
    """Inert answer markdown whose ``[n]`` markers are renumbered in reading order, show
    their guide, section and quoted sentence in a popover and open the guide on click. The
    link says which saved source and which marker it is (``#cite-<turn>-<n>-<k>``: Gradio's
    sanitizer drops data attributes); ``removed`` are guide files no longer in the library:
    their markers are plain text, not links."""
    numbers = renumbering(text, len(sources))
    found = cites(text)
    occurrence = iter(range(len(found)))

    def link(match: re.Match[str]) -> str:
        links = []
        for raw in re.split(r"\s*,\s*", match.group(1)):
            n, k = int(raw), next(occurrence)
            if not 1 <= n <= len(sources):
                links.append(f"&#91;{n}&#93;")
                continue
            source = sources[n - 1]
            hint = attribute(passage_hint(source, found[k].quoted, source.source in removed))
            if source.source in removed:
                # Not a link: it could only open a guide that is gone (the answer's notice
                # says so).
                marker = f"&#91;{numbers[n]}&#93;"
                links.append(f'<span class="cite-removed" title="{hint}">{marker}</span>')
                continue
            links.append(
                f'<a class="cite" href="#{citation_anchor(turn, n, k)}" title="{hint}">'
                f"&#91;{numbers[n]}&#93;</a>"
            )
        return "".join(links)

    return CITATION.sub(link, text)


def citation_anchor(turn: int | str, n: int, k: int) -> str:
    """``cite-<turn>-<n>-<k>`` in the chat; ``cmp-<n>-<k>`` (turn "cmp") in Compare."""
    return f"cmp-{n}-{k}" if turn == "cmp" else f"cite-{turn}-{n}-{k}"


def mode_badge(mode: str) -> str:
    label = (
        "Answers written by a language model from the guides"
        if mode == "llm"
        else "Answers quoted from the guides (offline)"
    )
    safe = html.escape(mode, quote=True)
    return f'<span class="mode-badge mode-{safe}">{html.escape(label)}</span>'


def when(epoch: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch)) if epoch else "never"


def library_rows(entries: Sequence[GuideEntry]) -> list[list[object]]:
    """Rows for the documents table (plain text cells, never rendered as HTML)."""
    return [
        [
            e.title,
            e.role,
            e.source,
            e.chunks,
            when(e.indexed_at),
            f"{e.status}: {e.note}" if e.note else e.status,
        ]
        for e in entries
    ]


LIBRARY_HEADERS = ["title", "role", "file", "chunks", "last indexed", "status"]


def report_markdown(report: IngestReport) -> str:
    lines = [f"**Re-index finished.** {inert(report.summary())}", ""]
    changed = [f for f in report.files if f.status != "unchanged"]
    if changed:
        lines += ["| file | status | chunks | note |", "|---|---|---|---|"]
        lines += [
            f"| {cell(f.source)} | {f.status} | {f.chunks} | {cell(f.reason)} |" for f in changed
        ]
    else:
        lines.append("Every guide was already up to date.")
    lines += [f"\n⚠️ {inert(w)}" for w in report.warnings]
    return "\n".join(lines)
