"""Verdicts: the one line that answers "which pays more?", "which needs more statistics?".

A comparative question deserves an answer, not a table to read. Pay and growth verdicts
compare the figures the guides state (``bot.routes.figures``), with the caveat those figures
carry (US-only medians, proxy occupations). Other verdicts ("needs more statistics",
"better for remote work") compare how strongly each guide's closest sentence speaks to the
question's criterion, and quote those sentences so the reader can judge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.core.roles import RoleCatalog, name_of, plural_of
from bot.routes.figures import (
    Figure,
    Kind,
    figures_in,
    linked,
    names,
    nested,
    own_figure,
    same_occupation,
)
from bot.routes.selection import Candidate, Selector, candidates_of
from bot.understand.weighing import Weighing, stated_priority

# What "harder" and "easier" weigh when the question names nothing else.
_ADJECTIVE_CRITERIA = {
    "harder": "hard to learn and demanding",
    "easier": "easy to learn and to get into",
    "better": "a good choice",
    "worse": "a poor choice",
    "faster": "fast growth",
    "slower": "slow growth",
}
# The low end of a scale, whatever the scale: "the weakest outlook", "poorer prospects".
_LESS = re.compile(
    r"\b(?:less|fewer|lower|least|smaller|lowest|fewest|smallest|weaker|weakest|poorer"
    r"|poorest)\b",
    re.IGNORECASE,
)
_CRITERION = re.compile(
    r"\b(?:more|less|fewer|better|worse|easier|harder|higher|lower|faster|slower|most|least"
    r"|bigger|greater)\b\s*(?P<what>[^?.!]*)",
    re.IGNORECASE,
)
# Pay and demand questions are settled by figures, not by wording.
_PAY = re.compile(
    r"\bpa(?:y|ys|id|ying)\b|\bearn|\bsalar|\bmoney\b|\bwage|\bcompensation|\bincome\b"
    r"|\bfinancially\b|\bfinances\b|\bfinancial (?:security|rewards?|terms|side|standpoint)"
    r"|\btakes? home\b|\btake-home\b|\bpay ?(?:check|cheque|packet)"
    # "Does a DS outearn a DA?": the comparative verb of earning, in one word.
    r"|\bout-?earn"
    # "Would a DS make more than an MLE?": "make more" with no object is money (the idiom);
    # "makes more use of SQL" has an object and is another criterion.
    r"|\b(?:make|makes|making|bring|brings|bringing|rake|rakes) (?:in )?(?:more|less)\b"
    r"(?=\s+than\b|\s*[?.!,;:]|\s*$)",
    re.I,
)
_DEMAND = re.compile(
    r"\bin demand\b|\bdemand\b|\bgrowth\b|\bgrowing\b|\boutlook\b|\bjob market\b"
    r"|\bopenings\b|\bprospects\b|\bfuture\b|\bhiring\b|\bjob security\b|\bvacanc"
    # "more new jobs", "more sought after", "more employable", "will DS outgrow DE?"
    r"|\b(?:new|more) jobs\b|\bsought[- ]after\b|\bemployab|\bout-?grow(?!n)|\bout-?pac"
    # "which will grow more slowly?" (a field's jobs), not "grow as a person", "grow into".
    r"|\bgrows?\b(?! (?:as|into|my|your|their|personally|professionally))",
    re.I,
)
# The low end of a figure's scale besides "less" and "lower": "worse paid", "the worst
# outlook", "growing slower", "grow more slowly". Only for pay and growth: for another
# criterion "worse" and "slower" are the criterion itself ("slower to learn").
_LOW_FIGURE = re.compile(r"\b(?:worse|worst|slower|slowest|more slowly)\b", re.I)
_FILLER = re.compile(r"^\s*(?:for|of)\b|\b(?:than|or|them|two|both|roles?|one)\b", re.I)
# A criterion that only says "which is better": the person it is better for decides.
_GENERIC = re.compile(
    r"^(?:fit|match|choice|option|bet|pick|path|career|role|job|one|idea|move|route)?$", re.I
)
_GENERIC_FOR = re.compile(
    r"^(?:fit|match|choice|option|bet|pick|path|career|role|job|one|idea|move|route)\s+(?:for|to)\s+",
    re.I,
)
_FOR_WHOM = re.compile(
    r"\b(?:for|suits?|to) (?P<who>(?:someone|somebody|a person|people|anyone|me|a)\b[^,;?.!]*)",
    re.I,
)
# Two roles this close on a criterion are described about equally.
TIE = 0.01


@dataclass(frozen=True)
class Evidence:
    """One role's best evidence for a verdict: a figure's sentence or a criterion sentence."""

    role: str
    pick: Candidate
    score: float  # the figure's value, or the sentence's relevance to the criterion
    figure: Figure | None = None
    # The other figures of that kind the role's own sentence gives ("the nearest reference
    # points are database architects, $135,980, and data scientists, $112,590"): the role's
    # pay is then a range, not one number.
    alongside: tuple[Figure, ...] = ()
    # Every figure of that kind the guide presents as a reference for its own role (as its
    # stand-in, or naming the role, and not quoted only for context).
    references: tuple[Figure, ...] = ()
    # For a criterion: how close the role's best sentence is to the criterion itself.
    similarity: float = 0.0


@dataclass(frozen=True)
class Verdict:
    kind: Kind | None  # "pay" or "growth" for a figure verdict; None for a criterion
    criterion: str
    less: bool
    ranked: list[Evidence]  # best first, in the question's direction
    predicate: tuple[str, str] | None = None  # ("needs", "more statistics")
    comparative: str = ""  # "harder", "easier", "more"
    # Why the figures do not decide, when they do not (equal figures, one shared proxy
    # occupation, a category against its own sub-category); "" when they do.
    undecided: str = ""

    @property
    def picks(self) -> list[Candidate]:
        return [e.pick for e in self.ranked]

    @property
    def tie(self) -> bool:
        return (
            self.kind is None
            and len(self.ranked) >= 2
            and abs(self.ranked[0].score - self.ranked[1].score) < TIE
        )


def verdict_kind(text: str, weighing: Weighing | None = None) -> Kind | None:
    """Pay or growth figures settle it, or another criterion (None): the classifier's
    confident reading first ("the fatter pay cheque", "more openings"), else the words.
    A priority the person states ("work-life balance matters most to me") is weighed on
    its own words: the rest of the question must not turn it into a pay verdict."""
    if priority := stated_priority(text):
        by_words = figure_kind(priority)
        if by_words is not None or weighing is None:
            return by_words
        return weighing.kind
    if weighing is not None:
        if weighing.kind is not None:
            return weighing.kind
        if weighing.other_criterion:
            return None
    return figure_kind(text)


def figure_kind(text: str) -> Kind | None:
    """Whether a comparative question is settled by pay or growth figures, by its words."""
    if _PAY.search(text):
        return "pay"
    if _DEMAND.search(text):
        return "growth"
    return None


def criterion_of(text: str, catalog: RoleCatalog) -> str:
    """What a comparative question weighs the roles on: "Which of the two needs more
    statistics?" -> "statistics"; "which is better for remote work" -> "remote work";
    "if remote work matters most to me, X or Y?" -> "remote work"."""
    if priority := stated_priority(catalog.without_roles(text)):
        return priority
    match = _CRITERION.search(text)
    what = match.group("what") if match else text
    # The roles are not the criterion: "to become a data analyst or a data scientist
    # without a degree" -> "without a degree".
    what = catalog.without_roles(what)
    what = re.sub(r"^\s*(?:to )?(?:become|get into|break into|work as|be)\b", " ", what, flags=re.I)
    # The criterion ends where the comparison goes on: "statistics, or ...", "than ...".
    what = re.split(r",|;|:|\bthan\b|\bbetween\b", what)[0]
    what = _FILLER.sub(" ", what)
    what = " ".join(what.split()).strip(" ,")
    # "the better choice for a people person": the person is the criterion.
    what = _GENERIC_FOR.sub("", what)
    if _GENERIC.match(what):
        # "the better fit for someone who loves maths": the person is the criterion.
        for_whom = _FOR_WHOM.search(catalog.without_roles(text))
        what = " ".join(for_whom.group("who").split()) if for_whom else ""
    if what:
        return what
    adjective = match.group(0).split()[0].lower() if match else ""
    if adjective in _ADJECTIVE_CRITERIA:
        return _ADJECTIVE_CRITERIA[adjective]
    return " ".join(
        re.sub(
            r"\b(?:which|who|of the two|is|are|needs?|more|less)\b", " ", text, flags=re.I
        ).split()
    )


def by_figures(
    kind: Kind,
    roles: Sequence[str],
    passages_of: dict[str, list],
    catalog: RoleCatalog,
    less: bool,
) -> Verdict | None:
    """Compare the roles' own figures of ``kind``; None unless two roles state one."""
    found: list[Evidence] = []
    for role in roles:
        # Reading order: a guide states the role's own figure before the ones it quotes
        # for context.
        passages = sorted(passages_of.get(role, []), key=lambda p: p.seq)
        pairs = [(f, c) for c in candidates_of(passages) for f in figures_in(c.text)]
        figures, title = [f for f, _ in pairs], catalog.title(role)
        anchor = own_figure(figures, "pay", title) if kind == "growth" else None
        figure = own_figure(figures, kind, title, anchor)
        if figure is not None:
            pick = next(c for f, c in pairs if f is figure)
            alongside = tuple(
                f for f in figures if f.kind == kind and f.sentence == figure.sentence
            )
            references = _references(figures, kind, title)
            if kind == "growth":
                alongside, references = _growth_links(figures, title, figure, alongside, references)
            found.append(Evidence(role, pick, figure.value, figure, alongside, references))
    if len(found) < 2:
        return None
    found, apart = _on_one_scale(found)
    if apart:
        return Verdict(kind, kind, less, apart, undecided=_apart(apart, catalog))
    ranked = sorted(found, key=lambda e: e.score, reverse=not less)
    return Verdict(kind, kind, less, ranked, undecided=undecided(ranked, passages_of, catalog))


