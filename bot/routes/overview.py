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
from bot.core.roles import RoleCatalog, name_of, plural_of
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.figures import Figure
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Candidate, Selector, candidates_of, cite, cited_sentences
from bot.routes.verdict import Evidence as Ranked
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
    # Pay and growth are found by the question's own words (their sections state the
    # figures); any other aspect by what the question weighs the roles on ("the least
    # maths" -> "maths"), so "which of the jobs is the most" does not steer the search.
    query = catalog.without_roles(question)
    if figure_kind(question) is None:
        query = aspect_of(question, catalog) or query
    searches = []
    for role in guides.roles:
        wanted = tuple(parts_for(intent, guides.parts(role))) if intent else ()
        searches.append(Search(f"{catalog.title(role)}: {query}", role, wanted, PASSAGES_PER_ROLE))
    found = guides.run(vectors, searches)
    passages_of: dict[str, list[Passage]] = {
        search.role: list(passages) for search, passages in zip(searches, found, strict=True)
    }
    if figure_kind(question) is None:
        # The asked section first; but an aspect such as "without a degree" may sit in any
        # section (an FAQ, the education section): a role whose asked sections barely
        # speak to it is searched over its whole guide as well.
        selector = Selector(vectors)
        weak = [
            s
            for s in searches
            if s.parts and _best_similarity(selector, query, passages_of[s.role]) < WEAK_SECTION
        ]
        wider = [Search(s.query, s.role, (), PASSAGES_PER_ROLE) for s in weak]
        for search, passages in zip(wider, guides.run(vectors, wider), strict=True):
            known = {p.id for p in passages_of[search.role]}
            passages_of[search.role] += [p for p in passages if p.id not in known]
    return Overview(question, [r for r in roles if passages_of.get(r)], intent, passages_of)


# Below this, a role's asked sections barely speak to the aspect (its best sentence's own
# similarity to it): the whole guide is searched too.
WEAK_SECTION = 0.3


def _best_similarity(selector: Selector, query: str, passages: list[Passage]) -> float:
    candidates = candidates_of(passages)
    return float(selector.similarity(query, candidates).max()) if candidates else 0.0


def ranked(overview: Overview, catalog: RoleCatalog, selector: Selector) -> Verdict | None:
    less = is_less(overview.question)
    kind = figure_kind(overview.question)
    if kind is not None:
        verdict = by_figures(kind, overview.roles, overview.passages_of, catalog, less)
        if verdict is not None:
            return verdict
    criterion = aspect_of(overview.question, catalog) or criterion_of(overview.question, catalog)
    verdict = by_criterion(
        criterion,
        overview.roles,
        overview.passages_of,
        catalog,
        selector,
        less,
        overview.question,
    )
    if verdict is not None and (thing := _without(criterion)):
        return by_stance(verdict, thing, overview.passages_of, selector)
    return verdict


def _without(criterion: str) -> str:
    """ "without a degree" -> "degree"; "" for any other criterion."""
    match = re.match(r"\s*without (?:a |an |any |the )?(?P<x>[\w-]+(?: [\w-]+)?)", criterion, re.I)
    return match.group("x") if match else ""


# What a sentence says about the thing one wants to do without: "a degree is not required",
# "employers hire people without a relevant degree" (optional), against "most data
# scientists hold at least a bachelor's degree" (expected). Negation near the thing decides;
# embeddings place both kinds of sentence equally close to "without a degree".
_OPTIONAL = re.compile(
    r"\b(?:not|n't|no|without|never|optional|rather than|instead of|alternative to)\b"
    r"|\bhelps? but\b|\bnot (?:strictly |always )?(?:required|needed|necessary|essential)\b",
    re.IGNORECASE,
)


def stance(sentence: str, thing: str) -> int:
    """+1: the sentence says ``thing`` is optional; -1: that it is expected; 0: not about it."""
    stem = re.escape(thing.rsplit(maxsplit=1)[-1].rstrip("s"))
    if not re.search(rf"\b{stem}", sentence, re.IGNORECASE):
        return 0
    return 1 if _OPTIONAL.search(sentence) else -1


