"""Understand: what the person typed and the conversation so far -> a ``Turn``.

Validates the question and reads the conversation the way an adviser would:
- the roles in play: the ones the question names (typos forgiven), or the ones carried
  from earlier turns: "what tools do *they* use?" keeps the last role, "which of *the two*"
  and "*both*" keep the last two, "*them*" all of the recent ones;
- the topic: "and for data scientists?" after a salary question is still about salary;
- the person: background, skills, likes, dislikes and constraints from everything they said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.messages import Message, normalize_history
from bot.core.name_match import NameMatch
from bot.core.roles import MAX_COMPARED, RoleCatalog
from bot.understand.aspects import refers_back, wants_table, without_pointer
from bot.understand.intents import Intent, intent_of, question_for
from bot.understand.profile import profile_from
from bot.understand.question import prepare_question
from bot.understand.turn import Turn

# Turns looked back over for roles and topic: far enough for a three-turn chain, near
# enough that an old topic does not come back uninvited.
LOOKBACK = 4
# "the two", "both", "which one", "either", "them": a reference to several roles.
_SEVERAL = re.compile(
    r"\b(?:the two|these two|those two|both|either|neither|which one|which of (?:them|these|those)"
    r"|them|these roles|those roles|each of them|all of them|the three|these three)\b",
    re.IGNORECASE,
)
# A follow-up that only swaps the role ("and for data scientists?", "what about analysts?").
_ELLIPTICAL = re.compile(
    r"^\s*(?:and|or|but|what about|how about|same (?:for|question for)|and for|and what about"
    r"|what of|now|ok(?:ay)?,? (?:and|what about))\b",
    re.IGNORECASE,
)


# Reads a question's intent from the question (typos corrected) and the same with its role
# names taken out: ``IntentClassifier.intent_of``, the nearest-neighbour reading.
IntentReader = Callable[[str, str], Intent | None]


def _by_rules(text: str, plain: str) -> Intent | None:
    return intent_of(text)


def understand(
    question: str,
    history: Sequence[Any] | None,
    catalog_of: Callable[[], RoleCatalog],
    max_chars: int,
    read_intent: IntentReader = _by_rules,
) -> Turn:
    """``catalog_of`` is called only once the question is valid: an empty question is
    reported as such even where nothing has been indexed yet. ``read_intent`` is the
    chatbot's intent classifier (the word rules alone without one: no model here)."""
    prepared = prepare_question(question, max_chars)
    turns = normalize_history(history)
    catalog = catalog_of()
    text, matches = catalog.read_names(catalog.correct(prepared.text))
    asked = user_turns(turns)
    intent, carried = topic(text, asked, catalog, read_intent)
    named = catalog.resolve(text)
    joined = joins_comparison(text, named, compared_last(turns, catalog))
    return Turn(
        question=prepared.text,
        history=turns,
        catalog=catalog,
        notices=[*prepared.notices, *(read_as(m, catalog) for m in matches)],
        named=named,
        earlier=joined or roles_in_play(text, asked, catalog),
        intent=intent,
        carried=carried,
        extends=bool(joined),
        profile=profile_from([*asked, prepared.text]),
        text=text,
        reader=read_intent,
    )


def read_as(match: NameMatch, catalog: RoleCatalog) -> str:
    """What a name matched fuzzily was read as, so a wrong reading can be seen and put
    right: 'Read "BI devs" as BI Developer.'"""
    return f'Read "{match.said}" as {catalog.title(match.role)}.'


def as_read(text: str, catalog: RoleCatalog) -> str:
    """An earlier question as the catalog reads it: typos corrected, fuzzy names spelt out."""
    return catalog.read_names(catalog.correct(text))[0]


def user_turns(history: Sequence[Message]) -> list[str]:
    """What the person said, oldest first. Answers mention neighbouring roles in passing
    ("unlike a data scientist ...") and are not what the person is talking about."""
    return [m["content"] for m in history if m.get("role") == "user"]


# A markdown table's header row and the rule under it: "| Aspect | Data Analyst | ... |".
_TABLE_HEAD = re.compile(r"^\|(?P<cells>[^\n]+)\|[ \t]*\n\|[ \t:|-]*-[ \t:|-]*\|?[ \t]*$", re.M)


