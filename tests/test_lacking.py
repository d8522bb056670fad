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
