"""Questions over all roles: "which of these jobs pays least?", "which suits a people person?",
"summarise interview prep for each role".

The asked aspect is looked up in every role's guide (its section for that aspect, else the
whole guide), then the roles are ranked: by the figures the guides state for pay and
growth (``bot.routes.figures``, with the verdict's own checks for equal or shared figures,
each figure named for the occupation it describes, ``bot.routes.reference``), otherwise by
the evidence each guide gives on the question's criterion (``bot.routes.criteria``: every
sentence of the asked sections, denials counting the other way). The answer leads with the
winner, then lists every role with one cited line; a question that asks for every role's
aspect without a ranking ("go through every role ...") gets every role's lines alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, name_of, plural_of
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.criteria import (
    SAYS_LITTLE,
    RoleEvidence,
    clean_criterion,
    criterion_words,
    in_common_section,
    level,
    mentions,
    own_sentences_of,
    rank_by_evidence,
    stems_of,
    without_thing,
)
from bot.routes.figures import Kind, figures_in, same_occupation
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.reference import Reference, described, reference_of
from bot.routes.selection import Candidate, Selector, candidates_of, cite, cited_sentences
from bot.routes.verdict import Evidence as Ranked
from bot.routes.verdict import (
    Verdict,
    by_figures,
    figure_kind,
    is_less,
    keep_in_mind,
)
from bot.understand.intents import (
    BY_ID,
    INTENTS,
    SUBSECTION_INTENTS,
    Intent,
    heading_matches,
    parts_for,
)
from bot.understand.routing import SUPERLATIVE_EST
from bot.understand.turn import Turn
from bot.understand.weighing import Weighing

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence

PASSAGES_PER_ROLE = 3
# The section a pay or growth figure is stated in.
FIGURES_INTENT: dict[Kind, Intent] = {"pay": BY_ID["salary"], "growth": BY_ID["outlook"]}


@dataclass
class Overview:
    question: str
    roles: list[str]
    intent: Intent | None
    passages_of: dict[str, list[Passage]] = field(default_factory=dict)
    # What a question beyond pay and growth weighs the roles on ("maths", "remote-friendly"),
    # and every sentence of each role's asked sections, which the ranking reads.
    criterion: str = ""
    sentences_of: dict[str, list[Candidate]] = field(default_factory=dict)
    # The roles whose sentences are their asked section's alone (not widened to the guide).
    in_section: set[str] = field(default_factory=set)
    # The ranking in words, for a model's prompt (``overview_notes``).
    notes: list[str] = field(default_factory=list)
    # The figures that rank the roles (pay or growth; None: the guides' words on the
    # criterion), and the direction asked ("the least", "the weakest", "lets you avoid").
    kind: Kind | None = None
    less: bool = False

    def passages(self) -> list[Passage]:
        return [p for role in self.roles for p in self.passages_of.get(role, [])]


def find_overview(
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    question: str,
    intent: Intent | None,
    weighing: Weighing | None = None,
) -> Overview:
    """Every role's passages on the asked aspect, searched in one batch; for a criterion
    beyond pay and growth, every sentence of each role's asked sections as well."""
    roles = list(catalog.roles)
    guides = Guides(store, roles)
    # Pay and growth are found by the question's own words (their sections state the
    # figures); any other aspect by what the question weighs the roles on ("the least
    # maths" -> "maths"), so "which of the jobs is the most" does not steer the search.
    kind = overview_kind(question, weighing)
    # On a figure, "the slowest growth" and "the worst pay" are its low end too (on a
    # criterion in words they would turn "a poor choice" into its opposite).
    less = is_less(question) or (kind is not None and bool(_LOW_END.search(question)))
    criterion = "" if kind else criterion_of_overview(question, catalog)
    if (thing := without_thing(criterion)) and not criterion.lower().startswith("without"):
        # "with no degree", "don't need a PhD": said one way, so that every phrasing of doing
        # without is read (and embedded) alike
        criterion = f"without {thing}" if thing.endswith(("s", "ing")) else f"without a {thing}"
    if avoided := _AVOID.match(criterion):
        # "lets you avoid being paged": the roles whose guides speak least to it first.
        criterion, less = criterion[avoided.end() :], not less
    query = criterion or catalog.without_roles(question)
    if kind is None and criterion:
        # "Summarise the work environment of each job" read as what they do: the asked
        # section is the one whose heading says what the question weighs the roles on.
        intent = asked_by_heading(criterion, intent, guides, vectors)
    # Figures are read from the section that states them, whatever intent the words gave
    # ("which one is expected to add jobs fastest?" reads as no intent at all).
    asked = FIGURES_INTENT[kind] if kind is not None else intent
    wanted = {
        role: tuple(parts_for(asked, guides.parts(role))) if asked else () for role in guides.roles
    }
    searches = [
        Search(f"{catalog.title(role)}: {query}", role, wanted[role], PASSAGES_PER_ROLE)
        for role in guides.roles
    ]
    found = guides.run(vectors, searches)
    passages_of: dict[str, list[Passage]] = {
        search.role: list(passages) for search, passages in zip(searches, found, strict=True)
    }
    if kind is not None:
        _with_figures(guides, vectors, query, kind, passages_of)
    sentences_of: dict[str, list[Candidate]] = {}
    in_section: set[str] = set()
    if kind is None:
        # A listing ("career progression of each job") reads the asked section as it is; a
        # ranking may find its criterion anywhere in a guide.
        widen = wants_ranking(question)
        sentences_of, in_section = _in_scope(
            guides, vectors, query, wanted, Selector(vectors), widen, asked
        )
    kept = [r for r in roles if passages_of.get(r)]
    return Overview(
        question, kept, intent, passages_of, criterion, sentences_of, in_section, [], kind, less
    )


