"""Specifics a question asks for that career guides rarely have: a place ("in Seattle"), an
employer ("at Google", "at a startup"), a year ("in 2015"), any other named thing ("the
H-1B rules"), a duration ("how many months does it take?").

The question's specifics are found by their form, not from a list of places or employers:
a name (a capitalised word or run of words that is not the first of its sentence, or a word
with capitals and digits such as "H-1B"), a year, or "at a <something>". Whether the guides
lack one is then decided by the retrieved guide text itself: a specific it never mentions
is missing. The answer says so first, plainly, then gives what the guides do say (with the
limits of their figures), instead of quoting unrelated sentences as if they answered it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.understand.examples import LabelledExamples, read_examples

SpecificKind = Literal["place", "employer", "year", "name", "duration", "qualifier", "own", "facet"]


@dataclass(frozen=True)
class Specific:
    kind: SpecificKind
    words: str  # as the question says it: "Seattle", "Google", "a startup", "2015"
    # For a qualifier in lowercase ("with a criminal record", "visa rules"): the words
    # whose absence from the guides' text shows they do not speak to it ("criminal record").
    key: str = ""


# A name: capitalised words (with "of"/"and"/"&" inside a run: "Bank of America"), or a
# token mixing capitals and digits ("H-1B", "O-1").
_NAME = re.compile(
    r"\b(?:[A-Z][\w'&.-]*[A-Za-z0-9])(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'&.-]*[A-Za-z0-9])*"
    r"|\b[A-Z]+-?\d+[A-Z]*\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "at a startup", "working for a bank", "join an agency": an employer described, not named.
_AT_A = re.compile(
    r"\b(?:at|(?:work|works|working|worked) (?:for|in|with)|join|joining|joined) "
    r"(?P<w>(?:a|an) (?:[a-z-]+ ){0,2}?[a-z-]+?)"
    r"(?=[?,.;!]|\s+(?:or|and|than|as|vs|without|with|in|for|to|if|when|instead)\b|$)"
)
# The word before a name says what it is: "in Berlin" a place, "at Google" an employer.
_PLACE_BEFORE = re.compile(r"\b(?:in|around|near|across|from|to)\s+(?:the\s+)?$", re.I)
_EMPLOYER_BEFORE = re.compile(r"\b(?:at|for|by|join|joining|with)\s+$", re.I)
_EMPLOYER_AFTER = re.compile(r"^\s+(?:offer|pay|give|hire|hires|pays|offers|gives)\b", re.I)
_DURATION = re.compile(
    r"\bhow (?:long|many (?:months|years|weeks))\b|\bhow quickly\b|\bhow fast can I\b",
    re.IGNORECASE,
)
# The start of a sentence: its first word is capitalised whatever it is.
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\W*$")
# The pronoun and words written in capitals for emphasis are not names.
_NOT_A_NAME = re.compile(r"^(?:I|I'm|I've|I'd|I'll|OK|Ok)$")


def specifics_of(text: str, role_words: Sequence[str] = ()) -> list[Specific]:
    """The specifics ``text`` asks for; ``role_words`` (the catalog's role names) are never
    taken for one. Whether the guides have them is ``missing_from``'s to decide."""
    roles = {w.lower() for name in role_words for w in name.split()}
    found: list[Specific] = []
    for match in _NAME.finditer(text):
        words = match.group(0).rstrip(".'")
        before, after = text[: match.start()], text[match.end() :]
        first = words.split()[0]
        if _NOT_A_NAME.match(first) or first.lower() in roles or _YEAR.fullmatch(words):
            continue
        if _SENTENCE_START.search(before) and not re.search(r"\d|[A-Z]{2}", first):
            # A capital that only opens the sentence: the rest of the run may be a name.
            rest = words.split()[1:]
            if not rest or rest[0].lower() in {"of", "and", "&"}:
                continue
            words = " ".join(rest)
        if re.search(r"\d", words):
            # "H-1B", "O-1": a code (a visa, a form), never a place or an employer.
            kind: SpecificKind = "name"
        elif _PLACE_BEFORE.search(before):
            kind = "place"
        elif _EMPLOYER_BEFORE.search(before) or _EMPLOYER_AFTER.match(after):
            kind = "employer"
        else:
            kind = "name"
        found.append(Specific(kind, words))
    for match in _YEAR.finditer(text):
        found.append(Specific("year", match.group(0)))
    for match in _AT_A.finditer(text):
        words = match.group("w")
        if not any(w in roles for w in words.split()[1:]):
            found.append(Specific("employer", words))
    if _DURATION.search(text):
        found.append(Specific("duration", "how long it takes"))
    return list(dict.fromkeys(found))


def _folded(text: str) -> str:
    """Text as mentions are looked up in: "U.S." is "US", "start-up" is "startup"."""
    return re.sub(r"(?<=\w)-(?=\w)", "", text.replace(".", ""))


def missing_from(specifics: Sequence[Specific], texts: Sequence[str]) -> list[Specific]:
    """The specifics none of ``texts`` (the retrieved guide text) mention."""
    cased = _folded(" ".join(texts))
    joined = cased.lower()
    out = []
    for specific in specifics:
        if specific.kind == "duration":
            said = bool(re.search(r"\b\d+\s*(?:to\s*\d+\s*)?(?:months|weeks)\b", joined))
        else:
            key = re.sub(r"^(?:a|an)\s+", "", _folded(specific.words.lower()))
            # Any of its words for a described employer ("a large bank": "bank"), the whole
            # name for a named one.
            described = specific.words[:2].lower() in {"a ", "an"}
            words = [w for w in key.split() if len(w) > 2] if described else [key]
            if specific.kind == "employer" and not described:
                said = _named_in(key, cased)
            else:
                said = any(re.search(rf"\b{re.escape(w)}s?\b", joined) for w in words)
        if not said:
            out.append(specific)
    return out


def _named_in(employer: str, text: str) -> bool:
    """Whether ``text`` names the employer itself, not only a product whose name starts with
    it: "Amazon Redshift" is no mention of Amazon as an employer, nor "Google BigQuery" of
    Google (the name matched in any case, the next word's capital as written)."""
    pattern = rf"\b(?i:{re.escape(employer)})s?\b(?!\s+[A-Z0-9][\w-]*[a-z0-9])"
    return bool(re.search(pattern, text))


def as_said(specific: Specific) -> str:
    """A qualifier as careerbot says it back, and as the qualifier classifier reads it:
    "from abroad" is "working from abroad" (the phrase alone reads as a place of origin)."""
    prep = specific.words.partition(" ")[0]
    return f"working {specific.words}" if prep in ("from", "without") else specific.words


def _about(specific: Specific) -> str:
    """ "anything about a criminal record", "anything about working from abroad"."""
    words = specific.words
    prep, _, rest = words.partition(" ")
    if prep in ("with", "on", "under"):
        return f"anything about {rest}"
    if prep in ("in", "at", "near", "outside"):
        return f"anything specific to {rest}" if prep != "outside" else f"anything about {words}"
    return f"anything about {as_said(specific)}"


def admission(missing: Sequence[Specific], figure_note: str = "") -> str:
    """The opening that says, plainly, what the guides do not say."""
    pieces = []
    for specific in missing:
        if specific.kind == "place":
            pieces.append(f"anything specific to {specific.words}")
        elif specific.kind == "employer":
            pieces.append(f"what {specific.words} in particular pays or expects")
        elif specific.kind == "year":
            pieces.append(f"anything for {specific.words}")
        elif specific.kind == "name":
            pieces.append(f"anything about {specific.words}")
        elif specific.kind == "own":
            pieces.append(f"anything specific to {specific.words}")
        elif specific.kind == "qualifier":
            pieces.append(_about(specific))
        elif specific.kind == "facet":
            pieces.append(FACET_SAID.get(specific.key, f"anything about {specific.words}"))
        else:
            pieces.append("how long it takes")
    said = " or ".join(dict.fromkeys(pieces))
    note = f" {figure_note}" if figure_note else ""
    return f"The guides don't say {said}; here is the closest they come.{note}"


# --- qualifiers in lowercase: "visa rules", "in my city", "with a criminal record" ---------
# A question narrows what it asks by phrases that carry no capital: a prepositional phrase
# ("with a criminal record", "from abroad"), a rule or requirement ("visa rules"), a work
# arrangement ("part-time"). Found by form; whether the guides speak to one is decided by
# the retrieved text (``bot.routes.lacking``), never by a list of topics.
# fmt: off
_STOP = frozenset([
    "a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "that",
    "these", "those", "some", "any", "me", "you", "it", "them", "i", "we", "they", "one",
])
# fmt: on
_PP = re.compile(
    r"\b(?P<prep>in|at|with|without|from|on|under|near|outside)\s+"
    r"(?P<np>(?:(?:my|our|a|an|the|your|his|her|their|this|that|some)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?=\s*(?:[?.!,;:)]|$)|\s+(?:or|and|but|if|as|than|so|because|when|while|what|which|who"
    r"|how|to|into|do|does|is|are|can|could|would|will|should|for|in|at|with|without|from|on"
    r"|like|compared|still|already|also|even|ever|really|just|become|get|be|find|land"
    r"|make|earn|do|have)\b)"
)
_RULES = re.compile(
    r"\b(?P<np>[a-z][\w-]+)\s+(?:rules|laws|regulations|requirements|restrictions|policies"
    r"|sponsorship|permits?|quotas?|status)\b"
)
_ARRANGEMENT = re.compile(
    r"\b(?:part[- ]time|half[- ]time|freelanc\w*|self[- ]employed|on contract|as a contractor"
    r"|zero[- ]hours?|job[- ]shar\w*|seasonal)\b",
    re.IGNORECASE,
)
# Sayings, not qualifiers.
_IDIOM = re.compile(
    r"^(?:in|at|on|from|with) (?:general|all|first|least|most|total|practice|order|fact|short"
    r"|particular|advance|average|detail|theory|mind|the end|the long run|the future|future"
    r"|the meantime|the first place|my own|your own|the job|a nutshell|a way|some way|time"
    r"|a row|now|once|the moment|the same time)$",
    re.IGNORECASE,
)
# A move's verb before "from": what follows is where the person starts, not a qualifier.
_MOVE_BEFORE = re.compile(
    r"\b(?:start|starting|come|coming|move|moving|switch|switching|transition|transitioning"
    r"|change|changing|pivot|pivoting|go|going|get|getting)(?: out| over| across)?\s+$",
    re.IGNORECASE,
)
# The asker's own place or employer ("in my city", "at my company"): no guide can say what
# holds there.
_OWN_PLACE = re.compile(
    r"^(?:my|our) (?:home )?(?:city|town|country|region|area|state|county|province|village"
    r"|company|employer|firm|office|workplace|organi[sz]ation|industry|sector|neighbou?rhood"
    r"|location|part of the world|local area)$",
    re.IGNORECASE,
)


def qualifiers_of(text: str, role_words: Sequence[str] = ()) -> list[Specific]:
    """The lowercase qualifiers ``text`` narrows its question by (role names taken out)."""
    roles = {w.lower() for name in role_words for w in name.split()}
    found: list[Specific] = []
    for match in _PP.finditer(text):
        phrase = " ".join(match.group(0).split())
        np = match.group("np")
        after = text[match.end() :]
        before = text[: match.start()]
        if _IDIOM.match(phrase) or re.match(r"\s*(?:in)?to\b", after):
            continue  # a saying, or where a move starts from ("from teaching to data")
        if re.match(r"(?:what|which|whose|how)\b", np, re.IGNORECASE):
            continue  # a question's own words ("and in what way?"), nothing it narrows to
        if match.group("prep") == "from" and _MOVE_BEFORE.search(before):
            continue  # "starting from accountant", "coming from retail": the person's start
        if _OWN_PLACE.match(np):
            found.append(Specific("own", _yours(np), np.split()[-1]))
            continue
        key = _content(np, roles)
        if key:
            found.append(Specific("qualifier", _yours(phrase), key))
    for match in _RULES.finditer(text):
        key = _content(match.group("np"), roles)
        if key:
            found.append(Specific("qualifier", match.group(0), key))
    for match in _ARRANGEMENT.finditer(text):
        key = match.group(0).lower().replace(" ", "-")
        words = key if key.endswith(("ing", "work")) or " " in key else f"{key} work"
        found.append(Specific("qualifier", words, key))
    return _distinct(found)


def _distinct(found: Sequence[Specific]) -> list[Specific]:
    """One qualifier per thing asked: "on a visa sponsorship" and "visa sponsorship" are one."""
    out: list[Specific] = []
    for specific in found:
        words = set(specific.key.split())
        if not any(words <= set(o.key.split()) or set(o.key.split()) <= words for o in out):
            out.append(specific)
    return out


def _content(phrase: str, roles: set[str]) -> str:
    """The words of ``phrase`` that say what it is about: no article, pronoun or role word."""
    words = [w for w in phrase.lower().split() if w not in _STOP]
    if not words or any(w.rstrip("s") in roles or w in roles for w in words):
        return ""
    return " ".join(words)


def _yours(phrase: str) -> str:
    """The asker's words as careerbot says them back: "my city" -> "your city"."""
    swaps = {"my": "your", "our": "your", "me": "you", "i": "you", "myself": "yourself"}
    return " ".join(swaps.get(w.lower(), w) for w in phrase.split())


def said_lexically(key: str, texts: Sequence[str]) -> bool:
    """Whether every word of ``key`` (or its stem, for long words) is in ``texts``."""
    joined = _folded(" ".join(texts)).lower()
    for word in _folded(key).split():
        if len(word) < 3:
            continue
        stem = word[:5] if len(word) >= 7 else word.rstrip("s")
        if not re.search(rf"\b{re.escape(stem)}", joined):
            return False
    return True


# --- which qualifiers narrow the asked fact ------------------------------------------------
# "in my city", "on a student visa", "at 60" narrow what is asked to a case the guides are
# not written for; "at scale", "to a table", "with no coding experience", "remotely" only say
# which part of the work or which starting point is asked about, which is what the guides
# are organised by. No word list tells the two apart in words it has not seen, so the phrase
# is compared with labelled qualifiers (``qualifiers.yaml``), embedded with the model
# careerbot already loads; the nearest examples vote. A phrase read as being about the work
# is never said to be missing; any other is checked against the guides' own text.
NARROWS = "narrows"
QUALIFIER_K = 3
# The similarity the nearest "work" example must reach for a phrase to be read as being
# about the work; below it the reading is unsure and the guides' text alone decides.
# Leave-one-out on the examples: tests/test_specifics.py.
WORK_SIMILARITY = 0.5


@dataclass(frozen=True)
class QualifierReading:
    narrows: bool  # narrows the asked fact (a place, employer, date, age, status, contract)
    confidence: float  # similarity of the nearest example of the winning label
    nearest: str  # that example (debugging, tests)


class QualifierClassifier(LabelledExamples):
    FILE = "qualifiers.yaml"
    KEY = "labels"

    def _made(self) -> None:
        # Made now (reading its YAML; its vectors still come on first use), not under
        # ``self._lock``: the chatbot lists every classifier's examples while this one's
        # matrix is being made under that lock, and the lock is not re-entrant.
        self._facets = FacetClassifier(self.embed, embed_examples=self.embed_examples)

    @property
    def facets(self) -> FacetClassifier:
        """The whole-question facet classifier, embedded the same way."""
        return self._facets

    def read(self, phrase: str) -> QualifierReading:
        """Whether ``phrase`` ("with a criminal record", "at scale") narrows the fact asked."""
        vector = np.asarray(self.embed([phrase.strip().lower()]), dtype=np.float32)[0]
        return self._vote(self.matrix @ vector)

    def _vote(self, sims: np.ndarray, skip: int = -1) -> QualifierReading:
        label, best = self.nearest_vote(sims, QUALIFIER_K, skip)
        confidence = float(sims[best])
        narrows = label == NARROWS or confidence < WORK_SIMILARITY
        return QualifierReading(narrows, confidence, self.texts[best])

    def leave_one_out(self) -> float:
        """Share of the examples read right with themselves left out."""
        sims = self.matrix @ self.matrix.T
        right = sum(
            self._vote(sims[i], skip=i).narrows == (label == NARROWS)
            for i, label in enumerate(self.labels)
        )
        return right / len(self.labels)


# --- the facet a whole question asks for -------------------------------------------------
# Some specifics have no form to find: "am I too old for this?", "do employers sponsor
# visas?", "are they unionised?", "what share work part-time?", "what will it pay next
# year?". The whole question (role names taken out) is compared with labelled questions
# per facet (``facets.yaml``), embedded with the model careerbot already loads; a facet is
# read only when its nearest example clears a floor and beats the nearest ordinary
# question ("none": what the guides are organised to answer) by a margin, so a question
# the guides answer is never read as asking for what they lack when the reading is close.
# Whether the guides carry the facet is then checked against their sentences
# (``bot.routes.lacking``), by the facet's ``carriers``.
NO_FACET = "none"
FACET_K = 3
# Calibrated on the examples' leave-one-out and on the bundled guides: ordinary questions
# come within 0.05 of a facet example only where they share its words ("part-time"), and
# below 0.5 a question is too far from every example to read (leave-one-out: 0.84).
FACET_FLOOR = 0.5
FACET_MARGIN = 0.05


@dataclass(frozen=True)
class FacetReading:
    facet: str  # a facet of facets.yaml, or "none"
    confidence: float  # similarity of the winning label's nearest example
    margin: float  # how far that example beats the nearest example of another label
    nearest: str


class FacetClassifier(LabelledExamples):
    FILE = "facets.yaml"
    KEY = "labels"

    def read(self, question: str) -> FacetReading:
        """The facet ``question`` asks for ("none" when unsure or ordinary)."""
        vector = np.asarray(self.embed([question.strip().lower()]), dtype=np.float32)[0]
        return self._vote(self.matrix @ vector)

    def _vote(self, sims: np.ndarray, skip: int = -1) -> FacetReading:
        label, best = self.nearest_vote(sims, FACET_K, skip)
        confidence = float(sims[best])
        others = [float(s) for i, s in enumerate(sims) if self.labels[i] != label and i != skip]
        margin = confidence - max(others, default=0.0)
        if label != NO_FACET and (confidence < FACET_FLOOR or margin < FACET_MARGIN):
            label = NO_FACET  # unsure: an ordinary question, answered as asked
        return FacetReading(label, confidence, margin, self.texts[best])

    def leave_one_out(self) -> float:
        """Share of the facet examples read as their own facet with themselves left out
        (the "none" examples must read as "none")."""
        sims = self.matrix @ self.matrix.T
        right = sum(self._vote(sims[i], skip=i).facet == lab for i, lab in enumerate(self.labels))
        return right / len(self.labels)


def facet_carriers() -> dict[str, list[str]]:
    """What a guide that carries each facet would say (``facets.yaml``'s ``carriers``)."""
    return read_examples(FacetClassifier.FILE, "carriers")


# How each facet is said back: "The guides don't say <this>; ..."
FACET_SAID = {
    "age": "whether any age is too old (or too young) to start",
    "visa": "anything about visa sponsorship or work permits",
    "union": "anything about union membership",
    "share": "how many of them, or what share, work that way",
    "future_pay": "what pay will be in a future year",
    "duration": "how long it takes",
}
