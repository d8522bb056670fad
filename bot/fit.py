"""Role fit: what a person says about themselves -> the three roles that match it best.

Each role is scored by how closely its guide's descriptions of the work (what the role is,
what it does, its skills and tools) match the profile. Sections that talk about *other*
roles or about money are left out of the score: "whereas a data scientist runs A/B tests"
in the data engineer guide must not make a statistics lover a data engineer. The answer
quotes, for each role, the guide sentences closest to what the person said and the first
steps from the guide's getting-started section.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_chroma import Chroma

from bot.answer import Answer
from bot.compose import Candidate, OfflineComposer, cite, cited_sentences
from bot.embeddings import VectorCache
from bot.retrieval import Passage, search
from bot.roles import RoleCatalog
from bot.sections import lead_and_best, matching, parts_of, search_parts, search_section

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
START_QUERY = "first steps to get started in this role"
WHY_SENTENCES = 2
# The section's opening sentences are its plan; one more is picked for this person.
OPENING_STEPS = 2


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float
    passages: list[Passage]


@dataclass(frozen=True)
class Recommendation:
    match: RoleMatch
    why: list[Candidate]
    steps: list[Candidate]


class Matcher:
    """Ranks roles for a profile and explains the best ones from their guides."""

    def __init__(self, store: Chroma, vectors: VectorCache, catalog: RoleCatalog) -> None:
        self.store = store
        self.vectors = vectors
        self.catalog = catalog
        self.selector = OfflineComposer(vectors)

    def rank(self, profile: str) -> list[RoleMatch]:
        """Every role, best match first."""
        vector = self.vectors.vector(profile).tolist()
        matches = []
        for role in self.candidates(vector):
            parts = parts_of(self.store, role)
            unscored = set(matching(parts, UNSCORED_PARTS))
            scored = [p for p in parts if p not in unscored]
            passages = search_parts(self.store, vector, role, scored, SCORED_PASSAGES)
            if passages:
                score = float(np.mean([p.score for p in passages]))
                matches.append(RoleMatch(role, score, passages))
        return sorted(matches, key=lambda m: m.score, reverse=True)

    def candidates(self, vector: list[float]) -> list[str]:
        """Every role of a small catalog; of a large one, those found near the profile."""
        roles = list(self.catalog.roles)
        if len(roles) <= SHORTLIST_ABOVE:
            return roles
        near = search(self.store, vector, SHORTLIST_PASSAGES)
        return list(dict.fromkeys(p.role for p in near))[:SHORTLIST_ABOVE]

    def recommend(self, profile: str, matches: Sequence[RoleMatch]) -> Answer:
        recommendations = [self.explain(profile, m) for m in matches[:TOP_ROLES]]
        cited = cite([pick for r in recommendations for pick in (*r.why, *r.steps)])
        paragraphs = ["These roles match what you told me best, closest first:"]
        for n, rec in enumerate(recommendations, start=1):
            lines = [f"**{n}. {self.catalog.title(rec.match.role)}**"]
            if rec.why:
                lines.append(f"- Why it fits: {cited_sentences(rec.why, cited.numbers)}")
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

    def explain(self, profile: str, match: RoleMatch) -> Recommendation:
        why = self.selector.select(profile, match.passages, WHY_SENTENCES)
        return Recommendation(match, why, self.first_steps(profile, match.role))

    def first_steps(self, profile: str, role: str) -> list[Candidate]:
        """The getting-started section's opening sentences, plus the one sentence of the
        rest of it that is closest to the profile (often a transition path from the
        person's current job)."""
        query = f"{self.catalog.title(role)}: {START_QUERY}"
        vector = self.vectors.vector(query).tolist()
        parts = parts_of(self.store, role)
        passages = search_section(self.store, vector, role, START_PART, 6, parts)
        if not matching(parts, [START_PART]):
            # A guide without that section: the sentences closest to "first steps" instead.
            return self.selector.select(query, passages, OPENING_STEPS + 1)
        return lead_and_best(self.selector, profile, passages, lead=OPENING_STEPS)
