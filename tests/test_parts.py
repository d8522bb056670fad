"""bot.compose.parts: the answers to a two-part question joined into one."""

from __future__ import annotations

from bot.compose.parts import joined
from bot.core.results import Answer, Source


def _source(section: str, snippet: str = "") -> Source:
    return Source("data-engineer", "Data Engineer", section, "data-engineer.md", 0.5, snippet)


SALARY = _source("Salary", "pay")
TOOLS = _source("Tools", "spark")


def test_each_part_stands_under_its_question_and_later_citations_are_renumbered() -> None:
    first = Answer("They earn well [1].", sources=[SALARY], route="answer", roles=["data-engineer"])
    second = Answer(
        "Spark [1] and pay [2].",
        sources=[TOOLS, SALARY],
        roles=["data-engineer", "data-scientist"],
        suggestions=["And for data scientists?"],
    )
    answer = joined([("What do they earn?", first), ("Which tools?", second)])
    assert answer.text == (
        "**What do they earn?**\n\nThey earn well [1].\n\n"
        "**Which tools?**\n\nSpark [2] and pay [1]."
    )
    # A source cited by both parts keeps one number.
    assert answer.sources == [SALARY, TOOLS]
    assert answer.roles == ["data-engineer", "data-scientist"]
    # The suggestions follow on from the last part asked.
    assert answer.suggestions == ["And for data scientists?"]


def test_notices_are_kept_once_and_mode_and_route_come_from_the_first_part() -> None:
    first = Answer("a", mode="llm", route="compare", notices=["cut to 1000 characters"])
    second = Answer("b", mode="offline", route="answer", notices=["cut to 1000 characters"])
    answer = joined([("A?", first), ("B?", second)])
    assert answer.mode == "llm" and answer.route == "compare"
    assert answer.notices == ["cut to 1000 characters"]


def test_a_number_without_a_source_is_left_as_written() -> None:
    answer = joined([("A?", Answer("x [1]", sources=[SALARY])), ("B?", Answer("y [3]"))])
    assert answer.text.endswith("y [3]")
