"""Compose: a ``Turn`` with its evidence -> an ``Answer``.

Composers share one shape over one ``Turn``: ``standalone_question`` (a follow-up made to
stand alone for the search) and ``stream`` (the answer as it grows; the whole answer is the
stream collected, ``collected``). The offline composer and the LLM composer
(``bot.compose.llm``) are therefore interchangeable, stream alike and are tested the same
way; the chatbot never asks which kind it holds.

The offline composer is extractive: the turn's route (``bot.routes.table``) quotes the guide
sentences that best answer the question (scored with the same embedding model), avoids
saying the same thing twice, keeps them in the guide's reading order and cites each one.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from bot.core.results import Answer, Mode
from bot.index.embeddings import VectorCache
from bot.routes.selection import Selector
from bot.routes.table import route_of
from bot.understand.turn import Turn


class Composer(Protocol):
    mode: Mode

    def standalone_question(self, turn: Turn) -> str | None:
        """A follow-up rewritten to stand on its own for the search, or None when this
        composer has nothing better than the route's own query (``Route.query``)."""
        ...

    def stream(self, turn: Turn) -> Iterator[Answer]:
        """Partial answers as the text grows (no sources yet), then the complete answer,
        always last."""
        ...


def collected(pieces: Iterator[Answer]) -> Answer:
    """The whole answer of a stream: its last piece."""
    last = deque(pieces, maxlen=1)
    if not last:
        raise ValueError("a composer's stream ended without an answer")
    return last[0]


class OfflineComposer:
    mode: Mode = "offline"

    def __init__(self, vectors: VectorCache) -> None:
        self.selector = Selector(vectors)

    def standalone_question(self, turn: Turn) -> str | None:
        """No model to ask: the route's own query (``Route.query``) is searched."""
        return None

    def stream(self, turn: Turn) -> Iterator[Answer]:
        """The turn's route quotes and cites what it gathered; the answer is released
        piece by piece."""
        yield from grow(route_of(turn).compose(turn, self.selector))


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