# A criterion this close to a guide heading, and this far ahead of the next heading, names
# that section ("work environment" 1.0 to "Work environment", "day-to-day work" 0.55 to "A
# typical day" against 0.47, "qualifications" 0.59 to "Education and certifications"
# against 0.51); a criterion the guides treat across sections stays below it ("without a
# degree" 0.46, "maths" 0.34, "on-call duties" 0.34), measured with the bundled model over
# the criteria of the dev set's all-role questions.
HEADING_MATCH = 0.5
HEADING_LEAD = 0.05


def asked_by_heading(
    criterion: str, intent: Intent | None, guides: Guides, vectors: VectorCache
) -> Intent | None:
    """The intent of the guide heading closest in meaning to ``criterion`` when it is close
    enough to name the section, else ``intent``. The intent read from the question's words
    stands when that heading is already among its sections; otherwise the section's own
    intent (not a subsection's: "Skills", not "soft skills") answers for it."""
    headings = sorted({part for role in guides.roles for part in guides.parts(role) if part})
    if not headings:
        return intent
    similarity = vectors.queries(headings) @ vectors.vector(criterion)
    order = similarity.argsort()[::-1]
    best = int(order[0])
    runner_up = float(similarity[order[1]]) if len(order) > 1 else 0.0
    if float(similarity[best]) < max(HEADING_MATCH, runner_up + HEADING_LEAD):
        return intent
    heading = headings[best]
    if intent is not None and parts_for(intent, [heading]):
        return intent
    covering = [i for i in INTENTS if heading_matches(i, f"_ > {heading}")]
    own = [i for i in covering if i.id not in SUBSECTION_INTENTS]
    return (own or covering)[0] if covering else intent


def overview_kind(question: str, weighing: Weighing | None) -> Kind | None:
    """Pay or growth: by the question's words first (a classifier trained on two-role
    questions reads "which has the most growth?" over every role as pay), else by the
    comparison classifier's confident reading ("expected to add jobs fastest")."""
    return figure_kind(question) or (weighing.kind if weighing is not None else None)


_LOW_END = re.compile(
    r"\b(?:slower|slowest|slowly|worse|worst|weakest|poorest|bottom)\b", re.IGNORECASE
)
# Going without what the criterion names: "avoid being paged", "stay clear of meetings".
_AVOID = re.compile(
    r"^(?:avoid(?:s|ing)?|escap(?:e|es|ing)|dodg(?:e|es|ing)|skip(?:s|ping)?"
    r"|(?:stay|stays|staying|keep|keeps|keeping|steer|steers|steering) (?:away from|clear of)"
    r"|get(?:s|ting)? away from)\s+(?=\w)",
    re.IGNORECASE,
)


