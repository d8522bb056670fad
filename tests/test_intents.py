"""Intents: what a question asks for, and which section of any guide answers it."""

import pytest

from bot.understand.intents import BY_ID, heading_matches, intent_of, parts_for, question_for


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("What tools do data engineers use?", "tools"),
        ("What soft skills does a data analyst need?", "soft_skills"),
        ("What skills does a data analyst need?", "skills"),
        ("How much does a data scientist earn?", "salary"),
        ("What is the outlook for data scientists over the next decade?", "outlook"),
        ("What is the career progression for a data scientist?", "career_path"),
        ("What does a typical day look like for an ML engineer?", "typical_day"),
        ("Can a data analyst work remotely?", "work_environment"),
        ("Will AI replace data analysts?", "ai_impact"),
        ("Which certifications help an MLOps engineer?", "certifications"),
        ("Do I need a degree to become a data analyst?", "education"),
        ("What does a data engineer do?", "what_they_do"),
        ("How do I get started as a data engineer?", "getting_started"),
        ("I'm a backend developer, how do I move into ML engineering?", "transition"),
    ],
)
def test_questions_map_to_intents(question: str, intent: str) -> None:
    found = intent_of(question)
    assert found is not None and found.id == intent


def test_a_bare_follow_up_has_no_intent_of_its_own() -> None:
    assert intent_of("and for data scientists?") is None


@pytest.mark.parametrize(
    ("intent", "heading", "covers"),
    [
        ("salary", "Data Architect > Pay and outlook", True),
        ("salary", "Data Engineer > Salary and job outlook", True),
        ("skills", "Data Architect > Skills you need", True),
        ("soft_skills", "Data Analyst > Skills > Soft skills", True),
        ("tools", "Data Engineer > Tools and tech stack", True),
        ("salary", "Data Engineer > Tools and tech stack", False),
        ("skills", "Data Engineer > Sources", False),
        # The role's own title is not a heading: "Salary Analyst > Overview" is no salary section.
        ("salary", "Salary Analyst > Overview", False),
    ],
)
def test_guide_headings_map_to_intents_by_meaning(intent: str, heading: str, covers: bool) -> None:
    assert heading_matches(BY_ID[intent], heading) is covers


def test_parts_for_picks_the_top_level_sections_of_any_guide() -> None:
    parts = ["Overview", "Pay and outlook", "Skills you need", "How to become one", "Sources"]
    assert parts_for(BY_ID["salary"], parts) == ["Pay and outlook"]
    assert parts_for(BY_ID["getting_started"], parts) == ["How to become one"]


def test_suggested_questions_read_naturally() -> None:
    assert question_for(BY_ID["salary"], "AI Engineer") == "How much does an AI engineer earn?"
    assert question_for(BY_ID["tools"], "Data Engineer") == "What tools does a data engineer use?"


@pytest.mark.parametrize(
    ("intent", "section"),
    [
        # The role's own name in a heading stands for "they".
        ("what_they_do", "Actuary > What actuaries do"),
        ("what_they_do", "Epidemiologist > What Epidemiologists Do"),
        ("skills", "Actuary > Skills actuaries need"),
        # A careers page speaks to its reader.
        ("what_they_do", "Security Analyst > What you'll do"),
        ("skills", "Security Analyst > What you will need"),
        # Headings no heading words claim are read with the words of questions.
        ("outlook", "Geographer > Job prospects"),
        ("certifications", "Actuary > The professional exams"),
    ],
)
def test_headings_written_by_other_authors_cover_their_intent(intent: str, section: str) -> None:
    assert heading_matches(BY_ID[intent], section)


def test_a_heading_of_two_topics_covers_both_and_no_other() -> None:
    assert heading_matches(BY_ID["outlook"], "Actuary > Pay and prospects")
    assert heading_matches(BY_ID["salary"], "Actuary > Pay and prospects")
    assert not heading_matches(BY_ID["skills"], "Actuary > Pay and prospects")
    assert not heading_matches(BY_ID["salary"], "Actuary > What actuaries do")
    # Question words count for top-level headings only: a subsection is read as written.
    assert not heading_matches(BY_ID["outlook"], "Actuary > Skills > Future prospects")


def test_a_day_question_falls_back_to_what_the_job_involves() -> None:
    parts = ["About the role", "What you'll do", "Pay"]
    assert parts_for(BY_ID["typical_day"], parts) == ["About the role", "What you'll do"]
    assert parts_for(BY_ID["typical_day"], ["A typical week", "What you'll do"]) == [
        "A typical week"
    ]


def test_an_acronym_of_the_role_name_is_no_topic_of_a_heading() -> None:
    # "AI" of "AI Engineer" in an FAQ heading names the role, not the topic of AI.
    ai = BY_ID["ai_impact"]
    asks_language = "Which programming language should an aspiring AI engineer learn?"
    assert not heading_matches(ai, f"AI Engineer > Frequently asked questions > {asks_language}")
    assert heading_matches(ai, "Data Engineer > Frequently asked questions > Will AI replace them?")


def test_how_it_differs_is_a_section_of_its_own() -> None:
    # A guide's "How it differs from neighbouring roles" answers one role set against the
    # jobs beside it; with no intent for it, "how is X different from the other roles?"
    # was answered from "What they do".
    differs = BY_ID["differs"]
    assert heading_matches(differs, "Data Engineer > How it differs from neighbouring roles")
    parts = ["Overview", "What they do", "How it differs from neighbouring roles"]
    assert parts_for(differs, parts) == ["How it differs from neighbouring roles"]
    # An FAQ about two terms is no comparison of roles.
    assert not heading_matches(
        differs,
        "Data Engineer > Frequently asked questions > What is the difference between ETL and ELT?",
    )
    assert not heading_matches(BY_ID["what_they_do"], "X > How it differs from neighbouring roles")
    found = intent_of("How is a data analyst different from the other data roles?")
    assert found is not None and found.id == "differs"
