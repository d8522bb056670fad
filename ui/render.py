"""Plain-text and JSON renderings of ``Answer``s and ``IngestReport``s for the terminal."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from bot.core.results import Answer
    from ingest.report import IngestReport


# Bidirectional overrides and isolates (format characters, not control codes): in a terminal
# they reorder what follows, so a line can read differently from what it holds.
BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def inert(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``) instead of
    sent to the terminal: guide text and LLM output are not the terminal's commands (an
    ANSI sequence could recolour, retitle, clear the screen or hide the rest of a line).
    Newlines and tabs stay; rich markup is escaped by the callers that print markup."""
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch in "\n\t" or (ch not in BIDI and unicodedata.category(ch) not in ("Cc", "Cs"))
        else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        for ch in text
    )


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False)


def print_answer(console: Console, answer: Answer) -> None:
    _print_notices(console, answer.notices)
    console.print(Markdown(inert(answer.text)))
    print_sources(console, answer)


def print_stream(console: Console, answers: Iterable[Answer]) -> Answer | None:
    """Print a growing answer as it arrives, then its sources; returns the final answer.

    The text is printed as plain markdown because it grows a few characters at a time. If
    the final answer is not a continuation of what was shown (the model failed midway and
    the offline composer answered instead), the notice and the whole new answer follow.
    """
    shown = ""
    noticed: list[str] = []
    answer = None
    for answer in answers:
        fresh = [n for n in answer.notices if n not in noticed]
        if answer.text.startswith(shown) and not (fresh and shown):
            _print_notices(console, fresh)
            console.out(inert(answer.text[len(shown) :]), end="", highlight=False)
        else:
            console.out("\n", end="")
            _print_notices(console, fresh)
            console.out(inert(answer.text), end="", highlight=False)
        noticed += fresh
        shown = answer.text
    console.out("\n", end="")
    if answer is not None:
        print_sources(console, answer)
    return answer


def _print_notices(console: Console, notices: Iterable[str]) -> None:
    for notice in notices:
        console.print(f"[yellow]Note:[/] {escape(inert(notice))}", highlight=False)


def print_sources(console: Console, answer: Answer) -> None:
    if answer.sources:
        console.print()
        console.print("[bold]Sources[/]")
        for n, source in enumerate(answer.sources, start=1):
            # Escaped, so "[1]" and brackets in titles print as text while the dim style
            # still applies (with markup off, the style tags were printed literally).
            cited = escape(inert(f"  [{n}] {source.title} — {source.section}  "))
            console.print(f"{cited}[dim]({escape(inert(source.source))})[/]", highlight=False)


def report_json(report: IngestReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)


def print_report(console: Console, report: IngestReport) -> None:
    table = Table(title="Ingest report", show_lines=False)
    for column in ("file", "status", "chunks", "note"):
        table.add_column(column)
    for item in report.files:
        # Table cells are rich markup: a file named "[red]x" must print as its name.
        cells = (item.source, item.status, str(item.chunks), item.reason)
        table.add_row(*(escape(inert(cell)) for cell in cells))
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {escape(inert(warning))}", highlight=False)
    console.print(escape(inert(report.summary())), highlight=False)
