"""Advice: offline answers that lead with the answer, on the bundled guides with the real
model; and quoting rules on hand-made passages."""

from __future__ import annotations

import re

import pytest

from bot import Answer, Chatbot
from bot.core.results import Passage
from bot.routes.advice import render, stand_alone
from bot.routes.selection import Candidate
from tests.guides import bundled_catalog

CITATION = re.compile(r"\[(\d+)\]")


def first_cited(answer: Answer) -> str:
    """The section of the passage the first sentence cites."""
    number = int(CITATION.search(answer.text).group(1))  # type: ignore[union-attr]
    return answer.sources[number - 1].section


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("What tools do data engineers use?", "Tools"),
        ("What soft skills does a data analyst need?", "Soft skills"),
        ("What is the career progression for a data scientist?", "Career path"),
        ("What is the outlook for data scientists over the next decade?", "Salary and job outlook"),
        ("What does a typical day look like for a data engineer?", "A typical day"),
        ("Do I need a degree to become a data analyst?", "Do I need a degree"),
    ],
)
def test_the_first_sentence_comes_from_the_section_asked_about(
    bundled_bot: Chatbot, question: str, section: str
) -> None:
    answer = bundled_bot.ask(question)
    assert section in first_cited(answer)


def test_citations_are_numbered_in_reading_order(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("What tools do data engineers use?")
    numbers = [int(n) for n in CITATION.findall(answer.text)]
    firsts = list(dict.fromkeys(numbers))
    assert firsts == list(range(1, len(answer.sources) + 1))


def test_a_list_in_the_guide_stays_a_list(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("What tools do data engineers use?")
    assert sum(line.startswith("- ") for line in answer.text.splitlines()) >= 2


def test_no_padding_from_other_sections(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("What soft skills does a data analyst need?")
    cited = {answer.sources[int(n) - 1].section for n in CITATION.findall(answer.text)}
    assert all("Skills" in section for section in cited), cited


def test_the_own_pay_figure_leads_a_salary_answer(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("How much does a data engineer earn?")
    first = answer.text.split(" [")[0]
    assert "$123,100" in first


def test_a_pay_follow_up_stays_on_pay(bundled_bot: Chatbot) -> None:
    first = "What is the salary of a data engineer?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
    answer = bundled_bot.ask("and for data scientists?", history)
    assert answer.roles == ["data-scientist"] and answer.intent == "salary"
    assert "$112,590" in answer.text


def test_a_transition_answer_starts_from_the_persons_job(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("I'm a backend developer, how do I move into ML engineering?")
    assert answer.roles == ["machine-learning-engineer"]
    assert "software engineer already has" in answer.text.split("\n")[0]


def test_every_answer_offers_next_questions(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("What does a data engineer do?")
    assert 2 <= len(answer.suggestions) <= 3
    assert all(q.endswith("?") and "data engineer" in q.lower() for q in answer.suggestions)


# --- quoting rules --------------------------------------------------------------------


def passage(text: str, title: str = "Data Architect") -> Passage:
    return Passage(
        "p", text, "data-architect", title, f"{title} > Skills", "Skills", "da.md", 0, 0.6
    )


def test_they_gets_its_subject_back() -> None:
    text = "They design the models that every team builds on."
    quoted = stand_alone(Candidate(text, passage(text), 0), bundled_catalog())
    assert quoted == "Data architects design the models that every team builds on."


def test_a_sentence_that_leans_on_the_one_before_is_quoted_with_it() -> None:
    text = "Data architects own the blueprint for data. This means long design reviews."
    source = passage(text)
    quoted = stand_alone(Candidate("This means long design reviews.", source, 1), bundled_catalog())
    assert quoted == text


def test_a_sentence_that_leans_on_one_already_shown_follows_it_alone() -> None:
    """After the lead "Quantitative analysts build models.", its next sentence "It is one
    of the best-paid routes ..." is quoted as it is: with its predecessor, the answer would
    read the lead twice."""
    text = "Data architects own the blueprint for data. This means long design reviews."
    source = passage(text)
    leaning = Candidate("This means long design reviews.", source, 1)
    shown = {"Data architects own the blueprint for data."}
    assert stand_alone(leaning, bundled_catalog(), shown) == "This means long design reviews."


def test_labels_are_dropped() -> None:
    text = "Languages: Data architects write SQL every day."
    quoted = stand_alone(Candidate(text, passage(text), 0), bundled_catalog())
    assert quoted == "Data architects write SQL every day."


def test_list_items_render_as_a_list() -> None:
    from bot.routes.advice import Quote

    source = passage("- One item here is long enough.\n- Two item here is long enough.")
    lead = [Quote("The lead sentence is here.", Candidate("x", source, 0))]
    items = [
        Quote("One item here is long enough.", Candidate("a", source, 1, bullet=True)),
        Quote("Two item here is long enough.", Candidate("b", source, 2, bullet=True)),
    ]
    text = render(lead, items, {"p": 1}, "")
    assert text.splitlines()[2:] == [
        "- One item here is long enough. [1]",
        "- Two item here is long enough. [1]",
    ]


def test_a_passage_without_quotable_sentences_is_pointed_to_not_answered_empty() -> None:
    from bot.index.embeddings import CountingEmbeddings, VectorCache
    from bot.routes.advice import compose_advice
    from bot.routes.selection import Selector
    from bot.understand.profile import Profile
    from tests.fakes import FAKE_MODEL

    listing = Passage(
        "p",
        "Power BI\nTableau\nSQL Server",
        "bi-developer",
        "BI Developer",
        "BI Developer > Tools you'll use",
        "Tools you'll use",
        "bi.txt",
        3,
        0.7,
    )
    selector = Selector(VectorCache(CountingEmbeddings(FAKE_MODEL)))
    answer = compose_advice(
        "Which tools?",
        "Which tools?",
        [listing],
        ["bi-developer"],
        None,
        Profile(),
        bundled_catalog(),
        selector,
    )
    assert answer.text and "Tools you'll use" in answer.text and "[1]" in answer.text
    assert [s.source for s in answer.sources] == ["bi.txt"]


def test_what_the_guides_lack_and_what_was_left_out_are_said_first() -> None:
    """``admitted``, the ordinary answer's preface (AdviceRoute.gather ends with it): a
    place the guides never mention (with where their pay figures are from), then what was
    left out, then any earlier preface; a place the passages do mention, with nothing left
    out, adds nothing."""
    from dataclasses import replace

    from bot.routes.lacking import admitted
    from bot.understand.conversation import understand

    catalog = bundled_catalog()
    pay = Passage(
        "p",
        "Data engineers in the United States earned a median wage of $135,980 in 2024.",
        "data-engineer",
        "Data Engineer",
        "Data Engineer > Salary",
        "Salary",
        "data-engineer.md",
        1,
        0.7,
    )
    asked = understand("What does a data engineer earn in Manchester?", [], lambda: catalog, 1000)
    turn = replace(asked, roles=["data-engineer"], passages=[pay], left_out=["age"])
    said = admitted(replace(turn, preface="Ich antworte auf Englisch."))
    assert said.preface == (
        "The guides don't say anything specific to Manchester; here is the closest they come. "
        "The figures they quote are for the United States. "
        "The guides don't address age, so that is left out of this answer. "
        "Ich antworte auf Englisch."
    )
    in_guides = replace(turn, passages=[replace(pay, text=pay.text + " In Manchester, less.")])
    assert admitted(replace(in_guides, left_out=[])).preface == ""


def test_an_faq_is_read_by_the_reader_that_read_the_question(bundled_bot: Chatbot) -> None:
    # The classifier reads the question as the way in, and so it reads the guide's FAQ
    # "Which programming language should a machine learning engineer learn first?"; the
    # word rules read that heading as tools, and with two readers the guide's own answer
    # never led (How to get started did).
    answer = bundled_bot.ask(
        "Which coding language do I learn first as a machine learning engineer?"
    )
    assert first_cited(answer).endswith(
        "Frequently asked questions > Which programming language "
        "should a machine learning engineer learn first?"
    )


@pytest.mark.parametrize(
    ("question", "faq"),
    [
        ("Is prompt engineering a proper job in its own right?", "still a job on its own?"),
        ("Must a data analyst be able to write code?", "need to know how to code?"),
    ],
)
def test_an_faq_asking_the_same_without_the_role_names_answers(
    bundled_bot: Chatbot, question: str, faq: str
) -> None:
    # The FAQ heading reads another intent than the question (or the question none), yet
    # with the role names out of both the two ask the same: the guide's own answer leads.
    answer = bundled_bot.ask(question)
    assert "Frequently asked questions" in first_cited(answer)
    assert first_cited(answer).endswith(faq)


def test_an_faq_sharing_only_the_role_does_not_answer(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("What does a machine learning engineer do?")
    assert "Frequently asked questions" not in first_cited(answer)


def test_a_guide_without_a_section_for_the_ask_answers_from_its_faq(bundled_bot: Chatbot) -> None:
    # The data engineer guide has no section on AI; its FAQ "Will AI tools replace data
    # engineers?" is where it answers, though the question is worded far from it (0.6).
    answer = bundled_bot.ask("Are data engineers at risk of being made redundant by coding bots?")
    assert first_cited(answer).endswith("Will AI tools replace data engineers?")
