"""Reference (bot/routes/reference.py): which occupation each figure in a sentence describes,
and how a ranking names it (own occupation, stand-in, one of several reference points,
shared, a category that includes the role). Pure text: no model, no store."""

from __future__ import annotations

from dataclasses import replace

from bot.routes.figures import figures_in
from bot.routes.reference import described, occupation_near, reference_of

TWO_POINTS = (
    'The U.S. Bureau of Labor Statistics has no "analytics engineer" occupation, so the nearest '
    "official reference points are database architects, with a median wage of $135,980 in May "
    "2024, and data scientists, with a median of $112,590 in May 2024 (BLS Occupational Outlook "
    "Handbook, United States)."
)
STAND_IN = (
    "The U.S. Bureau of Labor Statistics does not track AI engineers as a separate occupation; "
    "the closest category, Software Developers, had a median annual wage of $133,080 in May 2024."
)
OWN = (
    "In the United States, data scientists earned a median annual wage of $112,590 in May 2024, "
    "according to the U.S. Bureau of Labor Statistics (BLS) Occupational Outlook Handbook."
)
GROWTH = (
    "BLS projects employment of operations research analysts in the United States to grow "
    "about 21 percent from 2024 to 2034."
)
CATEGORY = "Employment of mathematicians and statisticians is projected to grow 11 percent."


def test_each_figure_gets_the_occupation_named_next_to_it() -> None:
    first, second = figures_in(TWO_POINTS)
    assert occupation_near(first) == "database architects"
    assert occupation_near(second) == "data scientists"
    (figure,) = figures_in(STAND_IN)
    assert occupation_near(figure) == "Software Developers"
    (growth,) = figures_in(GROWTH)
    assert occupation_near(growth) == "operations research analysts"


def test_one_of_two_reference_points_says_so_and_names_the_other() -> None:
    first, second = figures_in(TWO_POINTS)
    reference = reference_of(first, "Analytics Engineer", (first, second))
    text = described(first, reference, "Analytics Engineer")
    assert text.startswith("$135,980 for database architects")
    assert "one of the two official reference points" in text
    assert "data scientists, $112,590" in text
    assert "neighbouring official occupation's figure" not in text


def test_a_stand_in_a_shared_figure_and_an_own_occupation() -> None:
    (figure,) = figures_in(STAND_IN)
    reference = reference_of(figure, "AI Engineer")
    assert not reference.own and reference.stand_in
    shared = described(figure, replace(reference, shared_with=3), "AI Engineer")
    assert shared == (
        "$133,080 for Software Developers, the nearest official occupation; three other "
        "roles' guides quote the same figure"
    )
    (own,) = figures_in(OWN)
    reference = reference_of(own, "Data Scientist")
    assert reference.own
    assert described(own, reference, "Data Scientist") == (
        "$112,590, the official figure for data scientists themselves"
    )


def test_a_wider_category_that_includes_the_role() -> None:
    (figure,) = figures_in(CATEGORY)
    reference = reference_of(figure, "Statistician")
    assert reference.includes_role and not reference.own
    assert described(figure, reference, "Statistician") == (
        "+11% for mathematicians and statisticians, the official category that includes "
        "statisticians"
    )
    (actuaries,) = figures_in("Employment of actuaries is projected to grow 22 percent.")
    assert reference_of(actuaries, "Actuary").own  # "actuaries", not "actuarys"


def test_a_ranking_names_a_figure_as_the_verdicts_do() -> None:
    # one naming: the reference reads ``Figure.named`` (else the sentence's occupation)
    for sentence in (TWO_POINTS, STAND_IN, OWN, GROWTH, CATEGORY):
        for figure in figures_in(sentence):
            assert occupation_near(figure) == (figure.named or figure.occupation)
