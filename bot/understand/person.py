"""Who is asking, kept out of the advice: age, gender, family, origin, religion, disability,
sexuality and name, wherever the guides do not address them.

Career advice that shifts with gender or origin is a known harm of automated advisers
(arXiv 2308.02053). Words like "I'm 63" or "as a woman" are about the person, not the job,
yet in a search they pull towards whichever guide sentences happen to share them. So a
question is cut into clauses, and a clause in which the person describes themselves is
left out of the search and of the role ranking when its nearest labelled examples
(``person.yaml``, embedded with the model careerbot already loads) are of one of those
kinds. What the guides do speak to (a degree, the job one is changing from, skills, likes)
is labelled ``relevant`` and kept. Names are found by their phrasing ("my name is ...",
"call me ..."), which says nothing the embedding could weigh.

The caller passes the function that embeds texts (understanding needs no model).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.core.roles import is_english_word
from bot.understand.examples import Embed, LabelledExamples, read_examples

RELEVANT = "relevant"
# Neighbours that vote, and the similarity the nearest "about the person" example must reach:
# a clause is left out when the nearest K examples, weighted by similarity, are more about
# the person than relevant to the job. Checked by leave-one-out on the examples
# (tests/test_person.py) and on the development questions, none of which may lose a word.
K = 3
MIN_SIMILARITY = 0.3
# A phrase before "I ..." that does not say "I" itself ("Originally from Peru, I ...") is
# read as "I'm originally from Peru" and must be this close to an example: "In short, I
# ..." or "To be honest, I ..." is near nothing (at 0.3, "to be honest" read as gender).
FRONTED = 0.5
# Clause boundaries: sentence ends, a colon or semicolon, and "and"/"," before a new "I".
_BOUNDARY = re.compile(
    r"(?<=[.;:!?])\s+|\s*[;:]\s*|,?\s+and\s+(?=(?:I|I'm|I've|my|My)\b)|,\s+(?=(?:I|I'm|I've)\b)"
    # "I'm 52, how do I start?": a question starting after a comma
    r"|,\s+(?=(?:how|what|which|where|when|why|can|could|should|would|do|does|is|are)\b)"
    # "I'm a practising Sikh who enjoys statistics": the relative clause is what the person
    # likes; left inside the self-description it went (or stayed) with it, depending only on
    # how near the description sat to the examples, so who asks changed the advice.
    r"|,?\s+(?=who\s)"
)
_I_OPENS = re.compile(r"^(?:I|I'm|I've|I'd)\b")
# A clause in which the person speaks about themselves.
_SELF = re.compile(r"^(?:I\b|I'm\b|I've\b|I'd\b|as an?\b|being\b|my\b)", re.IGNORECASE)
_NAME = re.compile(
    r"^(?:my name is|my name's|i'm called|i am called|call me|they call me)\b", re.IGNORECASE
)
# An age given as a number inside a clause about something else ("Am I too old at 47 to
# switch?", "at the age of 52"): the number goes, the question stays.
_AGE_INLINE = re.compile(
    r"\s*,?\s*\b(?:at|aged|at the age of)\s+\d{1,2}\b(?:\s*years? old)?"
    r"|\s*\bin (?:my|her|his|their) (?:late |early |mid-?)?(?:teens|twenties|thirties|forties"
    r"|fifties|sixties|seventies|eighties)\b"
    r"|\b\d{1,2}-year-old\s+|\bretired\s+(?=\w)",
    re.IGNORECASE,
)
# "... who enjoys statistics" after a self-description: said by the person of themselves, so
# it is read as "I enjoy statistics" (the likes reader and the search see the person's words).
_WHO = re.compile(r"^who\s+(\w+)\b", re.IGNORECASE)
_FIRST_PERSON = {"is": "am", "has": "have", "does": "do", "was": "was", "goes": "go"}
# "As a 52-year-old mum I like SQL": the "as a ..." opening is a clause of its own.
_AS_A = re.compile(r"^(as an?\b.*?)\s+(I\b.*)$", re.IGNORECASE)


# A pastime read by the examples may be a tool the guides name: "I like Kafka" sits near
# "I'm an avid reader of novels" (0.24) and "I enjoy Spark" near "I love travelling", since
# the model knows little of either name. The guides' own words decide: the names they write
# with a capital inside a sentence (tools, languages, platforms) or in capitals (SQL, AWS).
HOBBIES = "hobbies"
_NAMED = re.compile(r"(?<=[a-z,;:(] )(?:[A-Z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Z]{2,})\b")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Za-z]")


def guide_terms(texts: Iterable[str]) -> frozenset[str]:
    """The names the guides write as names ("Kafka", "Terraform", "SQL"), lower-cased: a
    word capitalised inside a sentence more often than the guides write it in lower case
    ("Data Scientist" in a title is capitalised, "data" is mostly not: no name)."""
    named: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for text in texts:
        named.update(m.group(0).lower() for m in _NAMED.finditer(text))
        plain.update(w for w in _WORDS.findall(text) if w.islower())
    return frozenset(w for w, n in named.items() if n > plain[w])


def names_a_guide_term(clause: str, terms: frozenset[str]) -> bool:
    """``clause`` names one of the guides' ``terms`` as a name: capitalised ("Go", "Spark")
    or a word no English dictionary has ("dbt"); "go" and "spark" in lower case are the
    ordinary words ("I go bouldering")."""
    return any(
        w.lower() in terms and (not w.islower() or not is_english_word(w))
        for w in _WORDS.findall(clause)
        if w != "I"
    )


@dataclass(frozen=True)
class Neutral:
    """A question with what it says about the asker left out."""

    text: str  # what is searched and ranked
    left_out: list[str] = field(default_factory=list)  # the clauses removed
    kinds: list[str] = field(default_factory=list)  # what they were about ("age", ...)
    # Every clause was about the person ("I'm 45, from Lagos."): nothing in it is about a
    # job. ``text`` is then the question unchanged, for the caller to decide.
    only_person: bool = False


def load_examples() -> dict[str, list[str]]:
    return read_examples("person.yaml", "labels")


def clauses(text: str) -> list[str]:
    out: list[str] = []
    for raw in _BOUNDARY.split(text):
        piece = (raw or "").strip(" ,")
        if not piece:
            continue
        if out and _SELF.match(out[-1]):
            piece = _in_first_person(piece)
        opening = _AS_A.match(piece)
        out += [opening.group(1), opening.group(2)] if opening else [piece]
    return out


def _fronted(clause: str, after: Sequence[str]) -> bool:
    """A phrase put before "I ..." in the same sentence ("Originally from Vietnam, I ...",
    "Born in Lagos, I ...", "A mother of three, I ..."): it describes the person, whatever
    its first word, so the examples decide what it is about."""
    # one word ("Honestly, I ...", "Frankly, I ...") is an adverb, not a description
    described = len(clause.split()) > 1 and clause[-1:] not in ".?!"
    return described and bool(after) and bool(_I_OPENS.match(after[0]))


def _in_first_person(clause: str) -> str:
    """A "who enjoys X" after the person's own clause -> "I enjoy X"; anything else as it is."""
    found = _WHO.match(clause)
    if not found:
        return clause
    verb = found.group(1)
    low = verb.lower()
    if low in _FIRST_PERSON:
        plain = _FIRST_PERSON[low]
    elif low.endswith(("ches", "shes", "sses", "xes")):
        plain = verb[:-2]
    elif low.endswith("ies") and len(low) > 4:
        plain = verb[:-3] + "y"
    elif low.endswith("s") and not low.endswith("ss"):
        plain = verb[:-1]
    else:
        plain = verb
    return f"I {plain}{clause[found.end() :]}"


