"""Routing: a table of phrasings -> comparison, fit or a plain answer, with the roles in play.

The pure router is checked against the bundled guides' real role catalog (front matter),
then a few phrasings go end to end through ``Chatbot.ask`` on the bundled index, which is
where "not covered" is decided.
"""

from __future__ import annotations

import pytest

from bot.understand.conversation import roles_in_play
from bot.understand.routing import (
    decide,
    is_comparative,
    profile_of,
    wants_fit,
    wants_overview,
    weighs_a_field,
)
from tests.guides import bundled_catalog

DE, DS, DA = "data-engineer", "data-scientist", "data-analyst"
AE, MLE, MLOPS = "analytics-engineer", "machine-learning-engineer", "mlops-engineer"
AI = "ai-engineer"


CATALOG = bundled_catalog()


def route(text: str, earlier_questions: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    earlier = roles_in_play(text, list(earlier_questions), CATALOG)
    decision = decide(text, CATALOG.resolve(text), earlier)
    return decision.kind, decision.roles


COMPARISONS = [
    ("How is a data engineer different from a data scientist?", (), [DE, DS]),
    ("data engineer vs data scientist", (), [DE, DS]),
    ("Data engineer vs. data scientist", (), [DE, DS]),
    ("data analyst versus analytics engineer: which should I choose?", (), [DA, AE]),
    ("Compare MLOps engineers and ML engineers", (), [MLOPS, MLE]),
    ("What's the difference between an AI engineer and an ML engineer?", (), [AI, MLE]),
    ("How do data analysts and data scientists differ?", (), [DA, DS]),
    ("Data engineer or data scientist?", (), [DE, DS]),
    ("Which pays more, data engineering or data science?", (), [DE, DS]),
    ("Is a data scientist better paid than a data analyst?", (), [DS, DA]),
    ("Is data engineering harder than data science?", (), [DE, DS]),
    ("Pros and cons of analytics engineer and data analyst", (), [AE, DA]),
    ("Compare data analyst, data scientist and data engineer", (), [DA, DS, DE]),
    # Follow-ups: the roles come from the conversation, earlier ones first.
    ("and how do they compare with data analysts?", ("What does a data engineer do?",), [DE, DA]),
    ("Which pays more?", ("Tell me about data engineers and data scientists",), [DE, DS]),
    ("How does that differ from MLOps engineers?", ("What does an MLE do?",), [MLE, MLOPS]),
]

SINGLE_OR_PLAIN = [
    ("data engineering tools", (), [DE]),
    ("What does a data engineer do?", (), [DE]),
    ("What different tools do data engineers use?", (), [DE]),
    ("Should I learn Python or R for data science?", (), [DS]),
    ("How does a data engineer compare to other roles?", (), [DE]),
    ("What should I do to become a data engineer?", (), [DE]),
    # Two roles, but no comparative intent: an answer about both.
    ("What do data engineers and data scientists do?", (), [DE, DS]),
    ("How do data engineers work with data scientists?", (), [DE, DS]),
    # Follow-ups that stay plain: "or"/"than" only compare roles the question names.
    ("What tools do they use?", ("What does a data engineer do?",), [DE]),
    ("Should I learn Python or R?", ("Tell me about data engineers and DS",), [DE, DS]),
    ("Do I need more than a bachelor's degree?", ("What do DE and DS do?",), [DE, DS]),
    ("Do they earn more than $100k?", ("Tell me about data engineers",), [DE]),
    # No role at all: an open answer, which the guides may or may not cover.
    ("What is the capital of France?", (), []),
    ("Compare apples and oranges", (), []),
    ("Which is better, tea or coffee?", (), []),
]

FITS = [
    "I enjoy statistics and experiments and I know SQL; which role fits me?",
    "Which role suits me? I like building things and I know Python.",
    "I love building pipelines and I know Spark, what should I do?",
    "What career would suit someone who likes dashboards and talking to stakeholders?",
    "I'm a data analyst and I enjoy statistics. Which role should I move into?",
    "Is there a data job that is right for me? I studied physics.",
    "I have a maths degree and like coding; what do you recommend?",
]

NOT_FIT = [
    "What should I do to become a data engineer?",
    "I'm a data analyst, what should I do to become a data engineer?",
    "What does a data scientist do all day?",
    "Should I learn Python first?",
    "What should I do?",  # nothing about the person: nothing to match
]


@pytest.mark.parametrize(("text", "earlier", "roles"), COMPARISONS)
def test_comparisons(text: str, earlier: tuple[str, ...], roles: list[str]) -> None:
    assert route(text, earlier) == ("compare", roles)


def test_them_compares_the_roles_one_earlier_question_named() -> None:
    # Known and kept as it is (this change moves code, it does not change answers): for a
    # reference to several roles, ``roles_in_play`` returns one earlier question's roles
    # in reverse order of mention, so the table's columns come out DS, DE here.
    kind, roles = route("What is the difference between them?", ("What do DE and DS do?",))
    assert kind == "compare" and sorted(roles) == [DE, DS]


@pytest.mark.parametrize(("text", "earlier", "roles"), SINGLE_OR_PLAIN)
def test_plain_answers(text: str, earlier: tuple[str, ...], roles: list[str]) -> None:
    assert route(text, earlier) == ("answer", roles)


@pytest.mark.parametrize("text", FITS)
def test_fit_questions(text: str) -> None:
    assert route(text)[0] == "fit"


@pytest.mark.parametrize("text", NOT_FIT)
def test_not_fit(text: str) -> None:
    assert not wants_fit(text, CATALOG.resolve(text))
    assert route(text)[0] != "fit"


def test_a_comparison_with_a_profile_stays_a_comparison() -> None:
    text = "I know SQL and like statistics: should I become a data analyst or a data scientist?"
    assert route(text) == ("compare", [DA, DS])


def test_follow_up_keeps_at_most_four_roles() -> None:
    earlier = ("Tell me about data engineers, data scientists, data analysts and AI engineers",)
    kind, roles = route("How do they compare with ML engineers?", earlier)
    assert kind == "compare" and len(roles) == 4 and roles[-1] == MLE


@pytest.mark.parametrize(
    ("text", "named", "expected"),
    [
        ("X vs Y", 2, True),
        ("X or Y?", 2, True),
        ("X or Y?", 0, False),  # "or" alone is not a comparison of roles
        ("more than a degree", 0, False),
        ("is X harder than Y", 1, True),
        ("which one pays more", 0, True),
        ("what tools does X use", 2, False),
        # A verb that compares by its prefix: "out-earn", "outgrow" (not "outgrown").
        ("Does X out-earn Y?", 2, True),
        ("Will X outgrow Y?", 2, True),
        ("Does X outearn Y?", 2, True),
        ("I have outgrown X; tell me about Y", 2, False),
        # A role named with a word of likeness sets it beside the roles before it.
        ("What about X, same tools?", 1, True),
        ("Is X's day much like that?", 1, True),
        ("Are X and the last one alike?", 1, True),
        ("What does X do at the same time as coding?", 1, False),
        ("Do X like their jobs?", 1, False),
    ],
)
def test_comparative_signals(text: str, named: int, expected: bool) -> None:
    assert is_comparative(text, named) is expected


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        (
            "I enjoy statistics and experiments and I know SQL; which role fits me?",
            "I enjoy statistics and experiments and I know SQL;",
        ),
        ("Which role suits me? I like building things.", "I like building things."),
        ("I'm a data analyst. What should I do?", "I'm a data analyst."),
        # Nothing but the request: keep it, it is all there is to match.
        ("What career would suit someone who likes dashboards?", None),
    ],
)
def test_profile_drops_the_request(text: str, profile: str | None) -> None:
    assert profile_of(text) == (profile or text)


