"""Plain-text and JSON renderings of ``Answer``s and ``IngestReport``s for the terminal."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from bot.answer import Answer
    from ingest.report import IngestReport


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False)


def print_answer(console: Console, answer: Answer) -> None:
    for notice in answer.notices:
        console.print(f"[yellow]Note:[/] {notice}")
    console.print(Markdown(answer.text))
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
