"""Direction: whether someone who has said what they like or dislike is asking which role
would suit them.

A fit question is known by its shape, not by a "which role" phrase: a person's preferences
and a request for direction. "Writing SQL all day sounds dull to me; I'd rather train
neural networks. What should I be?", "... Any idea what I should become?", "... What do you
recommend?" ask the same thing in words no pattern lists, while "... What tools should I
learn?" asks about a topic. So the asking part of the question (its question sentences,
without what the person said of themselves) is compared with labelled requests
(``direction.yaml``: ``direction`` or ``topic``), embedded with the model careerbot already
loads; the nearest examples vote. Preferences said with no question at all ("Spreadsheets
bore me. Shipping models excites me.") ask for direction by themselves.

The caller passes the function that embeds texts (understanding loads no model itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.understand.examples import LabelledExamples, read_examples
from bot.understand.opinion import is_question, opinion_of, predicated, sides
from bot.understand.profile import profile_from

DIRECTION = "direction"
# Neighbours that vote (weighted by similarity), and the similarity the nearest direction
# example must reach. Checked by leave-one-out on the examples (tests/test_direction.py).
K = 3
MIN_SIMILARITY = 0.4
# Sentences, and the clause after a comma that starts a question ("..., what fits me?").
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|,\s+(?=(?:what|which|where|any|so)\b)", re.IGNORECASE)


_PERSONAL = re.compile(r"\b(?:I|I'm|I'd|I've)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Direction:
    asks: bool  # a request for direction
    confidence: float  # similarity of the nearest example of the winning label
    nearest: str  # that example (debugging, tests)


class DirectionClassifier(LabelledExamples):
    FILE = "direction.yaml"
    KEY = "labels"

    def classify(self, request: str) -> Direction:
        """``request``: the asking part (``request_of``), role names taken out."""
        if not request.strip(" ?!.,"):
            return Direction(False, 0.0, "")
        vector = np.asarray(self.embed([request.strip().lower()]), dtype=np.float32)[0]
        return self._vote(self.matrix @ vector)

    def _vote(self, sims: np.ndarray, skip: int = -1) -> Direction:
        label, best = self.nearest_vote(sims, K, skip)
        confidence = float(sims[best])
        asks = label == DIRECTION and confidence >= MIN_SIMILARITY
        return Direction(asks, confidence, self.texts[best])

    def leave_one_out(self) -> float:
        """Share of the examples read right with themselves left out."""
        sims = self.matrix @ self.matrix.T
        right = sum(
            self._vote(sims[i], skip=i).asks == (label == DIRECTION)
            for i, label in enumerate(self.labels)
        )
        return right / len(self.labels)


def load_examples() -> dict[str, list[str]]:
    return read_examples("direction.yaml", "labels")


def request_of(text: str) -> str:
    """The asking part of ``text``: its question sentences, in order ("" if none)."""
    pieces = [p.strip() for p in _SENTENCES.split(" ".join(text.split())) if p.strip()]
    return " ".join(p for p in pieces if p.endswith("?") or is_question(p))


def only_preferences(text: str) -> bool:
    """Every part of ``text`` says what the person likes, dislikes, knows or has done, and
    at least one part is an opinion: preferences with nothing asked."""
    parts = sides(text)
    if not parts or request_of(text):
        return False
    before = "neutral"
    opinions = 0
    for part in parts:
        said = opinion_of(part, before)  # type: ignore[arg-type]
        if said.polarity != "neutral" and _personal(part):
            opinions, before = opinions + 1, said.polarity
        elif not profile_from([part]):
            return False
    return opinions > 0


def _personal(part: str) -> bool:
    """Said by the person of themselves or of a thing ("I love X", "X bores me"), not a
    request with a kind word in it ("Recommend a good film")."""
    return bool(_PERSONAL.search(part)) or predicated(part) is not None


def personal_opinion(part: str) -> bool:
    """``part`` is a like or dislike the person states ("I enjoy experiments")."""
    return _personal(part) and opinion_of(part).polarity != "neutral"


def asks_direction(text: str, classifier: DirectionClassifier, in_context: bool = False) -> bool:
    """``text`` (role names already out) asks which role would suit the person.
    ``in_context``: the conversation is about some roles already, where "I like that." is a
    reply about them, not preferences asking for direction."""
    request = request_of(text)
    if not request:
        return not in_context and only_preferences(text)
    return classifier.classify(request).asks


def states_preferences(text: str, classifier: DirectionClassifier) -> bool:
    """The message says what the person likes or dislikes and asks which way to go ("I
    enjoy experiments. What role?"): a request for direction, never a conversation act,
    however near its short question sits to "what can you do?". A thanks that likes the
    answer ("thanks, I really like that answer") asks nothing, so it stays thanks."""
    request = request_of(text)
    if not request or not classifier.classify(request).asks:
        return False
    return any(personal_opinion(part) for part in sides(text))
