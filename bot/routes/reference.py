"""Reference: what a guide's pay or growth figure is a figure *of*, said precisely.

Most of the bundled roles have no official occupation of their own, so their guides quote a
neighbouring one ("the closest category, Software Developers, had a median of $133,080").
A ranking over every role must say, for each figure, which occupation it describes and how
the guide relates it to its role: the role's own occupation, the one official occupation the
guide stands in for it, one of several reference points it gives (with the others), and
whether other roles' guides use the very same figure. ``Figure.occupation`` is one name per
sentence; a sentence that lists two reference points ("database architects, $135,980, and
data scientists, $112,590") needs the name next to each figure, ``Figure.named``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.roles import plural_of
from bot.routes.figures import Figure


def occupation_near(figure: Figure) -> str:
    """The occupation ``figure`` describes: the one named next to it in its sentence
    (``Figure.named``, read once by ``bot.routes.figures``), else the sentence's."""
    return figure.named or figure.occupation


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
