"""Evidence: the retrieve step. A routed ``Turn`` -> the passages its answer is built from.

An ordinary answer searches the roles in play (each on its own); a comparison searches
every role once per aspect inside the section that covers it (``bot.compare.gather``); a
role fit ranks every role against the profile (``bot.fit.gather``). Whether the guides
cover the question at all is decided here, from the retrieval scores, before any composer
runs, so an off-topic question never reaches an LLM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from langchain_chroma import Chroma

from bot import compare, fit
from bot.answer import Passage
from bot.embeddings import VectorCache
from bot.replies import not_covered
from bot.retrieval import retrieve
from bot.turn import Turn


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

    def gather(self, turn: Turn) -> Turn:
        if turn.route == "compare":
            return self.comparison(turn)
        if turn.route == "fit":
            return self.fit(turn)
        passages = self.find(turn.query or turn.question, turn.roles)
        refusal = None if self.covered(passages) else not_covered(turn.catalog)
        return replace(turn, passages=passages, answer=refusal)

    def passages(self, query: str, roles: Sequence[str]) -> list[Passage]:
        vector = self.vectors.vector(query)
        return retrieve(self.store(), vector.tolist(), roles=roles, k=self.top_k)

    def comparison(self, turn: Turn) -> Turn:
        found = compare.gather(
            self.store(), self.vectors, turn.catalog, turn.roles, turn.aspects, turn.text
        )
        return replace(turn, comparison=found, passages=found.passages())

    def fit(self, turn: Turn) -> Turn:
        profile = turn.query or turn.question
        found = fit.gather(self.store(), self.vectors, turn.catalog, profile)
        # The same bar as a question: if no guide describes anything like it, say so.
        if not found.matches or found.matches[0].score < self.threshold:
            return replace(turn, answer=not_covered(turn.catalog))
        return replace(turn, fit=found, passages=found.passages())

    def covered(self, passages: Sequence[Passage]) -> bool:
        return bool(passages) and passages[0].score >= self.threshold
