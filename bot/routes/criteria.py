"""Criteria: every role ranked on a quality the guides describe in words, not figures.

"Which needs the least maths?", "which is the most remote-friendly?", "which suits a people
person?": no guide states a number for these, so each role is scored by evidence from its
own guide. Every sentence of the asked sections is compared with the criterion (embedding
similarity; the vectors are the ones ingest stored), and a role's score is the mean of its
few closest sentences, so one stray line does not decide and a guide that keeps coming back
to the criterion counts for more. A sentence that speaks to the criterion to deny or play it
down ("not the mathematical depth of a researcher", "rarely write code") counts against it:
embeddings place "needs maths" and "does not need maths" equally close to "maths".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.core.roles import RoleCatalog
from bot.routes.selection import Candidate, Selector

# A role's score is its closest sentences' similarity, weighted: the closest counts most, the
# next ones say whether the guide comes back to it (a short section has few to give).
WEIGHTS = (0.6, 0.25, 0.15)
TOP_SENTENCES = len(WEIGHTS)
# A role whose closest sentence is below this barely speaks to the criterion: its line says
# so instead of presenting that sentence as an answer (measured with the bundled model: a
# sentence on the criterion scores 0.3-0.5, an unrelated one 0.15-0.25).
SAYS_LITTLE = 0.265
# Two roles this close on a criterion are described about equally.
LEVEL = 0.01
# Denials and play-downs near a word of the criterion ("not", "rarely", "less ... than").
_DENIAL = re.compile(
    r"\b(?:not|n't|no|never|rarely|seldom|little|less|fewer|without|minimal|light|instead of"
    r"|rather than|optional|unnecessary)\b",
    re.IGNORECASE,
)
DENIAL_WINDOW = 3  # words before the criterion's word

# The words an all-role question is built with rather than what it asks about: the request
# ("go through", "summarise"), the set of roles ("each of the roles", "these jobs"), the
# question words, the degree ("how much", "the most") and the asker ("me", "I").
_SCAFFOLD = re.compile(
    r"\b(?:go(?:ing)? through|walk me through|run (?:me )?through|tell me(?: about)?"
    r"|summari[sz]e|sum up|give me|show me|list|rank|order|sort|compare|describe|explain"
    r"|please|can you|could you|would you|I(?:'d|’d| would) like(?: to (?:know|see|hear))?"
    r"|I want to know)\b"
    # what is asked for, not about: "an overview of the education", "a rundown of the tools"
    r"|\b(?:an? |the )?(?:overview|summary|rundown|run-down|breakdown|outline|round-up"
    r"|roundup) of\b"
    r"|\b(?:(?:for|of|across|in|by|out of|among|from) )?(?:each|every|all|any) (?:of )?"
    r"(?:the |these |those |your )?(?:different |data |other |\d+ |\w+ )?"
    r"(?:roles?|jobs?|careers?|paths?|options?|positions?|ones?|professions?|occupations?)\b"
    r"(?:'s|’s)?"
    r"|\b(?:(?:for|of|across|in|by|out of) )?(?:each|every) (?:one|of them)\b"
    # the distributive "role by role", "job by job"
    r"|\b(?P<noun>role|job|career|path|position|profession|occupation) by (?P=noun)\b"
    r"|\b(?:out of|of|among|across|from) (?:these|those|them|the|your|all)(?: (?:roles|jobs"
    r"|careers|paths|options|ones|data jobs))?\b"
    r"|\b(?:the )?(?:roles|jobs|careers|paths|options)\b"
    # who describes the set: "every career you cover", "the jobs you know about", "here"
    r"|\b(?:that |which )?(?:you|we) (?:describe|cover|know(?: about)?|list|have|offer"
    r"|mention|track|include)\b|\b(?:here|there|out of)\b"
    r"|\b(?:the |your )?guides?(?: (?:suggest|recommend|say|mention|list|give|describe))?\b"
    # how the question asks, not what: "most likely to", "spends most of its time on",
    # "keeps you", "mostly about"
    r"|\b(?:likely|liable|apt) to\b|\b(?:should|would|could|might|must|shall)\b"
    r"|\bspends?\b(?: (?:most|the most|a lot|much|more|less|the least|least))?(?: of)?"
    r"(?: (?:its|their|the|your|his|her))? (?:time|effort|days?|hours?|energy)"
    r"(?: (?:on|with|in|doing))?\b"
    r"|\b(?:keeps?|lets?|puts?|gets?|brings?|makes?|allows?) (?:you|me|one|people|someone)\b"
    r"|\b(?:mostly|mainly|chiefly|largely|primarily|really|actually|typically|usually"
    r"|easily|quickly)\b"
    r"|\blooks? like\b"
    # the way in, said around what one goes without: "without a diploma break into easily"
    r"|\b(?:break|get|move|switch|step|land)(?:s|ing)? (?:hired )?(?:into|in)\b"
    r"(?: (?:easily|quickly))?|\b(?:be |get |getting )?hired (?:into|as|in)\b"
    # "which role", "each job", "the career?": the role as a set, not "career progression"
    r"|\b(?:which|what|each|every|any|this|that|one|whichever)\s+(?:one|role|job|career|path"
    r"|position)\b|\b(?:one|role|job|career|path|position)\s*$"
    r"|\b(?:which|what|how much|how many|how|whether|when)\b"
    r"|\b(?:the )?(?:most|least|fewest|best|worst)\b|\b(?:more|less|fewer)\b"
    r"|\b(?:is|are|does|do|did|would|will|could|can|it|its|they|them|their|me|I|my|is it"
    r"|you|your|where)\b"
    r"|\b(?:like|look like|looks like)\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:and|or|to|for|with|by|of|a|an|the|someone|somebody|who|that|about|be|'s|’s|,)\s+"
    r"|^(?:'s|’s|,)\s*",
    re.I,
)
_TRAILING = re.compile(r"\s+(?:and|or|to|for|with|by|of|a|an|the|it|is|in)$", re.I)
# The question's own verb around the criterion ("needs maths", "statistics ... need"): the
# thing weighed is the rest.
_VERBS = (
    r"needs?|requires?|involves?|has|have|lets?|gets?|offers?|demands?|suits?|recommends?"
    r"|uses?|expects?|calls? for|asks? for|asks?|wants?|enjoys?|likes?|loves?|prefers?"
)
_VERB_FIRST = re.compile(rf"^(?:{_VERBS})\s+(?=\w)", re.I)
_VERB_LAST = re.compile(rf"(?<=\w)\s+(?:{_VERBS})$", re.I)


# Who the question describes rather than what: "a fan of", "someone who loves", "people
# who enjoy". What they are a fan of is the criterion.
_PERSON = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:big|huge|real)\s+)?(?:fan|lover|admirer|enthusiast|devotee)s?"
    r"\s+of\s+|^(?:someone|somebody|people|a person|anyone|those)\s+(?:who|that)\s+"
    r"(?:really\s+)?(?:loves?|likes?|enjoys?|prefers?|wants?|is into|are into)\s+"
    r"|^(?:loves?|likes?|enjoys?|prefers?)\s+(?=\w+ing\b)",
    re.IGNORECASE,
)
# "leans most heavily on statistics": how much is the question's, what on is the criterion.
_HOW = re.compile(r"^(?:\w+\s+)?\w+ly\s+(?:on|with|in|at|about|towards?|into)\s+", re.IGNORECASE)


def criterion_words(question: str, catalog: RoleCatalog) -> str:
    """What an all-role question asks about, without the words that build the question:
    "Go through every role and tell me how remote-friendly it is" -> "remote-friendly";
    "How much statistics does each role need?" -> "statistics"."""
    text = catalog.without_roles(question, keep_fields=True)
    text = re.sub(r"[?!.]", " ", text)
    text = _SCAFFOLD.sub(" ", text)
    text = " ".join(text.split())
    for _ in range(3):  # "and to the" left at either end
        text = _TRAILING.sub("", _LEADING.sub("", text)).strip(" ,")
        text = _VERB_LAST.sub("", _VERB_FIRST.sub("", text))
    return clean_criterion(text)


# "fit for someone who ...", "closest to Kubernetes": the fit or the nearness is the
# question's, what it is to is the criterion.
_FOR_WHAT = re.compile(
    r"^(?:(?:fit|match|choice|option|bet|pick|place|home)\s+(?:for|to)|(?:closest|nearest|close"
    r"|near)\s+to|to)\s+",
    re.IGNORECASE,
)


def clean_criterion(text: str) -> str:
    """A criterion without the words that describe the person or the degree ("a fan of
    data modelling" -> "data modelling", "heavily on statistics" -> "statistics")."""
    for _ in range(3):
        text = _FOR_WHAT.sub("", _HOW.sub("", _PERSON.sub("", text.strip())))
    return text


@dataclass(frozen=True)
class RoleEvidence:
    """One role on a criterion: its score, the sentence that shows it best, and whether its
    guide speaks to the criterion at all."""

    role: str
    score: float
    pick: Candidate
    closest: float  # the pick's own similarity to the criterion
    denied: bool  # the pick plays the criterion down ("not the mathematical depth")

    @property
    def says_little(self) -> bool:
        return self.closest < SAYS_LITTLE


_SUFFIX = re.compile(r"(?:ing|ings|ed|es|s|ical|ics|ation|ations|al)$")


def stems_of(text: str) -> list[str]:
    """Crude stems of the content words ("coding" -> "cod", "maths" -> "math"), enough to
    find the criterion's word in a sentence whatever its form ("code", "mathematical")."""
    # Short words only when there is nothing longer: "PhD", "SQL", "GPU".
    words = [
        w.lower() for w in re.findall(r"[A-Za-z]{4,}", text) or re.findall(r"[A-Za-z]{2,}", text)
    ]
    stems = [_SUFFIX.sub("", w) or w for w in words if not _DENIAL.fullmatch(w)]
    return [s if len(s) >= 3 else w for s, w in zip(stems, words, strict=False)]


def mentions(sentence: str, stems: Sequence[str]) -> list[int]:
    """Positions of the words of ``sentence`` that start with one of ``stems``."""
    words = re.findall(r"[\w']+", sentence)
    return [i for i, w in enumerate(words) if any(w.lower().startswith(s) for s in stems)]


# A denial in a clause about other people ("explain it to people who do not read code") is
# not about the role.
_OTHERS = re.compile(r"\b(?:who|whom|that|which)\b", re.I)
# A denial that follows the word: "a master's degree is rarely required", "is optional".
_DENIED_AFTER = re.compile(
    r"^(?:\S+\s+){0,3}?(?:is|are|isn't|aren't)?\s*(?:\w+ )?(?:not|rarely|seldom|never|optional"
    r"|unnecessary)\b",
    re.IGNORECASE,
)


def denies(sentence: str, criterion: str) -> bool:
    """Whether ``sentence`` denies or plays down a word of the criterion: a denial up to
    three words before it ("not the mathematical depth", "without a relevant degree",
    "rarely write code"), or right after it ("a degree is not required")."""
    stems = stems_of(criterion)
    if not stems:
        return False
    words = re.findall(r"[\w']+", sentence)
    for i in mentions(sentence, stems):
        for k in range(max(0, i - DENIAL_WINDOW), i):
            # one word ("rarely") or two ("rather than", "instead of") ending here
            said = (words[k], " ".join(words[max(0, k - 1) : k + 1]))
            if any(_DENIAL.fullmatch(w) for w in said) and not _OTHERS.search(
                " ".join(words[max(0, k - 2) : k])
            ):
                return True
        if _DENIED_AFTER.match(" ".join(words[i + 1 : i + 6])):
            return True
    return False


# A concession after the thing: "a bachelor's degree is common in postings, but employers
# care more about strong SQL", "most postings ask for a degree, but employers increasingly
# hire people who show the skills" says the thing is asked for and then that it is not
# what decides.
_CONCESSION = re.compile(r"(?:,\s*|\s)(?:but|though|although|however|yet)\b", re.IGNORECASE)


def concedes(sentence: str, thing: str) -> bool:
    """Whether ``sentence`` names ``thing`` and then concedes it does not decide."""
    stems = stems_of(thing)
    words = list(re.finditer(r"[\w']+", sentence))
    at = [words[i].end() for i in mentions(sentence, stems) if i < len(words)]
    return bool(at) and bool(_CONCESSION.search(sentence, min(at)))


# "Without a degree", "with no coding": the criterion is doing without the thing, so a
# sentence saying the thing is optional counts for a role and one expecting it against.
_WITHOUT = re.compile(
    r"\b(?:without|with no|no need for|not needing|(?:do|does|did)(?:n't| not) (?:need|require)"
    r"|never needs?|needs? no|^no)\s+(?:a |an |any |the )?(?P<thing>.+)",
    re.I,
)


# Where a clause of a sentence ends and the next begins: punctuation, and the words that
# open a contrast or a clause about someone just named ("whereas", "unlike", "whose").
_CLAUSE = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:whereas|while|unlike|but|who|whose|which|than)\b", re.IGNORECASE
)


