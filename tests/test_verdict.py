"""Verdicts: which comparative questions want one, and what they weigh the roles on."""

import pytest

from bot.verdict import criterion_of, figure_kind, is_less, is_verdict_question, predicate_of
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


@pytest.mark.parametrize(
    "question",
    [
        "Which pays more, a data scientist or a data engineer?",
        "Which of the two needs more statistics?",
        "Which is easier without a degree, data analyst or ML engineer?",
        "Which is more in demand, data engineer or data scientist?",
        "Which is better for remote work?",
    ],
)
def test_verdict_questions(question: str) -> None:
    assert is_verdict_question(question)


def test_a_plain_comparison_wants_a_table_not_a_verdict() -> None:
    assert not is_verdict_question("How is a data engineer different from a data scientist?")


def test_figures_settle_pay_and_demand() -> None:
    assert figure_kind("Which pays more?") == "pay"
    assert figure_kind("Which is more in demand?") == "growth"
    assert figure_kind("Which needs more statistics?") is None


def test_the_criterion_and_the_predicate() -> None:
    question = "Which of the two needs more statistics, a data analyst or a data scientist?"
    assert criterion_of(question, CATALOG) == "statistics"
    assert predicate_of(question) == ("needs", "more statistics")
    assert criterion_of("Which is better for remote work?", CATALOG) == "remote work"
    assert is_less("Which needs less coding?") and not is_less("Which needs more coding?")
