"""Terminal rendering of answers, including one that streams in."""

import io
import re

from rich.console import Console

from bot.core.results import Answer, Source
from ui.render import print_answer, print_report, print_stream

SOURCE = Source("data-engineer", "Data Engineer", "Data Engineer > Tools", "data-engineer.md", 0.6)


def console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=200, highlight=False), buffer


def test_a_growing_answer_is_printed_once_then_its_sources() -> None:
    term, buffer = console()
    parts = [
        Answer("Airflow", mode="llm"),
        Answer("Airflow runs jobs", mode="llm"),
        Answer("Airflow runs jobs [1].", [SOURCE], mode="llm"),
    ]
    final = print_stream(term, iter(parts))
    out = buffer.getvalue()
    assert final is parts[-1]
    assert out.count("Airflow") == 1 and "Airflow runs jobs [1]." in out
    assert "Sources" in out and "[1] Data Engineer — Data Engineer > Tools" in out
    assert "(data-engineer.md)" in out


def test_a_replaced_answer_is_printed_whole_after_its_notice() -> None:
    term, buffer = console()
    notice = "The language model at http://x/v1 stopped mid-answer; offline."
    parts = [
        Answer("Airflow ru", mode="llm"),
        Answer("**Data Engineer**: quoted sentence [1]", [SOURCE], notices=[notice]),
    ]
    print_stream(term, iter(parts))
    out = buffer.getvalue()
    assert out.index("Airflow ru") < out.index(notice) < out.index("quoted sentence [1]")
    assert out.count(notice) == 1


def test_notices_of_the_question_come_before_the_text() -> None:
    term, buffer = console()
    cut = "Your question had 5,000 characters; only the first 1,000 were used."
    parts = [Answer("Part one", notices=[cut]), Answer("Part one\n\nPart two", notices=[cut])]
    print_stream(term, iter(parts))
    out = buffer.getvalue()
    assert out.count(cut) == 1 and out.index(cut) < out.index("Part one")
    assert "Part one\n\nPart two" in out


HOSTILE = "Run \x1b[2J\x1b]0;pwned\x07 [bold red]now[/] \u202eevil\x00 <b>x</b>"


def test_guide_and_model_text_reach_the_terminal_inert() -> None:
    """ANSI sequences (clear screen, set title), rich markup, bidi overrides and NUL in an
    answer, a notice, a source or an ingest report are shown as text, never obeyed."""
    from ingest.report import FileResult, IngestReport

    hostile_source = Source("x", f"Title {HOSTILE}", "Sec", "odd\x1b[31m.md", 0.5)
    answer = Answer(HOSTILE, [hostile_source], notices=[HOSTILE])
    for show in (
        lambda c: print_answer(c, answer),
        lambda c: print_stream(c, [Answer(HOSTILE[:9]), answer]),
    ):
        console = Console(file=io.StringIO(), force_terminal=True, width=200)
        show(console)
        printed = console.file.getvalue()  # type: ignore[attr-defined]
        for obeyed in ("\x1b[2J", "\x1b]0;", "\x07", "\u202e", "\x00", "\x1b[31m"):
            assert obeyed not in printed, repr(obeyed)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", printed)  # rich's own colours off
        assert "\\x1b[2J" in plain and "\\u202eevil" in plain and "[bold red]now[/]" in plain
    report = IngestReport(files=[FileResult("[red]bad\x1b[5m.md", "skipped", 0, HOSTILE)])
    console = Console(file=io.StringIO(), force_terminal=True, width=300)
    print_report(console, report)
    printed = re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())  # type: ignore[attr-defined]
    assert "[red]bad\\x1b[5m.md" in printed and "\x1b[2J" not in printed
