"""Specifics a question asks for that career guides rarely have: a place ("in Seattle"), an
employer ("at Google", "at a startup"), a duration ("how many months does it take?").

When the guides retrieved for the question never mention the specific, the answer says so
first, plainly, then gives what the guides do say (with the limits of their figures),
instead of quoting unrelated sentences as if they answered it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

SpecificKind = Literal["place", "employer", "duration"]


@dataclass(frozen=True)
class Specific:
    kind: SpecificKind
    words: str  # as the question says it: "Seattle", "Google", "a startup or at a bank"


# "in Seattle", "in Germany", "in New York": a capitalised place after "in"/"around".
_PLACE = re.compile(
    r"\b(?:in|around|near|across)\s+(?P<w>(?-i:[A-Z][a-z]+)(?:\s(?-i:[A-Z][a-z]+))?)"
)
# "at Google", "for Amazon", "at a startup", "at a bank or an agency"
_EMPLOYER = re.compile(
    r"\b(?:at|for|by|offer(?:ed)?)\s+(?P<w>(?-i:[A-Z][A-Za-z]+)|(?:a|an)\s+(?:startup|start-up|bank"
    r"|consultancy|agency|big tech company|big company|small company|corporation|government"
    r"|public sector|non-profit|charity|scale-up|hospital|university))\b",
    re.IGNORECASE,
)
# The employer named as a subject: "would Google offer", "does Amazon pay".
_EMPLOYER_SUBJECT = re.compile(
    r"\b(?i:would|will|does|do|did)\s+(?P<w>[A-Z][A-Za-z]+)\s+(?i:offer|pay|give)\b"
)
_DURATION = re.compile(
    r"\bhow (?:long|many (?:months|years|weeks))\b|\bhow quickly\b|\bhow fast can I\b",
    re.IGNORECASE,
)
# Capitalised words that are not places or employers.
_NOT_NAMES = re.compile(
    r"^(?:I|SQL|Python|R|Excel|May|June|July|English|BLS|AI|ML|MLOps|US|U|The|A|An)$"
)


def specifics_of(text: str, role_words: Sequence[str] = ()) -> list[Specific]:
    """The specifics ``text`` asks for; ``role_words`` (the catalog's role names) are never
    taken for a place or an employer."""
    roles = {w.lower() for name in role_words for w in name.split()}
    found: list[Specific] = []
    for kind, pattern in (
        ("place", _PLACE),
        ("employer", _EMPLOYER),
        ("employer", _EMPLOYER_SUBJECT),
    ):
        for match in pattern.finditer(text):
            words = match.group("w").strip()
            first = words.split()[0]
            if _NOT_NAMES.match(first) or first.lower() in roles:
                continue
            found.append(Specific(kind, words))  # type: ignore[arg-type]
    if _DURATION.search(text):
        found.append(Specific("duration", "how long it takes"))
    return list(dict.fromkeys(found))


def missing_from(specifics: Sequence[Specific], texts: Sequence[str]) -> list[Specific]:
    """The specifics none of ``texts`` (the retrieved guide text) mention."""
    joined = " ".join(texts).lower()
    out = []
    for specific in specifics:
        if specific.kind == "duration":
            said = bool(re.search(r"\b\d+\s*(?:to\s*\d+\s*)?(?:months|weeks)\b", joined))
        else:
            key = re.sub(r"^(?:a|an)\s+", "", specific.words.lower())
            said = key in joined
        if not said:
            out.append(specific)
    return out


def admission(missing: Sequence[Specific], figure_note: str = "") -> str:
    """The opening that says what the guides do not say."""
    pieces = []
    for specific in missing:
        if specific.kind == "place":
            pieces.append(f"anything specific to {specific.words}")
        elif specific.kind == "employer":
            pieces.append(f"what {specific.words} in particular pays or expects")
        else:
            pieces.append("how long it takes")
    said = " or ".join(dict.fromkeys(pieces))
    note = f" {figure_note}" if figure_note else ""
    return f"The guides don't say {said}; here is what they do say.{note}"
