"""Scope: is a question about a job the guides do not cover?

"How much does a plumber earn?" reads like a salary question, and the guides' salary
paragraphs score close enough to it that the relevance threshold alone lets it through. So
a question that names no covered role is checked for the job it asks about: a person noun
("a plumber", "a nurse's shifts", "pastry chef skills") with nothing of the data world in
it is another occupation, and careerbot says what it does cover instead of quoting data
roles' salaries.
"""

from __future__ import annotations

import re

_SUBJECT = [
    # "does a plumber earn", "become a nurse", "work as a pilot", "for an electrician"
    re.compile(
        r"\b(?:does|do|is|are|for|as|become|becoming|being|about|of)\s+(?:a|an|the)\s+"
        r"(?P<job>[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,2}?)(?:'s|s')?"
        r"(?=\s+(?:earn|earns|make|makes|do|does|need|needs|work|works|get|gets|typically|usually"
        r"|salary|salaries|pay|wages?|shifts?|skills?|job|career|day|hours?|schedule|training"
        r"|qualifications?)\b|\s*[?.!]|$)",
        re.IGNORECASE,
    ),
    # "how much do electricians make"
    re.compile(
        r"\b(?:do|are|for|about)\s+(?P<job>[a-z][a-z\-]*(?: [a-z][a-z\-]*)?)"
        r"\s+(?:earn|make|do|need|work|get paid)\b",
        re.IGNORECASE,
    ),
    # "the job outlook for accountants", "how to become pharmacists"
    re.compile(
        r"\b(?:for|of|about|become|becoming|as)\s+(?P<job>[a-z][a-z\-]*s)(?=\s*[?.!]|\s*$"
        r"|\s+(?:in|over|next|these|this|today|now)\b)",
        re.IGNORECASE,
    ),
    # "a nurse's shifts"
    re.compile(r"\b(?:a|an|the)\s+(?P<job>[a-z][a-z\-]*(?: [a-z][a-z\-]*)?)(?:'s|s')\s+\w+", re.I),
    # "pastry-chef skills", "plumber pay", "nurses salaries"
    re.compile(
        r"(?:^|\b(?:what|which|are|the|about)\s+)(?P<job>[a-z][a-z\-]*(?: [a-z][a-z\-]*)?)"
        r"\s+(?:salary|salaries|pay|wages|skills|shifts|hours)\b",
        re.IGNORECASE,
    ),
]
# Words that put a job in the data world (or make it a generic person, not a job).
_IN_SCOPE = re.compile(
    r"\b(?:data|analysts?|analytics|analysis|engineers?|engineering|scientists?|science"
    r"|developers?|programmers?|coders?|software|ml|ai|machine|learning|bi|database|dba"
    r"|statisticians?|architects?|mlops|devops|cloud|sre|quants?|researchers?|modell?ers?"
    r"|beginners?|person|people|someone|graduates?|students?|juniors?|seniors?|newcomers?"
    r"|changers?|career|role|job|position|teams?|compan(?:y|ies)|managers?|leads?|intern|interns|freelancers?"
    r"|consultants?|me|myself|you|one|them|these|those|each|both|two|other|new|good|typical)\b",
    re.IGNORECASE,
)
# What a job title ends in: "plumber", "pharmacist", "electrician", "accountant".
_JOB_ENDING = re.compile(
    r"(?:er|or|ist|ian|ant|ent|ess|eer|ese|chef|nurse|cook|vet|pilot|clerk|guard|judge|coach"
    r"|maid|barista|medic|surgeon|dentist|midwife|officer|firefighter|police)s?$",
    re.IGNORECASE,
)


def other_occupation(question: str) -> str | None:
    """The job a question asks about when it is not a data role ("plumber"), else None.

    Call it only for questions that name no covered role.
    """
    for pattern in _SUBJECT:
        for match in pattern.finditer(question):
            job = match.group("job").replace("-", " ").strip()
            if job and _JOB_ENDING.search(job) and not _IN_SCOPE.search(job):
                return job
    return None