def compared_last(history: Sequence[Message], catalog: RoleCatalog) -> list[str]:
    """The roles the last answer set side by side: the columns of its table that are roles
    (whoever wrote the table, offline or a model), [] when it set none side by side."""
    last = next((m["content"] for m in reversed(history) if m.get("role") == "assistant"), "")
    for head in _TABLE_HEAD.finditer(last):
        found = [catalog.lookup(cell.strip(" *")) for cell in head.group("cells").split("|")]
        roles = list(dict.fromkeys(r for r in found if r))
        if len(roles) >= 2:
            return roles
    return []


def joins_comparison(text: str, named: Sequence[str], compared: Sequence[str]) -> list[str]:
    """The last answer's compared roles when a bare follow-up ("and data engineers?", "what
    about an AI engineer?") names a role that was not among them: the new role is added to
    the comparison, not answered alone. [] otherwise."""
    if len(compared) < 2 or not named or set(named) <= set(compared):
        return []
    if not _ELLIPTICAL.search(text):
        return []
    return [r for r in compared if r not in named]


def roles_in_play(text: str, asked: Sequence[str], catalog: RoleCatalog) -> list[str]:
    """The roles carried over from earlier turns, in the order they came up.

    Normally the roles of the last turn that named any; for a reference to several roles
    ("which of the two", "both", "them"), the distinct roles of the recent turns.
    """
    recent = [catalog.resolve(as_read(t, catalog)) for t in asked[-LOOKBACK:]]
    # "Put those in a table" asks for the roles the conversation went through, too.
    if not _SEVERAL.search(text) and not wants_table(text):
        return next((found for found in reversed(recent) if found), [])
    # Newest turn first, each turn's roles kept in the order that turn named them: "data
    # engineer or data scientist?" then "compare them" keeps data engineer first.
    collected: list[str] = []
    for found in reversed(recent):
        fresh = [role for role in found if role not in collected]
        if len(collected) + len(fresh) > MAX_COMPARED:
            fresh = fresh[: MAX_COMPARED - len(collected)]
        collected = fresh + collected
        if len(collected) >= MAX_COMPARED:
            break
    return collected[:MAX_COMPARED]


def topic(
    text: str, asked: Sequence[str], catalog: RoleCatalog, read: IntentReader = _by_rules
) -> tuple[Intent | None, bool]:
    """The question's intent, or for a bare follow-up ("and for data scientists?") the
    intent of the last question that had one; the flag says it was carried."""
    # "How does that stack up against ...": the pointer back is read as no topic.
    asked_for = without_pointer(text)
    own = read(asked_for, catalog.without_roles(asked_for))
    if own is not None or not asked or not is_elliptical(text):
        return own, False
    for earlier in reversed(asked[-LOOKBACK:]):
        fixed = as_read(earlier, catalog)
        found = read(fixed, catalog.without_roles(fixed))
        if found is not None:
            return found, True
    return None, False


def is_elliptical(text: str) -> bool:
    """A follow-up that leans on the previous question for its topic."""
    return (
        bool(_ELLIPTICAL.search(text))
        or len(text.split()) <= 4
        or wants_table(text)
        or refers_back(text)
    )


def verdict_asked_before(asked: Sequence[str], asks: Callable[[str], bool]) -> bool:
    """The comparison a follow-up extends asked who comes out ahead: the latest earlier
    question (``asked``, oldest first) that ``asks`` for a verdict, looking back only over
    follow-ups that lean on the one before ("and data scientists?"), never past a question
    that stands on its own."""
    for earlier in reversed(asked[-LOOKBACK:]):
        if asks(earlier):
            return True
        if not is_elliptical(earlier):
            return False
    return False


MOVING = {"transition", "getting_started"}


def standalone(turn: Turn) -> str:
    """The question made to stand on its own for a search, without a model: a follow-up
    ("what tools do they use?") as if it named its roles, a bare one ("and for data
    scientists?") as the question it continues, and a question about moving into a role
    with where the person comes from."""
    text = turn.text or turn.question
    if turn.carried and turn.intent is not None and turn.roles:
        text = " ".join(question_for(turn.intent, turn.catalog.title(r)) for r in turn.roles)
    elif not turn.named and turn.roles:
        titles = ", ".join(turn.catalog.title(r) for r in turn.roles)
        text = f"{text} ({titles})"
    background = [b for b in turn.profile.background if b.lower() not in text.lower()]
    if background and turn.intent is not None and turn.intent.id in MOVING:
        text = f"{text} (coming from {', '.join(background)})"
    return text
