"""Figures: pay and growth numbers read from guide text, with their year, region and the
occupation they describe.

Verdicts on "which pays more?" or "which is more in demand?" are built from these, so any
guide that states its figures in ordinary prose ("a median annual wage of $123,100 in May
2024 in the United States") gets verdicts too, the user's own guides included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

Kind = Literal["pay", "growth"]

_MONEY = re.compile(
    r"(?P<c>(?:US)?\$|£|€)\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<k>[kK]\b|thousand)?"
)
# The currency a figure is stated in: figures in two currencies are not one scale.
_CURRENCIES = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR"}
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
    ("United Kingdom", r"\bUnited Kingdom\b|\bU\.K\.|\bUK\b|\bBritain|\bLondon\b"),
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
# Any figure, to cut a sentence between the figures it gives.
_FIGURE = re.compile(
    r"(?:(?:US)?\$|£|€)\s?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"|\b\d{1,3}(?:\.\d)?\s?(?:percent|per cent|%)"
)
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
    # The occupation named next to this figure, in any case ("database architects, with a
    # median wage of $135,980"): one sentence may give several occupations' figures.
    named: str = ""
    currency: str = ""  # "USD", "GBP", "EUR" for pay; "" for growth

    def shown(self) -> str:
        if self.kind == "pay":
            return f"{_SYMBOLS.get(self.currency, '$')}{self.value:,.0f}"
        return f"{self.value:+g}%"

    def basis(self) -> str:
        """Where and when the figure holds, as the guide says: "US, May 2024"."""
        return ", ".join(x for x in (self.region, self.year) if x)


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


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
                named = _named_near(sentence, match.start(), match.end())
                currency = _CURRENCIES.get(match.group("c"), "USD")
                found.append(
                    Figure(
                        "pay",
                        value,
                        year,
                        region,
                        occupation,
                        proxy,
                        context,
                        sentence,
                        named,
                        currency,
                    )
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
                    _named_near(sentence, match.start(), match.end()),
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
            if f.sentence == anchor.sentence or any(mentions(f.sentence, n) for n in names(anchor))
        ]
        if same:
            return same[0]
    name = title.lower().split(" (")[0]
    for figure in candidates:
        if figure.proxy or (name and name in figure.sentence.lower() and not figure.context):
            return _narrowest(figure, candidates, name)
    plain = [f for f in candidates if not f.context] or candidates
    return _narrowest(plain[0], candidates, name) if plain else None


def _narrowest(figure: Figure, candidates: Sequence[Figure], name: str) -> Figure:
    """A category's figure gives way to its own sub-category that the role's own noun names:
    a guide that puts data architects in "Database Administrators and Architects" and then
    gives database architects' median has given the role's figure in the second."""
    head = _singular(name.rsplit(maxsplit=1)[-1]) if name.split() else ""
    members = members_of(figure)
    for other in candidates:
        named = other.named.lower()
        if (
            other is not figure
            and not other.context
            and named in members
            and _singular(named.split()[-1]) == head
        ):
            return other
    return figure


def members_of(figure: Figure) -> frozenset[str]:
    """The occupations a combined category's name joins, the shared qualifier given to
    each: "Database Administrators and Architects" -> database administrators, database
    architects. Empty for a single occupation."""
    return category_members(figure.named or figure.occupation)


def category_members(name: str) -> frozenset[str]:
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", name.lower()) if p.strip()]
    if len(parts) < 2:
        return frozenset()
    qualifier = parts[0].split()[:-1]
    members = {parts[0]}
    for part in parts[1:]:
        members.add(part)
        if len(part.split()) == 1 and qualifier:
            members.add(" ".join([*qualifier, part]))
    return frozenset(members)


def nested(whole: Figure, part: Figure) -> bool:
    """``part`` is the figure of one of the occupations ``whole``'s category joins."""
    members = {_singular_name(m) for m in members_of(whole)}
    named = _singular_name(part.named or part.occupation)
    return bool(named) and named in members


