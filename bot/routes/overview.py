"""Questions over all roles: "which of these jobs pays least?", "which suits a people person?".

The asked aspect is looked up in every role's guide (its section for that aspect, else the
whole guide), then the roles are ranked: by the figures the guides state for pay and
growth (``bot.routes.figures``, with the verdict's own checks for equal or shared figures),
otherwise by how strongly each guide's closest sentence speaks to the question's criterion
(``bot.routes.verdict.by_criterion``). The answer leads with the ranking's answer and lists
every role with its cited sentence, so nothing is left to be read out of a pile of quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, plural_of
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Candidate, Selector, cite, cited_sentences
from bot.routes.verdict import (
    Verdict,
    by_criterion,
    by_figures,
    caveat,
    criterion_of,
    figure_kind,
    is_less,
)
from bot.understand.intents import Intent, parts_for
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence

PASSAGES_PER_ROLE = 3


@dataclass
class Overview:
    question: str
    roles: list[str]
    intent: Intent | None
    passages_of: dict[str, list[Passage]] = field(default_factory=dict)
    # The ranking in words, for a model's prompt (``overview_notes``).
    notes: list[str] = field(default_factory=list)

    def passages(self) -> list[Passage]:
        return [p for role in self.roles for p in self.passages_of.get(role, [])]


def find_overview(
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    question: str,
    intent: Intent | None,
) -> Overview:
    """Every role's passages on the asked aspect, searched in one batch."""
    roles = list(catalog.roles)
    guides = Guides(store, roles)
    query = catalog.without_roles(question)
    searches = []
    for role in guides.roles:
        wanted = tuple(parts_for(intent, guides.parts(role))) if intent else ()
        searches.append(Search(f"{catalog.title(role)}: {query}", role, wanted, PASSAGES_PER_ROLE))
    found = guides.run(vectors, searches)
    passages_of: dict[str, list[Passage]] = {}
    for search, passages in zip(searches, found, strict=True):
        passages_of.setdefault(search.role, []).extend(passages)
    return Overview(question, [r for r in roles if passages_of.get(r)], intent, passages_of)


def ranked(overview: Overview, catalog: RoleCatalog, selector: Selector) -> Verdict | None:
    less = is_less(overview.question)
    kind = figure_kind(overview.question)
    if kind is not None:
        verdict = by_figures(kind, overview.roles, overview.passages_of, catalog, less)
        if verdict is not None:
            return verdict
    criterion = criterion_of(overview.question, catalog)
    return by_criterion(
        criterion,
        overview.roles,
        overview.passages_of,
        catalog,
        selector,
        less,
        overview.question,
    )


def compose_overview(overview: Overview, selector: Selector, catalog: RoleCatalog) -> Answer:
    """The answer first, then every role in ranked order with its cited sentence."""
    verdict = ranked(overview, catalog, selector)
    if verdict is None:
        each = [
            p
            for r in overview.roles
            for p in selector.select(overview.question, overview.passages_of[r], 1)
        ]
        listed = cite(each, reading=True)
        lines = [
            f"- **{catalog.title(p.passage.role)}**: {cited_sentences([p], listed.numbers)}"
            for p in each
        ]
        return Answer(
            text="\n".join(lines),
            sources=listed.sources,
            route="overview",
            roles=list(overview.roles),
        )
    order = [e.role for e in verdict.ranked]
    rest = [r for r in overview.roles if r not in order]  # no figure in the guide
    picks: list[Candidate] = [e.pick for e in verdict.ranked]
    extra = {
        role: selector.select(overview.question, overview.passages_of[role], 1) for role in rest
    }
    picks += [p for chosen in extra.values() for p in chosen]
    cited = cite(picks, reading=True)
    lead = lead_line(verdict, catalog, cited.numbers)
    lines = []
    for n, e in enumerate(verdict.ranked, start=1):
        figure = f"{e.figure.shown()}: " if e.figure is not None else ""
        sentence = cited_sentences([e.pick], cited.numbers)
        lines.append(f"{n}. **{catalog.title(e.role)}**: {figure}{sentence}")
    for role, chosen in extra.items():
        said = cited_sentences(chosen, cited.numbers) if chosen else ""
        lines.append(f"- **{catalog.title(role)}** (no figure in its guide): {said}".rstrip())
    text = "\n\n".join([f"{lead} {caveat(verdict, catalog)}", "\n".join(lines)])
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="overview",
        roles=[*order, *rest],
        verdict=_plain(lead),
    )


