"""Evidence: the searches every route shares, over one store.

Each route's ``gather`` (``bot.routes.protocol``) decides what its answer needs and asks
for it here or through ``bot.index.sections.Guides``: the ranked search of an ordinary
answer (``passages``), and the bar a search must clear for the guides to cover a question
at all (``covered``). That bar is applied before any composer runs, so an off-topic
question never reaches an LLM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from langchain_chroma import Chroma

from bot.core.results import Passage
from bot.index.embeddings import VectorCache
from bot.index.retrieval import per_role, retrieve
from bot.index.sections import Guides
from bot.understand.specifics import QualifierClassifier


class Evidence:
    """Searches for routes from one store. ``store`` is a callable so that a rebuilt
    collection is picked up between questions; ``find`` replaces the ranked search of an
    ordinary answer (the retrieval benchmarks try hybrid and MMR rankers through it)."""

    def __init__(
        self,
        store: Callable[[], Chroma],
        vectors: VectorCache,
        top_k: int,
        threshold: float,
        find: Callable[[str, Sequence[str]], list[Passage]] | None = None,
        qualifiers: QualifierClassifier | None = None,
    ) -> None:
        self.store = store
        # Reads whether a question's qualifier narrows the asked fact (bot.routes.lacking).
        self.qualifiers = qualifiers
        self.vectors = vectors
        self.top_k = top_k
        self.threshold = threshold
        self.find = find or self.passages

    def passages(self, query: str, roles: Sequence[str], k: int | None = None) -> list[Passage]:
        """The top ``k`` (default: the setting) passages for the query; with roles, the top
        of each role's guide (so no guide is crowded out), searched on the shelf rather
        than by a filtered query."""
        k = k or self.top_k
        vector = self.vectors.queries([query])[0]
        if not roles:
            return retrieve(self.store(), vector.tolist(), k=k)
        guides = Guides(self.store(), roles)
        found: dict[str, Passage] = {}
        for role in guides.roles:
            for passage in guides.nearest(vector, role, per_role(k, len(roles))):
                found.setdefault(passage.id, passage)
        return sorted(found.values(), key=lambda p: p.score, reverse=True)

    def covered(self, passages: Sequence[Passage]) -> bool:
        return bool(passages) and passages[0].score >= self.threshold
