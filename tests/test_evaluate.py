"""The evaluation: metric arithmetic on hand-built answers, the bundled question set checked
against the guides it asks about, and small runs through the real bot (real model, real
Chroma) on the fixture corpus and on the guides written elsewhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.errors import BadInputError
from bot.core.results import Answer, Passage, Source
from bot.core.settings import Settings
from bot.evaluate import (
    FOREIGN,
    HELDOUT_SETS,
    SETS,
    EvalItem,
    EvalReport,
    Expect,
    ItemResult,
    Retrieved,
    compare_sets,
    first_cited,
    load_evalset,
    part_of,
    run_eval,
    score_answer,
)
from ingest.load import load_corpus
from tests.conftest import BUNDLED_CORPUS
from ui.cli import main

FOREIGN_DIR = Path(__file__).parent / "fixtures" / "foreign"


def _item(
    kind: str = "single",
    roles: tuple[str, ...] = ("a",),
    parts: tuple[str, ...] = (),
    expect: Expect | None = None,
    category: str = "",
) -> EvalItem:
    return EvalItem(
        id=f"{kind}-{'-'.join(roles)}-{category}",
        kind=kind,  # type: ignore[arg-type]
        question="q",
        roles=roles,
        parts=parts,
        category=category,
        expect=expect or Expect(),
    )


def _result(item: EvalItem, ranked: list[tuple[str, str]], cited=(), refused=False) -> ItemResult:  # type: ignore[no-untyped-def]
    return ItemResult(item, [Retrieved(r, p, 0.5) for r, p in ranked], list(cited), refused)


def _source(role: str, section: str, source: str = "") -> Source:
    return Source(role, role.title(), section, source or f"{role}.md", 0.6)


# ---- retrieval metrics ---------------------------------------------------------------------


def test_hit_needs_expected_role_and_a_matching_part_prefix() -> None:
    item = _item(roles=("a",), parts=("Overview", "Skills"))
    assert item.is_hit("a", "Overview of A")
    assert item.is_hit("a", "skills")
    assert not item.is_hit("a", "Salary")
    assert not item.is_hit("b", "Overview")
    assert _item(roles=("a",), parts=()).is_hit("a", "anything")


def test_rank_metrics_on_a_constructed_case() -> None:
    first = _result(_item(roles=("a",)), [("a", "x"), ("b", "y")])
    third = _result(_item(roles=("b",)), [("a", "x"), ("a", "y"), ("b", "z")])
    never = _result(_item(roles=("c",)), [("a", "x"), ("b", "y")])
    report = EvalReport([first, third, never])
    overall = report.score()
    assert (first.first_hit, third.first_hit, never.first_hit) == (1, 3, None)
    assert overall.hits == {
        1: pytest.approx(1 / 3),
        3: pytest.approx(2 / 3),
        5: pytest.approx(2 / 3),
    }
    assert overall.mrr == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert [r.item.id for r in report.misses()] == [never.item.id]


def test_coverage_and_refusal_accuracy() -> None:
    both = _result(_item("comparison", ("a", "b")), [("a", "x")], cited=["a", "b"])
    half = _result(_item("comparison", ("a", "b")), [("a", "x")], cited=["a"])
    declined = _result(_item("offtopic", ()), [], refused=True)
    answered_offtopic = _result(_item("offtopic", ()), [("a", "x")], cited=["a"])
    wrongly_refused = _result(_item("single", ("a",)), [("a", "x")], refused=True)
    # A clarifying question is neither an answer nor a refusal: it stays out of both.
    clarified = _result(_item("clarify", ()), [], refused=True)
    report = EvalReport([both, half, declined, answered_offtopic, wrongly_refused, clarified])
    assert report.comparison_coverage == pytest.approx(0.75)
    assert report.offtopic_refused == pytest.approx(0.5)
    assert report.ontopic_answered == pytest.approx(2 / 3)
    assert report.refusal_accuracy == pytest.approx(3 / 5)
    # Off-topic and clarify questions never count in the ranking scores.
    assert report.score().n == 3


def test_ranking_comes_from_the_answers_passages_then_its_sources() -> None:
    item = _item(roles=("a",), parts=("Skills",))
    passage = Passage("1", "t", "a", "A", "A > Skills", "Skills", "a.md", 0, 0.7)
    composed = score_answer(item, Answer("x", [_source("b", "B > Overview")], passages=[passage]))
    assert composed.first_hit == 1
    table = score_answer(
        item, Answer("x", [_source("b", "B > Overview"), _source("a", "A > Skills")])
    )
    assert table.first_hit == 2
    fit = score_answer(_item("fit", ("a",)), Answer("x", [], route="fit", roles=["b", "a"]))
    assert fit.first_hit == 2


# ---- advice checks -------------------------------------------------------------------------


def test_first_cited_sentence_is_the_first_citation_in_the_text() -> None:
    sources = [Retrieved("a", "Tools", 0.8), Retrieved("a", "Overview", 0.7)]
    assert first_cited("The role is old. [2] It uses Airflow. [1]", sources) == sources[1]
    assert first_cited("No marks at all.", sources) == sources[0]
    # A number that is no source (a list "[3]" in prose) is skipped.
    assert first_cited("See [7]. Then [1].", sources) == sources[0]
    assert first_cited("Nothing.", []) is None


def test_lead_matches_the_section_of_the_first_cited_sentence() -> None:
    wanted = Expect(lead=("Tools and tech stack",))
    item = _item(roles=("data-engineer",), expect=wanted)
    sources = [
        _source("data-engineer", "Data Engineer > Tools and tech stack"),
        _source("data-engineer", "Data Engineer > Overview"),
    ]
    assert score_answer(item, Answer("Airflow. [1] Plumbers. [2]", sources)).leads_right()
    assert not score_answer(item, Answer("Plumbers. [2] Airflow. [1]", sources)).leads_right()
    # The right section of another role is not the answer.
    other = [_source("data-scientist", "Data Scientist > Tools and tech stack")]
    assert not score_answer(item, Answer("Pandas. [1]", other)).leads_right()
    # A subsection is asked for with its path.
    soft = _item(roles=("a",), expect=Expect(lead=("Skills > Soft skills",)))
    technical = [_source("a", "A > Skills > Technical skills")]
    assert not score_answer(soft, Answer("SQL. [1]", technical)).leads_right()
    assert score_answer(
        soft, Answer("Listening. [1]", [_source("a", "A > Skills > Soft skills")])
    ).leads_right()


def test_each_check_reads_only_the_answer() -> None:
    verdict = _item("comparison", ("a", "b"), expect=Expect(verdict=True))
    assert score_answer(verdict, Answer("t", verdict="B pays more.")).has_verdict()
    assert not score_answer(verdict, Answer("t", verdict=" ")).has_verdict()

    occupation = _item("offtopic", (), category="occupation")
    refused = score_answer(occupation, Answer("no", route="not_covered"))
    leaky = score_answer(
        occupation, Answer("no", [_source("a", "A > Salary")], route="not_covered")
    )
    assert refused.refused_cleanly() and not leaky.refused_cleanly()

    carried = _item(roles=("a", "b"), expect=Expect(roles=("a", "b")))
    assert score_answer(carried, Answer("t", roles=["b", "a", "c"])).roles_kept()
    assert not score_answer(carried, Answer("t", roles=["b"])).roles_kept()

    routed = _item("clarify", (), expect=Expect(route="clarify"))
    assert score_answer(routed, Answer("Which role?", route="clarify")).routed_right()
    assert not score_answer(routed, Answer("Salaries...", route="answer")).routed_right()

    filed = _item(expect=Expect(source="bi-developer.txt"))
    assert score_answer(
        filed, Answer("t", [_source("a", "A > B", "bi-developer.txt")])
    ).right_file()
    assert not score_answer(filed, Answer("t", [])).right_file()

    first = _item("fit", ("a",), expect=Expect(first_role=("a",)))
    assert score_answer(first, Answer("t", roles=["a", "b"])).first_role_right()
    assert not score_answer(first, Answer("t", roles=["b", "a"])).first_role_right()

    quoted = _item(expect=Expect(mentions=("harder half",)))
    assert score_answer(quoted, Answer("It is the Harder Half of it.")).mentions_right()
    assert not score_answer(quoted, Answer("From data science: ...")).mentions_right()
    # An item asks only for what it expects.
    assert score_answer(_item(), Answer("t")).checks() == {}


def test_targets_are_measured_per_check_and_category() -> None:
    lead = Expect(lead=("Skills",))
    good = score_answer(_item(expect=lead), Answer("x [1]", [_source("a", "A > Skills")]))
    bad = score_answer(_item(expect=lead), Answer("x [1]", [_source("a", "A > Salary")]))
    occupation = score_answer(
        _item("offtopic", (), category="occupation"), Answer("no", route="not_covered")
    )
    typo = score_answer(
        _item(category="typo", expect=Expect(first_role=("a",))), Answer("t", roles=["a"])
    )
    report = EvalReport([good, bad, occupation, typo])
    measured = {m.target.name: m for m in report.measured()}
    leads = measured["answer leads with the expected section"]
    assert (leads.n, leads.value, leads.met) == (2, 0.5, False)
    refusals = measured["other occupations refused (no sources)"]
    assert (refusals.n, refusals.value, refusals.met) == (1, 1.0, True)
    # A category-bound target counts only its own questions.
    assert measured["role names understood through typos"].n == 1
    assert measured["fit: best role honours likes and dislikes"].n == 0
    assert not measured["verdict on comparative questions"].met  # nothing measured is no pass
    table = report.table()
    assert re.search(
        r"\| answer leads with the expected section \| 2 \| 0\.50 \| >= 0\.90 \| no \|", table
    )
    assert re.search(
        r"\| other occupations refused \(no sources\) \| 1 \| 1\.00 \| >= 1\.00 \| yes \|", table
    )
    assert report.by_category() == {"occupation": (1, 1.0), "single": (2, 0.5), "typo": (1, 1.0)}
    assert report.to_dict()["failed"] == {bad.item.id: ["lead"]}


# ---- the question set ------------------------------------------------------------------------


def _guide_parts(corpus: Path) -> dict[str, set[str]]:
    """Each role's top-level sections, and its section paths below the title."""
    from ingest.split import split_guide

    parts: dict[str, set[str]] = {}
    for guide in load_corpus(corpus, 2_000_000).files:
        for chunk in split_guide(guide, 900, 120):
            section = chunk.metadata["section"]
            below = " > ".join(section.split(" > ")[1:])
            parts.setdefault(guide.role, set()).update({chunk.metadata["part"], below})
    return parts


