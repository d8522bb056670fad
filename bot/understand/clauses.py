"""Two-part questions: "What do they earn, and which tools do they use?" is two questions.

Whether a question is two is the intent reader's decision, not a pattern's: the question
is cut where a clause can start (after a sentence or a semicolon, at a comma, or before a
word that joins clauses: "and", "plus", "also", "as well as" ...), and a cut counts only
when the reader reads each side, on its own, as asking for something, and the two sides
for different things. "How do I become a data analyst, and how long does it take?" reads
one intent on one side and none on the other: one question. Different things means
different sections of the guides: "What do they earn, and are they in demand?" reads pay
and outlook, which the guides answer in one section ("Salary and job outlook"), so it is
one question, answered once (the caller says which intents share a section; by default
only an intent shares its own). So a second sentence, a
semicolon or any joining word splits a question only when what it joins asks something
else, and no list of question openers decides it.

Each part is then answered in turn, the later ones with the earlier ones as their
conversation, so "they" keeps its role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bot.understand.intents import intent_of

# Words that join two clauses in English (a closed class of the grammar, not words of any
# question): a second question may start at one of them.
_JOINERS = (
    r"and|plus|also|as well as|along with|together with|besides|then|but|in addition"
    r"|additionally|what'?s more"
)
# Where a clause may start, strongest first: a cut at a sentence's end is tried before one
# at a comma, and one at a comma before one at a joining word.
_BOUNDARIES = (
    re.compile(r"(?<=[?!;])\s+|(?<=\.)\s+(?=[A-Z])"),
    re.compile(r",\s+"),
    re.compile(rf"\s+(?=(?:{_JOINERS})\b)", re.IGNORECASE),
)
# The joining word a clause opens with, left out when the clause is read or shown.
_LEADING_JOINER = re.compile(rf"^(?:(?:{_JOINERS})\b[\s,]*)+", re.IGNORECASE)
# A clause whose subject is the asker ("I'm an accountant.", "I teach maths;") says who
# asks, not what: it is the context of the question after it, never a part of its own.
_ABOUT_ME = re.compile(r"^(?:I|I'm|I am|I've|I'd|my|we|we're|our)\b", re.IGNORECASE)
# Words a clause that asks something opens with: question words, auxiliaries and modals
# (a closed class of the grammar), and the verbs of a request. A right-hand side of a
# comma or joining word that opens with none is a noun the left side's question shares
# ("What skills and tools does ..."), not a question of its own.
_OPENERS = (
    r"what'?s?|which|how|where|when|who|whom|whose|why|do|does|did|is|are|was|were|can"
    r"|could|should|would|will|may|might|must|have|has|tell|give|describe|list|explain"
    r"|show|name|share"
)
_OPENS_CLAUSE = re.compile(rf"^(?:{_OPENERS})\b", re.IGNORECASE)
_HOLDS_CLAUSE = re.compile(rf"\b(?:{_OPENERS})\b", re.IGNORECASE)
# A request's verb distributes over what it joins ("Tell me the hours as well as the
# degree they need" asks for both): its left side may be followed by a noun.
_REQUEST = re.compile(r"^(?:tell|give|describe|list|explain|show|name|share)\b", re.IGNORECASE)
MAX_PARTS = 3
# A side of a cut shorter than this is a word or two of the other clause ("Also, ...").
MIN_WORDS = 2
# Each side must read its own intent at least this well (a fragment such as "in plain
# terms" sits near nothing: 0.39), and this far ahead of the other side's intent: a
# clause is a part of its own only when it asks for something the other does not.
MIN_SCORE = 0.5
MIN_APART = 0.1
NONE = "none"

# A clause's score per intent id ("none": nothing in particular); empty when unread.
Reader = Callable[[str], Mapping[str, float]]
# Whether two intent ids are answered from the same section of the guides in play.
SameSection = Callable[[str, str], bool]


def only_itself(first: str, second: str) -> bool:
    """With no guides to read the sections from, an intent shares a section only with
    itself."""
    return first == second


def by_rules(text: str) -> dict[str, float]:
    """The word rules as a reader: the first intent they name, fully sure."""
    found = intent_of(text)
    return {found.id: 1.0} if found else {}


def parts_of(text: str, read: Reader = by_rules, same: SameSection = only_itself) -> list[str]:
    """The clauses of a question that ask for different things ([text] when it is one
    question). ``read`` scores a clause per intent (the chatbot's classifier; the word
    rules without one); ``same`` says which intents one section of the guides answers
    (two clauses asking for those are one question)."""
    cache: dict[str, Mapping[str, float]] = {}

    def reading(piece: str) -> Mapping[str, float]:
        if piece not in cache:
            cache[piece] = read(piece)
        return cache[piece]

    pieces = _cut(text.strip(), reading, same, MAX_PARTS)
    if len(pieces) < 2:
        return [text]
    end = text.strip()[-1:] if text.strip()[-1:] in ("?", ".", "!") else "?"
    return [_asked(p, end) for p in pieces]


def _cut(text: str, read: Reader, same: SameSection, room: int) -> list[str]:
    """The question cut at its strongest boundary whose two sides ask different things,
    the rest cut again while there is room; [text] when no cut reads so."""
    if room < 2:
        return [text]
    for n, boundary in enumerate(_BOUNDARIES):
        for match in boundary.finditer(text):
            left, right = _clause(text[: match.start()]), _clause(text[match.end() :])
            if n > 0 and not _own_clause(left, right):
                continue
            if apart(read(left), read(right), same) and not _ABOUT_ME.match(left):
                return [left, *_cut(right, read, same, room - 1)]
    return [text]


def _own_clause(left: str, right: str) -> bool:
    """Can the right side of a comma or joining word be read alone as a question or
    request, and does the left side hold one? Only then may it be cut off: "and how do they
    progress?" opens a question of its own, "and tools does a data engineer need?" finishes
    the left side's; "Role by role, what degrees ...?" has no question before its comma
    (a phrase that frames the one after it), "For data engineers, what do they earn" has."""
    right_opens = bool(_OPENS_CLAUSE.match(right) or _REQUEST.match(left))
    return right_opens and bool(_HOLDS_CLAUSE.search(left))


def apart(
    left: Mapping[str, float], right: Mapping[str, float], same: SameSection = only_itself
) -> bool:
    """Do two clauses each ask for one thing, and different things (things the guides
    answer in different sections)?"""
    first, second = _best(left), _best(right)
    if not first or not second or first == second or same(first, second):
        return False
    return (
        left[first] - left.get(second, 0.0) >= MIN_APART
        and right[second] - right.get(first, 0.0) >= MIN_APART
    )


def _best(scores: Mapping[str, float]) -> str:
    if not scores:
        return ""
    label = max(scores, key=lambda name: scores[name])
    return label if label != NONE and scores[label] >= MIN_SCORE else ""


def _clause(piece: str) -> str:
    """A side of a cut as a clause of its own: no joining word before it, no comma or
    semicolon after it."""
    clause = _LEADING_JOINER.sub("", piece.strip(" ,;")).strip(" ,;")
    return clause if len(clause.split()) >= MIN_WORDS else ""


def _asked(piece: str, end: str) -> str:
    """A part as shown: capitalised, with its own closing mark, or else the whole
    question's ("Describe a day for them as well as the pay." is two requests, not two
    questions)."""
    piece = piece[:1].upper() + piece[1:]
    return piece if piece[-1:] in ("?", ".", "!") else piece + end
