"""The retrieve step: the section the question asks about comes first."""

from bot import Chatbot
from bot.routes.compare import Comparison


def test_passages_from_the_asked_section_lead(bundled_bot: Chatbot) -> None:
    turn = bundled_bot.prepare("What soft skills does a data analyst need?")
    # Guides answer soft skills in a subsection of Skills: that section is searched first.
    assert turn.passages and all("> Skills" in p.section for p in turn.passages[:3])
    assert any("Soft skills" in p.section for p in turn.passages[:3])


def test_other_occupations_never_reach_the_store(bundled_bot: Chatbot) -> None:
    turn = bundled_bot.prepare("How much does a plumber earn?")
    assert turn.route == "not_covered" and turn.passages == []


def test_a_verdict_question_gathers_faq_and_criterion_evidence(bundled_bot: Chatbot) -> None:
    turn = bundled_bot.prepare("Which needs more statistics, a data analyst or a data scientist?")
    comparison = turn.found
    assert isinstance(comparison, Comparison) and comparison.criterion == "statistics"
    assert {c.role for c in comparison.criteria} == {"data-analyst", "data-scientist"}
