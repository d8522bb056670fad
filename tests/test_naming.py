"""Naming guides without front matter: titles without "Career Guide", role ids from file
names, aliases a reader would use, and guessed aliases dropped when another role owns them."""

from __future__ import annotations

import pytest

from ingest.naming import (
    Named,
    clean_title,
    derived_aliases,
    drop_collisions,
    people_name,
    singular,
    singular_name,
    stem_words,
    text_aliases,
    title_from_stem,
)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Data Architect: Career Guide", "Data Architect"),
        (
            "Software Engineer (Data Science): A Comprehensive Career Guide",
            "Software Engineer (Data Science)",
        ),
        ("BI Developer Career Guide", "BI Developer"),
        ("Data Steward - The Complete Guide", "Data Steward"),
        ("Career Guide: Data Product Manager", "Data Product Manager"),
        ("**Data Architect**", "Data Architect"),
        ("Tour Guide", "Tour Guide"),
        ("Career Guide", "Career Guide"),
        ("Data Engineer", "Data Engineer"),
    ],
)
def test_clean_title_drops_only_the_guide_words(heading: str, title: str) -> None:
    assert clean_title(heading) == title


def test_role_and_title_from_a_file_name() -> None:
    assert stem_words("data-architect-career-guide") == "data architect"
    assert stem_words("BI_Developer") == "BI Developer"
    assert stem_words("quantum_analyst") == "quantum analyst"
    assert title_from_stem("database-administrator") == "Database Administrator"
    assert title_from_stem("BI-developer-guide") == "BI Developer"


def test_aliases_from_the_title_and_the_guide_text() -> None:
    assert derived_aliases("Data Architect", "Data architects design models.") == ["DA"]
    # The abbreviation the guide introduces beats initials.
    dba = "Database administrators (DBAs) keep databases running."
    assert derived_aliases("Database Administrator", dba) == ["DBA"]
    # An abbreviation in the title is spelt out when the text spells it out; no initials.
    bi = "Business intelligence (BI) developers build dashboards."
    assert derived_aliases("BI Developer", bi) == ["Business Intelligence Developer"]
    assert derived_aliases("Business Intelligence (BI) Developer", "") == ["BI Developer"]
    # One word, or many: no initials.
    assert derived_aliases("Statistician", "") == []
    assert derived_aliases("Head of Data Platform Engineering", "") == []


def test_guessed_aliases_another_role_answers_to_are_dropped() -> None:
    guides = [
        Named("data-analyst", "Data Analyst", ("DA", "BI analyst")),
        Named("data-architect", "Data Architect", (), ("DA",)),
        Named("database-administrator", "Database Administrator", (), ("DBA",)),
    ]
    kept = drop_collisions(guides)
    assert kept == {"data-analyst": (), "data-architect": (), "database-administrator": ("DBA",)}


def test_two_guesses_that_collide_both_go() -> None:
    guides = [
        Named("data-architect", "Data Architect", (), ("DA",)),
        Named("data-auditor", "Data Auditor", (), ("DA",)),
    ]
    assert drop_collisions(guides) == {"data-architect": (), "data-auditor": ()}
    # Alone, the guess stays.
    assert drop_collisions(guides[:1]) == {"data-architect": ("DA",)}


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("So You Want to Be a Statistician?", "Statistician"),
        ("Careers in Actuarial Science", "Actuarial Science"),
        ("A Guide to Becoming an Operations Research Analyst", "Operations Research Analyst"),
        ("How to become a data steward", "Data steward"),
        ("Working as a Geographer", "Geographer"),
        ("Epidemiologists : Occupational Outlook Handbook", "Epidemiologists"),
        ("Information Security Analyst | Careers at Larkspur", "Information Security Analyst"),
        ("Become", "Become"),
    ],
)
def test_clean_title_drops_words_addressed_to_the_reader(heading: str, title: str) -> None:
    assert clean_title(heading) == title


def test_file_names_of_career_pages() -> None:
    assert stem_words("careers-information-security-analyst") == "information security analyst"
    assert stem_words("so-you-want-to-be-a-statistician") == "statistician"
    assert stem_words("careers-in-actuarial-science") == "actuarial science"


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("actuaries", "actuary"),
        ("analysts", "analyst"),
        ("boxes", "box"),
        ("analytics", "analytics"),
        ("status", "status"),
        ("DBAs", "DBA"),
    ],
)
def test_singular(word: str, one: str) -> None:
    assert singular(word) == one


def test_the_title_names_the_guide_s_people() -> None:
    actuaries = "Actuaries price risk. An actuary sits exams; actuaries earn well."
    assert people_name("Actuarial Science", actuaries) == ("Actuary", ["Actuarial Science"])
    assert people_name("Data Science", "Data scientists and a data scientist.") == (
        "Data Scientist",
        ["Data Science"],
    )
    assert people_name("Epidemiologists", "To become an epidemiologist...") == (
        "Epidemiologist",
        [],
    )
    # A title its text uses for people stays; so does a field the text has no person for.
    assert people_name("Data Architect", "Data architects design.") == ("Data Architect", [])
    assert people_name("Actuarial Science", "Nothing about people.") == ("Actuarial Science", [])
    assert singular_name("Statisticians", "no article before it") == "Statisticians"


def test_aliases_from_the_words_the_text_uses() -> None:
    isa = "Our security analysts triage alerts. An information security analyst earns..."
    assert text_aliases("Information Security Analyst", isa) == ["Security Analyst"]
    # Only ever inside the full title: not a name of its own.
    assert text_aliases("Information Security Analyst", "information security analysts") == []
    ora = (
        "Operations research (OR) analysts build models. A master's degree in operations "
        "research helps. OR analysts earn $83,640."
    )
    assert text_aliases("Operations Research Analyst", ora) == ["OR Analyst", "Operations Research"]
    epi = "A concentration in epidemiology; statistics courses."
    assert text_aliases("Epidemiologist", epi, frozenset({"statistics"})) == ["epidemiology"]
