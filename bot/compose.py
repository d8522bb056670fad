"""Compose: retrieved passages -> an ``Answer``. Composers share one small protocol so the
offline composer and an LLM composer are interchangeable and tested the same way.

The offline composer is extractive: it quotes the guide sentences that best answer the
question (scored with the same embedding model), avoids saying the same thing twice, keeps
them in the guide's reading order and cites each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from bot.answer import Answer, Source
from bot.embeddings import VectorCache
from bot.retrieval import Passage
from bot.sentences import split_sentences

History = Sequence[dict[str, str]]

# Weight of the sentence's own similarity against its passage's. The passage score carries
# context the sentence lacks (the section path, its neighbours), and a sentence that merely
# names the role should not beat one from the section the question is about.
SENTENCE_WEIGHT = 0.5
# MMR trade-off: 1.0 is pure relevance, lower values favour sentences that add something new.
MMR_LAMBDA = 0.7
# A candidate this similar to one already chosen repeats it.
DUPLICATE_SIMILARITY = 0.9
SNIPPET_CHARS = 280


class Composer(Protocol):
    def compose(self, question: str, passages: Sequence[Passage], history: History) -> Answer: ...


@dataclass(frozen=True)
class Candidate:
    text: str
    passage: Passage
    order: int  # position of the sentence within its passage


@dataclass(frozen=True)
class Cited:
    """Selected sentences plus the sources they cite, numbered best first."""

    picks: list[Candidate]
    sources: list[Source]
    numbers: dict[str, int]  # passage id -> citation number


class OfflineComposer:
    def __init__(self, vectors: VectorCache, max_sentences: int = 4) -> None:
        self.vectors = vectors
        self.max_sentences = max_sentences

    def compose(self, question: str, passages: Sequence[Passage], history: History) -> Answer:
        roles = list(dict.fromkeys(p.role for p in passages))
        per_role = self.max_sentences if len(roles) == 1 else max(2, self.max_sentences // 2)
        picks: list[Candidate] = []
        for role in roles:
            own = [p for p in passages if p.role == role]
            picks.extend(self.select(question, own, per_role))
        cited = cite(picks)
        return Answer(
            text=render_by_role(cited, roles),
            sources=cited.sources,
            mode="offline",
            route="answer",
            roles=roles,
        )

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
        q = self.vectors.vector(query)
        passage_scores = np.array([c.passage.score for c in candidates], dtype=np.float32)
        relevance = SENTENCE_WEIGHT * (matrix @ q) + (1 - SENTENCE_WEIGHT) * passage_scores
        chosen = mmr(matrix, relevance, limit)
        return reading_order([candidates[i] for i in chosen])


def candidates_of(passages: Sequence[Passage]) -> list[Candidate]:
    seen: set[str] = set()
    out: list[Candidate] = []
    for passage in passages:
        for order, sentence in enumerate(split_sentences(passage.text)):
            # Chunk overlap repeats sentences across neighbouring passages.
            if sentence not in seen:
                seen.add(sentence)
                out.append(Candidate(sentence, passage, order))
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


def cite(picks: Sequence[Candidate]) -> Cited:
    """Number the cited passages best first, so ``sources[n-1]`` is citation ``[n]``."""
    used: dict[str, Passage] = {}
    for pick in picks:
        used.setdefault(pick.passage.id, pick.passage)
    ranked = sorted(used.values(), key=lambda p: p.score, reverse=True)
    numbers = {p.id: n for n, p in enumerate(ranked, start=1)}
    return Cited(list(picks), [to_source(p) for p in ranked], numbers)


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


def render_by_role(cited: Cited, roles: Sequence[str]) -> str:
    """One paragraph per role, led by the role's name."""
    paragraphs = []
    for role in roles:
        picks = [p for p in cited.picks if p.passage.role == role]
        if picks:
            title = picks[0].passage.title
            paragraphs.append(f"**{title}**: {cited_sentences(picks, cited.numbers)}")
    return "\n\n".join(paragraphs)
