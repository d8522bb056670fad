"""What the bot gives back: an ``Answer`` with markdown text and the ``Source``s it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["offline", "llm"]
Route = Literal["answer", "compare", "fit", "not_covered"]


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
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "mode": self.mode,
            "route": self.route,
            "roles": list(self.roles),
            "notices": list(self.notices),
            "suggestions": list(self.suggestions),
        }
