"""Whether a question that sets roles against each other asks who wins, and on what.

"Who takes home more?", "which one gets the fatter pay cheque?" and "which has the brighter
future?" share few words with any rule, but they sit close to labelled examples of pay and
demand questions (``weighing.yaml``). Nearest neighbours over those examples, embedded with
the model careerbot already loads, decide between a verdict on pay, on demand (growth), on
any other criterion, a side-by-side table, or none of these. Role names are taken out
before embedding, so the decision rests on what is asked, not on which roles.

Unsure (too far from every example, or too close a call) means "no guess": the callers
fall back to the word patterns of ``bot.understand.routing`` and ``bot.routes.verdict``.
This module never loads the model itself: the caller passes the function that turns texts
into unit vectors, as for the conversation acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from bot.understand.examples import LabelledExamples, read_examples

Label = Literal["pay", "growth", "criterion", "table", "other"]
LABELS: tuple[Label, ...] = ("pay", "growth", "criterion", "table", "other")
VERDICTS = frozenset({"pay", "growth", "criterion"})
# Cosine similarity the winning label's nearest example must reach, and the lead its
# similarity-weighted vote must have over the runner-up label. Set on the examples' own
# leave-one-out fit (tests/test_weighing.py: among the verdict labels 0.87 at 0.35, falling
# to 0.74 at 0.45), never on an evaluation question.
MIN_SIMILARITY = 0.35
MIN_MARGIN = 0.02
K = 3
# A criterion guessed this close to its nearest example overrules the words of the
# question ("which demands more SQL?" sits near demand examples at 0.61, and its words
# rightly say it is not about job growth); below it, the words decide.
CONFIDENT = 0.65


@dataclass(frozen=True)
class Weighing:
    """What a comparative question asks for, as the classifier read it."""

    label: Label | None  # over every label; None: unsure, the word patterns decide
    confidence: float  # similarity of the nearest example of the winning label
    nearest: str  # the example that decided, for debugging and tests
    # The same question voted among the verdict labels only: what it would weigh the
    # roles on if it asks who wins (pay, growth or another criterion).
    criterion: Label | None = None
    criterion_confidence: float = 0.0

    @property
    def verdict(self) -> bool:
        """A "who wins?" question. The label alone is trusted here (it already cleared
        MIN_SIMILARITY and MIN_MARGIN): on the development set no question naming two
        roles without asking who wins got a verdict label, at any confidence."""
        return self.label in VERDICTS

    @property
    def kind(self) -> Literal["pay", "growth"] | None:
        """The figures that confidently settle it: pay or growth; None otherwise."""
        if self.criterion in ("pay", "growth") and self.criterion_confidence >= CONFIDENT:
            return self.criterion
        return None

    @property
    def other_criterion(self) -> bool:
        """Confidently weighed on something other than pay or growth."""
        return self.criterion == "criterion" and self.criterion_confidence >= CONFIDENT


UNSURE = Weighing(None, 0.0, "")


def load_examples() -> dict[str, list[str]]:
    return read_examples("weighing.yaml", "labels")


class WeighingClassifier(LabelledExamples):
    """Embeds the examples once (on first use) and reads comparative questions."""

    FILE = "weighing.yaml"
    KEY = "labels"

    def classify(self, text: str) -> Weighing:
        """``text`` with the role names already taken out (``RoleCatalog.without_roles``).
        The criterion is voted among the verdict examples only: a "who wins on pay?"
        question sits near some pay *table* questions too, and which of the two it is
        is the overall vote's (or the word patterns') call."""
        if not text.split():
            return UNSURE
        sims = self._sims(text)
        overall, among = self._decide(sims), self._decide(sims, among=VERDICTS)
        return replace(overall, criterion=among.label, criterion_confidence=among.confidence)

    def _sims(self, text: str) -> np.ndarray:
        vector = np.asarray(self.embed([text.strip().lower()]), dtype=np.float32)[0]
        return self.matrix @ vector

    def _decide(
        self, sims: np.ndarray, skip: int = -1, among: frozenset[str] | None = None
    ) -> Weighing:
        order = [
            int(i)
            for i in np.argsort(-sims)
            if int(i) != skip and (among is None or self.labels[int(i)] in among)
        ]
        votes: dict[str, float] = {}
        for i in order[:K]:
            votes[self.labels[i]] = votes.get(self.labels[i], 0.0) + float(sims[i])
        ranked = sorted(votes.values(), reverse=True)
        label = max(votes, key=lambda name: votes[name])
        lead = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
        best = next(i for i in order if self.labels[i] == label)
        confidence = float(sims[best])
        if confidence < MIN_SIMILARITY or lead < MIN_MARGIN:
            return Weighing(None, confidence, self.texts[best])
        return Weighing(label, confidence, self.texts[best])  # type: ignore[arg-type]

    def leave_one_out(self, among: frozenset[str] | None = None) -> float:
        """Share of the examples read right with themselves left out (an unsure guess
        counts as wrong): how well the examples separate the labels (``among``: only
        those labels, as ``criterion`` reads them)."""
        sims = self.matrix @ self.matrix.T
        kept = [i for i, label in enumerate(self.labels) if among is None or label in among]
        right = sum(
            self._decide(sims[i], skip=i, among=among).label == self.labels[i] for i in kept
        )
        return right / len(kept)


# --- a criterion stated as the person's priority ------------------------------------------
# "If I care about salary above all, X or Y?", "money matters most to me - X or Y?", "work-
# life balance is my top priority": the person names what to weigh the roles on instead of
# asking "which is better for ...". These are the frames a priority is stated in (whatever
# the criterion); the classifier decides whether it is pay, demand or another criterion,
# and ``stated_priority`` gives the criterion's own words for the verdict to name.
_WHAT = r"(?P<what>[\w'’ -]{2,60}?)"
_MOST = (
    r"(?:most|the most|above all(?: else)?|above everything(?: else)?|more than anything"
    r"(?: else)?|first|before anything else|over everything(?: else)?)"
)
_PRIORITY = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # "salary is all I care about", "pay is the thing I care about above all"
        rf"(?:^|[,;:.?!—–-]\s*|\bif |\bsince |\bas )\s*{_WHAT}\s+(?:is|are) (?:what|all|the"
        rf"(?: only| main| one)? thing)s? (?:that )?(?:I care about|I want|matters?|counts?)\b",
        # "if I care about salary above all", "what I care about most is salary"
        rf"\bI (?:really |mostly |mainly |only |just )?(?:care|worry|think|obsess) (?:most |mostly"
        rf" |mainly |only )?about {_WHAT}(?:\s+{_MOST}|\s*[,;:.?!—–-]|\s+(?:so|and|but)\b|$)",
        rf"\bwhat I (?:care|worry) about (?:most )?(?:is|are) {_WHAT}(?=\s*[,;:.?!—–-]|$)",
        # "money matters most to me", "salary comes first", "remote work is what counts"
        rf"(?:^|[,;:.?!—–-]\s*|\bif |\bwhen |\bsince |\bas )\s*{_WHAT}\s+(?:matters?|counts?"
        rf"|comes?) {_MOST}\b",
        # "my top priority is the paycheck", "salary is my number one concern"
        rf"\bmy (?:top |main |first |biggest |real |only |number one |no\.? ?1 |#1 )?(?:priority"
        rf"|concern|goal|criterion|focus) (?:is|would be) {_WHAT}(?=\s*[,;:.?!—–-]|$)",
        rf"(?:^|[,;:.?!—–-]\s*|\bif |\bsince |\bas )\s*{_WHAT}\s+(?:is|are|would be) my"
        rf" (?:top |main |first |biggest |real |only |number one |no\.? ?1 |#1 )?(?:priority"
        rf"|concern|goal|criterion|focus)\b",
        # "I value work-life balance above everything", "I prioritise stability"
        rf"\bI (?:value|want|need|prioriti[sz]e|put) {_WHAT}(?:\s+{_MOST}|\s+first)"
        rf"(?=\s*[,;:.?!—–-]|\s|$)",
        rf"\bI prioriti[sz]e {_WHAT}(?=\s*[,;:.?!—–-]|$)",
        # "thinking purely about compensation", "purely in terms of job security"
        rf"\b(?:thinking|speaking|judging|going) (?:purely |only |just |strictly |solely )?"
        rf"(?:about|of|in terms of|on|by) {_WHAT}(?=\s*[,;:.?!—–-]|$)",
        rf"\b(?:purely |only |just |strictly |solely )?in terms of {_WHAT}(?=\s*[,;:.?!—–-]|$)",
        rf"\bwhen it comes to {_WHAT}(?=\s*[,;:.?!—–-]|$)",
    )
]
# "Financially speaking", "career-wise": the criterion is the adverb's own word.
_ADVERB = re.compile(r"\b(?P<what>[a-z]+?)(?:ally|ly)? speaking\b|\b(?P<wise>[a-z-]+)-wise\b", re.I)
_ADVERB_WORDS = {"financi": "finances", "financial": "finances", "money": "money", "pay": "pay"}
_LEADING = re.compile(
    r"^(?:(?:if|when|since|as|and|but|so|is|are|the|a|an|my|having|getting|good|great|high)\s+)+",
    re.I,
)
# A question word opens a question ("what matters most in an interview?"), not a priority.
_NOT_PRIORITY = re.compile(
    r"^(?:what|which|who|whom|how|where|when|why|it|that|this|them"
    r"|both|either|one|each)\b",
    re.I,
)


def stated_priority(text: str) -> str:
    """What the person says matters most to them, in their words ("salary", "work-life
    balance", "remote work"), or "" when no priority is stated. ``text`` has the role
    names already taken out."""
    for pattern in _PRIORITY:
        match = pattern.search(text)
        if match:
            what = _LEADING.sub("", " ".join(match.group("what").split()).strip(" ,'’-"))
            if what and not _NOT_PRIORITY.match(what) and not re.fullmatch(_MOST, what, re.I):
                return _sentence_case(what)
    adverb = _ADVERB.search(text)
    if adverb:
        word = (adverb.group("what") or adverb.group("wise") or "").lower()
        return _ADVERB_WORDS.get(word, word)
    return ""


def _sentence_case(text: str) -> str:
    """ "Salary" -> "salary" where the capital only opened the sentence; "AI work" kept."""
    first = text.split(maxsplit=1)[0]
    return text[:1].lower() + text[1:] if first[1:].islower() else text
