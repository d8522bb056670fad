"""Clarify: a question back when a question needs a role and names none ("salary?").

Routing sends a short first question about something only a role has here; the reply lists
the roles and offers the same question about the first few of them as suggestions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.results import Answer
from bot.core.roles import RoleCatalog
from bot.routes.protocol import BaseRoute
from bot.understand.intents import Intent, question_for
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence
    from bot.routes.selection import Selector


def clarify(catalog: RoleCatalog, intent: Intent | None) -> Answer:
    titles = [r.title for r in catalog.roles.values()]
    about = f"{intent.label} " if intent else ""
    listed = ", ".join(titles) or "no roles yet"
    example = question_for(intent, titles[0]) if intent and titles else ""
    text = f"Which role do you mean? I can tell you about the {about}of these roles: {listed}." + (
        f' For example: "{example}"' if example else ""
    )
    suggestions = [question_for(intent, t) for t in titles[:3]] if intent else []
    return Answer(
        text=text, route="clarify", intent=intent.id if intent else "", suggestions=suggestions
    )


class ClarifyRoute(BaseRoute):
    """Needs no evidence and no composer: the question back is the answer, with its own
    suggestions."""

    name = "clarify"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        return turn.answered(clarify(turn.catalog, turn.intent))

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return clarify(turn.catalog, turn.intent)

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]:
        return list(answer.suggestions)
