"""Comparisons: aspects and role resolution on their own, then whole answers on the bundled
guides with the real model (every role cited, table shape, a citation in every cell)."""

from __future__ import annotations

import re

import pytest

from bot import Answer, Chatbot
from bot.core.errors import CareerbotError, UnknownRoleError
from bot.routes.compare import (
    NOT_IN_GUIDE,
    RoleCountError,
    render_table,
    resolve_roles,
    summary_pairs,
)
from bot.understand.aspects import (
    ASPECT_IDS,
    ASPECTS,
    UnknownAspectError,
    aspects_for_question,
    resolve_aspects,
)
from tests.guides import bundled_catalog

DE, DS, DA = "data-engineer", "data-scientist", "data-analyst"
CITATION = re.compile(r"\[(\d+)\]")
CATALOG = bundled_catalog()


def test_aspects_in_their_default_order() -> None:
    assert ASPECT_IDS == [
        "focus",
        "responsibilities",
        "skills",
        "tools",
        "education",
        "career",
        "salary",
    ]
    assert [a.label for a in ASPECTS][-1] == "Salary and outlook"


def test_resolve_aspects_keeps_the_given_order_and_rejects_unknown_ids() -> None:
    assert resolve_aspects(None) == ASPECTS
    assert [a.id for a in resolve_aspects(["salary", "Tools", "salary"])] == ["salary", "tools"]
    with pytest.raises(UnknownAspectError) as caught:
        resolve_aspects(["pay"])
    assert "'pay'" in str(caught.value)
    assert all(aspect_id in str(caught.value) for aspect_id in ASPECT_IDS)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which pays more, data engineers or data scientists?", ["salary"]),
        ("How do DA and DS differ in tools and skills?", ["tools", "skills"]),
        ("What degree do data engineers need compared with data scientists?", ["education"]),
        ("Compare the career paths of DE and DS", ["career"]),
        ("Compare data engineers and data scientists", ASPECT_IDS),
        ("data engineer vs data scientist", ASPECT_IDS),
    ],
)
def test_aspects_a_question_names_stand_alone(question: str, expected: list[str]) -> None:
    assert [a.id for a in aspects_for_question(question)] == expected


def test_aspects_named_with_a_broad_request_come_first() -> None:
    rows = aspects_for_question("Compare data engineers and data scientists, especially salary")
    assert [a.id for a in rows] == ["salary", *(i for i in ASPECT_IDS if i != "salary")]


def test_roles_resolve_from_ids_titles_and_aliases() -> None:
    assert resolve_roles(CATALOG, ["DE", "Data Scientist", "ml engineer"]) == [
        DE,
        DS,
        "machine-learning-engineer",
    ]
    assert resolve_roles(CATALOG, ["Data-Analyst", "analytics_engineer"]) == [
        DA,
        "analytics-engineer",
    ]


def test_unknown_role_suggests_the_closest_and_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRoleError) as caught:
        resolve_roles(CATALOG, ["data-engineer", "analytics-enginer"])
    message = str(caught.value)
    assert "analytics-enginer" in message and "Did you mean Analytics Engineer?" in message
    # Roles as a person names them: every title, no id.
    known = message.split("Known roles: ", 1)[1]
    assert all(role.title in known for role in CATALOG.roles.values())
    assert not any(role_id in known for role_id in CATALOG.roles if "-" in role_id)


@pytest.mark.parametrize(
    ("names", "fragment"),
    [
        (["data-engineer"], "2 to 4 different roles"),
        (["DE", "data-engineer"], "same role twice"),
        ([DE, DS, DA, "ai-engineer", "mlops-engineer"], "at most 4"),
    ],
)
def test_role_count_errors_are_clear(names: list[str], fragment: str) -> None:
    with pytest.raises(RoleCountError, match=fragment) as caught:
        resolve_roles(CATALOG, names)
    assert issubclass(RoleCountError, CareerbotError)
    # Titles, never ids, in what the person reads.
    assert not any(role_id in str(caught.value) for role_id in CATALOG.roles if "-" in role_id)


