"""Intents: what a question asks for, and which section of a guide answers it.

"What tools do they use?" asks for tools; "how much do they earn?" for salary. Each intent
names the words questions use for it (``cues``) and the words guide headings use for it
(``headings``), so a guide's "Pay and outlook" or "Skills you need" counts as the section
for salary or skills whatever the guide's author called it. Pure functions over text: no
model, no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.roles import name_of, with_article


@dataclass(frozen=True)
class Intent:
    id: str
    label: str  # how a suggestion or a clarifying question names it
    cues: str  # regex over the question
    headings: str  # regex over a guide's section path (heading words)
    query: str  # what is searched in that section, after the role's title
    question: str  # a question asking for it, with "{role}" for the role (suggestions)


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters where cues overlap: the more specific intent comes first ("soft skills"
# before "skills", "typical day" before "what they do").
INTENTS: list[Intent] = [
    Intent(
        "ai_impact",
        "how AI changes the job",
        r"\b(?:AI|artificial intelligence|gen(?:erative)? ?AI|LLMs?|ChatGPT|copilot|automat\w*)\b"
        r".{0,40}\b(?:replace|affect|change|impact|threat|take over|kill|obsolete)"
        r"|\b(?:replace|replaced|obsolete)\b.{0,30}\b(?:AI|automation)\b",
        r"\b(?:AI|automation|future)\b",
        "how AI tools and automation change this job",
        "Will AI replace {role}s?",
    ),
    Intent(
        "typical_day",
        "a typical day",
        r"\b(?:typical|normal|average|usual|regular) (?:day|week|workday)\b|\bday[- ]to[- ]day\b"
        r"|\bdaily (?:life|routine|work|tasks)\b|\bday in the life\b"
        r"|\bwhat (?:is|does) (?:a|the|their) day\b|\ball day\b|\bdaily\b",
        r"\b(?:typical day|day in the life|a day|daily|week)\b",
        "a typical working day",
        "What does a typical day look like for a {role}?",
    ),
    Intent(
        "soft_skills",
        "soft skills",
        r"\bsoft[- ]skills?\b|\bpeople skills\b|\binterpersonal\b|\bcommunication skills\b"
        r"|\bnon[- ]technical skills\b",
        r"\bsoft skills?\b|\bpeople\b|\binterpersonal\b",
        "the soft skills: communication, stakeholders, judgement",
        "What soft skills does a {role} need?",
    ),
    Intent(
        "technical_skills",
        "technical skills",
        r"\b(?:technical|hard|coding|programming) skills?\b",
        r"\btechnical skills?\b|\bhard skills?\b",
        "the technical skills the job needs",
        "What technical skills does a {role} need?",
    ),
    Intent(
        "tools",
        "tools",
        r"\btools?\b|\btooling\b|\btech(?:nology)? stack\b|\bstacks?\b|\btechnolog(?:y|ies)\b"
        r"|\bframeworks?\b|\blibrar(?:y|ies)\b|\bsoftware (?:do|does)\b|\bprogramming languages?\b"
        r"|\bwhich languages?\b",
        r"\btools?\b|\bstack\b|\btechnolog",
        "the tools, languages and tech stack used",
        "What tools does a {role} use?",
    ),
    Intent(
        "transition",
        "moving in from another job",
        r"\b(?:switch|move|moving|transition\w*|pivot\w*|chang\w*|get)(?: up)? (?:from|into|to)\b"
        r"|\bcareer (?:change|changer|switch)\b|\bcoming from\b|\bbreak into\b"
        r"|\bI'?m (?:a|an) .{0,40}\bhow\b",
        r"\btransition|\bget(?:ting)? started|\bbecom|\bbreak(?:ing)? in|\bhow to start",
        "how people move into this role from other jobs",
        "How do people move into {role} work from other jobs?",
    ),
    Intent(
        "getting_started",
        "getting started",
        r"\bget(?:ting)? started\b"
        r"|\bhow (?:do|can|could|should) I (?:become|start|begin|get into)\b"
        r"|\bhow to (?:become|start|begin|get into)\b|\bfirst steps?\b|\bbeginner\b"
        r"|\bentry[- ]level\b"
        r"|\bbreak in\b|\bwhere (?:do|should) I start\b|\bfirst job\b"
        # What to learn in what order is the way in, not the degree: "study first", "learn
        # before anything else" (a bare "study" stays a cue of education).
        r"|\b(?:study|learn|pick up|master|tackle|focus on)\b(?:\s+[\w'-]+){0,4}?\s+"
        r"(?:first|before anything else|to begin with)\b"
        # "The first skill to learn", "the first language I should pick up": what comes first
        # is asked, whatever noun names it (a skill, a tool, a subject).
        r"|\bfirst\s+(?:[\w'-]+\s+){0,2}?(?:to|I should|should I)\s+"
        r"(?:study|learn|pick up|master|tackle|focus on)\b",
        r"\bget(?:ting)? started|\bbecom|\bhow to start|\bbreak(?:ing)? in|\bfirst steps",
        "first steps to get started in this role",
        "How do I get started as a {role}?",
    ),
    Intent(
        "certifications",
        "certifications",
        r"\bcertific\w*|\bcerts?\b|\bexams?\b",
        r"\bcertific",
        "the certifications worth having",
        "Which certifications help a {role}?",
    ),
    Intent(
        "education",
        "education",
        r"\beducation|\bdegrees?\b|\bstudy\b|\bstudies\b|\buniversity\b|\bcollege\b|\bbootcamps?\b"
        r"|\bqualification|\bphd\b|\bmaster'?s\b|\bbachelor'?s\b|\bmajor\b",
        r"\beducation|\bdegree|\bqualification|\bstudy",
        "the degree and education employers ask for",
        "What education does a {role} need?",
    ),
    Intent(
        "salary",
        "salary",
        r"\bsalar(?:y|ies)\b|\bpay(?:s|ing|ed)?\b|\bpaid\b|\bearn(?:s|ing|ings)?\b|\bmoney\b"
        r"|\bcompensation\b|\bwages?\b|\bincome\b|\bhow much (?:do|does|can|will)\b"
        r"|\bmake a year\b",
        r"\bsalar|\bpay\b|\bwages?\b|\bcompensation|\bearn",
        "the median salary and pay",
        "How much does a {role} earn?",
    ),
    Intent(
        "outlook",
        "job outlook",
        r"\boutlook\b|\bdemand\b|\bjob market\b|\bjob growth\b|\bgrowth\b|\bopenings\b|\bfuture\b"
        r"|\bnext (?:decade|ten years|10 years|few years)\b|\bprospects\b|\bhiring\b|\bin demand\b",
        r"\boutlook\b|\bdemand\b|\bjob market\b|\bgrowth\b",
        "the job outlook, demand and projected growth",
        "What is the job outlook for a {role}?",
    ),
    Intent(
        "career_path",
        "career path",
        r"\bcareer (?:path|paths|progression|ladder|growth|trajectory)\b|\bprogression\b|\bpromot"
        r"|\badvancement\b|\bseniority\b|\bsenior\b|\bladder\b|\blong[- ]term\b|\bgrow in\b"
        r"|\bwhere (?:can|does|could) (?:it|this|the role) lead\b|\bnext step\b|\bprogress\b",
        r"\bcareer path|\bprogression|\bcareer|\badvancement|\bladder",
        "the career path, levels and progression",
        "What does the career path of a {role} look like?",
    ),
    Intent(
        "work_environment",
        "remote work and work-life balance",
        r"\bremote(?:ly)?\b|\bwork[- ]life\b|\bhybrid\b|\bfrom home\b|\bhours\b|\bon[- ]call\b"
        r"|\bstress"
        r"|\boffice\b|\bwork environment\b|\bwork(?:ing)? conditions\b|\bworkplace\b"
        r"|\bteam(?:s)? (?:do|does)\b|\bwho do .{0,20} work with\b"
        r"|\bfreelanc|\bcontract work\b|\bpart[- ]time\b",
        r"\bwork environment|\bworking conditions|\bremote|\bwork[- ]life|\bwhere .* work",
        "where and how the work happens: remote work, hours, on-call and teams",
        "Can a {role} work remotely?",
    ),
    Intent(
        "interview",
        "interviews",
        r"\binterview",
        r"\binterview",
        "how to prepare for interviews",
        "How do I prepare for a {role} interview?",
    ),
    Intent(
        "skills",
        "skills",
        r"\bskills?\b|\bcompetenc|\bneed to know\b|\bwhat (?:to|should I) learn\b|\bgood at\b"
        r"|\brequirements?\b|\bqualities\b",
        # "What it takes": a job profile's heading for the skills it lists.
        r"\bskills?\b|\bcompetenc|\bwhat you need|\bwhat it takes\b",
        "the key technical and soft skills the job needs",
        "What skills does a {role} need?",
    ),
    # What the role is next to its neighbours: a guide's "How it differs from neighbouring
    # roles". One role in play (with two, routing makes it a comparison).
    Intent(
        "differs",
        "how it differs from neighbouring roles",
        r"\bhow (?:is|are|does|do) .{0,40}\bdiffer|\bdifferent from (?:the )?(?:other|related"
        r"|neighbou?ring|similar|adjacent)\b|\bneighbou?ring (?:roles|jobs|careers)\b",
        r"\bdiffers?\b|\bneighbou?r|\bhow (?:it|they) compares?\b|\bcompared (?:to|with)\b",
        "how this role differs from the neighbouring roles",
        "How is a {role} different from neighbouring roles?",
    ),
    Intent(
        "what_they_do",
        "what the job is",
        r"\bwhat (?:does|do|is) (?:a |an |the )?.{0,40}\b(?:do|does|job|role)\b"
        r"|\bwhat (?:is|are) (?:a |an )?\w+ (?:\w+ )?"
        r"(?:engineers?|scientists?|analysts?|developers?|architects?)\b"
        r"|\bresponsibilit|\bduties\b|\btasks\b|\bwork on\b|\bjob involve|\brole involve"
        r"|\bexplain\b|\bdescribe\b|\bmean by\b",
        r"\bwhat (?:they|you|a .*) do|\boverview\b|\brole\b|\bresponsibilit|\bduties|\babout\b",
        "what the role is and what they do",
        "What does a {role} do?",
    ),
]
BY_ID = {intent.id: intent for intent in INTENTS}
# Intents answered in a subsection of another's section.
# A guide without a section on the day answers it where it says what the job involves.
_PARENT = {
    "soft_skills": "skills",
    "technical_skills": "skills",
    "certifications": "education",
    "typical_day": "what_they_do",
}
# The intents a guide answers in a subsection of another's section.
SUBSECTION_INTENTS = frozenset(_PARENT)
_CUES = [(intent, _re(intent.cues)) for intent in INTENTS]
_HEADINGS = {intent.id: _re(intent.headings) for intent in INTENTS}
# Sections that describe other roles or the sources, never the answer to an intent.
_NEVER = _re(r"\bsources?\b|\breferences\b")


def intents_of(text: str) -> list[Intent]:
    """The intents a question names, most specific first."""
    return [intent for intent, cues in _CUES if cues.search(text)]


def intent_of(text: str) -> Intent | None:
    """The question's main intent, or None when it names none ("and for data scientists?")."""
    found = intents_of(text)
    return found[0] if found else None


