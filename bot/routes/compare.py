"""Compare: two to four roles side by side, aspect by aspect, every cell quoted and cited.

A global top-k lets the guide that scores best crowd the others out. Here each role is
searched on its own, once per aspect, inside the guide section that covers that aspect, so
every role gets a cell in every row (``find_comparison``, the retrieve step). The offline composer
quotes the cells with the shared sentence selection (``compose_comparison``), so [n] is
``sources[n-1]`` as in any other answer; a model gets the same evidence as passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from langchain_chroma import Chroma

from bot.core.errors import CareerbotError, UnknownRoleError
from bot.core.results import Answer, Passage
from bot.core.roles import MAX_COMPARED, RoleCatalog
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search, matching
from bot.routes.evidence import Evidence
from bot.routes.figures import Kind
from bot.routes.lacking import admitted
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Candidate, Selector, candidates_of, cite, cited_sentences
from bot.routes.suggest import difference_query
from bot.routes.verdict import (
    Verdict,
    by_criterion,
    by_figures,
    caveat,
    criterion_of,
    figure_kind,
    is_less,
    less_on,
    other_criteria,
    verdict_kind,
    verdict_line,
)
from bot.understand.aspects import ASPECTS, Aspect, by_id, refers_back
from bot.understand.intents import BY_ID, intent_of, parts_for
from bot.understand.routing import asks_verdict
from bot.understand.turn import Turn
from bot.understand.weighing import Weighing


class RoleCountError(CareerbotError):
    """Fewer than two or more than four roles to compare."""


# The guides' section that sets each role against its neighbours: the summary quotes it.
DIFFERS_PART = "How it differs"
# A cell's second sentence is added only if the cell stays within this many words.
CELL_WORDS = 60
SUMMARY_PASSAGES = 4
# Enough to hold a whole section (sections run to two or three chunks), so its opening
# sentence is always among them.
SECTION_PASSAGES = 6
NOT_IN_GUIDE = "Not covered in this guide."
# Passages per (role, aspect) cell handed to a model: two when few cells are asked for
# ("which pays more?"), else one.
CELL_BUDGET = 16
MAX_PER_CELL = 2
_LABEL = re.compile(r"^[^:.!?]{2,60}:\s+(?=[A-Z])")  # "Data engineer vs data analyst: ..."


def resolve_roles(catalog: RoleCatalog, names: Sequence[str]) -> list[str]:
    """Role ids for ids, titles or aliases; unknown names get a "did you mean" message."""
    ids: list[str] = []
    for name in names:
        role = catalog.lookup(name) or catalog.lookup(name.replace("-", " ").replace("_", " "))
        if role is None:
            raise UnknownRoleError(unknown_role_message(catalog, name))
        ids.append(role)
    unique = list(dict.fromkeys(ids))
    check_role_count(catalog, unique, len(names))
    return unique


def unknown_role_message(catalog: RoleCatalog, name: str) -> str:
    guess = catalog.suggest(name)
    hint = f" Did you mean {catalog.title(guess)}?" if guess else ""
    known = known_roles(catalog) or "none yet (no guide is indexed)"
    return f"Unknown role '{name}'.{hint} Known roles: {known}."


def known_roles(catalog: RoleCatalog) -> str:
    """The roles as a person names them: their titles (a title is accepted wherever an id
    is, so the message still says what to type)."""
    return ", ".join(sorted((r.title for r in catalog.roles.values()), key=str.lower))


def role_titles(catalog: RoleCatalog, roles: Sequence[str]) -> str:
    return ", ".join(catalog.title(r) for r in roles)


def check_role_count(catalog: RoleCatalog, roles: Sequence[str], asked: int) -> None:
    if len(roles) < 2:
        what = "the same role twice" if asked >= 2 else ("one role" if roles else "none")
        raise RoleCountError(
            f"A comparison needs 2 to {MAX_COMPARED} different roles; got {what}. "
            f"Known roles: {known_roles(catalog)}."
        )
    if len(roles) > MAX_COMPARED:
        raise RoleCountError(
            f"A comparison takes at most {MAX_COMPARED} roles at a time; got {len(roles)} "
            f"({role_titles(catalog, roles)})."
        )


@dataclass(frozen=True)
class CellEvidence:
    """One role's guide on one aspect: the passages of the section that covers it (or of
    the whole guide, ``in_section`` False, when it has no such section)."""

    role: str
    aspect: Aspect
    query: str
    passages: list[Passage]
    in_section: bool


@dataclass(frozen=True)
class PairEvidence:
    """Both guides' "How it differs" passages for one pair of roles."""

    first: str
    second: str
    query: str
    sides: list[tuple[str, str, list[Passage]]]  # (own role, other role, own passages)


