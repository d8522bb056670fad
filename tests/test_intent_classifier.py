"""The intent of a question by nearest neighbours over labelled examples, with the real model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.core.roles import Role, RoleCatalog
from bot.understand.intent_classifier import NONE, IntentClassifier, load_examples, rules_accuracy
from bot.understand.intents import BY_ID, intent_of

CATALOG = RoleCatalog(
    {
        "data-analyst": Role("data-analyst", "Data Analyst"),
        "data-engineer": Role("data-engineer", "Data Engineer"),
    }
)


@pytest.fixture(scope="module")
def classifier(real_model) -> IntentClassifier:  # type: ignore[no-untyped-def]
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    return IntentClassifier(embed)


def read(classifier: IntentClassifier, question: str) -> str:
    text = CATALOG.correct(question)
    found = classifier.intent_of(text, CATALOG.without_roles(text))
    return found.id if found else NONE


def test_examples_cover_every_intent_and_questions_with_none() -> None:
    examples = load_examples()
    assert set(examples) == {*BY_ID, NONE}
    assert all(len(group) >= 10 for group in examples.values())


def test_the_neighbours_separate_the_intents_better_than_the_word_rules(
    classifier: IntentClassifier,
) -> None:
    # Each example, left out, is read by the others (the word rules as evidence, and deciding
    # where the neighbours are unsure). Measured: 0.665 with 15 examples per intent, a cue
    # bonus of 0.2 and a margin of 0.1; 0.826 with 25 in more varied words, 0.1 and 0.03.
    # The word rules alone read 0.48 of the same examples right.
    loo = classifier.leave_one_out()
    assert loo >= 0.8
    assert loo > rules_accuracy(classifier.examples) + 0.25


# Questions written after the examples, in words none of them uses, with the intent meant.
NOVEL = [
    ("Which first course would you take to become a data analyst?", "getting_started"),
    ("How much does a data scientist bring home a year?", "salary"),
    ("What gadgets and software does a data engineer rely on?", "tools"),
    ("Is the data analyst job going to be around in 2035?", "outlook"),
    ("Do data engineers get to work in pyjamas from home?", "work_environment"),
    ("What do they quiz you on when you apply as a data scientist?", "interview"),
    ("Is an MBA or a physics degree better for a data analyst?", "education"),
    ("Are data engineers likely to be replaced by code-writing bots?", "ai_impact"),
    ("How does a data scientist fill the hours between stand-up and home time?", "typical_day"),
    ("What personality suits a data analyst?", "soft_skills"),
    ("Can a data analyst grow into a head of analytics?", "career_path"),
    ("I'm a chemist; how would I retrain as a data scientist?", "transition"),
]


def test_questions_in_words_no_example_uses(classifier: IntentClassifier) -> None:
    # Measured when written: the classifier reads 10 of the 12 right (the stand-up question
    # goes to work environment, the head-of-analytics one is left to the rules, which find
    # nothing); the word rules alone read 5. A classifier, not a lookup: a share, not all.
    right = sum(read(classifier, q) == intent for q, intent in NOVEL)
    by_rules = 0
    for question, intent in NOVEL:
        found = intent_of(CATALOG.correct(question))
        by_rules += (found.id if found else NONE) == intent
    assert right >= 10
    assert right >= by_rules + 4


def test_learn_first_is_no_pay_question(classifier: IntentClassifier) -> None:
    # "learn" is one letter from "earn": neither the typo fixer nor the reader may make a pay
    # question of it.
    for question in (
        "What should I learn before anything else to work as a data analyst?",
        "What do I pick up before anything else to work as a data analyst?",
    ):
        assert read(classifier, question) in {"getting_started", "skills"}


def test_a_bare_follow_up_asks_for_nothing_in_particular(classifier: IntentClassifier) -> None:
    assert read(classifier, "and for the data engineer?") == NONE


def test_a_cue_word_still_counts(classifier: IntentClassifier) -> None:
    # The model weighs one topic noun lightly; the word rules' cue tips it.
    assert read(classifier, "What is the job outlook for a data analyst?") == "outlook"
    assert read(classifier, "What is the salary of a data analyst?") == "salary"


def test_an_empty_question_falls_back_to_the_rules(classifier: IntentClassifier) -> None:
    assert classifier.guess("", "").sure is False
    assert classifier.intent_of("", "") is None


def test_learn_is_not_corrected_to_earn() -> None:
    assert CATALOG.correct("What should I learn first as a data analist?") == (
        "What should I learn first as a data analyst?"
    )


def test_what_to_learn_first_is_the_way_in_not_the_degree(classifier: IntentClassifier) -> None:
    # "study" alone is a cue of education; studying or learning *first* asks for the way in.
    for question in (
        "What should I pick up first if I want to become a data engineer?",
        "Which subject do I study before anything else to work as a data analyst?",
    ):
        assert read(classifier, question) == "getting_started"
    assert read(classifier, "Do data analysts need to study for a degree?") == "education"


def test_the_first_thing_to_learn_is_the_way_in_whatever_noun_names_it(
    classifier: IntentClassifier,
) -> None:
    # "skill" is a cue of skills, but the question asks what comes first: with a cue that
    # outvoted the neighbours (0.2) and no rule for "first <noun> to learn", it read skills.
    for question in (
        "What is the best first skill to learn for a data analyst?",
        "What is the first language I should pick up as a data engineer?",
    ):
        assert read(classifier, question) == "getting_started"
        assert intent_of(question).id == "getting_started"  # type: ignore[union-attr]


def test_working_conditions_are_the_work_environment(classifier: IntentClassifier) -> None:
    # Read as what the job involves before the examples said how people name conditions
    # at work: a two-part question with pay then answered only the pay.
    assert read(classifier, "What are the working conditions like for a data analyst?") == (
        "work_environment"
    )


def test_one_role_against_its_neighbours_asks_how_it_differs(classifier: IntentClassifier) -> None:
    # No intent said it before: these read as what the job is, and led with "What they do".
    for question in (
        "How does a data analyst's job differ from the roles next to it?",
        "What makes a data engineer unlike the people they work beside?",
    ):
        assert read(classifier, question) == "differs", question
