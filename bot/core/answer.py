"""What the bot gives back: an ``Answer`` with markdown text and the ``Source``s it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["offline", "llm"]
# "clarify": the question names no role and the conversation has none (a short question
# back, listing the roles); "skills_gap": what the person has and what to learn next.
# "act": a conversation act (a greeting, thanks, "what can you do?", goodbye) or a question in
# a language careerbot does not answer in: a reply that quotes no guide. "overview": a question
# over all roles ("which pays least?"), every role ranked on the asked aspect. "plan": the
# guide's getting-started steps in its own order.
Route = Literal[
    "answer", "compare", "fit", "not_covered", "clarify", "skills_gap", "act", "overview", "plan"
]


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
    route: Route = "answer"
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
