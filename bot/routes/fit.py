"""Role fit: what a person says about themselves -> the three roles that match it best.

Each role is scored by how closely its guide's descriptions of the work (what the role is,
what it does, its skills and tools) match the profile. Sections that talk about *other*
roles or about money are left out of the score: "whereas a data scientist runs A/B tests"
in the data engineer guide must not make a statistics lover a data engineer. The answer
quotes, for each role, the guide sentences closest to what the person said and the first
steps from the guide's getting-started section.

``FitRoute.gather`` runs the retrieve step (``find_ranking``: store access only); ``compose_fit``
the compose step. "fit" names the kind of answer alone (the route, ``Chatbot.fit``); what
it is composed from is a ``Ranking``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog
from bot.index.embeddings import VectorCache
from bot.index.retrieval import search
from bot.index.sections import Guides, Search, matching
from bot.routes.criteria import denies
from bot.routes.evidence import Evidence
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import (
    MMR_LAMBDA,
    REASON_LABEL,
    Candidate,
    Selector,
    candidates_of,
    cite,
    cited_sentences,
    reading_order,
)
from bot.understand.opinion import sides
from bot.understand.routing import profile_of
from bot.understand.turn import Turn

TOP_ROLES = 3
# Scoring a role costs two store calls, so with a large catalog (users may add hundreds of
# guides) only the roles whose passages come up near the profile are scored.
SHORTLIST_ABOVE = 16
SHORTLIST_PASSAGES = 200
# Passages per role that count towards its score: enough that one lucky paragraph does
# not decide, few enough that a role's weak sections do not drown its strong ones.
SCORED_PASSAGES = 3
ALL_PASSAGES = 1000  # "every passage of the scored sections" (a guide has ~30)
# Beside the passages, each thing the person said is compared with the role's sentences
# on its own: a short like ("numbers", "experiments") is one word in a passage of a hundred
# and scores low against any passage, but close to the few sentences that are about it.
# A role's evidence for a like is the mean of its TOP_SENTENCES closest sentences (one
# sentence alone is luck, as one passage is), and the likes count equally; it makes up
# SENTENCE_SHARE of the score when the likes are short (SHORT_WORDS words on average).
# Longer likes, and dislikes, are scored by passages alone: there the sentences favoured
# the role that talks most about a like over the one that spares a dislike ("explaining
# findings to managers" but not "coding all day"). On the dev fit questions (53 with an
# expected best role, 2026-12-04): passages alone 48, sentences for every like and dislike
# 50 but the coding-averse analyst lost to the data scientist, this rule 49 with it kept.
TOP_SENTENCES = 3
SENTENCE_SHARE = 0.5
SHORT_WORDS = 3
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
# How much a role's dwelling on what the person dislikes counts against it: each point of
# similarity to the dislike above the middle role's costs a point of similarity to the likes.
# Only above the middle: a guide that never mentions meetings is no better a fit for a
# numbers person who hates meetings, it just says nothing about either.
DISLIKE_WEIGHT = 1.0
# A reason sentence is picked for what the person likes, less this much of its similarity to
# what they said they dislike.
REASON_DISLIKE_WEIGHT = 0.5
# A role whose guide describes a dislike at least this closely gets a "watch out" line.
CAUTION_AT = 0.35
# Below this similarity to what the person wants, no role is called a good fit. What people
# like is often a short phrase ("designing experiments"), whose best guide passages score
# 0.35-0.45; unrelated ones ("digging into numbers" in an AI engineer guide) stay below 0.25.
CLOSE_FIT = 0.35
START_QUERY = "first steps to get started in this role"
WHY_SENTENCES = 2
REASON_SHARE = 0.8
# The section's opening sentences are its plan; one more is picked for this person.
OPENING_STEPS = 2


class FitRoute(BaseRoute):
    """The roles that best match what the person says about themselves."""

    name = "fit"

    def query(self, turn: Turn) -> str:
        """What the person says about themselves, without the request itself."""
        return profile_of(turn.question)

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        person = turn.profile
        wanted = "; ".join([*person.likes, *person.skills, *person.background])
        # Without a like, the question is the profile, minus what the person said they do
        # not want: "not into meetings" must not pull towards the guides about meetings.
        profile = wanted or without_sides(turn.query or turn.question, person.dislikes)
        dislikes = "; ".join(person.dislikes)
        said = [*person.likes, *person.skills, *person.background]
        ranked = find_ranking(
            evidence.store(),
            evidence.vectors,
            turn.catalog,
            profile,
            dislikes,
            said,
            by_dislike=not wanted and bool(person.dislikes),
        )
        ranked = replace(ranked, likes=tuple(person.likes), disliked=tuple(person.dislikes))
        # The same bar as a question: if no guide describes anything like it, say so. A
        # person who said what they like gets the nearest roles, called that, instead.
        weak = not ranked.matches or ranked.matches[0].similarity < evidence.threshold
        # Only a dislike said ("I hate coding. What role?") still asks for direction: the
        # roles whose guides dwell on it least come first, called the nearest, not a match.
        if weak and not (ranked.matches and (wanted or person.dislikes)):
            return replace(turn, route="not_covered")
        return replace(turn, found=ranked, passages=ranked.passages())

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return compose_fit(turn.found, selector, turn.catalog)

    def brief(self, turn: Turn) -> Brief:
        """A model composes from the same understanding: what the person likes and wants
        to avoid, and the ranking the offline answer gives."""
        return Brief(notes=fit_notes(turn.found, turn.catalog))


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float  # similarity to what the person wants, less what they said they dislike
    passages: list[Passage]
    similarity: float = 0.0  # to what the person wants, alone
    dislike: float = 0.0  # how much the role's guide describes what they dislike
    warning: list[Passage] = field(default_factory=list)  # where it does
    middle: float = 0.0  # the middle role's ``dislike``: above it, a role dwells on it
    # Every passage of the sections that score the role: where the sentence nearest to
    # each thing the person said is looked for (empty: ``passages``).
    pool: list[Passage] = field(default_factory=list)

    @property
    def spares_dislike(self) -> bool:
        """Its guide describes the dislike no more than the middle role's does."""
        return self.dislike <= self.middle


