"""Questions over all roles (bot/routes/overview.py): routing, then whole answers on the
bundled guides with the real model."""

from __future__ import annotations

import re

import pytest

from bot.routes.overview import scope_parts
from bot.understand.intents import BY_ID
from bot.understand.routing import wants_overview


@pytest.mark.parametrize(
    "question",
    [
        "Which of all these roles has the best pay?",
        "Rank the jobs by how much statistics they need",
        "For each of the careers, is remote work possible?",
        "Which one has the fastest growth?",
        "Which suits a people person?",
        "How remote-friendly is each of them?",
        "Tell me about the pay for all eight roles",
        "Give me the salary of every data role",
        "Summarise interview prep for each role",
        "Which is the quietest job?",
        "Who earns the most?",
        "Rank them by pay",
        "How do the jobs compare on maths?",
    ],
)
def test_questions_over_all_roles(question: str) -> None:
    assert wants_overview(question, [], [])


def test_not_over_all_roles() -> None:
    assert not wants_overview("Which job suits me best?", [], [])  # role fit
    assert not wants_overview("Which pays more?", [], ["data-analyst", "data-engineer"])
    assert not wants_overview("What is the best tool for a data engineer?", ["data-engineer"], [])
    assert not wants_overview("Is remote work common?", [], [])
    assert not wants_overview("What would you suggest I learn?", [], [])  # not a superlative
    assert not wants_overview("What is the latest trend?", [], [])
    # "each of them" after a conversation about two roles means those two
    assert not wants_overview("How remote-friendly is each of them?", [], ["data-analyst"])
    assert not wants_overview("Rank them by pay", [], ["data-analyst", "data-engineer"])


