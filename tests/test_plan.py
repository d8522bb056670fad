"""Plans (bot/routes/plan.py): the guide's steps in its own order, numbered, each cited."""

from __future__ import annotations

import re

from bot.core.answer import Passage
from bot.routes.plan import steps_of
from bot.understand.routing import wants_plan


def _passage(text: str, seq: int = 0) -> Passage:
    section = "Data Engineer > How to get started"
    return Passage(f"p{seq}", text, "data-engineer", "Data Engineer",
                   section, "How to get started", "de.md", seq, 0.5)  # fmt: skip


def test_plan_requests() -> None:
    assert wants_plan("Can you give me a study plan for data engineering?")
    assert wants_plan("What should I do first and then next to become an analyst?")
    assert not wants_plan("What tools does a data engineer use?")


def test_the_first_list_of_steps_in_order_without_the_paths_by_background() -> None:
    text = (
        "The quickest route is SQL first.\n\nA plan:\n\n1. Learn SQL.\n2. Learn Python.\n"
        "3. Build a pipeline.\n- From analytics: analysts add Python.\n\nThese people do well."
    )
    opening, steps = steps_of([_passage(text)])
    assert opening is not None and opening.text == "The quickest route is SQL first."
    assert [s.text.split(". ", 1)[-1] for s in steps][:1] and len(steps) == 3
    assert not any(re.match(r"(?i)(these|from)\b", s.text) for s in steps)


def test_prose_steps_when_the_guide_has_no_list() -> None:
    text = "Start with SQL. Then learn Python. These medians matter. Build a project. Apply."
    _opening, steps = steps_of([_passage(text)])
    assert all(not s.text.startswith("These") for s in steps) and len(steps) >= 3


def test_a_plan_answer_on_the_bundled_guides(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("What is a sensible step-by-step plan to become an ML engineer?")
    assert answer.route == "plan"
    numbers = [int(m) for m in re.findall(r"(?m)^(\d+)\. ", answer.text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3
    assert "From " not in answer.text
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert cited == set(range(1, len(answer.sources) + 1))
    assert all("started" in s.section for s in answer.sources)
