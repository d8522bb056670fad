"""The evaluation: metric arithmetic on hand-built cases, the bundled question set's shape,
and a small run through the real bot on the fixture corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.evaluate import (
    EvalItem,
    EvalReport,
    ItemResult,
    Retrieved,
    load_evalset,
    merge_rankings,
    run_eval,
)
from bot.retrieval import Passage
from bot.settings import Settings
from ingest.load import load_corpus
from tests.conftest import BUNDLED_CORPUS
from ui.cli import main


def _item(
    kind: str = "single", roles: tuple[str, ...] = ("a",), parts: tuple[str, ...] = ()
) -> EvalItem:
    return EvalItem(
        id=f"{kind}-{'-'.join(roles)}", kind=kind, question="q", roles=roles, parts=parts
    )  # type: ignore[arg-type]


def _result(item: EvalItem, ranked: list[tuple[str, str]], cited=(), refused=False) -> ItemResult:  # type: ignore[no-untyped-def]
    return ItemResult(item, [Retrieved(r, p, 0.5) for r, p in ranked], list(cited), refused)


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
    report = EvalReport([both, half, declined, answered_offtopic, wrongly_refused])
    assert report.comparison_coverage == pytest.approx(0.75)
    assert report.offtopic_refused == pytest.approx(0.5)
    assert report.ontopic_answered == pytest.approx(2 / 3)
    assert report.refusal_accuracy == pytest.approx(3 / 5)
    # Off-topic questions never count in the ranking scores.
    assert report.score().n == 3


def test_merge_rankings_interleaves_calls_and_drops_duplicates() -> None:
    def p(pid: str) -> Passage:
        return Passage(pid, "t", "r", "T", "s", "p", "src", 0, 0.5)

    merged = merge_rankings([[p("a1"), p("a2"), p("a3")], [p("b1"), p("a2")]])
    assert [x.id for x in merged] == ["a1", "b1", "a2", "a3"]


def test_bundled_set_has_every_kind_and_only_known_roles() -> None:
    items = load_evalset()
    assert len(items) >= 60
    assert len({i.id for i in items}) == len(items)
    assert {i.kind for i in items} == {"single", "followup", "comparison", "fit", "offtopic"}
    known = {g.role for g in load_corpus(BUNDLED_CORPUS, 2_000_000).files}
    for item in items:
        assert set(item.roles) <= known, item.id
        assert bool(item.roles) == item.answerable, item.id
        if item.kind == "comparison":
            assert len(item.roles) >= 2, item.id
        if item.kind == "followup":
            assert item.history and item.history[0]["role"] == "user", item.id


def test_malformed_set_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - {kind: single}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="malformed"):
        load_evalset(bad)
    unknown = tmp_path / "kind.yaml"
    unknown.write_text("questions:\n  - {id: x, kind: poem, question: q}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        load_evalset(unknown)


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


def test_cli_eval_json(indexed_settings: Settings, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "set.yaml"
    path.write_text(FIXTURE_SET, encoding="utf-8")
    monkeypatch.setenv("CAREERBOT_DATA_DIR", str(indexed_settings.data_dir))
    monkeypatch.setenv("CAREERBOT_CORPUS_DIR", str(indexed_settings.corpus_dir))
    assert main(["eval", "--json", "--questions", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"] == 4
    assert {"hit@1", "hit@3", "hit@5", "mrr", "comparison_coverage", "refusal_accuracy"} <= set(
        data
    )
    assert main(["eval", "--questions", str(path)]) == 0
    assert "hit@1" in capsys.readouterr().out


def test_cli_eval_missing_question_file(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", "--questions", "/nonexistent/set.yaml"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_part_of_a_section_path() -> None:
    from bot.evaluate import part_of

    assert part_of("Data Engineer > Skills > Soft skills") == "Skills"
    assert part_of("Data Engineer") == ""
