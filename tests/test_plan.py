"""Plans (bot/routes/plan.py): the guide's steps in its own order, numbered, each cited."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

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
    assert wants_plan("Give me a week-by-week schedule for learning analytics engineering")
    # Any unit of a sequence said around "by"; not the job's days or a comparison.
    assert wants_plan("Walk me phase by phase through becoming an analytics engineer")
    assert wants_plan("Take me month-by-month into data engineering")
    assert not wants_plan("What does a data engineer do day by day?")
    assert not wants_plan("Put a data engineer and a data analyst side by side")
    # A move into a role within a time the person gives is a plan too; a question about
    # how long it takes, or about a year's pay, is not.
    assert wants_plan("How do I get into data science within a year?", "getting_started")
    assert not wants_plan("How long does it take to become a data engineer?", "getting_started")
    assert not wants_plan("What does a data engineer earn in a year?", "salary")


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


def test_the_time_pace_and_start_the_person_gives() -> None:
    from bot.routes.plan import constraints_of

    said = constraints_of("I work full time in retail; give me a 6-month plan to become an analyst")
    assert said.months == 6 and said.span == "6 months"
    assert said.pace == "alongside a full-time job" and said.background == "retail"
    year = constraints_of("What would a year-long plan to move from teaching into data science be?")
    assert year.months == 12 and year.span == "a year" and year.background == "teaching"
    weeks = constraints_of("A ninety-day plan?")  # not a number the reader knows: no span
    assert weeks.months is None
    days = constraints_of("a 90-day plan on weekends", ["backend developer"])
    assert round(days.months or 0, 1) == 3.0 and days.pace == "on weekends"
    assert days.background == "backend developer"  # from what they said earlier
    assert constraints_of("within a year while keeping my office job").pace == "alongside your job"
    assert not constraints_of("What is a good plan to become a data engineer?")


def test_phases_spread_the_persons_time_over_the_steps_in_order() -> None:
    from bot.routes.plan import phases

    assert phases(6, 3) == ["Months 1–2", "Months 3–4", "Months 5–6"]
    assert phases(3, 5)[0] == "Weeks 1–3" and phases(3, 5)[-1].endswith("13")
    labels = phases(4, 5)  # more steps than months: the last ones share a month
    assert labels[0] == "Month 1" and labels[-1] == "Month 4" and len(labels) == 5


def test_a_plan_fitted_to_the_persons_time_and_start(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask(
        "I work full time in customer support; give me a six-month plan to become a data analyst"
    )
    assert answer.route == "plan"
    first = answer.text.split("\n\n")[0]
    assert "6 months" in first and "full-time job" in first and "customer support" in first
    steps = re.findall(r"(?m)^(\d+)\. (.*)$", answer.text)
    assert [int(n) for n, _ in steps] == list(range(1, len(steps) + 1)) and len(steps) >= 3
    assert re.match(r"\*\*Months? 1\b", steps[0][1])
    # The guide's own path for that background comes first, cited.
    assert "customer support" in steps[0][1].lower() and re.search(r"\[\d+\]$", steps[0][1])
    assert re.match(r"\*\*Months? (?:\d+–)?6\b", steps[-1][1])
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert cited == set(range(1, len(answer.sources) + 1))


def test_the_start_reads_as_a_person_or_a_field() -> None:
    from bot.routes.plan import constraints_of, starting_point
    from bot.understand.profile import profile_from

    said = constraints_of("Starting from accountant, what's my plan to become a data engineer?")
    assert starting_point(said.background) == "starting as an accountant"
    former = constraints_of("As a former nurse, give me a study plan for data analysis")
    assert starting_point(former.background) == "starting as a former nurse"
    assert starting_point("retail") == "starting from retail"
    assert starting_point("web development") == "starting from web development"
    assert starting_point("customer support") == "starting from customer support"
    # A qualification is held, not been: before, "starting as a biology degree".
    asked = "I have a biology PhD. Map out a plan for moving into data science."
    held = constraints_of(asked, profile_from([asked]).background)
    assert starting_point(held.background) == "starting with a biology degree"
    assert starting_point("economics MSc") == "starting with an economics MSc"


def test_a_time_said_of_the_past_is_not_the_plan_s_time() -> None:
    from bot.routes.plan import constraints_of

    past = constraints_of("I've been a chef for ten years. What first, what next for MLOps?")
    assert past.months is None
    assert constraints_of("After 5 years in sales, a 3-month plan?").months == 3
    assert constraints_of("with 8 years of experience, what is my plan?").months is None


def test_no_step_opens_on_a_sentence_that_is_not_there() -> None:
    texts = [
        "Learn SQL well on a real database before anything else.",
        "Their BLS category grew faster than the average for all jobs.",
        "Then build a small project that loads a public dataset every day.",
        "The latter matters most to hiring managers in most teams.",
        "Publish the project with a short write-up of your design choices.",
    ]
    opening, steps = steps_of([_passage(t, i) for i, t in enumerate(texts)])
    assert opening is not None and opening.text == texts[0]
    assert [s.text for s in steps] == [texts[2], texts[4]]


@pytest.mark.parametrize(
    "question",
    [
        "What order should I learn things in to become a data scientist?",
        "In which sequence do I pick up the skills of an analytics engineer?",
    ],
)
def test_an_order_asked_for_is_a_plan(question: str) -> None:
    assert wants_plan(question)


def test_a_start_the_guide_has_no_path_for_is_said_and_the_summary_is_no_step() -> None:
    from bot.routes.plan import Constraints, PlanEvidence, compose_plan
    from tests.guides import bundled_catalog

    steps = _passage(
        "The quickest route is to learn SQL first. Begin with SQL on public data every day. "
        "Add Python for scripting and small data jobs at work. Build one pipeline end to "
        "end and publish it with a short write-up."
    )
    skills = replace(_passage("A data engineer needs SQL, Python and care.", 9), section="Skills")
    said = Constraints(background="a nurse")
    plan = compose_plan("data-engineer", PlanEvidence([steps], [skills]), bundled_catalog(), said)
    assert plan is not None
    # Three steps are a plan: the skills summary ("needs ...") is no step of it.
    assert "needs SQL" not in plan.text
    # No path from nursing in the guide: said, rather than a plan that seems fitted to it.
    assert "no path of its own for someone starting as a nurse" in plan.text


def test_a_summary_made_a_step_is_named_as_an_action() -> None:
    # Two steps of its own are too few: the skills summary ("needs ...") becomes the first
    # step, introduced by what to do with it, and the guide's words follow, cited.
    from bot.routes.plan import SKILLS_STEP, PlanEvidence, compose_plan
    from tests.guides import bundled_catalog

    steps = _passage(
        "The quickest route is to learn SQL first. Begin with SQL on public data every day. "
        "Build one pipeline end to end and publish it with a short write-up."
    )
    skills = replace(_passage("A data engineer needs SQL, Python and care.", 9), section="Skills")
    plan = compose_plan("data-engineer", PlanEvidence([steps], [skills]), bundled_catalog())
    assert plan is not None
    first = next(line for line in plan.text.splitlines() if line.startswith("1. "))
    assert first.startswith(f"1. {SKILLS_STEP} A data engineer needs SQL") and first.endswith("]")


# --- plan requests by their shape (session 12) -----------------------------------------------


def test_a_plan_asked_for_without_the_word_is_routed_as_one(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    import re

    for question in (
        "Chop the path to becoming a data engineer into stages for me.",
        "What comes first and what comes at the end on the way to AI engineer?",
    ):
        answer = bundled_bot.ask(question)
        steps = [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", answer.text, re.M)]
        assert answer.route == "plan" and steps[:3] == [1, 2, 3], (question, answer.text)
    # The first thing to study is advice in prose, not a plan.
    assert (
        bundled_bot.ask("What's the first thing to study to become a data analyst?").route != "plan"
    )


def test_the_plan_classifier_reads_its_own_examples(real_model) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from bot.understand.plan_request import PlanClassifier

    def embed(texts):  # type: ignore[no-untyped-def]
        return np.asarray(real_model.embed_documents(list(texts)), dtype=np.float32)

    # A supplement to the word patterns, tuned for precision: with itself left out, at most
    # one example of another request in twenty reads as a plan (most plan examples are left to
    # the patterns). The one the model cannot part is "where should my learning start" (a
    # first step, which a plan answer opens with) from "outline a learning path for me".
    plans = PlanClassifier(embed)
    sims = plans.matrix @ plans.matrix.T
    others = [i for i, label in enumerate(plans.labels) if label != "plan"]
    misread = [plans.texts[i] for i in others if plans._vote(sims[i], skip=i).plan]
    assert len(misread) <= len(others) // 20, misread
    assert plans.leave_one_out() >= 0.6
