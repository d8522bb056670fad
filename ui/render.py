"""Plain-text and JSON renderings of ``Answer``s and ``IngestReport``s for the terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from bot.core.results import Answer
    from ingest.report import IngestReport


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False)


def print_answer(console: Console, answer: Answer) -> None:
    _print_notices(console, answer.notices)
    console.print(Markdown(answer.text))
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
            console.out(answer.text[len(shown) :], end="", highlight=False)
        else:
            console.out("\n", end="")
            _print_notices(console, fresh)
            console.out(answer.text, end="", highlight=False)
        noticed += fresh
        shown = answer.text
    console.out("\n", end="")
    if answer is not None:
        print_sources(console, answer)
    return answer


def _print_notices(console: Console, notices: Iterable[str]) -> None:
    for notice in notices:
        console.print(f"[yellow]Note:[/] {notice}")


def print_sources(console: Console, answer: Answer) -> None:
    if answer.sources:
        console.print()
        console.print("[bold]Sources[/]")
        for n, source in enumerate(answer.sources, start=1):
            # Escaped, so "[1]" and brackets in titles print as text while the dim style
            # still applies (with markup off, the style tags were printed literally).
            cited = escape(f"  [{n}] {source.title} — {source.section}  ")
            console.print(f"{cited}[dim]({escape(source.source)})[/]", highlight=False)


def report_json(report: IngestReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)


def print_report(console: Console, report: IngestReport) -> None:
    table = Table(title="Ingest report", show_lines=False)
    for column in ("file", "status", "chunks", "note"):
        table.add_column(column)
    for item in report.files:
        table.add_row(item.source, item.status, str(item.chunks), item.reason)
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    console.print(report.summary(), highlight=False)
