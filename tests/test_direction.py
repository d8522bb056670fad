"""Direction (bot/understand/direction.py): whether someone who said what they like or
dislike asks which role would suit them, by nearest neighbours over labelled requests with
the real model; the asking part of a question; preferences said with nothing asked."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.understand.direction import (
    DirectionClassifier,
    asks_direction,
    load_examples,
    only_preferences,
    request_of,
)


@pytest.fixture(scope="module")
def direction(real_model) -> DirectionClassifier:  # type: ignore[no-untyped-def]
    def embed(texts: Sequence[str]) -> np.ndarray:
        m = np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    return DirectionClassifier(embed)


def test_the_examples_separate_direction_from_topics(direction: DirectionClassifier) -> None:
    assert set(load_examples()) == {"direction", "topic"}
    assert direction.leave_one_out() >= 0.85


@pytest.mark.parametrize(
    "request_",
    [
        "So what would you have me do?",
        "Got any idea which profession I should chase?",
        "What would be the job for me then?",
        "Where do you see me working?",
    ],
)
def test_requests_for_direction_in_new_words(direction: DirectionClassifier, request_: str) -> None:
    assert direction.classify(request_).asks


@pytest.mark.parametrize(
    "request_",
    ["Which SQL course is best?", "How much could I earn?", "What should I read first?"],
)
def test_questions_about_a_topic_are_not_direction(
    direction: DirectionClassifier, request_: str
) -> None:
    assert not direction.classify(request_).asks


def test_the_asking_part_leaves_out_what_the_person_said() -> None:
    text = "Tuning dashboards sounds dreary to me; I'd rather build recommenders. What now, then?"
    assert request_of(text) == "What now, then?"
    assert request_of("Excel bores me, any thoughts on my next step?") == (
        "any thoughts on my next step?"
    )
    assert request_of("Excel bores me. Graph databases excite me.") == ""


def test_preferences_alone_ask_for_direction(direction: DirectionClassifier) -> None:
    assert only_preferences("Excel bores me. Graph databases excite me.")
    assert asks_direction("Excel bores me. Graph databases excite me.", direction)
    # a statement that is not about what the person likes asks for nothing
    assert not only_preferences("My laptop arrived yesterday.")
    assert not only_preferences("My laptop arrived yesterday. Graph databases excite me.")
    # in a conversation about some roles, "I like that." is a reply about them
    assert not asks_direction("I like that.", direction, in_context=True)


def test_a_topic_question_after_preferences_is_not_direction(
    direction: DirectionClassifier,
) -> None:
    assert not asks_direction("I love statistics. Which Python library should I learn?", direction)
    assert asks_direction("I love statistics. Any clue where I'd fit best?", direction)


def test_a_request_with_a_kind_word_is_no_preference() -> None:
    # "good" is positive to VADER, but nobody said what they like.
    assert not only_preferences("Suggest a nice podcast for my commute")
    assert only_preferences("Podcasts about data engineering thrill me.")