def _with_figures(
    guides: Guides,
    vectors: VectorCache,
    query: str,
    kind: Kind,
    passages_of: dict[str, list[Passage]],
) -> None:
    """A role whose asked section states no figure of ``kind`` may state one elsewhere ("For
    a wider view: the BLS puts the median annual wage ... at $120,360" under "Pay and
    benefits" when growth was asked): its whole guide's passages that state one are added."""
    lacking = [
        role
        for role, passages in passages_of.items()
        if not any(f.kind == kind for c in candidates_of(passages) for f in figures_in(c.text))
    ]
    plan = [Search(query, role, (), SCOPE_PASSAGES) for role in lacking]
    for search, found in zip(plan, guides.run(vectors, plan), strict=True):
        stating = [p for p in found if any(f.kind == kind for f in figures_in(p.text))][
            :PASSAGES_PER_ROLE
        ]
        known = {p.id for p in passages_of[search.role]}
        passages_of[search.role] = [p for p in stating if p.id not in known] + passages_of[
            search.role
        ]


# Sections that describe other roles, interviews or references, not the work itself:
# "whereas a data scientist runs A/B tests" in the data engineer guide says nothing of its
# own maths, and "behavioural rounds look for collaboration" nothing of its stakeholders.
# (A question about interviews reads its interview section: that is its asked section.)
OTHER_ROLES_PARTS = ("How it differs", "Sources", "References", "Further reading", "Interview")
# A ranking on what the work involves ("leans most on Kubernetes", "does the most
# statistics") reads the sections that describe the role as it is. The sections on getting
# in, pay, outlook and progression speak of something else and mislead it: the way in
# advises the reader ("Build a project that serves a model on Kubernetes" is a learner's
# task), the outlook and the path speak of the market and of later jobs. A question about one
# of those (its asked intent) keeps it; a guide's other headings (an FAQ, a foreign guide's
# own sections) stay in.
ELSEWHERE = (
    "getting_started",
    "transition",
    "education",
    "certifications",
    "salary",
    "outlook",
    "career_path",
)


def scope_parts(parts: Sequence[str], asked: Intent | None) -> tuple[str, ...]:
    """The headings of ``parts`` a ranking reads: every section but those about other roles
    and those on a topic other than the work, unless that topic is the one asked."""
    whole = tuple(p for p in parts if not p.startswith(OTHER_ROLES_PARTS))
    if asked is not None and asked.id in ELSEWHERE:
        return whole
    # A heading that also covers the asked intent ("Skills and qualifications") stays.
    own = set(parts_for(asked, parts)) if asked is not None else set()
    apart = {p for i in ELSEWHERE for p in parts_for(BY_ID[i], parts)} - own
    return tuple(p for p in whole if p not in apart) or whole


# Every chunk of a role's scope is read (a bundled section is a handful of chunks).
SCOPE_PASSAGES = 200


def _in_scope(
    guides: Guides,
    vectors: VectorCache,
    query: str,
    wanted: dict[str, tuple[str, ...]],
    selector: Selector,
    widen: bool = True,
    asked: Intent | None = None,
) -> tuple[dict[str, list[Candidate]], set[str]]:
    """Every sentence of each role's asked sections, and the roles read in those alone. An
    aspect such as "without a degree" may sit in any section (an FAQ, the education
    section): a role whose asked sections barely speak to it is read over its whole guide
    instead (``scope_parts``: the work's own sections when the work is asked)."""
    whole = {role: scope_parts(guides.parts(role), asked) for role in guides.roles}
    plan = [
        Search(query, role, wanted[role] or whole[role], SCOPE_PASSAGES) for role in guides.roles
    ]
    read = {
        s.role: candidates_of(found)
        for s, found in zip(plan, guides.run(vectors, plan), strict=True)
    }
    weak = [
        role
        for role in guides.roles
        if wanted[role]
        and (not read[role] or (widen and _best(selector, query, read[role]) < WEAK_SECTION))
    ]
    if widen:
        # A ranking weighs every role on the same reading, and on its whole guide: one role
        # read in its section alone against others over their whole guides is no contest,
        # and a section of two sentences cannot show how much a guide speaks to the
        # criterion (a data scientist guide on statistics in its overview, work and skills
        # lost to the one analyst line naming "descriptive statistics" in a skills section).
        weak = [role for role in guides.roles if wanted[role]]
    wider = [Search(query, role, whole[role], SCOPE_PASSAGES) for role in weak]
    for search, found in zip(wider, guides.run(vectors, wider), strict=True):
        known = {c.text for c in read[search.role]}
        read[search.role] += [c for c in candidates_of(found) if c.text not in known]
    return read, {role for role in guides.roles if wanted[role] and role not in weak}


# Below this, a role's asked sections barely speak to the aspect (its best sentence's own
# similarity to it): the whole guide is read too.
WEAK_SECTION = 0.3