def about_other_role(sentence: str, own: str, criterion: str, catalog: RoleCatalog) -> bool:
    """Whether what ``sentence`` says of the criterion it says of another role than ``own``:
    before every word of the criterion in it, the nearest role named is another one, and
    ``own`` is not named earlier in that word's clause. "This role differs from a traditional
    Data Scientist, whose main focus is ... hypothesis testing" (the software engineer guide)
    speaks of data scientists; "unlike data scientists, analysts rarely build models" and "a
    data engineer works with data scientists on feature pipelines" speak of their own role."""
    named = catalog.spans(sentence)
    stems = stems_of(criterion)
    if not stems or all(role == own for _, _, role in named):
        return False
    words = list(re.finditer(r"[\w']+", sentence))
    # A word of the criterion inside a role's name ("data" in "data scientists") is the name.
    at = [
        words[i].start()
        for i in mentions(sentence, stems)
        if not any(start <= words[i].start() < end for start, end, _ in named)
    ]
    if not at:
        return False
    bounds = [m.start() for m in _CLAUSE.finditer(sentence)]
    for word in at:
        before = [(start, role) for start, end, role in named if end <= word]
        if not before or before[-1][1] == own:
            return False
        clause = max((b for b in bounds if b <= word), default=0)
        if any(role == own and clause <= start for start, role in before):
            return False
    return True


