"""The clarify route: a question back when a question needs a role and names none."""

from bot.core.results import Answer
from bot.routes.clarify import ClarifyRoute, clarify
from bot.understand.intents import BY_ID
from bot.understand.turn import Turn
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def test_clarify_asks_which_role_with_examples() -> None:
    answer = clarify(CATALOG, BY_ID["salary"])
    assert answer.route == "clarify" and answer.text.startswith("Which role do you mean?")
    assert answer.suggestions[0] == "How much does an AI engineer earn?"


def test_without_an_intent_there_is_no_example() -> None:
    answer = clarify(CATALOG, None)
    assert "For example" not in answer.text and answer.suggestions == []


def test_the_route_answers_without_searching_and_keeps_its_suggestions() -> None:
    route = ClarifyRoute()
    asked = Turn("salary?", [], CATALOG, intent=BY_ID["salary"], route="clarify")
    turn = route.gather(asked, None)  # type: ignore[arg-type]
    assert isinstance(turn.ready, Answer) and turn.ready.route == "clarify"
    assert route.suggestions(turn, turn.ready) == turn.ready.suggestions