class PersonFilter(LabelledExamples):
    FILE = "person.yaml"
    KEY = "labels"

    def __init__(
        self,
        embed: Embed,
        examples: dict[str, list[str]] | None = None,
        embed_examples: Embed | None = None,
        terms: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        """``terms``: the guides' names for tools and skills (``guide_terms``), read when
        a clause looks like a pastime."""
        super().__init__(embed, examples, embed_examples)
        self.terms = terms

    def kind_of(self, clause: str, least: float = MIN_SIMILARITY) -> str:
        """What a self-describing clause is about: a label of ``person.yaml``."""
        if _NAME.match(clause):
            return "name"
        vector = np.asarray(self.embed([clause.lower()]), dtype=np.float32)[0]
        kind = self._vote(self.matrix @ vector, least=least)
        if kind == HOBBIES and names_a_guide_term(clause, self.terms()):
            return RELEVANT  # a tool the guides name, not a pastime
        return kind

    def _vote(self, sims: np.ndarray, skip: int = -1, least: float = MIN_SIMILARITY) -> str:
        # First "about the person" against "relevant", by similarity-weighted votes of the
        # nearest examples; then, for the person, which kind the nearest of them is.
        order = [int(i) for i in np.argsort(-sims) if int(i) != skip][:K]
        personal = [i for i in order if self.labels[i] != RELEVANT]
        weight = sum(float(sims[i]) for i in personal)
        rest = sum(float(sims[i]) for i in order if self.labels[i] == RELEVANT)
        if not personal or weight <= rest or float(sims[personal[0]]) < least:
            return RELEVANT
        return self.labels[personal[0]]

    def neutral(self, text: str) -> Neutral:
        parts = clauses(text)
        kept: list[str] = []
        left_out: list[str] = []
        kinds: list[str] = []
        found = {
            # a fronted phrase is read as said of the person ("I'm originally from Peru"),
            # the form the examples have
            p: self.kind_of(p)
            if _SELF.match(p) or _NAME.match(p)
            else self.kind_of(f"I'm {p}", FRONTED)
            for n, p in enumerate(parts)
            if _SELF.match(p) or _NAME.match(p) or _fronted(p, parts[n + 1 : n + 2])
        }
        for part in parts:
            kind = found.get(part, RELEVANT)
            if kind == RELEVANT:
                inline = " ".join(_AGE_INLINE.sub(" ", part).split())
                if inline != part:
                    left_out.append(part)
                    kinds.append("age")
                kept.append(inline)
            else:
                left_out.append(part)
                kinds.append(kind)
        if not left_out:
            return Neutral(text)
        if not any(k.strip() for k in kept):
            return Neutral(text, only_person=True)
        return Neutral(_joined(kept), left_out, list(dict.fromkeys(kinds)))

    def leave_one_out(self) -> float:
        """How well the examples separate the kinds, each left out in turn."""
        sims = self.matrix @ self.matrix.T
        right = sum(self._vote(sims[i], skip=i) == label for i, label in enumerate(self.labels))
        return right / len(self.labels)


def _joined(parts: Sequence[str]) -> str:
    """Clauses back into text: each a sentence of its own, capitalised."""
    sentences = []
    for raw in parts:
        part = raw.strip().replace(" ,", ",")
        if not part:
            continue
        part = part[0].upper() + part[1:]
        sentences.append(part if part[-1] in ".?!" else part + ".")
    return " ".join(sentences)
