"""Evaluate: run the question set through the bot's public API and score what comes back.

Every question is asked exactly as a user would ask it (``Chatbot.ask`` with a history), and
only the returned ``Answer`` is read: the passages it was composed from, its sources, route,
roles and verdict. Two kinds of figure come out:

- **Retrieval**: a passage is a *hit* when its role is one the question expects and its
  section (``part``) is one that answers it; from the rank of the first hit come hit@1/3/5
  and MRR, plus comparison coverage and refusal accuracy.
- **Advice** (issue 12), each with a target: the answer leads with a sentence from the
  section that answers the question; comparative questions get a verdict; other occupations
  are refused; follow-up chains keep every role in play; questions about guides written
  elsewhere are answered from the right file.

The expectations in ``bot/evalset.yaml`` say what a career adviser would want from an
answer. They are never copied from what the bot happens to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Protocol

import yaml

from bot.core.answer import Answer
from bot.core.errors import BadInputError
from bot.core.settings import Settings

Kind = Literal["single", "followup", "comparison", "fit", "offtopic", "clarify"]
KINDS: tuple[Kind, ...] = ("single", "followup", "comparison", "fit", "offtopic", "clarify")
# Kinds with a role to find: they count in the ranking scores.
RANKED_KINDS = frozenset({"single", "followup", "comparison", "fit"})
CUTOFFS = (1, 3, 5)
BUNDLED = "bundled"
FOREIGN = "foreign"
CORPORA = (BUNDLED, FOREIGN)
_CITATION = re.compile(r"\[(\d+)\]")


class Asks(Protocol):
    """What the evaluation needs of a bot: the public ``ask``."""

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer: ...


@dataclass(frozen=True)
class Expect:
    """What a good answer does, beyond retrieving the right passages. Empty means unchecked."""

    lead: tuple[str, ...] = ()  # sections (parts) the first cited sentence may come from
    verdict: bool = False  # a comparative question: ``Answer.verdict`` must say who wins
    route: str = ""  # "clarify", "not_covered", "skills_gap", ...
    roles: tuple[str, ...] = ()  # ``Answer.roles`` must contain every one of these
    first_role: tuple[str, ...] = ()  # ``Answer.roles[0]`` must be one of these
    source: str = ""  # the file of the first source (a guide written elsewhere)
    mentions: tuple[str, ...] = ()  # the answer's text contains at least one of these


@dataclass(frozen=True)
class EvalItem:
    id: str
    kind: Kind
    question: str
    roles: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    history: tuple[dict[str, str], ...] = ()
    # What the question tests ("typo", "occupation", "chain", ...; "" for plain retrieval).
    category: str = ""
    corpus: str = BUNDLED  # "foreign": the bundled guides plus the fixture guides
    chain: str = ""  # a turn of a conversation: the earlier turns' answers are its history
    expect: Expect = field(default_factory=Expect)

    @property
    def answerable(self) -> bool:
        return self.kind not in ("offtopic", "clarify")

    def is_hit(self, role: str, part: str) -> bool:
        if role not in self.roles:
            return False
        return _part_matches(part, self.parts)


def _part_matches(part: str, wanted: Sequence[str]) -> bool:
    # Prefix match: one guide titles its overview "Overview of Software Engineer (...)".
    return not wanted or any(part.lower().startswith(p.lower()) for p in wanted)


# ---- the question set --------------------------------------------------------------------


def load_evalset(path: Path | None = None) -> list[EvalItem]:
    """The bundled question set (``bot/evalset.yaml``), or another file in the same format."""
    if path is None:
        raw = resources.files("bot").joinpath("evalset.yaml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    name = path or "bot/evalset.yaml"
    try:
        data = yaml.safe_load(raw) or {}
        items = [item for entry in data.get("questions", []) for item in _items(entry)]
    except (yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        raise BadInputError(f"The evaluation set {name} is malformed: {exc}") from exc
    if not items:
        raise BadInputError(f"No questions in the evaluation set {name}.")
    return items


def _items(entry: dict[str, Any]) -> list[EvalItem]:
    """One entry, or a chain's turns as items ``<id>/1``, ``<id>/2``, ..."""
    if "turns" not in entry:
        return [_item(entry)]
    chain = str(entry["id"])
    shared: dict[str, Any] = {k: entry[k] for k in ("category", "corpus") if k in entry}
    turns = []
    for step, turn in enumerate(entry["turns"], start=1):
        kind = turn.get("kind", "single" if step == 1 else "followup")
        turns.append(_item({**shared, **turn, "id": f"{chain}/{step}", "kind": kind}, chain=chain))
    return turns


