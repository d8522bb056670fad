import pytest

from bot.core.roles import Role, RoleCatalog

CATALOG = RoleCatalog.from_roles(
    [
        Role("data-engineer", "Data Engineer", ("DE", "ETL developer")),
        Role("data-scientist", "Data Scientist", ("DS",)),
        Role("machine-learning-engineer", "Machine Learning Engineer", ("ML engineer", "MLE")),
        Role("analytics-engineer", "Analytics Engineer", ("dbt developer",)),
        Role("data-analyst", "Data Analyst", ("BI analyst",)),
        Role(
            "software-engineer-data-science",
            "Software Engineer (Data Science)",
            ("software engineer in data science",),
        ),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "How is a data engineer different from a data scientist?",
            ["data-engineer", "data-scientist"],
        ),
        ("what do Data Engineers earn", ["data-engineer"]),
        ("MLE or DS?", ["machine-learning-engineer", "data-scientist"]),
        (
            "ML engineers vs analytics engineers",
            ["machine-learning-engineer", "analytics-engineer"],
        ),
        ("is data science hard to learn", ["data-scientist"]),
        ("data engineering tools", ["data-engineer"]),
        ("I am an ETL developer", ["data-engineer"]),
        (
            "Tell me about the Software Engineer (Data Science) role",
            ["software-engineer-data-science"],
        ),
        ("compare data-analyst and analytics-engineer", ["data-analyst", "analytics-engineer"]),
        # The field by the name people give it, and the plural on the people noun that a
        # qualifier follows (not on the name's last word): one role each, not two.
        (
            "Which field is growing slower, data science or data analytics?",
            ["data-scientist", "data-analyst"],
        ),
        (
            "more analytics engineers or more software engineers in data science?",
            ["analytics-engineer", "software-engineer-data-science"],
        ),
        ("Software Engineers (Data Science) pay", ["software-engineer-data-science"]),
        ("de la tarte", []),  # "de" is a word, only "DE" in capitals is the abbreviation
        ("what is the weather", []),
    ],
)
def test_resolve_mentions(text: str, expected: list[str]) -> None:
    assert CATALOG.resolve(text) == expected


def test_spans_say_where_each_role_is_named() -> None:
    text = "Unlike data analysts, a software engineer in data science ships services."
    spans = CATALOG.spans(text)
    assert [(text[a:b], role) for a, b, role in spans] == [
        ("data analysts", "data-analyst"),
        ("software engineer in data science", "software-engineer-data-science"),
    ]
    assert CATALOG.resolve(text) == [role for _, _, role in spans]


def test_roles_named_only_by_their_fields_are_kept_as_what_is_weighed() -> None:
    fields = "Which career involves the most data science?"
    assert CATALOG.by_fields_only(fields)
    assert not CATALOG.by_fields_only("Which data scientists earn most?")
    assert not CATALOG.by_fields_only("Which career pays most?")
    assert CATALOG.without_roles(fields) == "Which career involves the most ?"
    assert CATALOG.without_roles(fields, keep_fields=True) == fields
    # A role named by its people is taken out even when asked to keep fields.
    assert CATALOG.without_roles("Do data scientists code?", keep_fields=True) == "Do code?"


def test_lookup_and_suggest() -> None:
    assert CATALOG.lookup("data-engineer") == "data-engineer"
    assert CATALOG.lookup("ML engineer") == "machine-learning-engineer"
    assert CATALOG.lookup("astronaut") is None
    assert CATALOG.suggest("analytic-engineer") == "analytics-engineer"
    assert CATALOG.suggest("zzzz") is None


def test_json_round_trip() -> None:
    again = RoleCatalog.from_json(CATALOG.to_json())
    assert again.roles == CATALOG.roles
    assert again.resolve("DE") == ["data-engineer"]
    assert len(RoleCatalog.from_json("")) == 0


def test_a_large_catalog_still_resolves_exactly() -> None:
    many = [Role(f"craft-{n}", f"Craft Role {n}", (f"CR{n}",)) for n in range(2000)]
    catalog = RoleCatalog.from_roles([*CATALOG.roles.values(), *many])
    assert catalog.resolve("Data Engineers vs MLEs vs craft role 1999") == [
        "data-engineer",
        "machine-learning-engineer",
        "craft-1999",
    ]
    assert catalog.resolve("what is the weather") == []


def test_resolving_the_same_text_again_gives_the_same_roles_from_memory() -> None:
    catalog = RoleCatalog.from_roles(
        [Role("data-engineer", "Data Engineer"), Role("data-analyst", "Data Analyst")]
    )
    text = "A data analyst often works beside a data engineer."
    first = catalog.resolve(text)
    first.append("changed by the caller")
    assert catalog.resolve(text) == ["data-analyst", "data-engineer"]


