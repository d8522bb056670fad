"""Skills gap: "I know SQL and Python; what am I missing to become an ML engineer?"

The role's skills, split into what the person already has (they named it) and what to
learn next, each quoted from the guide and cited, then the guide's first steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.answer import Answer, Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.routes.selection import Selector, candidates_of, cite, cited_sentences
from bot.understand.intents import BY_ID, heading_matches
from bot.understand.profile import Profile

HAVE_MAX = 3
LEARN_MAX = 4
STEPS_MAX = 2


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
    return Answer(
        text="\n\n".join(sections),
        sources=cited.sources,
        mode="offline",
        route="skills_gap",
        roles=[role],
        intent="skills",
    )


def mentions(text: str, skills: Sequence[str]) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", text, re.IGNORECASE) for s in skills)
