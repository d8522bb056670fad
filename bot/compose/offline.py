"""Compose: a ``Turn`` with its evidence -> an ``Answer``.

Composers share one shape, as llm's models do: ``standalone_question`` (what to search for
this turn), ``compose`` and ``stream``, all over one ``Turn``. The offline composer and the
LLM composer (``bot.compose.llm``) are therefore interchangeable, stream alike and are tested the
same way; the chatbot never asks which kind it holds.

The offline composer is extractive: it quotes the guide sentences that best answer the
question (scored with the same embedding model), avoids saying the same thing twice, keeps
them in the guide's reading order and cites each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from bot.compose.suggest import suggestions
from bot.core.answer import Answer, Mode, Passage
from bot.index.embeddings import VectorCache
from bot.routes.advice import compose_advice
from bot.routes.compare import compose_comparison
from bot.routes.fit import compose_fit
from bot.routes.gap import compose_gap
from bot.routes.overview import compose_overview
from bot.routes.plan import compose_plan
from bot.routes.selection import Cited, Selector, cite, cited_sentences
from bot.understand.intents import question_for
from bot.understand.routing import profile_of
from bot.understand.turn import Turn


class Composer(Protocol):
    mode: Mode

    def standalone_question(self, turn: Turn) -> str:
        """What to search for this turn: the question made to stand on its own."""
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

    def standalone_question(self, turn: Turn) -> str:
        """A follow-up ("what tools do they use?") is searched as if it named its roles; a
        bare one ("and for data scientists?") as the question it continues; a fit question
        is matched on what the person says about themselves."""
        if turn.route == "fit":
            return profile_of(turn.question)
        text = turn.text or turn.question
        if turn.carried and turn.intent is not None and turn.roles:
            text = " ".join(question_for(turn.intent, turn.catalog.title(r)) for r in turn.roles)
        elif not turn.named and turn.roles:
            titles = ", ".join(turn.catalog.title(r) for r in turn.roles)
            text = f"{text} ({titles})"
        background = [b for b in turn.profile.background if b.lower() not in text.lower()]
        moving = {"transition", "getting_started"}
        if background and turn.intent is not None and turn.intent.id in moving:
            text = f"{text} (coming from {', '.join(background)})"
        return text

    def compose(self, turn: Turn) -> Answer:
        answer = self._composed(turn)
        next_questions = suggestions(
            turn.intent, answer.roles, turn.catalog, turn.passages, turn.question
        )
        return replace(answer, suggestions=next_questions)

    def _composed(self, turn: Turn) -> Answer:
        if turn.route == "compare" and turn.comparison is not None:
            return compose_comparison(turn.comparison, self.selector, turn.catalog)
        if turn.route == "fit" and turn.fit is not None:
            return compose_fit(turn.fit, self.selector, turn.catalog)
        if turn.route == "plan" and turn.roles:
            planned = compose_plan(turn.roles[0], turn.passages, turn.catalog)
            if planned is not None:
                return planned
        if turn.route == "overview" and turn.overview is not None:
            found = compose_overview(turn.overview, self.selector, turn.catalog)
            if found.text:
                return found
        if turn.route == "skills_gap" and turn.roles:
            answer = compose_gap(
                turn.roles[0], turn.passages, turn.profile, turn.catalog, self.selector
            )
        else:
            answer = compose_advice(
                turn.question,
                turn.query or turn.question,
                turn.passages,
                turn.roles,
                turn.intent,
                turn.profile,
                turn.catalog,
                self.selector,
            )
        return answer

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
