"""Compose: a ``Turn`` with its evidence -> an ``Answer``.

Composers share one shape, as llm's models do: ``standalone_question`` (a follow-up made to
stand alone for the search), ``compose`` and ``stream``, all over one ``Turn``. The offline
composer and the LLM composer (``bot.compose.llm``) are therefore interchangeable, stream
alike and are tested the same way; the chatbot never asks which kind it holds.

The offline composer is extractive: the turn's route (``bot.routes.table``) quotes the guide
sentences that best answer the question (scored with the same embedding model), avoids
saying the same thing twice, keeps them in the guide's reading order and cites each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from bot.core.answer import Answer, Mode, Passage
from bot.index.embeddings import VectorCache
from bot.routes.selection import Cited, Selector, cite, cited_sentences
from bot.routes.table import route_of
from bot.understand.turn import Turn


class Composer(Protocol):
    mode: Mode

    def standalone_question(self, turn: Turn) -> str | None:
        """A follow-up rewritten to stand on its own for the search, or None when this
        composer has nothing better than the route's own query (``Route.query``)."""
        ...

    def compose(self, turn: Turn) -> Answer: ...

    def stream(self, turn: Turn) -> Iterator[Answer]:
        """Partial answers as the text grows (no sources yet), then the complete answer,
        always last."""
        ...


class OfflineComposer:
    mode: Mode = "offline"

    def __init__(self, vectors: VectorCache, max_sentences: int = 4) -> None:
        self.selector = Selector(vectors)
        self.max_sentences = max_sentences

    def standalone_question(self, turn: Turn) -> str | None:
        """No model to ask: the route's own query (``Route.query``) is searched."""
        return None

    def compose(self, turn: Turn) -> Answer:
        """The turn's route quotes and cites what it gathered."""
        return route_of(turn).compose(turn, self.selector)

    def stream(self, turn: Turn) -> Iterator[Answer]:
        yield from grow(self.compose(turn))

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        roles = list(dict.fromkeys(p.role for p in passages))
        per_role = self.max_sentences if len(roles) == 1 else max(2, self.max_sentences // 2)
        picks = []
        for role in roles:
            own = [p for p in passages if p.role == role]
            picks.extend(self.selector.select(question, own, per_role))
        cited = cite(picks)
        return Answer(
            text=render_by_role(cited, roles),
            sources=cited.sources,
            mode="offline",
            route="answer",
            roles=roles,
        )


def render_by_role(cited: Cited, roles: Sequence[str]) -> str:
    """One paragraph per role, led by the role's name."""
    paragraphs = []
    for role in roles:
        picks = [p for p in cited.picks if p.passage.role == role]
        if picks:
            title = picks[0].passage.title
            paragraphs.append(f"**{title}**: {cited_sentences(picks, cited.numbers)}")
    return "\n\n".join(paragraphs)


# A piece ends after a sentence's full stop (and its citation) or at a line break, so a
# table arrives row by row and prose sentence by sentence.
_PIECE_END = re.compile(r"(?<=[.!?])(?: \[\d+(?:, \d+)*\])?(?= )|\n")


def grow(answer: Answer) -> Iterator[Answer]:
    """Release a finished answer piece by piece (sentences, then lines), so every interface
    streams both kinds of composer the same way."""
    text = answer.text
    ends = [m.end() for m in _PIECE_END.finditer(text)]
    shown = ""
    for end in ends:
        piece = text[:end].rstrip()
        if piece and piece != shown and len(piece) < len(text.rstrip()):
            shown = piece
            yield replace(answer, text=piece, sources=[])
    yield answer