def test_summary_pairs_name_every_role() -> None:
    assert summary_pairs(["a", "b"]) == [("a", "b")]
    assert summary_pairs(["a", "b", "c"]) == [("a", "b"), ("b", "c")]
    assert summary_pairs(["a", "b", "c", "d"]) == [("a", "b"), ("c", "d")]


def test_pipes_in_cells_are_escaped() -> None:
    from bot.core.results import Passage
    from bot.routes.compare import Cell
    from bot.routes.selection import Candidate

    passage = Passage("p", "x", DE, "Data Engineer", "s", "Tools", "de.md", 0, 0.5)
    cells = [
        Cell(DE, ASPECTS[3], [Candidate("Uses a | b pipes often.", passage, 0)]),
        Cell(DS, ASPECTS[3], []),
    ]
    table = render_table(cells, [DE, DS], [ASPECTS[3]], CATALOG, {"p": 1})
    row = table.splitlines()[2]
    assert "a \\| b" in row
    assert len(re.split(r"(?<!\\)\|", row)) == 5  # four unescaped pipes: three cells


# --- whole answers on the bundled guides -------------------------------------------------


def table_of(answer: Answer) -> list[list[str]]:
    """The markdown table's rows, split into cells (escaped pipes stay inside cells)."""
    lines = [line for line in answer.text.splitlines() if line.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]


def check_table(answer: Answer, roles: list[str], aspect_ids: list[str], bot: Chatbot) -> None:
    """Header of role titles, one row per aspect in order, and in every cell a citation of
    that role's guide section for that aspect."""
    rows = table_of(answer)
    titles = [bot.catalog.title(r) for r in roles]
    assert rows[0] == ["Aspect", *titles]
    assert set(rows[1]) == {"---"}
    body = rows[2:]
    labels = {a.id: a.label for a in ASPECTS}
    parts = {a.id: a.part for a in ASPECTS}
    assert [r[0] for r in body] == [f"**{labels[i]}**" for i in aspect_ids]
    for aspect_id, row in zip(aspect_ids, body, strict=True):
        for role, cell in zip(roles, row[1:], strict=True):
            numbers = [int(n) for n in CITATION.findall(cell)]
            assert numbers, f"no citation in the {aspect_id} cell of {role}"
            for n in numbers:
                source = answer.sources[n - 1]
                assert source.role == role
                assert parts[aspect_id].lower() in source.section.lower()


def check_citations(answer: Answer) -> None:
    numbers = {int(n) for n in CITATION.findall(answer.text)}
    assert numbers == set(range(1, len(answer.sources) + 1))
    scores = [s.score for s in answer.sources]
    assert scores == sorted(scores, reverse=True)