def _best(selector: Selector, query: str, candidates: list[Candidate]) -> float:
    return float(selector.similarity(query, candidates).max()) if candidates else 0.0


def criterion_of_overview(question: str, catalog: RoleCatalog) -> str:
    """What a question over all roles weighs them on, beyond pay and growth: the question
    without the words that build it ("go through every role and tell me how remote-friendly
    it is" -> "remote-friendly"), or the superlative's own meaning ("the easiest one")."""
    words = criterion_words(question, catalog)
    # A superlative the scaffolding does not take out ("easiest to get into without a
    # degree", "the quietest job with the least customer contact") gives way to what the
    # superlative is about; otherwise the question's own words, verb and all ("works with
    # LLMs" says more than "with LLMs").
    if words and not re.search(rf"\b(?:{SUPERLATIVE_EST}|best|worst)\b", words, re.IGNORECASE):
        return words
    superlative = clean_criterion(
        re.sub(r"^(?:who|that|which)\s+", "", aspect_of(question, catalog))
    )
    return superlative or words


def ranked(overview: Overview, catalog: RoleCatalog, selector: Selector) -> Verdict | None:
    """The pay or growth ranking by the guides' figures (None for any other criterion, or
    when fewer than two guides state a figure)."""
    if overview.kind is None:
        return None
    return by_figures(overview.kind, overview.roles, overview.passages_of, catalog, overview.less)


def by_evidence(
    overview: Overview, selector: Selector, catalog: RoleCatalog | None = None
) -> list[RoleEvidence]:
    """Every role on the criterion, in the question's direction, each quoted from the
    section the guides treat it in where they can be; with the ``catalog``, never from a
    sentence that says it of another role."""
    sentences_of: Mapping[str, Sequence[Candidate]] = overview.sentences_of
    if catalog is not None:
        sentences_of = own_sentences_of(sentences_of, overview.criterion, catalog)
    ranked = rank_by_evidence(overview.criterion, sentences_of, selector, overview.less)
    return in_common_section(ranked, sentences_of, overview.criterion, selector)


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


# A request for every role's aspect without a ranking: "go through every role", "summarise
# interview prep for each role", "what does a typical day look like for each career?". A
# superlative, a comparative or "rank" asks for a ranking instead.
# "Which tools do they use in each job?" asks for tools, not for a role: "which" ranks when a
# role (or "one", "of them") or a verb follows it ("which suits a people person?").
_RANKING = re.compile(
    r"\b(?:most|least|fewest|best|worst|more|less|fewer|rank|ranked|order|sort|top"
    rf"|{SUPERLATIVE_EST})\b|\bwhich (?:one|role|job|career|path|of)\b"
    r"|^\s*which\s+(?:\w+\s+)?(?:roles?|jobs?|careers?|paths?|positions?|professions?"
    r"|occupations?|ones?)\b"
    r"|^\s*which\s+(?:is|are|has|have|needs?|suits?|fits?|would|could|should|will|can|does"
    r"|do|pays?|offers?|involves?|requires?|gets?|lets?|keeps?|uses?|deals?|works?|demands?"
    r"|asks?|spends?|leans?|calls?)\b",
    re.IGNORECASE,
)
# "How much statistics does each role need?", "how remote-friendly is each?": no winner
# asked for, but a degree, so the roles are listed most first.
_DEGREE = re.compile(
    r"\bhow (?:much|many|often|far|well|\w+[- ]\w+|\w+(?:ly|ful|able|ible|ive|al))\b", re.I
)
_NOT_DEGREE = re.compile(r"\bhow (?:do|does|did|is|are|to|can|should|would|will)\b", re.I)


def wants_ranking(question: str) -> bool:
    return bool(_RANKING.search(question))


def by_degree(question: str) -> bool:
    """A listing asked "how much" or "how <quality>": the roles in order of that quality."""
    return any(not _NOT_DEGREE.match(m.group(0)) for m in _DEGREE.finditer(question))