@dataclass(frozen=True)
class Comparison:
    """What a comparison is composed from: retrieved, not yet quoted."""

    roles: list[str]
    aspects: list[Aspect]
    cells: list[CellEvidence]
    pairs: list[PairEvidence]
    question: str = ""
    # A verdict question's criterion ("pay", "growth", "statistics") and, for a criterion
    # the figures do not settle, each role's passages closest to it.
    criterion: str = ""
    criteria: list[CellEvidence] = field(default_factory=list)
    faqs: list[Passage] = field(default_factory=list)  # FAQ passages near the question
    kind: Kind | None = None  # a verdict settled by pay or growth figures

    def passages(self) -> list[Passage]:
        """The evidence as one list for a model, grouped role by role: each role's
        difference passage, then its best passages per aspect (fewer per cell when many
        cells are asked for, so a four-role, all-aspect table fits a small context)."""
        cells = len(self.roles) * len(self.aspects)
        per_cell = max(1, min(MAX_PER_CELL, CELL_BUDGET // max(1, cells)))
        found: dict[str, Passage] = {}
        for role in self.roles:
            for pair in self.pairs:
                for own, _other, passages in pair.sides:
                    if own == role:
                        for passage in passages[:1]:
                            found.setdefault(passage.id, passage)
            for cell in self.cells:
                if cell.role == role:
                    for passage in cell.passages[:per_cell]:
                        found.setdefault(passage.id, passage)
        return list(found.values())


@dataclass(frozen=True)
class Cell:
    role: str
    aspect: Aspect
    picks: list[Candidate]


def find_comparison(
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    roles: Sequence[str],
    aspects: Sequence[Aspect],
    question: str = "",
    weighing: Weighing | None = None,
    topic: Kind | None = None,
    carried_verdict: bool = False,
) -> Comparison:
    """The retrieve step of a comparison: every role searched on its own, once per aspect,
    inside the section that covers it, plus the "How it differs" sections of each pair.

    A verdict question ("which pays more?", "which needs more statistics?") gets the
    evidence its verdict is built from instead: the salary section for pay and demand,
    else each guide's passages closest to the question's criterion.

    The searches are planned first and run together (``Guides``): two store calls and one
    model call for the whole comparison, whatever the number of roles and aspects.

    ``topic`` is the figure kind of the conversation's topic when the question points back
    at the last answer ("is that more or less than data scientists make?" after a pay
    answer): a verdict on it is settled by those figures unless its own words name others.
    ``carried_verdict``: the question adds a role to a verdict just given ("and an analytics
    engineer?" after "is that above or below what data engineers get?"), so it asks for
    the verdict again, over every role, on ``topic`` (``Turn.carried_verdict``).
    """
    check_role_count(catalog, roles, len(roles))
    guides = Guides(store, roles)
    parts = {role: guides.parts(role) for role in roles}
    verdict = asks_verdict(question, weighing) or (carried_verdict and topic is not None)
    kind = verdict_kind(question, weighing) if verdict else None
    if verdict and topic is not None and figure_kind(question) is None:
        kind = topic
    if kind is not None:
        aspects = [a for a in aspects if a.id == "salary"] or [by_id("salary")]
    plan = Plan()
    cells = [
        _cell_evidence(plan, catalog, role, aspect, parts[role])
        for aspect in aspects
        for role in roles
    ]
    if verdict:
        criterion = criterion_of(question, catalog) if kind is None else kind
        found = (
            [_criterion_evidence(plan, catalog, role, criterion, parts[role]) for role in roles]
            if kind is None
            else []
        )
        faqs = _faq_evidence(plan, roles, question, parts)
        plan.run(guides, vectors)
        return Comparison(
            list(roles),
            list(aspects),
            [cell() for cell in cells],
            [],
            question,
            criterion,
            [cell() for cell in found],
            faqs(),
            kind,
        )
    pairs = [
        _pair_evidence(plan, catalog, first, second, parts)
        for first, second in summary_pairs(roles)
    ]
    plan.run(guides, vectors)
    return Comparison(
        list(roles), list(aspects), [cell() for cell in cells], [pair() for pair in pairs], question
    )


class Plan:
    """The searches a comparison needs, asked for one by one and run together; each asker
    gets a handle that reads its passages once the plan has run."""

    def __init__(self) -> None:
        self.searches: list[Search] = []
        self.found: list[list[Passage]] = []

    def add(
        self, query: str, role: str, parts: Sequence[str], k: int
    ) -> Callable[[], list[Passage]]:
        index = len(self.searches)
        self.searches.append(Search(query, role, tuple(parts), k))
        return lambda: list(self.found[index])

    def run(self, guides: Guides, vectors: VectorCache) -> None:
        self.found = guides.run(vectors, self.searches)


def _faq_evidence(
    plan: Plan,
    roles: Sequence[str],
    question: str,
    parts: dict[str, list[str]],
) -> Callable[[], list[Passage]]:
    """The roles' FAQ passages closest to the question: a guide may answer it outright
    ("Is data engineering harder than data science?")."""
    found: list[Callable[[], list[Passage]]] = []
    for role in roles:
        faq = [p for p in parts[role] if p.lower().startswith("frequently asked")]
        if faq:
            found.append(plan.add(question, role, faq, 2))
    return lambda: [passage for each in found for passage in each()]


def _criterion_evidence(
    plan: Plan,
    catalog: RoleCatalog,
    role: str,
    criterion: str,
    parts: Sequence[str],
) -> Callable[[], CellEvidence]:
    """A role's passages closest to a verdict's criterion, from the section its intent
    names when the guide has one ("remote work" -> the work environment section)."""
    query = f"{catalog.title(role)}: {criterion}"
    intent = intent_of(criterion)
    section = parts_for(intent, parts) if intent else []
    first = plan.add(query, role, section, SECTION_PASSAGES)
    # The section first, but the rest of the guide may say it more plainly.
    extra = plan.add(query, role, [], 3) if section else None

    def evidence() -> CellEvidence:
        passages = first()
        if extra is not None:
            passages += [p for p in extra() if p.id not in {q.id for q in passages}]
        return CellEvidence(role, by_id("skills"), query, passages, bool(section))

    return evidence


def _cell_evidence(
    plan: Plan,
    catalog: RoleCatalog,
    role: str,
    aspect: Aspect,
    parts: Sequence[str],
) -> Callable[[], CellEvidence]:
    query = f"{catalog.title(role)}: {aspect.query}"
    section = matching(parts, [aspect.part]) or sections_for(aspect, parts)
    found = plan.add(query, role, section, SECTION_PASSAGES)
    return lambda: CellEvidence(role, aspect, query, found(), bool(section))


# The intent whose headings cover an aspect in a guide written elsewhere: "Pay and
# progression" is a pay section, "What you need to know" a skills one.
_INTENT_OF_ASPECT = {
    "focus": "what_they_do",
    "responsibilities": "what_they_do",
    "skills": "skills",
    "tools": "tools",
    "education": "education",
    "career": "career_path",
    "salary": "salary",
}


def sections_for(aspect: Aspect, parts: Sequence[str]) -> list[str]:
    """A guide's own headings for ``aspect`` when none starts with the bundled guides'
    heading (``parts_for``: any author's wording, as a single-role answer reads it)."""
    intent = _INTENT_OF_ASPECT.get(aspect.id)
    return parts_for(BY_ID[intent], parts) if intent else []


def _pair_evidence(
    plan: Plan,
    catalog: RoleCatalog,
    first: str,
    second: str,
    parts: dict[str, list[str]],
) -> Callable[[], PairEvidence]:
    query = difference_query(catalog.title(first), catalog.title(second))
    sides: list[tuple[str, str, Callable[[], list[Passage]] | None]] = []
    for own, other in ((first, second), (second, first)):
        section = matching(parts[own], [DIFFERS_PART])
        sides.append(
            (own, other, plan.add(query, own, section, SUMMARY_PASSAGES) if section else None)
        )
    return lambda: PairEvidence(
        first,
        second,
        query,
        [(own, other, found() if found else []) for own, other, found in sides],
    )


def compose_comparison(comparison: Comparison, selector: Selector, catalog: RoleCatalog) -> Answer:
    """The compose step of a comparison: a quoted summary of what sets the roles apart,
    then the table, every cell quoted and cited. A verdict question leads with its verdict
    and shows only what the verdict rests on."""
    if comparison.criterion:
        answer = compose_verdict(comparison, selector, catalog)
        if answer is not None:
            return answer
    roles, aspects = comparison.roles, comparison.aspects or list(ASPECTS)
    summary = summary_picks(comparison.pairs, selector, catalog)
    cells = [quote_cell(evidence, selector) for evidence in comparison.cells]
    cited = cite([*summary, *(pick for cell in cells for pick in cell.picks)])
    text = "\n\n".join(
        part
        for part in [
            summary_text(summary, cited.numbers, [catalog.title(r) for r in roles]),
            render_table(cells, roles, aspects, catalog, cited.numbers) if cells else "",
        ]
        if part
    )
    return Answer(
        text=text, sources=cited.sources, mode="offline", route="compare", roles=list(roles)
    )


def compose_verdict(
    comparison: Comparison, selector: Selector, catalog: RoleCatalog
) -> Answer | None:
    """Verdict, caveat, then the evidence: the table's salary row for a figure verdict,
    each role's closest sentence for a criterion. None when the guides give too little to
    judge (the table answers instead)."""
    roles, question = comparison.roles, comparison.question
    kind = comparison.kind
    less = less_on(question, kind) if kind is not None else is_less(question)
    verdict = None
    if kind is not None:
        # A pay or growth question is settled by the figures the guides state; an FAQ
        # answer that happens to be near the question ("an ML engineer is a software
        # engineer who ...") does not say who earns more.
        passages_of = {c.role: c.passages for c in comparison.cells}
        verdict = by_figures(kind, roles, passages_of, catalog, less)
    if verdict is None:
        answered = faq_verdict(comparison, selector, catalog)
        if answered is not None:
            return answered
    if kind is None:
        passages_of = {c.role: c.passages for c in comparison.criteria}
        verdict = by_criterion(
            comparison.criterion, roles, passages_of, catalog, selector, less, question
        )
    if verdict is None:
        return None
    cells = [quote_cell(evidence, selector) for evidence in comparison.cells] if kind else []
    cells = [_with_figure(cell, verdict) for cell in cells]
    cited = cite([*verdict.picks, *(pick for cell in cells for pick in cell.picks)], reading=True)
    line = verdict_line(verdict, catalog, cited.numbers)
    if kind is not None:
        shown = [c for c in cells if c.aspect.id == "salary"]
        evidence = render_table(shown, roles, [by_id("salary")], catalog, cited.numbers)
    else:
        evidence = "\n".join(
            f"- **{catalog.title(e.role)}**: {cited_sentences([e.pick], cited.numbers)}"
            for e in verdict.ranked
        )
    text = "\n\n".join(
        [" ".join([line, caveat(verdict, catalog), *_unsettled(comparison, catalog)]), evidence]
    )
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="compare",
        roles=list(roles),
        verdict=plain(line),
    )


def _with_figure(cell: Cell, verdict: Verdict) -> Cell:
    """The role's cell quotes the sentence its verdict figure comes from: a growth verdict
    ("+4% for data engineers [1]") under a cell that quotes only the pay sentence would
    print a figure the reader cannot find in the evidence. The section's opening stays."""
    pick = next((e.pick for e in verdict.ranked if e.role == cell.role), None)
    if pick is None or any(p.text == pick.text for p in cell.picks):
        return cell
    return replace(cell, picks=[*cell.picks[:1], pick])


def _unsettled(comparison: Comparison, catalog: RoleCatalog) -> list[str]:
    """What a figure verdict leaves open: the question's other criteria ("less stress")."""
    kind = comparison.kind
    if kind is None:
        return []
    others = other_criteria(comparison.question, kind, catalog)
    if not others:
        return []
    what = {"pay": "pay", "growth": "demand"}[kind]
    return [
        f"The figures settle {what} only, not {' or '.join(others)}: weigh that from how "
        "each guide describes the work."
    ]


# A guide's FAQ question this close to the person's is the question they asked.
FAQ_VERDICT = 0.85


def faq_verdict(comparison: Comparison, selector: Selector, catalog: RoleCatalog) -> Answer | None:
    """When a guide's FAQ asks the person's very question, its answer is the verdict: the
    guide's author weighed it, and a score of ours must not contradict them."""
    by_heading: dict[str, list[Candidate]] = {}
    for candidate in candidates_of(sorted(comparison.faqs, key=lambda p: p.seq)):
        heading = candidate.passage.section.split(" > ")[-1]
        if heading.endswith("?"):
            by_heading.setdefault(heading, []).append(candidate)
    if not by_heading:
        return None
    headings = list(by_heading)
    vectors = selector.vectors
    similarity = vectors.vectors(headings) @ vectors.vector(comparison.question)
    best = int(similarity.argmax())
    if float(similarity[best]) < FAQ_VERDICT:
        return None
    picks = by_heading[headings[best]][:3]
    cited = cite(picks, reading=True)
    lead, rest = picks[0], picks[1:]
    line = f"**{cited_sentences([lead], cited.numbers)}**" if not rest else f"**{lead.text}**"
    text = " ".join([line, cited_sentences(rest, cited.numbers)] if rest else [line])
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="compare",
        roles=list(comparison.roles),
        verdict=plain(lead.text),
    )