def test_two_roles_side_by_side(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.compare(["data-engineer", "data-scientist"])
    assert answer.route == "compare" and answer.roles == [DE, DS]
    check_table(answer, [DE, DS], ASPECT_IDS, bundled_bot)
    check_citations(answer)
    summary = answer.text.split("\n\n")[0]
    cited = [answer.sources[int(n) - 1] for n in CITATION.findall(summary)]
    assert cited and all("How it differs" in s.section for s in cited)
    assert set(bundled_bot.catalog.resolve(summary)) >= {DE, DS}


def test_four_roles_each_represented(bundled_bot: Chatbot) -> None:
    roles = ["data-analyst", "ai-engineer", "mlops-engineer", "software-engineer-data-science"]
    answer = bundled_bot.compare(roles)
    assert {s.role for s in answer.sources} == set(roles)
    check_table(answer, roles, ASPECT_IDS, bundled_bot)
    check_citations(answer)


def test_names_and_aliases_work_and_aspects_restrict_rows(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.compare(["DE", "Data Analyst"], aspects=["salary", "tools"])
    assert answer.roles == [DE, DA]
    check_table(answer, [DE, DA], ["salary", "tools"], bundled_bot)
    assert "$" in table_of(answer)[2][1]  # the data engineer's salary cell quotes a figure


def test_unknown_role_through_the_api(bundled_bot: Chatbot) -> None:
    with pytest.raises(UnknownRoleError, match="Did you mean Analytics Engineer"):
        bundled_bot.compare(["data-engineer", "analytic engineer"])
    with pytest.raises(UnknownAspectError, match="focus, responsibilities"):
        bundled_bot.compare(["data-engineer", "data-scientist"], aspects=["vibes"])


def test_asking_which_pays_more_gives_the_salary_row_alone(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("Which pays more, data engineering or data science?")
    assert answer.route == "compare"
    check_table(answer, [DE, DS], ["salary"], bundled_bot)


def test_a_named_aspect_comes_first_in_a_broad_comparison(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("Compare data analysts and data scientists, especially the tools")
    order = ["tools", *(i for i in ASPECT_IDS if i != "tools")]
    check_table(answer, [DA, DS], order, bundled_bot)


def test_follow_up_compares_with_the_role_from_history(bundled_bot: Chatbot) -> None:
    history = [
        {"role": "user", "content": "What tools do data engineers use?"},
        {"role": "assistant", "content": "Data engineers use Airflow and Spark [1]."},
    ]
    answer = bundled_bot.ask("and how do they compare with data analysts?", history=history)
    assert answer.route == "compare" and answer.roles == [DE, DA]
    assert {s.role for s in answer.sources} == {DE, DA}
    check_table(answer, [DE, DA], ASPECT_IDS, bundled_bot)


def test_single_role_question_is_not_a_table(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("data engineering tools")
    assert answer.route == "answer" and answer.roles == [DE]
    assert "| Aspect |" not in answer.text


def test_too_many_roles_in_a_question_is_a_clear_error(bundled_bot: Chatbot) -> None:
    with pytest.raises(RoleCountError, match="at most 4"):
        bundled_bot.ask(
            "Compare data engineers, data scientists, data analysts, AI engineers and MLOps"
            " engineers"
        )


def test_guides_missing_sections_say_so_instead_of_padding(chatbot: Chatbot) -> None:
    """The small fixture guides have no Education or Career path sections and never talk
    about degrees or careers: those cells say so. Every other cell is quoted and cited."""
    answer = chatbot.compare(["data-engineer", "data-analyst"])
    rows = table_of(answer)
    assert rows[0] == ["Aspect", "Data Engineer", "Data Analyst"]
    assert len(rows) == 2 + len(ASPECTS)
    for aspect, row in zip(ASPECTS, rows[2:], strict=True):
        for role, cell in zip([DE, DA], row[1:], strict=True):
            numbers = [int(n) for n in CITATION.findall(cell)]
            if aspect.id in {"education", "career"}:
                assert cell == NOT_IN_GUIDE and not numbers
            else:
                assert numbers and all(answer.sources[n - 1].role == role for n in numbers)
    check_citations(answer)


# --- the evidence a model writes a comparison from ---------------------------------------


def model_passages(chatbot: Chatbot, aspects: list[str] | None) -> list:  # type: ignore[type-arg]
    from bot.routes.compare import find_comparison

    roles = [DE, DA]
    found = find_comparison(
        chatbot.store, chatbot.vectors, chatbot.catalog, roles, resolve_aspects(aspects)
    )
    return found.passages()


def test_model_passages_cover_every_role_and_aspect_grouped_role_by_role(
    chatbot: Chatbot,
) -> None:
    found = model_passages(chatbot, None)
    roles = [p.role for p in found]
    assert roles == sorted(roles, key=[DE, DA].index)  # one role's passages, then the next's
    assert len({p.id for p in found}) == len(found)
    for role in (DE, DA):
        parts = {p.part for p in found if p.role == role}
        assert {"Overview", "What they do", "Skills", "Tools and tech stack"} <= parts
        assert any(part.startswith("Salary") for part in parts)
    assert len(found) <= 2 * (len(ASPECTS) + 1)


def test_model_passages_for_one_aspect_go_deeper_in_its_section(chatbot: Chatbot) -> None:
    found = model_passages(chatbot, ["salary"])
    assert {p.role for p in found} == {DE, DA}
    assert all(p.part.startswith(("Salary", "How it differs")) for p in found)
    for role in (DE, DA):
        salary = [p for p in found if p.role == role and p.part.startswith("Salary")]
        assert 1 <= len(salary) <= 2  # up to two per cell when only one aspect is asked


def test_a_pay_question_is_settled_by_figures_not_by_a_nearby_faq(bundled_bot: Chatbot) -> None:
    """The ML engineer guide's FAQ ("is an ML engineer a software engineer?") sits close to
    the question but says nothing of pay; both guides quote the same Software Developers
    figure, so the verdict must say the figures do not decide, and why."""
    answer = bundled_bot.ask(
        "Does a machine learning engineer make more money than a software engineer?"
    )
    assert answer.route == "compare" and answer.verdict.startswith("No winner on pay")
    assert "Software Developers" in answer.verdict and "$133,080" in answer.verdict
    growth = bundled_bot.ask(
        "Between an MLOps engineer and an AI engineer, who has the stronger job outlook?"
    )
    assert growth.route == "compare" and growth.verdict.startswith("No winner on job growth")


def test_a_follow_up_against_that_weighs_the_last_answers_topic(bundled_bot: Chatbot) -> None:
    """ "Is that more or less than data scientists make?" after a pay answer: the verdict is
    on the guides' pay figures, with the pay row side by side, not on the word "less"."""
    first = "How much do data analysts earn?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": bundled_bot.ask(first).text},
    ]
    answer = bundled_bot.ask("Is that more or less than data scientists make?", history)
    assert answer.route == "compare" and answer.roles == [DA, DS]
    rows = table_of(answer)
    assert rows[0] == ["Aspect", "Data Analyst", "Data Scientist"]
    assert rows[2][0] == "**Salary and outlook**" and all("$" in c for c in rows[2][1:])
    assert answer.verdict and "$" in answer.verdict


def test_a_guide_written_elsewhere_gets_its_own_heading_for_an_aspect() -> None:
    """A comparison cell of a user's guide is searched in that guide's own heading for the
    aspect ("Pay and progression", "What you need to know"), as a single answer reads it,
    not across the whole guide."""
    from bot.routes.compare import sections_for
    from bot.understand.aspects import by_id

    parts = ["Overview", "What you need to know", "Pay and progression", "Working pattern"]
    assert sections_for(by_id("salary"), parts) == ["Pay and progression"]
    assert sections_for(by_id("skills"), parts) == ["What you need to know"]
    assert sections_for(by_id("tools"), parts) == []


def test_a_growth_verdict_quotes_the_sentence_of_its_figures(bundled_bot: Chatbot) -> None:
    # The verdict prints +4% and +34%: the evidence row must hold the sentences they come
    # from, not only each guide's pay sentence.
    answer = bundled_bot.ask("Which has the worse job outlook, a DE or a DS?")
    assert answer.verdict.startswith("Data engineers are less in demand")
    evidence = answer.text.split("\n\n", 1)[1]
    assert "4 percent" in evidence and "34 percent" in evidence


def test_a_role_added_to_a_pay_verdict_gets_the_verdict_over_all_three(
    bundled_bot: Chatbot,
) -> None:
    """ "and an analytics engineer?" after "is that above or below what data engineers get?"
    (after an MLOps pay answer): the table grows by a column and the pay verdict is given
    again over the three roles, not a paragraph on what they do."""
    history: list[dict[str, str]] = []
    answers = []
    for question in (
        "How much does an MLOps engineer take home?",
        "is that above or below what data engineers get?",
        "and an analytics engineer?",
    ):
        answers.append(bundled_bot.ask(question, history))
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answers[-1].text},
        ]
    second, third = answers[1], answers[2]
    assert second.route == "compare" and second.verdict
    assert third.route == "compare" and "among" in third.verdict and "pay" in third.verdict
    assert "| Analytics Engineer |" in third.text
