"""Opinion: whether a part of what someone says about work is something they want or want to
avoid, and what that something is.

"I love digging into numbers but hate sitting in meetings", "not into meetings at all, I just
want to build backend systems", "anything but coding all day": a role fit must raise the
roles whose guides describe the first and lower those that describe the second. The profile's
phrasings (``bot.understand.profile``) catch the common openings ("I hate ...", "I'd rather
X than Y"); this module decides the rest, side by side of a contrast:

- sentiment words with their negation ("not keen on", "tired of", "miserable") come from
  VADER (``vaderSentiment``), a lexicon and rules made for short informal text, shipped in
  its wheel, no model to load;
- aversion said by grammar rather than by a sentiment word ("not into X", "anything but X",
  "keep me away from X", "less X", "no more X", "X is not for me"), which VADER scores as
  neutral, is matched by those frames, whatever X is.

What the side is about (``Opinion.thing``) is the side without its opinion frame: the words
that are then compared with every role's guide by embedding similarity (``bot.routes.fit``).
Pure functions over text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Polarity = Literal["like", "dislike", "neutral"]

# VADER's own thresholds for a positive or negative text.
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05

# Where one side of a contrast ends and the other begins: "X but Y", "X, though Y",
# "X; Y", "X, I Y" (a new clause with its own subject).
_SIDES = re.compile(
    r"\s*[;.!?]\s+|\s*,?\s+\b(?:but|though|although|however|whereas|while|yet)\b,?\s+"
    r"|,\s+(?=(?:I|I'm|I'd|I've|and I|just)\b)"
    # "less reporting, more engineering - which role?": a dash before the question
    r"|\s+[-–—]+\s+(?=(?:which|what|where|who|how|any|so)\b)",
    re.IGNORECASE,
)
# Where a side may hold two opinions of opposite sign with no "but": "not keen on
# dashboards, love building pipelines", "I like statistics and dislike infrastructure".
_JOINS = re.compile(r",\s+|\s+and\s+|\s*;\s*", re.IGNORECASE)
_EXCLUDING_BUT = re.compile(r"\b(?:anything|nothing|everything|all) but\b", re.IGNORECASE)
_QUESTION = re.compile(
    r"^(?:which|what|where|how|who|whom|why|when|should|could|can|would|will|is|are|do|does"
    r"|am|any (?:ideas|suggestions|advice))\b(?!['’]t)"  # "can't stand X" says, not asks
    # a question inside a statement: "I want to know which role uses Spark"
    r"|.*\b(?:want|like|love|need|wish) to (?:know|find out|understand|learn (?:about|which|what))"
    r"|.*\b(?:wondering|curious|tell me|can you|could you|would you|please explain)\b",
    re.IGNORECASE,
)
# A free relative as the subject of a statement: "what I really enjoy is writing SQL
# models", "where I shine is explaining numbers". The question word opens no question here:
# the person comes next with no auxiliary before them (a question inverts: "what do I ..."),
# and a copula names the thing. What follows the copula is the thing said.
_FREE_RELATIVE = re.compile(
    r"^(?:what|where|how)\s+(?:I|I'm|I'd|I've)\s+(?!(?:should|could|can|would|will|do|did"
    r"|must|might|may|shall)\b)[^?]*?\b(?:is|are|was|would be)\s+(?P<thing>[^?]+?)[\s.!]*$",
    re.IGNORECASE,
)
# A negated negative: "I don't mind meetings", "I wouldn't hate it", "not bad".
# "n't" has no word boundary before it ("isn't", "doesn't"): only after.
_NEGATION = r"(?:\bnot\b|n't\b|\bnever\b)"
_NEGATED = re.compile(_NEGATION, re.IGNORECASE)
# Aversion in grammar VADER has no word for: negated interest, exclusion, distance, "less".
_AVERSE = re.compile(
    rf"{_NEGATION}[^,;.]{{0,20}}?\b(?:into|for me|my thing|my cup of tea|interested|keen"
    r"|a fan|fond|excited|want|wanna|like|enjoy|love|good at|suited|cut out)\b"
    r"|\banything but\b|\bno more\b|\bless (?:of )?\b|\bfewer\b|\baway from\b|\bwithout\b"
    r"|\bnot (?:\w+ )?(?:all day|every day|constantly)\b|\b(?:avoid|escape|skip|dodge)\b"
    r"|\b(?:drains?|wears? me out|tires? me|exhausts?|bores?|puts? me off|turns? me off)\b"
    r"|\b(?:tedious|nightmare|soul-destroying|draining|dreary|mind-numbing|a chore|a slog)\b"
    # a wanting denied: "I have zero interest in X", "I've little patience for X"
    r"|\b(?:have|has|'ve|got)\s+(?:no|little|zero|not much|not any)\s+(?:real\s+)?(?:interest"
    r"|desire|wish|patience|appetite|passion|love|enthusiasm)\b"
    r"|\bleast (?:favou?rite|enjoyable)\b|\bdone with\b|\bover it\b|\brather not\b"
    r"|\bcan'?t stand\b|\bcannot stand\b|\bcan'?t bear\b"
    # idioms of indifference or gloom with no sentiment word VADER knows
    r"|\b(?:leaves?|left) me cold\b|\b(?:does|do) nothing for me\b|\b(?:gets?|grinds?) me down\b"
    r"|\b(?:puts?|sends?) me to sleep\b|\bmakes? me yawn\b",
    re.IGNORECASE,
)
# Acceptance said by denying a dislike: "I don't mind SQL", "I wouldn't object to meetings",
# "I'm fine with on-call". The negation reverses the dislike word; what it is said of is
# welcome, if mildly: a like, so that "I don't mind SQL but hate dashboards" still ranks by
# SQL and not by dashboards alone.
_ACCEPTS = re.compile(
    r"\b(?:don't|do not|doesn't|does not|wouldn't|would not|never|not)\s+(?:really\s+)?"
    r"(?:mind|hate|dislike|object to|care about avoiding)\b"
    r"|\b(?:fine|okay|ok|happy|comfortable) (?:with|doing)\b",
    re.IGNORECASE,
)
# Wanting said without a sentiment word: "I just want to build backend systems", "give me
# tested models", "my dream is to ship products", "I'm drawn to research".
_WANTS = re.compile(
    r"\b(?:want|wanna|would like|'d like|hope|aim|dream|prefer|rather|give me|let me|drawn to"
    r"|looking for|excited|keen|into|happiest|thrive|favou?rite|appeals?|fan of|after)\b"
    # "more engineering", "more of the modelling": asking for more of a thing
    r"|^more\b",
    re.IGNORECASE,
)
# The frame around the thing: subject, opinion verb and linking words at the start, the
# verdict at the end ("writing reports bores me" -> "writing reports").
_FRAME_START = re.compile(
    r"^(?:(?:and|so|also|just|really|truly|honestly|actually|definitely|absolutely|please)\s+)*"
    r"(?:(?:I|I'm|I'd|I've|I am|I would|I do|me|my|give me|let me)\b\s*)?"
    r"(?:(?:really|just|truly|much|far|definitely|absolutely|also|still|wouldn't|would not"
    r"|would|do|don't|do not"
    r"|not|never|rather|am|'m|'d|could|can|should|might|will|happily|gladly)\s+)*"
    r"(?:(?:hate|dislike|loathe|detest|dread|can't stand|cannot stand|love|like|enjoy|prefer"
    r"|want|wanna|need|avoid|escape|skip|into|keen on|a fan of|fond of|interested in"
    r"|passionate about|excited about|tired of|sick of|fed up with|done with|drawn to"
    r"|good at|looking for|take|anything but|no more|less of|less|fewer|away from|without"
    r"|rather|(?:a )?(?:big |huge |massive |real )?fan of|mind|object to"
    r"|(?:fine|okay|ok|happy|comfortable) (?:with|doing)"
    r"|keep me away from|would like|'d like|to|more of|more"
    # "I have no interest in X", "I've little patience for X": a noun of wanting, denied
    r"|(?:have|has|'ve|got)\s+(?:no|little|zero|not much|not any)\s+[\w-]+\s+(?:in|for))\b\s*)+",
    re.IGNORECASE,
)
_FRAME_END = re.compile(
    r"\s*(?:,?\s*(?:at all|please|any day|ever|again|anymore|any more|for me|thanks))*"
    r"(?:\s+(?:is|are|sounds?|seems?|feels?|looks?|gets?|makes? me|leaves? me)?\s*"
    r"(?:like\s+)?(?:(?:really|so|very|a|an|just|pretty|quite|not|my)\s+)*"
    r"(?:bores? me|boring|dull|tedious|awful|terrible|horrible|miserable|a nightmare|nightmare"
    r"|drains? me|draining|exhausting|exhausts? me|not for me|not my thing|a chore|a slog"
    r"|soul-destroying|mind-numbing|tires? me|wears? me out|puts? me off|turns? me off"
    r"|least favou?rite(?: part)?|fun|great|exciting|amazing|my thing|for me))?[\s.!?]*$",
    re.IGNORECASE,
)


# A discourse opener before the side proper: "Honestly, building reports is a chore".
_OPENER = re.compile(
    r"^(?:(?:to be honest|tbh|in truth|if I'm honest|well|ok(?:ay)?|look|so|\w+ly),\s*)+",
    re.IGNORECASE,
)
# A judgement with the thing as object: "I find statistics dull", "I found reporting a
# chore": the thing sits between the verb and its last word or two (the judgement).
_FIND = re.compile(
    r"^(?:I\s+)?(?:really\s+)?(?:find|found|consider)\s+(?P<thing>.+?)\s+(?:(?:really|so|very"
    r"|quite|pretty|rather|too|a|an|bit|kind of|utterly|deeply)\s+)*[\w-]+[\s.!]*$",
    re.IGNORECASE,
)
# A request for the thing itself: "give me Kubernetes clusters", "let me train models".
_REQUEST = re.compile(r"^(?:give me|let me|show me|hand me|bring on)\s+", re.IGNORECASE)
# Something said *of* a thing, the thing first: "<thing> <predicate>". The predicate opens
# with a linking verb ("is fun", "sounds dull to me", "is my jam", "is not") or a verb whose
# object is the person ("excites me", "leaves me cold", "puts me off", "appeals to me",
# "gets me going"). Whatever the verb, the words before it are what the person is talking
# about, and the predicate alone carries the opinion: people say what they like and dislike
# in this shape as often as with "I like ...", and with any verb.
_LINKING = (
    r"is|are|was|were|'s|sounds?|seems?|feels?|looks?|gets?|does|do|doesn't|don't|isn't"
    r"|aren't"
    # "has never been my strength", "have always been my favourite part"
    r"|(?:have|has|had)(?:n't)?\s+(?:(?:never|not|always|really)\s+)?been"
)
_PREDICATED = re.compile(
    rf"^(?P<thing>(?!(?:I|I'm|I'd|I've|me|my|you|it|that|this|there|what|which|how|why|when|where|who)\b)\S.*?)\s+"
    # a modal may come first: "coding all day would make me miserable"
    rf"(?P<predicate>(?:(?:would|will|could|might|can|may)\s+)?(?:(?:{_LINKING}|be)\b.*"
    r"|[A-Za-z]+\s+(?:(?:to|at|on|with|for)\s+)?me\b.*))$",
    re.IGNORECASE,
)
# A predicate that only denies what was said of the thing before it: "Forecasting thrills
# me; configuring infrastructure does not." The opinion is the opposite of the last one.
_DENIAL = re.compile(
    r"^(?:(?:is|are|does|do|was|were)\s*(?:not|n't)|don't)"
    r"(?:\s+(?:so much|really|at all|quite))?[\s.!]*$",
    re.IGNORECASE,
)
# A predicate that only affirms, its words left out because the side before said them:
# "Writing lots of Python is not for me; explaining trends in Tableau is." Said after a
# dislike it is the contrast (what the other side denied, this side has: a like), unless
# it echoes ("... does too", "... is as well"); after a like it repeats the like.
_AFFIRMED = re.compile(
    r"^(?:is|are|does|do|was|were|'s)(?P<echo>\s+(?:too|also|as well|either))?"
    r"(?:\s*,?\s*(?:though|for sure|definitely|instead|really))?[\s.!]*$",
    re.IGNORECASE,
)
# What is passed over, said first: "Rather than maintaining servers, ..." (the clause after
# the comma, with its own subject, is a side of its own).
_PASSED_OVER = re.compile(
    r"^(?:rather than|instead of|as opposed to|in place of)\s+(?P<thing>[^,;]+?)[\s,.;]*$",
    re.IGNORECASE,
)
# The predicate speaks of the person ("is my jam", "is what I'm after", "gets me going").
_TO_ME = re.compile(r"\b(?:me|my|I|I'm|I am)\b")


@dataclass(frozen=True)
class Opinion:
    polarity: Polarity
    thing: str  # what the side is about, without its opinion frame
    text: str  # the side as said


@functools.lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def sides(text: str) -> list[str]:
    """The parts of ``text`` that can hold opinions of their own, in order. A question
    ("which role fits me?") is no side: it asks, it does not say what the person wants."""
    # "anything but X", "all but X": that "but" excludes, it does not join two sides.
    guarded = _EXCLUDING_BUT.sub(lambda m: m.group(0).replace(" ", "\x00"), text)
    out = []
    for raw in _SIDES.split(guarded):
        side = raw.replace("\x00", " ").strip(" ,")
        if side and not is_question(side):
            for piece in _said_of_things(side):
                out += _contrasted(piece)
    return out


def _contrasted(side: str) -> list[str]:
    """ "Not keen on dashboards, love building pipelines" -> the two sides, split where a
    comma or "and" joins a like to a dislike. Only a split whose two pieces hold opposite
    opinions is made: "I like Python, SQL and dashboards" is one list, one like."""
    side = _OPENER.sub("", side)  # "Honestly, X is a chore": no side of its own
    for match in _JOINS.finditer(side):
        left, right = side[: match.start()].strip(" ,"), side[match.end() :].strip(" ,")
        if len(left.split()) < 2 or len(right.split()) < 2:
            continue
        first, second = opinion_of(left).polarity, opinion_of(right).polarity
        if {first, second} == {"like", "dislike"}:
            return [left, *_contrasted(right)]
    return [side]


def _said_of_things(side: str) -> list[str]:
    """ "Deep learning fascinates me, dashboards leave me cold": two things, each with what
    is said of it, joined by a comma only. Split there when every piece has that shape (a
    list, "tidy, tested models", has not)."""
    pieces = [p.strip() for p in re.split(r",\s+", _OPENER.sub("", side)) if p.strip()]
    if len(pieces) > 1 and all(predicated(p) is not None for p in pieces):
        return pieces
    return [side]


def is_question(text: str) -> bool:
    """``text`` asks rather than says ("which role fits me", "I want to know which ...")."""
    text = text.strip()
    return bool(_QUESTION.match(text)) and not _FREE_RELATIVE.match(text)


def said_by_relative(text: str) -> bool:
    """ "What I really enjoy is writing SQL models": the thing follows the copula, and the
    verb inside the relative ("enjoy") carries the opinion, not an "I enjoy X" opening."""
    return bool(_FREE_RELATIVE.match(text.strip()))


def sentiment(text: str) -> float:
    """VADER's compound score, -1 (negative) .. 1 (positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def opinion_of(side: str, before: Polarity = "neutral") -> Opinion:
    """Like, dislike or neither, for one side of what someone said; ``before`` is the
    opinion of the side before it, which a bare denial ("... does not") turns round."""
    if passed := _PASSED_OVER.match(" ".join(side.split())):
        return Opinion("dislike", thing_of(passed.group("thing")), side)
    said = predicated(side)
    if said is not None:
        return _of_predicate(side, *said, before)
    thing = thing_of(side)
    # The feeling is in the frame around the thing, not in the thing's own words: "I want
    # to forecast demand", "I'd love to work on fraud and risk" are wants, whatever VADER
    # makes of "demand" or "fraud".
    frame = side.replace(thing, " ") if thing and thing != side and thing in side else side
    score = sentiment(frame)
    averse = bool(_AVERSE.search(side))
    # "I don't mind meetings", "I wouldn't hate it": a negated negative is VADER's call;
    # otherwise the aversion frame wins over a stray positive word ("sounds like a
    # nightmare" scores positive on "like").
    negated_negative = score >= 0.3 and bool(_NEGATED.search(side))
    if _ACCEPTS.search(side) and not _AVERSE.search(_ACCEPTS.sub(" ", side)):
        return Opinion("like", thing, side)
    if (averse and not negated_negative) or score <= NEGATIVE_AT:
        return Opinion("dislike", thing, side)
    if score >= POSITIVE_AT or _WANTS.search(side):
        return Opinion("like", thing, side)
    return Opinion("neutral", thing, side)