def without_thing(criterion: str) -> str:
    """ "without a degree" -> "degree"; "" for a criterion that is not doing without."""
    match = _WITHOUT.search(criterion)
    return match.group("thing").strip() if match else ""


def rank_by_evidence(
    criterion: str,
    sentences_of: Mapping[str, Sequence[Candidate]],
    selector: Selector,
    less: bool,
) -> list[RoleEvidence]:
    """Every role with sentences, best first in the question's direction (``less``: the
    role whose guide speaks least to the criterion, or plays it down, first)."""
    thing = guides_word(without_thing(criterion), sentences_of, selector)
    query = spelt_out(criterion, [c.text for cs in sentences_of.values() for c in cs])
    found = [
        e
        for role, candidates in sentences_of.items()
        if candidates
        and (e := _evidence(role, query, list(candidates), selector, less, thing, criterion))
    ]
    if not thing:
        found = _with_breadth(found, query, criterion, sentences_of, selector)
    return sorted(found, key=lambda e: e.score, reverse=not less)


def own_sentences_of(
    sentences_of: Mapping[str, Sequence[Candidate]], criterion: str, catalog: RoleCatalog
) -> dict[str, list[Candidate]]:
    """Each role's sentences without those that say the criterion of another role
    (``about_other_role``): evidence for data scientists in the software engineer guide is
    none for software engineers. A guide left with none keeps them all, to be weighed still."""
    out = {}
    for role, candidates in sentences_of.items():
        kept = [c for c in candidates if not about_other_role(c.text, role, criterion, catalog)]
        out[role] = kept or list(candidates)
    return out


