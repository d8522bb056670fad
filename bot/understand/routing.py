"""Route: what kind of answer a question wants, decided from its words and the roles in play.

A pure function over text and role ids (no model, no store), so every phrasing can be
unit-tested. Whether the guides actually *cover* a question is decided later, from the
retrieval scores; routing only picks between a comparison, a role-fit recommendation and
an ordinary answer about the roles in play.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from bot.core.roles import MAX_COMPARED, RoleCatalog
from bot.understand.aspects import (
    aspects_for_intent,
    aspects_for_question,
    aspects_named,
    compares_back,
    refers_back,
    wants_table,
    without_pointer,
)
from bot.understand.intents import intent_of
from bot.understand.scope import other_occupation
from bot.understand.turn import Turn
from bot.understand.weighing import Weighing, stated_priority

RouteKind = Literal["compare", "fit", "answer"]


# Words that set roles against each other. They only make a comparison when two or more
# roles are in play (decide() checks), so "what different tools do data engineers use?"
# stays a single-role question.
_COMPARATIVE = re.compile(
    r"\bvs\b|\bversus\b|\bcompar(?:e|ed|es|ing|ison|isons)\b"
    r"|\bdiffer(?:s|ed|ence|ences)?\b|\bdifferent (?:from|than|to)\b|\bhow different\b"
    r"|\bdistinguish|\bcontrast\b|\bsimilar(?:ity|ities)?\b|\bthe same as\b|\balike\b"
    r"|\bpros and cons\b|\btrade-?offs?\b|\b(?:choose|pick|decide) between\b"
    r"|\bwhich (?:one |role |job |path |career |of (?:them|these|those|the two) )?"
    r"(?:should|would|is|pays|earns|has|needs|requires|offers)\b"
    r"|\b(?:better|worse|more|less|higher|lower|best) (?:paid|paying)\b"
    r"|\bpays? (?:more|less|better)\b|\bearns? (?:more|less)\b",
    re.IGNORECASE,
)
# Weaker signals, common in other questions ("should I learn Python or R?", "more than a
# degree"): they count only when the question itself names the roles they set apart.
_CHOICE = re.compile(r"\bor\b[^.!]*\?", re.IGNORECASE)  # "Data engineer or data scientist?"
_THAN = re.compile(
    r"\b(?:more|less|better|worse|harder|easier|higher|lower)\b[^.?!]{0,40}\bthan\b", re.IGNORECASE
)

# Likeness to what came before, beyond the comparatives above ("alike", "similar", "the same
# as" are there): "same tools?", "much like that", "identical", "comparable".
_LIKENESS = re.compile(
    r"\b(?:the\s+)?same\b(?!\s+(?:time|way|day)\b)|\blike\s+(?:that|this|theirs|those|it)\b"
    r"|\bidentical\b|\bcomparable\b",
    re.IGNORECASE,
)

# Asking outright which role suits the person: enough on its own.
_FIT_DIRECT = re.compile(
    r"\b(?:fits?|suits?|suited to|right for|best for|good fit for|a match for|matches)"
    r" (?:me|my|someone like me)\b"
    # "which job should I take?", "what career would you pick?", "which role is best?": the
    # person's own pick; "which job could someone without a degree get into?" is not theirs.
    r"|\b(?:what|which) (?:role|job|career|path|position|direction)s? (?:(?:should|would|could"
    r"|might) (?:I|you|be|suit|fit)\b|(?:fits?|suits?|is best|is right|are best|are right)"
    r"(?=\s*(?:for )?(?:me|my|I|someone like me)\b|\s*[?.!]|\s*$))"
    r"|\b(?:recommend|suggest) (?:me )?(?:a |an )?(?:role|job|career|path)",
    re.IGNORECASE,
)
# An open "what should I do?" is a fit question once the person has said something about
# themselves ("I enjoy statistics and know SQL ...").
_FIT_OPEN = re.compile(
    r"\bwhat (?:should|could|would you suggest) I (?:do|become|study|pursue|aim for|go for)\b"
    r"|\bwhere (?:should|could|do) I (?:start|go|fit)\b|\bwhat do you (?:recommend|suggest)\b",
    re.IGNORECASE,
)
# "I enjoy", "I know", "I'm good at", "my background": but not the "I" of "should I do".
_SELF = re.compile(
    r"(?<!should )(?<!would )(?<!could )(?<!can )(?<!do )(?<!shall )(?<!will )(?<!might )"
    r"\bI(?:'m| am|'ve| have| know| enjoy| like| love| prefer| studied| work| worked| did"
    r"| hate| dislike| want| care| spend| build| built| use)\b"
    r"|\bmy (?:background|degree|experience|skills|strengths|interests)\b",
    re.IGNORECASE,
)


# "Which pays more", "who earns less", "which is easier without a degree", "more in demand".
# The comparative forms a "who wins?" question is asked with (not topic words: any role,
# any criterion).
_COMPARATIVES = (
    r"more|less|fewer|better|worse|best|easier|harder|higher|lower|faster|slower|most|least"
    r"|bigger|greater|brighter|stronger|weaker|larger|smaller|wider|safer|steadier|richer"
)
_VERDICT = re.compile(
    rf"\b(?:which|who|what role|what job)\b[^?.!]{{0,60}}\b(?:{_COMPARATIVES})\b"
    r"|\b(?:pays?|earns?|makes?) (?:more|less|better)\b|\bbetter paid\b|\bhigher (?:salary|pay)\b"
    # "Does a DS out-earn a DA?", "will data science outgrow data engineering?": a verb that
    # is a comparative by its prefix (not "outgrown", which says where someone is).
    r"|\bout-?(?:earn|grow(?!n)|pac|strip|rank|number|perform|shin|sell|class)\w*"
    r"|\bmore (?:in demand|money|statistics|coding|maths?|math)\b"
    # "Is it easier to become X or Y without a degree?", "Would X or Y take home a bigger
    # salary?"
    rf"|\b(?:is it|is|are|does|do|would|will|could|can)\b[^?.!]{{0,80}}\bor\b[^?.!]{{0,80}}"
    rf"\b(?:{_COMPARATIVES})\b"
    r"|\b(?:is it|is|are|does|do)\b[^?.!]{0,30}\b(?:easier|harder|better|worse|faster|slower"
    r"|higher|lower)\b[^?.!]{0,80}\bor\b"
    # "Is data engineering harder than data science?"
    r"|\b(?:easier|harder|better|worse|faster|slower|higher|lower|more \w+|less \w+) than\b",
    re.IGNORECASE,
)


# A question over every role: it speaks of the roles as a set ("of all the jobs", "which of
# these careers", "for each of the roles", "rank the roles"), or asks "which one" with a
# superlative when no role is in play ("which one pays the least?").
_ROLE_NOUNS = r"(?:roles?|jobs?|careers?|paths?|options|positions|ones|professions|occupations)"
_ALL_ROLES = re.compile(
    # "all the roles", "every data job", "each of the eight careers", "all 8 roles"
    rf"\b(?:all|each|every|any) (?:of )?(?:the |these |those |your |the different )?"
    rf"(?:(?:\w+|\d+) ){{0,2}}?{_ROLE_NOUNS}\b"
    rf"|\b(?:the|these|those|your) (?:eight|8|different|various|several|other) (?:data )?"
    rf"{_ROLE_NOUNS}\b"
    r"|\b(?:which|what) of (?:these|those|the|your|all)\b(?: \w+)? (?:roles|jobs|careers|ones)\b"
    r"|\b(?:rank|order|sort|list) (?:the |these |all |your )?(?:roles|jobs|careers)\b"
    r"|\bacross (?:the |your |all |these )?(?:roles|jobs|careers)\b",
    re.IGNORECASE,
)
# A superlative by its ending ("quietest", "friendliest"), without the words that only
# end like one ("suggest", "interest", "latest").
SUPERLATIVE_EST = (
    r"(?!(?:sugg|inter|requ|inv|hon|lat|dig|manif|prot|cont|harv|for|mod|arr|gu|qu|t|r|n|w|ch"
    r"|z|p|v|l|att|det|ing|cong|earn|b)est\b)\w{3,}est"
)
_SUPERLATIVE = re.compile(
    r"\b(?:which|what|who|where)\b(?: (?:one|role|job|career|path))?[^?.!]{0,40}"
    rf"\b(?:least|most|best|worst|lowest|highest|fewest|{SUPERLATIVE_EST})\b",
    re.IGNORECASE,
)


# Asking for a role by name of the thing: "which job is that?", "what role?", "which data job?"
_WHICH_ROLE = re.compile(
    r"\b(?:which|what)\b(?: \w+){0,2} (?:role|job|career|path|position)s?\b"
    r"|\bwhere (?:do|would|could) I fit\b|\bwhat should I (?:do|become|aim for)\b",
    re.IGNORECASE,
)


# A plan request: the word, or steps in an order ("what first, and what after that?").
_PLAN = re.compile(
    r"\b(?:plan|roadmap|road map|steps|in (?:what|which) order|in order"
    r"|(?:what|which) order|the order (?:of|to|in which)|sequence"
    r"|what (?:first|next)|first[^?.]{0,60}\b(?:then|next|after that|afterwards|second|later)"
    r"|schedule|timeline|milestones|learning path"
    # A unit of a sequence said around "by" ("step by step", "stage by stage", "phase by
    # phase", "month-by-month"); not "day by day" or "year by year", which describe the
    # job or its pay, nor "side by side", which compares.
    r"|(?:step|stage|phase|week|month)s?[- ]by[- ](?:step|stage|phase|week|month)"
    r"|study path|curriculum|syllabus)\b",
    re.IGNORECASE,
)
# A time the person gives themselves: "in six months", "within a year", "over 90 days".
_SPAN = re.compile(
    r"\b(?:in|within|over|during) (?:the next |the coming |about |around )?"
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[- ](?:days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)


def wants_plan(text: str, intent: str = "") -> bool:
    """A plan asked for by name, or a move into a role within a time the person gives
    ("how do I become a data engineer within a year?"): the steps, fitted to that time."""
    return bool(_PLAN.search(text)) or (intent in MOVES and bool(_SPAN.search(text)))


# "Which suits a people person?", "what would fit someone who hates meetings?": a kind of
# person, not the asker ("which suits me?" is a role fit), with no role in play.
_SUITS_SOMEONE = re.compile(
    r"^\W*(?:so,? |and |then,? )?(?:which|what)\b(?: one| of (?:them|these|those))?"
    r" (?:suits?|fits?|would (?:suit|fit)|is (?:best |most )?(?:suited|right|good|ideal) for"
    r"|works? (?:best )?for)\s+(?:a|an|someone|somebody|people|anyone|the)\b",
    re.IGNORECASE,
)


_EACH_OF_THEM = re.compile(
    r"\b(?:each|every one|all) of (?:them|those|these)\b|\beach one\b|\bone by one\b"
    # the distributive "N by N" on a role noun: "role by role", "job by job"
    r"|\b(?P<noun>role|job|career|path|position|profession|occupation) by (?P=noun)\b"
    r"|\bside by side\b"
    r"|\bfor each\b"
    # "rank them by pay", "how do the jobs compare on maths?", "what do these careers pay?"
    r"|\b(?:rank|order|sort) (?:them|those|these)\b"
    r"|\b(?:the|these|those) (?:data )?(?:roles|jobs|careers|professions)\b",
    re.IGNORECASE,
)


# A question whose answer is a role: "which job could someone without a degree break into
# most easily?", "what career is mostly about dashboards?". The role noun is the subject of
# the question (a verb follows it), so with no role in play the answer is picked from all of
# them, however far the criterion stands from the question word. A role the person asks for
# themselves ("which job should I choose?") is a fit question, decided before this.
_PICK_ROLE = re.compile(
    rf"^\W*(?:(?:so|and|then|ok|okay|now|tell me|out of curiosity),?\s+)?(?:which|what)\s+"
    rf"(?:(?:kind|type|sort) of\s+)?(?:one\s+of\s+(?:the|these|those|your)\s+)?(?:data\s+)?"
    rf"(?:{_ROLE_NOUNS}|one)\s+(?!of\b|titles?\b|descriptions?\b|ads?\b|boards?\b|postings?\b"
    rf"|market\b|interviews?\b|offers?\b|hunting\b|search\b)[a-z']+"
    # "what role does SQL play?": a role as a part played, not a job
    r"(?![^?.!]*\bplay(?:s|ed)?\b)",
    re.IGNORECASE,
)


def weighs_a_field(text: str, catalog: RoleCatalog) -> bool:
    """ "Which career involves the most software engineering?": a question picking a role by
    a superlative, which names roles only by their fields. The field is what every role is
    weighed on, not the role the question is about."""
    return bool(
        _PICK_ROLE.search(text) and _SUPERLATIVE.search(text) and catalog.by_fields_only(text)
    )


def speaks_of_all_roles(text: str) -> bool:
    """The message speaks of the roles as a set ("each of the jobs", "every role")."""
    return bool(_ALL_ROLES.search(text))


def wants_overview(text: str, named: Sequence[str], earlier: Sequence[str]) -> bool:
    """A question over all roles: the asked aspect for every role, ranked."""
    if named or wants_fit(text):
        return False
    if _ALL_ROLES.search(text):
        return True
    if earlier:
        return False
    # With no role in play, "each of them" and "one by one" can only mean the roles covered,
    # and a question asking for a role ("which job ...?") picks among them.
    return bool(
        _SUPERLATIVE.search(text)
        or _SUITS_SOMEONE.search(text)
        or _EACH_OF_THEM.search(text)
        or (_PICK_ROLE.search(text) and not other_occupation(text))
    )


def is_verdict_question(text: str) -> bool:
    """A comparative question that asks who wins ("which pays more?"), not for a table,
    by its comparative words alone."""
    return bool(_VERDICT.search(text))


def asks_verdict(text: str, weighing: Weighing | None = None) -> bool:
    """Who wins, by the comparative words or by the classifier's confident reading
    ("which one gets the fatter pay cheque?" has no comparative the patterns know)."""
    return (
        is_verdict_question(text)
        or bool(stated_priority(text))
        or (weighing is not None and weighing.verdict)
    )


@dataclass(frozen=True)
class RouteDecision:
    kind: RouteKind
    roles: list[str] = field(default_factory=list)  # the roles to compare or answer for


def decide(
    text: str, named: Sequence[str], earlier: Sequence[str], weighing: Weighing | None = None
) -> RouteDecision:
    """Route a question.

    ``named`` are the roles the question itself names, in order of mention; ``earlier`` the
    roles carried over from the conversation (the last user turn that named any);
    ``weighing`` the classifier's reading, when it ran.
    """
    compared = comparison_roles(named, earlier)
    if len(compared) >= 2 and is_comparative(text, len(named), weighing):
        return RouteDecision("compare", compared)
    if wants_fit(text, named):
        return RouteDecision("fit", list(named))
    return RouteDecision("answer", list(named or earlier))


def comparison_roles(named: Sequence[str], earlier: Sequence[str]) -> list[str]:
    """The roles a comparative question would compare.

    Two or more named roles are compared as named. A follow-up naming one role ("and how do
    they compare with data analysts?") or none ("which pays more?") brings in the roles the
    conversation was about, earlier ones first, so the table reads in the order they came up.
    """
    if len(named) >= 2:
        return list(dict.fromkeys(named))
    room = MAX_COMPARED - len(named)
    return list(dict.fromkeys([*earlier[:room], *named]))


def is_comparative(text: str, named_count: int, weighing: Weighing | None = None) -> bool:
    """Comparative intent; ``named_count`` is how many roles the question itself names."""
    if _COMPARATIVE.search(text) or (weighing is not None and weighing.verdict):
        return True
    if wants_table(text):  # "put those in a table", with the roles the chat went through
        return True
    # Two roles named and a "who wins?" asked ("between X and Y, who has the brighter
    # outlook?"): a comparison, whatever joins the names.
    if named_count >= 2 and (_CHOICE.search(text) or is_verdict_question(text)):
        return True
    # "How does that stack up against a data analyst?", "how do a data analyst's skills
    # measure up to that?", "does a data scientist get more than that?": a role named
    # against a pointer back to the last answer sets the new role beside the last one,
    # whichever verb joins them (the pointer is the structure, not the verb).
    # So does a role named with a word of likeness ("what about a data engineer, same tools?").
    return named_count >= 1 and (
        bool(_THAN.search(text))
        or bool(_LIKENESS.search(text))
        or compares_back(text)
        or refers_back(text)
    )


def wants_fit(text: str, named: Sequence[str] = ()) -> bool:
    if _FIT_DIRECT.search(text):
        return True
    # "I'm a data analyst, what should I do to become a data engineer?" is about one role.
    return not named and bool(_FIT_OPEN.search(text)) and bool(_SELF.search(text))


def profile_of(text: str) -> str:
    """What a fit question says about the person, without the request itself.

    "I enjoy statistics and I know SQL; which role fits me?" is matched against the guides
    as "I enjoy statistics and I know SQL": the request adds nothing about the person and
    pulls every role towards the same generic career-advice wording.
    """
    clauses = [c.strip() for c in re.split(r"(?<=[.;?!])\s+", text) if c.strip()]
    kept = [
        c for c in clauses if _SELF.search(c) or not (_FIT_DIRECT.search(c) or _FIT_OPEN.search(c))
    ]
    return " ".join(kept) if kept else text


def route(turn: Turn) -> Turn:
    """The route step: the kind of answer, the roles it is about and, for a comparison,
    its rows. Questions about jobs the guides do not cover go to "not_covered" here, before
    any search, and a question that needs a role but names none to "clarify" (a question
    back). The answers themselves are the routes' (``bot.routes.table``)."""
    text = turn.text or turn.question
    # Before the other-occupation check: "which has the lowest median pay?" names no job.
    named = [] if weighs_a_field(text, turn.catalog) else turn.named
    if wants_overview(text, named, turn.earlier) and len(turn.catalog) >= 2:
        return replace(turn, route="overview", roles=list(turn.catalog.roles))
    if not turn.named and other_occupation(text):
        return replace(turn, route="not_covered")
    # Two roles named and who wins asked ("who has the stronger outlook?", "I value flexible
    # hours above all: X or Y?") is a comparison, whatever the direction classifier reads.
    settled = len(turn.named) >= 2 and asks_verdict(text, turn.weighing)
    if (turn.direction and not settled) or (
        not turn.named
        and (turn.profile.likes or turn.profile.dislikes)
        and _WHICH_ROLE.search(text)
    ):
        # "I'd rather X than Y. Which job is that?", "X sounds dull to me; I'd rather Y. What
        # should I be?", "X bores me. Y excites me.": a preference and a request for direction.
        return replace(turn, route="fit", roles=[])
    if turn.extends:
        # "And data engineers?" after a table of two: the table again with the new role,
        # on the topic carried (the rows the question names, else every aspect).
        carried = aspects_for_intent(turn.intent.id if turn.intent else None)
        aspects = aspects_named(without_pointer(text)) or carried or aspects_for_question(text)
        roles = comparison_roles(turn.named, turn.earlier)
        return replace(turn, route="compare", roles=roles, aspects=aspects)
    decision = decide(text, turn.named, turn.earlier, turn.weighing)
    if decision.kind == "compare":
        verdict = asks_verdict(text, turn.weighing)
        asked = without_pointer(text)  # "does that stack up": no tech stack row
        aspects = aspects_named(asked) if verdict else aspects_for_question(asked)
        back = wants_table(text) or refers_back(text)
        if back and not aspects_named(asked) and (turn.carried or refers_back(text)):
            # "Can you put those in a table?" after pay questions: the pay row; so is "how
            # does that compare with a data analyst?" after a pay answer, and "is that more
            # or less than data scientists make?" (its topic read from its own words).
            aspects = aspects_for_intent(turn.intent.id if turn.intent else None) or aspects
        return replace(turn, route="compare", roles=decision.roles, aspects=aspects)
    if decision.kind == "fit":
        return replace(turn, route="fit", roles=decision.roles)
    if decision.roles and turn.profile and wants_gap(text):
        return replace(turn, route="skills_gap", roles=decision.roles[:1])
    if decision.roles and (turn.plan or wants_plan(text, turn.intent.id if turn.intent else "")):
        return replace(turn, route="plan", roles=decision.roles[:1])
    if len(decision.roles) > 1 and turn.intent and turn.intent.id in MOVES:
        # "I'm a data analyst; how do I move up to data scientist?" is about the target.
        own = set(turn.catalog.resolve(" ".join(turn.profile.background)))
        target = [r for r in decision.roles if r not in own]
        if target:
            return replace(turn, route="answer", roles=target)
    if not decision.roles and needs_role(turn):
        return replace(turn, route="clarify")
    return replace(turn, route="answer", roles=decision.roles)


# "What am I missing?", "what else do I need to learn?", "what should I learn next?"
_GAP = re.compile(
    r"\bwhat (?:am I|else am I) missing\b|\bwhat else (?:do|should|would) I (?:need|learn)\b"
    r"|\bwhat (?:do|should) I (?:still )?(?:need to )?learn (?:next|now)\b|\bskills? gaps?\b"
    r"|\bwhat(?:'s| is) missing\b|\bam I ready\b|\bgaps? in my\b|\bwhat do I lack\b"
    r"|\bwhat (?:else )?(?:do|would) I need to (?:become|be|get)\b"
    r"|\b(?:which|what) skills? (?:do|would|am) I (?:lack|miss|missing|need to add)\b|\bI lack\b",
    re.IGNORECASE,
)
# Intents that only make sense for a role: "salary?" alone cannot be answered.
_ROLE_SPECIFIC = {
    "salary",
    "tools",
    "skills",
    "technical_skills",
    "soft_skills",
    "typical_day",
    "certifications",
    "education",
    "career_path",
    "interview",
    "outlook",
}
CLARIFY_WORDS = 6
MOVES = {"transition", "getting_started"}


def wants_gap(text: str) -> bool:
    return bool(_GAP.search(text))


def needs_role(turn: Turn) -> bool:
    """A short question about something only a role has ("salary?", "what tools?")."""
    short = len((turn.text or turn.question).split()) <= CLARIFY_WORDS
    # Only without context: after earlier turns a search (or a model's rewrite) may still
    # find what the person means.
    first = not turn.history
    # The word rules, not the classifier: asking back is for a question that is nothing but
    # a topic word ("salary?"); one the classifier reads a topic into ("is database
    # administration a dying career?") may still find its guide in the search.
    asked = intent_of(turn.text or turn.question)
    return first and short and asked is not None and asked.id in _ROLE_SPECIFIC