def _item(entry: dict[str, Any], chain: str = "") -> EvalItem:
    kind = entry.get("kind", "single")
    if kind not in KINDS:
        raise BadInputError(f"Evaluation question {entry.get('id')!r}: unknown kind {kind!r}.")
    corpus = entry.get("corpus", BUNDLED)
    if corpus not in CORPORA:
        raise BadInputError(f"Evaluation question {entry.get('id')!r}: unknown corpus {corpus!r}.")
    return EvalItem(
        id=str(entry["id"]),
        kind=kind,
        question=str(entry["question"]),
        roles=tuple(entry.get("roles") or ()),
        parts=tuple(entry.get("parts") or ()),
        history=tuple(dict(m) for m in entry.get("history") or ()),
        category=str(entry.get("category", "")),
        corpus=corpus,
        chain=chain,
        expect=_expect(entry.get("expect") or {}),
    )


def _expect(raw: dict[str, Any]) -> Expect:
    unknown = set(raw) - set(Expect.__dataclass_fields__)
    if unknown:
        raise KeyError(f"unknown expectation {sorted(unknown)}")
    return Expect(
        lead=tuple(raw.get("lead") or ()),
        verdict=bool(raw.get("verdict", False)),
        route=str(raw.get("route", "")),
        roles=tuple(raw.get("roles") or ()),
        first_role=tuple(raw.get("first_role") or ()),
        source=str(raw.get("source", "")),
        mentions=tuple(raw.get("mentions") or ()),
    )


# ---- one answer, scored ------------------------------------------------------------------


@dataclass(frozen=True)
class Retrieved:
    """What the evaluation keeps of a passage or source."""

    role: str
    part: str
    score: float
    source: str = ""
    section: str = ""  # the section path below the title: "Skills > Soft skills"


@dataclass
class ItemResult:
    item: EvalItem
    # The passages the answer was composed from, best first; when it reports none (a table
    # or a refusal), the sources it cites; for role fit, the roles it recommends.
    ranked: list[Retrieved]
    cited_roles: list[str]  # roles of the answer's sources
    refused: bool  # the bot said the guides do not cover it
    cited: list[Retrieved] = field(default_factory=list)  # the answer's sources, in order
    route: str = "answer"
    roles: list[str] = field(default_factory=list)  # ``Answer.roles``
    verdict: str = ""
    lead: Retrieved | None = None  # the source of the first cited sentence
    text: str = ""
    # The answer as an interface prints it (``Answer.to_dict``): what ``--dump`` writes.
    shown: dict[str, Any] = field(default_factory=dict, repr=False)

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

    # -- the advice checks: None when the item does not ask for it --

    def leads_right(self) -> bool | None:
        wanted = self.item.expect.lead
        if not wanted:
            return None
        lead = self.lead
        if lead is None or lead.role not in (self.item.roles or (lead.role,)):
            return False
        # "Skills > Soft skills" asks for a subsection; "Skills" for any of its text.
        nested = [w for w in wanted if " > " in w]
        flat = [w for w in wanted if " > " not in w]
        return (bool(flat) and _part_matches(lead.part, flat)) or any(
            lead.section.lower().startswith(w.lower()) for w in nested
        )

    def has_verdict(self) -> bool | None:
        return bool(self.verdict.strip()) if self.item.expect.verdict else None

    def refused_cleanly(self) -> bool | None:
        """An other occupation: route ``not_covered`` and no sources at all."""
        if self.item.category != "occupation":
            return None
        return self.route == "not_covered" and not self.cited

    def roles_kept(self) -> bool | None:
        wanted = self.item.expect.roles
        return set(wanted) <= set(self.roles) if wanted else None

    def routed_right(self) -> bool | None:
        wanted = self.item.expect.route
        return self.route == wanted if wanted else None

    def right_file(self) -> bool | None:
        wanted = self.item.expect.source
        return bool(self.cited) and self.cited[0].source == wanted if wanted else None

    def first_role_right(self) -> bool | None:
        wanted = self.item.expect.first_role
        return bool(self.roles) and self.roles[0] in wanted if wanted else None

    def mentions_right(self) -> bool | None:
        wanted = self.item.expect.mentions
        if not wanted:
            return None
        text = self.text.lower()
        return any(m.lower() in text for m in wanted)

    def checks(self) -> dict[str, bool]:
        """Every expectation this item has, met or not."""
        found = {name: check(self) for name, check in CHECKS.items()}
        return {name: ok for name, ok in found.items() if ok is not None}

    @property
    def passed(self) -> bool:
        return all(self.checks().values())