def compose_overview(overview: Overview, selector: Selector, catalog: RoleCatalog) -> Answer:
    """The answer first, then every role in ranked order with its cited sentence."""
    verdict = ranked(overview, catalog, selector)
    if verdict is not None:
        return compose_figures(overview, verdict, selector, catalog)
    kind = overview.kind
    if kind is not None:
        # Pay or growth asked, but fewer than two guides state a figure: a ranking by how
        # much a guide talks about pay would be no ranking of pay, so each guide's own words
        # on it are listed, and the lead says why there is no order.
        what = "pay" if kind == "pay" else "job growth"
        lead = (
            f"**The guides give no {what} figures to rank these roles by**; here is what each "
            f"says about {what}."
        )
        return compose_listing(overview, selector, catalog, [], False, lead)
    evidence = by_evidence(overview, selector, catalog)
    if not evidence or not wants_ranking(overview.question):
        ordered = by_degree(overview.question)
        return compose_listing(overview, selector, catalog, evidence, ordered)
    return compose_criterion(overview, evidence, catalog)


def compose_criterion(
    overview: Overview, evidence: list[RoleEvidence], catalog: RoleCatalog
) -> Answer:
    """Sentence one names the winner on the criterion; then every role, one cited line."""
    cited = cite([e.pick for e in evidence], reading=True)
    lead = criterion_lead(overview, evidence, catalog, cited.numbers)
    lines = [
        f"{n}. **{catalog.title(e.role)}**: {evidence_cell(e, overview.criterion, cited.numbers)}"
        for n, e in enumerate(evidence, start=1)
    ]
    parts = [lead, also_optional(overview, evidence, catalog), basis_line(overview)]
    return Answer(
        text="\n\n".join([" ".join(p for p in parts if p), "\n".join(lines)]),
        sources=cited.sources,
        mode="offline",
        route="overview",
        roles=[e.role for e in evidence],
        verdict=_plain(lead),
    )


# Said after the basis in the answer and as the LLM notes' own "Caveat:" line, so the
# model is told plainly that the order is a reading of the guides, not a measured figure.
RANKING_CAVEAT = "the guides give no figure for this, and teams differ, so check job postings too"


def basis(overview: Overview) -> str:
    """What the order rests on: each role's own guide read against the criterion and how a
    sentence counts."""
    if without_thing(overview.criterion):
        counts = "a sentence saying it is optional counts for a role, one expecting it against"
    else:
        counts = "a sentence that plays it down counts the other way"
    return (
        f"Basis: how closely the sentences of each role's own guide speak to "
        f"“{overview.criterion}” (the embedding model's similarity, its closest sentences "
        f"weighed); {counts}."
    )


def basis_line(overview: Overview) -> str:
    """The basis and its caveat in one line, for the offline answer."""
    return f"{basis(overview)} {RANKING_CAVEAT[0].upper()}{RANKING_CAVEAT[1:]}."


def also_optional(overview: Overview, evidence: list[RoleEvidence], catalog: RoleCatalog) -> str:
    """For doing without something ("without a degree"), the other guides that also say it
    is optional: the first role is the one whose guide says it most plainly, not the only
    one, and the guides do not single one out."""
    if not without_thing(overview.criterion) or level(evidence):
        return ""
    others = [e for e in evidence[1:] if e.score > 0 and e.denied]
    if not others:
        return ""
    names = _and([plural_of(catalog.title(e.role)) for e in others])
    verb = "says" if len(others) == 1 else "say"
    guides = "guide" if len(others) == 1 else "guides"
    first = name_of(catalog.title(evidence[0].role))
    return (
        f"The {guides} for {names} {verb} so too, so the guides do not single out one role; "
        f"the {first} guide says it most plainly."
    )


def criterion_lead(
    overview: Overview,
    evidence: list[RoleEvidence],
    catalog: RoleCatalog,
    numbers: dict[str, int],
) -> str:
    first = evidence[0]
    people = plural_of(catalog.title(first.role))
    cite_first = f"[{numbers[first.pick.passage.id]}]"
    less = overview.less
    silent = sum(e.says_little for e in evidence) * 2 > len(evidence)
    if first.says_little and (not less or silent):
        # No guide speaks to it: the nearest is not a winner (nor is the one that says least
        # when most say nothing), and the lead says so.
        nearest = max(evidence, key=lambda e: e.closest)
        return (
            f"**No guide speaks directly to “{overview.criterion}”**; the nearest is the "
            f"{name_of(catalog.title(nearest.role))} guide [{numbers[nearest.pick.passage.id]}], "
            "so read the lines below as hints, not a ranking."
        )
    if level(evidence):
        second = evidence[1]
        both = f"{_capital(people)} and {plural_of(catalog.title(second.role))}"
        cites = f"{cite_first}[{numbers[second.pick.passage.id]}]"
        where = "with the least said on" if less else "ahead of the other roles on"
        return (
            f"**{both} come out about level**, {where} “{overview.criterion}”, going by how "
            f"their guides describe the work {cites}."
        )
    said = _predicate_line(overview.question, first.role, catalog, overview.criterion)
    if said is None:
        if without_thing(overview.criterion):
            how = "says most plainly that it is optional"
        else:
            how = f"speaks {'least, or plays it down' if less else 'most'} to it"
        said = f"{_capital(people)} come first on “{overview.criterion}”: their guide {how}"
    return f"**{said}**, going by how the guides describe the work {cite_first}."


