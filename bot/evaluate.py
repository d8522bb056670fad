"""Evaluate: run the bundled question set through the bot and score what it retrieved.

For each question the bot answers exactly as it would for a user (roles, history, routing),
while every passage it retrieves is recorded. A retrieved passage is a *hit* when its role is
one the question expects and its section (``part``) is one that answers it. From the rank of
the first hit come hit@1/3/5 and MRR; from the answer come comparison coverage (did every
compared role get cited?) and refusal accuracy (off-topic declined, on-topic answered).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from bot.answer import Answer
from bot.chatbot import Chatbot
from bot.retrieval import Passage
from bot.settings import Settings

Kind = Literal["single", "followup", "comparison", "fit", "offtopic"]
KINDS: tuple[Kind, ...] = ("single", "followup", "comparison", "fit", "offtopic")
CUTOFFS = (1, 3, 5)


@dataclass(frozen=True)
class EvalItem:
    id: str
    kind: Kind
    question: str
    roles: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    history: tuple[dict[str, str], ...] = ()

    @property
    def answerable(self) -> bool:
        return self.kind != "offtopic"

    def is_hit(self, role: str, part: str) -> bool:
        if role not in self.roles:
            return False
        # Prefix match: one guide titles its overview "Overview of Software Engineer (...)".
        return not self.parts or any(part.lower().startswith(p.lower()) for p in self.parts)


def load_evalset(path: Path | None = None) -> list[EvalItem]:
    """The bundled question set (``bot/evalset.yaml``), or another file in the same format."""
    if path is None:
        raw = resources.files("bot").joinpath("evalset.yaml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    name = path or "bot/evalset.yaml"
    try:
        data = yaml.safe_load(raw) or {}
        items = [_item(entry) for entry in data.get("questions", [])]
    except (yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        raise ValueError(f"The evaluation set {name} is malformed: {exc}") from exc
    if not items:
        raise ValueError(f"No questions in the evaluation set {name}.")
    return items


def _item(entry: dict[str, Any]) -> EvalItem:
    kind = entry.get("kind", "single")
    if kind not in KINDS:
        raise ValueError(f"Evaluation question {entry.get('id')!r}: unknown kind {kind!r}.")
    return EvalItem(
        id=str(entry["id"]),
        kind=kind,
        question=str(entry["question"]),
        roles=tuple(entry.get("roles") or ()),
        parts=tuple(entry.get("parts") or ()),
        history=tuple(dict(m) for m in entry.get("history") or ()),
    )


@dataclass(frozen=True)
class Retrieved:
    """What the evaluation keeps of a retrieved passage."""

    role: str
    part: str
    score: float


@dataclass
class ItemResult:
    item: EvalItem
    # Every passage retrieved for the question, best first; for comparisons and role fit,
    # which read guides section by section, the cited sources.
    ranked: list[Retrieved]
    cited_roles: list[str]  # roles of the answer's sources
    refused: bool  # the bot said the guides do not cover it
    cited: list[Retrieved] = field(default_factory=list)  # the answer's sources
    route: str = "answer"

    @property
    def cited_hit(self) -> bool:
        """The answer itself cites a passage that answers the question."""
        return any(self.item.is_hit(s.role, s.part) for s in self.cited)

    @property
    def first_hit(self) -> int | None:
        """1-based rank of the first relevant passage, or None."""
        for rank, passage in enumerate(self.ranked, start=1):
            if self.item.is_hit(passage.role, passage.part):
                return rank
        return None

    def hit_at(self, k: int) -> bool:
        rank = self.first_hit
        return rank is not None and rank <= k

    @property
    def reciprocal_rank(self) -> float:
        rank = self.first_hit
        return 1.0 / rank if rank else 0.0

    @property
    def coverage(self) -> float:
        """Share of the expected roles that the answer cites."""
        if not self.item.roles:
            return 1.0
        cited = set(self.cited_roles)
        return sum(r in cited for r in self.item.roles) / len(self.item.roles)

    @property
    def refusal_correct(self) -> bool:
        return self.refused != self.item.answerable

    @property
    def top_score(self) -> float:
        return max((p.score for p in self.ranked), default=0.0)


@dataclass
class KindScore:
    kind: str
    n: int
    hits: dict[int, float]
    mrr: float


@dataclass
class EvalReport:
    results: list[ItemResult] = field(default_factory=list)

    def _answerable(self, kinds: Iterable[str] | None = None) -> list[ItemResult]:
        wanted = set(kinds) if kinds is not None else {k for k in KINDS if k != "offtopic"}
        return [r for r in self.results if r.item.answerable and r.item.kind in wanted]

    def score(self, kinds: Iterable[str] | None = None, label: str = "all") -> KindScore:
        chosen = self._answerable(kinds)
        n = len(chosen)
        hits = {k: _mean([r.hit_at(k) for r in chosen]) for k in CUTOFFS}
        return KindScore(label, n, hits, _mean([r.reciprocal_rank for r in chosen]))

    def by_kind(self) -> list[KindScore]:
        present = [
            k for k in KINDS if k != "offtopic" and any(r.item.kind == k for r in self.results)
        ]
        return [self.score([k], k) for k in present] + [self.score(None, "all")]

    @property
    def cited_hit_rate(self) -> float:
        """Share of answerable questions whose answer cites a passage that answers them."""
        return _mean([r.cited_hit for r in self._answerable()])

    @property
    def comparison_coverage(self) -> float:
        return _mean([r.coverage for r in self.results if r.item.kind == "comparison"])

    @property
    def refusal_accuracy(self) -> float:
        return _mean([r.refusal_correct for r in self.results])

    @property
    def offtopic_refused(self) -> float:
        return _mean([r.refused for r in self.results if not r.item.answerable])

    @property
    def ontopic_answered(self) -> float:
        return _mean([not r.refused for r in self.results if r.item.answerable])

    def misses(self) -> list[ItemResult]:
        return [r for r in self._answerable() if not r.hit_at(max(CUTOFFS))]

    def to_dict(self) -> dict[str, Any]:
        overall = self.score()
        return {
            "questions": len(self.results),
            **{f"hit@{k}": round(v, 4) for k, v in overall.hits.items()},
            "mrr": round(overall.mrr, 4),
            "cited_hit": round(self.cited_hit_rate, 4),
            "comparison_coverage": round(self.comparison_coverage, 4),
            "refusal_accuracy": round(self.refusal_accuracy, 4),
            "offtopic_refused": round(self.offtopic_refused, 4),
            "ontopic_answered": round(self.ontopic_answered, 4),
            "by_kind": {
                s.kind: {
                    "n": s.n,
                    **{f"hit@{k}": round(v, 4) for k, v in s.hits.items()},
                    "mrr": round(s.mrr, 4),
                }
                for s in self.by_kind()
            },
            "misses": [r.item.id for r in self.misses()],
        }

    def table(self) -> str:
        """A plain-text table (markdown-compatible) of the scores."""
        head = "| questions | n | " + " | ".join(f"hit@{k}" for k in CUTOFFS) + " | MRR |"
        lines = [head, "|" + "---|" * (len(CUTOFFS) + 3)]
        for s in self.by_kind():
            cells = " | ".join(f"{s.hits[k]:.2f}" for k in CUTOFFS)
            lines.append(f"| {s.kind} | {s.n} | {cells} | {s.mrr:.2f} |")
        lines += [
            "",
            f"answers citing a right section: {self.cited_hit_rate:.2f}",
            f"comparison coverage: {self.comparison_coverage:.2f}",
            f"refusal accuracy: {self.refusal_accuracy:.2f} "
            f"(off-topic refused {self.offtopic_refused:.2f}, "
            f"on-topic answered {self.ontopic_answered:.2f})",
        ]
        return "\n".join(lines)


def _mean(values: Sequence[float | bool]) -> float:
    return sum(float(v) for v in values) / len(values) if values else 0.0


class RecordingChatbot(Chatbot):
    """A ``Chatbot`` whose answers report the passages an ordinary answer was retrieved
    from, so the ranking can be scored."""

    def ask_recorded(self, question: str, history: Sequence[Any]) -> tuple[Answer, list[Passage]]:
        answer = self.ask(question, list(history))
        return answer, (list(answer.passages) if answer.route == "answer" else [])


def merge_rankings(calls: Sequence[Sequence[Passage]]) -> list[Passage]:
    """One ranking from several retrieval calls (a comparison retrieves per role or aspect):
    round-robin over the calls in order, each keeping its own order, duplicates dropped."""
    merged: dict[str, Passage] = {}
    longest = max((len(c) for c in calls), default=0)
    for rank in range(longest):
        for call in calls:
            if rank < len(call):
                merged.setdefault(call[rank].id, call[rank])
    return list(merged.values())


def evaluate_item(bot: RecordingChatbot, item: EvalItem) -> ItemResult:
    answer, passages = bot.ask_recorded(item.question, item.history)
    if passages:
        ranked = [Retrieved(p.role, p.part, p.score) for p in passages]
    elif answer.route == "fit":
        # Role fit recommends roles, best first: that order is its ranking.
        ranked = [Retrieved(role, "", 0.0) for role in answer.roles]
    else:
        # Comparisons and role fit search one guide section at a time instead of ranking
        # the corpus; what they rank is what they cite, best first.
        ranked = [Retrieved(s.role, part_of(s.section), s.score) for s in answer.sources]
    return ItemResult(
        item=item,
        ranked=ranked,
        cited_roles=list(dict.fromkeys(s.role for s in answer.sources)),
        refused=answer.route == "not_covered" or not answer.sources,
        cited=[Retrieved(s.role, part_of(s.section), s.score) for s in answer.sources],
        route=answer.route,
    )


def part_of(section: str) -> str:
    """The top-level heading in a section path ("Data Engineer > Skills > Soft" -> "Skills")."""
    pieces = section.split(" > ")
    return pieces[1] if len(pieces) > 1 else ""


def run_eval(
    settings: Settings | None = None,
    items: Sequence[EvalItem] | None = None,
    *,
    bot: RecordingChatbot | None = None,
) -> EvalReport:
    """Answer every question of the set and score the retrieval and the answers."""
    bot = bot or RecordingChatbot(settings or Settings())
    chosen = list(items) if items is not None else load_evalset()
    return EvalReport([evaluate_item(bot, item) for item in chosen])
