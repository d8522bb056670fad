"""Specifics the guides rarely have (bot/understand/specifics.py), and the answer that says so."""

from __future__ import annotations

import numpy as np
import pytest

from bot.understand.specifics import (
    QualifierClassifier,
    Specific,
    admission,
    as_said,
    missing_from,
    specifics_of,
)

ROLES = ["Data Scientist", "Data Engineer", "AI Engineer", "Data Analyst"]


def test_places_employers_and_durations() -> None:
    assert specifics_of("What does a data analyst earn in Chicago?") == [
        Specific("place", "Chicago")
    ]
    assert specifics_of("Would Netflix pay an AI engineer well?", ROLES) == [
        Specific("employer", "Netflix")
    ]
    assert specifics_of("Do analysts earn more at a consultancy?") == [
        Specific("employer", "a consultancy")
    ]
    assert specifics_of("How long does it take to learn SQL?")[-1].kind == "duration"
    assert specifics_of("What tools does a data engineer use?") == []
    # Names and years by their form, whatever they are: the retrieved text decides.
    assert Specific("year", "2015") in specifics_of("What did analysts earn in 2015?")
    assert specifics_of("Do I need an H-1B visa for this?") == [Specific("name", "H-1B")]
    assert specifics_of("Is the pay better at a large bank than elsewhere?") == [
        Specific("employer", "a large bank")
    ]
    # The capital that opens a sentence is not a name; a role's name never is.
    assert specifics_of("Which pays more, a Data Scientist or a Data Engineer?", ROLES) == []
    tools = specifics_of("Is SQL used in Python?")
    assert missing_from(tools, ["Analysts write SQL and some Python."]) == []


def test_only_what_the_guides_never_mention_is_missing() -> None:
    asked = [Specific("place", "London"), Specific("place", "Chicago")]
    assert missing_from(asked, ["Analysts in London earn ..."]) == [Specific("place", "Chicago")]
    duration = [Specific("duration", "how long it takes")]
    assert missing_from(duration, ["Most people need 6 to 12 months."]) == []
    assert missing_from(duration, ["Learn SQL first."]) == duration
    assert missing_from([Specific("name", "US")], ["The U.S. Bureau of Labor Statistics"]) == []
    year = [Specific("year", "2016")]
    assert missing_from(year, ["a median of $91,290 in May 2024"]) == year


def test_the_admission_says_what_is_not_said() -> None:
    text = admission(
        [Specific("place", "Chicago")], "The figures they quote are for the United States."
    )
    assert text.startswith("The guides don't say anything specific to Chicago")
    assert text.endswith("United States.")
    assert admission([Specific("year", "2016")]).startswith(
        "The guides don't say anything for 2016"
    )


def test_an_answer_about_pay_in_a_city_says_so_first(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("How much does a data scientist make in Denver?")
    assert answer.text.startswith("The guides don't say anything specific to Denver")
    assert "United States" in answer.text.split("\n\n")[0] and answer.sources


def test_qualifiers_in_lowercase_by_their_form() -> None:
    from bot.understand.specifics import qualifiers_of

    def said(question: str) -> list[tuple[str, str]]:
        return [(s.kind, s.words) for s in qualifiers_of(question, ROLES)]

    assert said("Do the immigration rules let me work as a data analyst?") == [
        ("qualifier", "immigration rules")
    ]
    assert said("What would an AI engineer earn in my town?") == [("own", "your town")]
    assert said("Can I be a data engineer with a prison record?") == [
        ("qualifier", "with a prison record")
    ]
    assert said("Could I work freelance as a data scientist from overseas?") == [
        ("qualifier", "from overseas"),
        ("qualifier", "freelance work"),
    ]
    assert said("Can a data analyst work on a visa sponsorship?") == [
        ("qualifier", "on a visa sponsorship")
    ]
    # Sayings, a move's starting point and role names are no qualifiers.
    assert said("In general, how do I move from teaching to data science?") == []
    assert said("Which is better for remote work, a data analyst or a data engineer?") == []


def test_a_qualifier_the_guides_speak_to_in_their_own_words_is_not_missing() -> None:
    from bot.understand.specifics import said_lexically

    assert said_lexically("stakeholders", ["An analyst defines metrics with stakeholders."])
    assert not said_lexically("criminal record", ["Analysts keep records of requests."])


def test_where_a_move_starts_is_no_qualifier() -> None:
    from bot.understand.specifics import qualifiers_of

    assert qualifiers_of("Starting from accountant, what is my plan?", ROLES) == []
    assert qualifiers_of("Coming from nursing, how do I begin?", ROLES) == []
    assert [s.words for s in qualifiers_of("Can I work remote from abroad?", ROLES)] == [
        "from abroad"
    ]


# --- which qualifiers narrow the asked fact (session 11) ------------------------------------


@pytest.fixture(scope="module")
def qualifiers(real_model) -> QualifierClassifier:  # type: ignore[no-untyped-def]
    def embed(texts):  # type: ignore[no-untyped-def]
        return np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)

    return QualifierClassifier(embed)


