"""bot.understand.clauses: a question that asks two different things is cut in two."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.understand.clauses import MAX_PARTS, Reader, parts_of
from bot.understand.intent_classifier import IntentClassifier
from tests.guides import bundled_catalog


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


# ---- the split decided by the intent classifier (the real model) -------------------------

CATALOG = bundled_catalog()


@pytest.fixture(scope="module")
def read(real_model) -> Reader:  # type: ignore[no-untyped-def]
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    classifier = IntentClassifier(embed)

    def scores(clause: str) -> dict[str, float]:
        text = CATALOG.correct(clause)
        return classifier.scores(text, CATALOG.without_roles(text))

    return scores


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # Joined by words no opener list names: the classifier reads two asks.
        (
            "What is an AI engineer paid, plus which libraries do they code with?",
            ["What is an AI engineer paid?", "Which libraries do they code with?"],
        ),
        (
            "Tell me about the hours of a data analyst as well as the degree they need.",
            ["Tell me about the hours of a data analyst.", "The degree they need."],
        ),
        (
            "How hard are data engineering interviews; is remote work common for them?",
            ["How hard are data engineering interviews?", "Is remote work common for them?"],
        ),
    ],
)
def test_clauses_that_read_different_intents_are_parts(
    read: Reader, question: str, parts: list[str]
) -> None:
    assert parts_of(question, read) == parts


@pytest.mark.parametrize(
    "question",
    [
        # The asker's own situation is the context of the question, not a part.
        "I'm a chemist. How would I become a data scientist?",
        # A phrase reads no intent of its own ("in simple words" is near nothing).
        "In simple words, what is an MLOps engineer hired to do?",
        # Both clauses ask for the same thing.
        "What does a data analyst earn, and is the money good?",
        # A condition, not a second question.
        "How do I become a data engineer, and how long does that take?",
    ],
)
def test_one_question_in_several_clauses_stays_whole(read: Reader, question: str) -> None:
    assert parts_of(question, read) == [question]


def test_a_part_keeps_the_closing_mark_of_what_was_said() -> None:
    # Requests stay requests; a part with its own question mark keeps it.
    assert parts_of("Describe what data engineers earn, and list the tools they use.") == [
        "Describe what data engineers earn.",
        "List the tools they use.",
    ]
    assert parts_of("What do data engineers earn? Describe the tools they use.") == [
        "What do data engineers earn?",
        "Describe the tools they use.",
    ]
