"""The Route protocol's defaults (``BaseRoute``) and that every route in the table has the
protocol's members. Pure: the bundled catalog, no model, no store."""

from __future__ import annotations

import pytest

from bot.core.results import Answer
from bot.routes.protocol import BaseRoute, Brief, Route
from bot.routes.table import ROUTES
from bot.understand.conversation import standalone, understand
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()
MEMBERS = (
    "name",
    "follow_up",
    "in_parts",
    "claims",
    "query",
    "gather",
    "compose",
    "brief",
    "suggestions",
)


class Bare(BaseRoute):
    name = "bare"


def test_the_defaults_claim_nothing_search_the_standalone_question_and_brief_nothing() -> None:
    history = [{"role": "user", "content": "What does a data engineer do?"}]
    turn = understand("What tools do they use?", history, lambda: CATALOG, 1000)
    route = Bare()
    assert route.follow_up is False and route.claims(turn) is False
    assert route.in_parts is False  # a two-part question is read whole
    assert route.query(turn) == standalone(turn)
    assert route.gather(turn, None) is turn  # type: ignore[arg-type]
    assert route.brief(turn) == Brief()
    with pytest.raises(NotImplementedError, match="bare"):
        route.compose(turn, None)  # type: ignore[arg-type]


def test_the_default_suggestions_follow_the_answers_first_role() -> None:
    turn = understand("What does a data engineer do?", [], lambda: CATALOG, 1000)
    answer = Answer("...", roles=["data-engineer"])
    found = Bare().suggestions(turn, answer)
    assert 2 <= len(found) <= 3 and all(q.endswith("?") for q in found)
    assert Bare().suggestions(turn, Answer("...")) == []  # no role, nothing to suggest


def test_every_route_in_the_table_has_the_protocols_members() -> None:
    for name, route in ROUTES.items():
        assert all(hasattr(route, m) for m in MEMBERS), name
        assert isinstance(route.follow_up, bool)
    only: Route = ROUTES["answer"]  # the table is typed by the protocol
    assert only.follow_up is True  # the one route whose search a model may rewrite
    assert [n for n, r in ROUTES.items() if r.follow_up] == ["answer"]
    # Only an ordinary answer is given part by part; the others read the whole question.
    assert [n for n, r in ROUTES.items() if r.in_parts] == ["answer"]
