"""Not covered: what careerbot says when the guides do not cover a question.

Reached two ways: routing sends a question about another occupation here before any search
("how much does a plumber earn?"), and the other routes hand a turn over when their search
finds nothing close enough. It quotes no guide and cites nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.results import Answer
from bot.core.roles import RoleCatalog
from bot.routes.protocol import BaseRoute
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence
    from bot.routes.selection import Selector


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")


class NotCoveredRoute(BaseRoute):
    """Needs no evidence and no composer: the refusal is the answer."""

    name = "not_covered"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        return turn.answered(not_covered(turn.catalog))

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return not_covered(turn.catalog)
