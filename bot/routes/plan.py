"""Plans: "a 90-day plan to become X", "what first, what next?", "the steps, in order".

A plan is the guide's own getting-started advice in the guide's own order: its list of
steps when it has one, else its sentences as written. Each step is one cited sentence,
numbered from 1; a sentence that opens by pointing back at something ("These medians ...",
"That person ...") is left out, since the sentence it points at may not be in the plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.advice import AdviceRoute
from bot.routes.lacking import admitted
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Candidate, candidates_of, cite, one_role_answer
from bot.understand.intents import BY_ID, parts_for
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence
    from bot.routes.selection import Selector

MAX_STEPS = 7
# The action a summary sentence stands for when the composer makes it a step.
SKILLS_STEP = "Know what the job asks of you. As the guide puts it:"
EDUCATION_STEP = "Check the education employers expect. As the guide puts it:"
MIN_STEPS = 3
PASSAGES = 8
_DANGLING = re.compile(
    r"^(?:this|that|these|those|they|it|its|their|them|such|both|the above|he|she|his|her"
    r"|the (?:latter|former|same|other)|here|there)\b",
    re.IGNORECASE,
)
# A line that only introduces the list ("A step-by-step plan for a future X:").
_INTRO = re.compile(r":\s*$")
_FROM = re.compile(r"^(?:\d+[.)]\s*)?from\b[^:]{0,60}:", re.IGNORECASE)


@dataclass(frozen=True)
class PlanEvidence:
    """What a plan is drawn from: the role's getting-started section (else its education
    section) whole, and the openings of its skills and education sections."""

    started: list[Passage]
    skills: list[Passage] = field(default_factory=list)
    education: list[Passage] = field(default_factory=list)

    def passages(self) -> list[Passage]:
        seen: dict[str, Passage] = {}
        for p in [*self.started, *self.skills, *self.education]:
            seen.setdefault(p.id, p)
        return list(seen.values())


def find_steps(
    store: Chroma, vectors: VectorCache, catalog: RoleCatalog, role: str
) -> PlanEvidence | None:
    guides = Guides(store, [role])
    parts = guides.parts(role)
    title = catalog.title(role)
    searches: list[Search] = []
    for intent in (BY_ID["getting_started"], BY_ID["education"], BY_ID["skills"]):
        wanted = tuple(parts_for(intent, parts))
        k = PASSAGES if intent.id == "getting_started" else SIDE_PASSAGES
        searches.append(Search(f"{title}: {intent.query}", role, wanted, k) if wanted else None)  # type: ignore[arg-type]
    planned = [s for s in searches if s is not None]
    found = dict(zip([s.query for s in planned], guides.run(vectors, planned), strict=True))

    def of(i: int) -> list[Passage]:
        search = searches[i]
        return sorted(found.get(search.query, []), key=lambda p: p.seq) if search else []

    started, education, skills = of(0), of(1), of(2)
    if not started:
        started, education = education, []
    return PlanEvidence(started, skills, education) if started else None


def steps_of(passages: Sequence[Passage]) -> tuple[Candidate | None, list[Candidate]]:
    """The opening sentence and the steps, in the guide's order: the section's first list
    of steps, else its sentences. A list of paths by background ("From finance: ...") is
    not a sequence of steps."""
    candidates = candidates_of(sorted(passages, key=lambda p: p.seq))
    usable = [c for c in candidates if not _DANGLING.match(c.text) and not _INTRO.search(c.text)]
    opening = next((c for c in usable if not c.bullet), None)
    for run in _runs(usable):
        # Steps end where the paths by background begin.
        steps = run[: next((i for i, c in enumerate(run) if _FROM.match(c.text)), len(run))]
        if len(steps) >= MIN_STEPS:
            return opening, steps[:MAX_STEPS]
    prose = [c for c in usable if not c.bullet and c is not opening]
    return opening, prose[:MAX_STEPS]


def paths_of(passages: Sequence[Passage]) -> list[Candidate]:
    """The guide's paths by background ("From finance, accounting, or operations: ...")."""
    return [c for c in candidates_of(sorted(passages, key=lambda p: p.seq)) if _FROM.match(c.text)]


