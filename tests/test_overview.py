"""Questions over all roles (bot/routes/overview.py): routing, then whole answers on the
bundled guides with the real model."""

from __future__ import annotations

import re

import pytest

from bot.understand.routing import wants_overview


@pytest.mark.parametrize(
    "question",
    [
        "Which of all these roles has the best pay?",
        "Rank the jobs by how much statistics they need",
        "For each of the careers, is remote work possible?",
        "Which one has the fastest growth?",
    ],
)
def test_questions_over_all_roles(question: str) -> None:
    assert wants_overview(question, [], [])


def test_not_over_all_roles() -> None:
    assert not wants_overview("Which job suits me best?", [], [])  # role fit
    assert not wants_overview("Which pays more?", [], ["data-analyst", "data-engineer"])
    assert not wants_overview("What is the best tool for a data engineer?", ["data-engineer"], [])
    assert not wants_overview("Is remote work common?", [], [])


def test_pay_over_all_roles_is_ranked_by_the_guides_figures(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Of all the roles, which has the lowest median pay?")
    assert answer.route == "overview"
    assert answer.roles[0] == "data-analyst" and len(answer.roles) == 8
    assert "$91,290" in answer.verdict
    # every role is listed, each with a citation that resolves to a source of that role
    rows = [line for line in answer.text.splitlines() if re.match(r"^(\d+\.|-) \*\*", line)]
    assert len(rows) == 8
    for row in rows:
        (n,) = re.findall(r"\[(\d+)\]", row)[-1:]
        title = row.split("**")[1]
        assert answer.sources[int(n) - 1].title == title


def test_a_criterion_over_all_roles_names_the_first_and_cites_each(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which of these careers needs the most statistics?")
    assert answer.route == "overview" and answer.roles[0] == "data-scientist"
    assert {s.role for s in answer.sources} == set(answer.roles)


def test_the_aspect_a_superlative_question_ranks_by(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    from bot.routes.overview import aspect_of

    catalog = bundled_bot.catalog
    assert aspect_of("Which role needs the least maths?", catalog) == "maths"
    assert aspect_of("Which of the jobs is the most remote-friendly?", catalog) == "remote-friendly"
    assert aspect_of("Which job is easiest to get into without a degree?", catalog) == (
        "without a degree"
    )
    assert aspect_of("Which is the easiest one?", catalog) == "easy to learn and to get into"
    assert aspect_of("What does a data analyst do?", catalog) == ""


def test_an_aspect_beyond_pay_leads_with_the_winner_then_ranks_every_role(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which job is easiest to get into without a degree?")
    assert answer.route == "overview" and len(answer.roles) == 8
    lead, ranking = answer.text.split("\n\n", 1)
    first_sentence = lead.split(". ")[0]
    # sentence one names the winner (or the level pair), in the question's terms
    assert name_in(bundled_bot, answer.roles[0], first_sentence)
    assert "without a degree" in first_sentence
    assert "no figure" in lead  # the guides' caveat: a reading of the guides, not a measure
    rows = [line for line in ranking.splitlines() if re.match(r"^\d+\. \*\*", line)]
    assert len(rows) == 8
    # the quoted lines are about degrees, found in whatever section says so
    assert sum("degree" in row for row in rows) >= 6


def name_in(bot, role: str, text: str) -> bool:  # type: ignore[no-untyped-def]
    title = bot.catalog.title(role).lower()
    return title.split(" (")[0] in text.lower()


def test_a_pay_ranking_is_compact_and_says_whose_figure_it_is(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which data job pays best?")
    rows = [line for line in answer.text.splitlines() if re.match(r"^\d+\. \*\*", line)]
    assert len(rows) == 8
    for row in rows:
        assert re.search(r"\$\d{2,3},\d{3}", row) and re.search(r"\[\d+\]$", row)
        assert len(row.split()) <= 16  # the figure and whose it is, not the whole sentence
    assert any("nearest official occupation" in row for row in rows)
    assert "US figures" in answer.text.split("\n\n")[0]


def test_a_sentence_says_the_thing_is_optional_or_expected() -> None:
    from bot.routes.overview import _without, stance

    assert _without("without a degree") == "degree" and _without("maths") == ""
    assert stance("A data science degree is not required to become one.", "degree") == 1
    assert stance("Employers hire people without a relevant degree.", "degree") == 1
    assert stance("A computer science degree helps but is not strictly required.", "degree") == 1
    assert stance("Most data scientists hold at least a bachelor's degree.", "degree") == -1
    assert stance("Learn SQL and Python first.", "degree") == 0
