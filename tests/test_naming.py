"""Naming guides without front matter: titles without "Career Guide", role ids from file
names, aliases a reader would use, and guessed aliases dropped when another role owns them."""

from __future__ import annotations

import pytest

from ingest.naming import (
    Named,
    clean_title,
    derived_aliases,
    drop_collisions,
    names_this_role,
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
    # Initials are a name only where the guide defines them: "QA" for a quantitative analyst
    # is quality assurance to most people, "GA" for a geospatial analyst Google Analytics.
    assert derived_aliases("Data Architect", "Data architects design models.") == []
    assert derived_aliases("Quantitative Analyst", "Quants price options.") == []
    defined = "Data architects (DAs) design models."
    assert derived_aliases("Data Architect", defined) == ["DA"]
    assert derived_aliases("Data Architect", "A DA (data architect) designs.") == ["DA"]
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


# ---- titles that are not the role's name, names the text gives -------------------------

_CDM = (
    "Clinical data managers (CDMs) keep trial data clean. A clinical data manager raises "
    "queries. Most clinical data managers hold a degree. We followed Priya through a Tuesday."
)


@pytest.mark.parametrize(
    ("title", "body", "name"),
    [
        ("Life of a Clinical Data Manager", _CDM, "Clinical Data Manager"),
        (
            "Thinking about a career as a quant",
            "A quant prices options. Most quants code.",
            "Quant",
        ),
        (
            "What is a data steward",
            "Data stewards own definitions. A data steward asks. Most data stewards sit in IT.",
            "Data steward",
        ),
        ("Meet our surveyors", "Our surveyors measure land. A surveyor works outside.", "Surveyor"),
        # A title the text uses is the name already.
        ("Data Architect", "Data architects design models.", "Data Architect"),
        # Nothing in the title names people the text speaks of: unchanged.
        ("Why work here", "We are a friendly team.", "Why work here"),
    ],
)
def test_the_name_inside_a_title_is_the_stretch_the_text_uses_for_people(
    title: str, body: str, name: str
) -> None:
    from ingest.naming import name_in_title

    assert name_in_title(title, body) == name


def test_a_short_name_gives_way_to_the_long_one_the_text_pairs_it_with() -> None:
    from ingest.naming import apposition_names

    quant = 'Quantitative analysts, known on every trading floor as "quants", build models.'
    assert apposition_names("Quant", quant) == ("Quantitative Analyst", ["Quant"])
    gis = (
        "Our geospatial analysts, or GIS analysts as most people call them, make maps. "
        "A GIS analyst uses QGIS. Most GIS analysts code."
    )
    assert apposition_names("Geospatial Analyst", gis) == ("Geospatial Analyst", ["GIS analyst"])
    # A pair about something else names nothing.
    assert apposition_names("Quant", "Options (calls and puts) are priced.") == ("Quant", [])


def test_an_abbreviation_the_text_keeps_putting_before_the_head_noun_is_an_alias() -> None:
    from ingest.naming import acronym_head_aliases

    body = "GIS analysts map. A GIS analyst codes. Senior GIS analysts lead. SQL analysts too."
    assert acronym_head_aliases("Geospatial Analyst", body) == ["GIS analyst"]
    assert acronym_head_aliases("Geospatial Analyst", "One GIS analyst.") == []


def test_guessed_aliases_too_generic_to_name_the_role_are_dropped() -> None:
    """A guess must name this role by its form, against the words two or more other roles'
    titles share ("data"): a people name keeps a word of its own before its head, any other
    name ends in a word of its own."""
    guides = [
        Named("data-analyst", "Data Analyst", ("DA",)),
        Named("data-engineer", "Data Engineer", ("DE",)),
        Named(
            "clinical-data-manager",
            "Clinical Data Manager",
            (),
            ("CDM", "Data Manager", "Clinical Data"),
        ),
        Named(
            "information-security-analyst",
            "Information Security Analyst",
            (),
            ("Security Analyst",),
        ),
        Named(
            "operations-research-analyst",
            "Operations Research Analyst",
            (),
            ("OR Analyst", "Operations Research"),
        ),
        Named("epidemiologist", "Epidemiologist", (), ("epidemiology",)),
    ]
    assert drop_collisions(guides) == {
        "data-analyst": (),
        "data-engineer": (),
        "clinical-data-manager": ("CDM",),
        "information-security-analyst": ("Security Analyst",),
        "operations-research-analyst": ("OR Analyst", "Operations Research"),
        "epidemiologist": ("epidemiology",),
    }
    assert names_this_role("GIS analyst", frozenset({"data", "analyst"}))
    assert not names_this_role("Data Manager", frozenset({"data", "analyst"}))
    assert not names_this_role("Clinical Data", frozenset({"data", "analyst"}))