def _scale(e: Evidence) -> tuple[str, str]:
    f = e.figure
    return (f.currency, f.region) if f is not None else ("", "")


def _on_one_scale(found: list[Evidence]) -> tuple[list[Evidence], list[Evidence]]:
    """The evidence whose figures can be set against each other: one currency, one country
    (a figure that names no country fits any). Two roles' figures in pounds for London and
    in dollars for the United States are not one scale, whatever their numbers: then no
    role wins (the second list holds them). Among more roles, those on the scale most of
    them share are ranked and the others left out."""

    def fits(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])

    scales = [_scale(e) for e in found]
    if all(fits(scales[0], other) for other in scales[1:]):
        return found, []
    best = max(scales, key=lambda s: sum(fits(s, o) for o in scales))
    kept = [e for e, s in zip(found, scales, strict=True) if fits(best, s)]
    if len(kept) >= 2 and len(kept) > len(found) - len(kept):
        return kept, []
    return found, found


def _apart(found: Sequence[Evidence], catalog: RoleCatalog) -> str:
    """Why figures on different scales name no winner, with what each figure is."""
    shown = [
        f"{e.figure.shown()} for {plural_of(catalog.title(e.role))}"
        + (f" ({e.figure.basis()})" if e.figure.basis() else "")
        for e in found
        if e.figure is not None
    ]
    currencies = {e.figure.currency for e in found if e.figure is not None}
    what = "in different currencies" if len(currencies) > 1 else "for different countries"
    return (
        f"the guides' figures are {what} ({' against '.join(shown)}), so they are not one "
        "scale and the numbers cannot be set against each other"
    )


