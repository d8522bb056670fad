"""Replies that quote no guide: what careerbot says when the guides do not cover a question."""

from __future__ import annotations

from bot.answer import Answer
from bot.roles import RoleCatalog


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")
