"""Compare: two to four roles side by side, aspect by aspect, every cell quoted and cited.

A global top-k lets the guide that scores best crowd the others out. Here each role is
searched on its own, once per aspect, inside the guide section that covers that aspect, so
every role gets a cell in every row. The sentences are picked by the offline composer's
selection and numbered by its ``cite``, so [n] is ``sources[n-1]`` as in any other answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from langchain_chroma import Chroma

from bot.answer import Answer
from bot.compose import Candidate, OfflineComposer, candidates_of, cite, cited_sentences
from bot.embeddings import VectorCache
from bot.errors import CareerbotError, UnknownRoleError
from bot.roles import RoleCatalog
from bot.route import MAX_COMPARED
from bot.sections import lead_and_best, matching, parts_of, search_parts, search_section


class UnknownAspectError(CareerbotError):
    """An aspect id that is not one of ``ASPECTS``."""


class RoleCountError(CareerbotError):
    """Fewer than two or more than four roles to compare."""


@dataclass(frozen=True)
class Aspect:
    id: str
    label: str
    part: str  # start of the guide heading ("## ...") that covers this aspect
    query: str  # what is searched for in that section, after the role's title
    cues: str  # regex: how a question names this aspect ("which pays more?" -> salary)


ASPECTS: list[Aspect] = [
    Aspect(
        "focus",
        "Focus",
        "Overview",
        "what the role is and what it mainly focuses on",
        r"\bfocus(?:es|ed)? (?:of|is|are)\b|\bmain (?:goal|purpose|focus)\b|\bin a nutshell\b",
    ),
    Aspect(
        "responsibilities",
        "Core responsibilities",
        "What they do",
        "what they do: the core responsibilities of the job",
        r"\bresponsibilit|\bduties\b|\btasks\b|\bday[- ]to[- ]day\b|\bdaily work\b",
    ),
    Aspect(
        "skills",
        "Key skills",
        "Skills",
        "the key technical and soft skills the job needs",
        r"\bskill|\bcompetenc|\bneed to know\b|\bwhat (?:to|should I) learn\b",
    ),
    Aspect(
        "tools",
        "Tools",
        "Tools",
        "the tools, languages and tech stack used",
        r"\btools?\b|\btooling\b|\btech(?:nology)? stack\b|\bstacks?\b|\btechnolog(?:y|ies)\b"
        r"|\bframeworks?\b|\blibrar(?:y|ies)\b|\bprogramming languages?\b",
    ),
    Aspect(
        "education",
        "Education",
        "Education",
        "the degree, education and certifications employers ask for",
        r"\beducation|\bdegrees?\b|\bcertific|\bstudy\b|\bstudies\b|\buniversity\b|\bcollege\b"
        r"|\bbootcamps?\b|\bqualification|\bphd\b|\bmaster'?s\b|\bbachelor'?s\b",
    ),
    Aspect(
        "career",
        "Career path",
        "Career path",
        "the career path, levels and progression",
        r"\bcareer (?:path|paths|progression|ladder|growth)\b|\bprogression\b|\bpromot"
        r"|\badvancement\b|\bseniority\b|\bladder\b|\blong[- ]term\b"
        r"|\bwhere (?:can|does) it lead\b",
    ),
    Aspect(
        "salary",
        "Salary and outlook",
        "Salary",
        "the median salary, pay and job outlook",
        r"\bsalar(?:y|ies)\b|\bpay(?:s|ing|ed)?\b|\bpaid\b|\bearn(?:s|ing|ings)?\b|\bmoney\b"
        r"|\bcompensation\b|\bwages?\b|\bincome\b|\boutlook\b|\bdemand\b|\bjob market\b"
        r"|\bjob growth\b|\bopenings\b",
    ),
]
ASPECT_IDS = [a.id for a in ASPECTS]
_BY_ID = {a.id: a for a in ASPECTS}

# The guides' section that sets each role against its neighbours: the summary quotes it.
DIFFERS_PART = "How it differs"
# "Compare them, especially on salary" wants every aspect with salary first; "which pays
# more?" wants salary alone.
_BROAD = re.compile(
    r"\b(?:especially|particularly|in particular|mainly|above all|including|overall"
    r"|in general|everything|every aspect|all aspects|side by side|as well as)\b",
    re.IGNORECASE,
)
# A cell's second sentence is added only if the cell stays within this many words.
CELL_WORDS = 60
SUMMARY_PASSAGES = 4
# Enough to hold a whole section (sections run to two or three chunks), so its opening
# sentence is always among them.
SECTION_PASSAGES = 6
_LABEL = re.compile(r"^[^:.!?]{2,60}:\s+(?=[A-Z])")  # "Data engineer vs data analyst: ..."


def resolve_aspects(ids: Sequence[str] | None) -> list[Aspect]:
    """Aspects by id, in the order given; none means all, in the default order."""
    if not ids:
        return list(ASPECTS)
    out: list[Aspect] = []
    for raw in ids:
        key = raw.strip().lower()
        if key not in _BY_ID:
            raise UnknownAspectError(
                f"Unknown aspect '{raw}'. Valid aspects: {', '.join(ASPECT_IDS)}."
            )
        if _BY_ID[key] not in out:
            out.append(_BY_ID[key])
    return out


def aspects_named(text: str) -> list[Aspect]:
    """The aspects a question talks about, in order of first mention."""
    found: list[tuple[int, Aspect]] = []
    for aspect in ASPECTS:
        match = re.search(aspect.cues, text, re.IGNORECASE)
        if match:
            found.append((match.start(), aspect))
    return [a for _, a in sorted(found, key=lambda item: item[0])]


def aspects_for_question(text: str) -> list[Aspect]:
    """The table's rows for a comparison question: the aspects it names alone, or first
    and followed by the rest when it also asks for the broad picture."""
    named = aspects_named(text)
    if not named:
        return list(ASPECTS)
    if _BROAD.search(text):
        return [*named, *(a for a in ASPECTS if a not in named)]
    return named


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
    hint = f" Did you mean {guess}?" if guess else ""
    known = ", ".join(catalog.roles) or "none (run `careerbot ingest` first)"
    return f"Unknown role '{name}'.{hint} Known roles: {known}."


def check_role_count(catalog: RoleCatalog, roles: Sequence[str], asked: int) -> None:
    if len(roles) < 2:
        what = "the same role twice" if asked >= 2 else f"{len(roles)} role"
        raise RoleCountError(
            f"A comparison needs two to {MAX_COMPARED} different roles; got {what}. "
            f"Known roles: {', '.join(catalog.roles)}."
        )
    if len(roles) > MAX_COMPARED:
        raise RoleCountError(
            f"A comparison takes at most {MAX_COMPARED} roles at a time; got {len(roles)} "
            f"({', '.join(roles)})."
        )


@dataclass(frozen=True)
class Cell:
    role: str
    aspect: Aspect
    picks: list[Candidate]


class Comparer:
    """Builds comparison answers from one store, reusing the composer's sentence selection."""

    def __init__(self, store: Chroma, vectors: VectorCache, catalog: RoleCatalog) -> None:
        self.store = store
        self.vectors = vectors
        self.catalog = catalog
        self.selector = OfflineComposer(vectors)

    def compare(self, roles: Sequence[str], aspects: Sequence[Aspect]) -> Answer:
        """``roles`` are resolved ids (see ``resolve_roles``), ``aspects`` the table's rows."""
        check_role_count(self.catalog, roles, len(roles))
        parts = {role: parts_of(self.store, role) for role in roles}
        summary = self.summary(roles, parts)
        cells = [self.cell(role, aspect, parts[role]) for aspect in aspects for role in roles]
        cited = cite([*summary, *(pick for cell in cells for pick in cell.picks)])
        text = "\n\n".join(
            [
                summary_text(summary, cited.numbers, [self.catalog.title(r) for r in roles]),
                render_table(cells, roles, aspects, self.catalog, cited.numbers),
            ]
        )
        return Answer(
            text=text, sources=cited.sources, mode="offline", route="compare", roles=list(roles)
        )

    def cell(self, role: str, aspect: Aspect, parts: Sequence[str]) -> Cell:
        """The role's guide on one aspect: the opening sentence of its section, plus its
        most relevant detail when both fit in a cell. A guide without that section is
        searched as a whole for the sentences closest to the aspect."""
        query = f"{self.catalog.title(role)}: {aspect.query}"
        vector = self.vectors.vector(query).tolist()
        section = matching(parts, [aspect.part])
        passages = search_parts(self.store, vector, role, section, SECTION_PASSAGES)
        if section:
            picks = lead_and_best(self.selector, query, passages, max_words=CELL_WORDS)
        else:
            picks = self.selector.select(query, passages, 2)
        return Cell(role, aspect, picks)

    def summary(self, roles: Sequence[str], parts: dict[str, list[str]]) -> list[Candidate]:
        """One quoted sentence per pair of neighbouring roles on what sets them apart."""
        picks: list[Candidate] = []
        for first, second in summary_pairs(roles):
            pick = self.difference(first, second, parts)
            if pick is not None and all(p.text != pick.text for p in picks):
                picks.append(pick)
        return picks

    def difference(self, first: str, second: str, parts: dict[str, list[str]]) -> Candidate | None:
        """The sentence, from either guide's "How it differs" section, that best says how
        the two roles differ and names them both."""
        titles = self.catalog.title(first), self.catalog.title(second)
        query = f"How is a {titles[0]} different from a {titles[1]}?"
        vector = self.vectors.vector(query).tolist()
        candidates: list[Candidate] = []
        for own, other in ((first, second), (second, first)):
            passages = search_section(
                self.store, vector, own, DIFFERS_PART, SUMMARY_PASSAGES, parts[own]
            )
            candidates += [
                c for c in candidates_of(passages) if other in self.catalog.resolve(c.text)
            ]
        chosen = self.selector.select_from(query, candidates, 1)
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
            row.append(cited_sentences(picks, numbers) if picks else "Not covered by the guide.")
        lines.append(_row(row))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    # A "|" inside a cell would end it early; newlines would end the row.
    return "| " + " | ".join(" ".join(c.replace("|", "\\|").split()) for c in cells) + " |"


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
