"""Replies that quote no guide: what careerbot says when the guides do not cover a question."""

from __future__ import annotations

from bot.core.answer import Answer
from bot.core.roles import RoleCatalog
from bot.understand.intents import Intent, question_for


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")


def clarify(catalog: RoleCatalog, intent: Intent | None) -> Answer:
    """A question back when a question needs a role and names none ("salary?")."""
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
