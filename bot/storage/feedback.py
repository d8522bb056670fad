"""Feedback on answers: thumbs up or down with an optional reason, kept with everything needed
to reproduce the answer (question, history, answer, sources, mode, version).

A thumbs-down is a bug report; ``evaluation_cases`` turns them into cases in the format of
``bot/evalset.yaml``, so a bad answer can become a regression case of ``careerbot eval``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from sqlalchemy import JSON, Column, Float, Integer, String, Table, Text, select, update
from sqlalchemy.engine import Engine

from bot.core.errors import CareerbotError
from bot.core.sql import engine_for, metadata

Rating = Literal["up", "down"]
REASONS = ("wrong", "outdated", "wrong source", "did not answer")

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(200), nullable=False, index=True),
    # Which answer: a second click on the same answer changes its rating, not a new row.
    Column("conversation_id", String(32), nullable=False),
    Column("turn", Integer, nullable=False),
    Column("rating", String(8), nullable=False, index=True),
    Column("reason", String(40), nullable=True),
    Column("question", Text, nullable=False),
    Column("history", JSON, nullable=False),
    Column("answer", Text, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("route", String(20), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("version", String(40), nullable=False),
    Column("created_at", Float, nullable=False),
)


@dataclass
class Feedback:
    owner: str
    conversation_id: str
    turn: int  # index of the answer in the conversation's messages
    rating: Rating
    question: str
    answer: dict[str, Any]  # Answer.to_dict()
    history: list[dict[str, str]] = field(default_factory=list)
    reason: str | None = None
    version: str = ""
    id: int | None = None
    created_at: float = 0.0


class FeedbackError(CareerbotError, ValueError):
    """Feedback that cannot be stored as given (an unknown rating or reason)."""


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("careerbot")
    except PackageNotFoundError:
        return "unknown"


def check_reason(reason: str | None) -> str | None:
    if reason is None or reason == "":
        return None
    if reason not in REASONS:
        raise FeedbackError(f"Unknown reason {reason!r}; choose one of: {', '.join(REASONS)}.")
    return reason


class FeedbackStore:
    def __init__(self, url: str) -> None:
        self.engine: Engine = engine_for(url)

    def record(self, item: Feedback) -> int:
        """Store a rating (replacing this owner's earlier rating of the same answer)."""
        if item.rating not in ("up", "down"):
            raise FeedbackError(f"A rating is 'up' or 'down', not {item.rating!r}.")
        answer = item.answer
        values: dict[str, Any] = {
            "rating": item.rating,
            "reason": check_reason(item.reason),
            "question": item.question,
            "history": list(item.history),
            "answer": str(answer.get("answer", "")),
            "sources": list(answer.get("sources", [])),
            "mode": str(answer.get("mode", "")),
            "route": str(answer.get("route", "answer")),
            "roles": list(answer.get("roles", [])),
            "version": item.version or app_version(),
            "created_at": time.time(),
        }
        same = (
            (feedback.c.owner == item.owner)
            & (feedback.c.conversation_id == item.conversation_id)
            & (feedback.c.turn == item.turn)
        )
        with self.engine.begin() as db:
            existing = db.execute(select(feedback.c.id).where(same)).scalar()
            if existing is not None:
                db.execute(update(feedback).where(feedback.c.id == existing).values(**values))
                return int(existing)
            inserted = db.execute(
                feedback.insert().values(
                    owner=item.owner,
                    conversation_id=item.conversation_id,
                    turn=item.turn,
                    **values,
                )
            )
            key = inserted.inserted_primary_key
            assert key is not None  # an INSERT always has one
            return int(key[0])

    def set_reason(self, owner: str, feedback_id: int, reason: str | None) -> bool:
        mine = (feedback.c.id == feedback_id) & (feedback.c.owner == owner)
        with self.engine.begin() as db:
            result = db.execute(update(feedback).where(mine).values(reason=check_reason(reason)))
        return bool(result.rowcount)

    def withdraw(self, owner: str, conversation_id: str, turn: int) -> None:
        """The person took the thumb back."""
        same = (
            (feedback.c.owner == owner)
            & (feedback.c.conversation_id == conversation_id)
            & (feedback.c.turn == turn)
        )
        with self.engine.begin() as db:
            db.execute(feedback.delete().where(same))

    def items(self, rating: Rating | None = None) -> list[Feedback]:
        query = select(feedback).order_by(feedback.c.id)
        if rating is not None:
            query = query.where(feedback.c.rating == rating)
        with self.engine.connect() as db:
            rows = db.execute(query).mappings().all()
        return [
            Feedback(
                owner=r["owner"],
                conversation_id=r["conversation_id"],
                turn=r["turn"],
                rating=r["rating"],
                question=r["question"],
                answer={
                    "answer": r["answer"],
                    "sources": r["sources"],
                    "mode": r["mode"],
                    "route": r["route"],
                    "roles": r["roles"],
                },
                history=list(r["history"]),
                reason=r["reason"],
                version=r["version"],
                id=r["id"],
                created_at=r["created_at"],
            )
            for r in rows
        ]


# Answer.route -> the evaluation set's kind.
_KINDS = {"compare": "comparison", "fit": "fit"}


def evaluation_case(item: Feedback) -> dict[str, Any]:
    """A thumbs-down as a ``bot/evalset.yaml`` question. ``roles`` are the roles the bot took
    the question to be about; whoever reviews the case corrects them and adds ``parts``."""
    route = str(item.answer.get("route", "answer"))
    kind = _KINDS.get(route, "followup" if item.history else "single")
    case: dict[str, Any] = {
        "id": f"feedback-{item.id}",
        "kind": kind,
        "question": item.question,
        "roles": list(item.answer.get("roles") or []),
        "parts": [],
    }
    if item.history:
        case["history"] = [{"role": m["role"], "content": m["content"]} for m in item.history]
    # Extra keys are ignored by the evaluation; they say why the case exists.
    case["feedback"] = {
        "reason": item.reason or "not given",
        "answer": item.answer.get("answer", ""),
        "cited": sorted({s.get("role", "") for s in item.answer.get("sources", [])}),
        "mode": item.answer.get("mode", ""),
        "version": item.version,
    }
    return case


def evaluation_cases(items: list[Feedback]) -> str:
    """Thumbs-down items as an evaluation set (YAML), loadable by ``load_evalset``."""
    cases = [evaluation_case(i) for i in items if i.rating == "down"]
    header = (
        "# Thumbs-down answers from careerbot feedback, as evaluation cases.\n"
        "# Review each: set roles/parts to what a right answer should cite.\n"
    )
    body = yaml.safe_dump(
        {"version": 1, "questions": cases}, sort_keys=False, allow_unicode=True, width=100
    )
    return header + body