def _runs(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """Consecutive list items, each run one list of the guide."""
    runs: list[list[Candidate]] = []
    current: list[Candidate] = []
    for c in candidates:
        if c.bullet:
            current.append(c)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


# --- what the person said about their time and where they start from ----------------------

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty-four": 24,
}  # fmt: skip
_UNIT_MONTHS = {"day": 1 / 30.4, "week": 12 / 52, "month": 1.0, "year": 12.0}
_SPAN = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
    r"[- ](?P<unit>day|week|month|year)s?\b(?![- ]by[- ])(?:[- ]long)?"
    r"|\b(?P<one>year|month)[- ]long\b|\b(?P<half>half)[- ](?:a[- ])?year\b",
    re.IGNORECASE,
)
_PACE = re.compile(
    r"\b(?:while |whilst |alongside |around |and )?(?:I )?(?:still )?"
    r"(?:work(?:ing)?|have|hold|keep(?:ing)?) (?:a |my )?full[- ]time(?: job)?\b"
    r"|\b(?:only )?(?:on |at )?(?:weekends|evenings|nights)(?: only)?\b|\bpart[- ]time\b"
    r"|\b\d{1,2} hours? (?:a|per|each) week\b|\bin my spare time\b"
    r"|\b(?:while |whilst )?(?:keeping|holding|alongside|around|with) (?:my|a) (?:\w+ )?job\b",
    re.IGNORECASE,
)
_FROM_BACKGROUND = re.compile(
    r"\b(?:move|moving|switch|switching|come|coming|get|getting|go|going|transition|transitioning)"
    r" (?:over )?from (?:a |an )?(?P<a>[\w -]{3,40}?)\s+(?:in)?to\b"
    r"|\bI (?:work|am working|'m working)(?: full[- ]time| part[- ]time)? (?:in|as an?) "
    r"(?P<b>[\w -]{3,40}?)(?=[,.;!?]|\s+(?:and|but|so|;)\b|$)"
    # "starting from accountant", "starting out as a nurse"
    r"|\bstart(?:ing)?(?: out)? (?:from|as) (?:an? )?(?P<c>[\w -]{3,40}?)"
    r"(?=[,.;!?]|\s+(?:and|but|so|what|how|which|give|i)\b|$)"
    # "As a former teacher, ...": the person's start, where a sentence opens with it
    r"|(?:^|[.;!?]\s+)as (?:an? )(?P<d>[\w -]{3,40}?)(?=,)",
    re.IGNORECASE,
)
# A time said of the past ("I have been a chef for ten years", "after 5 years in retail",
# "ten years of experience") is no time the person gives their plan.
_PAST_SPAN_BEFORE = re.compile(
    r"\b(?:been|worked|working|spent|had|have|did|was|were|after|past|last)\b[^,.;:!?]{0,40}$",
    re.IGNORECASE,
)
_PAST_SPAN_AFTER = re.compile(
    r"^\s*(?:ago|of (?:work|experience)|experience|in (?:the|my))\b", re.I
)


@dataclass(frozen=True)
class Constraints:
    """The time and starting point the person gave for their plan (empty when unsaid)."""

    months: float | None = None  # how long they give themselves
    span: str = ""  # as they said it: "6-month", "90 days"
    pace: str = ""  # "while working full time", "weekends only", "10 hours a week"
    background: str = ""  # "retail", "teaching", "backend developer"

    def __bool__(self) -> bool:
        return bool(self.months or self.pace or self.background)


def constraints_of(question: str, background: Sequence[str] = ()) -> Constraints:
    """What ``question`` (and the profile's ``background``) says about time and start."""
    months, span = None, ""
    if match := _plan_span(question):
        if match.group("half"):  # "a half-year roadmap": six months
            n, unit = 6, "month"
        elif match.group("one"):
            n, unit = 1, match.group("one").lower()
        else:
            raw = match.group("n").lower()
            n, unit = int(raw) if raw.isdigit() else _NUMBERS[raw], match.group("unit").lower()
        months = n * _UNIT_MONTHS[unit]
        span = f"{n} {unit}s" if n != 1 else f"a {unit}"
    pace = _PACE.search(question)
    start = _FROM_BACKGROUND.search(question)
    said = next((g for g in start.groups() if g), "") if start else ""
    return Constraints(
        months,
        span,
        _pace(" ".join(pace.group(0).split())) if pace else "",
        " ".join((said or (background[0] if background else "")).split()),
    )


def _plan_span(question: str) -> re.Match[str] | None:
    """The first time span the person gives for the plan, not one said of their past."""
    for match in _SPAN.finditer(question):
        before, after = question[: match.start()], question[match.end() :]
        if not _PAST_SPAN_BEFORE.search(before) and not _PAST_SPAN_AFTER.match(after):
            return match
    return None


