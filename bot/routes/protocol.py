"""The shape of a kind of answer: the ``Route`` protocol every route module implements.

A route is one kind of answer (an ordinary answer, a comparison, a role fit, a skills gap,
a question back, "not covered", ...). The chatbot asks ``bot.routes.table`` for the turn's
route and then only talks to it through these members, so nothing outside a route's
own module depends on which kind of answer a question wants:

``name``
    The value of ``Turn.route`` and ``Answer.route`` it answers ("answer", "compare", ...).
``follow_up``
    True when its evidence is searched with the question made to stand alone; only then
    may a composer with a model rewrite a follow-up ("what do they earn?") for the search.
``in_parts``
    True when a two-part question ("what do they earn, and which tools do they use?") is
    answered part by part; a route that reads the whole question (a comparison, a fit, a
    question over all roles) leaves it False.
``query(turn)``
    What to search for without a model (the default: the question with the roles it leans
    on spelled out, ``bot.understand.conversation.standalone``).
``gather(turn, evidence)``
    What evidence it needs: search the guides (``evidence`` holds the store and the shared
    searches) and return the turn with ``passages`` and, in ``found``, the route's own
    dataclass (a ``Comparison``, a fit's ``Ranking``). A route that needs no composing sets
    ``ready`` (a question back, a refusal). A route may also hand the turn to another
    route by returning it with another ``route`` (an answer the guides do not cover goes
    to "not_covered"); the table follows such hand-overs.
``compose(turn, selector)``
    The offline answer, quoted and cited from what ``gather`` found.
``brief(turn)``
    What an LLM gets beyond the passages: extra prompt rules (a comparison wants a table)
    and notes of what was understood (the figures a verdict rests on).
``suggestions(turn, answer)``
    Two or three next questions to offer after its answer, whichever composer wrote it.

Optionally ``claims(turn)``: True to take a turn that ``bot.understand.routing`` gave to
another route (a route for greetings claims "hello" before it is refused). Built-in routes
never claim; the table asks routes in its order.

Adding a kind of answer is one module with a class like the ones below (``BaseRoute``
gives every member a default) and one entry in ``bot.routes.table.ROUTES``.
Every route module has the same shape: its class's ``gather`` calls the module's own search,
named after what it finds (``find_comparison``, ``find_ranking``, ``find_overview``,
``find_skills``, ``find_steps``), and its ``compose`` the module's writer (``compose_comparison``,
``compose_fit``, ...); ``gather`` and ``compose`` are only ever the protocol's members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bot.core.results import Answer
from bot.routes.suggest import suggestions
from bot.understand.conversation import standalone
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence
    from bot.routes.selection import Selector


@dataclass(frozen=True)
class Brief:
    """What a route tells an LLM beyond the passages: rules added to the system prompt,
    and notes on what careerbot understood of the turn."""

    rules: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Route(Protocol):
    name: str
    follow_up: bool
    in_parts: bool

    def claims(self, turn: Turn) -> bool: ...

    def query(self, turn: Turn) -> str: ...

    def gather(self, turn: Turn, evidence: Evidence) -> Turn: ...

    def compose(self, turn: Turn, selector: Selector) -> Answer: ...

    def brief(self, turn: Turn) -> Brief: ...

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]: ...


class BaseRoute:
    """Defaults for every member but ``name`` and ``compose``: claims nothing, reads a
    two-part question whole, searches the standalone question, needs no evidence, briefs
    nothing extra, and suggests the next questions about the answer's first role."""

    name = ""
    follow_up = False
    in_parts = False

    def claims(self, turn: Turn) -> bool:
        return False

    def query(self, turn: Turn) -> str:
        return standalone(turn)

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        return turn

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        raise NotImplementedError(f"the {self.name!r} route composes no answer")

    def brief(self, turn: Turn) -> Brief:
        return Brief()

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]:
        return suggestions(turn.intent, answer.roles, turn.catalog, turn.passages, turn.question)
