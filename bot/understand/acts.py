"""Conversation acts: a greeting, thanks, "what can you do?", "why?", a goodbye.

Nearest neighbours over labelled example utterances (``acts.yaml``) with the embedding
model careerbot already loads, instead of a word list per act: "cheers, that helped" and
"brilliant, much appreciated" share no words but sit close together. The examples include
ordinary career questions (label ``question``), so a message is an act only when it is
nearer to an act's examples than to any question, by a clear margin. Unsure means "not an
act": the question goes on to the guides, the safe fallback.

This module never loads the model itself (understanding needs no model): the caller passes
the function that turns texts into unit vectors.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from typing import Literal

import contractions
import emoji
import numpy as np
import yaml
from abbrfix.abbr import abbreviations as _CHAT_ABBREVIATIONS
from rapidfuzz import fuzz

from bot.understand.examples import LabelledExamples, read_examples

Act = Literal["greeting", "thanks", "capabilities", "why", "goodbye"]
ACTS: tuple[Act, ...] = ("greeting", "thanks", "capabilities", "why", "goodbye")
QUESTION = "question"
# Cosine similarity the best act example must reach, and how far ahead of the best
# ordinary-question example it must be. Set on the examples' own leave-one-out fit
# (tests/test_acts.py: 0.35 and 0.05 are within two points of the best grid point, with a
# margin kept so that a near-tie goes to the guides), never on an evaluation question.
MIN_SIMILARITY = 0.35
MIN_MARGIN = 0.05
# Below the bars, the act the votes lean to is kept when the best act example reaches this
# and the message is a few words at most (``ActGuess.leaning``; the chatbot uses it only for
# a message that asks for nothing): slang such as "cya". An off-topic question ("who won
# the football match last night?", 0.26 from "morning!") is longer and further away.
MIN_LEANING = 0.3
LEANING_MAX_WORDS = 4
# Neighbours whose votes decide (similarity-weighted).
K = 3
# ... unless the nearest example is this much nearer than any example of another label:
# then it decides alone. Two neighbours alike only in form outvoted a clearly nearer one
# ("night night": "good night" 0.61, yet "good evening" 0.48 and "morning!" 0.46 made it a
# greeting; even "good night" itself was). Set on the leave-one-out fit (tests/test_acts.py).
DECISIVE = 0.12
# Acts are short; a long message is a question even when it opens with "thanks". Long polite
# forms ("could you tell me what kinds of questions you are able to answer?") are acts too,
# so the bar is the longest act example plus a few words (``max_words``), not a guess.
EXTRA_WORDS = 3
# Acts that open a message and are then followed by the real question ("hi, what does a
# data engineer do?", "thanks! and what about pay?"): the question is answered.
OPENERS: tuple[Act, ...] = ("greeting", "thanks")
# An opening act is at most this many words; the question after it at least MIN_REST.
MAX_OPENING_WORDS = 8
MIN_REST = 2
MAX_PEELED = 3  # "hi! thanks for earlier. what about pay?"
# A head cut off a longer message is a fragment, read with less context than a whole
# message: it is peeled as an opening act only when clearly one. On the development
# questions the openers people write ("hi,", "thanks a lot!", "hello there,") come at 0.55
# and over; "My name is Oluwaseun." came at 0.36 (nearest "hello friend"), and an
# introduction is the person's words about themselves (bot.understand.person), not an act.
MIN_OPENING = 0.5


@dataclass(frozen=True)
class ActGuess:
    act: Act | None  # None: not an act (or unsure): answer it from the guides
    confidence: float  # similarity of the nearest example of the winning label
    margin: float  # how far that is ahead of the nearest ordinary question
    nearest: str  # the example that decided, for debugging and the LLM notes
    # The act the neighbours voted for when they were not sure enough (below the bars, yet
    # nearer an act than any ordinary question): the chatbot takes it only for a message
    # that names no role and asks for nothing the guides hold ("cya", "ttyl").
    leaning: Act | None = None


@dataclass(frozen=True)
class Opening:
    """A message that opens with an act and goes on with a question."""

    act: Act
    head: str  # the act's words ("thanks, that helped.")
    rest: str  # the question after it ("how do I get started?")


_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # "heyyy", "hellooo", "thxxx"
_REPEATED_MARKS = re.compile(r"([!?.])\1+")


_WORD = re.compile(r"[^\W\d_][\w']*|\d\w*")
_LATIN = re.compile(r"[a-z]")


def chat_text(text: str) -> str:
    """A chat message as the model reads it best: a message of emoji alone as their names
    ("👋" -> "waving hand", "🙏" -> "folded hands": all-MiniLM has no token for the
    pictures, but knows the words), emoji beside words left out, stretched letters and
    repeated marks made single, chat shorthand spelt out ("ttyl" -> "talk to you later",
    "gotta" -> "got to", "that's" -> "that is": the model has no sense of the short forms,
    and read "ttyl" as near "tysm" and "cya" as near "heya" by their letters), lower case.
    Applied to the examples and to what people type alike."""
    named = _pictures(text)
    named = _REPEATED_MARKS.sub(r"\1", _STRETCHED.sub(r"\1", named))
    return " ".join(spelt_out(named).lower().split())


def _pictures(text: str) -> str:
    """Emoji as their names when they are all the message says ("👋", "🙏"); beside words
    they are dropped: the words say the act, and a picture's name weighs as much as they
    do ("ty 🙏" read as "thank you folded hands" was nearest "hello waving hand")."""
    if _WORD.search(emoji.replace_emoji(text, "")):
        return emoji.replace_emoji(text, " ")
    return emoji.demojize(text, delimiters=(" ", " ")).replace("_", " ")


def spelt_out(text: str) -> str:
    """Chat abbreviations (abbrfix's list: "ttyl", "gtg", "ty", "brb") and slang and
    contractions (the contractions library: "gotta", "u", "cya", "I'm") in full words."""
    expanded = _WORD.sub(lambda m: _CHAT_ABBREVIATIONS.get(m.group().lower(), m.group()), text)
    return str(contractions.fix(expanded, slang=True))


def load_examples() -> dict[str, list[str]]:
    return read_examples("acts.yaml", "acts")


class ActClassifier(LabelledExamples):
    """Embeds the examples once (on first use) and classifies messages against them."""

    FILE = "acts.yaml"
    KEY = "acts"

    @staticmethod
    def prepared(text: str) -> str:
        return chat_text(text)

    @functools.cached_property
    def max_words(self) -> int:
        pairs = zip(self.texts, self.labels, strict=True)
        longest = max(len(t.split()) for t, label in pairs if label != QUESTION)
        return longest + EXTRA_WORDS

    def classify(self, text: str) -> ActGuess:
        words = text.split()
        prepared = self.prepared(text)
        # The model reads English: a message with no Latin letter left once emoji are named
        # (Thai, Greek, Chinese) is no English act; another language's acts are matched by
        # ``foreign_act``. Embedded anyway, it lands near whatever example is shortest.
        if not words or len(words) > self.max_words or not _LATIN.search(prepared):
            return ActGuess(None, 0.0, 0.0, "")
        vector = np.asarray(self.embed([prepared]), dtype=np.float32)[0]
        guess = self._decide(self.matrix @ vector)
        if len(words) > LEANING_MAX_WORDS:
            return replace(guess, leaning=None)
        return guess

    def _decide(self, sims: np.ndarray, skip: int = -1) -> ActGuess:
        order = [int(i) for i in np.argsort(-sims) if int(i) != skip]
        votes: dict[str, float] = {}
        for i in order[:K]:
            votes[self.labels[i]] = votes.get(self.labels[i], 0.0) + float(sims[i])
        label = max(votes, key=lambda name: votes[name])
        nearest = order[0]
        rival = next((i for i in order if self.labels[i] != self.labels[nearest]), None)
        if rival is not None and float(sims[nearest]) - float(sims[rival]) >= DECISIVE:
            label = self.labels[nearest]
        best = next(i for i in order if self.labels[i] == label)
        question = max((float(sims[i]) for i in order if self.labels[i] == QUESTION), default=0.0)
        confidence, margin = float(sims[best]), float(sims[best]) - question
        if label == QUESTION:
            return ActGuess(None, confidence, margin, self.texts[best])
        if confidence < MIN_SIMILARITY or margin < MIN_MARGIN:
            leaning = label if margin > 0 and confidence >= MIN_LEANING else None
            return ActGuess(None, confidence, margin, self.texts[best], leaning)  # type: ignore[arg-type]
        return ActGuess(label, confidence, margin, self.texts[best])  # type: ignore[arg-type]

    def opening(self, text: str) -> Opening | None:
        """The greeting or thanks a message opens with, when a question follows it ("thanks,
        that helped. how do I get started?"): at each step the cut whose head the classifier
        is surest is such an act (a cut follows a clause mark or an emoji), peeled off
        until the question is left."""
        acts: list[Act] = []
        heads: list[str] = []
        rest = text.strip()
        for _ in range(MAX_PEELED):
            best: tuple[float, Act, str, str] | None = None
            for head, tail in _cuts(rest):
                if len(tail.split()) < MIN_REST:
                    continue
                guess = self.classify(head)
                if guess.act not in OPENERS or guess.confidence < MIN_OPENING:
                    continue
                if best is None or guess.confidence > best[0]:
                    best = (guess.confidence, guess.act, head, tail)
            if best is None:
                break
            acts.append(best[1])
            heads.append(best[2])
            rest = best[3]
        if not acts:
            return None
        return Opening(acts[0], " ".join(heads), rest)

    def leave_one_out(self) -> float:
        """Share of the examples classified right with themselves left out: how well the
        examples separate the acts (the thresholds' check)."""
        sims = self.matrix @ self.matrix.T
        right = 0
        for i, label in enumerate(self.labels):
            guess = self._decide(sims[i], skip=i)
            right += (guess.act or QUESTION) == label
        return right / len(self.labels)


_MARK = re.compile(r"[,.!?;:…]+(?=\s)|\s[-–—]+(?=\s)")


def _cuts(text: str) -> list[tuple[str, str]]:
    """Where an opening act may end: after a clause mark or an emoji, within the first
    MAX_OPENING_WORDS words. Never after a bare word: the model reads one word ("Which",
    "I") as near "hi" as a greeting, and a message without marks that names its role is
    answered as it is."""
    ends = [m.end() for m in _MARK.finditer(text)]
    ends += [e["match_end"] for e in emoji.emoji_list(text)]
    cuts = sorted({e for e in ends if 0 < e < len(text)})
    pairs = [(text[:e].strip(), text[e:].strip()) for e in cuts]
    pairs = [(h, r) for h, r in pairs if h and len(h.split()) <= MAX_OPENING_WORDS]
    return pairs


# Other languages. all-MiniLM-L6-v2 reads English only, so an act in another language is
# matched against set phrases of that language (``acts_foreign.yaml``) instead: a slip is
# forgiven (rapidfuzz), and a few words may follow the phrase ("danke, das hat geholfen").
PHRASE_SIMILARITY = 88  # rapidfuzz ratio for a whole message against a phrase
EXACT_BELOW = 5  # phrases this short ("oi", "tak", "hej") must match exactly
TRAILING_WORDS = 3  # words allowed after a phrase that opens the message
FOREIGN_MAX_WORDS = 12  # a longer message is a question, whatever it opens with
_PUNCTUATION = re.compile(r"[¡!¿?.,;:()\"“”«»…？！。，、؟،।;·]+")


@dataclass(frozen=True)
class ForeignAct:
    act: Act
    languages: tuple[str, ...]  # ISO 639-1 codes whose phrase matched, best first
    phrase: str


def load_foreign() -> dict[str, dict[str, list[str]]]:
    raw = resources.files("bot.understand").joinpath("acts_foreign.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    return {
        str(code): {str(act): [_plain(str(p)) for p in phrases] for act, phrases in acts.items()}
        for code, acts in data["languages"].items()
    }


@functools.cache
def _foreign() -> dict[str, dict[str, list[str]]]:
    return load_foreign()


def _plain(text: str) -> str:
    """Lower case, no punctuation and no accents: people type "dziekuje" and "adios"."""
    folded = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", bare).split())


def _phrase_score(message: str, phrase: str) -> float:
    if message == phrase:
        return 100.0
    if message.startswith(phrase + " ") and len(message[len(phrase) :].split()) <= TRAILING_WORDS:
        return 99.0
    if _unspaced_opening(message, phrase):
        return 99.0
    if len(phrase) < EXACT_BELOW:
        return 0.0
    return float(fuzz.ratio(message, phrase))


# Thai, kana and CJK ideographs (language.unspaced, which imports this module).
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _unspaced_opening(message: str, phrase: str) -> bool:
    """A phrase of a script without spaces opening the message ("谢谢你的帮助"): as a
    phrase and a few words after it, two letters a word."""
    rest = message[len(phrase) :]
    return (
        bool(phrase)
        and bool(_UNSPACED.match(phrase))
        and message.startswith(phrase)
        and len(rest.replace(" ", "")) <= 2 * TRAILING_WORDS
    )


def foreign_act(text: str) -> ForeignAct | None:
    """The act a short message in another language is, or None. Where several languages
    share the phrase ("hallo": German and Dutch), the caller's language detector decides
    between ``languages``."""
    message = _plain(text)
    if not message or len(message.split()) > FOREIGN_MAX_WORDS:
        return None
    found: dict[str, tuple[float, str, str]] = {}  # code -> (score, act, phrase)
    for code, acts in _foreign().items():
        for act, phrases in acts.items():
            for phrase in phrases:
                score = _phrase_score(message, phrase)
                if score >= PHRASE_SIMILARITY and score > found.get(code, (0.0, "", ""))[0]:
                    found[code] = (score, act, phrase)
    if not found or all(found[c][1] == "greeting" and found[c][0] < 100 for c in found):
        # "szia, miben tudsz segíteni?": a greeting with more after it is what follows
        found = _after_greeting(message) or found
    if not found:
        return None
    ranked = sorted(found, key=lambda code: -found[code][0])
    score, act, phrase = found[ranked[0]]
    same = tuple(code for code in ranked if found[code][1] == act and found[code][0] == score)
    return ForeignAct(act, same, phrase)  # type: ignore[arg-type]


def _after_greeting(message: str) -> dict[str, tuple[float, str, str]]:
    """A greeting that opens another act of the same language ("hei! hva kan du hjelpe meg
    med?", "szia, mit tudsz csinálni?"): the act that follows, as the whole
    message would be read."""
    found: dict[str, tuple[float, str, str]] = {}
    for code, acts in _foreign().items():
        for greeting in acts.get("greeting", ()):
            if not message.startswith(greeting + " "):
                continue
            rest = message[len(greeting) :].strip()
            for act, phrases in acts.items():
                if act == "greeting":
                    continue
                for phrase in phrases:
                    score = _phrase_score(rest, phrase)
                    if score >= PHRASE_SIMILARITY and score > found.get(code, (0.0, "", ""))[0]:
                        found[code] = (score, act, phrase)
    return found