def phases(months: float, count: int) -> list[str]:
    """``count`` consecutive time windows over ``months``: weeks up to three months, else
    months ("Weeks 1–3", "Month 4", "Months 5–6"). More steps than units: some share one."""
    unit, total = ("Week", round(months * 52 / 12)) if months <= 3 else ("Month", round(months))
    total = max(total, 1)
    labels, start = [], 1
    for i in range(count):
        end = max(start, round(total * (i + 1) / count))
        labels.append(f"{unit} {start}" if start == end else f"{unit}s {start}–{end}")
        start = min(total, end + 1)
    return labels


def _pace(phrase: str) -> str:
    """The person's pace in words that fit after "over six months, ...": "I work full
    time" -> "alongside a full-time job"."""
    low = phrase.lower()
    if "full" in low:
        return "alongside a full-time job"
    if "part" in low:
        return "part time"
    if "job" in low:
        return "alongside your job"
    for when in ("weekends", "evenings", "nights"):
        if when in low:
            return f"on {when}" if when == "weekends" else f"in the {when}"
    return phrase


# How close a path's background must be to the person's to be theirs (cosine; the path
# label alone against what they said, e.g. "retail" against "From customer support or
# retail management").
PATH_MATCH = 0.4
SIDE_PASSAGES = 3


def compose_plan(
    role: str,
    passages: Sequence[Passage] | PlanEvidence,
    catalog: RoleCatalog,
    constraints: Constraints | None = None,
    selector: Selector | None = None,
) -> Answer | None:
    found = passages if isinstance(passages, PlanEvidence) else PlanEvidence(list(passages))
    said = constraints or Constraints()
    opening, steps = steps_of(found.started)
    steps = list(steps)
    own_order = True
    # Too few steps get the guide's own core skills first (a summary of what the role
    # needs, no action of its own: only when the steps alone are not a plan); its
    # education advice follows the steps as a note (a degree is not a step one takes in a
    # few months), or ends them if the steps are still too few.
    first = _opening_of(found.skills) if len(steps) < MIN_STEPS else None
    # A summary sentence made a step says what the role needs, not what to do ("A data
    # scientist needs a blend of ..."): the step names the action, the guide's words follow.
    actions: dict[Candidate, str] = {}
    if first is not None:
        steps, own_order = [first, *steps], False
        actions[first] = SKILLS_STEP
    education = _opening_of(found.education)
    if education is not None and len(steps) < MIN_STEPS:
        steps, education, own_order = [*steps, education], None, False
        actions[steps[-1]] = EDUCATION_STEP
    own_path = _path_for(said.background, paths_of(found.started), selector)
    if own_path is not None:
        steps, own_order = [own_path, *steps], False
    steps = list(dict.fromkeys(steps))[:MAX_STEPS]
    if len(steps) < MIN_STEPS:
        return None
    if education in steps or not said:
        education = None
    picks = [*([opening] if opening else []), *steps, *([education] if education else [])]
    cited = cite(picks, reading=True)
    title = catalog.title(role)
    lines = []
    if said:
        lines.append(_constraints_line(said, title, own_path is not None))
        lines.append("")
    if opening is not None:
        lines.append(f"{opening.text} [{cited.numbers[opening.passage.id]}]")
        lines.append("")
    order = "in the order the guide gives them" if own_order else "in order"
    lines.append(f"The steps to becoming {with_article('a ' + name_of(title))}, {order}:")
    lines.append("")
    labels = phases(said.months, len(steps)) if said.months else []
    for n, step in enumerate(steps, start=1):
        text = re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", step.text)
        when = f"**{labels[n - 1]}:** " if labels else ""
        action = f"{actions[step]} " if step in actions else ""
        lines.append(f"{n}. {when}{action}{text} [{cited.numbers[step.passage.id]}]")
    if education is not None:
        lines.append("")
        number = cited.numbers[education.passage.id]
        lines.append(f"On education, the guide says: {education.text} [{number}]")
    if said.pace:
        lines.append("")
        lines.append(
            f"The guide sets no pace of its own. {said.pace.capitalize()}, give each step the "
            "hours you have and let a step run longer rather than skip it."
        )
    return one_role_answer("\n".join(lines), cited, "plan", role, "getting_started")