def _singular(word: str) -> str:
    return re.sub(r"(?:e?s)$", "", word.lower())


def _singular_name(name: str) -> str:
    words = name.lower().split()
    return " ".join([*words[:-1], _singular(words[-1])]) if words else ""


def names(figure: Figure) -> tuple[str, ...]:
    """The occupations a figure is given for: the one named next to it, and the
    sentence's capitalised one."""
    return tuple(dict.fromkeys(n for n in (figure.named, figure.occupation) if n))


def mentions(sentence: str, occupation: str) -> bool:
    """Whether ``sentence`` names ``occupation``, in any case, singular or plural
    ("data scientist jobs" names "data scientists")."""
    words = [re.escape(w) for w in occupation.lower().split()]
    if not words:
        return False
    words[-1] = re.sub(r"(?:e?s)$", "", words[-1]) + r"(?:e?s)?"
    return bool(re.search(r"\b" + r"\s+".join(words) + r"\b", sentence.lower()))


def linked(figures: Sequence[Figure], kind: Kind, occupations: Sequence[str]) -> list[Figure]:
    """The figures of ``kind`` (not quoted for context only) whose sentence names one of
    ``occupations``: a guide gives pay for its reference occupations in one sentence and
    their growth in another, and the growth belongs to the role just as the pay does."""
    found = []
    for f in figures:
        said = next((o for o in occupations if mentions(f.sentence, o)), "")
        if f.kind == kind and not f.context and said:
            found.append(replace(f, named=said))  # named as the link was made
    return found


# An occupation as prose names it: a plural agent noun ("architects", "scientists",
# "developers", "analysts") and the words before it that qualify it ("database").
_AGENT = re.compile(r"^[A-Za-z][A-Za-z-]{2,}(?:ists|ers|itects|ysts|ors|ians|ants)$")
# fmt: off
_NOT_AGENT = frozenset([
    "others", "numbers", "employers", "users", "members", "customers", "sectors", "factors",
    "matters", "papers", "computers", "quarters", "centers", "centres", "letters",
    "headquarters", "errors", "vendors", "offers",
])
# Words that end an occupation's name when reading backwards from its noun.
_BEFORE_NAME = frozenset([
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "as",
    "is", "are", "was", "were", "be", "been", "their", "its", "his", "her", "our", "your",
    "this", "that", "these", "those", "which", "who", "whose", "than", "most", "all", "other",
    "another", "some", "many", "such", "both", "each", "per", "while", "whereas", "although",
    "though", "but", "so", "because", "since", "if", "when", "where", "also",
])
# fmt: on
_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*|[^\sA-Za-z]")


def _named_near(sentence: str, start: int, end: int) -> str:
    """The occupation named closest before the figure at ``start``:``end`` (after it when
    none comes before: "a median of $133,080 for software developers"). This is the one
    place a figure gets its occupation: the verdicts, the all-role rankings and the way a
    ranking names each figure (``bot.routes.reference``) all read ``Figure.named``."""
    after = _FIGURE.split(sentence[end:])[0]
    tokens = _TOKEN.findall(after)
    # "..., compared with $135,980 for database architects": a figure followed by "for" and
    # an occupation is that occupation's, whatever was named before it.
    owner = _FOR_OWNER.match(after)
    if owner:
        found = _first_occupation(_TOKEN.findall(after[owner.end() :]))
        if found:
            return found
    # Back to the previous figure only: a name before that one is that one's.
    before = _FIGURE.split(sentence[:start])[-1]
    found = _employment_of(before) or _capitalised_name(before)
    if found:
        return found
    found = _last_occupation(_TOKEN.findall(before))
    if found:
        return found
    return _first_occupation(tokens)


