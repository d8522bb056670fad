"""Figures: pay and growth read from ordinary guide prose."""

from bot.routes.figures import figures_in, own_figure, same_occupation

PROXY = (
    'The U.S. Bureau of Labor Statistics has no separate "data engineer" occupation, so the '
    "closest official category is Database Administrators and Architects, whose median pay "
    "was $123,100 in May 2024 in the United States according to the Occupational Outlook "
    "Handbook."
)
CONTEXT = (
    "For context, the BLS reports a median of $105,990 in May 2024 for all computer and "
    "information technology occupations in the United States."
)
GROWTH = (
    "BLS projects employment of database administrators and architects to grow 4 percent "
    "from 2024 to 2034."
)


def test_pay_with_year_region_and_proxy_occupation() -> None:
    (figure,) = figures_in(PROXY)
    assert figure.kind == "pay" and figure.value == 123_100
    assert figure.year == "May 2024" and figure.region == "United States"
    assert figure.occupation == "Database Administrators and Architects" and figure.proxy
    assert figure.shown() == "$123,100"


def test_growth_with_its_span() -> None:
    (figure,) = figures_in(GROWTH)
    assert figure.kind == "growth" and figure.value == 4 and figure.year == "2024 to 2034"


def test_a_salary_in_thousands_and_a_decline() -> None:
    assert figures_in("Junior analysts earn about $55k a year in the UK.")[0].value == 55_000
    (decline,) = figures_in("Employment is projected to decline 3 percent over the decade.")
    assert decline.value == -3


def test_the_role_own_figure_beats_one_quoted_for_context() -> None:
    figures = [*figures_in(CONTEXT), *figures_in(PROXY), *figures_in(GROWTH)]
    pay = own_figure(figures, "pay", "Data Engineer")
    assert pay is not None and pay.value == 123_100
    growth = own_figure(figures, "growth", "Data Engineer", anchor=pay)
    assert growth is not None and growth.value == 4


def test_a_growth_period_written_between_and() -> None:
    (growth,) = figures_in("Employment is projected to grow 15 percent between 2024 and 2034.")
    assert growth.kind == "growth" and growth.year == "2024 to 2034"


def test_each_figure_names_its_own_occupation_in_any_case() -> None:
    sentence = (
        "The nearest official reference points are database architects, with a median wage "
        "of $135,980 in May 2024, and data scientists, with a median of $112,590."
    )
    assert [f.named for f in figures_in(sentence)] == ["database architects", "data scientists"]
    (growth,) = figures_in(
        "Data scientists overlap with the analytical side, and BLS projects 34 percent growth."
    )
    assert growth.named == "data scientists"
    (after,) = figures_in("BLS reports a median annual wage of $133,080 for software developers.")
    assert after.named == "software developers"
    assert figures_in(PROXY)[0].named == "Database Administrators and Architects"


def test_growth_linked_to_the_occupations_a_guide_references() -> None:
    from bot.routes.figures import linked, mentions

    assert mentions("BLS counted 245,900 data scientist jobs", "data scientists")
    assert not mentions("data science teams", "data scientists")
    figures = [*figures_in(GROWTH), *figures_in(CONTEXT)]
    (found,) = linked(figures, "growth", ["Database Administrators and Architects"])
    assert found.value == 4 and found.named == "Database Administrators and Architects"


def test_pay_in_other_currencies_keeps_its_currency_and_country() -> None:
    (low, high) = figures_in(
        "Graduate or junior quant: typical base salary (London, 2025) £70,000 to £95,000."
    )
    assert (low.value, high.value) == (70_000, 95_000)
    assert low.currency == "GBP" and low.region == "United Kingdom" and low.shown() == "£70,000"
    (euro,) = figures_in("Junior engineers in Berlin earn a median salary of €58,000.")
    assert euro.currency == "EUR" and euro.shown() == "€58,000"
    (dollar,) = figures_in("Data scientists earned a median annual wage of $112,590.")
    assert dollar.currency == "USD"


def test_a_figure_followed_by_for_an_occupation_is_that_occupations() -> None:
    sentence = (
        "The BLS reports a median annual wage of $104,620 for database administrators in May "
        "2024, compared with $135,980 for database architects and $123,100 for the combined "
        "Database Administrators and Architects occupation."
    )
    assert [f.named for f in figures_in(sentence)] == [
        "database administrators",
        "database architects",
        "Database Administrators and Architects",
    ]


def test_a_combined_category_holds_its_members_and_the_role_takes_its_own_member() -> None:
    from bot.routes.figures import category_members, nested

    assert category_members("Database Administrators and Architects") == {
        "database administrators",
        "architects",
        "database architects",
    }
    assert category_members("data scientists") == frozenset()
    figures = [
        *figures_in(
            "The BLS groups data architects with database administrators in one occupation, "
            "Database Administrators and Architects, whose median annual wage was $123,100."
        ),
        *figures_in(
            "Within that group, database architects earned a median of $135,980, well above "
            "the $104,620 median for database administrators."
        ),
    ]
    assert own_figure(figures, "pay", "Data Architect").value == 135_980  # type: ignore[union-attr]
    # The data engineer is no architect: the guide's category stays its figure.
    assert own_figure(figures, "pay", "Data Engineer").value == 123_100  # type: ignore[union-attr]
    category, architects, administrators = figures
    assert nested(category, administrators) and not nested(architects, administrators)


def test_a_figure_is_named_for_the_whole_occupation_before_it() -> None:
    # a category's name that is a list, and a capitalised name with a lower-case noun after
    # it, are the figure's occupation (``Figure.named`` was "testers" and "data engineers")
    (growth,) = figures_in(
        "BLS projects employment of web developers, digital designers and testers to grow "
        "7 percent from 2024 to 2034."
    )
    assert growth.named == "web developers, digital designers and testers"
    (pay,) = figures_in(
        "Operations Research Analysts, a group many data engineers work beside, earned a "
        "median annual wage of $91,290 in May 2024."
    )
    assert pay.named == "Operations Research Analysts"


def test_an_occupation_written_two_ways_is_one_occupation() -> None:
    # Before, the bundled AI engineer guide's "Software Developers, Quality Assurance
    # Analysts, and Testers" and the MLOps guide's lower-case name without the last comma
    # counted as two, so four guides sharing +15% each said "one other role's guide".
    assert same_occupation("Software Developers, Quality Assurance Analysts, and Testers") == (
        same_occupation("software developers, quality assurance analysts and testers")
    )
    assert same_occupation("Data Scientists") != same_occupation("Database Administrators")
