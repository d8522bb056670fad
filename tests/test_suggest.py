"""Suggested next questions follow the topic and offer one comparison."""

from bot.routes.suggest import suggestions
from bot.understand.intents import BY_ID
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def test_after_pay_come_outlook_and_career() -> None:
    found = suggestions(BY_ID["salary"], ["data-engineer"], CATALOG)
    assert found[:2] == [
        "What is the job outlook for a data engineer?",
        "What does the career path of a data engineer look like?",
    ]
    assert len(found) == 3 and found[2].startswith("How is a data engineer different from")


def test_the_comparison_names_the_other_role_in_play() -> None:
    found = suggestions(None, ["data-analyst", "data-scientist"], CATALOG)
    assert "How is a data analyst different from a data scientist?" in found


def test_nothing_to_suggest_without_a_role() -> None:
    assert suggestions(BY_ID["salary"], [], CATALOG) == []
