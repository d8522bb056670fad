"""Understand: what the person typed and the conversation so far -> a ``Turn``.

Validates the question, normalizes the history, and finds the roles in play: the ones the
question names and the ones carried over from earlier turns ("what tools do *they* use?").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.messages import normalize_history
from bot.question import prepare_question
from bot.roles import RoleCatalog, roles_from_history
from bot.turn import Turn


def understand(
    question: str,
    history: Sequence[Any] | None,
    catalog_of: Callable[[], RoleCatalog],
    max_chars: int,
) -> Turn:
    """``catalog_of`` is called only once the question is valid: an empty question is
    reported as such even where nothing has been indexed yet."""
    prepared = prepare_question(question, max_chars)
    turns = normalize_history(history)
    catalog = catalog_of()
    return Turn(
        question=prepared.text,
        history=turns,
        catalog=catalog,
        notices=list(prepared.notices),
        named=catalog.resolve(prepared.text),
        earlier=roles_from_history(catalog, turns),
    )
