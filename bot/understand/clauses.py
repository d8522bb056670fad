"""Two-part questions: "What do they earn, and which tools do they use?" is two questions.

A question is cut where a new question starts after "and", a comma or a semicolon (a
question word or an auxiliary verb opens the next clause); it is two questions only when the
clauses ask for different things (their intents differ). Each part is then answered in
turn, the later ones with the earlier ones as their conversation, so "they" keeps its role.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.understand.intents import Intent, intent_of

_OPENER = (
    r"(?:what|which|how|where|when|who|why|is|are|do|does|did|can|could|should|would|will"
    r"|tell me|give me)\b"
)
_SPLIT = re.compile(
    rf"\s*(?:,\s*and|;\s*and|\band also|,\s*also|\band|[;,])\s+(?={_OPENER})"
    rf"|(?<=\?)\s+(?=[A-Z])",
    re.IGNORECASE,
)
MAX_PARTS = 3


def parts_of(text: str, read: Callable[[str], Intent | None] = intent_of) -> list[str]:
    """The clauses of a question that ask for different things ([text] when it is one
    question). ``read`` tells a clause's intent (the chatbot's classifier; the word rules
    without one)."""
    pieces = [p.strip(" ,;") for p in _SPLIT.split(text) if p and p.strip(" ,;")]
    if len(pieces) < 2:
        return [text]
    intents = [read(p) for p in pieces]
    if any(i is None for i in intents) or len({i.id for i in intents if i}) < len(pieces):
        return [text]
    return [_asked(p) for p in pieces[:MAX_PARTS]]


def _asked(piece: str) -> str:
    piece = piece[:1].upper() + piece[1:]
    return piece if piece.endswith("?") else piece.rstrip(".") + "?"