@pytest.mark.parametrize(
    ("question", "history", "route_"),
    [
        ("How is a data engineer different from a data scientist?", [], "compare"),
        ("data engineering tools", [], "answer"),
        ("I enjoy statistics and experiments and I know SQL; which role fits me?", [], "fit"),
        ("What is the capital of France?", [], "not_covered"),
        ("Compare apples and oranges", [], "not_covered"),
        (
            "and how do they compare with data analysts?",
            [{"role": "user", "content": "What tools do data engineers use?"}],
            "compare",
        ),
    ],
)
def test_routes_through_ask(bundled_bot, question, history, route_) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask(question, history=history)
    assert answer.route == route_
    if route_ == "not_covered":
        assert answer.sources == []
    else:
        assert answer.sources


# --- the route step over an understood turn ------------------------------------------


def routed(question: str, *asked: str):  # type: ignore[no-untyped-def]
    from bot.understand.conversation import understand
    from bot.understand.routing import route

    history = [{"role": "user", "content": q} for q in asked]
    return route(understand(question, history, lambda: CATALOG, 1000))


@pytest.mark.parametrize(
    "question",
    ["How much does a plumber earn?", "What are a nurse's shifts like?", "pastry-chef skills"],
)
def test_other_occupations_are_refused_before_any_search(question: str) -> None:
    found = routed(question)
    assert found.route == "not_covered" and found.roles == []


def test_a_role_question_without_a_role_gets_a_question_back() -> None:
    found = routed("salary?")
    assert found.route == "clarify" and found.intent is not None
    assert found.intent.id == "salary"


def test_salary_after_a_role_is_about_that_role() -> None:
    found = routed("salary?", "What does a data engineer do?")
    assert found.route == "answer" and found.roles == ["data-engineer"]


