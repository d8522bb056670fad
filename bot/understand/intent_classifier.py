"""What a question asks for, by nearest neighbours over labelled example questions.

The word lists of ``bot.understand.intents`` fit the questions they were written for: "what
should I learn before anything else?" has no cue of getting started, and "learn" hides
"earn" from nobody but a careless reader. Example questions per intent (``intents.yaml``),
embedded once with the model careerbot already loads, generalise to new words: a question
takes the intent of its nearest examples, with a confidence.

The question is matched with its role names taken out (the examples have none), so "what
does a data engineer earn?" and "what do they make a year?" meet on what is asked, not on
who. The word lists are kept as evidence, not as the decision: a cue word ("salary",
"interview") adds to its intent's score, because the model weighs one topic noun lightly in
a short question. When nothing is near enough the word rules decide alone, as before; guide
headings, which are not questions ("Pay and outlook"), are still read by
``heading_matches``.

The caller passes the function that turns texts into unit vectors (understanding loads no
model itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.understand.examples import LabelledExamples, read_examples
from bot.understand.intents import BY_ID, Intent, intent_of, intents_of

NONE = "none"  # asks for nothing in particular: the topic is carried, or the search decides
# A label's score is the mean similarity of its TOP nearest examples, plus CUE_BONUS when
# the word rules name that intent first (their most specific reading). all-MiniLM
# weighs one topic noun lightly in a short question ("what is the job outlook?" sits near
# "what does the job involve?"), and the cue words are exactly such nouns, so they count as
# evidence; but a cue is one word, and a large bonus lets it outvote the meaning ("what is
# the best first skill to learn?" names "skill" and asks for the way in). With 25 examples
# per intent, a bonus of 0.1 for the first-named cue alone reads the examples best
# (leave-one-out 0.83; 0.81 with 0.2, and half of it for later cues, as before) and so do
# questions written apart from them (0.90 of 40 against 0.85).
TOP = 2
CUE_BONUS = 0.1
# Below this score nothing is near enough: the word rules decide alone, as before.
MIN_SCORE = 0.35
# With no cue word at all, the neighbours decide only this far ahead of the next intent: a
# wrong intent puts the wrong section first, while none lets the search (and the guide's
# FAQ) decide. With 15 examples per intent a margin of 0.1 was needed for a precision of
# 0.9 and left 40% of the examples unsure; with 25 in more varied words, neighbours 0.03
# ahead are right as often (0.92 of the sure readings of questions written apart from the
# examples) and only 5% of those questions are left to the search.
MIN_MARGIN_ALONE = 0.03


@dataclass(frozen=True)
class IntentGuess:
    label: str  # an intent id, NONE, or "" when unsure
    score: float  # the winning label's score
    margin: float  # how far ahead of the next label
    nearest: str  # the winning label's nearest example (debugging, the LLM notes)

    @property
    def sure(self) -> bool:
        return bool(self.label)


def load_examples() -> dict[str, list[str]]:
    return read_examples("intents.yaml", "intents")


class IntentClassifier(LabelledExamples):
    """Embeds the examples on first use and reads the intent of questions against them."""

    FILE = "intents.yaml"
    KEY = "intents"

    def _made(self) -> None:
        self._label_of = np.array(self.labels)

    def guess(self, text: str, plain: str) -> IntentGuess:
        """The intent of ``text``; ``plain`` is the same question with its role names taken
        out (what the neighbours compare), ``text`` what the word rules read."""
        if not plain.strip(" ?!.,"):
            return IntentGuess("", 0.0, 0.0, "")
        vector = np.asarray(self.embed([plain.strip().lower()]), dtype=np.float32)[0]
        return self._decide(self.matrix @ vector, _cues(text))

    def intent_of(self, text: str, plain: str) -> Intent | None:
        """The question's intent (None: nothing in particular)."""
        found = self.guess(text, plain)
        if not found.sure:
            return intent_of(text)
        return BY_ID.get(found.label)

    def scores(self, text: str, plain: str) -> dict[str, float]:
        """Every label's score for ``text`` (its nearest examples, and the bonus of its
        first cue), as ``_decide`` weighs them; empty for a text with no words."""
        if not plain.strip(" ?!.,"):
            return {}
        vector = np.asarray(self.embed([plain.strip().lower()]), dtype=np.float32)[0]
        return self._scores(self.matrix @ vector, _cues(text))

    def _decide(self, sims: np.ndarray, cues: list[str], skip: int = -1) -> IntentGuess:
        if skip >= 0:
            sims = sims.copy()
            sims[skip] = -1.0
        scores = self._scores(sims, cues)
        ranked = sorted(scores, key=lambda name: -scores[name])
        best, runner = ranked[0], ranked[1]
        score, margin = scores[best], scores[best] - scores[runner]
        nearest = max(
            (i for i, label in enumerate(self.labels) if label == best), key=lambda i: sims[i]
        )
        sure = score >= MIN_SCORE and (bool(cues) or margin >= MIN_MARGIN_ALONE)
        return IntentGuess(best if sure else "", score, margin, self.texts[nearest])

    def _scores(self, sims: np.ndarray, cues: list[str]) -> dict[str, float]:
        scores: dict[str, float] = {}
        for label in self.examples:
            own = np.sort(sims[self._label_of == label])[::-1][:TOP]
            scores[label] = float(own.mean())
        if cues:
            # Only the most specific cue the rules name: "study ... first" is the way in,
            # and the bare "study" in it no evidence of a degree question.
            scores[cues[0]] = scores.get(cues[0], 0.0) + CUE_BONUS
        return scores

    def leave_one_out(self) -> float:
        """Share of the examples read right with themselves left out (the word rules
        deciding where the neighbours are unsure): how well the examples separate the
        intents, the settings' own check."""
        sims = self.matrix @ self.matrix.T
        right = 0
        for i, label in enumerate(self.labels):
            guess = self._decide(sims[i], _cues(self.texts[i]), skip=i)
            if guess.sure:
                right += guess.label == label
            else:
                rule = intent_of(self.texts[i])
                right += (rule.id if rule else NONE) == label
        return right / len(self.labels)


def _cues(text: str) -> list[str]:
    return [intent.id for intent in intents_of(text)]


def rules_accuracy(examples: dict[str, list[str]]) -> float:
    """Share of the examples the word rules alone read right: the figure before."""
    pairs = [(label, text) for label, group in examples.items() for text in group]
    right = 0
    for label, text in pairs:
        rule = intent_of(text)
        right += (rule.id if rule else NONE) == label
    return right / len(pairs)