def evidence_cell(e: RoleEvidence, criterion: str, numbers: dict[str, int]) -> str:
    """One role's line: its clearest sentence on the criterion, or that its guide barely
    speaks to it (and the nearest line it has)."""
    sentence = cited_sentences([e.pick], numbers)
    if e.denied and not without_thing(criterion):
        return f"its guide plays it down: {sentence}"
    if e.says_little:
        return f"its guide barely speaks to “{criterion}”; its nearest line: {sentence}"
    return sentence


# A listing quotes a little more of each role than a ranking's one reason.
LISTED_SENTENCES = 2


def compose_listing(
    overview: Overview,
    selector: Selector,
    catalog: RoleCatalog,
    evidence: list[RoleEvidence],
    ordered: bool,
    lead: str = "",
) -> Answer:
    """Every role's lines on the aspect, no winner asked for: the guides' order, or when
    ``ordered`` (a "how much" question), the role whose guide speaks most to it first."""
    order = [e.role for e in evidence] if ordered else list(overview.roles)
    order += [r for r in overview.roles if r not in order]
    # A role read in its asked section is answered by that section, whatever its words; one
    # whose guide has no such section, or whose lines barely speak to it, is said to.
    no_section = {r for r in order if overview.intent and r not in overview.in_section}
    little = {e.role for e in evidence if e.says_little and e.role not in overview.in_section}
    picks_of = {role: listed_lines(overview, selector, role, ordered) for role in order}
    cited = cite([p for role in order for p in picks_of[role]], reading=True)
    lines = []
    for role in order:
        said = cited_sentences(picks_of[role], cited.numbers)
        if role in no_section and overview.intent is not None:
            said = f"its guide has no section on {overview.intent.label}; its nearest lines: {said}"
        elif role in little:
            said = f"its guide barely speaks to “{overview.criterion}”; its nearest lines: {said}"
        lines.append(f"- **{catalog.title(role)}**: {said}")
    lead = lead or listing_lead(overview, catalog, order, ordered and bool(evidence))
    return Answer(
        text="\n\n".join([lead, "\n".join(lines)]),
        sources=cited.sources,
        mode="offline",
        route="overview",
        roles=order,
    )


def listing_lead(overview: Overview, catalog: RoleCatalog, order: list[str], ordered: bool) -> str:
    what = _capital(listed_as(overview) or "what you asked")
    lead = f"**{what}, role by role**, from each of the {len(order)} guides"
    if not ordered:
        return f"{lead}."
    first = plural_of(catalog.title(order[0]))
    return (
        f"{lead}: {first}' guide speaks most to it, and the rest follow in order; teams "
        "differ, so check job postings too."
    )


def listed_as(overview: Overview) -> str:
    """What a listing is of: the asked section's own name when the criterion names it by
    its word and the rest is the question's framing ("main tools people" -> "tools"), else
    the criterion."""
    intent, criterion = overview.intent, overview.criterion
    if intent is None or not criterion:
        return criterion
    head = stems_of(intent.label.split()[-1])
    if head and mentions(criterion, head) and len(criterion.split()) > len(intent.label.split()):
        return intent.label
    return criterion


# A listing's second sentence for a role must be nearly as close to the aspect as its first.
SECOND_LINE = 0.85


def listed_lines(
    overview: Overview, selector: Selector, role: str, ordered: bool
) -> list[Candidate]:
    """A role's lines in a listing: its asked section's opening sentence and the one closest
    to the aspect (the guides open a section with its summary); for a "how much" question,
    or a role read over its whole guide, the sentences closest to the aspect, best first."""
    query = overview.criterion or overview.question
    candidates = overview.sentences_of.get(role) or candidates_of(overview.passages_of[role])
    if not candidates:
        return []
    if role in overview.in_section and not ordered:
        passages = list({c.passage.id: c.passage for c in candidates}.values())
        return selector.lead_and_best(query, passages, lead=1, extra=LISTED_SENTENCES - 1)
    scores = selector.similarity(query, candidates)
    best = [int(i) for i in scores.argsort()[::-1][:LISTED_SENTENCES]]
    bar = max(SECOND_LINE * float(scores[best[0]]), SAYS_LITTLE)
    return [candidates[best[0]]] + [candidates[i] for i in best[1:] if scores[i] >= bar]