def test_a_skills_gap_needs_skills_and_a_role() -> None:
    found = routed("I know SQL and Python; what am I missing to become an ML engineer?")
    assert found.route == "skills_gap" and found.roles == ["machine-learning-engineer"]


def test_the_two_compare_with_a_verdict_and_no_full_table() -> None:
    found = routed(
        "Which of the two needs more statistics?",
        "What does a data analyst do?",
        "And a data scientist?",
    )
    assert found.route == "compare" and found.roles == ["data-analyst", "data-scientist"]
    assert found.aspects == []  # a verdict rests on its own evidence, not the whole table


@pytest.mark.parametrize(
    "text",
    [
        "Between a data analyst and a data scientist, who has the stronger outlook?",
        "Would a data analyst or a data engineer bring in a larger salary?",
    ],
)
def test_two_roles_and_who_wins_is_a_comparison(text: str) -> None:
    catalog = bundled_catalog()
    named = catalog.resolve(text)
    assert len(named) == 2
    assert decide(text, named, []).kind == "compare"


@pytest.mark.parametrize(
    "question",
    [
        "How does that compare with a data scientist?",
        "Is that more than a data scientist?",
        "How does that stack up against a data scientist?",
        "how does that measure up against a data scientist?",
    ],
)
def test_that_after_a_pay_answer_compares_pay(question: str) -> None:
    """ "That" stands for what was just said: after a pay question, the comparison is the
    salary row, not the whole table."""
    found = routed(question, "What does a data analyst do?", "and what do they earn?")
    assert found.route == "compare" and found.roles == ["data-analyst", "data-scientist"]
    assert [a.id for a in found.aspects] == ["salary"]
    # After "what does a data analyst do?", "that" is the work: the responsibilities row.
    work = routed(question, "What does a data analyst do?")
    assert work.route == "compare" and [a.id for a in work.aspects] == ["responsibilities"]
    # "That role" is a role, not the last answer: no topic is carried.
    assert not routed("Is that role like a data scientist?", "What do they earn?").carried


@pytest.mark.parametrize(
    ("question", "first", "roles", "aspects"),
    [
        # The pointer back ("that") is the object, not the subject, and the verb is any.
        (
            "how do a data analyst's skills stack up against that?",
            "What skills does a data scientist need?",
            ["data-scientist", "data-analyst"],
            ["skills"],
        ),
        (
            "does a data scientist get more than that?",
            "How much do data engineers make?",
            ["data-engineer", "data-scientist"],
            ["salary"],
        ),
        (
            "would an analytics engineer see more of them than that?",
            "What tools do data engineers use?",
            ["data-engineer", "analytics-engineer"],
            ["tools"],
        ),
    ],
)
def test_a_role_set_against_that_compares_the_last_topic(
    question: str, first: str, roles: list[str], aspects: list[str]
) -> None:
    """A follow-up naming a new role against the last answer ("... than that?") is a
    comparison of the earlier role and the new one, on the topic the last answer was about:
    "stack up" is not the tech stack, and a verdict question gets that topic's row."""
    found = routed(question, first)
    assert found.route == "compare" and found.roles == roles
    assert [a.id for a in found.aspects] == aspects


def test_a_bare_follow_up_after_a_table_is_the_table_with_the_new_role() -> None:
    from bot.understand.conversation import understand
    from bot.understand.routing import route
    from tests.test_conversation import TABLE_OF_TWO

    history = [
        {"role": "user", "content": "How much do data analysts earn?"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": "Is that more or less than data scientists make?"},
        {"role": "assistant", "content": TABLE_OF_TWO},
    ]
    found = route(understand("what about an AI engineer?", history, lambda: CATALOG, 1000))
    assert found.route == "compare"
    assert found.roles == ["data-analyst", "data-scientist", "ai-engineer"]
    assert [a.id for a in found.aspects] == ["salary"]


@pytest.mark.parametrize(
    ("text", "weighs"),
    [
        # The field is what the roles are weighed on: before, "software engineering" made
        # this a question about the software engineer (data science) alone.
        ("Which career involves the most software engineering?", True),
        ("What job has the least data engineering in it?", True),
        # A role named by its people, a comparison of two fields, no superlative.
        ("Which software engineers earn the most?", False),
        ("Which pays more, data engineering or data science?", False),
        ("Which job in data science suits me?", False),
    ],
)
def test_a_superlative_naming_only_fields_weighs_every_role_on_them(
    text: str, weighs: bool
) -> None:
    assert weighs_a_field(text, CATALOG) is weighs


@pytest.mark.parametrize(
    "text",
    ["Role by role, what degrees do employers look for?", "Job by job, how much do they pay?"],
)
def test_the_distributive_n_by_n_asks_over_every_role(text: str) -> None:
    assert wants_overview(text, [], [])
    assert not wants_overview("Step by step, how do I become a data analyst?", [], [])
