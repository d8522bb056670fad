"""Plans: "a 90-day plan to become X", "what first, what next?", "the steps, in order".

A plan is the guide's own getting-started advice in the guide's own order: its list of
steps when it has one, else its sentences as written. Each step is one cited sentence,
numbered from 1; a sentence that opens by pointing back at something ("These medians ...",
"That person ...") is left out, since the sentence it points at may not be in the plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from langchain_chroma import Chroma

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search
from bot.routes.advice import AdviceRoute
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Candidate, candidates_of, cite
from bot.understand.intents import BY_ID, parts_for
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.evidence import Evidence
    from bot.routes.selection import Selector

MAX_STEPS = 7
MIN_STEPS = 3
PASSAGES = 8
_DANGLING = re.compile(r"^(?:this|that|these|those|they|it|such|both|the above)\b", re.IGNORECASE)
# A line that only introduces the list ("A step-by-step plan for a future X:").
_INTRO = re.compile(r":\s*$")
_FROM = re.compile(r"^(?:\d+[.)]\s*)?from\b[^:]{0,60}:", re.IGNORECASE)


def find_steps(
    store: Chroma, vectors: VectorCache, catalog: RoleCatalog, role: str
) -> list[Passage]:
    """The role's getting-started section (else its education section), whole."""
    guides = Guides(store, [role])
    parts = guides.parts(role)
    for intent in (BY_ID["getting_started"], BY_ID["education"]):
        wanted = tuple(parts_for(intent, parts))
        if wanted:
            search = Search(f"{catalog.title(role)}: {intent.query}", role, wanted, PASSAGES)
            (found,) = guides.run(vectors, [search])
            if found:
                return sorted(found, key=lambda p: p.seq)
    return []


def steps_of(passages: Sequence[Passage]) -> tuple[Candidate | None, list[Candidate]]:
    """The opening sentence and the steps, in the guide's order: the section's first list
    of steps, else its sentences. A list of paths by background ("From finance: ...") is
    not a sequence of steps."""
    candidates = candidates_of(sorted(passages, key=lambda p: p.seq))
    usable = [c for c in candidates if not _DANGLING.match(c.text) and not _INTRO.search(c.text)]
    opening = next((c for c in usable if not c.bullet), None)
    for run in _runs(usable):
        # Steps end where the paths by background begin.
        steps = run[: next((i for i, c in enumerate(run) if _FROM.match(c.text)), len(run))]
        if len(steps) >= MIN_STEPS:
            return opening, steps[:MAX_STEPS]
    prose = [c for c in usable if not c.bullet and c is not opening]
    return opening, prose[:MAX_STEPS]


def _runs(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """Consecutive list items, each run one list of the guide."""
    runs: list[list[Candidate]] = []
    current: list[Candidate] = []
    for c in candidates:
        if c.bullet:
            current.append(c)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def compose_plan(role: str, passages: Sequence[Passage], catalog: RoleCatalog) -> Answer | None:
    opening, steps = steps_of(passages)
    if len(steps) < MIN_STEPS:
        return None
    picks = [*([opening] if opening else []), *steps]
    cited = cite(picks, reading=True)
    title = catalog.title(role)
    lines = []
    if opening is not None:
        lines.append(f"{opening.text} [{cited.numbers[opening.passage.id]}]")
        lines.append("")
    lines.append(
        f"The steps to becoming {with_article('a ' + name_of(title))}, in the order the "
        "guide gives them:"
    )
    lines.append("")
    for n, step in enumerate(steps, start=1):
        text = re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", step.text)
        lines.append(f"{n}. {text} [{cited.numbers[step.passage.id]}]")
    return Answer(
        text="\n".join(lines),
        sources=cited.sources,
        mode="offline",
        route="plan",
        roles=[role],
        intent="getting_started",
    )


PLAN_NOTE = (
    "The person asks for a plan: give numbered steps (1, 2, 3, ...) in the order the guide "
    "gives them, each cited, and no step that refers to a sentence not shown."
)


class PlanRoute(BaseRoute):
    """The guide's getting-started steps in order; an ordinary answer when it has none."""

    name = "plan"

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        steps = find_steps(evidence.store(), evidence.vectors, turn.catalog, turn.roles[0])
        if not steps:
            return replace(turn, route="answer")  # handed over: an ordinary answer
        return replace(turn, passages=steps)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        planned = compose_plan(turn.roles[0], turn.passages, turn.catalog)
        return planned or AdviceRoute().compose(turn, selector)

    def brief(self, turn: Turn) -> Brief:
        return Brief(notes=[PLAN_NOTE])