# A sentence this close to the criterion speaks to it outright (a sentence on the criterion
# scores 0.3-0.5 with the bundled model, see SAYS_LITTLE); how many of a guide's sentences do
# is how much the guide speaks to it, beside how well its closest ones do.
SPEAKS_TO = 0.40
# The weight of that share (the guide with most such sentences gets the whole weight): a
# tie-breaker over the closest sentences' scores, which run 0.2-0.6. Both were read on the
# dev set's all-role items (bar 0.38-0.40 and weight 0.05-0.20 put the same roles first; at
# 0.45 one close line of the MLOps guide beat the AI engineer guide on LLMs).
BREADTH = 0.1


def _with_breadth(
    found: list[RoleEvidence],
    query: str,
    criterion: str,
    sentences_of: Mapping[str, Sequence[Candidate]],
    selector: Selector,
) -> list[RoleEvidence]:
    """Each role's score plus how many sentences of its guide speak to the criterion (not to
    deny it): a guide that keeps coming back to pipelines says more of them than one with a
    single line on them in its overview."""
    counts: dict[str, int] = {}
    for role, candidates in sentences_of.items():
        if not candidates:
            continue
        scores = selector.similarity(query, list(candidates))
        close = [c for c, x in zip(candidates, scores, strict=True) if float(x) >= SPEAKS_TO]
        counts[role] = sum(not denies(c.text, criterion) for c in close)
    most = max(counts.values(), default=0)
    if not most:
        return found
    return [replace(e, score=e.score + BREADTH * counts.get(e.role, 0) / most) for e in found]


