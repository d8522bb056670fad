"""The turn: one question on its way through the steps, gathering what each step finds.

    understand -> route -> retrieve -> compose -> Answer

``bot.understand.conversation`` makes a ``Turn`` from what the person typed and the
conversation so far; ``bot.understand.routing`` decides what kind of answer it wants;
``bot.routes`` retrieves what that answer is built from; a composer (``bot.compose``) writes
the ``Answer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from bot.core.messages import Message
from bot.core.results import Answer, Passage, RouteName
from bot.understand.profile import Profile

if TYPE_CHECKING:
    from bot.core.roles import RoleCatalog
    from bot.understand.aspects import Aspect
    from bot.understand.intents import Intent
    from bot.understand.weighing import Weighing


@dataclass
class Turn:
    question: str
    history: list[Message]
    catalog: RoleCatalog
    notices: list[str] = field(default_factory=list)
    # Roles the question itself names, in order of mention; roles carried over from the
    # conversation (the last user turn that named any).
    named: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)
    # What the question asks for (None: nothing in particular), and whether it was carried
    # over from an earlier question ("and for data scientists?" after a salary question).
    intent: Intent | None = None
    carried: bool = False
    # A bare follow-up naming a new role right after an answer that set roles side by side
    # ("and data engineers?" after a table of two): the new role joins that comparison,
    # whose roles are then ``earlier``.
    extends: bool = False
    # ... and that comparison asked who wins ("is that above or below what data engineers
    # get?"): the verdict is given again over every role (bot.routes.compare).
    carried_verdict: bool = False
    # With two or more roles in play: whether it asks who wins and on what, as the
    # nearest-neighbour classifier read it (None: not classified, the word patterns decide).
    weighing: Weighing | None = None
    # With no role named and a like or dislike said: whether the question asks which role
    # would suit the person, as the direction classifier read it (``bot.understand.direction``).
    direction: bool = False
    # With a role named: whether the question asks for ordered steps, as the plan classifier
    # read it (``bot.understand.plan_request``; False: unsure, the word patterns decide).
    plan: bool = False
    profile: Profile = field(default_factory=Profile)
    text: str = ""  # the question with typos corrected, for matching (never shown)
    route: RouteName = "answer"  # which entry of bot.routes.table.ROUTES answers it
    roles: list[str] = field(default_factory=list)  # the roles the answer is about
    aspects: list[Aspect] = field(default_factory=list)  # a comparison's rows
    query: str = ""  # what is searched: the question, made to stand alone
    passages: list[Passage] = field(default_factory=list)
    # What the route's gather step found beyond the passages, in the route's own
    # dataclass (a comparison's cells, a fit's ranked roles); only that route reads it.
    found: Any = None
    # An answer that needs no composing (the guides do not cover the question).
    ready: Answer | None = None
    # A paragraph put before the composed text (a question in another language: the line
    # in that language saying careerbot answers in English).
    preface: str = ""
    # ISO 639-1 code of a question in another language ("" for English); ``text`` is then
    # its English equivalent when its topic could be read (``language.topic_in``).
    language: str = ""
    # The greeting or thanks the message opened with before its question ("hi, what does a
    # data engineer do?": "greeting"); the question is answered, the act only noted.
    opened: str = ""
    # What the person said about themselves that was left out of the search ("age", ...).
    left_out: list[str] = field(default_factory=list)
    # A two-part question is answered one part at a time: every part of the message, and
    # which of them (0-based) this turn answers. Empty for a question asked in one piece.
    parts: list[str] = field(default_factory=list)
    part: int = 0
    # How this turn's question was read for its intent (``conversation.IntentReader``: the
    # text and the same with role names taken out), so that a route reads other text the
    # guides hold as questions (an FAQ heading) with the same reader, never a second one.
    reader: Callable[[str, str], Intent | None] | None = field(
        default=None, repr=False, compare=False
    )

    def answered(self, answer: Answer) -> Turn:
        """The turn with an answer that needs no composing."""
        return replace(self, ready=answer)

    def noted(self, answer: Answer) -> Answer:
        """The answer with this question's own notices (e.g. it was cut) first, and the
        passages it was composed from."""
        text = f"{self.preface}\n\n{answer.text}" if self.preface and answer.text else answer.text
        return replace(
            answer,
            text=text,
            notices=[*self.notices, *answer.notices],
            passages=answer.passages or list(self.passages),
        )
