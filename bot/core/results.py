"""What the bot gives back: an ``Answer`` with markdown text and the ``Source``s it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["offline", "llm"]
# The kind of answer: "answer", "compare", "fit", "skills_gap", "clarify", "not_covered", or
# any other name in ``bot.routes.table.ROUTES`` (a new kind is added there, not here).
RouteName = str


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of a guide."""

    id: str
    text: str  # the chunk's own text (no section path)
    role: str
    title: str
    section: str
    part: str
    source: str
    seq: int
    score: float  # cosine similarity to the query, higher is better


@dataclass(frozen=True)
class Source:
    role: str
    title: str
    section: str
    source: str  # path relative to the corpus dir
    score: float
    snippet: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    text: str
    sources: list[Source] = field(default_factory=list)
    mode: Mode = "offline"
    route: RouteName = "answer"
    roles: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # Two or three next questions to offer (chips in the web app, a line in the CLI).
    suggestions: list[str] = field(default_factory=list)
    # What the question asks for ("salary", "tools", "career_path", ...; "" when unknown).
    intent: str = ""
    # The one-line verdict of a comparative question ("" when none was asked for).
    verdict: str = ""
    # The passages the answer was composed from, best first: for evaluation and debugging,
    # not part of the JSON an interface prints.
    passages: list[Passage] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "mode": self.mode,
            "route": self.route,
            "roles": list(self.roles),
            "notices": list(self.notices),
            "suggestions": list(self.suggestions),
            "intent": self.intent,
            "verdict": self.verdict,
        }
