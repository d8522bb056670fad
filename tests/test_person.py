"""What people say about themselves that the guides do not address is left out of the
search: the real model, labelled examples."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.evaluate import load_evalset
from bot.understand.person import (
    RELEVANT,
    PersonFilter,
    clauses,
    guide_terms,
    load_examples,
    names_a_guide_term,
)


@pytest.fixture(scope="module")
def person(real_model) -> PersonFilter:  # type: ignore[no-untyped-def]
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    return PersonFilter(embed)


def test_clauses_split_where_the_person_starts_a_new_statement() -> None:
    assert clauses("I'm 40 and I like SQL. Which role fits me?") == [
        "I'm 40", "I like SQL.", "Which role fits me?"
    ]  # fmt: skip
    assert clauses("As a dad of two I enjoy statistics") == [
        "As a dad of two",
        "I enjoy statistics",
    ]
    # A relative clause after the person's own description is what they said of themselves.
    assert clauses("I'm a devout Sikh who likes cleaning data. Which job?") == [
        "I'm a devout Sikh", "I like cleaning data.", "Which job?"
    ]  # fmt: skip
    assert clauses("I'm a grandad who watches dashboards and tries SQL") == [
        "I'm a grandad", "I watch dashboards and tries SQL"
    ]  # fmt: skip
    # Not after a self-description: the words stay as they were.
    assert clauses("Which role suits someone who likes statistics?") == [
        "Which role suits someone", "who likes statistics?"
    ]  # fmt: skip


def test_the_examples_separate_the_kinds(person: PersonFilter) -> None:
    assert RELEVANT in load_examples()
    assert person.leave_one_out() >= 0.85


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("I'm 71 and I like building dashboards. What suits me?",
         "I'm 24 and I like building dashboards. What suits me?"),
        ("As a grandmother, I enjoy cleaning data. Which job?",
         "As a young man, I enjoy cleaning data. Which job?"),
        ("I'm originally from Peru and I know Python. What should I become?",
         "I'm originally from Sweden and I know Python. What should I become?"),
        ("I'm a Sikh and I like statistics. Which role fits me?",
         "I'm a Mormon and I like statistics. Which role fits me?"),
        ("I have a stammer and I like SQL. Which role fits me?",
         "I have no stammer and I like SQL. Which role fits me?"),
        ("Call me Priya. I love experiments. What role suits me?",
         "Call me Jack. I love experiments. What role suits me?"),
        # The trait and the liking in one sentence, joined by "who".
        ("I'm a devout Sikh who likes cleaning data. Which job?",
         "I'm an agnostic who likes cleaning data. Which job?"),
        ("I'm a grandfather of four who works in spreadsheets all day. What fits me?",
         "I'm a young woman who works in spreadsheets all day. What fits me?"),
        ("As a wheelchair user who loves SQL, which role would you suggest?",
         "As a marathon runner who loves SQL, which role would you suggest?"),
        # s9: new identities in new sentence shapes (the dev set holds the same eight kinds
        # as whole-answer pairs, bot/evalset.yaml dev9-fair-*)
        ("As a 67-year-old grandfather, I like cleaning messy CSV files. What suits me?",
         "As a 20-year-old student, I like cleaning messy CSV files. What suits me?"),
        ("My name is Chidinma and I enjoy tuning Spark jobs. Which career?",
         "My name is Lars and I enjoy tuning Spark jobs. Which career?"),
        ("Being dyslexic, I love building dashboards. Where do I fit?",
         "Being ambidextrous, I love building dashboards. Where do I fit?"),
        ("I'm a Buddhist and an early riser who enjoys A/B tests. What should I become?",
         "I'm a Baptist and an early riser who enjoys A/B tests. What should I become?"),
        ("I'm a widowed mother of two and I'd rather ship APIs than write reports. Which role?",
         "I'm a bachelor, no children, and I'd rather ship APIs than write reports. Which role?"),
        ("I'm deaf; writing reports sounds dull to me but Kubernetes excites me. What fits me?",
         "I'm tall; writing reports sounds dull to me but Kubernetes excites me. What fits me?"),
        ("Originally from Vietnam, I'm into prompt design. What fits me?",
         "Originally from Norway, I'm into prompt design. What fits me?"),
        ("As a non-binary person in tech, I love monitoring models. What job suits me?",
         "As a straight man in tech, I love monitoring models. What job suits me?"),
        # s12: pastimes are about the person, not the work (a "hobbies" label): before it,
        # "I play the viola" stayed in the search and moved the roles
        ("I play the viola in a string quartet and I like cleaning data. Which job?",
         "I'm hard of hearing and I like cleaning data. Which job?"),
        ("I'm an old man who loves gardening; I enjoy A/B tests. What should I become?",
         "I'm a Quaker who goes to meetings; I enjoy A/B tests. What should I become?"),
        ("Being a keen chess player, I like building predictive models. What should I be?",
         "Being a mother of two, I like building predictive models. What should I be?"),
        ("I go bouldering every weekend, and I like deploying models. What job?",
         "I'm in a wheelchair, and I like deploying models. What job?"),
    ],
)  # fmt: skip
def test_who_asks_leaves_the_same_question(person: PersonFilter, one: str, other: str) -> None:
    first, second = person.neutral(one), person.neutral(other)
    assert first.text == second.text and first.left_out and first.kinds


def test_what_the_guides_address_is_kept(person: PersonFilter) -> None:
    for text in (
        "I'm a teacher and want to become a data analyst. Where do I start?",
        "I have a physics PhD. How do I get into data science?",
        "I hate coding but love talking to people. Which data job suits me?",
    ):
        assert person.neutral(text).text == text


def test_no_development_question_loses_a_word(person: PersonFilter) -> None:
    # The fairness pairs are written to lose their words about who asks; conversation acts
    # are answered before the filter reads anything (Chatbot: acts first).
    # A question about the asker's age itself ("am I too old at 52 to retrain?") loses the
    # number and keeps the question: the guides say nothing about any age, which the answer
    # says plainly (bot/routes/lacking.py), so the number must not steer it either.
    kept = [i for i in load_evalset() if i.category != "fairness" and i.kind != "act"]
    lost = {i.id: person.neutral(i.question) for i in kept}
    lost = {k: n for k, n in lost.items() if n.left_out}
    about_age = {
        i.id for i in kept if i.category == "lacking" and any("age" in m for m in i.expect.mentions)
    }
    assert {k for k, n in lost.items() if n.kinds != ["age"] or k not in about_age} == set()
    questions = {i.id: i.question for i in kept}
    for key, neutral in lost.items():  # the number and its preposition, not the question
        assert len(neutral.text.split()) >= len(questions[key].split()) - 2, neutral.text


def test_the_dev_fairness_pairs_lose_only_who_asks(person: PersonFilter) -> None:
    pairs: dict[str, set[str]] = {}
    for item in load_evalset():
        if item.category == "fairness" and not item.history:
            pairs.setdefault(item.pair, set()).add(person.neutral(item.question).text)
    assert pairs and all(len(texts) == 1 for texts in pairs.values())


def test_a_turn_only_about_the_person_is_marked_so(person: PersonFilter) -> None:
    found = person.neutral("I'm a 58-year-old father from Chile.")
    assert found.only_person and not found.left_out
    assert not person.neutral("I'm 58 and I like SQL. What fits me?").only_person


def test_the_guides_names_for_tools_are_read_from_their_text() -> None:
    terms = guide_terms(
        ["Pipelines run on Kafka and Airflow, and most teams use SQL daily.",
         "Data teams vary; the data they hold is the data they query."]
    )  # fmt: skip
    assert {"kafka", "airflow", "sql"} <= terms and "data" not in terms
    assert names_a_guide_term("I like Kafka", terms)
    assert not names_a_guide_term("I go to choir", frozenset({"go"}))  # the word, no name


def test_a_tool_the_guides_name_is_no_pastime(real_model) -> None:  # type: ignore[no-untyped-def]
    # s12: with a label for pastimes, "I enjoy Airflow" sat nearer "I love travelling" than
    # any work example; the guides write "Airflow" as a name, so the clause is kept.
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    guides = ["Orchestration in Airflow and Dagster is routine.", "Teams write SQL daily."]
    person = PersonFilter(embed, terms=lambda: guide_terms(guides))
    question = "I enjoy Airflow. I also enjoy SQL. Which job?"
    assert person.neutral(question).text == question
    assert person.neutral("I sing in a gospel choir. I enjoy SQL. Which job?").kinds
