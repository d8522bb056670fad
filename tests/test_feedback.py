"""Feedback in a real SQLite database, and its export as evaluation cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import load_evalset
from bot.storage.feedback import Feedback, FeedbackStore, evaluation_cases


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(f"sqlite:///{tmp_path / 'app.sqlite'}")


ANSWER = {
    "answer": "A data engineer builds pipelines [1].",
    "sources": [{"role": "data-engineer", "title": "Data Engineer", "section": "Overview"}],
    "mode": "offline",
    "route": "answer",
    "roles": ["data-engineer"],
}
HISTORY = [
    {"role": "user", "content": "What does a data engineer do?"},
    {"role": "assistant", "content": "They build pipelines."},
]


def item(rating: str = "down", turn: int = 1, **changes: object) -> Feedback:
    base = Feedback(
        owner="user:alice",
        conversation_id="c1",
        turn=turn,
        rating=rating,  # type: ignore[arg-type]
        question="Which tools do they use?",
        answer=ANSWER,
        history=HISTORY,
        reason="wrong source",
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_stored_with_everything_needed_to_reproduce(store: FeedbackStore) -> None:
    store.record(item())
    [saved] = store.items()
    assert saved.rating == "down" and saved.reason == "wrong source"
    assert saved.question == "Which tools do they use?" and saved.history == HISTORY
    assert saved.answer["answer"] == ANSWER["answer"]
    assert saved.answer["sources"] == ANSWER["sources"] and saved.answer["mode"] == "offline"
    assert saved.version == "0.1.0"


def test_a_second_click_changes_the_rating_and_a_reason_can_follow(store: FeedbackStore) -> None:
    first = store.record(item("up", reason=None))
    again = store.record(item("down", reason=None))
    assert first == again and [i.rating for i in store.items()] == ["down"]
    assert store.set_reason("user:alice", first, "outdated")
    assert not store.set_reason("user:bob", first, "wrong")  # not bob's
    assert store.items()[0].reason == "outdated"
    store.withdraw("user:alice", "c1", 1)
    assert store.items() == []


def test_bad_input_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(ValueError, match="choose one of"):
        store.record(item(reason="because"))
    with pytest.raises(ValueError, match="'up' or 'down'"):
        store.record(item("meh"))
    assert store.items() == []


def test_thumbs_down_export_as_evaluation_cases(store: FeedbackStore, tmp_path: Path) -> None:
    store.record(item("down", turn=1))
    store.record(item("up", turn=3))
    store.record(item("down", turn=5, history=[], question="What is dbt?"))
    path = tmp_path / "cases.yaml"
    path.write_text(evaluation_cases(store.items()), encoding="utf-8")
    cases = load_evalset(path)
    assert [c.kind for c in cases] == ["followup", "single"]
    assert cases[0].question == "Which tools do they use?" and cases[0].roles == ("data-engineer",)
    assert cases[0].history == tuple(HISTORY)
    assert "wrong source" in path.read_text(encoding="utf-8")
