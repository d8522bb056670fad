"""Skills gap: "I know SQL and Python; what am I missing to become an ML engineer?"

The role's skills, split into what the person already has (they named it) and what to
learn next, each quoted from the guide and cited, then the guide's first steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.evidence import Evidence
from bot.routes.protocol import BaseRoute
from bot.routes.selection import (
    Selector,
    candidates_of,
    cite,
    cited_sentences,
    one_role_answer,
)
from bot.understand.intents import BY_ID, heading_matches, parts_for
from bot.understand.profile import Profile
from bot.understand.turn import Turn

HAVE_MAX = 3
LEARN_MAX = 4
STEPS_MAX = 2
GAP_PASSAGES = 6
STEP_PASSAGES = 3


class GapRoute(BaseRoute):
    """What the person already has of one role's skills and what to learn next."""

    name = "skills_gap"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        found = find_skills(evidence.store(), evidence.vectors, turn.catalog, turn.roles[0])
        if not found:
            return replace(turn, route="not_covered", passages=found)
        return replace(turn, passages=found)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return compose_gap(turn.roles[0], turn.passages, turn.profile, turn.catalog, selector)


def find_skills(
    store: Chroma, vectors: VectorCache, catalog: RoleCatalog, role: str
) -> list[Passage]:
    """The role's skills section and its getting-started section, whole."""
    guides = Guides(store, [role])
    searches = [
        Search(
            f"{catalog.title(role)}: {intent.query}",
            role,
            tuple(parts_for(intent, guides.parts(role))),
            k,
        )
        for intent, k in (
            (BY_ID["skills"], GAP_PASSAGES),
            (BY_ID["getting_started"], STEP_PASSAGES),
        )
    ]
    return [p for passages in guides.run(vectors, searches) for p in passages]


def compose_gap(
    role: str,
    passages: Sequence[Passage],
    profile: Profile,
    catalog: RoleCatalog,
    selector: Selector,
) -> Answer:
    skills = [p for p in passages if heading_matches(BY_ID["skills"], p.section)]
    steps = [p for p in passages if heading_matches(BY_ID["getting_started"], p.section)]
    known = profile.skill_words()
    ordered = candidates_of(sorted(skills, key=lambda p: p.seq))
    have = [c for c in ordered if mentions(c.text, known)][:HAVE_MAX]
    title = catalog.title(role)
    learn_pool = [c for c in ordered if c not in have]
    learn = selector.select_from(
        f"{title}: the core technical skills to learn", learn_pool, LEARN_MAX
    )
    first = selector.lead_and_best(f"{title}: first steps", steps, lead=1, extra=1)[:STEPS_MAX]
    cited = cite([*have, *learn, *first], reading=True)
    named = ", ".join(known) if known else "what you listed"
    role_name = with_article(f"a {name_of(title)}")
    lead = (
        f"You already have part of what {role_name} needs ({named}); "
        f"the guide's list below shows what to add next, then how to start."
        if have
        else f"The {name_of(title)} guide does not list {named} among the core skills in so "
        "many words, so treat everything below as what to learn next."
    )
    sections = [lead]
    for heading, picks in (
        ("What you already have", have),
        ("What to learn next", learn),
        ("First steps", first),
    ):
        if picks:
            items = "\n".join(f"- {cited_sentences([p], cited.numbers)}" for p in picks)
            sections.append(f"**{heading}**\n{items}")
    return one_role_answer("\n\n".join(sections), cited, "skills_gap", role, "skills")


def mentions(text: str, skills: Sequence[str]) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", text, re.IGNORECASE) for s in skills)