def test_bundled_set_covers_every_failure_of_issue_12() -> None:
    items = load_evalset()
    assert len({i.id for i in items}) == len(items)
    categories = {i.category for i in items}
    assert {
        "lead", "verdict", "chain", "typo", "career_change", "occupation",
        "skills_gap", "fit_dislike", "clarify", "foreign",
    } <= categories  # fmt: skip
    chains: dict[str, list[EvalItem]] = {}
    for item in items:
        if item.chain:
            chains.setdefault(item.chain, []).append(item)
    # Issue 12's conversations of three turns; the follow-ups of issue 22 (kind 7) are
    # conversations of two: a first question and the follow-up that leans on it.
    assert sum(len(turns) == 3 for turns in chains.values()) >= 5
    assert all(len(turns) in (2, 3) for turns in chains.values())
    verdicts = [i for i in items if i.expect.verdict]
    assert len(verdicts) >= 10 and all(i.kind == "comparison" for i in verdicts)
    assert sum(i.category == "occupation" for i in items) >= 10
    assert any(i.question == "salary?" and i.expect.route == "clarify" for i in items)


def test_bundled_set_asks_only_for_roles_and_sections_the_guides_have() -> None:
    """An expectation no guide could meet would make a target unreachable."""
    bundled = _guide_parts(BUNDLED_CORPUS)
    with_foreign = {**bundled, **_guide_parts(FOREIGN_DIR)}
    foreign_files = {p.name for p in FOREIGN_DIR.iterdir()}
    bundled_files = {p.name for p in BUNDLED_CORPUS.iterdir()}
    for item in load_evalset():
        known = with_foreign if item.corpus == FOREIGN else bundled
        assert set(item.roles) <= set(known), item.id
        assert bool(item.roles) == item.answerable, item.id
        for wanted in (*item.parts, *item.expect.lead):
            assert any(
                p.lower().startswith(wanted.lower()) for r in item.roles for p in known[r]
            ), (item.id, wanted)
        assert set(item.expect.roles) <= set(item.roles), item.id
        assert set(item.expect.first_role) <= set(item.roles), item.id
        if item.expect.source:
            # a guide written elsewhere, or (for "why?" after an answer naming a role) a
            # bundled guide
            files = foreign_files if item.corpus == FOREIGN else bundled_files
            assert item.expect.source in files, item.id
        if item.kind == "comparison":
            assert len(item.roles) >= 2, item.id
        if item.kind == "followup" and not item.chain:
            assert item.history and item.history[0]["role"] == "user", item.id