def heading_matches(intent: Intent, section: str) -> bool:
    """Does a guide section path ("Data Engineer > Pay and outlook") cover ``intent``? The
    role's own title (the first element of the path) does not count.

    Headings are read as any author writes them: the role's own name in a heading stands for
    "they" ("What actuaries do" is "What they do"), a page's "What you'll do" is "What you
    do", and a top-level heading is also read with the words questions use ("Pay and
    prospects" covers the outlook too, "The professional exams" the certifications)."""
    pieces = section.split(" > ")
    title, heading = (pieces[0], " > ".join(pieces[1:])) if len(pieces) > 1 else ("", section)
    if _NEVER.search(heading):
        return False
    heading = _plain_heading(heading, title)
    if _HEADINGS[intent.id].search(heading):
        return True
    return bool(_CUE_BY_ID[intent.id].search(heading.split(" > ")[0]))


_CUE_BY_ID = {intent.id: cues for intent, cues in _CUES}
# "you'll", "we will", "they'd": the person a heading addresses, without its modal verb.
_MODAL = _re(r"\b(you|they|we)(?:'ll|’ll|'d|’d| will| would| can)\b")
_MINOR_WORDS = {"of", "and", "the", "for", "in", "a", "an", "to"}


def _plain_heading(heading: str, title: str) -> str:
    heading = _MODAL.sub(r"\1", heading)
    # Words of three letters or more, and acronyms ("AI" of "AI Engineer": an FAQ about
    # "an aspiring AI engineer" is no heading about AI).
    for word in re.findall(r"[A-Za-z]{3,}|\b[A-Z]{2}\b", title):
        if word.lower() in _MINOR_WORDS:
            continue
        stem = word[:-1] + "(?:y|ies)" if re.search(r"[^aeiou]y$", word) else word + "(?:e?s)?"
        heading = re.sub(rf"\b{stem}\b", "they", heading, flags=re.IGNORECASE)
    return re.sub(r"\bthey(?:\s+they)+\b", "they", heading)


