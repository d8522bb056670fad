"""Role fit: what a person says about themselves -> the three roles that match it best.

Each role is scored by how closely its guide's descriptions of the work (what the role is,
what it does, its skills and tools) match the profile. Sections that talk about *other*
roles or about money are left out of the score: "whereas a data scientist runs A/B tests"
in the data engineer guide must not make a statistics lover a data engineer. The answer
quotes, for each role, the guide sentences closest to what the person said and the first
steps from the guide's getting-started section.

``gather`` is the retrieve step (store access only); ``compose_fit`` the compose step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from langchain_chroma import Chroma

from bot.answer import Answer, Passage
from bot.embeddings import VectorCache
from bot.retrieval import search
from bot.roles import RoleCatalog
from bot.sections import matching, parts_of, search_parts, search_section
from bot.selection import Candidate, Selector, cite, cited_sentences

TOP_ROLES = 3
# Scoring a role costs two store calls, so with a large catalog (users may add hundreds of
# guides) only the roles whose passages come up near the profile are scored.
SHORTLIST_ABOVE = 16
SHORTLIST_PASSAGES = 200
# Passages per role that count towards its score: enough that one lucky paragraph does
# not decide, few enough that a role's weak sections do not drown its strong ones.
SCORED_PASSAGES = 3
# Sections that describe other roles, money, or hiring rituals rather than the work itself.
UNSCORED_PARTS = (
    "How it differs",
    "How to get started",
    "Interview",
    "Frequently asked",
    "Sources",
    "Salary",
)
START_PART = "How to get started"
# How much a role's dwelling on what the person dislikes counts against it.
DISLIKE_WEIGHT = 0.6
# A role whose guide describes a dislike at least this closely gets a "watch out" line.
CAUTION_AT = 0.35
# Below this similarity to what the person wants, no role is called a good fit.
CLOSE_FIT = 0.4
START_QUERY = "first steps to get started in this role"
WHY_SENTENCES = 2
# The section's opening sentences are its plan; one more is picked for this person.
OPENING_STEPS = 2


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float  # similarity to what the person wants, less what they said they dislike
    passages: list[Passage]
    similarity: float = 0.0  # to what the person wants, alone
    dislike: float = 0.0  # how much the role's guide describes what they dislike
    warning: list[Passage] = field(default_factory=list)  # where it does


@dataclass(frozen=True)
class Steps:
    """A role's getting-started passages (``in_section`` False: the guide has no such
    section, and these are its passages closest to "first steps")."""

    query: str
    passages: list[Passage]
    in_section: bool


@dataclass(frozen=True)
class Fit:
    """What a fit answer is composed from: the profile, the ranked roles (best first) and
    the first-steps passages of the top ones."""

    profile: str
    matches: list[RoleMatch]
    steps: dict[str, Steps]
    dislikes: str = ""

    @property
    def top(self) -> list[RoleMatch]:
        return self.matches[:TOP_ROLES]

    def passages(self) -> list[Passage]:
        """The evidence as one list for a model, role by role."""
        found: dict[str, Passage] = {}
        for match in self.top:
            for passage in [*match.passages, *self.steps[match.role].passages[:3]]:
                found.setdefault(passage.id, passage)
        return list(found.values())


@dataclass(frozen=True)
class Recommendation:
    match: RoleMatch
    why: list[Candidate]
    steps: list[Candidate]


def rank(
    store: Chroma, vectors: VectorCache, catalog: RoleCatalog, profile: str, dislikes: str = ""
) -> list[RoleMatch]:
    """Every (shortlisted) role, best match first. What the person dislikes counts against
    a role as much as its guide dwells on it: "I hate coding" pushes the coding-heavy
    roles down."""
    vector = vectors.vector(profile).tolist()
    against = vectors.vector(dislikes).tolist() if dislikes else None
    matches = []
    for role in candidates(store, catalog, vector):
        parts = parts_of(store, role)
        unscored = set(matching(parts, UNSCORED_PARTS))
        scored = [p for p in parts if p not in unscored]
        passages = search_parts(store, vector, role, scored, SCORED_PASSAGES)
        if not passages:
            continue
        similarity = float(np.mean([p.score for p in passages]))
        dislike, warning = 0.0, []
        if against is not None:
            warning = search_parts(store, against, role, scored, SCORED_PASSAGES)
            dislike = float(np.mean([p.score for p in warning])) if warning else 0.0
        score = similarity - DISLIKE_WEIGHT * dislike
        matches.append(RoleMatch(role, score, passages, similarity, dislike, warning))
    return sorted(matches, key=lambda m: m.score, reverse=True)


def candidates(store: Chroma, catalog: RoleCatalog, vector: list[float]) -> list[str]:
    """Every role of a small catalog; of a large one, those found near the profile."""
    roles = list(catalog.roles)
    if len(roles) <= SHORTLIST_ABOVE:
        return roles
    near = search(store, vector, SHORTLIST_PASSAGES)
    return list(dict.fromkeys(p.role for p in near))[:SHORTLIST_ABOVE]


def gather(
    store: Chroma, vectors: VectorCache, catalog: RoleCatalog, profile: str, dislikes: str = ""
) -> Fit:
    """The retrieve step of a fit answer."""
    matches = rank(store, vectors, catalog, profile, dislikes)
    steps = {m.role: first_steps(store, vectors, catalog, m.role) for m in matches[:TOP_ROLES]}
    return Fit(profile, matches, steps, dislikes)


def first_steps(store: Chroma, vectors: VectorCache, catalog: RoleCatalog, role: str) -> Steps:
    query = f"{catalog.title(role)}: {START_QUERY}"
    parts = parts_of(store, role)
    passages = search_section(store, vectors.vector(query).tolist(), role, START_PART, 6, parts)
    return Steps(query, passages, bool(matching(parts, [START_PART])))


def compose_fit(fit: Fit, selector: Selector, catalog: RoleCatalog) -> Answer:
    """The compose step: each top role, why it fits (quoted) and the first steps."""
    recommendations = [explain(fit.profile, m, fit.steps[m.role], selector) for m in fit.top]
    cautions = {
        r.match.role: selector.select(fit.dislikes, r.match.warning, 1)
        for r in recommendations
        if fit.dislikes and r.match.dislike >= CAUTION_AT
    }
    cited = cite(
        [
            pick
            for r in recommendations
            for pick in (*r.why, *cautions.get(r.match.role, []), *r.steps)
        ],
        reading=True,
    )
    best = recommendations[0].match if recommendations else None
    if best is not None and best.similarity < CLOSE_FIT:
        opening = (
            "None of the roles is a close fit for what you describe, so treat these as the "
            "nearest options rather than a recommendation:"
        )
    else:
        first = catalog.title(best.role) if best else ""
        opening = f"**{first}** fits what you told me best; here are the closest three:"
    paragraphs = [opening]
    for n, rec in enumerate(recommendations, start=1):
        lines = [f"**{n}. {catalog.title(rec.match.role)}**"]
        if rec.why:
            lines.append(f"- Why it fits: {cited_sentences(rec.why, cited.numbers)}")
        if caution := cautions.get(rec.match.role):
            lines.append(
                f"- Watch out, you said you dislike {fit.dislikes}: "
                f"{cited_sentences(caution, cited.numbers)}"
            )
        if rec.steps:
            lines.append(f"- First steps: {cited_sentences(rec.steps, cited.numbers)}")
        paragraphs.append("\n".join(lines))
    return Answer(
        text="\n\n".join(paragraphs),
        sources=cited.sources,
        mode="offline",
        route="fit",
        roles=[r.match.role for r in recommendations],
    )


def explain(profile: str, match: RoleMatch, steps: Steps, selector: Selector) -> Recommendation:
    why = selector.select(profile, match.passages, WHY_SENTENCES)
    return Recommendation(match, why, quote_steps(profile, steps, selector))


def quote_steps(profile: str, steps: Steps, selector: Selector) -> list[Candidate]:
    """The getting-started section's opening sentences, plus the one sentence of the
    rest of it that is closest to the profile (often a transition path from the
    person's current job)."""
    if not steps.in_section:
        # A guide without that section: the sentences closest to "first steps" instead.
        return selector.select(steps.query, steps.passages, OPENING_STEPS + 1)
    return selector.lead_and_best(profile, steps.passages, lead=OPENING_STEPS)