def test_the_qualifier_examples_hold_up_left_out(qualifiers: QualifierClassifier) -> None:
    assert qualifiers.leave_one_out() >= 0.8


def test_a_qualifier_about_the_work_does_not_narrow_the_fact(
    qualifiers: QualifierClassifier,
) -> None:
    # Parts of the work, how it is done and where the person starts from: the guides'
    # own subjects, never "missing" from them.
    for phrase in ("on a daily basis", "in a typical week", "to a table", "working from home"):
        assert not qualifiers.read(phrase).narrows, phrase
    assert not qualifiers.read(as_said(Specific("qualifier", "from home", "home"))).narrows
    # A place, a legal status, a record, a contract: cases the guides are not written for.
    for phrase in ("with a criminal record", "in your town", "work visas", "freelance work"):
        assert qualifiers.read(phrase).narrows, phrase
    assert qualifiers.read(as_said(Specific("qualifier", "from overseas", "overseas"))).narrows


def test_an_employer_named_only_inside_a_product_name_is_missing() -> None:
    # "Amazon Redshift" is a warehouse, no word on what Amazon pays.
    amazon = [Specific("employer", "Amazon")]
    assert missing_from(amazon, ["Analysts query Snowflake or Amazon Redshift."]) == amazon
    assert missing_from(amazon, ["Amazon hires many analysts."]) == []
    # "start-up" is "startup".
    startup = [Specific("employer", "a startup")]
    assert missing_from(startup, ["At a start-up, one engineer may cover everything."]) == []


def test_the_periods_the_figures_are_for_and_a_question_s_own_words_narrow_nothing(
    qualifiers: QualifierClassifier,
) -> None:
    from bot.understand.specifics import qualifiers_of

    # Annual pay and ten-year projections are what the guides' figures are for.
    for phrase in ("in a year", "in the years ahead"):
        assert not qualifiers.read(phrase).narrows, phrase
    assert qualifiers.read("in 2031").narrows
    # "and in what way?" asks; it narrows the question to nothing.
    asked = qualifiers_of("Does a data analyst need to be good with people, and in what way?")
    assert [q.words for q in asked] == ["with people"]


# --- the facet a whole question asks for (session 12) ---------------------------------------


@pytest.fixture(scope="module")
def facets(real_model):  # type: ignore[no-untyped-def]
    from bot.understand.specifics import FacetClassifier

    def embed(texts):  # type: ignore[no-untyped-def]
        return np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)

    return FacetClassifier(embed)


def test_the_facet_classifier_reads_its_own_examples(facets) -> None:  # type: ignore[no-untyped-def]
    assert facets.leave_one_out() >= 0.8


def test_a_facet_with_no_form_of_its_own_is_read_from_the_whole_question(facets) -> None:  # type: ignore[no-untyped-def]
    # Wordings none of the examples has: no capital, year or pattern marks these.
    for question, facet in (
        ("would a firm take me on at sixty-three", "age"),
        ("could a foreign national get their visa sponsored for this", "visa"),
        ("are there unions that represent them", "union"),
        ("what percentage of them are part-timers", "share"),
        ("what will they be paid three years from now", "future_pay"),
        ("what is a realistic timeline to get my first offer", "duration"),
    ):
        assert facets.read(question).facet == facet, question
    # Ordinary questions the guides answer read as none.
    for question in (
        "what do they earn",
        "can I do this job from home",
        "do I need a master's degree",
        "what is a day like",
        "how do I move over from accounting",
    ):
        assert facets.read(question).facet == "none", question