# "employment of operations research analysts in the United States to grow", "employment
# growth for data scientists from": the occupation of a growth figure, with the list a
# category's name may be ("software developers, quality assurance analysts and testers").
_EMPLOYMENT_OF = re.compile(
    r"\b[Ee]mployment (?:growth )?(?:of|for) (?:the )?(?:(?:combined|wider) group of )?"
    r"(?P<name>[A-Za-z][A-Za-z ,-]+?)"
    r"(?: in the\b| to grow\b| from\b| is\b| are\b| between\b|,? one\b)"
)
# A capitalised occupation, a list of them included: "Software Developers, Quality
# Assurance Analysts, and Testers", "Database Administrators and Architects".
_CAPITALISED = re.compile(r"(?:[A-Z][a-z]+)(?:,? (?:[A-Z][a-z]+|and|of))*(?: [A-Z][a-z]+)")
_NOT_NAME = re.compile(
    r"Bureau|Labor|Statistics|Outlook|Handbook|Occupational|Employment|United|Kingdom|BLS"
    r"|January|February|March|April|May|June|July|August|September|October|November|December",
)


def _employment_of(text: str) -> str:
    named = list(_EMPLOYMENT_OF.finditer(text))
    if not named:
        return ""
    name = re.sub(r"^(?:(?:and|or|while|whereas|but)\s+)+", "", named[-1].group("name").strip(" ,"))
    return re.sub(r"^(?:the )?(?:wider|combined|broader) group,?\s+(?:of\s+)?", "", name)


def _capitalised_name(text: str) -> str:
    names = [
        " ".join(m.group(0).split())
        for m in _CAPITALISED.finditer(text)
        if not _NOT_NAME.search(m.group(0))
    ]
    return names[-1].strip(", ") if names else ""


_FOR_OWNER = re.compile(r"^\s*(?:in (?:\w+ )?20\d\d\s*)?for (?:all |the )?", re.I)


def _first_occupation(tokens: Sequence[str]) -> str:
    for start, token in enumerate(tokens):
        if _is_agent(token):
            # A capitalised name goes on over "and"/"of": "Database Administrators and
            # Architects".
            end = start
            while (
                token[:1].isupper()
                and end + 2 < len(tokens)
                and tokens[end + 1] in ("and", "of")
                and tokens[end + 2][:1].isupper()
            ):
                end += 2
            return _last_occupation(tokens[: end + 1])
    return ""


def _is_agent(token: str) -> bool:
    return bool(_AGENT.match(token)) and token.lower() not in _NOT_AGENT


def _last_occupation(tokens: Sequence[str]) -> str:
    """The last agent noun of ``tokens`` with the qualifying words before it: "Database
    Administrators and Architects", "database architects", "data scientists"."""
    ends = [i for i, t in enumerate(tokens) if _is_agent(t)]
    if not ends:
        return ""
    i = ends[-1]
    capital = tokens[i][0].isupper()
    words = [tokens[i]]
    j = i - 1
    while j >= 0 and len(words) < 6:
        token = tokens[j]
        # "Administrators and Architects": a capitalised name goes on over "and"/"of".
        if capital and token in ("and", "of") and j > 0 and tokens[j - 1][:1].isupper():
            words[:0] = [tokens[j - 1], token]
            j -= 2
            continue
        if not token[:1].isalpha() or token.lower() in _BEFORE_NAME:
            break
        # A capital that only opens the sentence ("Data scientists overlap ...") is no
        # name's capital.
        opening = j == 0 and not capital and token[:1].isupper()
        if (capital != token[:1].isupper() and not opening) or token.isupper():
            break
        if _NOT_OCCUPATION.search(token):
            break
        if opening:
            token = token.lower()
        words.insert(0, token)
        j -= 1
    return " ".join(words)


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


def same_occupation(name: str) -> str:
    """An occupation's name as compared across guides: "Software Developers, Quality
    Assurance Analysts, and Testers" in one and "software developers, quality assurance
    analysts and testers" in another are one occupation."""
    words = re.findall(r"[a-z]+", name.lower())
    return " ".join(w for w in words if w not in ("and", "the", "of"))
