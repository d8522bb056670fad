"""Aspects: what a comparison (or a question) is about: focus, duties, skills, tools,
education, career path, salary. Each names the guide section that covers it and the words
a question uses for it, so "which pays more?" is a salary question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.errors import CareerbotError


class UnknownAspectError(CareerbotError):
    """An aspect id that is not one of ``ASPECTS``."""


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

# "Compare them, especially on salary" wants every aspect with salary first; "which pays
# more?" wants salary alone.
_BROAD = re.compile(
    r"\b(?:especially|particularly|in particular|mainly|above all|including|overall"
    r"|in general|everything|every aspect|all aspects|side by side|as well as)\b",
    re.IGNORECASE,
)


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


def by_id(aspect_id: str) -> Aspect:
    return _BY_ID[aspect_id]


# "Put those in a table" after questions about pay: the table's row is the topic carried
# from the conversation (an intent of ``bot.understand.intents``).
_ASPECT_OF_INTENT = {
    "salary": "salary",
    "outlook": "salary",
    "tools": "tools",
    "skills": "skills",
    "technical_skills": "skills",
    "soft_skills": "skills",
    "education": "education",
    "certifications": "education",
    "career_path": "career",
    "what_they_do": "responsibilities",
    "typical_day": "responsibilities",
}
# A request for a table: "in a table", "as a table", "tabulate", "side by side".
_TABLE = re.compile(
    r"\b(?:in|as|into) (?:a |one )?(?:table|grid)\b|\btabulat|\bside[- ]by[- ]side\b"
    r"|\b(?:give|make|draw|show|want|need)(?: me| us)? (?:a|the) (?:comparison )?table\b",
    re.IGNORECASE,
)


def wants_table(text: str) -> bool:
    return bool(_TABLE.search(text))


def aspects_for_intent(intent_id: str | None) -> list[Aspect]:
    """The table row for a carried topic ([] when it has none)."""
    found = _ASPECT_OF_INTENT.get(intent_id or "")
    return [_BY_ID[found]] if found else []


# Words that place one thing against another besides the comparatives above: the
# prepositions of rank ("is that above or below what data engineers get?") and the common
# comparatives of size and speed. A closed class, listed whole.
_RANKED = (
    r"above|below|over|under|beyond|behind|ahead|bigger|smaller|greater|larger|faster|"
    r"slower|comparable|equal|on\s+par"
)


# "that" standing for what was just said, as a pronoun: the subject of a verb ("how does
# that compare", "is that more than ..."), the object of a comparison ("than that",
# "compared with that"), or the question's last word. "That role", "this job" are not.
_BACK = re.compile(
    r"\b(?:does|do|is|was|would)\s+(?:that|this|it)\s+(?:compare|stack|measure|differ|look|"
    r"sound|hold|more|less|better|worse|higher|lower|similar|different|the\s+same|good|bad|"
    + _RANKED
    + r")\b"
    r"|\b(?:that|this)\s+(?:compares?|stacks?\s+up|measures?\s+up|differs?)\b"
    r"|\b(?:than|with|to|against)\s+(?:that|this)\s*[?.!]*$",
    re.IGNORECASE,
)


# A pointer back that compares: "how does that stack up against ...", "is that more than".
_BACK_COMPARES = re.compile(
    r"\b(?:does|do|is|was|would)\s+(?:that|this|it)\s+(?:compare|stack|measure|differ|more|"
    r"less|better|worse|higher|lower|similar|different|the\s+same|" + _RANKED + r")\b"
    r"|\b(?:that|this)\s+(?:compares?|stacks?\s+up|measures?\s+up|differs?)\b",
    re.IGNORECASE,
)


def compares_back(text: str) -> bool:
    """What the last answer said set against something the question names ("how does that
    measure up against a data analyst?")."""
    return bool(_BACK_COMPARES.search(text))


# "Stack up" and "measure up" compare, whatever their subject ("how do their skills stack
# up against that?"): the phrasal verb is never the tech stack or a measurement.
_COMPARING_VERB = re.compile(r"\b(?:stack|measure)(?:s|ed|ing)?\s+up\b", re.IGNORECASE)


def without_pointer(text: str) -> str:
    """``text`` without its pointer back ("does that stack up") and its comparing verb,
    which are no topic: "stack" there is not the tech stack."""
    return " ".join(_COMPARING_VERB.sub(" ", _BACK_COMPARES.sub(" ", text)).split())


def refers_back(text: str) -> bool:
    """The question is about what the last answer said ("how does that compare with a data
    analyst?" after a pay answer compares pay)."""
    return bool(_BACK.search(text))