# "large language models (LLMs)", "continuous integration (CI)": an acronym a guide spells
# out, its words right before it in brackets.
_SPELT = re.compile(r"(?P<words>(?:[A-Za-z][\w-]*\s+){1,6})\((?P<short>[A-Z][A-Za-z]*[A-Z])s?\)")


def spelt_out(criterion: str, texts: Sequence[str]) -> str:
    """The criterion with each acronym the guides spell out said in their words too ("works
    with LLMs" -> "works with large language models (LLMs)"): the model reads the words
    far better than the letters."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _SPELT.finditer(text):
            short = m.group("short")
            words = m.group("words").split()[-len(short) :]
            initials = "".join(w[0] for w in words).upper()
            if len(words) == len(short) and initials == short.upper():
                found.setdefault(short, " ".join(words))
    for short, words in found.items():
        criterion = re.sub(rf"\b{short}(s?)\b", rf"{words} ({short}\1)", criterion)
    return criterion


# A guide word stands for the question's word when the model puts them this close ("diploma"
# and "degree" 0.67, "diploma" and "portfolio" 0.30).
SAME_THING = 0.6
# The sentences whose words are candidates: those closest to the thing, over every guide.
WORD_SOURCES = 30
_LETTERS = re.compile(r"[A-Za-z][a-z]{3,}")


def guides_word(
    thing: str, sentences_of: Mapping[str, Sequence[Candidate]], selector: Selector
) -> str:
    """``thing`` in the guides' own word: "a university diploma" -> "a university degree"
    when no guide says "diploma" (a sentence is about the thing when it names it, so a word
    no guide uses would find no sentence about it at all). Unchanged when a guide uses the
    word, or when no guide word is close enough in meaning."""
    words = thing.split()
    if not words:
        return thing
    head = words[-1]
    candidates = [c for cs in sentences_of.values() for c in cs]
    stems = stems_of(head)
    if not stems or not candidates or any(mentions(c.text, stems) for c in candidates):
        return thing
    scores = selector.similarity(thing, candidates)
    near = [candidates[int(i)].text for i in np.argsort(-scores)[:WORD_SOURCES]]
    vocabulary = sorted({w.lower() for text in near for w in _LETTERS.findall(text)})
    if not vocabulary:
        return thing
    similarity = selector.vectors.queries(vocabulary) @ selector.vectors.vector(head)
    best = int(np.argmax(similarity))
    if float(similarity[best]) < SAME_THING:
        return thing
    return " ".join([*words[:-1], vocabulary[best]])


# A higher level of the thing: "a master's degree is rarely required", "a PhD is not
# expected" say nothing of doing without a degree at all (they take the first one as given).
_HIGHER = re.compile(
    r"\b(?:master'?s|masters|ph\.?d\.?s?|doctora\w*|postgraduate|post-graduate|advanced degrees?"
    r"|graduate degrees?)\b",
    re.IGNORECASE,
)


def _without_sign(sentence: str, thing: str, stems: Sequence[str], denied: bool) -> float:
    """For doing without ``thing``: +1 a sentence saying it is optional, -1 one that names
    it plainly (expected, required), 0 one about something else or a higher level of it."""
    if not mentions(sentence, stems):
        return 0.0
    if denied and _HIGHER.search(sentence) and not _HIGHER.search(thing):
        return 0.0
    return 1.0 if denied else -1.0


def _evidence(
    role: str,
    query: str,
    candidates: list[Candidate],
    selector: Selector,
    less: bool,
    thing: str = "",
    criterion: str = "",
) -> RoleEvidence:
    """``query`` is embedded; ``criterion`` (the question's own words, by default the
    query) is what a sentence denies or plays down."""
    criterion = criterion or query
    scores = selector.similarity(query, candidates)
    top = np.argsort(-scores, kind="stable")[:TOP_SENTENCES]
    if thing:
        # Doing without: a sentence saying the thing is optional supports the criterion, one
        # that mentions it plainly (expected, required) counts against; others say nothing.
        stems = stems_of(thing)
        denied = [
            denies(candidates[i].text, thing) or concedes(candidates[i].text, thing) for i in top
        ]
        sign = [
            _without_sign(candidates[i].text, thing, stems, d)
            for i, d in zip(top, denied, strict=True)
        ]
    else:
        denied = [denies(candidates[i].text, criterion) for i in top]
        # A sentence that plays the criterion down speaks to it the other way: for "least",
        # it is the strongest evidence; for "most", it is no evidence (a denial word near the
        # criterion's word is not always about the role: "people who do not read code").
        sign = [(-1.0 if less else 0.0) if d else 1.0 for d in denied]
    weights = WEIGHTS[: len(top)]
    score = sum(w * float(scores[i]) * g for w, i, g in zip(weights, top, sign, strict=True))
    score /= sum(weights)
    if thing:
        # For "without", the sentence to quote is the one saying the thing is optional.
        less = not less
    # The line quoted for the role: its closest sentence, or for "least", a sentence of its
    # top ones that plays the criterion down when there is one (that is the reason).
    pick = 0
    if thing and any(g > 0 for g in sign):
        # the sentence that says the thing is optional outright, not one about a higher level
        pick = next(k for k, g in enumerate(sign) if g > 0)
    elif less and any(denied):
        pick = denied.index(True)
    elif not less and not all(denied):
        pick = denied.index(False)
    i = int(top[pick])
    return RoleEvidence(role, score, candidates[i], float(scores[i]), denied[pick])


def level(ranked: Sequence[RoleEvidence]) -> bool:
    """The first two roles are described about equally on the criterion."""
    return len(ranked) >= 2 and abs(ranked[0].score - ranked[1].score) < LEVEL


# A role's line moves to the section most roles' lines come from when that section holds a
# sentence at least this close to the criterion, relative to the role's own best.
SAME_SECTION = 0.8


def in_common_section(
    ranked: Sequence[RoleEvidence],
    sentences_of: Mapping[str, Sequence[Candidate]],
    criterion: str,
    selector: Selector,
) -> list[RoleEvidence]:
    """Every role's line from the same section where the guides allow it: the section most
    roles' closest sentences come from ("Work environment" for remote work) is where the
    guides treat the criterion, so a role whose closest sentence sits elsewhere (a
    behavioural interview question for "stakeholders") is quoted from that section instead,
    if it says something close there. The ranking is unchanged; only the quoted line moves."""
    parts = [e.pick.passage.part for e in ranked if not e.says_little]
    if not parts:
        return list(ranked)
    common = max(set(parts), key=parts.count)
    if parts.count(common) * 2 < len(ranked):
        return list(ranked)  # no section most guides share
    moved = []
    for e in ranked:
        there = [c for c in sentences_of.get(e.role, []) if c.passage.part == common]
        if e.pick.passage.part == common or not there or e.denied:
            moved.append(e)
            continue
        scores = selector.similarity(criterion, there)
        best = int(scores.argmax())
        close = float(scores[best])
        if close >= max(SAYS_LITTLE, SAME_SECTION * e.closest):
            moved.append(replace(e, pick=there[best], closest=close))
        else:
            moved.append(e)
    return moved