def lead_line(verdict: Verdict, catalog: RoleCatalog, numbers: dict[str, int]) -> str:
    first = verdict.ranked[0]
    cite_first = f"[{numbers[first.pick.passage.id]}]"
    people = plural_of(catalog.title(first.role))
    if verdict.kind is not None:
        what = "median pay" if verdict.kind == "pay" else "projected job growth"
        extreme = "lowest" if verdict.less else "highest"
        tied = [e for e in verdict.ranked if e.figure and first.figure and
                round(e.figure.value, 2) == round(first.figure.value, 2)]  # fmt: skip
        shown = first.figure.shown() if first.figure else ""
        if len(tied) > 1:
            names = ", ".join(plural_of(catalog.title(e.role)) for e in tied)
            return (
                f"**No single role has the {extreme} {what}**: {names} share the same figure, "
                f"{shown} {cite_first}."
            )
        lead = f"{_capital(people)} have the {extreme} {what} in the guides"
        return f"**{lead}**: {shown} {cite_first}."
    if verdict.tie:
        return (
            f"**It is close**: the guides stress {verdict.criterion} about equally for "
            "several roles."
        )
    word = "least" if verdict.less else "most"
    return (
        f"**{_capital(people)} come first**: of all the guides, theirs speaks {word} to "
        f"{verdict.criterion} {cite_first}."
    )


def overview_notes(overview: Overview, catalog: RoleCatalog, selector: Selector) -> list[str]:
    """The ranking for a model's prompt: the same understanding as the offline answer."""
    verdict = ranked(overview, catalog, selector)
    if verdict is None:
        return ["The question is about every role: answer for each role the guides cover."]
    order = ", ".join(catalog.title(e.role) for e in verdict.ranked)
    notes = [
        "The question is about every role, not one: answer for each role, ranked, each "
        f"with its citation. Ranking by the guides: {order}."
    ]
    for e in verdict.ranked:
        if e.figure is not None:
            notes.append(f"Figure for {catalog.title(e.role)}: {e.figure.shown()}")
    if verdict.undecided:
        notes.append(f"The figures do not decide: {verdict.undecided}.")
    return notes


def _capital(text: str) -> str:
    """First letter up, the rest as written ("AI engineers", not "Ai engineers")."""
    return text[:1].upper() + text[1:]


def _plain(line: str) -> str:
    return re.sub(r"\*\*|\s*\[\d+\]", "", line).strip()


class OverviewRoute(BaseRoute):
    """Every role on the asked aspect, ranked (``wants_overview`` in routing)."""

    name = "overview"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        found = find_overview(
            evidence.store(),
            evidence.vectors,
            turn.catalog,
            turn.text or turn.question,
            turn.intent,
        )
        passages = found.passages()
        best = sorted(passages, key=lambda p: p.score, reverse=True)
        if not evidence.covered(best):
            return replace(turn, route="not_covered", passages=passages)
        # A model composes from these: it is told the ranking the offline answer gives.
        found.notes = overview_notes(found, turn.catalog, Selector(evidence.vectors))
        return replace(turn, found=found, passages=passages)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return compose_overview(turn.found, selector, turn.catalog)

    def brief(self, turn: Turn) -> Brief:
        found: Overview = turn.found
        return Brief(notes=list(found.notes))