# A sentence quoting a figure as part of a wider one: "within that BLS category, database
# architects ...", "their BLS category ... had an overall median of ...".
_PART_OF = re.compile(
    r"\bwithin (?:that|the|this|its)\b|\bsub-?categor|\boverall median\b|\bwider group\b"
    r"|\b(?:their|its) (?:BLS |official )?category\b",
    re.IGNORECASE,
)


def _references(figures: Sequence[Figure], kind: Kind, title: str) -> tuple[Figure, ...]:
    """The figures of ``kind`` a guide gives as references for its own role: presented as
    its stand-in, or in a sentence naming the role, and not quoted for context only."""
    name = title.lower().split(" (")[0]
    return tuple(
        f
        for f in figures
        if f.kind == kind
        and not f.context
        and (f.proxy or (name and name in f.sentence.lower() and _for_role(f, name)))
    )


def _for_role(figure: Figure, name: str) -> bool:
    """A figure in a sentence naming the role is the role's unless the sentence gives it
    for another occupation by name ("$104,620 for database administrators, compared with
    $135,980 for database architects": the second is the architects', not the DBAs').
    A figure the sentence only names beside the role ("Software Developers is a second
    pay reference for a data engineer, with a median of $133,080") stays a reference."""
    named = figure.named.lower()
    at = figure.sentence.find(figure.shown())
    if not named or at < 0 or not _FOR_OWNER.match(figure.sentence[at + len(figure.shown()) :]):
        return True
    head = name.rsplit(maxsplit=1)[-1] if name.split() else ""
    if head and named.split()[-1].startswith(head):
        return True
    # "Software Developers is a second useful pay reference for a data engineer ...: a
    # median of $133,080 for software developers": the sentence itself makes the other
    # occupation a reference for the role, so its figure is one of the role's too (as its
    # growth figure in the same sentence already is).
    return _offered_for(figure.sentence, named, name)


# "<occupation> is a (second, useful) pay reference for a data engineer", "<occupation> is the
# closest benchmark for analytics engineers": a sentence that offers one occupation as a
# reference for the role.
_OFFERED = r"\b(?:reference|benchmark|stand-in|proxy|comparison|comparator)\b"


def _offered_for(sentence: str, occupation: str, role: str) -> bool:
    if not occupation or not role:
        return False
    said = re.search(
        rf"\b{re.escape(occupation)}\b[^.;:]{{0,60}}?{_OFFERED}[^.;:]{{0,20}}?\bfor (?:an? |the )?"
        rf"{re.escape(role)}",
        sentence,
        re.I,
    )
    return said is not None