def compose_figures(
    overview: Overview, verdict: Verdict, selector: Selector, catalog: RoleCatalog
) -> Answer:
    """Pay or growth: the figures in order, each named for the occupation it describes."""
    order = [e.role for e in verdict.ranked]
    rest = [r for r in overview.roles if r not in order]  # no figure in the guide
    picks: list[Candidate] = [e.pick for e in verdict.ranked]
    extra = {
        role: selector.select(overview.question, overview.passages_of[role], 1) for role in rest
    }
    picks += [p for chosen in extra.values() for p in chosen]
    cited = cite(picks, reading=True)
    references = references_of(verdict, catalog)
    lead = lead_line(verdict, catalog, cited.numbers, references)
    lines = []
    for n, e in enumerate(verdict.ranked, start=1):
        line = cell(e, cited.numbers, references[e.role], catalog)
        lines.append(f"{n}. **{catalog.title(e.role)}**: {line}")
    for role, chosen in extra.items():
        said = cited_sentences(chosen, cited.numbers) if chosen else ""
        title = catalog.title(role)
        lines.append(f"- **{title}** (no figure like these in its guide): {said}".rstrip())
    text = "\n\n".join([f"{lead} {figures_caveat(verdict)}", "\n".join(lines)])
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="overview",
        roles=[*order, *rest],
        verdict=_plain(lead),
    )


def references_of(verdict: Verdict, catalog: RoleCatalog) -> dict[str, Reference]:
    """Each role's figure as what it is (own occupation, stand-in, one of a range), with how
    many other roles' guides quote the same figure for the same occupation."""
    found = {
        e.role: reference_of(e.figure, catalog.title(e.role), e.alongside)
        for e in verdict.ranked
        if e.figure is not None
    }

    def key(role: str) -> tuple[float, str]:
        e = next(x for x in verdict.ranked if x.role == role)
        assert e.figure is not None
        return (round(e.figure.value, 2), same_occupation(found[role].occupation))

    shared = {role: sum(key(o) == key(role) for o in found) - 1 for role in found}
    return {
        role: replace(ref, shared_with=shared[role] if not ref.own else 0)
        for role, ref in found.items()
    }


def cell(e: Ranked, numbers: dict[str, int], reference: Reference, catalog: RoleCatalog) -> str:
    """One role's line of a figure ranking: the figure, what it is a figure of, cited."""
    assert e.figure is not None
    return f"{described(e.figure, reference, catalog.title(e.role))} [{numbers[e.pick.passage.id]}]"


def figures_caveat(verdict: Verdict) -> str:
    """The limits of the figures, from the figures themselves, said once."""
    figures = [e.figure for e in verdict.ranked if e.figure is not None]
    notes: list[str] = []
    if {f.region for f in figures if f.region} == {"United States"}:
        notes.append("these are US figures; pay and demand elsewhere differ")
    stand_ins = sum(f.proxy for f in figures)
    if stand_ins:
        have = "has" if stand_ins == 1 else "have"
        their = "its guide quotes" if stand_ins == 1 else "their guides quote"
        notes.append(
            f"{stand_ins} of these {len(figures)} roles {have} no official occupation of "
            f"{'its' if stand_ins == 1 else 'their'} own, so {their} a neighbouring one (named "
            "in each line), and roles that share one quote the same figure"
        )
    return keep_in_mind(notes, figures)