def predicated(side: str) -> tuple[str, str] | None:
    """ "Writing SQL all day sounds dull to me" -> ("Writing SQL all day", "sounds dull to
    me"); None when the side is not said of a thing that comes first."""
    text = _OPENER.sub("", " ".join(side.split()))
    found = _PREDICATED.match(text.rstrip(" .!"))
    if found is None:
        return None
    return found.group("thing").strip(" ,"), found.group("predicate")


def _of_predicate(side: str, thing: str, predicate: str, before: Polarity) -> Opinion:
    if _DENIAL.match(predicate):
        turned: Polarity = {"like": "dislike", "dislike": "like"}.get(before, "neutral")  # type: ignore[assignment]
        return Opinion(turned, thing, side)
    if affirmed := _AFFIRMED.match(predicate):
        if before == "neutral":
            return Opinion("neutral", thing, side)  # nothing said before to echo or contrast
        echoed: Polarity = before if affirmed.group("echo") else "like"
        return Opinion(echoed, thing, side)
    score = sentiment(predicate)
    negated_negative = score >= 0.3 and bool(_NEGATED.search(predicate))
    if (_AVERSE.search(predicate) and not negated_negative) or score <= NEGATIVE_AT:
        return Opinion("dislike", thing, side)
    # A denied predicate VADER finds no feeling in ("aren't my scene", "is not something I
    # care about", "has never been my strength"): whatever it denies of the thing, the
    # person does not want it. A denied negative ("doesn't scare me") scores positive above.
    if _NEGATED.search(predicate) and score < POSITIVE_AT:
        return Opinion("dislike", thing, side)
    # Said of the thing in terms of the person and not against it ("is my jam", "gets me
    # going", "is what I'm after"): what they want.
    if score >= POSITIVE_AT or _WANTS.search(predicate) or _TO_ME.search(predicate):
        return Opinion("like", thing, side)
    return Opinion("neutral", thing, side)


def thing_of(side: str) -> str:
    """ "I hate sitting in meetings" -> "sitting in meetings"; "writing reports bores me"
    -> "writing reports"."""
    text = _REQUEST.sub("", _OPENER.sub("", " ".join(side.split())), count=1)
    if relative := _FREE_RELATIVE.match(text):
        return relative.group("thing").strip(" ,")
    if found := _FIND.match(text):
        return found.group("thing")
    if (said := predicated(text)) is not None:
        return said[0]
    stripped = _FRAME_START.sub("", text, count=1)
    stripped = _FRAME_END.sub("", stripped, count=1).strip(" ,;:")
    return stripped or text


def opinions(text: str) -> list[Opinion]:
    """Every side of ``text`` that says what its author wants or wants to avoid."""
    out: list[Opinion] = []
    before: Polarity = "neutral"
    for side in sides(text):
        opinion = opinion_of(side, before)
        if opinion.polarity != "neutral":
            out.append(opinion)
            before = opinion.polarity
    return out