# "$135,980 for database architects": the figure is given for the occupation that follows.
_FOR_OWNER = re.compile(r"^\s*(?:in (?:\w+ )?20\d\d\s*)?for (?:all |the )?", re.I)


def _growth_links(
    figures: Sequence[Figure],
    title: str,
    own: Figure,
    alongside: tuple[Figure, ...],
    references: tuple[Figure, ...],
) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
    """A guide's growth figures tied to its pay references by the occupation they name.

    Guides give a reference occupation's pay in one sentence ("the nearest reference points
    are database architects, $135,980, and data scientists, $112,590") and its growth in
    another ("BLS projects 34 percent growth for data scientists"). The growth figures of
    the occupations the guide uses as references are the role's references too, and those
    of the occupations it names together as the role's stand-ins are its range."""
    pay = _references(figures, "pay", title)
    occupations = [n for f in pay for n in names(f)]
    references = (*references, *linked(figures, "growth", occupations))
    pay_sentence = next((f.sentence for f in pay if f.proxy), "")
    stand_ins = [f for f in pay if f.proxy and f.sentence == pay_sentence]
    if len({f.value for f in stand_ins}) >= 2:
        occupations = [n for f in stand_ins for n in names(f)]
        ranged = linked(figures, "growth", occupations)
        if len({f.value for f in ranged}) >= 2 and any(f.value == own.value for f in ranged):
            alongside = tuple(replace(f, proxy=True) for f in ranged)
    return alongside, references


def undecided(
    ranked: Sequence[Evidence], passages_of: dict[str, list], catalog: RoleCatalog | None = None
) -> str:
    """Why the figures cannot pick a winner, checked on the figures themselves; "" if they
    can. The verdict must not call one role "more in demand" on equal figures, set a
    category against its own sub-category as if they were two roles' pay, or name a winner
    when one guide gives the other role's very figure as a reference for its own role.
    Each check needs only one guide to show it: the other may never mention the figure."""
    figures = [e.figure for e in ranked if e.figure is not None]
    if len(figures) < 2:
        return ""
    first, second = ranked[0], ranked[1]
    if first.figure is None or second.figure is None:
        return ""
    # The top two decide who wins: a third role's lower figure does not make two equal
    # ones differ.
    top = [first.figure, second.figure]
    values = {round(f.value, 2) for f in top}
    occupations = {same_occupation(f.occupation) for f in top if f.proxy and f.occupation}
    if len(values) == 1:
        rest = _behind(ranked[2:], catalog)
        if len(occupations) == 1 and all(f.proxy for f in top):
            shared = top[0].occupation  # one occupation, however each guide writes it
            return (
                f"the guides use the same official occupation, {shared}, as the stand-in for "
                f"{_both(ranked[:2], catalog)}, so they quote the same figure, "
                f"{top[0].shown()}{rest}"
            )
        return (
            f"the guides quote the same figure, {top[0].shown()}, for "
            f"{_both(ranked[:2], catalog)}{rest}"
        )

    def people(e: Evidence) -> str:
        return plural_of(catalog.title(e.role)) if catalog else e.role

    def guide(e: Evidence) -> str:
        return f"the {name_of(catalog.title(e.role))} guide" if catalog else f"the {e.role} guide"

    quoted_in_second = _quoting(passages_of.get(second.role, []), first.figure)
    quoted_in_first = _quoting(passages_of.get(first.role, []), second.figure)
    both = {first.figure.shown(), second.figure.shown()}
    shown = f"{second.figure.shown()} and {first.figure.shown()}"
    # A category and its own sub-category: one guide saying so is enough. A sentence that
    # gives both figures as parts of one category ("within that group, database architects
    # earned $135,980, well above the $104,620 for database administrators") sets two
    # occupations side by side, which is a measured difference.
    parts = [
        t
        for t, own in [
            *((t, first.figure) for t in quoted_in_first),
            *((t, second.figure) for t in quoted_in_second),
        ]
        if _PART_OF.search(t) and not _states(t, own)
    ]
    if parts:
        teller = first if any(t in quoted_in_first for t in parts) else second
        return (
            f"{guide(teller)} quotes both figures ({shown}); they are an official category "
            "and one of its own sub-categories, used as reference points, not a measured "
            "difference between these roles"
        )
    # A category's figure against one of its own occupations' (by the category's name).
    for whole, part in ((first, second), (second, first)):
        assert whole.figure is not None and part.figure is not None
        if nested(whole.figure, part.figure):
            return (
                f"{whole.figure.shown()} is for {whole.figure.named or whole.figure.occupation} "
                f"and {part.figure.shown()} for {part.figure.named}; they are an official "
                "category and one of its own sub-categories, used as reference points, not a "
                "measured difference between these roles"
            )

    # One guide gives the other role's figure as a reference for its own role too.
    for own, other in ((second, first), (first, second)):
        assert other.figure is not None
        given = next((f for f in own.references if _same(f, other.figure)), None)
        if given is not None:
            return (
                f"{guide(own)} itself gives {other.figure.shown()}"
                f"{_of(given)}, the figure quoted for {people(other)}, as a reference "
                f"for {people(own)}, so the figures do not separate the two roles"
            )
    # A role's own sentence gives a range of stand-ins that holds the other's figure ("the
    # nearest reference points are ..., $135,980, and ..., $112,590").
    for own, other in ((first, second), (second, first)):
        assert other.figure is not None and own.figure is not None
        values_of = sorted({f.value for f in own.alongside if f.proxy})
        if len(values_of) >= 2 and values_of[0] <= other.figure.value <= values_of[-1]:
            low, high = _shown(own, values_of[0]), _shown(own, values_of[-1])
            return (
                f"{guide(own)} gives {people(own)} a range of reference points, {low} to "
                f"{high}, and {people(other)}' figure, {other.figure.shown()}, lies within it"
            )
    if (
        quoted_in_second
        and quoted_in_first
        and len(both) == 2
        and not _each_its_own(first, second, catalog)
    ):
        return (
            f"both guides quote both figures ({shown}); they are two related official "
            "occupations, used as reference points, not a measured difference between these roles"
        )
    return ""


