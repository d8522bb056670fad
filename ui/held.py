"""Chats kept in the server's memory while the app database cannot be reached.

PostgreSQL stopped mid-chat must not cost anyone their question: the question is still
answered (the bot does not need the database), the whole chat as shown is held here, and
the next time the owner's chat is saved (their next question, or their page reopened once
the database is back) the held copy is what is written. The last copy read of each open
chat is remembered too, so a question asked while the database is down is answered after
the turns before it and the transcript stays on screen.

Bounded: at most ``LIMIT`` chats are remembered (the least recently used one that is not
waiting to be saved goes first); past ``LIMIT`` waiting chats a new one is not held, and
its owner is told plainly that it was not saved.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.core.messages import StoredMessage

log = logging.getLogger("careerbot.ui")

LIMIT = 1000
DOWN = (
    "Saved chats are unavailable right now: {reason}. Your question is answered, and it is "
    "saved once the database is back."
)
NOT_SAVED = (
    "Saved chats are unavailable right now: {reason}. This answer could not be saved; "
    "copy what you need."
)

UNAVAILABLE = (
    "Saved chats are unavailable right now: {reason}. You can still ask; what you ask is "
    "saved once the database is back."
)

Key = tuple[str, str]  # (owner, conversation id; "" for a chat not saved yet)


def database_reason(exc: BaseException) -> str:
    """What the driver said, its first line only (later lines are hints or context)."""
    from sqlalchemy.exc import DBAPIError

    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(cause).strip().splitlines()
    return f"Cannot reach the database ({lines[0] if lines else type(cause).__name__})"


def unavailable(exc: BaseException) -> str:
    """An event that needed the database when it was down: logged with the driver's first
    line, and the person told in words (a toast), never a bare "Error"; the words."""
    import gradio as gr

    reason = database_reason(exc)
    log.warning("saved chats are unavailable: %s", reason)
    words = UNAVAILABLE.format(reason=reason)
    gr.Warning(words)
    return words


@dataclass
class HeldChats:
    limit: int = LIMIT
    _copies: OrderedDict[Key, list[StoredMessage]] = field(default_factory=OrderedDict)
    _waiting: set[Key] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def seen(self, key: Key, messages: list[StoredMessage]) -> None:
        """The chat as just read from or written to the database."""
        with self._lock:
            if key not in self._waiting:
                self._put(key, messages)

    def copy(self, key: Key) -> list[StoredMessage] | None:
        """The newest copy of the chat this server has: held, else last seen."""
        with self._lock:
            found = self._copies.get(key)
            return list(found) if found is not None else None

    def waiting(self, owner: str) -> list[Key]:
        with self._lock:
            return [k for k in self._waiting if k[0] == owner]

    def latest(self, owner: str) -> tuple[Key, list[StoredMessage]] | None:
        """The owner's chat this server touched last (held or seen), and its copy: what a
        page opened while the database is down shows, instead of an empty chat."""
        with self._lock:
            for key in reversed(self._copies):
                if key[0] == owner:
                    return key, list(self._copies[key])
        return None

    def is_waiting(self, key: Key) -> bool:
        with self._lock:
            return key in self._waiting

    def hold(self, key: Key, messages: list[StoredMessage]) -> bool:
        """Keep a chat the database did not take; False when too many already wait."""
        with self._lock:
            if key not in self._waiting and len(self._waiting) >= self.limit:
                return False
            self._waiting.add(key)
            self._put(key, messages)
            return True

    def saved(self, key: Key, saved_as: str, messages: list[StoredMessage]) -> None:
        """The held chat reached the database (as ``saved_as``, a new id for a new chat)."""
        with self._lock:
            self._waiting.discard(key)
            self._copies.pop(key, None)
            self._put((key[0], saved_as), messages)

    def _put(self, key: Key, messages: list[StoredMessage]) -> None:
        self._copies[key] = list(messages)
        self._copies.move_to_end(key)
        while len(self._copies) > self.limit:
            oldest = next((k for k in self._copies if k not in self._waiting), None)
            if oldest is None:
                break
            del self._copies[oldest]