CHECKS: dict[str, Callable[[ItemResult], bool | None]] = {
    "lead": ItemResult.leads_right,
    "verdict": ItemResult.has_verdict,
    "refused": ItemResult.refused_cleanly,
    "roles": ItemResult.roles_kept,
    "route": ItemResult.routed_right,
    "source": ItemResult.right_file,
    "first_role": ItemResult.first_role_right,
    "mentions": ItemResult.mentions_right,
}


def score_answer(item: EvalItem, answer: Answer) -> ItemResult:
    """Everything the evaluation reads of an answer, through its public fields only."""
    cited = [
        Retrieved(s.role, part_of(s.section), s.score, s.source, below_title(s.section))
        for s in answer.sources
    ]
    if answer.passages:
        ranked = [Retrieved(p.role, p.part, p.score, p.source) for p in answer.passages]
    elif answer.route == "fit":
        # Role fit recommends roles, best first: that order is its ranking.
        ranked = [Retrieved(role, "", 0.0) for role in answer.roles]
    else:
        ranked = list(cited)
    return ItemResult(
        item=item,
        ranked=ranked,
        cited_roles=list(dict.fromkeys(s.role for s in answer.sources)),
        refused=answer.route == "not_covered" or not answer.sources,
        cited=cited,
        route=answer.route,
        roles=list(answer.roles),
        verdict=answer.verdict,
        lead=first_cited(answer.text, cited),
        text=answer.text,
        shown=answer.to_dict(),
    )


def first_cited(text: str, sources: Sequence[Retrieved]) -> Retrieved | None:
    """The source of the answer's first cited sentence: the first ``[n]`` in its text (a
    citation follows the sentences it supports), or the first source if none is marked."""
    for match in _CITATION.finditer(text):
        n = int(match.group(1))
        if 1 <= n <= len(sources):
            return sources[n - 1]
    return sources[0] if sources else None


def below_title(section: str) -> str:
    """ "Data Engineer > Skills > Soft skills" -> "Skills > Soft skills"."""
    return " > ".join(section.split(" > ")[1:])


def part_of(section: str) -> str:
    """The top-level heading in a section path ("Data Engineer > Skills > Soft" -> "Skills")."""
    pieces = section.split(" > ")
    return pieces[1] if len(pieces) > 1 else ""


# ---- the report --------------------------------------------------------------------------


@dataclass
class KindScore:
    kind: str
    n: int
    hits: dict[int, float]
    mrr: float


@dataclass(frozen=True)
class Target:
    """One advice measure against the figure issue 12 asks for."""

    name: str
    check: str  # a key of CHECKS
    minimum: float
    category: str = ""  # only the questions of this category ("" means every question)