@dataclass(frozen=True)
class Steps:
    """A role's getting-started passages (``in_section`` False: the guide has no such
    section, and these are its passages closest to "first steps")."""

    query: str
    passages: list[Passage]
    in_section: bool


@dataclass(frozen=True)
class Ranking:
    """What a fit answer is composed from: the profile, the ranked roles (best first) and
    the first-steps passages of the top ones."""

    profile: str
    matches: list[RoleMatch]
    steps: dict[str, Steps]
    dislikes: str = ""
    # What the person said they like and dislike, in their words, for the opening line.
    likes: tuple[str, ...] = ()
    disliked: tuple[str, ...] = ()

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
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    profile: str,
    dislikes: str = "",
    guides: Guides | None = None,
    likes: Sequence[str] = (),
) -> list[RoleMatch]:
    """Every (shortlisted) role, best match first. What the person dislikes counts against
    a role as much as its guide dwells on it: "I hate coding" pushes the coding-heavy
    roles down. All roles are searched together (``Guides``). ``likes`` are the things said
    one by one (default: ``profile`` whole)."""
    if guides is None:
        guides = Guides(store, candidates(store, catalog, vectors, profile))
    searches = []
    for role in guides.roles:
        parts = guides.parts(role)
        unscored = set(matching(parts, UNSCORED_PARTS))
        scored = tuple(p for p in parts if p not in unscored)
        # Every scored passage, best first: the top ones score the role, all of them hold
        # the sentences each like is compared with.
        searches.append(Search(profile, role, scored, ALL_PASSAGES))
        searches.append(Search(dislikes, role, scored, SCORED_PASSAGES if dislikes else 0))
    found = guides.run(vectors, searches)
    found_roles = [
        (role, passages, warning)
        for role, passages, warning in zip(guides.roles, found[::2], found[1::2], strict=True)
        if passages
    ]
    wanted = [w for w in likes if w] or [profile]
    said = wanted if _short(wanted) else []
    near = _sentence_evidence(vectors, [p for _, p, _ in found_roles], said)
    dislikes_of = {
        role: float(np.mean([p.score for p in warning])) if warning else 0.0
        for role, _, warning in found_roles
    }
    middle = float(np.median(list(dislikes_of.values()))) if dislikes_of else 0.0
    matches = []
    for n, (role, passages, warning) in enumerate(found_roles):
        similarity = _blend(passages[:SCORED_PASSAGES], near[n])
        dislike = dislikes_of[role]
        score = similarity - DISLIKE_WEIGHT * max(0.0, dislike - middle)
        top = passages[:SCORED_PASSAGES]
        matches.append(
            RoleMatch(role, score, top, similarity, dislike, warning, middle, list(passages))
        )
    return sorted(matches, key=lambda m: m.score, reverse=True)