def test_pay_over_all_roles_is_ranked_by_the_guides_figures(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Of all the roles, which has the lowest median pay?")
    assert answer.route == "overview"
    assert answer.roles[0] == "data-analyst" and len(answer.roles) == 8
    assert "$91,290" in answer.verdict
    # every role is listed, each with a citation that resolves to a source of that role
    rows = [line for line in answer.text.splitlines() if re.match(r"^(\d+\.|-) \*\*", line)]
    assert len(rows) == 8
    for row in rows:
        (n,) = re.findall(r"\[(\d+)\]", row)[-1:]
        title = row.split("**")[1]
        assert answer.sources[int(n) - 1].title == title


def test_a_criterion_over_all_roles_names_the_first_and_cites_each(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which of these careers needs the most statistics?")
    assert answer.route == "overview" and answer.roles[0] == "data-scientist"
    assert {s.role for s in answer.sources} == set(answer.roles)


def test_the_aspect_a_superlative_question_ranks_by(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    from bot.routes.overview import aspect_of

    catalog = bundled_bot.catalog
    assert aspect_of("Which role needs the least maths?", catalog) == "maths"
    assert aspect_of("Which of the jobs is the most remote-friendly?", catalog) == "remote-friendly"
    assert aspect_of("Which job is easiest to get into without a degree?", catalog) == (
        "without a degree"
    )
    assert aspect_of("Which is the easiest one?", catalog) == "easy to learn and to get into"
    assert aspect_of("What does a data analyst do?", catalog) == ""


def test_an_aspect_beyond_pay_leads_with_the_winner_then_ranks_every_role(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which job is easiest to get into without a degree?")
    assert answer.route == "overview" and len(answer.roles) == 8
    lead, ranking = answer.text.split("\n\n", 1)
    first_sentence = lead.split(". ")[0]
    # sentence one names the winner (or the level pair), in the question's terms
    assert name_in(bundled_bot, answer.roles[0], first_sentence)
    assert "without a degree" in first_sentence
    assert "no figure" in lead  # the guides' caveat: a reading of the guides, not a measure
    rows = [line for line in ranking.splitlines() if re.match(r"^\d+\. \*\*", line)]
    assert len(rows) == 8
    # the quoted lines are about degrees, found in whatever section says so
    assert sum("degree" in row for row in rows) >= 6


def name_in(bot, role: str, text: str) -> bool:  # type: ignore[no-untyped-def]
    title = bot.catalog.title(role).lower()
    return title.split(" (")[0] in text.lower()


def test_a_pay_ranking_is_compact_and_says_whose_figure_it_is(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which data job pays best?")
    rows = [line for line in answer.text.splitlines() if re.match(r"^\d+\. \*\*", line)]
    assert len(rows) == 8
    for row in rows:
        assert re.search(r"\$\d{2,3},\d{3}", row) and re.search(r"\[\d+\]$", row)
        assert len(row.split()) <= 32  # the figure and whose it is, not the whole sentence
    assert any("nearest official occupation" in row for row in rows)
    assert "US figures" in answer.text.split("\n\n")[0]


def row_of(answer, title: str) -> str:  # type: ignore[no-untyped-def]
    (row,) = [line for line in answer.text.splitlines() if line.split("**")[1:2] == [title]]
    return row


def test_each_figure_is_named_for_the_occupation_it_describes(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which data job pays best?")
    # the analytics engineer guide gives two reference points, not a figure of its own
    analytics = row_of(answer, "Analytics Engineer")
    assert "$135,980 for database architects" in analytics
    assert "data scientists, $112,590" in analytics
    assert "neighbouring official occupation's figure" not in answer.text
    # a role with its own official occupation, and four roles sharing one stand-in
    assert "themselves" in row_of(answer, "Data Scientist")
    shared = [
        r
        for r in answer.text.splitlines()
        if re.match(r"^\d+\. ", r) and "Software Developers" in r and "same figure" in r
    ]
    assert len(shared) == 4
    # that range holds the shared $133,080, so the lead names no single winner
    lead = answer.text.split("\n\n")[0]
    assert lead.startswith("**No single role has the highest median pay**")
    assert "$133,080" in answer.verdict


def test_a_listing_gives_every_role_its_asked_section_without_a_ranking(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Summarise interview prep for each role")
    assert answer.route == "overview" and len(answer.roles) == 8 and not answer.verdict
    rows = [line for line in answer.text.splitlines() if line.startswith("- **")]
    assert len(rows) == 8
    for row in rows:
        title = row.split("**")[1]
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", row)]
        assert numbers and all(
            answer.sources[n - 1].title == title
            and answer.sources[n - 1].section.split(" > ")[1] == "Interview preparation"
            for n in numbers
        )
    assert "Summarise" not in answer.text and "each role" not in answer.text


def test_a_listing_reads_the_section_whose_heading_names_what_is_asked(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    """The intent reader takes "sum up the work environment ..." for what the job is; the
    guides' own heading for the criterion ("Work environment") names the asked section, so
    every role's row is quoted from it."""
    for question, wanted in (
        ("Sum up the work environment in every one of the jobs", "Work environment"),
        ("Give me an overview of the education each role expects", "Education and"),
        # 0.55 to "A typical day", 0.47 to the next heading: close, and clearly ahead
        ("In each of the roles, what does the day-to-day work involve?", "A typical day"),
    ):
        answer = bundled_bot.ask(question)
        rows = [line for line in answer.text.splitlines() if line.startswith("- **")]
        assert answer.route == "overview" and len(rows) == 8
        assert {s.role for s in answer.sources} == set(bundled_bot.catalog.roles)
        assert all(s.section.split(" > ")[1].startswith(wanted) for s in answer.sources)


def test_how_much_of_a_quality_each_role_has_lists_them_most_first(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Go through every role and tell me how remote-friendly it is")
    lead = answer.text.split("\n\n")[0]
    assert lead.startswith("**Remote-friendly, role by role**")
    assert "Go through" not in lead and "tell me" not in lead
    rows = [line for line in answer.text.splitlines() if line.startswith("- **")]
    assert len(rows) == 8 and all("remote" in row.lower() for row in rows)
    assert {s.section.split(" > ")[1] for s in answer.sources} == {"Work environment"}


def test_least_ranks_by_the_guides_that_play_it_down(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which needs the least maths?")
    assert answer.roles[0] in {"data-engineer", "analytics-engineer", "mlops-engineer"}
    # the roles whose guides put statistics at the core of the job come last
    assert set(answer.roles[-2:]) <= {"data-scientist", "data-analyst", "machine-learning-engineer"}
    assert "plays it down" in row_of(answer, "MLOps Engineer")
    assert "data scientist" in row_of(answer, "Data Scientist").lower()


def test_a_kind_of_person_is_ranked_not_refused(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which would suit a fan of data modelling and SQL transformations?")
    assert answer.route == "overview" and answer.roles[0] == "analytics-engineer"
    assert "fan of" not in answer.text
    answer = bundled_bot.ask("Which suits a people person?")
    assert answer.route == "overview" and len(answer.roles) == 8


def test_a_model_is_told_the_ranking_with_reasons_and_figures(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    turn = bundled_bot.prepare("Which role involves the most coding?")
    notes = " ".join(turn.found.notes)
    assert "Ranking by the evidence in each guide on “coding” (most first)" in notes
    first = bundled_bot.catalog.title(
        bundled_bot.ask("Which role involves the most coding?").roles[0]
    )
    assert f"{first} (reason):" in notes
    turn = bundled_bot.prepare("Of all the roles, which has the lowest median pay?")
    notes = " ".join(turn.found.notes)
    assert "(lowest first): Data Analyst" in notes
    assert "$135,980 for database architects" in notes and "Caveat:" in notes


def test_a_sentence_says_the_thing_is_optional_or_expected() -> None:
    from bot.routes.overview import _without, stance

    assert _without("without a degree") == "degree" and _without("maths") == ""
    assert stance("A data science degree is not required to become one.", "degree") == 1
    assert stance("Employers hire people without a relevant degree.", "degree") == 1
    assert stance("A computer science degree helps but is not strictly required.", "degree") == 1
    assert stance("Most data scientists hold at least a bachelor's degree.", "degree") == -1
    assert stance("Learn SQL and Python first.", "degree") == 0


@pytest.fixture(scope="module")
def styles_bot(tmp_path_factory, real_model):  # type: ignore[no-untyped-def]
    """Guides careerbot was not written for (careers pages, handbook HTML, a PDF, "So you
    want to be ..." markdown), indexed on their own."""
    import ingest
    from bot.chatbot import Chatbot
    from tests.conftest import make_settings
    from tests.styles import styles_corpus

    root = tmp_path_factory.mktemp("styles-overview")
    settings = make_settings(root / "data", styles_corpus(root / "corpus"))
    ingest.run(settings)
    return Chatbot(settings)


def test_guides_written_elsewhere_get_every_role_and_honest_figures(styles_bot) -> None:  # type: ignore[no-untyped-def]
    catalog = styles_bot.catalog
    answer = styles_bot.ask("Which of these jobs pays least?")
    assert answer.route == "overview" and len(answer.roles) == len(catalog.roles)
    rows = [line for line in answer.text.splitlines() if re.match(r"^(\d+\.|-) \*\*", line)]
    assert len(rows) == len(catalog.roles)
    assert "actuarys" not in answer.text.lower()  # an irregular plural spelled right
    # the figures' own caveats: different years, a US statistic
    assert "different periods" in answer.text
    answer = styles_bot.ask("Which has the best job growth?")
    # a wider official category is said to be one, and a figure two guides share is said so
    assert "+11% for mathematicians and statisticians, the official category that includes" in (
        answer.text
    )
    assert "one other role's guide quotes the same figure" in answer.text
    answer = styles_bot.ask("Go through every role and tell me what a typical day looks like")
    assert len(answer.roles) == len(catalog.roles) and not answer.verdict
    for row in [line for line in answer.text.splitlines() if line.startswith("- **")]:
        title = row.split("**")[1]
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", row)]
        assert numbers and all(answer.sources[n - 1].title == title for n in numbers)


def test_a_ranking_quotes_the_work_not_the_interviews(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which of these roles involves the most talking to stakeholders?")
    assert answer.route == "overview" and len(answer.roles) == 8
    # "behavioural rounds look for collaboration" describes an interview, not the job
    assert not [s for s in answer.sources if "Interview preparation" in s.section]
    # most roles are quoted from the section where the guides treat it
    parts = [s.section.split(" > ")[1] for s in answer.sources]
    assert max(parts.count(p) for p in parts) >= 4


def test_a_ranking_on_the_work_reads_neither_the_way_in_nor_the_market(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    """ "Build a project that serves a model on Kubernetes" is a learner's task: a ranking on
    how much a role leans on Kubernetes quotes what the roles do, not how to get in."""
    answer = bundled_bot.ask(
        "Of all the careers, which leans most on Kubernetes and model serving?"
    )
    assert answer.route == "overview" and len(answer.roles) == 8
    apart = ("How to get started", "Salary and job outlook", "Career path", "Education")
    assert not [s.section for s in answer.sources if any(a in s.section for a in apart)]
    assert answer.roles[0] == "mlops-engineer"


def test_the_scope_of_a_ranking_keeps_the_section_asked_about() -> None:
    parts = ["Overview", "Skills", "How to get started and transition paths", "FAQ", "Pay"]
    assert scope_parts(parts, None) == ("Overview", "Skills", "FAQ")
    assert scope_parts(parts, BY_ID["skills"]) == ("Overview", "Skills", "FAQ")
    # a question about getting in reads the way in, and a guide of nothing else keeps it
    assert "How to get started and transition paths" in scope_parts(parts, BY_ID["transition"])
    assert scope_parts(["Pay"], None) == ("Pay",)


def test_pay_asked_of_guides_without_figures_says_so_and_lists_each(chatbot) -> None:  # type: ignore[no-untyped-def]
    # the fixture guides describe pay in words only ("pay is lower than engineering pay")
    answer = chatbot.ask("Which of these jobs pays least?")
    assert answer.route == "overview" and not answer.verdict
    assert answer.text.startswith("**The guides give no pay figures to rank these roles by**")
    rows = [line for line in answer.text.splitlines() if line.startswith("- **")]
    assert len(rows) == len(chatbot.catalog.roles)
    assert all(s.section.endswith("Salary and job outlook") for s in answer.sources)


@pytest.mark.parametrize(
    "question",
    [
        # the role asked for is the question's subject, the criterion far from "which"
        "Which career could a person with no degree at all enter with the least trouble?",
        "Which job is mainly about writing reports for managers?",
        "What career keeps people busiest with cloud infrastructure?",
    ],
)
def test_a_question_asking_for_a_role_is_over_all_roles(question: str) -> None:
    assert wants_overview(question, [], [])


def test_a_role_as_a_part_played_or_a_job_search_is_not_over_all_roles() -> None:
    assert not wants_overview("What role does Python play in data work?", [], [])
    assert not wants_overview("Which job boards are worth checking?", [], [])
    # a role asked for after a conversation about two is theirs
    assert not wants_overview("Which job is easier?", [], ["data-analyst", "data-engineer"])


def test_growth_asked_without_its_words_is_ranked_by_the_guides_figures(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    # no demand word the patterns know: the comparison classifier reads growth, and the
    # figures are read in the outlook section (the data analyst's own +21%, not the data
    # scientists' +34% its guide quotes for context)
    answer = bundled_bot.ask("Of all the roles, which one will create the most new jobs?")
    assert answer.route == "overview" and answer.roles[0] == "data-scientist"
    assert "+21% for operations research analysts" in row_of(answer, "Data Analyst")


def test_the_low_end_of_a_figure_is_asked_in_other_words(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which of the roles has the slowest projected growth?")
    assert set(answer.roles[:2]) == {"data-engineer", "analytics-engineer"}
    answer = bundled_bot.ask("Which of these careers has the weakest job outlook?")
    assert set(answer.roles[:2]) == {"data-engineer", "analytics-engineer"}


def test_avoiding_something_ranks_the_guides_that_speak_least_of_it_first(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    turn = bundled_bot.prepare("Which of the jobs lets you avoid on-call rotations?")
    assert turn.found.less and turn.found.criterion == "on-call rotations"
    answer = bundled_bot.ask("Which of the jobs lets you avoid on-call rotations?")
    # the guides that say their teams keep an on-call rotation come last
    assert "mlops-engineer" in answer.roles[-4:] and answer.roles[0] != "mlops-engineer"


def test_doing_without_a_degree_says_the_basis_and_that_other_guides_agree(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which career can you get hired into with no degree?")
    assert answer.route == "overview" and answer.roles[0] == "data-analyst"
    lead = answer.text.split("\n\n", 1)[0]
    # the other guides that say a degree is optional are named: the guides single out none
    assert "do not single out one role" in lead and "Basis:" in lead and "no figure" in lead
    # every way of saying it is read as doing without ("with no degree" -> "without a degree")
    assert "“without a degree”" in lead and "hired" not in lead


def test_when_no_guide_speaks_to_it_the_least_is_no_winner(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    answer = bundled_bot.ask("Which of the jobs has the least contact with hospital patients?")
    assert answer.route == "overview"
    assert answer.text.startswith("**No guide speaks directly to")


def test_a_listing_is_named_for_its_section_and_which_tools_is_no_ranking(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    from bot.routes.overview import wants_ranking

    # "which tools" asks for tools in every role, "which suits" for a role
    assert not wants_ranking("Which programming tools do people in all the jobs use?")
    assert wants_ranking("Which suits a people person?")
    assert wants_ranking("Which career pays least?")
    answer = bundled_bot.ask("Which programming tools do people in all the jobs use?")
    # the section's own name, not the question's leftover words ("programming tools people")
    assert answer.text.startswith("**Tools, role by role**") and len(answer.roles) == 8


def test_a_ranking_reads_each_whole_guide_not_only_its_asked_section(
    indexed_settings,  # type: ignore[no-untyped-def]
) -> None:
    """A question on what a role "needs" points at the skills sections, two sentences a
    role in the fixture guides: there one analyst line naming "descriptive statistics" beat
    the data scientist guide, whose overview, work and skills all speak to statistics. A
    ranking reads whole guides."""
    from bot.chatbot import Chatbot

    answer = Chatbot(indexed_settings).ask("Which of these jobs needs the most statistics?")
    assert answer.route == "overview"
    assert answer.roles[0] == "data-scientist"
