"""Fuzzy role names: what people call a job, read as the role it is, and what they say about
other things left alone. The threshold is set between these two lists of examples."""

import pytest

from bot.core.name_match import MIN_SCORE, fuzzy_mentions, phrase_score, word_score
from bot.core.roles import Role, RoleCatalog

# (what people write, the role name it stands for)
MEANS_THE_ROLE = [
    ("BI development", "BI Developer"),  # the field for the job
    ("BI devs", "BI Developer"),  # a clipped word, in the plural
    ("database admin", "Database Administrator"),
    ("database administration", "Database Administrator"),
    ("clinical data management", "Clinical Data Manager"),
    ("info sec analysts", "Information Security Analyst"),
    ("data architecture", "Data Architect"),
    ("ML dev", "ML developer"),
    ("quant analyst", "Quantitative Analyst"),
]
# (a topic or another job, a role name it must not be read as)
MEANS_SOMETHING_ELSE = [
    ("data analytics", "data analyst"),  # a topic every data role touches
    ("data modelling", "data modeler"),  # a skill, not the analytics engineer
    ("software development", "software engineer"),
    ("business operations", "business analyst"),
    ("data governance", "data engineer"),
    ("project manager", "data manager"),
    ("machine learning", "machine learning engineer"),  # not as long as the name
]


def _words(text: str) -> list[str]:
    return text.split()


def test_the_threshold_lies_between_the_names_and_the_topics() -> None:
    meant = {p: phrase_score(_words(p), _words(n)) for p, n in MEANS_THE_ROLE}
    other = {p: phrase_score(_words(p), _words(n)) for p, n in MEANS_SOMETHING_ELSE}
    assert min(meant.values()) >= MIN_SCORE, meant
    assert max(other.values()) < MIN_SCORE, other


CATALOG = RoleCatalog.from_roles(
    [
        Role("bi-developer", "BI Developer", ("Business Intelligence Developer",)),
        Role("data-analyst", "Data Analyst", ("BI analyst", "business analyst")),
        Role("data-engineer", "Data Engineer", ("DE",)),
        Role("geospatial-analysis", "Geospatial Analyst", ("GIS analyst",)),
        Role("clinical-data-manager", "Clinical Data Manager", ("CDM",)),
        Role("information-security-analyst", "Information Security Analyst"),
        Role("database-administrator", "Database Administrator", ("DBA",)),
        Role("analytics-engineer", "Analytics Engineer", ("data modeler",)),
    ]
)


@pytest.mark.parametrize(
    ("question", "said", "role"),
    [
        ("What do BI devs earn?", "BI devs", "bi-developer"),
        ("How do I get into BI development?", "BI development", "bi-developer"),
        ("Is a GIS person well paid?", "GIS person", "geospatial-analysis"),
        ("What does a clinical data person do?", "clinical data person", "clinical-data-manager"),
        (
            "What does clinical data management involve?",
            "clinical data management",
            "clinical-data-manager",
        ),
        ("Do security people work shifts?", "security people", "information-security-analyst"),
        ("What do database admins do?", "database admins", "database-administrator"),
    ],
)
def test_names_people_use_are_read_as_the_role(question: str, said: str, role: str) -> None:
    assert CATALOG.resolve(question) == []  # no exact name: the old reading found no role
    text, matches = CATALOG.read_names(question)
    assert [(m.said, m.role) for m in matches] == [(said, role)]
    assert CATALOG.resolve(text) == [role]


@pytest.mark.parametrize(
    "question",
    [
        "Do data analysts present to business people?",  # two roles' names say "business"
        "Which skills do data people need?",  # every data role
        "Is data modelling hard to learn?",
        "How much data analytics does a data engineer do?",
        "What is software development like?",
    ],
)
def test_topics_and_shared_words_are_read_as_no_new_role(question: str) -> None:
    text, matches = CATALOG.read_names(question)
    assert matches == [] and text == question


def test_an_exact_name_is_left_to_exact_matching_and_both_are_found() -> None:
    text, matches = CATALOG.read_names("Is a BI dev the same as a data analyst?")
    assert [m.said for m in matches] == ["BI dev"]
    assert CATALOG.resolve(text) == ["bi-developer", "data-analyst"]
    # "BI analyst" is the data analyst's own alias: no fuzzy reading over it.
    assert CATALOG.read_names("What does a BI analyst do?")[1] == []


def test_abbreviations_are_never_matched_fuzzily() -> None:
    assert fuzzy_mentions("DB work", [("database-administrator", "DBA")]) == []


def test_a_large_catalog_reads_the_same_names() -> None:
    """Names are filed under their words: 2,000 more roles that share no word with the
    question are never compared, and the reading is the same."""
    many = [Role(f"craft-{n}", f"Craft Worker {n}", (f"CW{n}",)) for n in range(2000)]
    big = RoleCatalog.from_roles([*CATALOG.roles.values(), *many])
    _, matches = big.read_names("What do BI devs earn, compared with database admins?")
    assert [m.role for m in matches] == ["bi-developer", "database-administrator"]
    assert big.read_names("Do craft workers need a degree?")[1] == []  # exact, not fuzzy


def test_the_thing_a_person_noun_is_made_from_is_not_that_person() -> None:
    # Before, "data models" was read as the alias "data modeler" (a clipping by its start),
    # so "build data models that analysts trust. Which career?" was about one role.
    catalog = RoleCatalog.from_roles(
        [Role("analytics-engineer", "Analytics Engineer", ("data modeler",))]
    )
    assert catalog.read_names("I want to build data models. Which career?")[1] == []
    assert catalog.read_names("What do data modelers earn?")[1] == []  # exact: resolve's
    assert catalog.resolve("What do data modelers earn?") == ["analytics-engineer"]
    # Clippings still read: "dev" of "developer", "admin" of "administrator".
    assert word_score("dev", "developer") == 1.0 and word_score("admin", "administrator") == 1.0


def test_a_noun_for_the_field_s_people_stands_for_the_role() -> None:
    """ "Market researchers" are market research analysts; with no other role whose name
    goes on from "market research"."""
    catalog = RoleCatalog.from_roles(
        [
            Role("market-research-analyst", "Market Research Analyst"),
            Role("operations-research-analyst", "Operations Research Analyst"),
        ]
    )
    text, matches = catalog.read_names("What hours do market researchers work?")
    assert [(m.said, m.role) for m in matches] == [
        ("market researchers", "market-research-analyst")
    ]
    assert catalog.resolve(text) == ["market-research-analyst"]
    # "researchers" alone, or of a field no role's name holds, is no role.
    assert catalog.read_names("Do researchers earn well?")[1] == []
    assert catalog.read_names("Do medical researchers earn well?")[1] == []


def test_people_at_large_are_no_role() -> None:
    # "business people" are the people in a business ("businessperson" is one English noun),
    # not business analysts; "security people" still name the security role.
    names = [("data-analyst", "business analyst"), ("security", "information security analyst")]
    names.append(("sales-engineer", "sales engineer"))
    assert fuzzy_mentions("I'd rather explain trends to business people.", names) == []
    assert fuzzy_mentions("I get on well with sales people", names) == []
    found = fuzzy_mentions("what do security people earn?", names)
    assert [m.role for m in found] == ["security"]