def test_names_of_the_guide_s_people_resolve_in_the_plural_and_short_forms() -> None:
    catalog = RoleCatalog.from_roles(
        [
            Role("actuarial-science", "Actuary"),
            Role("operations-research-analyst", "Operations Research Analyst", ("OR Analyst",)),
            Role("data-engineer", "Data Engineer"),
        ]
    )
    assert catalog.resolve("What do actuaries do?") == ["actuarial-science"]
    assert catalog.resolve("How much do OR analysts earn?") == ["operations-research-analyst"]
    # An abbreviation keeps its capitals inside a longer name.
    assert catalog.resolve("a data engineer or analyst?") == ["data-engineer"]
    # An ordinary word close to a role's name is not a typo of it.
    assert "actually" in catalog.correct("what do I actually do")


def test_a_role_s_own_title_wins_over_another_role_s_alias() -> None:
    """A user's guide titled "Quantitative Analyst" owns the name, though the bundled data
    scientist guide lists it among its aliases; in either order of the catalog."""
    scientist = Role("data-scientist", "Data Scientist", ("quantitative analyst",))
    quant = Role("quant", "Quantitative Analyst")
    for roles in ([scientist, quant], [quant, scientist]):
        catalog = RoleCatalog.from_roles(roles)
        assert catalog.resolve("What do quantitative analysts earn?") == ["quant"]
        assert catalog.resolve("What do quants earn?") == ["quant"]
    alone = RoleCatalog.from_roles([scientist])
    assert alone.resolve("What do quantitative analysts earn?") == ["data-scientist"]


def test_a_field_alias_beside_a_role_named_by_its_people_is_a_topic() -> None:
    """ "Market research" names the market research analyst's work: asked alone it is that
    role, beside "data analysts" it is what they do, not a second role to answer for."""
    catalog = RoleCatalog.from_roles(
        [
            Role("market-research-analyst", "Market Research Analyst", ("Market research",)),
            Role("data-analyst", "Data Analyst", ("DA",)),
            Role("epidemiologist", "Epidemiologist", ("epidemiology",)),
        ]
    )
    assert catalog.resolve("Is market research a good career?") == ["market-research-analyst"]
    assert catalog.resolve("Do data analysts do market research?") == ["data-analyst"]
    assert catalog.resolve("Do DAs need epidemiology?") == ["data-analyst"]
    assert catalog.resolve("market research analysts vs data analysts") == [
        "market-research-analyst",
        "data-analyst",
    ]


def test_a_coined_term_alone_names_its_role() -> None:
    # "MLOps" is what people call the job; "Data" or "Analytics" alone never is.
    catalog = RoleCatalog.from_roles(
        [
            Role("mlops-engineer", "MLOps Engineer"),
            Role("analytics-engineer", "Analytics Engineer"),
            Role("ai-engineer", "AI Engineer", ("GenAI engineer",)),
            Role("data-engineer", "Data Engineer"),
        ]
    )
    assert catalog.resolve("How do I get into MLOps from accounting?") == ["mlops-engineer"]
    assert catalog.resolve("mlops or genai?") == ["mlops-engineer", "ai-engineer"]
    assert catalog.resolve("Is analytics a good field? What about data?") == []
    assert catalog.resolve("an MLOps engineer") == ["mlops-engineer"]


def test_a_short_form_two_roles_share_names_neither() -> None:
    catalog = RoleCatalog.from_roles(
        [Role("mlops-engineer", "MLOps Engineer"), Role("mlops-lead", "MLOps Lead")]
    )
    assert catalog.resolve("Is MLOps hard?") == []


def test_an_alias_whose_head_noun_names_people_is_no_field() -> None:
    """ "software engineer in data science" names the engineer, not the field of data
    science: it is one role, not a software engineer plus a data scientist."""
    catalog = RoleCatalog.from_roles(
        [
            Role(
                "software-engineer-data-science",
                "Software Engineer (Data Science)",
                ("software engineer in data science", "software engineer - data science"),
            ),
            Role("data-scientist", "Data Scientist", ("data science",)),
            Role("market-research-analyst", "Market Research Analyst", ("Market research",)),
            Role("data-analyst", "Data Analyst"),
        ]
    )
    question = "Is a software engineer in data science better paid than a data scientist?"
    assert catalog.resolve(question) == ["software-engineer-data-science", "data-scientist"]
    assert catalog.resolve("What does a software engineer - data science do?") == [
        "software-engineer-data-science"
    ]
    assert catalog.resolve("Do data analysts do market research?") == ["data-analyst"]
