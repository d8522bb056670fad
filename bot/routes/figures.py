"""Figures: pay and growth numbers read from guide text, with their year, region and the
occupation they describe.

Verdicts on "which pays more?" or "which is more in demand?" are built from these, so any
guide that states its figures in ordinary prose ("a median annual wage of $123,100 in May
2024 in the United States") gets verdicts too, the user's own guides included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["pay", "growth"]

_MONEY = re.compile(
    r"(?:US)?\$\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<k>[kK]\b|thousand)?"
)
_PAY_WORDS = re.compile(r"\b(?:median|average|mean|wage|pay|paid|salar|earn|compensation)", re.I)
_PERCENT = re.compile(r"(?P<n>\d{1,3}(?:\.\d)?)\s?(?:percent|per cent|%)")
_GROWTH_WORDS = re.compile(
    r"\b(?:grow|growth|increase|projected|projects|projection|expand|rise|decline)", re.I
)
_DECLINE = re.compile(r"\bdecline|\bshrink|\bfall", re.I)
_YEAR = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) )?20\d\d(?:\s?(?:-|–|to)\s?(?:20)?\d\d)?\b"
)
_REGIONS = (
    ("United States", r"\bUnited States\b|\bU\.S\.|\bUS\b|\bAmerica"),
    ("United Kingdom", r"\bUnited Kingdom\b|\bU\.K\.|\bUK\b|\bBritain"),
    ("Europe", r"\bEurope"),
    ("Germany", r"\bGermany"),
    ("Canada", r"\bCanada"),
    ("India", r"\bIndia\b"),
    ("Australia", r"\bAustralia"),
)
# The guide says the figure stands in for the role ("the closest official category is ...").
_PROXY = re.compile(
    r"\b(?:closest|nearest|best compared|benchmark|proxy|reference point|no separate|no official"
    r"|does not track|doesn't track|has no\b)",
    re.I,
)
# Another role's figure quoted for context ("for context", "a neighbouring occupation").
_CONTEXT = re.compile(r"\b(?:for context|neighbouring|neighboring|by comparison|broader)\b", re.I)
_CAPITALIZED = re.compile(r"(?:[A-Z][a-z]+|and|of)(?: (?:[A-Z][a-z]+|and|of))+")
_NOT_OCCUPATION = re.compile(
    r"Bureau|Labor Statistics|Outlook Handbook|Occupational|United States|United Kingdom"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
)


@dataclass(frozen=True)
class Figure:
    kind: Kind
    value: float  # dollars a year for pay; percent for growth (negative: a decline)
    year: str  # "May 2024", "2024 to 2034", or ""
    region: str  # "United States", or "" when the text does not say
    occupation: str  # the official occupation it describes, when named
    proxy: bool  # the guide presents it as the stand-in for this role
    context: bool  # the guide quotes it as another role's figure, for comparison
    sentence: str

    def shown(self) -> str:
        if self.kind == "pay":
            return f"${self.value:,.0f}"
        return f"{self.value:+g}%"


def figures_in(sentence: str) -> list[Figure]:
    """The pay and growth figures one sentence states."""
    found: list[Figure] = []
    year, region = _year(sentence), _region(sentence)
    occupation = _occupation(sentence)
    proxy, context = bool(_PROXY.search(sentence)), bool(_CONTEXT.search(sentence))
    if _PAY_WORDS.search(sentence):
        for match in _MONEY.finditer(sentence):
            value = float(match.group("n").replace(",", ""))
            if match.group("k"):
                value *= 1000
            if value >= 1000:  # "$5 more" is not a salary
                found.append(
                    Figure("pay", value, year, region, occupation, proxy, context, sentence)
                )
    if _GROWTH_WORDS.search(sentence):
        for match in _PERCENT.finditer(sentence):
            value = float(match.group("n"))
            if _DECLINE.search(sentence):
                value = -value
            found.append(
                Figure(
                    "growth",
                    value,
                    _span(sentence) or year,
                    region,
                    occupation,
                    proxy,
                    context,
                    sentence,
                )
            )
    return found


def own_figure(
    figures: Sequence[Figure], kind: Kind, title: str = "", anchor: Figure | None = None
) -> Figure | None:
    """The figure a guide gives for its own role: the first one it presents as the role's
    (by name or as the closest official category), else the first not quoted for context.
    ``figures`` are in reading order. With ``anchor`` (the role's pay figure), a growth
    figure for the same occupation wins: growth and pay should describe one occupation."""
    candidates = [f for f in figures if f.kind == kind]
    if anchor is not None:
        same = [
            f
            for f in candidates
            if f.sentence == anchor.sentence
            or (anchor.occupation and anchor.occupation.lower() in f.sentence.lower())
        ]
        if same:
            return same[0]
    name = title.lower().split(" (")[0]
    for figure in candidates:
        if figure.proxy or (name and name in figure.sentence.lower() and not figure.context):
            return figure
    plain = [f for f in candidates if not f.context] or candidates
    return plain[0] if plain else None


def _year(sentence: str) -> str:
    match = _YEAR.search(sentence)
    return match.group(0) if match else ""


def _span(sentence: str) -> str:
    match = re.search(r"\b(20\d\d)\s?(?:-|–|to|and)\s?((?:20)?\d\d)\b", sentence)
    if not match:
        return ""
    end = match.group(2)
    return f"{match.group(1)} to {end if len(end) == 4 else '20' + end}"


def _region(sentence: str) -> str:
    for name, pattern in _REGIONS:
        if re.search(pattern, sentence):
            return name
    return ""


def _occupation(sentence: str) -> str:
    runs = [r.strip() for r in _CAPITALIZED.findall(sentence)]
    runs = [r for r in runs if not _NOT_OCCUPATION.search(r) and len(r.split()) >= 2]
    return max(runs, key=len) if runs else ""
