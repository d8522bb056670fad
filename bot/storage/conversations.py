"""Saved conversations: each person's chats in the app's SQL database.

A conversation belongs to one owner (``user:<login>`` with a login, ``browser:<id>``
without) and holds its messages as a JSON list: questions as ``{"role": "user",
"content"}``, answers as ``{"role": "assistant", "content", "answer": Answer.to_dict()}``
(sources and suggestions included, so a reopened chat shows them again and an export can
list them), error notes with ``"error": true``. Every read and write names the owner, so
one person can never open, rename or delete another's chat.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Float, String, Table, delete, func, select, update
from sqlalchemy.engine import Engine

from bot.core.errors import BadInputError, CareerbotError
from bot.core.messages import StoredMessage
from bot.core.sql import engine_for, metadata

NEW_TITLE = "New chat"
TITLE_CHARS = 60

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", String(200), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    # A title the person chose is kept; otherwise it follows the first question.
    Column("renamed", Boolean, nullable=False, default=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False, index=True),
    Column("messages", JSON, nullable=False),
)


@dataclass(frozen=True)
class Summary:
    """One row of the sidebar."""

    id: str
    title: str
    updated_at: float


@dataclass
class Conversation:
    id: str
    owner: str
    title: str
    created_at: float
    updated_at: float
    messages: list[StoredMessage] = field(default_factory=list)


def title_from(messages: list[StoredMessage]) -> str:
    """The first question, on one line and cut at a word near ``TITLE_CHARS``."""
    first = next((m for m in messages if m.get("role") == "user"), None)
    text = " ".join(str(first["content"]).split()) if first else ""
    if not text:
        return NEW_TITLE
    if len(text) <= TITLE_CHARS:
        return text
    return text[: TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class ConversationError(CareerbotError, ValueError):
    """A change to a saved conversation that cannot be made (e.g. an empty title)."""


def clean_title(title: str) -> str:
    text = " ".join(str(title or "").split())
    if not text:
        raise ConversationError("A chat needs a title; it was empty.")
    return text[:200]


def _check_owner(owner: str) -> None:
    # A row without an owner would belong to nobody and could be reached by anybody.
    if not owner or not owner.strip():
        raise BadInputError("A conversation must have an owner; reload the page.")


class ConversationStore:
    """Create, list, load, save, rename and delete one owner's conversations."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = engine_for(url)

    def create(self, owner: str, messages: list[StoredMessage] | None = None) -> Conversation:
        _check_owner(owner)
        now = time.time()
        chat = Conversation(uuid.uuid4().hex, owner, title_from(messages or []), now, now)
        chat.messages = list(messages or [])
        with self.engine.begin() as db:
            db.execute(
                conversations.insert().values(
                    id=chat.id,
                    owner=owner,
                    title=chat.title,
                    renamed=False,
                    created_at=now,
                    updated_at=now,
                    messages=chat.messages,
                )
            )
        return chat

    def get(self, owner: str | None, conversation_id: str) -> Conversation | None:
        """The conversation if it exists and belongs to ``owner`` (None: any owner, for
        the command line on the server)."""
        query = select(conversations).where(conversations.c.id == conversation_id)
        if owner is not None:
            query = query.where(conversations.c.owner == owner)
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        if row is None:
            return None
        return Conversation(
            row["id"],
            row["owner"],
            row["title"],
            row["created_at"],
            row["updated_at"],
            list(row["messages"] or []),
        )

    def save(self, owner: str, conversation_id: str, messages: list[StoredMessage]) -> bool:
        """Replace the messages; the title follows the first question unless renamed.
        Returns False if there is no such conversation of this owner (deleted meanwhile)."""
        _check_owner(owner)
        values: dict[str, Any] = {"messages": list(messages), "updated_at": time.time()}
        mine = (conversations.c.id == conversation_id) & (conversations.c.owner == owner)
        with self.engine.begin() as db:
            done = db.execute(update(conversations).where(mine).values(**values)).rowcount
            db.execute(
                update(conversations)
                .where(mine & conversations.c.renamed.is_(False))
                .values(title=title_from(messages))
            )
        return bool(done)

    def recent(self, owner: str, search: str = "") -> list[Summary]:
        """The owner's conversations, newest first; ``search`` matches titles, any case."""
        query = select(conversations.c.id, conversations.c.title, conversations.c.updated_at)
        query = query.where(conversations.c.owner == owner)
        words = " ".join(search.split()).lower()
        if words:
            query = query.where(func.lower(conversations.c.title).contains(words, autoescape=True))
        query = query.order_by(conversations.c.updated_at.desc(), conversations.c.id)
        with self.engine.connect() as db:
            return [Summary(r.id, r.title, r.updated_at) for r in db.execute(query)]

    def rename(self, owner: str, conversation_id: str, title: str) -> bool:
        mine = (conversations.c.id == conversation_id) & (conversations.c.owner == owner)
        with self.engine.begin() as db:
            result = db.execute(
                update(conversations).where(mine).values(title=clean_title(title), renamed=True)
            )
        return bool(result.rowcount)

    def delete(self, owner: str, conversation_id: str) -> bool:
        mine = (conversations.c.id == conversation_id) & (conversations.c.owner == owner)
        with self.engine.begin() as db:
            return bool(db.execute(delete(conversations).where(mine)).rowcount)

    def reassign(self, old_owner: str, new_owner: str) -> int:
        """Move every conversation of ``old_owner`` to ``new_owner`` (a browser's chats
        when its id changes form); returns how many moved."""
        _check_owner(new_owner)
        if not old_owner or old_owner == new_owner:
            return 0
        with self.engine.begin() as db:
            moved = update(conversations).where(conversations.c.owner == old_owner)
            return int(db.execute(moved.values(owner=new_owner)).rowcount)

    def all(self) -> list[tuple[str, Summary]]:
        """Every conversation as (owner, summary), newest first: for the command line."""
        query = select(
            conversations.c.owner,
            conversations.c.id,
            conversations.c.title,
            conversations.c.updated_at,
        ).order_by(conversations.c.updated_at.desc())
        with self.engine.connect() as db:
            return [(r.owner, Summary(r.id, r.title, r.updated_at)) for r in db.execute(query)]