def _sentence_evidence(
    vectors: VectorCache, per_role: Sequence[Sequence[Passage]], phrases: Sequence[str]
) -> list[list[float]]:
    """Per role, per phrase: the mean similarity of the role's TOP_SENTENCES sentences
    closest to that phrase."""
    if not phrases:
        return [[] for _ in per_role]
    queries = vectors.queries(list(phrases))
    out = []
    for passages in per_role:
        texts = [c.text for c in candidates_of(passages)]
        if not texts:
            out.append([0.0] * len(phrases))
            continue
        sims = vectors.vectors(texts) @ queries.T  # sentences x phrases
        best = np.sort(sims, axis=0)[::-1][:TOP_SENTENCES]
        out.append([float(v) for v in best.mean(axis=0)])
    return out


def _short(phrases: Sequence[str]) -> bool:
    """What was said is short phrases ("numbers", "dbt models"): a passage's score dilutes
    them, their closest sentences do not."""
    return float(np.mean([len(p.split()) for p in phrases])) <= SHORT_WORDS


def _blend(passages: Sequence[Passage], sentences: Sequence[float]) -> float:
    """A role's closeness to what was said: its best passages' mean score and the mean of
    its per-phrase sentence evidence, SENTENCE_SHARE of the latter."""
    passage = float(np.mean([p.score for p in passages])) if passages else 0.0
    if not sentences:
        return passage
    return (1 - SENTENCE_SHARE) * passage + SENTENCE_SHARE * float(np.mean(sentences))


def candidates(
    store: Chroma, catalog: RoleCatalog, vectors: VectorCache, profile: str
) -> list[str]:
    """Every role of a small catalog; of a large one, those found near the profile."""
    roles = list(catalog.roles)
    if len(roles) <= SHORTLIST_ABOVE:
        return roles
    near = search(store, vectors.queries([profile])[0].tolist(), SHORTLIST_PASSAGES)
    return list(dict.fromkeys(p.role for p in near))[:SHORTLIST_ABOVE]


def find_ranking(
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    profile: str,
    dislikes: str = "",
    likes: Sequence[str] = (),
    by_dislike: bool = False,
) -> Ranking:
    """The retrieve step of a fit answer: the roles' guides fetched once, every role's
    searches run together, then the top roles' getting-started sections. ``by_dislike``:
    the person said only what they want to avoid ("I hate coding. What role?"), so the
    rest of their words are no profile and the roles whose guides dwell least on it lead."""
    guides = Guides(store, candidates(store, catalog, vectors, profile))
    matches = rank(store, vectors, catalog, profile, dislikes, guides, likes)
    if by_dislike:
        matches = sorted(matches, key=lambda m: m.dislike)
    top = [m.role for m in matches[:TOP_ROLES]]
    steps = first_steps(guides, vectors, catalog, top)
    return Ranking(profile, matches, steps, dislikes)


def first_steps(
    guides: Guides, vectors: VectorCache, catalog: RoleCatalog, roles: list[str]
) -> dict[str, Steps]:
    """Each role's getting-started passages (its closest passages to "first steps" when
    its guide has no such section)."""
    queries = {role: f"{catalog.title(role)}: {START_QUERY}" for role in roles}
    sections = {role: matching(guides.parts(role), [START_PART]) for role in roles}
    found = guides.run(vectors, [Search(queries[r], r, tuple(sections[r]), 6) for r in roles])
    return {
        role: Steps(queries[role], passages, bool(sections[role]))
        for role, passages in zip(roles, found, strict=True)
    }


