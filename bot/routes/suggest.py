"""Suggest: two or three next questions worth offering after an answer.

They follow the conversation the way an adviser would: after "what does a data engineer
do?" come the day, the skills and the pay; after the pay, the outlook and the career path;
and one question that sets the role beside a neighbour its guide talks about.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.results import Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.understand.intents import Intent, question_for, related

MAX_SUGGESTIONS = 3


def difference_query(first: str, second: str) -> str:
    """How a search asks what sets two roles apart (titles, not ids); a comparison
    searches with it, and a suggestion offers it."""
    return f"How is a {first} different from a {second}?"


def suggestions(
    intent: Intent | None,
    roles: Sequence[str],
    catalog: RoleCatalog,
    passages: Sequence[Passage] = (),
    asked: str = "",
) -> list[str]:
    """Next questions about the first role in play, plus one comparison."""
    if not roles or roles[0] not in catalog:
        return []
    title = catalog.title(roles[0])
    out = [question_for(i, title) for i in related(intent)]
    neighbour = neighbour_of(roles, catalog, passages)
    if neighbour:
        first, second = name_of(title), name_of(catalog.title(neighbour))
        out.insert(2, with_article(difference_query(first, second)))
    seen = asked.strip().lower()
    unique = [q for q in dict.fromkeys(out) if q.lower() != seen]
    return unique[:MAX_SUGGESTIONS]


def neighbour_of(
    roles: Sequence[str], catalog: RoleCatalog, passages: Sequence[Passage]
) -> str | None:
    """Another role in play, else the role the passages mention most, else any other."""
    if len(roles) > 1:
        return roles[1]
    counts: dict[str, int] = {}
    for passage in passages:
        for role in catalog.resolve(passage.text):
            if role != roles[0]:
                counts[role] = counts.get(role, 0) + 1
    if counts:
        return max(counts, key=lambda r: counts[r])
    others = [r for r in catalog.roles if r != roles[0]]
    return others[0] if others else None
