"""bot.understand.clauses: a question that asks two different things is cut in two."""

from __future__ import annotations

from bot.understand.clauses import MAX_PARTS, parts_of


def test_two_questions_for_different_things_are_two_parts() -> None:
    assert parts_of("What do data engineers earn, and which tools do they use?") == [
        "What do data engineers earn?",
        "Which tools do they use?",
    ]


def test_one_question_stays_whole() -> None:
    question = "What does a data engineer do?"
    assert parts_of(question) == [question]


def test_two_clauses_asking_the_same_thing_stay_one_question() -> None:
    question = "What do data engineers earn and what do data scientists earn?"
    assert parts_of(question) == [question]


def test_a_clause_that_asks_for_nothing_known_keeps_the_question_whole() -> None:
    question = "What do data engineers earn, and is the weather nice today?"
    assert parts_of(question) == [question]


def test_at_most_max_parts_are_answered() -> None:
    question = (
        "What do data engineers earn? Which tools do they use? "
        "How do I become one? What does a typical day look like?"
    )
    parts = parts_of(question)
    assert 1 <= len(parts) <= MAX_PARTS