def test_career_change_questions_quote_what_the_guides_say() -> None:
    """Each expected quote is in the guide of the role asked about."""
    texts = {g.role: g.text for g in load_corpus(BUNDLED_CORPUS, 2_000_000).files}
    for item in load_evalset():
        if item.category == "career_change":
            (role,) = item.roles
            assert any(m in texts[role] for m in item.expect.mentions), item.id


def test_chains_flatten_into_numbered_turns(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(
        "questions:\n"
        "  - id: c\n"
        "    category: chain\n"
        "    turns:\n"
        "      - {question: one, roles: [a]}\n"
        "      - {question: two, roles: [b], expect: {roles: [a, b], verdict: true}}\n",
        encoding="utf-8",
    )
    first, second = load_evalset(path)
    assert (first.id, first.kind, first.chain, first.category) == ("c/1", "single", "c", "chain")
    assert (second.id, second.kind) == ("c/2", "followup")
    assert second.expect == Expect(verdict=True, roles=("a", "b"))


def test_malformed_set_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - {kind: single}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="malformed"):
        load_evalset(bad)
    unknown = tmp_path / "kind.yaml"
    unknown.write_text("questions:\n  - {id: x, kind: poem, question: q}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        load_evalset(unknown)
    typo = tmp_path / "expect.yaml"
    typo.write_text(
        "questions:\n  - {id: x, question: q, expect: {verdikt: true}}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="verdikt"):
        load_evalset(typo)


# ---- real runs -------------------------------------------------------------------------------

FIXTURE_SET = """
questions:
  - {id: de-tools, kind: single, question: "Which tools does a data engineer use?",
     roles: [data-engineer], parts: [Tools and tech stack]}
  - id: fu-salary
    kind: followup
    history: [{role: user, content: "Tell me about data analysts."}]
    question: "How much do they earn?"
    roles: [data-analyst]
    parts: []
  - {id: cmp, kind: comparison, question: "How is a data engineer different from a data scientist?",
     roles: [data-engineer, data-scientist], parts: []}
  - {id: offtopic-bread, kind: offtopic, question: "How do I bake sourdough bread?",
     roles: [], parts: []}
  - id: chain
    category: chain
    turns:
      - {question: "What does a data analyst do?", roles: [data-analyst]}
      - {question: "How much do they earn?", roles: [data-analyst], expect: {roles: [data-analyst]}}
      - {question: "And a data engineer?", roles: [data-engineer]}
  - {id: foreign-dba, kind: single, corpus: foreign, category: foreign,
     question: "What does a DBA do?", roles: [database-administrator], parts: [],
     expect: {source: database-administrator.md}}
"""


def test_small_run_on_the_fixture_corpus(indexed_settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(FIXTURE_SET, encoding="utf-8")
    report = run_eval(indexed_settings, load_evalset(path))
    by_id = {r.item.id: r for r in report.results}
    single, followup, comparison, offtopic = (
        by_id[i] for i in ("de-tools", "fu-salary", "cmp", "offtopic-bread")
    )
    # A named role filters retrieval to that role; a follow-up carries it from the history.
    assert single.ranked and {p.role for p in single.ranked} == {"data-engineer"}
    assert {p.role for p in followup.ranked} == {"data-analyst"}
    assert {p.role for p in comparison.ranked} == {"data-engineer", "data-scientist"}
    assert offtopic.refused and not offtopic.cited_roles
    assert report.offtopic_refused == 1.0
    assert 0.0 < report.score().mrr <= 1.0
    # The second turn of the chain was asked after the first one's real answer: it knows
    # the role from the conversation alone.
    assert {p.role for p in by_id["chain/2"].ranked} == {"data-analyst"}
    assert by_id["chain/2"].roles_kept()
    # No bot indexed the guides written elsewhere: their questions are reported, not run.
    assert "foreign-dba" not in by_id
    assert report.not_run == {FOREIGN: "1 questions need the foreign guides indexed"}


def test_foreign_guides_are_answered_from_their_files(
    indexed_settings: Settings, tmp_path: Path
) -> None:
    from bot.chatbot import Chatbot
    from ingest.scratch import scratch_index

    path = tmp_path / "set.yaml"
    path.write_text(FIXTURE_SET, encoding="utf-8")
    foreign_only = [i for i in load_evalset(path) if i.corpus == FOREIGN]
    scratch = scratch_index(indexed_settings, [FOREIGN_DIR], tmp_path / "scratch")
    report = run_eval(indexed_settings, foreign_only, bots={FOREIGN: Chatbot(scratch)})
    (result,) = report.results
    # "DBA" is only an alias the guide introduces itself ("database administrators (DBAs)").
    assert result.right_file()
    assert {p.role for p in result.ranked} == {"database-administrator"}


def test_cli_eval_json(indexed_settings: Settings, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "set.yaml"
    path.write_text(FIXTURE_SET.split("  - id: chain", maxsplit=1)[0], encoding="utf-8")
    monkeypatch.setenv("CAREERBOT_DATA_DIR", str(indexed_settings.data_dir))
    monkeypatch.setenv("CAREERBOT_CORPUS_DIR", str(indexed_settings.corpus_dir))
    assert main(["eval", "--json", "--questions", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"] == 4
    assert {"hit@1", "hit@3", "hit@5", "mrr", "comparison_coverage", "refusal_accuracy"} <= set(
        data
    )
    assert {"lead", "verdict", "refused", "roles/chain", "source"} <= set(data["targets"])
    assert data["targets"]["refused"]["n"] == 0
    assert main(["eval", "--questions", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "hit@1" in printed and "| advice | n | value | target | met |" in printed


def test_cli_eval_missing_question_file(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", "--questions", "/nonexistent/set.yaml"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_part_of_a_section_path() -> None:
    assert part_of("Data Engineer > Skills > Soft skills") == "Skills"
    assert part_of("Data Engineer") == ""


# ---- the held-out set (issue 22) and its checks -------------------------------------------

HELDOUT_KINDS = (
    "act", "language", "intent", "all_roles", "verdict_check", "fit_contrast", "followup",
    "foreign", "lacking", "plan", "fairness", "ordinary",
)  # fmt: skip


def test_heldout_set_has_five_of_every_kind_and_whole_pairs() -> None:
    items = load_evalset(which="heldout")
    assert len({i.id for i in items}) == len(items)
    dev_questions = {i.question.lower() for i in load_evalset()}
    assert not dev_questions & {i.question.lower() for i in items}  # new words, not dev's
    for kind in HELDOUT_KINDS:
        chosen = [i for i in items if i.category == kind]
        # follow-ups are chains: five or more conversations
        count = len({i.chain for i in chosen}) if kind == "followup" else len(chosen)
        assert count >= 5, kind
    pairs: dict[str, list[EvalItem]] = {}
    for item in items:
        if item.pair:
            pairs.setdefault(item.pair, []).append(item)
    assert len(pairs) >= 7 and all(len(group) == 2 for group in pairs.values())
    assert {"age", "gender", "family", "origin", "religion", "disability", "name"} <= set(pairs)
    acts = {i.expect.act for i in items if i.category == "act"}
    assert {"greeting", "thanks", "capabilities", "why", "goodbye"} <= acts


def test_heldout_sets_ask_only_for_roles_and_sections_the_guides_have() -> None:
    bundled = _guide_parts(BUNDLED_CORPUS)
    with_foreign = {**bundled, **_guide_parts(FOREIGN_DIR)}
    for item in (i for which in HELDOUT_SETS for i in load_evalset(which=which)):
        known = with_foreign if item.corpus == FOREIGN else bundled
        assert set(item.roles) <= set(known), item.id
        for asked in (*item.parts, *item.expect.lead, *item.expect.covers):
            wanted = asked.split(" > ")[0]
            assert any(
                p.lower().startswith(wanted.lower()) for r in item.roles for p in known[r]
            ), (item.id, wanted)
        if item.expect.winner and item.expect.winner != "none":
            assert item.expect.winner in item.roles, item.id
        assert item.expect.min_roles <= len(item.roles), item.id


def test_unknown_set_is_one_clear_error() -> None:
    with pytest.raises(BadInputError, match="Unknown question set"):
        load_evalset(which="nope")


def _scored(expect: Expect, text: str, **fields) -> ItemResult:  # type: ignore[no-untyped-def]
    item = EvalItem("x", "comparison", "q", roles=("data-analyst", "data-scientist"), expect=expect)
    answer = Answer(text=text, **fields)
    return score_answer(item, answer)


def test_act_check_reads_the_intent_and_refuses_a_refusal() -> None:
    want = Expect(act="greeting")
    assert _scored(want, "Hello!", intent="greeting").act_right()
    assert not _scored(want, "Hello!", intent="salary").act_right()
    assert not _scored(want, "No.", intent="greeting", route="not_covered").act_right()


def test_dislike_check_fails_a_dislike_quoted_as_a_like() -> None:
    want = Expect(disliked=("Statistical theory",))
    liked = "Your best fit is **AI Engineer**: it matches what you like (“Statistical theory”)."
    avoided = (
        "Your best fit is **AI Engineer**: it matches what you like (“LLM APIs”) and involves "
        "less of what you want to avoid (“Statistical theory”) than most roles."
    )
    assert not _scored(want, liked).dislikes_heard()
    assert _scored(want, avoided).dislikes_heard()
    assert _scored(want, "Your best fit is **AI Engineer**.").dislikes_heard()
    # Only the opening is read: a later paragraph may quote the guide's own words.
    assert _scored(want, "Fit: **AI Engineer**.\n\nYou like “Statistical theory”.").dislikes_heard()
    assert _scored(Expect(), liked).dislikes_heard() is None


def test_winner_check_names_the_first_role_or_wants_a_reason_for_none() -> None:
    named = Expect(verdict=True, winner="data-scientist")
    assert _scored(
        named, "t", verdict="Data scientists earn more than data analysts"
    ).winner_right()
    assert not _scored(
        named, "t", verdict="Data analysts earn less... no: data scientist"
    ).winner_right()
    assert not _scored(named, "t", verdict="").winner_right()
    none = Expect(verdict=True, winner="none")
    assert _scored(none, "t", verdict="Both quote the same proxy, $133,080").winner_right()
    assert not _scored(none, "t", verdict="Data analysts earn more").winner_right()


def test_plan_check_wants_numbered_steps_in_order_without_dangling_references() -> None:
    want = Expect(plan=True)
    good = "Plan:\n\n1. Learn SQL [1].\n2. Build a project [2].\n3. Apply for jobs [3]."
    assert _scored(want, good).plan_right()
    assert not _scored(want, "1. Learn SQL.\n3. Build.\n2. Apply.").plan_right()
    assert not _scored(want, "1. Learn SQL.\n2. These medians matter.\n3. Apply.").plan_right()
    assert not _scored(want, "1. Learn SQL.\n2. Apply.").plan_right()


def test_admits_table_covers_and_min_roles_checks() -> None:
    admits = Expect(admits=True)
    assert _scored(admits, "The guides don't give pay for Seattle.\n\nThey say [1].").admits_right()
    assert not _scored(admits, "Data engineers earn $123,100 [1].").admits_right()
    table = Expect(table=True)
    assert _scored(table, "| | a | b |\n|---|---|---|\n| pay | 1 | 2 |").table_right()
    assert not _scored(table, "a | b").table_right()
    sources = [
        _source("data-analyst", "Data Analyst > Salary and job outlook"),
        _source("data-scientist", "Data Scientist > Tools and tech stack"),
    ]
    covers = Expect(covers=("Salary and job outlook", "Tools and tech stack"))
    assert _scored(covers, "t", sources=sources).covers_right()
    assert not _scored(covers, "t", sources=sources[:1]).covers_right()
    item = EvalItem("x", "single", "q", roles=("data-analyst", "data-scientist"),
                    parts=("Salary",), expect=Expect(min_roles=2))  # fmt: skip
    assert not score_answer(item, Answer("t", sources=sources)).roles_covered()
    both = [sources[0], _source("data-scientist", "Data Scientist > Salary and job outlook")]
    assert score_answer(item, Answer("t", sources=both)).roles_covered()


def test_language_check_wants_a_line_in_that_language_and_the_roles() -> None:
    want = Expect(language="es")
    roles = "Data engineer, data scientist, data analyst and analytics engineer."
    spanish = "careerbot responde en inglés sobre las carreras de datos que cubre."
    assert _scored(want, f"{spanish}\n\n{roles}").language_right()
    assert not _scored(
        want, f"careerbot answers in English about data careers.\n\n{roles}"
    ).language_right()
    assert not _scored(want, spanish).language_right()  # no roles, no sources


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("da", "Careerbot svarer på engelsk. Her er hvad guiderne siger om dataingeniører."),
        ("nb", "Careerbot svarer på engelsk. Her er det guidene sier om dataanalytikere."),
        ("pl", "Careerbot odpowiada po angielsku. Oto co mówią przewodniki o tej pracy."),
        ("tr", "Careerbot İngilizce yanıt verir. Rehberlerin söyledikleri şunlar."),
        ("fi", "Careerbot vastaa englanniksi. Tässä on mitä oppaat sanovat."),
        ("ro", "Careerbot răspunde în engleză. Iată ce spun ghidurile despre rol."),
    ],
)
def test_language_check_knows_every_language_the_sets_ask_in(code: str, line: str) -> None:
    """A line in a language beyond the first seven is graded as that language (the grader
    once knew only seven, so these items could never pass), and not as its neighbour."""
    roles = "Data engineer, data scientist, data analyst and analytics engineer."
    assert _scored(Expect(language=code), f"{line}\n\n{roles}").language_right()
    neighbour = {"da": "nb", "nb": "da", "pl": "cs", "fi": "et", "ro": "it", "tr": "az"}[code]
    assert not _scored(Expect(language=neighbour), f"{line}\n\n{roles}").language_right()


def test_fairness_pairs_must_match_roles_verdict_and_sources() -> None:
    def result(pair: str, roles: list[str], section: str) -> ItemResult:
        item = EvalItem(f"{pair}-{section}", "fit", "q", pair=pair)
        return score_answer(item, Answer("t", roles=roles, sources=[_source(roles[0], section)]))

    same = [result("age", ["a", "b"], "A > Skills"), result("age", ["a", "b"], "A > Skills")]
    other = [result("name", ["a", "b"], "A > Skills"), result("name", ["b", "a"], "A > Skills")]
    report = EvalReport(results=[*same, *other])
    assert report.pairs() == {"age": True, "name": False}
    assert report.fairness == 0.5
    assert report.to_dict()["fairness"]["differing"] == ["name"]
    assert "fairness pairs answered alike | 2 | 0.50" in report.table()


def test_cli_eval_unknown_set(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", "--set", "bogus"]) == 1
    err = capsys.readouterr().err
    assert "Unknown question set" in err and "Traceback" not in err


def test_later_heldout_sets_load_and_sit_beside_the_others(capsys) -> None:  # type: ignore[no-untyped-def]
    """heldout2 to heldout9 are bundled sets like the others, and the side-by-side table gives each
    held-out set its own gap to dev (dev minus that set)."""
    assert SETS == (
        "dev",
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
    )
    for which in SETS[2:]:
        items = load_evalset(which=which)
        assert items and len({i.id for i in items}) == len(items)
    # No held-out question repeats one from another set: each measures new words.
    seen: dict[str, str] = {}
    for which in SETS:
        for item in load_evalset(which=which):
            assert seen.setdefault(item.question.lower(), which) == which, item.question

    def report(cited: int, of: int) -> EvalReport:
        item = _item("single", roles=("a",), parts=("Skills",))
        right = Answer("t", roles=["a"], sources=[_source("a", "A > Skills")])
        wrong = Answer("t", roles=["a"], sources=[_source("a", "A > Pay")])
        return EvalReport(
            results=[score_answer(item, right if n < cited else wrong) for n in range(of)]
        )

    reports = {"dev": report(4, 4), "heldout": report(3, 4), "heldout2": report(2, 4)}
    row = next(r for r in compare_sets(reports) if r["measure"] == "answers citing a right section")
    assert (row["dev"], row["heldout"], row["heldout2"]) == (1.0, 0.75, 0.5)
    assert (row["gap"], row["gap_heldout2"]) == (0.25, 0.5)
    from ui.cli import _side_by_side

    table = _side_by_side(reports)
    assert "| measure | dev | heldout | heldout2 | gap heldout | gap heldout2 |" in table
    assert "| answers citing a right section | 1.00 | 0.75 | 0.50 | 0.25 | 0.50 |" in table


def test_a_verdict_that_changes_with_who_asks_breaks_the_pair() -> None:
    def result(verdict: str) -> ItemResult:
        item = EvalItem(f"v-{verdict}", "comparison", "q", pair="origin")
        answer = Answer(
            "t", roles=["a", "b"], sources=[_source("a", "A > Skills")], verdict=verdict
        )
        return score_answer(item, answer)

    assert EvalReport(results=[result("A wins"), result("A wins")]).pairs() == {"origin": True}
    assert EvalReport(results=[result("A wins"), result("B wins")]).pairs() == {"origin": False}


def dev_history_pairs() -> dict[str, list[EvalItem]]:
    pairs: dict[str, list[EvalItem]] = {}
    for item in load_evalset():
        if item.pair and item.history:
            pairs.setdefault(item.pair, []).append(item)
    return pairs


def test_the_dev_set_has_a_pair_that_differs_only_in_an_earlier_turn() -> None:
    pairs = dev_history_pairs()
    assert pairs and all(len(group) == 2 for group in pairs.values())
    for first, second in pairs.values():
        assert first.question == second.question and first.kind == second.kind
        assert first.history != second.history
        # only the person's own earlier words differ; the assistant's turns are the same
        assert [m for m in first.history if m["role"] == "assistant"] == [
            m for m in second.history if m["role"] == "assistant"
        ]


def test_the_dev_history_pair_is_answered_alike(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    from bot.evaluate import evaluate_item

    for group in dev_history_pairs().values():
        results = [evaluate_item(bundled_bot, item) for item in group]
        assert all(r.roles for r in results)
        report = EvalReport(results=results)
        assert all(report.pairs().values()), [r.roles for r in results]
