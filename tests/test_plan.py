"""Plans (bot/routes/plan.py): the guide's steps in its own order, numbered, each cited."""

from __future__ import annotations

import re

from bot.core.results import Passage
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
        "The quickest route into the job is to learn SQL before anything else.\n\nA plan:\n\n"
        "1. Learn SQL well, with joins and window functions on public data.\n"
        "2. Learn Python for scripting, testing and small data jobs.\n"
        "3. Build one pipeline end to end and publish it with a short write-up.\n"
        "- From analytics: analysts already know SQL and mainly add Python.\n\n"
        "These people usually do well in interviews for junior roles."
    )
    opening, steps = steps_of([_passage(text)])
    assert opening is not None and opening.text.startswith("The quickest route")
    assert len(steps) == 3 and steps[0].text.startswith("Learn SQL")
    assert not any(re.match(r"(?i)(these|from)\b", s.text) for s in steps)


def test_prose_steps_when_the_guide_has_no_list() -> None:
    text = (
        "Start with SQL and practise it every day on public data. Then learn Python for "
        "scripting and small data jobs at work. These medians matter more than most people "
        "think about them. Build a project that you can show to employers in interviews. "
        "Apply for junior roles once the project is public and documented."
    )
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
