"""Plan requests: whether a question about one role asks for ordered steps.

"Lay it out stage by stage", "how should I order my learning?", "break it down into
phases", "what comes first and what comes last?" ask for a plan in words no pattern lists,
while "how do people get into this?" and "what is the first thing to study?" ask for the
guide's advice in prose. So the question (role names taken out) is compared with labelled
requests (``plans.yaml``: ``plan`` or ``other``), embedded with the model careerbot already
loads; the nearest examples vote, and a plan is read only when the nearest plan example is
close enough and beats the nearest other example by a margin. Unsure, the word patterns of
``bot.understand.routing.wants_plan`` decide alone, as before.

The caller passes the function that embeds texts (understanding loads no model itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.understand.examples import LabelledExamples

PLAN = "plan"
K = 3
# Checked by leave-one-out on the examples (tests/test_plan.py) and on the dev set, where
# "which subject should I tackle first?" comes within 0.58 of a plan example: a plan is
# read only nearer than that. Ordinary getting-started
# questions sit at 0.5 to 0.6 of a plan example, but nearer one of their own.
MIN_SIMILARITY = 0.6
MARGIN = 0.05


@dataclass(frozen=True)
class PlanReading:
    plan: bool  # asks for ordered steps
    confidence: float  # similarity of the nearest example of the winning label
    nearest: str  # that example (debugging, tests)


class PlanClassifier(LabelledExamples):
    FILE = "plans.yaml"
    KEY = "labels"

    def read(self, question: str) -> PlanReading:
        """``question``: role names already taken out."""
        if not question.strip(" ?!.,"):
            return PlanReading(False, 0.0, "")
        vector = np.asarray(self.embed([question.strip().lower()]), dtype=np.float32)[0]
        return self._vote(self.matrix @ vector)

    def _vote(self, sims: np.ndarray, skip: int = -1) -> PlanReading:
        label, best = self.nearest_vote(sims, K, skip)
        confidence = float(sims[best])
        others = [float(s) for i, s in enumerate(sims) if self.labels[i] != label and i != skip]
        margin = confidence - max(others, default=0.0)
        plan = label == PLAN and confidence >= MIN_SIMILARITY and margin >= MARGIN
        return PlanReading(plan, confidence, self.texts[best])

    def leave_one_out(self) -> float:
        """Share of the examples read right with themselves left out."""
        sims = self.matrix @ self.matrix.T
        right = sum(
            self._vote(sims[i], skip=i).plan == (label == PLAN)
            for i, label in enumerate(self.labels)
        )
        return right / len(self.labels)