def plain(markdown: str) -> str:
    """A line without its emphasis and citation markers."""
    return " ".join(re.sub(r"\*\*|\s?\[\d+(?:, \d+)*\]", "", markdown).split())


def quote_cell(evidence: CellEvidence, selector: Selector) -> Cell:
    """The role's guide on one aspect: the opening sentence of its section, plus its
    most relevant detail when both fit in a cell.

    A guide without that section (user guides name their headings freely) is searched
    as a whole, but only sentences that use the aspect's own words count: the closest
    sentence to "education" in a guide that never mentions it is about something else,
    and the cell then says the guide does not cover it.
    """
    aspect, query = evidence.aspect, evidence.query
    if evidence.in_section:
        picks = selector.lead_and_best(query, evidence.passages, max_words=CELL_WORDS)
    else:
        on_topic = [
            c for c in candidates_of(evidence.passages) if re.search(aspect.cues, c.text, re.I)
        ]
        picks = selector.select_from(query, on_topic, 2)
    return Cell(evidence.role, aspect, picks)


def summary_picks(
    pairs: Sequence[PairEvidence], selector: Selector, catalog: RoleCatalog
) -> list[Candidate]:
    """One quoted sentence per pair of neighbouring roles on what sets them apart."""
    picks: list[Candidate] = []
    for pair in pairs:
        pick = difference(pair, selector, catalog)
        if pick is not None and all(p.text != pick.text for p in picks):
            picks.append(pick)
    return picks