def parts_for(intent: Intent, parts: Iterable[str]) -> list[str]:
    """The top-level headings of a guide that cover ``intent`` (any author's wording). An
    intent that guides answer in a subsection ("Skills > Soft skills") falls back to the
    section above it."""
    parts = list(parts)
    found = [part for part in parts if part and heading_matches(intent, f"_ > {part}")]
    parent = _PARENT.get(intent.id)
    if not found and parent:
        return parts_for(BY_ID[parent], parts)
    return found


def same_section(first: Intent, second: Intent, parts: Iterable[str]) -> bool:
    """Does one guide (its top-level headings ``parts``) answer two intents in the same
    section? A guide's "Salary and job outlook" answers pay and outlook at once, its
    "Skills" the soft skills and the skills: a question that asks for both asks for that
    section once. Decided by the guide's own headings, so a guide with "Pay" and
    "Prospects" apart keeps the two asks apart."""
    parts = list(parts)
    found = set(parts_for(first, parts))
    return bool(found) and found == set(parts_for(second, parts))


def related(intent: Intent | None) -> list[Intent]:
    """Intents worth suggesting after ``intent``: the natural next questions."""
    follow = {
        None: ["what_they_do", "skills", "salary"],
        "what_they_do": ["typical_day", "skills", "salary"],
        "typical_day": ["tools", "work_environment", "skills"],
        "skills": ["tools", "getting_started", "education"],
        "technical_skills": ["tools", "soft_skills", "getting_started"],
        "soft_skills": ["technical_skills", "career_path", "getting_started"],
        "tools": ["skills", "getting_started", "certifications"],
        "education": ["certifications", "getting_started", "salary"],
        "certifications": ["education", "getting_started", "salary"],
        "salary": ["outlook", "career_path", "getting_started"],
        "outlook": ["salary", "ai_impact", "getting_started"],
        "career_path": ["salary", "skills", "getting_started"],
        "getting_started": ["skills", "education", "salary"],
        "transition": ["skills", "getting_started", "salary"],
        "work_environment": ["typical_day", "salary", "career_path"],
        "ai_impact": ["outlook", "skills", "career_path"],
        "interview": ["skills", "getting_started", "salary"],
        "differs": ["what_they_do", "skills", "career_path"],
    }
    return [BY_ID[i] for i in follow.get(intent.id if intent else None, follow[None])]


def names(intents: Sequence[Intent]) -> str:
    labels = [i.label for i in intents]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def question_for(intent: Intent, title: str) -> str:
    """The intent's question about one role: "How much does a data engineer earn?"."""
    return with_article(intent.question.format(role=name_of(title)))


def question_for_all(intent: Intent) -> str:
    """The intent's question over every role: "How much does each role earn?" (a question
    in another language that asks for a topic and names no role)."""
    text = intent.question.replace("{role}s", "each role").replace("a {role}", "each role")
    return text.replace("{role}", "each role")