TARGETS = (
    Target("answer leads with the expected section", "lead", 0.90),
    Target("verdict on comparative questions", "verdict", 0.95),
    Target("other occupations refused (no sources)", "refused", 1.00),
    Target("roles carried in follow-up chains", "roles", 1.00, "chain"),
    Target("foreign guides answered from the right file", "source", 1.00),
    # Not set by the issue: a clarifying question, a skills gap and a refusal are decisions
    # the bot makes from the words of the question, so every one is expected right.
    Target("route as expected (clarify, skills gap, ...)", "route", 1.00),
    Target("fit: best role honours likes and dislikes", "first_role", 1.00, "fit_dislike"),
    Target("advice the question needs is quoted", "mentions", 1.00),
    Target("role names understood through typos", "first_role", 1.00, "typo"),
)


@dataclass(frozen=True)
class Measured:
    target: Target
    n: int
    value: float

    @property
    def met(self) -> bool:
        return self.n > 0 and self.value >= self.target.minimum - 1e-9


@dataclass
class EvalReport:
    results: list[ItemResult] = field(default_factory=list)
    # Questions that could not be asked, with the reason (e.g. no fixture corpus).
    not_run: dict[str, str] = field(default_factory=dict)

    def _answerable(self, kinds: Iterable[str] | None = None) -> list[ItemResult]:
        wanted = set(kinds) if kinds is not None else RANKED_KINDS
        return [r for r in self.results if r.item.answerable and r.item.kind in wanted]

    def score(self, kinds: Iterable[str] | None = None, label: str = "all") -> KindScore:
        chosen = self._answerable(kinds)
        n = len(chosen)
        hits = {k: _mean([r.hit_at(k) for r in chosen]) for k in CUTOFFS}
        return KindScore(label, n, hits, _mean([r.reciprocal_rank for r in chosen]))

    def by_kind(self) -> list[KindScore]:
        present = [
            k for k in KINDS if k in RANKED_KINDS and any(r.item.kind == k for r in self.results)
        ]
        return [self.score([k], k) for k in present] + [self.score(None, "all")]

    @property
    def cited_hit_rate(self) -> float:
        """Share of answerable questions whose answer cites a passage that answers them."""
        return _mean([r.cited_hit for r in self._answerable()])

    @property
    def comparison_coverage(self) -> float:
        return _mean([r.coverage for r in self.results if r.item.kind == "comparison"])

    def _refusal_pool(self) -> list[ItemResult]:
        # A clarifying question is neither an answer nor a refusal.
        return [r for r in self.results if r.item.kind != "clarify"]

    @property
    def refusal_accuracy(self) -> float:
        return _mean([r.refusal_correct for r in self._refusal_pool()])

    @property
    def offtopic_refused(self) -> float:
        return _mean([r.refused for r in self.results if r.item.kind == "offtopic"])

    @property
    def ontopic_answered(self) -> float:
        return _mean([not r.refused for r in self.results if r.item.answerable])

    def measured(self) -> list[Measured]:
        out = []
        for target in TARGETS:
            pool = [
                r for r in self.results if r.item.category == target.category or not target.category
            ]
            values = [ok for r in pool if (ok := CHECKS[target.check](r)) is not None]
            out.append(Measured(target, len(values), _mean(values)))
        return out

    def by_category(self) -> dict[str, tuple[int, float]]:
        """Per category: questions, and the share that met every expectation they have."""
        groups: dict[str, list[ItemResult]] = {}
        for r in self.results:
            if r.checks():
                groups.setdefault(r.item.category or r.item.kind, []).append(r)
        return {c: (len(rs), _mean([r.passed for r in rs])) for c, rs in sorted(groups.items())}

    def misses(self) -> list[ItemResult]:
        return [r for r in self._answerable() if not r.hit_at(max(CUTOFFS))]

    def failed(self) -> list[ItemResult]:
        return [r for r in self.results if not r.passed]

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
            "targets": {
                m.target.check + (f"/{m.target.category}" if m.target.category else ""): {
                    "name": m.target.name,
                    "n": m.n,
                    "value": round(m.value, 4),
                    "target": m.target.minimum,
                    "met": m.met,
                }
                for m in self.measured()
            },
            "by_category": {
                c: {"n": n, "passed": round(v, 4)} for c, (n, v) in self.by_category().items()
            },
            "misses": [r.item.id for r in self.misses()],
            "failed": {
                r.item.id: sorted(k for k, ok in r.checks().items() if not ok)
                for r in self.failed()
            },
            "not_run": dict(self.not_run),
        }

    def answers(self) -> list[dict[str, Any]]:
        """Every answer as asked and as shown (text, sources, route, suggestions, ...), in
        order: two runs' dumps diff to the answers that changed."""
        return [{"id": r.item.id, "question": r.item.question, **r.shown} for r in self.results]

    def table(self) -> str:
        """Plain-text tables (markdown-compatible): retrieval, then advice against targets."""
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
            "",
            "| advice | n | value | target | met |",
            "|---|---|---|---|---|",
        ]
        for m in self.measured():
            value = f"{m.value:.2f}" if m.n else "-"
            met = "yes" if m.met else "no"
            lines.append(
                f"| {m.target.name} | {m.n} | {value} | >= {m.target.minimum:.2f} | {met} |"
            )
        lines += ["", "| category | n | all expectations met |", "|---|---|---|"]
        lines += [f"| {c} | {n} | {v:.2f} |" for c, (n, v) in self.by_category().items()]
        for corpus, reason in self.not_run.items():
            lines.append(f"\nnot run: {corpus}: {reason}")
        return "\n".join(lines)


