"""Terminal rendering of answers, including one that streams in."""

import io

from rich.console import Console

from bot.core.results import Answer, Source
from ui.render import print_stream

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
