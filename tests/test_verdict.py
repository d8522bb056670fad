"""Verdicts: which comparative questions want one, and what they weigh the roles on."""

from pathlib import Path

import pytest

from bot.routes.verdict import Evidence, criterion_of, figure_kind, is_less, predicate_of, undecided
from bot.understand.routing import is_verdict_question
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


@pytest.mark.parametrize(
    "question",
    [
        "Which pays more, a data scientist or a data engineer?",
        "Which of the two needs more statistics?",
        "Which is easier without a degree, data analyst or ML engineer?",
        "Which is more in demand, data engineer or data scientist?",
        "Which is better for remote work?",
    ],
)
def test_verdict_questions(question: str) -> None:
    assert is_verdict_question(question)


def test_a_plain_comparison_wants_a_table_not_a_verdict() -> None:
    assert not is_verdict_question("How is a data engineer different from a data scientist?")


def test_figures_settle_pay_and_demand() -> None:
    assert figure_kind("Which pays more?") == "pay"
    assert figure_kind("Which is more in demand?") == "growth"
    assert figure_kind("Which needs more statistics?") is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Would a DS make more than an MLE?", "pay"),  # "make more": the idiom for money
        ("Which of them makes less?", "pay"),
        ("Does a data scientist outearn a data analyst?", "pay"),
        ("Does a data scientist out-earn a data analyst?", "pay"),
        ("Are more new jobs expected for ML engineers or for data analysts?", "growth"),
        ("Will data science outgrow data engineering?", "growth"),
        ("Who will be more sought after, X or Y?", "growth"),
        ("Which makes more use of SQL?", None),  # "make more" with an object: a criterion
        ("Which one makes more dashboards?", None),
    ],
)
def test_pay_and_demand_said_in_other_words(question: str, kind: str | None) -> None:
    assert figure_kind(question) == kind


def test_the_criterion_and_the_predicate() -> None:
    question = "Which of the two needs more statistics, a data analyst or a data scientist?"
    assert criterion_of(question, CATALOG) == "statistics"
    assert predicate_of(question) == ("needs", "more statistics")
    assert criterion_of("Which is better for remote work?", CATALOG) == "remote work"
    assert is_less("Which needs less coding?") and not is_less("Which needs more coding?")


# --- whole verdicts on the bundled guides, with the real model ------------------------


