"""Scope: questions about jobs the guides do not cover are recognised as such."""

import pytest

from bot.understand.scope import other_occupation


@pytest.mark.parametrize(
    ("question", "job"),
    [
        ("How much does a plumber earn?", "plumber"),
        ("What are a nurse's shifts like?", "nurse"),
        ("What skills does a pastry chef need?", "pastry chef"),
        ("How much do electricians make?", "electricians"),
        ("What is the outlook for a lawyer?", "lawyer"),
    ],
)
def test_other_occupations(question: str, job: str) -> None:
    assert other_occupation(question) == job


@pytest.mark.parametrize(
    "question",
    [
        "How much does a data engineer earn?",
        "What does a beginner need?",
        "What is the best data career for a career changer?",
        "What do they earn?",
        "Is it hard to become an analyst?",
        "salary?",
    ],
)
def test_data_roles_and_people_in_general_are_in_scope(question: str) -> None:
    assert other_occupation(question) is None
