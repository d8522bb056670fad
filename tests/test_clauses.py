"""bot.understand.clauses: a question that asks two different things is cut in two."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.understand.clauses import MAX_PARTS, Reader, SameSection, parts_of
from bot.understand.intent_classifier import IntentClassifier
from bot.understand.intents import BY_ID, same_section
from tests.guides import CORPUS, bundled_catalog


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
        # A phrase that frames the question after it holds no question of its own, though
        # the classifier may read one in it ("role" is near the role-description intents).
        "Role by role, what degrees do employers look for?",
        "Job by job, how much do they pay?",
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


@pytest.mark.parametrize(
    "question",
    [
        # "and" joins two nouns of one question: the right side is no clause of its own.
        "What skills and tools does a data engineer need?",
        "What is the pay and job outlook for a data engineer?",
    ],
)
def test_nouns_joined_by_and_stay_one_question(read: Reader, question: str) -> None:
    assert parts_of(question, read) == [question]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "What do data engineers earn, and how do they progress?",
            ["What do data engineers earn?", "How do they progress?"],
        ),
        (
            "Tell me their salary plus what tools they use",
            ["Tell me their salary?", "What tools they use?"],
        ),
    ],
)
def test_a_joined_clause_that_asks_on_its_own_is_a_part(
    read: Reader, question: str, parts: list[str]
) -> None:
    assert parts_of(question, read) == parts


# ---- the section check: two asks the guides answer in one section are one question ------


def bundled_sections() -> SameSection:
    """Which intents the bundled guides answer in one section, read from their headings."""
    headings = [
        [line[3:].strip() for line in path.read_text().splitlines() if line.startswith("## ")]
        for path in sorted(CORPUS.glob("*.md"))
    ]

    def same(first: str, second: str) -> bool:
        if first not in BY_ID or second not in BY_ID:
            return first == second
        return all(same_section(BY_ID[first], BY_ID[second], h) for h in headings)

    return same


@pytest.mark.parametrize(
    "question",
    [
        # Pay and outlook: one section ("Salary and job outlook") answers both.
        "What do machine learning engineers earn, and are they in demand?",
        # Degree and certificates: "Education and certifications".
        "What degree does a data scientist need, and which certifications help?",
    ],
)
def test_two_asks_one_section_answers_stay_one_question(read: Reader, question: str) -> None:
    # Without the section check each was cut in two, and both parts quoted the same section.
    assert len(parts_of(question, read)) == 2
    assert parts_of(question, read, bundled_sections()) == [question]


def test_asks_for_two_sections_are_still_cut(read: Reader) -> None:
    question = "What are the working conditions like for a data scientist, and what's the salary?"
    # The first part, the work environment, is asked first and so answered first.
    assert parts_of(question, read, bundled_sections()) == [
        "What are the working conditions like for a data scientist?",
        "What's the salary?",
    ]


def test_a_guide_with_pay_and_prospects_apart_keeps_them_apart() -> None:
    # The guides' own headings decide, not a list of intents that go together.
    salary, outlook = BY_ID["salary"], BY_ID["outlook"]
    assert same_section(salary, outlook, ["Overview", "Salary and job outlook"])
    assert not same_section(salary, outlook, ["Overview", "Pay", "Prospects"])
    assert not same_section(salary, BY_ID["tools"], ["Salary and job outlook", "Tools"])
    assert not same_section(salary, outlook, ["Overview"])  # neither covered: no section
