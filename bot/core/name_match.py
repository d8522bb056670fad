"""Names people give a job that no role lists word for word, matched fuzzily.

A role answers to its title, id and aliases (``bot.core.roles``), in the singular or the
plural. People also clip words ("BI devs", "database admin", "info sec analysts"), name the
field for the job ("BI development", "clinical data management", "database administration")
or say "person" for the job's own noun ("a GIS person", "security people"). Each such phrase
is compared word by word with the role names of the same length:

- a word scores its longest common start with the name's word over the shorter of the two
  (``rapidfuzz.distance.Prefix``): a clipping ("dev" of "developer") scores 1.0, a field form
  "development" of "developer" 0.78, "management" of "manager" 0.86;
- or its ``fuzz.ratio`` when that is high (a slip of the keyboard);
- a phrase scores its weakest word, and must share one word with the name as it is.

``MIN_SCORE`` is set between the forms that name the job and the ones that name something
else (``tests/test_name_match.py`` holds both): "data analytics" scores 0.71 against "data
analyst" and "data modelling" 0.71 against "data modeler" (a topic, not a role), while the
weakest form that means the job, "development" for "developer", scores 0.78.
A phrase ending in a word for people ("person", "people", "folks") is compared without the
names' last word, and only counts when one role alone matches it ("a data person" names no
role: every data role's name starts so), and when the two words are not one English noun
for people at large ("business people": "businessperson" is in the dictionary, as are
"salespeople" and "tradespeople"; "security people" and "a GIS person" are not).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Prefix

MIN_SCORE = 0.75
# A word this similar to the name's word (``fuzz.ratio``, 0-100) is the same word mistyped.
TYPO_RATIO = 85
# The shortest clipping that still names a word ("dev", "sec", "info", "admin").
MIN_CLIP = 3
MAX_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#]*")
# The endings of nouns for people: researcher, statistician, epidemiologist.
_AGENT = re.compile(r"(?:er|or|ist|ian|ant)$")
# Words people put where a job's own noun goes: "a GIS person", "the security folks".
PEOPLE_WORDS = frozenset(
    {"person", "people", "guy", "guys", "folk", "folks", "specialist", "specialists"}
    | {"professional", "professionals", "expert", "experts", "worker", "workers"}
)
# Words no role name starts or ends with in a question ("the", "a data analyst or").
_EDGE = frozenset(
    {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "as", "at", "is", "are"}
    | {"what", "how", "do", "does", "which", "who", "my", "i", "me", "you", "be", "it"}
)


@dataclass(frozen=True)
class NameMatch:
    """A phrase of the question read as a role's name."""

    start: int
    end: int
    said: str  # the words as the person wrote them
    role: str
    name: str  # the role name they were matched to
    score: float


# The suffixes that make a noun for the person from what they work on or do: "model" ->
# "modeler", "program" -> "programmer", "science" is not among them ("scientist" is no
# clipping of it either way).
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "r")


def _agent_of(base: str, agent: str) -> bool:
    """``agent`` is the person noun made from the whole word ``base`` ("modeler",
    "modeller" of "model"): a word in its own right, not a clipping of the agent noun."""
    if len(base) < MIN_CLIP or not agent.startswith(base):
        return False
    rest = agent[len(base) :]
    return rest in _AGENT_SUFFIXES or rest in (base[-1] + "er", base[-1] + "or")


def word_score(said: str, name: str) -> float:
    """How well one word of a question stands for one word of a role name (0 to 1)."""
    a, b = _singular(said.lower()), _singular(name.lower())
    if a == b:
        return 1.0
    if _agent_of(a, b):
        # "data models" are what a "data modeler" makes, not the modeler (the other way
        # round is the people of a field: "market researchers" for "market research")
        return 0.0
    shorter = min(len(a), len(b))
    common = int(Prefix.similarity(a, b))
    by_start = common / shorter if common >= MIN_CLIP and shorter >= MIN_CLIP else 0.0
    typo = fuzz.ratio(a, b) / 100 if min(len(a), len(b)) >= 5 else 0.0
    return max(by_start, typo if typo * 100 >= TYPO_RATIO else 0.0)


def phrase_score(said: Sequence[str], name: Sequence[str]) -> float:
    """The weakest word's score, or 0 unless one word is the name's word as it is."""
    if len(said) != len(name) or not said:
        return 0.0
    scores = [word_score(a, b) for a, b in zip(said, name, strict=True)]
    return min(scores) if max(scores) == 1.0 else 0.0


def fuzzy_mentions(
    text: str,
    names: Iterable[tuple[str, str]],
    taken: Sequence[tuple[int, int]] = (),
) -> list[NameMatch]:
    """Phrases of ``text`` that stand for a role name, best and longest first, none
    overlapping another or a span in ``taken`` (where an exact name already matched).
    ``names`` are (role id, name) pairs; abbreviations are left to exact matching."""
    return NameTable(names).mentions(text, taken)


