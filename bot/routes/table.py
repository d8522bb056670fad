"""The table of routes: every kind of answer careerbot gives, by the name a turn carries.

This is the one place that knows which kinds of answer exist. ``bot.understand.routing``
names a turn's route from its words; the chatbot then only calls ``route_of``, ``claimed``
and ``gathered`` and the members of the ``Route`` it gets back (``bot.routes.protocol``).
To add a kind of answer, write its module and add one entry below.
"""

from __future__ import annotations

from dataclasses import replace

from bot.routes.act import ActRoute
from bot.routes.advice import AdviceRoute
from bot.routes.clarify import ClarifyRoute
from bot.routes.compare import CompareRoute
from bot.routes.evidence import Evidence
from bot.routes.fit import FitRoute
from bot.routes.gap import GapRoute
from bot.routes.not_covered import NotCoveredRoute
from bot.routes.overview import OverviewRoute
from bot.routes.plan import PlanRoute
from bot.routes.protocol import Route
from bot.understand.turn import Turn

# In the order their ``claims`` are asked.
ROUTES: dict[str, Route] = {
    route.name: route
    for route in (
        AdviceRoute(),
        CompareRoute(),
        FitRoute(),
        GapRoute(),
        ClarifyRoute(),
        NotCoveredRoute(),
        OverviewRoute(),
        PlanRoute(),
        ActRoute(),
    )
}

# A hand-over goes from a route that searched to one that answers without searching; more
# than this many in one turn is a loop between routes.
MAX_HANDOVERS = 3


class UnknownRouteError(LookupError):
    """A turn names a route the table does not have (a bug, never the person's input)."""


def route_of(turn: Turn) -> Route:
    try:
        return ROUTES[turn.route]
    except KeyError:
        raise UnknownRouteError(f"no route named {turn.route!r} in bot.routes.table") from None


def claimed(turn: Turn) -> Turn:
    """The turn given to the first route that claims it, else as routing named it."""
    for route in ROUTES.values():
        if route.name != turn.route and route.claims(turn):
            return replace(turn, route=route.name)
    return turn


def gathered(turn: Turn, evidence: Evidence) -> Turn:
    """The turn with its route's evidence, following hand-overs between routes."""
    for _ in range(MAX_HANDOVERS + 1):
        route = route_of(turn)
        turn = route.gather(turn, evidence)
        if turn.ready is not None or turn.route == route.name:
            return turn
    raise UnknownRouteError(f"routes handed the turn over more than {MAX_HANDOVERS} times")
