"""Replies that quote no guide."""

from bot.understand.intents import BY_ID
from bot.understand.replies import clarify, not_covered
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def test_not_covered_lists_the_roles_and_cites_nothing() -> None:
    answer = not_covered(CATALOG)
    assert answer.route == "not_covered" and answer.sources == []
    assert all(role.title in answer.text for role in CATALOG.roles.values())


def test_clarify_asks_which_role_with_examples() -> None:
    answer = clarify(CATALOG, BY_ID["salary"])
    assert answer.route == "clarify" and answer.text.startswith("Which role do you mean?")
    assert answer.suggestions[0] == "How much does an AI engineer earn?"