def by_stance(
    verdict: Verdict, thing: str, passages_of: dict[str, list[Passage]], selector: Selector
) -> Verdict:
    """ "Easiest without a degree": the roles whose guides say the degree is optional come
    first, those whose guides say it is expected last; each role's line is its clearest
    sentence on it. Roles whose guides say neither keep the similarity order between."""
    ranked = []
    for e in verdict.ranked:
        candidates = candidates_of(passages_of.get(e.role, []))
        stances = [stance(c.text, thing) for c in candidates]
        said = [c for c, st in zip(candidates, stances, strict=True) if st]
        pick = said[0] if said else e.pick
        if said:
            # the sentence closest to the criterion among those that take a stance
            scores = selector.similarity(f"without a {thing}", said)
            pick = said[int(scores.argmax())]
        ranked.append((sum(stances), replace(e, pick=pick)))
    order = sorted(range(len(ranked)), key=lambda i: -ranked[i][0])  # stable: ties keep order
    return replace(verdict, ranked=[ranked[i][1] for i in order])


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
    lead = lead_line(verdict, catalog, cited.numbers, overview.question)
    little = said_little(verdict, selector)
    lines = []
    for n, e in enumerate(verdict.ranked, start=1):
        lines.append(f"{n}. **{catalog.title(e.role)}**: {cell(e, verdict, cited.numbers, little)}")
    for role, chosen in extra.items():
        said = cited_sentences(chosen, cited.numbers) if chosen else ""
        lines.append(f"- **{catalog.title(role)}** (no figure in its guide): {said}".rstrip())
    text = "\n\n".join([f"{lead} {overview_caveat(verdict, catalog)}", "\n".join(lines)])
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="overview",
        roles=[*order, *rest],
        verdict=_plain(lead),
    )


# A role's best sentence this far from the criterion says little about it: the list says so
# rather than presenting the sentence as if it spoke to the question.
SAYS_LITTLE = 0.2


def said_little(verdict: Verdict, selector: Selector) -> set[str]:
    """The roles whose closest sentence barely speaks to a (non-figure) criterion."""
    if verdict.kind is not None or not verdict.ranked:
        return set()
    scores = selector.similarity(verdict.criterion, verdict.picks)
    return {e.role for e, s in zip(verdict.ranked, scores, strict=True) if s < SAYS_LITTLE}


def cell(e: Ranked, verdict: Verdict, numbers: dict[str, int], little: set[str]) -> str:
    """One role's line of the ranking: its figure (and whose figure it is), cited; or its
    sentence on the criterion."""
    cite_it = f"[{numbers[e.pick.passage.id]}]"
    if e.figure is not None:
        return f"{e.figure.shown()}{_whose(e.figure)} {cite_it}"
    sentence = cited_sentences([e.pick], numbers)
    if e.role in little:
        return f"its guide says little on “{verdict.criterion}”; its nearest line: {sentence}"
    return sentence


def _whose(figure: Figure) -> str:
    """ " (Software Developers, the nearest official occupation)" for a stand-in figure."""
    if not figure.proxy:
        return ""
    if figure.occupation:
        return f" ({figure.occupation}, the nearest official occupation)"
    return " (a neighbouring official occupation's figure)"


def overview_caveat(verdict: Verdict, catalog: RoleCatalog) -> str:
    if verdict.kind is not None:
        return caveat(verdict, catalog)
    return (
        f"This ranking reads how strongly each guide speaks to {verdict.criterion}; the guides "
        "give no figure for it, and teams differ, so check job postings too."
    )