def _mean(values: Sequence[float | bool]) -> float:
    return sum(float(v) for v in values) / len(values) if values else 0.0


# ---- running -----------------------------------------------------------------------------


def evaluate_item(bot: Asks, item: EvalItem, history: Sequence[dict[str, str]] = ()) -> ItemResult:
    """Ask one question; ``history`` (a chain's earlier turns) comes before the item's own."""
    answer = bot.ask(item.question, [*history, *item.history])
    return score_answer(item, answer)


def run_items(bot: Asks, items: Sequence[EvalItem]) -> list[ItemResult]:
    """Ask every question in order. A chain's turns see the bot's own earlier answers, as a
    person talking to it would."""
    histories: dict[str, list[dict[str, str]]] = {}
    results = []
    for item in items:
        history = histories.setdefault(item.chain, []) if item.chain else []
        result = evaluate_item(bot, item, history)
        if item.chain:
            history += [
                {"role": "user", "content": item.question},
                {"role": "assistant", "content": result.text},
            ]
        results.append(result)
    return results


def run_eval(
    settings: Settings | None = None,
    items: Sequence[EvalItem] | None = None,
    *,
    bot: Asks | None = None,
    bots: Mapping[str, Asks] | None = None,
) -> EvalReport:
    """Answer every question of the set and score the answers.

    ``bots`` maps a corpus name to the bot answering from it; questions about guides written
    elsewhere (corpus ``foreign``) need one indexed with those guides, which the caller
    builds (``bot`` never ingests). Questions without a bot for their corpus are counted in
    ``not_run``.
    """
    chosen = list(items) if items is not None else load_evalset()
    available: dict[str, Asks] = dict(bots or {})
    if BUNDLED not in available:
        from bot.chatbot import Chatbot

        available[BUNDLED] = bot or Chatbot(settings or Settings())
    report = EvalReport()
    for corpus in CORPORA:
        group = [i for i in chosen if i.corpus == corpus]
        if not group:
            continue
        if corpus not in available:
            report.not_run[corpus] = f"{len(group)} questions need the {corpus} guides indexed"
            continue
        report.results += run_items(available[corpus], group)
    return report
