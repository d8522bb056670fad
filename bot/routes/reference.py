"""Reference: what a guide's pay or growth figure is a figure *of*, said precisely.

Most of the bundled roles have no official occupation of their own, so their guides quote a
neighbouring one ("the closest category, Software Developers, had a median of $133,080").
A ranking over every role must say, for each figure, which occupation it describes and how
the guide relates it to its role: the role's own occupation, the one official occupation the
guide stands in for it, one of several reference points it gives (with the others), and
whether other roles' guides use the very same figure. ``Figure.occupation`` is one name per
sentence; a sentence that lists two reference points ("database architects, $135,980, and
data scientists, $112,590") needs the name next to each figure, which is found here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.roles import plural_of
from bot.routes.figures import Figure

# An occupation named in lower case just before its figure: "are database architects, with
# a median wage of", "and data scientists, with a median of", "data scientists earned".
_LOWER_NAME = re.compile(
    r"(?:\b(?:are|is|and|for|as|with|category|occupation),?\s+|,\s+|^\s*)(?:the\s+|U\.S\.\s+)?"
    r"(?P<name>[a-z][a-z-]+(?: [a-z][a-z-]+){0,3}?)"
    r",?\s+(?:with|whose|had|earned|earn|at|:|\()",
)
# "employment of operations research analysts in the United States to grow", "employment
# growth for data scientists from": the occupation of a growth figure.
_EMPLOYMENT_OF = re.compile(
    r"\b[Ee]mployment (?:growth )?(?:of|for) (?:the )?(?:(?:combined|wider) group of )?"
    r"(?P<name>[A-Za-z][A-Za-z ,-]+?)"
    r"(?: in the\b| to grow\b| from\b| is\b| are\b| between\b|,? one\b)"
)
_CAPITALIZED = re.compile(r"(?:[A-Z][a-z]+)(?:,? (?:[A-Z][a-z]+|and|of))*(?: [A-Z][a-z]+)")
_NOT_NAME = re.compile(
    r"Bureau|Labor|Statistics|Outlook|Handbook|Occupational|Employment|United|Kingdom|BLS"
    r"|January|February|March|April|May|June|July|August|September|October|November|December",
)
_STOP_LOWER = re.compile(
    r"^(?:median|mean|average|annual|wage|pay|figure|figures|official|nearest|closest|a|an"
    r"|the|which|that|this|median annual wage|median wage|median pay)$"
)


def occupation_near(figure: Figure) -> str:
    """The occupation named closest before ``figure``'s number in its own sentence ("" when
    none is): for a sentence quoting several, the one this figure belongs to."""
    sentence = figure.sentence
    at = _position(figure)
    if at < 0:
        return figure.named or figure.occupation
    before = sentence[:at]
    # Back to the previous figure: a name before that one is that one's.
    previous = max((m.end() for m in re.finditer(r"\$\s?\d[\d,.]*|\d+ ?(?:percent|%)", before)),
                   default=0)  # fmt: skip
    segment = before[previous:]
    employed = list(_EMPLOYMENT_OF.finditer(segment))
    if employed:
        return _bare(employed[-1].group("name"))
    names = [
        " ".join(m.group(0).split())
        for m in _CAPITALIZED.finditer(segment)
        if not _NOT_NAME.search(m.group(0))
    ]
    if names:
        return names[-1].strip(", ")
    lower = [_bare(m.group("name")) for m in _LOWER_NAME.finditer(segment)]
    lower = [n for n in lower if not _STOP_LOWER.match(n)]
    # Else the name ``figures`` read next to it (``Figure.named``), else the sentence's.
    return lower[-1] if lower else (figure.named or figure.occupation)


def _bare(name: str) -> str:
    """A name without the words that joined it to the sentence ("and data scientists")."""
    name = re.sub(r"^(?:(?:and|or|while|whereas|but)\s+)+", "", name.strip(" ,"))
    return re.sub(r"^(?:the )?(?:wider|combined|broader) group,?\s+(?:of\s+)?", "", name)


def _position(figure: Figure) -> int:
    """Where the figure's number stands in its sentence (-1 if it cannot be found)."""
    if figure.kind == "pay":
        whole = f"{figure.value:,.0f}"
        pattern = rf"\$\s?{re.escape(whole)}|\$\s?{int(figure.value // 1000)}\s?[kK]\b"
    else:
        pattern = rf"\b{re.escape(f'{abs(figure.value):g}')}\s?(?:percent|per cent|%)"
    match = re.search(pattern, figure.sentence)
    return match.start() if match else -1


@dataclass(frozen=True)
class Reference:
    """How one guide's figure relates to its role, for saying it in a ranking."""

    occupation: str  # the official occupation the figure describes ("" if not named)
    own: bool  # the role's own occupation (the guide names no stand-in)
    stand_in: bool = False  # the guide presents the occupation as its role's stand-in
    # The occupation is a wider category naming the role ("mathematicians and statisticians").
    includes_role: bool = False
    others: tuple[tuple[str, str], ...] = ()  # the other reference points in the sentence
    shared_with: int = 0  # how many other roles' guides quote the same figure, same occupation


def reference_of(figure: Figure, title: str, alongside: Sequence[Figure] = ()) -> Reference:
    """``figure`` as the figure of the guide about ``title``: own, stand-in or one of a
    range (``alongside``: the other figures of its kind in the same sentence)."""
    occupation = occupation_near(figure)
    name = plural_of(title).lower().split(" (")[0]
    own = not figure.proxy and (not occupation or occupation.lower() == name)
    others = tuple(
        (occupation_near(f), f.shown())
        for f in alongside
        if f.proxy and f.value != figure.value and occupation_near(f)
    )
    includes = not own and bool(name) and name in occupation.lower()
    return Reference(
        occupation or ("" if not own else plural_of(title)),
        own,
        others=others,
        stand_in=figure.proxy,
        includes_role=includes,
    )


def described(figure: Figure, reference: Reference, title: str) -> str:
    """One figure as a ranking shows it: "$135,980 for database architects, one of the two
    official reference points its guide gives (the other: data scientists, $112,590)"."""
    shown = figure.shown()
    if reference.own:
        return f"{shown}, the official figure for {plural_of(title).lower()} themselves"
    if not reference.occupation:
        return f"{shown}, a neighbouring official occupation's figure (not named in the sentence)"
    if reference.others:
        rest = "; ".join(f"{name}, {value}" for name, value in reference.others)
        count = len(reference.others) + 1
        other = "other" if count == 2 else "others"
        return (
            f"{shown} for {reference.occupation}, one of the {_number(count)} official "
            f"reference points its guide gives (the {other}: {rest})"
        )
    shared = ""
    if reference.shared_with:
        if reference.shared_with == 1:
            shared = "; one other role's guide quotes the same figure"
        else:
            shared = f"; {_number(reference.shared_with)} other roles' guides quote the same figure"
    if reference.includes_role:
        what = f"the official category that includes {plural_of(title).lower()}"
    elif reference.stand_in:
        what = "the nearest official occupation"
    else:
        what = "the official occupation its guide quotes"
    return f"{shown} for {reference.occupation}, {what}{shared}"


def _number(n: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return words[n] if 0 <= n < len(words) else str(n)