def lead_line(
    verdict: Verdict, catalog: RoleCatalog, numbers: dict[str, int], question: str = ""
) -> str:
    """Sentence one: the winner, as the question asked for it."""
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
        whose = _whose(first.figure).strip(" ()") if first.figure else ""
        stand_in = f", {whose}" if whose else ""
        return f"**{lead}**: {shown}{stand_in} {cite_first}."
    if verdict.tie:
        second = verdict.ranked[1]
        both = f"{_capital(people)} and {plural_of(catalog.title(second.role))}"
        cites = f"{cite_first}[{numbers[second.pick.passage.id]}]"
        where = "with the least said on" if verdict.less else "ahead of the other roles on"
        return (
            f"**{both} come out about level**, {where} “{verdict.criterion}”, going by how "
            f"their guides describe the work {cites}."
        )
    said = _predicate_line(question, first.role, catalog)
    if said is None:
        word = "least" if verdict.less else "most"
        said = f"{_capital(people)} come first: their guide speaks {word} to {verdict.criterion}"
    return f"**{said}**, going by how the guides describe the work {cite_first}."


# "Which role needs the least maths?" -> ("needs", "the least maths"); "which of the jobs is
# the most remote-friendly?" -> ("is", "the most remote-friendly").
_OVER_PREDICATE = re.compile(
    r"\b(?:which|what)\b[^?.!]*?\b(?P<verb>is|are|needs?|requires?|has|have|offers?|involves?"
    r"|uses?|gets?|suits?|demands?|means?|lets?)\s+(?P<rest>[^?,;:]+)",
    re.IGNORECASE,
)
_VERB_PLURAL = {
    "needs": "need", "requires": "require", "has": "have", "offers": "offer",
    "involves": "involve", "uses": "use", "gets": "get", "suits": "suit",
    "demands": "demand", "means": "mean", "lets": "let",
}  # fmt: skip


def _predicate_line(question: str, role: str, catalog: RoleCatalog) -> str | None:
    match = _OVER_PREDICATE.search(question)
    if not match:
        return None
    verb, rest = match.group("verb").lower(), " ".join(match.group("rest").split())
    if verb in {"is", "are"}:
        return f"The {name_of(catalog.title(role))} role is {rest}"
    return f"{_capital(plural_of(catalog.title(role)))} {_VERB_PLURAL.get(verb, verb)} {rest}"


# What a superlative question weighs the roles on: "the least maths" -> "maths", "easiest to
# get into without a degree" -> "without a degree", "best for a people person" -> "a people
# person". The comparative form ("which needs more ...") is ``criterion_of``'s.
_SUPERLATIVE = re.compile(
    r"\b(?:most|least|fewest|best|worst|easiest|hardest|highest|lowest|fastest|slowest"
    r"|biggest|greatest|smallest|quickest|simplest|toughest|safest|friendliest|strongest"
    r"|widest|largest)\b\s*(?P<what>[^?.!]*)",
    re.IGNORECASE,
)
_SUPERLATIVE_MEANS = {
    "easiest": "easy to learn and to get into",
    "hardest": "hard to learn and demanding",
    "quickest": "a quick way in",
    "fastest": "a quick way in",
    "simplest": "easy to learn and to get into",
    "toughest": "hard to learn and demanding",
    "safest": "job security",
}


def aspect_of(question: str, catalog: RoleCatalog) -> str:
    """The aspect a question over all roles ranks them by, or "" when it names none."""
    match = _SUPERLATIVE.search(question)
    if not match:
        return ""
    what = catalog.without_roles(match.group("what"))
    what = re.sub(
        r"^\s*(?:(?:to|for)\s+)?(?:get(?:ting)? into|break(?:ing)? into|become|becoming|enter"
        r"|start(?:ing)?(?: in| out)?|learn|land|be)?\s*(?:as\s+)?",
        "",
        what,
        flags=re.IGNORECASE,
    )
    what = re.sub(r"^(?:for|to)\s+|^(?:a|an|the|someone|somebody|people|person)\s+(?=\w)", "",
                  what.strip(), flags=re.IGNORECASE)  # fmt: skip
    what = re.split(r"\b(?:of all|among|out of|in the guides|of these|of the)\b", what)[0]
    what = " ".join(what.split()).strip(" ,")
    if re.fullmatch(r"(?:one|role|job|career|path|option|of them)?", what, re.IGNORECASE):
        return _SUPERLATIVE_MEANS.get(match.group(0).split()[0].lower(), "")
    return what


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
