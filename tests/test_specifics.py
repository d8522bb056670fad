"""Specifics the guides rarely have (bot/understand/specifics.py), and the answer that says so."""

from __future__ import annotations

from bot.understand.specifics import Specific, admission, missing_from, specifics_of


def test_places_employers_and_durations() -> None:
    assert specifics_of("What does a data analyst earn in Chicago?") == [
        Specific("place", "Chicago")
    ]
    assert specifics_of("Would Netflix pay an AI engineer well?") == [
        Specific("employer", "Netflix")
    ]
    assert specifics_of("Do analysts earn more at a consultancy?") == [
        Specific("employer", "a consultancy")
    ]
    assert specifics_of("How long does it take to learn SQL?")[0].kind == "duration"
    assert specifics_of("What tools does a data engineer use?") == []
    assert specifics_of("Is SQL used in Python?") == []  # a tool is not a place


def test_only_what_the_guides_never_mention_is_missing() -> None:
    asked = [Specific("place", "London"), Specific("place", "Chicago")]
    assert missing_from(asked, ["Analysts in London earn ..."]) == [Specific("place", "Chicago")]
    duration = [Specific("duration", "how long it takes")]
    assert missing_from(duration, ["Most people need 6 to 12 months."]) == []
    assert missing_from(duration, ["Learn SQL first."]) == duration


def test_the_admission_says_what_is_not_said() -> None:
    text = admission(
        [Specific("place", "Chicago")], "The figures they quote are for the United States."
    )
    assert text.startswith("The guides don't say anything specific to Chicago")
    assert text.endswith("United States.")


def test_an_answer_about_pay_in_a_city_says_so_first(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("How much does a data scientist make in Denver?")
    assert answer.text.startswith("The guides don't say anything specific to Denver")
    assert "United States" in answer.text.split("\n\n")[0] and answer.sources
