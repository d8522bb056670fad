"""Selection: guide passages -> the sentences worth quoting, numbered and cited.

Every offline answer quotes sentences: an ordinary answer, a comparison's cells, a role
fit's reasons. They all pick sentences the same way (similarity to a query, with maximal
marginal relevance so nothing is said twice), number the passages they cite the same way,
and render a cited run of sentences the same way. This module is that one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.results import Answer, Passage, Source
from bot.index.embeddings import VectorCache
from bot.index.sentences import sentences_of

# Weight of the sentence's own similarity against its passage's. The passage score carries
# context the sentence lacks (the section path, its neighbours), and a sentence that merely
# names the role should not beat one from the section the question is about.
SENTENCE_WEIGHT = 0.5
# MMR trade-off: 1.0 is pure relevance, lower values favour sentences that add something new.
MMR_LAMBDA = 0.7
# A candidate this similar to one already chosen repeats it.
DUPLICATE_SIMILARITY = 0.9
SNIPPET_CHARS = 280
# The label of a fit's line that says why a role fits (bot/routes/fit.py): its evidence is
# what "why?" after a fit explains (bot/routes/act.py), not the first steps that follow it.
REASON_LABEL = "Why it fits"


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be quoted, with the passage it comes from."""

    text: str
    passage: Passage
    order: int  # position of the sentence within its passage
    bullet: bool = False  # a list item in the guide


@dataclass(frozen=True)
class Cited:
    """Selected sentences plus the sources they cite, numbered best first."""

    picks: list[Candidate]
    sources: list[Source]
    numbers: dict[str, int]  # passage id -> citation number


class Selector:
    """Scores candidate sentences against a query with the shared embedding cache."""

    def __init__(self, vectors: VectorCache) -> None:
        self.vectors = vectors

    def select(self, query: str, passages: Sequence[Passage], limit: int) -> list[Candidate]:
        """The ``limit`` best sentences for ``query`` by MMR, in reading order."""
        return self.select_from(query, candidates_of(passages), limit)

    def select_from(
        self, query: str, candidates: Sequence[Candidate], limit: int
    ) -> list[Candidate]:
        """Like ``select``, over sentences the caller has already narrowed down (a comparison
        keeps only the sentences that name the other role)."""
        if not candidates:
            return []
        matrix = self.vectors.vectors([c.text for c in candidates])
        relevance = self.relevance(query, candidates, matrix)
        chosen = mmr(matrix, relevance, limit)
        return reading_order([candidates[i] for i in chosen])

    def relevance(
        self, query: str, candidates: Sequence[Candidate], matrix: np.ndarray | None = None
    ) -> np.ndarray:
        """Each candidate's relevance to ``query``: its own similarity blended with its
        passage's retrieval score."""
        if matrix is None:
            matrix = self.vectors.vectors([c.text for c in candidates])
        q = self.vectors.vector(query)
        passage_scores = np.array([c.passage.score for c in candidates], dtype=np.float32)
        return SENTENCE_WEIGHT * (matrix @ q) + (1 - SENTENCE_WEIGHT) * passage_scores

    def similarity(self, query: str, candidates: Sequence[Candidate]) -> np.ndarray:
        """Each candidate sentence's own similarity to ``query`` (no passage score)."""
        matrix = self.vectors.vectors([c.text for c in candidates])
        return matrix @ self.vectors.vector(query)

    def lead_and_best(
        self,
        query: str,
        passages: Sequence[Passage],
        lead: int = 1,
        extra: int = 1,
        max_words: int | None = None,
    ) -> list[Candidate]:
        """Quote a section: its first ``lead`` sentences, plus the ``extra`` sentences of the
        rest that best match ``query``, in reading order.

        The guides open every section with a sentence that sums it up, which says more about
        the aspect than any single detail the query happens to match; the extra sentence adds
        the detail. With ``max_words``, the extra sentences are added only while they fit.
        """
        ordered = candidates_of(sorted(passages, key=lambda p: p.seq))
        picks, rest = ordered[:lead], ordered[lead:]
        budget = max_words - words(picks) if max_words is not None else None
        if budget is not None:
            # Sentences that cannot fit are not worth embedding (a cold comparison embeds
            # every sentence it considers, which dominates its time).
            rest = [c for c in rest if words([c]) <= budget]
        for candidate in self.select_from(query, rest, extra):
            if budget is None or words([candidate]) <= budget:
                picks.append(candidate)
                budget = None if budget is None else budget - words([candidate])
        return reading_order(picks)


def candidates_of(passages: Sequence[Passage]) -> list[Candidate]:
    seen: set[str] = set()
    out: list[Candidate] = []
    for passage in passages:
        for order, (sentence, bullet) in enumerate(sentences_of(passage.text)):
            # Chunk overlap repeats sentences across neighbouring passages.
            if sentence not in seen:
                seen.add(sentence)
                out.append(Candidate(sentence, passage, order, bullet))
    return out


def mmr(matrix: np.ndarray, relevance: np.ndarray, limit: int) -> list[int]:
    """Maximal marginal relevance over unit vectors: relevant, but not repetitive."""
    chosen: list[int] = []
    available = list(range(len(relevance)))
    while available and len(chosen) < limit:
        if chosen:
            redundancy = (matrix[available] @ matrix[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(available))
        scores = MMR_LAMBDA * relevance[available] - (1 - MMR_LAMBDA) * redundancy
        best = int(np.argmax(scores))
        index = available.pop(best)
        if redundancy[best] < DUPLICATE_SIMILARITY:
            chosen.append(index)
    return chosen


def reading_order(picks: Sequence[Candidate]) -> list[Candidate]:
    return sorted(picks, key=lambda c: (c.passage.source, c.passage.seq, c.order))


def words(picks: Sequence[Candidate]) -> int:
    return sum(len(p.text.split()) for p in picks)


def cite(picks: Sequence[Candidate], *, reading: bool = False) -> Cited:
    """Number the cited passages best first, so ``sources[n-1]`` is citation ``[n]``; with
    ``reading``, in the order ``picks`` will be read, so an answer's first citation is [1]."""
    used: dict[str, Passage] = {}
    for pick in picks:
        used.setdefault(pick.passage.id, pick.passage)
    ranked = list(used.values())
    if not reading:
        ranked.sort(key=lambda p: p.score, reverse=True)
    numbers = {p.id: n for n, p in enumerate(ranked, start=1)}
    return Cited(list(picks), [to_source(p) for p in ranked], numbers)


def one_role_answer(text: str, cited: Cited, route: str, role: str, intent: str) -> Answer:
    """The offline answer about one role (a plan, a skills gap), with its cited sources."""
    return Answer(
        text=text, sources=cited.sources, mode="offline", route=route, roles=[role], intent=intent
    )


def to_source(passage: Passage) -> Source:
    snippet = " ".join(passage.text.split())
    if len(snippet) > SNIPPET_CHARS:
        snippet = snippet[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return Source(
        role=passage.role,
        title=passage.title,
        section=passage.section,
        source=passage.source,
        score=round(float(passage.score), 4),
        snippet=snippet,
    )


def cited_sentences(picks: Sequence[Candidate], numbers: dict[str, int]) -> str:
    """Sentences with their citation; a run from one passage is cited once, at its end."""
    parts: list[str] = []
    for i, pick in enumerate(picks):
        text = pick.text
        following = picks[i + 1] if i + 1 < len(picks) else None
        if following is None or following.passage.id != pick.passage.id:
            text = f"{text} [{numbers[pick.passage.id]}]"
        parts.append(text)
    return " ".join(parts)