def compose_fit(ranked: Ranking, selector: Selector, catalog: RoleCatalog) -> Answer:
    """The compose step: each top role, why it fits (quoted) and the first steps."""
    recommendations = [explain(ranked, m, ranked.steps[m.role], selector) for m in ranked.top]
    cautions = {
        # the sentence of its guide nearest to the dislike, wherever it is in the guide
        r.match.role: selector.select(ranked.dislikes, r.match.pool or r.match.warning, 1)
        for r in recommendations
        if ranked.dislikes and r.match.dislike >= CAUTION_AT
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
    paragraphs = [opening_line(ranked, best, catalog)]
    for n, rec in enumerate(recommendations, start=1):
        lines = [f"**{n}. {catalog.title(rec.match.role)}**"]
        if rec.why:
            lines.append(f"- {REASON_LABEL}: {cited_sentences(rec.why, cited.numbers)}")
        if caution := cautions.get(rec.match.role):
            lines.append(
                f"- Watch out, you said you dislike {_listed(ranked.disliked) or ranked.dislikes}: "
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


def fit_notes(ranked: Ranking, catalog: RoleCatalog) -> list[str]:
    notes = []
    if ranked.likes:
        notes.append(f"The person likes: {'; '.join(ranked.likes)}.")
    if ranked.disliked:
        notes.append(
            f"The person wants to avoid: {'; '.join(ranked.disliked)}. Roles whose guides "
            "describe it more than most are ranked lower; say so where it matters."
        )
    order = ", ".join(catalog.title(m.role) for m in ranked.top)
    if order:
        notes.append(f"Ranking by the guides, best first: {order}. Recommend the first.")
    return notes


def opening_line(fit: Ranking, best: RoleMatch | None, catalog: RoleCatalog) -> str:
    """The first sentence: the recommended role, with what the person said, quoted in their
    words (a like may be a noun or a verb phrase: quoting it keeps the sentence whole)."""
    if best is None:
        return "None of the roles matches what you describe."
    title = catalog.title(best.role)
    liked = _listed(fit.likes)
    avoided = _listed(fit.disliked)
    said = f"it matches what you like ({liked})" if liked else "it matches what you describe"
    if avoided and not liked and best.spares_dislike:
        # Only a dislike said: what is said of the role is how little it has of it.
        said = f"its guide has less of what you want to avoid ({avoided}) than most roles"
    elif avoided:
        said += (
            f" and involves less of what you want to avoid ({avoided}) than most roles"
            if best.spares_dislike
            else f", though its guide does mention what you want to avoid ({avoided})"
        )
    if best.similarity < CLOSE_FIT:
        return (
            f"The nearest fit is **{title}**: {said}. No guide matches you closely, so treat "
            "these three as options rather than a recommendation."
        )
    return f"Your best fit is **{title}**: {said}. The three closest roles:"


def _listed(items: Sequence[str]) -> str:
    quoted = [f"“{i}”" for i in items if i]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def without_sides(text: str, dislikes: Sequence[str]) -> str:
    """``text`` without the sides that say what the person dislikes."""
    if not dislikes:
        return text
    kept = [s for s in sides(text) if not any(d and d in s for d in dislikes)]
    return " ".join(kept) or text


def explain(fit: Ranking, match: RoleMatch, steps: Steps, selector: Selector) -> Recommendation:
    why = reasons(fit, match.pool or match.passages, selector)
    return Recommendation(match, why, quote_steps(fit.profile, steps, selector))


def reasons(fit: Ranking, passages: Sequence[Passage], selector: Selector) -> list[Candidate]:
    """Why a role fits: for each thing the person said they like, in turn, the sentence of
    the role's guide nearest to it (less its closeness to what they dislike), so each reason
    answers one of their own words; then the closest of the rest (MMR) up to WHY_SENTENCES.
    The sentence's own similarity decides, not its passage's: a passage can match well
    while its opening sentence is about something else."""
    candidates = candidates_of(passages)
    if not candidates:
        return []
    wanted = [w for w in fit.likes if w] or [fit.profile]
    matrix = selector.vectors.vectors([c.text for c in candidates])
    per_like = matrix @ selector.vectors.queries(wanted).T  # sentences x likes
    if fit.dislikes:
        per_like = (
            per_like
            - REASON_DISLIKE_WEIGHT * (matrix @ selector.vectors.vector(fit.dislikes))[:, None]
        )
    # A sentence that denies a like ("training a model from scratch is rarely part of the
    # job" for someone who wants to train models) is close to it and the opposite of a
    # reason: it is never quoted for that like.
    denied = np.array([[denies(c.text, w) for w in wanted] for c in candidates])
    per_like = np.where(denied, -np.inf, per_like)
    chosen: list[int] = []
    for column in per_like.T[:WHY_SENTENCES]:
        for i in np.argsort(-column):
            if int(i) not in chosen and np.isfinite(column[i]):
                chosen.append(int(i))
                break
    relevance = per_like.max(axis=1)
    # A further reason must be nearly as close to a like as the best one: a weak second
    # sentence reads as a reason the person did not give.
    floor = REASON_SHARE * float(relevance[chosen].max()) if chosen else -np.inf
    while len(chosen) < min(WHY_SENTENCES, len(candidates)):
        # MMR from what is already chosen: relevant to a like, not a repeat of a reason.
        redundancy = (matrix @ matrix[chosen].T).max(axis=1) if chosen else 0.0
        scores = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * redundancy
        scores[chosen] = -np.inf
        scores[relevance < floor] = -np.inf
        best = int(np.argmax(scores))
        if not np.isfinite(scores[best]):
            break
        chosen.append(best)
    return reading_order([candidates[i] for i in chosen])


def quote_steps(profile: str, steps: Steps, selector: Selector) -> list[Candidate]:
    """The getting-started section's opening sentences, plus the one sentence of the
    rest of it that is closest to the profile (often a transition path from the
    person's current job)."""
    if not steps.in_section:
        # A guide without that section: the sentences closest to "first steps" instead.
        return selector.select(steps.query, steps.passages, OPENING_STEPS + 1)
    return selector.lead_and_best(profile, steps.passages, lead=OPENING_STEPS)
