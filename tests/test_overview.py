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