def test_pay_verdict_uses_each_guides_own_figure_and_its_caveat(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which pays more, a data scientist or a data engineer?")
    assert answer.route == "compare"
    assert answer.verdict.startswith("Data engineers earn more")
    assert "$123,100" in answer.verdict and "$112,590" in answer.verdict
    assert "US figures" in answer.text and "Database Administrators and Architects" in answer.text
    assert answer.text.count("| **") == 1  # the salary row, not the whole table


def test_a_criterion_verdict_quotes_both_guides(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    history = [
        {"role": "user", "content": "What does a data analyst do?"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": "And a data scientist?"},
        {"role": "assistant", "content": "…"},
    ]
    answer = bundled_bot.ask("Which of the two needs more statistics?", history)
    assert answer.roles == ["data-analyst", "data-scientist"]
    assert answer.verdict.startswith("Data scientists need more statistics")
    assert {s.role for s in answer.sources} == {"data-analyst", "data-scientist"}


def test_a_guide_that_answers_the_question_outright_gives_the_verdict(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Is data engineering harder than data science?")
    assert answer.verdict.startswith("Data engineering is not harder than data science")
    assert "Frequently asked questions" in answer.sources[0].section


# --- verdicts that check the figures they cite (issue 22) -----------------------------------


def _passage(role: str, text: str, seq: int = 0):  # type: ignore[no-untyped-def]
    from bot.core.results import Passage

    return Passage(
        f"{role}-{seq}", text, role, role, f"{role} > Salary", "Salary", f"{role}.md", seq, 0.5
    )


def _verdict(kind: str, texts: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    from bot.routes.verdict import by_figures

    passages = {
        role: [_passage(role, t, i) for i, t in enumerate(ts)] for role, ts in texts.items()
    }
    return by_figures(kind, list(texts), passages, CATALOG, less=False)  # type: ignore[arg-type]


def test_a_shared_proxy_occupation_names_no_winner() -> None:
    shared = (
        "The closest official category, Software Developers, had a median annual wage of "
        "$133,080 in May 2024 in the United States."
    )
    verdict = _verdict("pay", {"mlops-engineer": [shared], "ai-engineer": [shared]})
    assert (
        verdict is not None and "same official occupation, Software Developers" in verdict.undecided
    )
    from bot.routes.verdict import verdict_line

    numbers = {p.passage.id: n for n, p in enumerate(verdict.picks, start=1)}
    line = verdict_line(verdict, CATALOG, numbers)
    assert line.startswith("**No winner on pay") and "earn more" not in line


def test_equal_growth_figures_name_no_winner() -> None:
    growth = "BLS projects employment to grow 15 percent from 2024 to 2034 in the United States."
    verdict = _verdict(
        "growth", {"machine-learning-engineer": [growth], "data-scientist": [growth]}
    )
    assert verdict is not None and "same figure" in verdict.undecided


def test_a_category_against_its_own_sub_category_names_no_winner() -> None:
    category = [
        "The closest official category is Database Administrators and Architects, whose median "
        "pay was $123,100 in May 2024 in the United States.",
        "Within that category, database architects earned a median of $135,980 in May 2024.",
    ]
    sub = [
        "The nearest official reference point is database architects, with a median wage of "
        "$135,980 in May 2024 (United States).",
        "Their BLS category, Database Administrators and Architects, had an overall median of "
        "$123,100 in May 2024.",
    ]
    verdict = _verdict("pay", {"data-engineer": category, "analytics-engineer": sub})
    assert verdict is not None
    assert "an official category and one of its own sub-categories" in verdict.undecided


def test_distinct_figures_still_name_the_winner() -> None:
    verdict = _verdict(
        "pay",
        {
            "data-analyst": ["Data analysts had a median annual wage of $91,290 in May 2024."],
            "data-scientist": ["Data scientists had a median annual wage of $112,590 in May 2024."],
        },
    )
    assert verdict is not None and not verdict.undecided
    assert verdict.ranked[0].role == "data-scientist"


def _line(verdict) -> str:  # type: ignore[no-untyped-def]
    from bot.routes.verdict import verdict_line

    numbers = {p.passage.id: n for n, p in enumerate(verdict.picks, start=1)}
    return verdict_line(verdict, CATALOG, numbers)


def test_a_sub_category_shown_by_one_guide_alone_names_no_winner() -> None:
    # Only the data engineer guide quotes both figures; the other never mentions $123,100.
    verdict = _verdict(
        "pay",
        {
            "data-engineer": [
                "The closest official category is Database Administrators and Architects, "
                "whose median pay was $123,100 in May 2024 in the United States.",
                "Within that category, database architects earned a median of $135,980.",
            ],
            "analytics-engineer": [
                "The nearest official reference point for an analytics engineer is database "
                "architects, with a median wage of $135,980 in May 2024."
            ],
        },
    )
    assert verdict is not None
    assert verdict.undecided.startswith("the data engineer guide quotes both figures")
    assert "sub-categories" in verdict.undecided
    assert _line(verdict).startswith("**No winner on pay")


def test_the_other_roles_figure_given_as_a_reference_names_no_winner() -> None:
    verdict = _verdict(
        "pay",
        {
            "machine-learning-engineer": [
                "The nearest official benchmark, Software Developers, had a median annual "
                "wage of $133,080 in May 2024."
            ],
            "data-engineer": [
                "The closest official category for a data engineer had a median pay of "
                "$123,100 in May 2024.",
                "Software Developers is a second useful pay reference for a data engineer, "
                "with a median annual wage of $133,080 in May 2024.",
            ],
        },
    )
    assert verdict is not None
    assert "the data engineer guide itself gives $133,080" in verdict.undecided
    assert "earn more" not in _line(verdict)


def test_an_occupation_offered_as_a_reference_keeps_its_figure_given_for_it() -> None:
    # The data engineer guide's own sentence: the figure is given "for software developers",
    # and the sentence offers that occupation as a pay reference for a data engineer. Its
    # growth figure in the same sentence was already the role's; the pay figure must be too,
    # or pay and growth disagree on one question ("ML engineers earn more" but "no winner on
    # job growth").
    de = [
        "The closest official category is Database Administrators and Architects, whose "
        "median pay was $123,100 in May 2024 in the United States.",
        "BLS projects employment of database administrators and architects to grow 4 percent "
        "from 2024 to 2034.",
        "Software Developers is a second useful pay reference for a data engineer, because "
        "data engineering is a specialised form of software development: the BLS reports a "
        "median annual wage of $133,080 for software developers in May 2024 in the United "
        "States, and projects 15 percent growth from 2024 to 2034 for the wider software "
        "developers, quality assurance analysts, and testers group.",
    ]
    mle = [
        "The nearest official benchmark, Software Developers, had a median annual wage of "
        "$133,080 in May 2024 and is projected to grow 15 percent from 2024 to 2034."
    ]
    for kind in ("pay", "growth"):
        verdict = _verdict(kind, {"machine-learning-engineer": mle, "data-engineer": de})
        assert verdict is not None
        assert "the data engineer guide itself gives" in verdict.undecided, kind
        assert _line(verdict).startswith("**No winner on")


def test_a_figure_given_for_another_occupation_by_name_is_not_the_roles() -> None:
    # "$104,620 for database administrators, compared with $135,980 for database architects"
    # offers neither as a reference: each figure stays its own occupation's.
    from bot.routes.figures import figures_in
    from bot.routes.verdict import _references

    sentence = (
        "BLS reports a median annual wage of $104,620 for database administrators in May "
        "2024, compared with $135,980 for database architects."
    )
    refs = _references(figures_in(sentence), "pay", "Database Administrator")
    assert [f.value for f in refs] == [104620.0]


def test_a_range_of_stand_ins_holding_the_other_figure_names_no_winner() -> None:
    verdict = _verdict(
        "pay",
        {
            "analytics-engineer": [
                "There is no official analytics engineer occupation, so the nearest reference "
                "points are database architects, with a median wage of $135,980, and data "
                "scientists, with a median of $112,590 in May 2024."
            ],
            "machine-learning-engineer": [
                "The nearest official benchmark, Software Developers, had a median annual "
                "wage of $133,080 in May 2024."
            ],
        },
    )
    assert verdict is not None and "$112,590 to $135,980" in verdict.undecided


def test_a_figure_quoted_only_for_context_still_lets_the_figures_decide() -> None:
    verdict = _verdict(
        "pay",
        {
            "data-analyst": [
                "The nearest benchmark for a data analyst had a median annual wage of $91,290.",
                "For context, data scientists earned a median of $112,590 in May 2024.",
            ],
            "data-scientist": ["Data scientists earned a median annual wage of $112,590."],
        },
    )
    assert verdict is not None and not verdict.undecided
    line = _line(verdict)
    assert line.startswith("**Data scientists earn more**, by the guides' figures: $112,590")
    assert "$91,290 for data analysts [2]" in line


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        ("For someone who loves maths, is data science or analytics engineering the better fit?",
         "someone who loves maths"),
        ("Which is the better choice for a people person, data analyst or data engineer?",
         "a people person"),
    ],
)  # fmt: skip
def test_a_generic_better_takes_the_person_it_is_better_for(question: str, criterion: str) -> None:
    assert criterion_of(question, CATALOG) == criterion


def test_criterion_sentences_come_from_one_template() -> None:
    from bot.routes.verdict import Verdict, comparative_of, criterion_predicate

    def predicate(question: str) -> str:
        verdict = Verdict(
            None,
            criterion_of(question, CATALOG),
            is_less(question),
            [],
            predicate_of(question),
            comparative_of(question),
        )
        return criterion_predicate(verdict)[0]

    assert predicate("Which needs more statistics, X or Y?") == "need more statistics"
    assert predicate("Which is better for remote work?") == "is better for remote work"
    # The question's own words after its verb are never pasted in unless they are exactly
    # the comparative and the criterion: "has more of the coding work" becomes the template.
    assert predicate("Which has more of the coding work?").startswith("involves more")


def test_a_criterion_that_is_not_a_short_phrase_is_never_repeated() -> None:
    from bot.routes.selection import Candidate
    from bot.routes.verdict import Evidence, Verdict

    def evidence(role: str, score: float) -> Evidence:
        return Evidence(role, Candidate("A sentence.", _passage(role, "A sentence."), 0), score)

    garbled = "one takes home , an MLOps engineer or a data analyst?"
    verdict = Verdict(
        None, garbled, False, [evidence("mlops-engineer", 0.9), evidence("data-analyst", 0.5)]
    )
    line = _line(verdict)
    assert line.startswith("**The MLOps engineer role comes out ahead of the data analyst role**")
    assert "takes home" not in line and "?" not in line
    assert figure_kind("Which one takes home more, an MLOps engineer or a data analyst?") == "pay"


# --- growth tied to the pay references by the occupation they name (session 9) -------------

_STAND_INS = [
    "No official analytics engineer occupation exists, so the nearest reference points are "
    "database architects, with a median wage of $135,980, and data scientists, with a median "
    "of $112,590 in May 2024.",
    "Database architects belong to a category projected to grow 4 percent from 2024 to 2034.",
    "Data scientists overlap with the analytical side, and BLS projects 34 percent employment "
    "growth for data scientists from 2024 to 2034.",
]


def test_growth_of_a_reference_occupation_named_only_in_lowercase_names_no_winner() -> None:
    # The analytics engineer guide gives data scientists' growth as one of its references:
    # calling data scientists "more in demand" would contradict its own figures.
    verdict = _verdict(
        "growth",
        {
            "data-scientist": [
                "BLS projects employment of data scientists to grow 34 percent from 2024 to 2034."
            ],
            "analytics-engineer": _STAND_INS,
        },
    )
    assert verdict is not None
    assert "the analytics engineer guide itself gives +34% (data scientists)" in verdict.undecided
    assert _line(verdict).startswith("**No winner on job growth")


def test_growth_between_the_stand_ins_growth_names_no_winner() -> None:
    verdict = _verdict(
        "growth",
        {
            "analytics-engineer": _STAND_INS,
            "machine-learning-engineer": [
                "The nearest official benchmark, Software Developers, had a median annual "
                "wage of $133,080 in May 2024.",
                "Employment of software developers is projected to grow 15 percent from 2024 "
                "to 2034.",
            ],
        },
    )
    assert verdict is not None and "+4% to +34%" in verdict.undecided
    assert "more in demand" not in _line(verdict)


def test_a_growth_figure_for_another_occupation_still_lets_the_figures_decide() -> None:
    verdict = _verdict(
        "growth",
        {
            "data-analyst": [
                "The nearest benchmark for a data analyst is Operations Research Analysts, "
                "with a median annual wage of $91,290.",
                "Employment of operations research analysts is projected to grow 21 percent.",
                "For context, data scientists are projected to grow 34 percent.",
            ],
            "data-scientist": ["Data scientists are projected to grow 34 percent by 2034."],
        },
    )
    assert verdict is not None and not verdict.undecided
    assert _line(verdict).startswith("**Data scientists are more in demand**")


# --- session 10: scales, nested names, two criteria, criteria the guides do not back -------

FOREIGN = Path(__file__).parent / "fixtures" / "foreign"


def _foreign_catalog():  # type: ignore[no-untyped-def]
    from bot.core.roles import Role, RoleCatalog

    extra = [
        Role("data-architect", "Data Architect"),
        Role("database-administrator", "Database Administrator", ("DBA",)),
        Role("quant", "Quantitative Analyst", ("quant",)),
        Role("bi-developer", "BI Developer"),
    ]
    return RoleCatalog.from_roles([*CATALOG.roles.values(), *extra])


def _section(path: Path, heading: str) -> list[str]:
    """The text of one section of a fixture guide written elsewhere, as ingest loads it
    (its pay table's rows worded as the loader words them)."""
    from ingest.load import load_file

    guide = load_file(path.resolve(), path.name, path.parent.resolve(), 10**7)
    text = guide.text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]  # type: ignore[union-attr]
    return [block.strip() for block in text.split("\n") if block.strip()]


def _foreign_verdict(kind: str, texts: dict[str, list[str]], less: bool = False):  # type: ignore[no-untyped-def]
    from bot.routes.verdict import by_figures

    passages = {
        role: [_passage(role, t, i) for i, t in enumerate(ts)] for role, ts in texts.items()
    }
    return by_figures(kind, list(texts), passages, _foreign_catalog(), less)  # type: ignore[arg-type]


def test_pay_in_pounds_for_london_against_us_dollars_names_no_winner() -> None:
    quant = _section(FOREIGN / "so-you-want-to-be-a-quant.md", "Pay")
    scientist = [
        "In the United States, data scientists earned a median annual wage of $112,590 in "
        "May 2024, according to the BLS."
    ]
    verdict = _foreign_verdict("pay", {"quant": quant, "data-scientist": scientist})
    assert verdict is not None
    assert "different currencies" in verdict.undecided
    assert "£70,000" in verdict.undecided and "$112,590" in verdict.undecided
    line = _line_with(verdict, _foreign_catalog())
    assert line.startswith("**No winner on pay") and "earn more" not in line


def test_among_many_roles_the_other_currency_is_left_out_of_the_ranking() -> None:
    quant = _section(FOREIGN / "so-you-want-to-be-a-quant.md", "Pay")
    verdict = _foreign_verdict(
        "pay",
        {
            "quant": quant,
            "data-scientist": ["Data scientists had a median annual wage of $112,590 in 2024."],
            "data-analyst": ["Data analysts had a median annual wage of $91,290 in 2024."],
        },
    )
    assert verdict is not None and not verdict.undecided
    assert [e.role for e in verdict.ranked] == ["data-scientist", "data-analyst"]


def test_two_sub_categories_of_one_category_are_a_measured_difference() -> None:
    # The data architect guide puts the role in "Database Administrators and Architects" and
    # then gives database architects' own median: that is the role's figure, and it sits
    # beside the database administrators' as two measured occupations.
    architect = _section(FOREIGN / "data-architect-career-guide.md", "Pay and outlook")
    dba = _section(FOREIGN / "database-administrator.md", "Salary and job outlook")
    verdict = _foreign_verdict("pay", {"data-architect": architect, "database-administrator": dba})
    assert verdict is not None and not verdict.undecided
    assert verdict.ranked[0].role == "data-architect"
    assert [e.figure.value for e in verdict.ranked if e.figure] == [135_980, 104_620]


def test_a_category_named_against_one_of_its_members_names_no_winner() -> None:
    verdict = _foreign_verdict(
        "pay",
        {
            "data-engineer": [
                "The closest official category is Database Administrators and Architects, "
                "whose median pay was $123,100 in May 2024."
            ],
            "database-administrator": [
                "Database administrators earned a median of $104,620 in May 2024."
            ],
        },
    )
    assert verdict is not None and "sub-categories" in verdict.undecided


def test_a_tie_at_the_top_of_three_roles_names_no_winner() -> None:
    shared = (
        "The closest official category, Software Developers, had a median annual wage of "
        "$133,080 in May 2024 in the United States."
    )
    verdict = _verdict(
        "pay",
        {
            "machine-learning-engineer": [shared],
            "software-engineer-data-science": [shared],
            "data-scientist": ["Data scientists earned a median annual wage of $112,590."],
        },
    )
    assert verdict is not None
    assert "same official occupation, Software Developers" in verdict.undecided
    assert "$112,590" in verdict.undecided and "sub-categories" not in verdict.undecided


def _line_with(verdict, catalog) -> str:  # type: ignore[no-untyped-def]
    from bot.routes.verdict import verdict_line

    numbers = {p.passage.id: n for n, p in enumerate(verdict.picks, start=1)}
    return verdict_line(verdict, catalog, numbers)


@pytest.mark.parametrize(
    ("question", "less"),
    [
        ("Which offers more pay but less stress, a data analyst or a data scientist?", False),
        ("Which is less of a grind yet pays more?", False),
        ("Which pays less but has more remote work?", True),
        ("Which is less well paid?", True),
        ("Which is more in demand but less stressful?", False),
    ],
)
def test_the_figure_criterion_keeps_its_own_direction(question: str, less: bool) -> None:
    from bot.routes.verdict import figure_kind, less_on

    kind = figure_kind(question)
    assert kind is not None and less_on(question, kind) is less


@pytest.mark.parametrize(
    ("question", "less"),
    [
        # The low end of a figure's scale said without "less" or "lower".
        ("Which one is worse paid, a data analyst or a data scientist?", True),
        ("Which has the worse job outlook, a DE or a DS?", True),
        ("Which field is growing slower, data science or data analytics?", True),
        ("Which of them is projected to grow more slowly?", True),
        ("Which pays more but has worse hours?", False),
        ("Which has the brighter outlook?", False),
    ],
)
def test_worse_and_slower_are_the_low_end_of_a_figure(question: str, less: bool) -> None:
    from bot.routes.verdict import figure_kind, less_on

    kind = figure_kind(question)
    assert kind is not None and less_on(question, kind) is less


def test_the_other_criterion_of_a_figure_question_is_named() -> None:
    from bot.routes.verdict import other_criteria

    question = "Which offers more pay but less stress, a data analyst or a data scientist?"
    assert other_criteria(question, "pay", CATALOG) == ["less stress"]
    assert other_criteria("Which will grow more over the next decade?", "growth", CATALOG) == []


def _evidence(role: str, text: str, similarity: float):  # type: ignore[no-untyped-def]
    from bot.routes.selection import Candidate
    from bot.routes.verdict import Evidence

    pick = Candidate(text, _passage(role, text), 0)
    return Evidence(role, pick, similarity, similarity=similarity)


def test_a_criterion_verdict_needs_a_quote_about_the_criterion() -> None:
    from bot.routes.verdict import BREADTH_AT, _supported

    below = BREADTH_AT - 0.05
    ranked = [
        _evidence("data-analyst", "Analysts who add Python tend to stand out.", below),
        _evidence("data-engineer", "Data engineers are the plumbers of a data team.", below - 0.1),
    ]
    kept, why = _supported(ranked, "maths", False, CATALOG)
    assert why.startswith("neither guide speaks directly to")
    line = _line_with(replace_verdict(kept, "maths", why), CATALOG)
    assert line.startswith("**The guides do not decide this") and "need more" not in line


def test_a_quote_that_denies_the_criterion_does_not_back_more_of_it() -> None:
    from bot.routes.verdict import BREADTH_AT, _supported

    ranked = [
        _evidence("data-analyst", "Statistics beyond averages is rarely needed.", BREADTH_AT + 0.1),
        _evidence("data-scientist", "Statistics is the core of the job.", BREADTH_AT + 0.05),
    ]
    kept, why = _supported(ranked, "statistics", False, CATALOG)
    assert not why and kept[0].role == "data-scientist"
    both = [
        _evidence("data-analyst", "Statistics beyond averages is rarely needed.", BREADTH_AT + 0.1),
        _evidence("data-scientist", "Statistics is not a core requirement.", BREADTH_AT + 0.05),
    ]
    kept, why = _supported(both, "statistics", False, CATALOG)
    assert "is not central" in why
    # "Which needs less statistics?": the guide that says it is not needed backs it.
    kept, why = _supported(ranked, "statistics", True, CATALOG)
    assert not why and kept[0].role == "data-analyst"


def replace_verdict(ranked, criterion: str, why: str):  # type: ignore[no-untyped-def]
    from bot.routes.verdict import Verdict

    return Verdict(None, criterion, False, ranked, ("needs", f"more {criterion}"), "more", why)


# --- every role pair on the bundled guides: pay and growth agree on one reference ----------


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The data engineer guide offers Software Developers as a pay reference of its own:
        # no winner against any role that stands on that occupation, on pay as on growth.
        ("Which pays better, a data engineer or an ML engineer?", "No winner on pay"),
        ("Which will have more new jobs, a DE or an MLOps engineer?", "No winner on job growth"),
        ("Does a data scientist outearn a data analyst?", "Data scientists earn more"),
        ("Would a DS make more than an MLE?", "Machine learning engineers earn more"),
        ("Which has the worse job outlook, a DE or a DS?", "Data engineers are less in demand"),
    ],
)
def test_verdicts_on_the_bundled_guides_agree_with_their_figures(
    bundled_bot,  # type: ignore[no-untyped-def]
    question: str,
    opening: str,
) -> None:
    answer = bundled_bot.ask(question)
    assert answer.route == "compare"
    assert answer.verdict.startswith(opening), answer.verdict


def test_one_stand_in_occupation_written_two_ways_is_said_to_be_shared() -> None:
    # Before, "Software Developers" and "software developers," made a set of two names where
    # the check had found one: the verdict could not unpack it.
    from bot.core.results import Passage
    from bot.routes.figures import Figure
    from bot.routes.selection import Candidate

    def evidence(role: str, occupation: str) -> Evidence:
        figure = Figure("pay", 133080, "May 2024", "United States", occupation, True, False, "s")
        passage = Passage(role, "s", role, role, f"{role} > Pay", "Pay", f"{role}.md", 0, 0.5)
        return Evidence(role, Candidate("s", passage, 0), 133080, figure)

    ranked = [
        evidence("ai-engineer", "Software Developers, Quality Assurance Analysts, and Testers"),
        evidence("mlops-engineer", "software developers, quality assurance analysts and testers"),
    ]
    why = undecided(ranked, {}, bundled_catalog())
    assert why.startswith("the guides use the same official occupation, Software Developers")