def _each_its_own(first: Evidence, second: Evidence, catalog: RoleCatalog | None) -> bool:
    """Each figure is named for its own role's occupation ("database architects" for the
    data architect, "database administrators" for the DBA): two measured occupations set
    side by side, which the guides quoting both only confirms."""
    if catalog is None:
        return False

    def own(e: Evidence) -> bool:
        named = (e.figure.named if e.figure else "").lower().split()
        title = catalog.title(e.role).lower().split(" (")[0].split()
        return bool(named and title) and _stem(named[-1]) == _stem(title[-1])

    return own(first) and own(second)


def _stem(word: str) -> str:
    return re.sub(r"(?:e?s)$", "", word)


def _both(ranked: Sequence[Evidence], catalog: RoleCatalog | None) -> str:
    if catalog is None:
        return "each of them"
    return " and ".join(plural_of(catalog.title(e.role)) for e in ranked)


def _behind(rest: Sequence[Evidence], catalog: RoleCatalog | None) -> str:
    """ "; data scientists' figure, $112,590, differs": the roles past a tie at the top."""
    said = [
        f"{plural_of(catalog.title(e.role)) if catalog else e.role}' figure is {e.figure.shown()}"
        for e in rest
        if e.figure is not None
    ]
    return f" (by the same figures, {'; '.join(said)})" if said else ""


def _states(sentence: str, figure: Figure) -> bool:
    return any(_same(f, figure) for f in figures_in(sentence))


