"""Who-wins questions and what they weigh, by nearest neighbour over labelled examples,
with the real model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.routes.verdict import figure_kind, verdict_kind
from bot.understand.routing import asks_verdict, decide
from bot.understand.weighing import LABELS, VERDICTS, WeighingClassifier, load_examples
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


@pytest.fixture(scope="module")
def classifier(real_model) -> WeighingClassifier:  # type: ignore[no-untyped-def]
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    return WeighingClassifier(embed)


def _read(classifier: WeighingClassifier, question: str):  # type: ignore[no-untyped-def]
    return classifier.classify(CATALOG.without_roles(question))


def test_examples_cover_every_label_and_name_no_role() -> None:
    examples = load_examples()
    assert set(examples) == set(LABELS)
    assert all(len(group) >= 12 for group in examples.values())
    assert not [u for group in examples.values() for u in group if CATALOG.resolve(u)]


def test_the_examples_separate_what_a_verdict_weighs(classifier: WeighingClassifier) -> None:
    # Left out one at a time, the verdict examples are read by the others (the thresholds'
    # own check); over all five labels the task is harder (pay tables vs pay verdicts), which
    # is why the word patterns still decide "who wins" unless the guess is confident.
    assert classifier.leave_one_out(VERDICTS) >= 0.8


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which one brings home the larger pay packet, a data analyst or a data engineer?", "pay"),
        ("Who gets the heftier salary, AI engineers or data scientists?", "pay"),
        ("Will there be more job openings for data engineers or for data analysts?", "growth"),
    ],
)
def test_a_who_wins_question_in_words_the_patterns_miss(
    classifier: WeighingClassifier, question: str, kind: str
) -> None:
    weighing = _read(classifier, question)
    assert weighing.verdict and weighing.nearest
    assert verdict_kind(question, weighing) == kind
    assert asks_verdict(question, weighing)
    named = CATALOG.resolve(question)
    assert decide(question, named, [], weighing).kind == "compare"


@pytest.mark.parametrize(
    "question",
    [
        "What do data analysts and data scientists each earn?",
        "How is an MLOps engineer different from a machine learning engineer?",
        "I'm a data analyst; how do I become a data engineer?",
    ],
)
def test_tables_and_moves_are_not_verdicts(classifier: WeighingClassifier, question: str) -> None:
    assert not asks_verdict(question, _read(classifier, question))


def test_pay_without_a_pay_word_is_read_as_pay(classifier: WeighingClassifier) -> None:
    # No pay word the patterns know ("lucrative"): the examples read it as pay.
    question = "Would data analysis or data engineering be the more lucrative career for me?"
    weighing = _read(classifier, question)
    assert figure_kind(question) is None and weighing.kind == "pay"
    assert verdict_kind(question, weighing) == "pay"


def test_an_other_criterion_is_not_read_as_pay(classifier: WeighingClassifier) -> None:
    weighing = _read(
        classifier, "Which involves more statistics, data science or analytics engineering?"
    )
    assert weighing.kind is None


# --- a criterion stated as the person's priority (session 9) -------------------------------


@pytest.mark.parametrize(
    ("question", "priority"),
    [
        ("If pay is the thing I care about above all, data analyst or data engineer?", "pay"),
        (
            "Being able to work from home matters most to me: AE or DS?",
            "being able to work from home",
        ),
        ("Low stress is my number one priority, data analyst or ML engineer?", "low stress"),
        ("I value job stability above everything else; MLOps or data science?", "job stability"),
        ("Speaking purely in terms of salary, AI engineer or data engineer?", "salary"),
        ("Career-wise, data scientist or data analyst?", "career"),
    ],
)
def test_a_priority_is_read_whatever_it_is(question: str, priority: str) -> None:
    from bot.understand.weighing import stated_priority

    assert stated_priority(CATALOG.without_roles(question)) == priority


@pytest.mark.parametrize(
    "question",
    [
        "Which skills matter most for a data analyst?",
        "What comes first when learning data science?",
        "Which pays more, a data analyst or a data engineer?",
        "How do data analysts and data scientists differ?",
    ],
)
def test_a_question_that_states_no_priority(question: str) -> None:
    from bot.understand.weighing import stated_priority

    assert stated_priority(CATALOG.without_roles(question)) == ""


def test_a_stated_priority_asks_who_wins_on_it(classifier: WeighingClassifier) -> None:
    from bot.routes.verdict import comparative_of, criterion_of

    pay = "My biggest concern is the money: analytics engineer or data analyst?"
    assert asks_verdict(pay, _read(classifier, pay))
    assert verdict_kind(pay, _read(classifier, pay)) == "pay"
    other = "Flexible hours come first for me — data engineer or data scientist?"
    weighing = _read(classifier, other)
    assert asks_verdict(other, weighing) and verdict_kind(other, weighing) is None
    assert criterion_of(other, CATALOG) == "flexible hours"
    assert comparative_of(other) == "better"


def test_priority_examples_raise_the_leave_one_out_fit(classifier: WeighingClassifier) -> None:
    # Measured on the bundled examples: over every label 0.63 before the priority examples
    # were added (91 examples), 0.69 after (110); among the verdict labels 0.87 -> 0.92;
    # with the low end of demand said (117 examples), 0.72.
    assert classifier.leave_one_out() >= 0.71
    assert classifier.leave_one_out(VERDICTS) >= 0.9


def test_growth_asked_of_a_career_is_not_read_as_pay(classifier: WeighingClassifier) -> None:
    # "profession grows" sat next to "which career is more lucrative?" (pay, 0.68) before
    # the growth examples spoke of jobs and occupations too
    for question in ("Which profession grows the fastest?", "which job expands most quickly?"):
        assert classifier.classify(question).kind == "growth"
    assert classifier.classify("Which career is the most lucrative?").kind == "pay"


def test_the_low_end_of_demand_is_read_as_growth(classifier: WeighingClassifier) -> None:
    # Every growth example said the high end ("grows fastest"): "add jobs most slowly" sat
    # at 0.644, below CONFIDENT, and an all-role question on it got no figures.
    for question in (
        "Which of these is expected to add jobs most slowly?",
        "Where will hiring grow least over the next decade?",
        "Which job has the fewest openings coming up?",
    ):
        assert classifier.classify(question).kind == "growth"
    # A criterion that merely sounds like growth stays unsure.
    assert classifier.classify("which grows your skills faster?").kind is None
