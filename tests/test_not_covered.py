"""The not-covered route: a refusal that lists the roles and cites nothing."""

from bot.core.results import Answer
from bot.routes.not_covered import NotCoveredRoute, not_covered
from bot.understand.turn import Turn
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def test_not_covered_lists_the_roles_and_cites_nothing() -> None:
    answer = not_covered(CATALOG)
    assert answer.route == "not_covered" and answer.sources == []
    assert all(role.title in answer.text for role in CATALOG.roles.values())


def test_the_route_answers_without_searching() -> None:
    # No evidence is given: a search would fail on None.
    turn = NotCoveredRoute().gather(Turn("plumber pay?", [], CATALOG, route="not_covered"), None)  # type: ignore[arg-type]
    assert isinstance(turn.ready, Answer) and turn.ready.route == "not_covered"
    assert turn.ready.text == not_covered(CATALOG).text