def _same(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind and round(a.value, 2) == round(b.value, 2)


def _of(figure: Figure) -> str:
    named = names(figure)
    return f" ({named[0]})" if named else ""


def _shown(e: Evidence, value: float) -> str:
    return next(f.shown() for f in e.alongside if f.value == value)


def _quoting(passages: Sequence, figure: Figure) -> list[str]:
    """Sentences of ``passages`` that state ``figure``'s value (same kind)."""
    found = []
    for candidate in candidates_of(list(passages)):
        for other in figures_in(candidate.text):
            if other.kind == figure.kind and round(other.value, 2) == round(figure.value, 2):
                found.append(candidate.text)
    return found


def by_criterion(
    criterion: str,
    roles: Sequence[str],
    passages_of: dict[str, list],
    catalog: RoleCatalog,
    selector: Selector,
    less: bool,
    question: str = "",
) -> Verdict | None:
    """Compare how strongly each role's guide speaks to ``criterion``."""
    found: list[Evidence] = []
    for role in roles:
        candidates = candidates_of(passages_of.get(role, []))
        if not candidates:
            continue
        # The sentence's own similarity to the criterion alone: with the role's name in the
        # query, any sentence naming the role would look relevant.
        scores = selector.similarity(_ABOUT.sub("", criterion), candidates)
        best = int(scores.argmax())
        # How often the guide comes back to it counts too, not only its best sentence:
        # "statistics are the core of the job" is one line among many in one guide.
        breadth = min(int((scores >= BREADTH_AT).sum()), BREADTH_MAX)
        score = float(scores[best]) + BREADTH * breadth
        if counter := _counter(criterion):
            # "Easier without a degree": a guide that stresses the degree counts against.
            against = selector.similarity(counter, candidates)
            score -= float(against.max())
            score += POLARITY * polarity(criterion, [c.text for c in candidates])
        found.append(Evidence(role, candidates[best], score, similarity=float(scores[best])))
    if len(found) < 2:
        return None
    ranked = sorted(found, key=lambda e: e.score, reverse=not less)
    ranked, why = _supported(ranked, criterion, less, catalog)
    return Verdict(
        None, criterion, less, ranked, predicate_of(question), comparative_of(question), why
    )


# "more about talking to stakeholders": the criterion is what follows "about".
_ABOUT = re.compile(r"^\s*about\s+", re.I)
# A sentence that says the criterion is not part of the work: "Statistics is not a core
# requirement", "statistics beyond averages is rarely needed".
_DENIES = re.compile(
    r"\b(?:not|no|never|rarely|seldom|hardly|little|isn't|aren't|doesn't|don't|nor)\b", re.I
)


def _supported(
    ranked: list[Evidence], criterion: str, less: bool, catalog: RoleCatalog
) -> tuple[list[Evidence], str]:
    """The ranking, with the role whose quoted sentence backs the verdict first, and why
    the guides do not decide ("" when they do). A sentence backs "more X" when it is about
    X (as close to it as the sentences that count towards a guide's breadth) and does not
    deny it; "less X" is backed by a guide that says X is not part of the work, or by the
    other guide speaking to X while this one is silent. A verdict whose quote says nothing
    of the criterion, or says the opposite, would not be one a reader could check."""
    if _counter(criterion):
        return ranked, ""  # "without a degree" weighs its own counter-evidence
    about = [e for e in ranked if e.similarity >= BREADTH_AT]
    backing = [e for e in about if not _DENIES.search(e.pick.text)]
    denying = [e for e in about if _DENIES.search(e.pick.text)]
    if less:
        chosen = denying[:1] or ([e for e in ranked if e not in about][:1] if backing else [])
    else:
        chosen = backing[:1]
    if chosen:
        return [*chosen, *(e for e in ranked if e is not chosen[0])], ""
    if denying:
        said = " and ".join(f"the {name_of(catalog.title(e.role))} guide" for e in denying)
        verb = "says" if len(denying) == 1 else "say"
        return ranked, f"{said} {verb} “{criterion}” is not central to the work (quoted below)"
    return ranked, (
        f"neither guide speaks directly to “{criterion}”; the closest each comes is quoted below"
    )


def comparative_of(question: str) -> str:
    """The comparative a question weighs with: "harder", "easier", "more", "better"; a
    stated priority is weighed as "better for" it."""
    if stated_priority(question):
        return "better"
    match = _CRITERION.search(question)
    return match.group(0).split()[0].lower() if match else ""


# One template per kind of verdict, filled from the structured ``Verdict`` (never from the
# question's own words, which is how "... is more, takes home ..." sentences came about).
TEMPLATES = {
    ("pay", False): "**{winner} earn more**, by the guides' figures: {figures}.",
    ("pay", True): "**{winner} earn less**, by the guides' figures: {figures}.",
    ("growth", False): (
        "**{winner} are more in demand**, by the guides' projected job growth: {figures}."
    ),
    ("growth", True): (
        "**{winner} are less in demand**, by the guides' projected job growth: {figures}."
    ),
    "undecided": "**No winner on {what} {among} {names}**: {why} {cites}.",
    "unsupported": "**The guides do not decide this {among} {names}**: {why} {cites}.",
    "tie": "**It is close**: the guides stress {criterion} about equally for {names} {cites}.",
    "criterion": "**{subject} {predicate} than {others}**, going by how their guides describe "
    "the work {cites}.",
    # No clean criterion to name: the winner, and no words of the question pasted in.
    "ahead": "**{subject} comes out ahead of {others}** on what you asked, going by how their "
    "guides describe the work {cites}.",
}
_WHAT = {"pay": "pay", "growth": "job growth"}


def _listed(items: Sequence[str]) -> str:
    """ "a, b and c"."""
    return ", ".join(items[:-1]) + " and " + items[-1]


def verdict_line(verdict: Verdict, catalog: RoleCatalog, numbers: dict[str, int]) -> str:
    """The verdict as one bold sentence from its template, with its citations."""
    first, rest = verdict.ranked[0], verdict.ranked[1:]

    def cite(e: Evidence) -> str:
        return f"[{numbers[e.pick.passage.id]}]"

    def people(e: Evidence) -> str:
        return plural_of(catalog.title(e.role))

    def role(e: Evidence) -> str:
        return f"the {name_of(catalog.title(e.role))} role"

    cites = "".join(cite(e) for e in verdict.ranked)
    everyone = [people(e) for e in verdict.ranked]
    names = " and ".join(everyone) if len(everyone) <= 2 else _listed(everyone)
    among = "between" if len(everyone) <= 2 else "among"  # "between A and B", "among A, B and C"
    if verdict.undecided and verdict.kind is None:
        return TEMPLATES["unsupported"].format(
            among=among, names=names, why=verdict.undecided, cites=cites
        )
    if verdict.undecided and verdict.kind is not None:
        return TEMPLATES["undecided"].format(
            what=_WHAT[verdict.kind], among=among, names=names, why=verdict.undecided, cites=cites
        )
    if verdict.kind is not None:
        figures = " against ".join(
            f"{e.figure.shown() if e.figure else ''} for {people(e)}{_measured(e, people(e))} "
            f"{cite(e)}"
            for e in verdict.ranked
        )
        return TEMPLATES[(verdict.kind, verdict.less)].format(
            winner=_capital(people(first)), figures=figures
        )
    if verdict.tie:
        return TEMPLATES["tie"].format(criterion=verdict.criterion, names=names, cites=cites)
    predicate, plural = criterion_predicate(verdict)
    if not predicate:
        return TEMPLATES["ahead"].format(
            subject=_capital(role(first)), others=" or ".join(role(e) for e in rest), cites=cites
        )
    subject = people(first) if plural else role(first)
    others = " or ".join(people(e) if plural else role(e) for e in rest)
    return TEMPLATES["criterion"].format(
        subject=_capital(subject), predicate=predicate, others=others, cites=cites
    )


def _measured(e: Evidence, people: str) -> str:
    """ " (database architects)": the occupation a figure measures, when it is not the role
    itself and the caveat does not already name it as the role's stand-in."""
    f = e.figure
    if f is None or f.proxy or not f.named or f.named.lower() == people.lower():
        return ""
    return f" ({f.named})"


def _capital(text: str) -> str:
    # "MLOps engineers", not "Mlops engineers".
    return text[:1].upper() + text[1:]


# A criterion fit to repeat: a short phrase, no punctuation of the question left in it.
_CLEAN = re.compile(r"^[\w' -]{0,60}$")
_PREPOSITION = re.compile(r"^(?:for|without|to|with|in|at|on|as)\b", re.I)


def criterion_predicate(verdict: Verdict) -> tuple[str, bool]:
    """What the winner does more (or less) of, and whether the subject is plural people
    ("Data scientists need more statistics") or a singular role ("The data analyst role
    is easier without a degree"). The question's own verb is used only when what follows
    it is exactly the comparative and the criterion; anything else gets the template."""
    word = verdict.comparative or ("less" if verdict.less else "more")
    named = "" if verdict.criterion in _ADJECTIVE_CRITERIA.values() else verdict.criterion
    if not _CLEAN.match(named):
        return "", False  # a criterion that is not a short phrase is not repeated
    verb, phrase = verdict.predicate or ("", "")
    if (
        verb
        and verb not in {"is", "are", "does", "do"}
        and phrase.lower() == f"{word} {named}".lower()
    ):
        return f"{_PLURAL_VERBS.get(verb, verb)} {phrase}", True
    if verb in {"is", "are"} and phrase.lower() == f"{word} {named}".lower():
        return f"is {phrase}", False  # "is more creative": the question's own adjective
    if word in {"more", "less", "fewer"}:
        return f"involves {word} {named}".rstrip(), False
    if not named or _PREPOSITION.match(named):
        return f"is {word} {named}".rstrip(), False
    return f"is {word} for {named}", False


_PLURAL_VERBS = {
    "needs": "need",
    "requires": "require",
    "has": "have",
    "offers": "offer",
    "involves": "involve",
    "uses": "use",
    "gets": "get",
    "makes": "make",
    "pays": "pay",
    "earns": "earn",
    "demands": "demand",
    "does": "do",
}
_PREDICATE = re.compile(
    r"\b(?:which|who)\b(?: of (?:the two|them|these|those|the roles))?"
    r"(?: (?:role|job|one|path|career|position))?\s+"
    r"(?P<verb>is|are|needs?|requires?|has|have|offers?|involves?|uses?|gets?|makes?|does|do)"
    r"\s+(?P<rest>[^?,;:]*)",
    re.IGNORECASE,
)


def predicate_of(text: str) -> tuple[str, str] | None:
    """ "Which of the two needs more statistics?" -> ("needs", "more statistics")."""
    match = _PREDICATE.search(text)
    if not match:
        return None
    rest = re.split(r"\b(?:than|or|between)\b|\b(?:for|as) (?:a|an) ", match.group("rest"))[0]
    rest = " ".join(rest.split())
    return (match.group("verb").lower(), rest) if rest else None


def caveat(verdict: Verdict, catalog: RoleCatalog) -> str:
    """The limits of a figure verdict, from the figures themselves."""
    if verdict.kind is None:
        return "Teams differ, so check job postings for the roles you are considering."
    figures = [e.figure for e in verdict.ranked if e.figure is not None]
    notes: list[str] = []
    regions = {f.region for f in figures if f.region}
    if regions == {"United States"}:
        notes.append("these are US figures; pay and demand elsewhere differ")
    proxies = [
        f"{f.occupation} for {plural_of(catalog.title(e.role))}"
        for e in verdict.ranked
        if (f := e.figure) is not None and f.occupation and f.proxy
    ]
    if proxies:
        notes.append(
            "the government statistics have no category for some of these roles, so the "
            f"guides use the closest official occupation ({'; '.join(proxies)})"
        )
    return keep_in_mind(notes, figures)


def keep_in_mind(notes: list[str], figures: Sequence[Figure]) -> str:
    """The caveat line of a figure answer: ``notes`` (region, stand-in occupations) plus
    mixed periods, read from the figures; the same line for a verdict and a ranking."""
    years = {f.year for f in figures if f.year}
    if len(years) > 1:
        notes = [*notes, f"the figures come from different periods ({', '.join(sorted(years))})"]
    if not notes:
        return "Medians hide a wide range by employer, seniority and location."
    text = "; ".join(notes)
    return f"Keep in mind: {text}. Medians also hide a wide range by employer and seniority."


def is_less(text: str) -> bool:
    return bool(_LESS.search(text))


# Where one criterion of a question ends and the next begins: "more pay but less stress".
_CLAUSES = re.compile(r"[,;]|\b(?:but|while|yet|whereas|though|although|and|with)\b", re.I)


def clauses_of(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(text) if c.strip()]


def less_on(text: str, kind: Kind) -> bool:
    """The direction of the figure criterion itself: "which offers more pay but less
    stress?" asks who earns *more*; the "less" belongs to stress. The clause that names pay
    (or demand) and has a comparative of its own decides; else the whole question does."""
    for clause in clauses_of(text):
        if figure_kind(clause) != kind:
            continue
        low = bool(_LOW_FIGURE.search(clause))
        if low or _CRITERION.search(clause) or _LESS.search(clause):
            return low or is_less(clause)
    return is_less(text) or bool(_LOW_FIGURE.search(text))


def other_criteria(text: str, kind: Kind, catalog: RoleCatalog) -> list[str]:
    """The criteria a figure question weighs besides its figures ("less stress" in "more
    pay but less stress?"), in the question's words: the figures settle none of them. Only
    a question with a comparative of its own for the figures and one for something else
    has any ("which field will grow more over the next decade?" has one criterion)."""
    clauses = clauses_of(catalog.without_roles(text))
    if not any(figure_kind(c) == kind and _CRITERION.search(c) for c in clauses):
        return []
    found = []
    for clause in clauses:
        match = _CRITERION.search(clause)
        if match is None or figure_kind(clause) is not None:
            continue
        phrase = re.split(r"\bthan\b|\bbetween\b|\bor\b|[?!.]", match.group(0))[0]
        phrase = " ".join(phrase.split()).strip(" ,")
        if len(phrase.split()) >= 2 and _CLEAN.match(phrase):
            found.append(phrase.lower())
    return found


POLARITY = 0.05
BREADTH = 0.02
BREADTH_AT = 0.35
BREADTH_MAX = 5


def polarity(criterion: str, sentences: Sequence[str]) -> int:
    """For "without X": sentences saying X is optional count for, sentences saying most
    people in the role hold or need X count against. Embeddings barely tell the two apart."""
    thing = re.sub(r"^\s*without\s+(?:a |an |the )?", "", criterion, flags=re.I).split()
    if not thing:
        return 0
    x = re.escape(thing[0].rstrip("s"))
    ok = re.compile(
        rf"\bwithout (?:a |an |any )?(?:\w+ )?{x}|\b{x}\w*\b.{{0,40}}\b(?:not required|optional"
        rf"|not essential|isn't required|is not required|not always required|not a must)"
        rf"|\bno {x}|\bhire (?:people|candidates) without",
        re.I,
    )
    needed = re.compile(
        rf"\b(?:most|usually|typically|generally|nearly all|almost all)\b.{{0,60}}"
        rf"\b(?:hold|have|require|need|ask for)\w*\b.{{0,40}}\b{x}",
        re.I,
    )
    return sum(bool(ok.search(t)) for t in sentences) - sum(
        bool(needed.search(t)) for t in sentences
    )


def _counter(criterion: str) -> str:
    """The opposite of a "without" criterion: "without a degree" -> "requires a degree"."""
    if re.search(r"\bwithout\b", criterion, re.I):
        return re.sub(r"\bwithout\b", "requires", criterion, flags=re.I)
    return ""
