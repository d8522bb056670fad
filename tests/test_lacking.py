"""What the guides lack, said first (bot/routes/lacking.py), on every route that quotes them."""

from __future__ import annotations

from bot.core.results import Passage
from bot.routes.lacking import admitted
from bot.understand.turn import Turn
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def _turn(question: str, text: str, route: str = "answer") -> Turn:
    passage = Passage(
        "p1", text, "data-analyst", "Data Analyst", "Data Analyst > Salary", "Salary",
        "data-analyst.md", 0, 0.5,
    )  # fmt: skip
    return Turn(question, [], CATALOG, route=route, roles=["data-analyst"], passages=[passage])  # type: ignore[arg-type]


def test_a_specific_the_retrieved_text_lacks_is_said_first() -> None:
    turn = admitted(
        _turn("What did a data analyst earn in 2016?", "A median of $91,290 in May 2024.")
    )
    assert turn.preface.startswith("The guides don't say anything for 2016")


def test_a_specific_the_retrieved_text_has_is_not() -> None:
    text = "Analysts in London earn above the national median, in May 2024."
    for question in ("What does a data analyst earn in London?", "What did analysts earn in 2024?"):
        assert admitted(_turn(question, text)).preface == ""


def test_the_person_left_out_is_said_too() -> None:
    turn = _turn("Which role suits me?", "Text.")
    turn.left_out = ["age"]
    assert "don't address age" in admitted(turn).preface


def test_a_comparison_and_a_plan_say_it_first_as_well(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which pays more in Toronto, a data analyst or a data scientist?")
    assert answer.route == "compare" and answer.verdict
    assert answer.text.startswith("The guides don't say anything specific to Toronto")
    plan = bundled_bot.ask("Give me a step-by-step plan to become a data engineer at Spotify")
    assert plan.route == "plan"
    assert plan.text.startswith("The guides don't say what Spotify in particular pays or expects")


def test_a_role_by_its_short_name_is_not_a_specific() -> None:
    turn = admitted(_turn("Does an ML engineer earn more than a DA?", "A median of $91,290."))
    assert turn.preface == ""


# --- qualifiers in lowercase (session 9) ----------------------------------------------------


def test_a_lowercase_qualifier_the_text_never_speaks_to_is_said_first() -> None:
    text = "Most data analyst job postings ask for a bachelor's degree and keep records."
    turn = admitted(_turn("Can I become a data analyst with a criminal record?", text))
    assert turn.preface.startswith("The guides don't say anything about a criminal record")
    visa = admitted(_turn("What are the visa rules for a data analyst?", text))
    assert visa.preface.startswith("The guides don't say anything about visa rules")


def test_the_askers_own_place_is_never_in_the_guides() -> None:
    text = "Pay for data analysts varies widely by city, industry and seniority."
    turn = admitted(_turn("What does a data analyst earn in my city?", text))
    assert turn.preface.startswith("The guides don't say anything specific to your city")


def test_a_qualifier_the_text_speaks_to_is_not_said() -> None:
    text = "A data analyst defines metrics with stakeholders and works part-time on reports."
    for question in ("How do data analysts work with stakeholders?", "Can I do it part-time?"):
        assert admitted(_turn(question, text)).preface == ""


def test_the_closest_facts_come_with_the_guides_caveat(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("How much does a data analyst make in my city?")
    first = answer.text.split("\n\n")[0]
    assert first.startswith("The guides don't say anything specific to your city")
    assert "United States" in first and "Operations Research Analysts for data analysts" in first
    assert "$91,290" in answer.text
    # Said in other words than the guide's: the meaning decides, no admission.
    daily = bundled_bot.ask("What tools do data engineers use in their daily work?")
    assert not daily.text.startswith("The guides don't")


# --- false admissions (session 11) ---------------------------------------------------------


def test_a_qualifier_the_guide_covers_elsewhere_or_in_other_words_is_not_admitted(
    bundled_bot,  # type: ignore[no-untyped-def]
) -> None:
    # The guide answers these (its FAQ on coding, its remote work, its start-up sentence),
    # though the retrieved text or the words differ: no "the guides don't say".
    for question in (
        "Can I become a data analyst with no coding experience?",
        "Can a data analyst work from home?",
        "Is an ML engineer's work different at a startup?",
        "What does an AI engineer do in a typical week?",
    ):
        answer = bundled_bot.ask(question)
        assert not answer.text.startswith("The guides don't say"), (question, answer.text)
    # What the guides never speak to is still said first.
    amazon = bundled_bot.ask("Do data analysts at Amazon get paid more than elsewhere?")
    assert amazon.text.startswith("The guides don't say what Amazon in particular pays")


def test_a_plan_does_not_admit_the_pace_it_answers_itself(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    plan = bundled_bot.ask(
        "I'm a teacher with only evenings free. What should I learn first and next to "
        "become a data scientist?"
    )
    assert plan.route == "plan" and not plan.text.startswith("The guides don't say")
    assert "sets no pace of its own" in plan.text


# --- facets with no form of their own (session 12) -------------------------------------------


def test_a_facet_the_guides_never_carry_is_said_first(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    for question, said in (
        ("Would an employer sponsor my work visa as a data scientist?", "visa sponsorship"),
        ("Are analytics engineers represented by a trade union?", "union membership"),
        ("Is an MLOps engineer usually in a union?", "union membership"),
        ("Can a person of 58 get a first job as a data analyst?", "whether any age is too old"),
        ("How much will an MLOps engineer make next year?", "what pay will be in a future"),
    ):
        answer = bundled_bot.ask(question)
        first = answer.text.split("\n\n")[0]
        assert first.startswith("The guides don't say") and said in first, (question, first)
        assert answer.sources, question  # the closest they come, cited


def test_a_facet_the_guide_carries_in_other_words_is_not_said(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    from bot.routes.lacking import _facet_missing

    def passage(text: str) -> Passage:
        return Passage("p1", text, "data-analyst", "Data Analyst", "Data Analyst > Work", "Work",
                       "data-analyst.md", 0, 0.5)  # fmt: skip

    facets, vectors = bundled_bot.qualifiers.facets, bundled_bot.evidence.vectors
    asked = facets.read("Do employers sponsor work visas for this job?")
    carried = [passage("Many employers sponsor work visas, so foreign hires are common.")]
    assert _facet_missing(asked, carried, [], vectors, []) is None
    unrelated = [passage("Analysts write SQL and build dashboards for stakeholders.")]
    missing = _facet_missing(asked, unrelated, [], vectors, [])
    assert missing is not None and missing.key == "visa"
    # What the route answers itself (a plan's time) is never said to be missing.
    timing = facets.read("How long does it take to get job-ready?")
    assert timing.facet == "duration"
    assert _facet_missing(timing, unrelated, [], vectors, ["duration"]) is None


def test_an_unsure_qualifier_in_a_question_the_guides_answer_is_not_admitted(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    # "from a hammock" is near no labelled qualifier, but the whole question reads as one
    # about remote work, which the guide answers.
    answer = bundled_bot.ask("Could a data scientist do the work from a hammock?")
    assert not answer.text.startswith("The guides don't say"), answer.text
    # A qualifier said in the asker's own words is said once, in those words.
    overseas = bundled_bot.ask("Could a data engineer work for a US team from abroad?")
    first = overseas.text.split("\n\n")[0]
    assert first.startswith("The guides don't say") and "abroad" in first, first