def _constraints_line(said: Constraints, title: str, own_path: bool = False) -> str:
    """One sentence on what the plan was fitted to, in the person's own terms; where the
    guide has no path from the person's start (``own_path``), that is said, so the plan
    does not seem fitted to what the guide never speaks to."""
    pieces = []
    if said.span:
        pieces.append(f"over {said.span}")
    if said.pace:
        pieces.append(said.pace)
    if said.background:
        pieces.append(starting_point(said.background))
    timing = (
        " The guide gives no timings, so your time is split evenly across its steps."
        if said.months
        else ""
    )
    if said.background and not own_path:
        timing += (
            f" The guide has no path of its own for someone {starting_point(said.background)}, "
            "so these are its steps for everyone."
        )
    return (
        f"A plan to become {with_article('a ' + name_of(title))} {', '.join(pieces)}, drawn "
        f"from the guide's getting-started, skills and education advice.{timing}"
    )


# A field of work ("accounting", "retail", "web development", "physics") rather than a
# person in it ("accountant", "teacher", "nurse", "chef").
_FIELD = re.compile(
    r"(?:ing|ions?|ics|ism|ments?|ance|ence|ology|ture|care|work|research|retail|finance|law"
    r"|sales|support|services?|academia|army|navy|military|government|industry|y)$",
    re.IGNORECASE,
)


# A qualification held (the profile reads "I have a biology PhD" as "biology degree"): neither
# a field one works in nor a person one is.
_CREDENTIAL = re.compile(
    r"\b(?:degree|PhD|doctorate|master'?s|masters|bachelor'?s|MSc|BSc|BA|MA|MBA|diploma"
    r"|certificate|bootcamp)$",
    re.IGNORECASE,
)


def starting_point(background: str) -> str:
    """Where the person starts, in words that read: "starting from accounting", but
    "starting as an accountant" and "starting as a former teacher" for a person, and
    "starting with a biology degree" for a qualification."""
    text = " ".join(background.split())
    if _CREDENTIAL.search(text):
        held = re.sub(r"^(?:an?|the|my)\s+", "", text, flags=re.IGNORECASE)
        return f"starting with {with_article('a ' + held)}"
    if _FIELD.search(text):
        return f"starting from {text}"
    person = re.sub(r"^(?:an?|the|my)\s+", "", text, flags=re.IGNORECASE)
    return f"starting as {with_article('a ' + person)}"


def _opening_of(passages: Sequence[Passage]) -> Candidate | None:
    candidates = candidates_of(sorted(passages, key=lambda p: p.seq))
    return next(
        (
            c
            for c in candidates
            if not c.bullet and not _DANGLING.match(c.text) and not _INTRO.search(c.text)
        ),
        None,
    )


def _path_for(
    background: str, paths: Sequence[Candidate], selector: Selector | None
) -> Candidate | None:
    """The guide's path for the person's background, if it has one close enough."""
    if not background or not paths or selector is None:
        return None
    labels = [replace(c, text=c.text.split(":", 1)[0]) for c in paths]
    scores = selector.similarity(background, labels)
    best = int(scores.argmax())
    return paths[best] if float(scores[best]) >= PATH_MATCH else None


PLAN_NOTE = (
    "The person asks for a plan: give numbered steps (1, 2, 3, ...) in the order the guide "
    "gives them, each cited, and no step that refers to a sentence not shown."
)


class PlanRoute(BaseRoute):
    """The guide's getting-started steps in order; an ordinary answer when it has none."""

    name = "plan"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        found = find_steps(evidence.store(), evidence.vectors, turn.catalog, turn.roles[0])
        if found is None:
            return replace(turn, route="answer")  # handed over: an ordinary answer
        # The plan itself speaks to the person's time and pace ("The guide sets no pace of
        # its own ..."): those are no specifics the guides lack.
        said = constraints_of(turn.question, turn.profile.background)
        # Nor is how long it takes: the plan lays out the order, and says when the guide
        # gives no timings.
        answered = [x for x in (said.span, said.pace) if x] + ["duration"]
        planned = replace(turn, passages=found.passages(), found=found)
        return admitted(planned, evidence, answered)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        found = turn.found if isinstance(turn.found, PlanEvidence) else turn.passages
        said = constraints_of(turn.question, turn.profile.background)
        planned = compose_plan(turn.roles[0], found, turn.catalog, said, selector)
        return planned or AdviceRoute().compose(turn, selector)

    def brief(self, turn: Turn) -> Brief:
        said = constraints_of(turn.question, turn.profile.background)
        notes = [PLAN_NOTE]
        if said:
            notes.append(
                "Fit the plan to what the person said: "
                + "; ".join(
                    x
                    for x in (
                        f"time: {said.span}" if said.span else "",
                        f"pace: {said.pace}" if said.pace else "",
                        f"starting from: {said.background}" if said.background else "",
                    )
                    if x
                )
                + ". Say that the guide gives no timings if it gives none."
            )
        return Brief(notes=notes)