def difference(pair: PairEvidence, selector: Selector, catalog: RoleCatalog) -> Candidate | None:
    """The sentence, from either guide's "How it differs" section, that best says how
    the two roles differ and names them both."""
    candidates: list[Candidate] = []
    for _own, other, passages in pair.sides:
        candidates += [c for c in candidates_of(passages) if other in catalog.resolve(c.text)]
    chosen = selector.select_from(pair.query, candidates, 1)
    if not chosen:
        return None
    return replace(chosen[0], text=_LABEL.sub("", chosen[0].text, count=1))


def summary_pairs(roles: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs for at most two summary sentences that between them name every role."""
    if len(roles) == 4:
        return [(roles[0], roles[1]), (roles[2], roles[3])]
    return list(pairwise(roles))[:2]


def summary_text(picks: Sequence[Candidate], numbers: dict[str, int], titles: list[str]) -> str:
    if picks:
        return " ".join(cited_sentences([p], numbers) for p in picks)
    # Guides without a "How it differs" section: no quote to lead with, so say what follows.
    return f"How {_and_list(titles)} compare, aspect by aspect, from their guides:"


def render_table(
    cells: Sequence[Cell],
    roles: Sequence[str],
    aspects: Sequence[Aspect],
    catalog: RoleCatalog,
    numbers: dict[str, int],
) -> str:
    by_key = {(c.role, c.aspect.id): c for c in cells}
    header = ["Aspect", *(catalog.title(r) for r in roles)]
    lines = [_row(header), _row(["---"] * len(header))]
    for aspect in aspects:
        row = [f"**{aspect.label}**"]
        for role in roles:
            picks = by_key[(role, aspect.id)].picks
            row.append(cited_sentences(picks, numbers) if picks else NOT_IN_GUIDE)
        lines.append(_row(row))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    # A "|" inside a cell would end it early; newlines would end the row.
    return "| " + " | ".join(" ".join(c.replace("|", "\\|").split()) for c in cells) + " |"


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# What a model is told when it writes a comparison, and a verdict (after the shared rules
# of ``bot.compose.prompt``, which are numbered 1 to 5; the person rule is 8).
COMPARE_RULE = """\
6. This question compares roles. Answer with a markdown table: one column per role, one row \
per aspect the passages cover (for example what the role does, skills, tools, career path). \
Put a citation in every cell. Follow the table with one or two sentences on the main \
difference."""

VERDICT_RULE = """\
7. The question asks which role comes out ahead. Open with a one-line verdict that names \
the role, built from the cited figures or sentences, then give the caveat the passages \
give (for example that figures are US-only or describe a neighbouring official occupation)."""


# The figures a conversation's topic is settled by.
_TOPIC_KIND: dict[str, Kind] = {"salary": "pay", "outlook": "growth"}


def topic_kind(turn: Turn) -> Kind | None:
    """The figures a follow-up that points back at the last answer ("does a data scientist
    get more than that?") weighs: those of the topic that answer was about, carried from
    the conversation or read from the question's own words."""
    if turn.intent is None or not (turn.carried or refers_back(turn.text or turn.question)):
        return None
    return _TOPIC_KIND.get(turn.intent.id)


class CompareRoute(BaseRoute):
    """Two to four roles side by side, or, for "which pays more?", a verdict."""

    name = "compare"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        found = find_comparison(
            evidence.store(),
            evidence.vectors,
            turn.catalog,
            turn.roles,
            turn.aspects,
            turn.text,
            turn.weighing,
            topic_kind(turn),
            carried_verdict=turn.carried_verdict,
        )
        return admitted(replace(turn, found=found, passages=found.passages()), evidence)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return compose_comparison(turn.found, selector, turn.catalog)

    def brief(self, turn: Turn) -> Brief:
        comparison: Comparison = turn.found
        if not comparison.criterion:
            return Brief(rules=[COMPARE_RULE])
        return Brief(
            rules=[COMPARE_RULE, VERDICT_RULE], notes=figure_notes(comparison, turn.catalog)
        )


def figure_notes(comparison: Comparison, catalog: RoleCatalog) -> list[str]:
    """The figures a verdict rests on, one line per role, for a model's prompt."""
    kind = comparison.kind
    if kind is None:
        return [f"The question weighs the roles on: {comparison.criterion}"]
    passages_of = {c.role: c.passages for c in comparison.cells}
    less = less_on(comparison.question, kind)
    verdict = by_figures(kind, comparison.roles, passages_of, catalog, less)
    if verdict is None:
        return []
    lines = []
    for e in verdict.ranked:
        if (f := e.figure) is not None:
            basis = ", ".join(x for x in (f.year, f.region) if x)
            proxy = (
                f"; official occupation used: {f.occupation}" if f.proxy and f.occupation else ""
            )
            lines.append(f"Figure for {catalog.title(e.role)}: {f.shown()} ({basis}{proxy})")
    if verdict.undecided:
        # The model is told, as the offline verdict says, that these figures name no winner.
        lines.append(f"The figures do not decide: {verdict.undecided}. Name no winner.")
    return lines
