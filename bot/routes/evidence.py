"""Evidence: the retrieve step. A routed ``Turn`` -> the passages its answer is built from.

An ordinary answer searches the roles in play (each on its own); a comparison searches
every role once per aspect inside the section that covers it (``bot.routes.compare.gather``); a
role fit ranks every role against the profile (``bot.routes.fit.gather``). Whether the guides
cover the question at all is decided here, from the retrieval scores, before any composer
runs, so an off-topic question never reaches an LLM.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from langchain_chroma import Chroma

from bot.core.answer import Passage
from bot.index.embeddings import VectorCache
from bot.index.retrieval import per_role, retrieve
from bot.index.sections import Guides, Search
from bot.routes import compare, fit, overview, plan
from bot.routes.selection import Selector
from bot.understand.intents import BY_ID, parts_for
from bot.understand.replies import not_covered
from bot.understand.turn import Turn

# Passages per role from the section the question asks about, and from its FAQ.
SECTION_PASSAGES = 6
FAQ_PASSAGES = 2
GAP_PASSAGES = 6
MAX_FOCUSED_ROLES = 4
FAQ = re.compile(r"\b(?:frequently asked|FAQs?|questions)\b", re.IGNORECASE)


class Evidence:
    """Retrieves for turns from one store. ``store`` is a callable so that a rebuilt
    collection is picked up between questions; ``find`` replaces the ranked search of an
    ordinary answer (the retrieval benchmarks try hybrid and MMR rankers through it)."""

    def __init__(
        self,
        store: Callable[[], Chroma],
        vectors: VectorCache,
        top_k: int,
        threshold: float,
        find: Callable[[str, Sequence[str]], list[Passage]] | None = None,
    ) -> None:
        self.store = store
        self.vectors = vectors
        self.top_k = top_k
        self.threshold = threshold
        self.find = find or self.passages
        # Whether the composer reads notes (a model does); set by the chatbot.
        self.notes = False

    def gather(self, turn: Turn) -> Turn:
        if turn.route == "compare":
            return self.comparison(turn)
        if turn.route == "fit":
            return self.fit(turn)
        if turn.route == "skills_gap":
            return self.gap(turn)
        if turn.route == "plan" and turn.roles:
            steps = plan.gather(self.store(), self.vectors, turn.catalog, turn.roles[0])
            if steps:
                return replace(turn, passages=steps)
            turn = replace(turn, route="answer")  # no such section: an ordinary answer
        if turn.route == "overview":
            found = overview.gather(
                self.store(), self.vectors, turn.catalog, turn.text or turn.question, turn.intent
            )
            refusal = None if self.covered(_best(found.passages())) else not_covered(turn.catalog)
            if refusal is None and self.notes:
                # A model composes from these, so it is told the ranking the offline answer
                # gives (the same understanding in both modes).
                found.notes = overview.overview_notes(found, turn.catalog, Selector(self.vectors))
            return replace(turn, overview=found, passages=found.passages(), answer=refusal)
        query = turn.query or turn.question
        passages = self.find(query, turn.roles)
        refusal = None if self.covered(passages) else not_covered(turn.catalog)
        if refusal is None and turn.roles:
            # The section the question asks about first, and the guide's FAQ, which often
            # answers the question in so many words; then the best of the whole guide.
            focused = self.focused(query, turn)
            passages = _merged(focused, passages)
        return replace(turn, passages=passages, answer=refusal)

    def gap(self, turn: Turn) -> Turn:
        """A role's skills section and its getting-started section, whole."""
        role = turn.roles[0]
        guides = Guides(self.store(), [role])
        searches = [
            Search(
                f"{turn.catalog.title(role)}: {intent.query}",
                role,
                tuple(parts_for(intent, guides.parts(role))),
                k,
            )
            for intent, k in ((BY_ID["skills"], GAP_PASSAGES), (BY_ID["getting_started"], 3))
        ]
        found = [p for passages in guides.run(self.vectors, searches) for p in passages]
        refusal = None if found else not_covered(turn.catalog)
        return replace(turn, passages=found, answer=refusal)

    def focused(self, query: str, turn: Turn) -> list[Passage]:
        """Each role's section the question asks about and its FAQ, searched together."""
        roles = turn.roles[:MAX_FOCUSED_ROLES]
        guides = Guides(self.store(), roles)
        searches = []
        for role in roles:
            parts = guides.parts(role)
            wanted = parts_for(turn.intent, parts) if turn.intent else []
            if wanted:
                searches.append(Search(query, role, tuple(wanted), SECTION_PASSAGES))
            faq = [p for p in parts if FAQ.search(p)]
            if faq:
                searches.append(Search(query, role, tuple(faq), FAQ_PASSAGES))
        return [p for passages in guides.run(self.vectors, searches) for p in passages]

    def passages(self, query: str, roles: Sequence[str]) -> list[Passage]:
        """The top passages for the query; with roles, the top of each role's guide (so no
        guide is crowded out), searched on the shelf rather than by a filtered query."""
        vector = self.vectors.queries([query])[0]
        if not roles:
            return retrieve(self.store(), vector.tolist(), k=self.top_k)
        guides = Guides(self.store(), roles)
        found: dict[str, Passage] = {}
        for role in guides.roles:
            for passage in guides.nearest(vector, role, per_role(self.top_k, len(roles))):
                found.setdefault(passage.id, passage)
        return sorted(found.values(), key=lambda p: p.score, reverse=True)

    def comparison(self, turn: Turn) -> Turn:
        found = compare.gather(
            self.store(), self.vectors, turn.catalog, turn.roles, turn.aspects, turn.text
        )
        return replace(turn, comparison=found, passages=found.passages())

    def fit(self, turn: Turn) -> Turn:
        person = turn.profile
        wanted = "; ".join([*person.likes, *person.skills, *person.background])
        profile = wanted or turn.query or turn.question
        dislikes = "; ".join(person.dislikes)
        found = fit.gather(self.store(), self.vectors, turn.catalog, profile, dislikes)
        # The same bar as a question: if no guide describes anything like it, say so. A
        # person who said what they like gets the nearest roles, called that, instead.
        weak = not found.matches or found.matches[0].similarity < self.threshold
        if weak and not (found.matches and wanted):
            return replace(turn, answer=not_covered(turn.catalog))
        return replace(turn, fit=found, passages=found.passages())

    def covered(self, passages: Sequence[Passage]) -> bool:
        return bool(passages) and passages[0].score >= self.threshold


def _best(passages: Sequence[Passage]) -> list[Passage]:
    return sorted(passages, key=lambda p: p.score, reverse=True)


def _merged(first: Sequence[Passage], rest: Sequence[Passage]) -> list[Passage]:
    found: dict[str, Passage] = {}
    for passage in [*first, *rest]:
        found.setdefault(passage.id, passage)
    return list(found.values())