def lead_line(
    verdict: Verdict,
    catalog: RoleCatalog,
    numbers: dict[str, int],
    references: dict[str, Reference],
) -> str:
    """Sentence one: the winner by the figures, or why the figures name none."""
    first = verdict.ranked[0]
    assert first.figure is not None
    cite_first = f"[{numbers[first.pick.passage.id]}]"
    what = "median pay" if verdict.kind == "pay" else "projected job growth"
    extreme = "lowest" if verdict.less else "highest"
    tied = [e for e in verdict.ranked if e.figure and
            round(e.figure.value, 2) == round(first.figure.value, 2)]  # fmt: skip
    shown = described(first.figure, references[first.role], catalog.title(first.role))
    if len(tied) > 1:
        names = _and([plural_of(catalog.title(e.role)) for e in tied])
        return (
            f"**No single role has the {extreme} {what}**: {names} share the same figure, "
            f"{first.figure.shown()}{_for(references[first.role])} {cite_first}."
        )
    if verdict.undecided:
        second = verdict.ranked[1]
        cites = f"{cite_first}[{numbers[second.pick.passage.id]}]"
        shared = _sharing(verdict, second, references[second.role], catalog)
        return f"**No single role has the {extreme} {what}**: {verdict.undecided}{shared} {cites}."
    people = plural_of(catalog.title(first.role))
    return f"**{_capital(people)} have the {extreme} {what} in the guides**: {shown} {cite_first}."


def _sharing(verdict: Verdict, e: Ranked, reference: Reference, catalog: RoleCatalog) -> str:
    """ "; that $133,080 (Software Developers) is shared by AI engineers, ...": the roles
    whose guides quote the very figure ``e`` has, when there are others."""
    if e.figure is None or not reference.shared_with or not reference.occupation:
        return ""
    value = round(e.figure.value, 2)
    same = [x for x in verdict.ranked if x.figure and round(x.figure.value, 2) == value]
    names = _and([plural_of(catalog.title(x.role)) for x in same])
    return f"; that {e.figure.shown()} ({reference.occupation}) is quoted alike for {names}"


def _for(reference: Reference) -> str:
    if reference.own or not reference.occupation:
        return ""
    return f" for {reference.occupation}, the nearest official occupation each of their guides uses"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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


# The person a role would suit ("a fan of", "someone who"): said of a role, it reads wrong.
_WHO = re.compile(r"\b(?:fans?|lovers?|someone|somebody|person|people|anyone)\b", re.IGNORECASE)


def _predicate_line(question: str, role: str, catalog: RoleCatalog, criterion: str) -> str | None:
    """The question's own predicate said of the winner ("Data analysts need the least
    maths"), when it holds the criterion as weighed (else it would say something else)."""
    match = _OVER_PREDICATE.search(question)
    if not match:
        return None
    verb, rest = match.group("verb").lower(), " ".join(match.group("rest").split())
    if criterion.lower() not in rest.lower() or _WHO.search(rest):
        return None
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
    """The ranking for a model's prompt: the same understanding as the offline answer (the
    order, each role's reason or figure and what that figure is, the guides' caveat)."""
    verdict = ranked(overview, catalog, selector)
    if verdict is not None:
        references = references_of(verdict, catalog)
        order = ", ".join(catalog.title(e.role) for e in verdict.ranked)
        direction = "lowest first" if verdict.less else "highest first"
        notes = [
            "The question is about every role, not one: name the answer in the first sentence, "
            "then every role, ranked, each with its figure and citation. Ranking by the "
            f"guides' {verdict.kind} figures ({direction}): {order}."
        ]
        for e in verdict.ranked:
            if e.figure is not None:
                what = described(e.figure, references[e.role], catalog.title(e.role))
                notes.append(f"{catalog.title(e.role)}: {what}.")
        if verdict.undecided:
            notes.append(f"The figures do not decide: {verdict.undecided}.")
        notes.append(f"Caveat: {figures_caveat(verdict)}")
        return notes
    evidence = by_evidence(overview, selector, catalog)
    if not evidence:
        return ["The question is about every role: answer for each role the guides cover."]
    if not wants_ranking(overview.question):
        return [
            "The question asks for every role's "
            f"{overview.criterion or 'aspect'}: answer for each of the {len(evidence)} roles, "
            "each with its citation; no ranking was asked for. Say so for a role whose guide "
            "barely speaks to it."
        ]
    direction = "least first" if overview.less else "most first"
    order = ", ".join(catalog.title(e.role) for e in evidence)
    notes = [
        "The question is about every role, not one: name the winner in the first sentence, "
        "then every role, ranked, each with one cited reason. Ranking by the evidence in "
        f"each guide on “{overview.criterion}” ({direction}): {order}."
    ]
    for one in evidence:
        how = "barely speaks to it; nearest line" if one.says_little else "reason"
        notes.append(f"{catalog.title(one.role)} ({how}): {one.pick.text}")
    if also := also_optional(overview, evidence, catalog):
        notes.append(also)
    notes.append(basis(overview))
    notes.append(f"Caveat: {RANKING_CAVEAT}.")
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
            turn.weighing,
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
