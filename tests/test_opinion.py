"""Opinion (bot/understand/opinion.py): each side of what someone says about work, liked or
disliked, and what it is about. Pure functions over text."""

from __future__ import annotations

import pytest

from bot.understand.opinion import is_question, opinion_of, opinions, predicated, sides, thing_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I love digging into numbers but hate sitting in meetings",
            [("like", "digging into numbers"), ("dislike", "sitting in meetings")],
        ),
        (
            "I'm not into meetings at all, I just want to build backend systems",
            [("dislike", "meetings"), ("like", "build backend systems")],
        ),
        (
            "Anything but coding all day, I like explaining findings to managers",
            [("dislike", "coding all day"), ("like", "explaining findings to managers")],
        ),
        (
            "I enjoy deploying models to production, though writing reports bores me",
            [("like", "deploying models to production"), ("dislike", "writing reports")],
        ),
    ],
)
def test_each_side_of_a_contrast_is_read_on_its_own(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(o.polarity, o.thing) for o in opinions(text)] == expected


@pytest.mark.parametrize(
    "side",
    [
        "not a fan of dashboards",  # VADER: a negated positive
        "I am tired of writing reports",  # VADER: a negative word
        "meetings drain me",  # no sentiment word VADER knows: the aversion frame
        "coding all day sounds like a nightmare",  # VADER scores "like" positive
        "keep me away from production incidents",
        "presenting is my least favourite part",
        "I could do without on-call shifts",
    ],
)
def test_dislikes_said_many_ways(side: str) -> None:
    assert opinion_of(side).polarity == "dislike"


def test_a_negated_negative_is_not_a_dislike() -> None:
    assert opinion_of("I don't mind meetings").polarity != "dislike"
    assert opinion_of("I wouldn't hate working with people").polarity != "dislike"


def test_questions_and_plain_facts_hold_no_opinion() -> None:
    assert sides("Which role fits me?") == []
    assert opinions("I love statistics. What job would suit me?") == opinions("I love statistics")
    assert opinions("I know SQL and Python") == []


def test_the_thing_is_said_without_its_frame() -> None:
    assert thing_of("I'd take designing experiments") == "designing experiments"
    assert thing_of("writing reports bores me") == "writing reports"
    assert thing_of("no more spreadsheets please") == "spreadsheets"
    # nothing to strip: the side as said
    assert thing_of("backend systems") == "backend systems"


@pytest.mark.parametrize(
    ("side", "polarity", "thing"),
    [
        ("Kafka consumers fascinate me", "like", "Kafka consumers"),
        ("model governance leaves me cold", "dislike", "model governance"),
        ("on-call rotas do nothing for me", "dislike", "on-call rotas"),
        ("feature engineering is my thing", "like", "feature engineering"),
        ("ad-hoc reporting is a slog", "dislike", "ad-hoc reporting"),
        ("Honestly, budget spreadsheets are not for me", "dislike", "budget spreadsheets"),
    ],
)
def test_an_opinion_said_of_a_thing_that_comes_first(side: str, polarity: str, thing: str) -> None:
    # Whatever the verb, the words before the predicate are the thing; the predicate alone
    # carries the opinion (before: the verdict stayed in the thing, "... fascinate me").
    found = opinion_of(side)
    assert (found.polarity, found.thing) == (polarity, thing)


def test_a_bare_denial_is_the_opposite_of_the_opinion_before_it() -> None:
    text = "Graph databases thrill me; spreadsheets do not."
    assert [(o.polarity, o.thing) for o in opinions(text)] == [
        ("like", "Graph databases"), ("dislike", "spreadsheets")
    ]  # fmt: skip
    assert opinion_of("spreadsheets do not").polarity == "neutral"  # nothing to deny


def test_things_said_of_joined_by_a_comma_are_two_sides() -> None:
    assert sides("Data contracts excite me, slide decks bore me") == [
        "Data contracts excite me", "slide decks bore me"
    ]  # fmt: skip
    # a list is not two sides
    assert sides("I like tidy, tested models") == ["I like tidy, tested models"]
    # a question word is no thing: "how does ... progress" is asked, not said of
    assert predicated("How does a career progress") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Not keen on dashboards, love building pipelines",
            [("dislike", "dashboards"), ("like", "building pipelines")],
        ),
        (
            "I like statistics and dislike infrastructure work",
            [("like", "statistics"), ("dislike", "infrastructure work")],
        ),
        (
            "Less reporting, more engineering - which role?",
            [("dislike", "reporting"), ("like", "engineering")],
        ),
        (
            "I enjoy presenting findings but can't stand on-call duty",
            [("like", "presenting findings"), ("dislike", "on-call duty")],
        ),
        ("I don't mind SQL but hate dashboards", [("like", "SQL"), ("dislike", "dashboards")]),
    ],
)
def test_a_contrast_without_but_and_the_scope_of_a_negation(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(o.polarity, o.thing) for o in opinions(text)] == expected


def test_a_list_of_likes_and_an_opener_are_no_contrast() -> None:
    assert [(o.polarity, o.thing) for o in opinions("I like Python, SQL and dashboards")] == [
        ("like", "Python, SQL and dashboards")
    ]
    said = opinions("Honestly, building reports for managers is soul-destroying")
    assert [o.polarity for o in said] == ["dislike"]


def test_an_affirmed_ellipsis_is_the_contrast_of_a_dislike() -> None:
    # s12: "X is not for me; Y is." Before, the bare "is" held no opinion, so the like was
    # lost and the fit ranked by the dislike alone (MLOps first for a Tableau lover).
    text = "Writing Java services is not for me; drawing maps in QGIS is."
    assert [(o.polarity, o.thing) for o in opinions(text)] == [
        ("dislike", "Writing Java services"), ("like", "drawing maps in QGIS")
    ]  # fmt: skip
    # an echo repeats the opinion before it, whichever it was
    assert [o.polarity for o in opinions("Cron jobs bore me; ticket queues do too.")] == [
        "dislike", "dislike"
    ]  # fmt: skip
    assert opinion_of("maps are").polarity == "neutral"  # nothing before to contrast


def test_a_free_relative_says_rather_than_asks() -> None:
    # s12: "what I enjoy is X" opens with "what" but asks nothing: before, it was taken for
    # the question, and the like it states was lost.
    side = "what I truly love is cleaning survey data"
    assert not is_question(side) and is_question("what should I learn first")
    assert (opinion_of(side).polarity, thing_of(side)) == ("like", "cleaning survey data")
    assert sides("Budgets tire me; where I shine is teaching. What job?") == [
        "Budgets tire me", "where I shine is teaching"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("side", "thing"),
    [
        ("I find spreadsheet macros tedious", "spreadsheet macros"),
        ("I have zero interest in sales calls", "sales calls"),
        ("Night shifts would make me miserable", "Night shifts"),
    ],
)
def test_a_dislike_said_with_a_judgement_or_a_modal(side: str, thing: str) -> None:
    # s12: the frame stayed in the thing ("I find spreadsheet macros", "Night shifts
    # would"), and that is what the fit searched the guides for as the dislike.
    assert (opinion_of(side).polarity, thing_of(side)) == ("dislike", thing)