class NameTable:
    """Role names filed under each of their words: a phrase is only compared with the names
    that share a word with it (a match needs one), so thousands of roles stay cheap."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._by_word: dict[str, list[tuple[str, list[str]]]] = {}
        for role, name in names:
            words = _WORD.findall(name)
            if len(words) < 2 or (name.isupper() and len(name.replace(" ", "")) <= 5):
                continue
            for word in {_singular(w.lower()) for w in words}:
                self._by_word.setdefault(word, []).append((role, words))

    def candidates(self, said: Sequence[str]) -> list[tuple[str, list[str]]]:
        found: dict[tuple[str, str], tuple[str, list[str]]] = {}
        for word in said:
            for role, words in self._by_word.get(_singular(word.lower()), ()):
                found.setdefault((role, " ".join(words)), (role, words))
        return list(found.values())

    def mentions(self, text: str, taken: Sequence[tuple[int, int]] = ()) -> list[NameMatch]:
        """See ``fuzzy_mentions``."""
        return _mentions(text, self, taken)


def _mentions(text: str, table: NameTable, taken: Sequence[tuple[int, int]]) -> list[NameMatch]:
    tokens = list(_WORD.finditer(text))
    found: list[NameMatch] = []
    used = list(taken)
    for size in range(min(MAX_WORDS, len(tokens)), 1, -1):
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            start, end = window[0].start(), window[-1].end()
            said = [t.group(0) for t in window]
            if said[0].lower() in _EDGE or said[-1].lower() in _EDGE:
                continue
            if any(start < e and end > s for s, e in used):
                continue
            best = _best(said, table.candidates(said))
            if best is not None:
                role, name, score = best
                found.append(NameMatch(start, end, text[start:end], role, name, score))
                used.append((start, end))
    return sorted(found, key=lambda m: m.start)


def _best(said: list[str], table: list[tuple[str, list[str]]]) -> tuple[str, str, float] | None:
    """The role whose name ``said`` stands for, if one alone matches well enough."""
    people = said[-1].lower() in PEOPLE_WORDS
    if people and _people_at_large(said):
        return None
    agent = False
    scored: dict[str, tuple[float, str]] = {}
    for role, words in table:
        # "a GIS person": the person stands in for the name's own noun, and the words before
        # it may be any of the name's other words ("security people": "information security
        # analyst"), so a word two roles' names share names neither ("business people").
        score = _within(said[:-1], words[:-1]) if people else phrase_score(said, words)
        if not people and _agent_of_field(said, words):
            # "market researchers": the field's word made a noun for its people stands in
            # for "research analyst"; only one role may fit, as for "person".
            score, agent = max(score, phrase_score(said, words[:-1])), True
        shown = " ".join(words)
        if score >= MIN_SCORE and score > scored.get(role, (0.0, ""))[0]:
            scored[role] = (score, shown)
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: -kv[1][0])
    if (people or agent) and len(ranked) > 1:
        return None  # "data people" could be any data role
    if len(ranked) > 1 and ranked[1][1][0] == ranked[0][1][0]:
        return None  # two roles fit as well: no guess
    role, (score, shown) = ranked[0]
    return role, shown, score


def _people_at_large(said: Sequence[str]) -> bool:
    """ "business people", "sales folk": a word and a word for people that English writes
    as one noun for people in general ("businessperson", "salespeople"), not a job's
    nickname. The dictionary decides, so no list of such words is kept here."""
    if len(said) != 2:
        return False
    head = said[0].lower()
    return any(is_english_word(head + noun) for noun in ("person", "people", "folk"))


def is_english_word(word: str) -> bool:
    """Is ``word`` in pyspellchecker's English word-frequency list (it ships in the wheel)?
    Consulted only when a word is about to be corrected or read as a name, so most
    questions never load it."""
    return bool(_english().known([word.lower()]))


@functools.cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def _agent_of_field(said: Sequence[str], words: Sequence[str]) -> bool:
    """``said`` ends in a noun for people made from the name's last word but one:
    "researcher" of "research" in "market research analyst"."""
    if len(words) != len(said) + 1 or len(words) < 3:
        return False
    last, field = _singular(said[-1].lower()), words[-2].lower()
    return len(last) > len(field) and last.startswith(field) and bool(_AGENT.search(last))


def _within(said: Sequence[str], words: Sequence[str]) -> float:
    """The best score of ``said`` against a run of ``words`` as long as it."""
    n = len(said)
    runs = [words[i : i + n] for i in range(len(words) - n + 1)]
    return max((phrase_score(said, run) for run in runs), default=0.0)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
