"""Naming a guide that has no front matter: its title, role id and aliases.

Guides written for a career site rather than for careerbot title themselves "Data Architect:
Career Guide" and live in files such as ``data-architect-career-guide.md``. A person asks
about "data architects", never about "data architect career guide", so the words that only
say *this is a guide* are dropped from the title and from the role id, and the names a reader
would use (the guide's own abbreviation, "BI developer" for "Business Intelligence (BI)
Developer") become aliases. Kept apart from ``ingest.load``, which parses files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# "...: Career Guide", "... - A Comprehensive Career Guide", "... Career Profile",
# "...: The Complete Guide". A bare trailing "Guide" needs a separator before it, so a
# title like "Tour Guide" keeps its last word.
_ADJECTIVES = r"(?:comprehensive|complete|ultimate|practical|definitive|full|quick|short|essential)"
_GUIDE_SUFFIX = re.compile(
    rf"(?:\s*[:|,\-–—]\s*(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?(?:career\s+)?"
    rf"(?:guide|profile|overview)"
    rf"|\s+(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?career\s+(?:guide|profile))\s*$",
    re.IGNORECASE,
)
# "Career Guide: Data Architect", "Career profile - BI Developer".
_GUIDE_PREFIX = re.compile(
    rf"^(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?career\s+(?:guide|profile)\s*"
    rf"(?:to|for|[:|\-–—])\s*(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"^([*_`]+)(.+?)\1$")
_ACRONYM_IN_TITLE = re.compile(r"\(([A-Z][A-Za-z]{1,5})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#]*")
# Words that do not give a letter to an acronym ("Head of Data" -> "HD").
_MINOR = {"of", "and", "the", "for", "in", "a", "an", "to", "&"}


def clean_title(title: str) -> str:
    """A heading without markdown emphasis and without words that only say "guide"."""
    text = " ".join(title.split())
    emphasised = _EMPHASIS.match(text)
    if emphasised:
        text = emphasised.group(2).strip()
    stripped = _GUIDE_PREFIX.sub("", _GUIDE_SUFFIX.sub("", text)).strip(" :-–—|,")
    # A title that is nothing but "Career Guide" keeps its words rather than becoming empty.
    return stripped or text


def title_from_stem(stem: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in stem_words(stem).split())


def stem_words(stem: str) -> str:
    """The words of a file name that name the role: ``data-architect-career-guide`` ->
    "data architect" (the role id is their slug)."""
    # A file name has lost its punctuation, so a bare trailing "guide" goes too:
    # "bi-developer-guide" names the guide to a BI developer.
    words = clean_title(stem.replace("_", " ").replace("-", " "))
    return _STEM_GUIDE.sub("", words).strip() or words


_STEM_GUIDE = re.compile(r"\s+guide$", re.IGNORECASE)


def derived_aliases(title: str, body: str) -> list[str]:
    """Names for the role that neither its title nor its id spell out.

    - "Business Intelligence (BI) Developer" -> "BI Developer" (the bare title without the
      bracket is already a name, see ``bot.core.roles.Role.names``);
    - the abbreviation the guide itself introduces: "database administrators (DBAs)" -> "DBA";
    - "BI Developer" whose text says "business intelligence (BI)" -> "Business Intelligence
      Developer";
    - otherwise the initials of a two- or three-word title ("Data Architect" -> "DA"). Those
      are guesses and may belong to another role: ``drop_collisions`` removes them then.
    """
    out: list[str] = []
    bracket = _ACRONYM_IN_TITLE.search(title)
    if bracket:
        out.append(_with_acronym(title, bracket))
    bare = re.sub(r"\s*\(.*?\)\s*", " ", title).strip()
    out.extend(_expansions(bare, body))
    introduced = _introduced_acronym(bare, body)
    if introduced:
        out.append(introduced)
    elif not bracket:
        initials = _initials(bare)
        if initials:
            out.append(initials)
    lowered = {title.lower(), bare.lower()}
    return [a for a in dict.fromkeys(out) if a.lower() not in lowered]


def _with_acronym(title: str, bracket: re.Match[str]) -> str:
    """ "Business Intelligence (BI) Developer" -> "BI Developer": the acronym replaces the
    words it abbreviates, the ones just before the bracket."""
    acronym = bracket.group(1)
    before = title[: bracket.start()].split()
    n = len(acronym)
    if len(before) >= n and _initials_of(before[-n:]) == acronym.upper():
        before = before[:-n]
    return " ".join([*before, acronym, *title[bracket.end() :].split()])


def _expansions(title: str, body: str) -> list[str]:
    """Each capitalised abbreviation in the title spelt out, when the guide spells it out."""
    out = []
    for word in title.split():
        if not (word.isupper() and 2 <= len(word) <= 5):
            continue
        words = r"\s+".join([r"([A-Za-z]+)"] * len(word))
        match = re.search(rf"\b{words}\s+\({re.escape(word)}s?\)", body)
        if match and _initials_of(list(match.groups())) == word:
            spelt = " ".join(g.capitalize() for g in match.groups())
            out.append(" ".join(spelt if w == word else w for w in title.split()))
    return out


def _introduced_acronym(title: str, body: str) -> str | None:
    """The abbreviation a guide introduces for its own role, e.g. "(DBAs)" after the title."""
    words = [re.escape(w) for w in title.split()]
    if not words:
        return None
    # The last word may stand in the plural: "Database Administrators (DBAs)".
    words[-1] += r"(?:s|es)?"
    pattern = r"\s+".join(words) + r"\s+\(([A-Z][A-Za-z]{1,5}?)s?\)"
    match = re.search(pattern, body, re.IGNORECASE)
    if match and match.group(1)[0].isupper() and match.group(1).upper() == match.group(1):
        return match.group(1)
    return None


def _initials(title: str) -> str | None:
    words = [w for w in _WORD.findall(title) if w.lower() not in _MINOR]
    # "BI Developer" -> "BD" would be an abbreviation nobody uses.
    if not 2 <= len(words) <= 3 or any(w.isupper() and len(w) > 1 for w in words):
        return None
    return _initials_of(words)


def _initials_of(words: Sequence[str]) -> str:
    return "".join(w[0].upper() for w in words if w)


@dataclass(frozen=True)
class Named:
    """The names a guide answers to; ``guessed`` are derived aliases that may be dropped."""

    role: str
    title: str
    aliases: tuple[str, ...]
    guessed: tuple[str, ...] = ()


def drop_collisions(guides: Iterable[Named]) -> dict[str, tuple[str, ...]]:
    """Each role's guessed aliases minus those another role also answers to.

    "DA" guessed for "Data Architect" means the data analyst as much: a name two roles share
    would make a question ambiguous, so the guess goes; a name the author chose stays.
    """
    chosen = list(guides)
    owners: dict[str, set[str]] = {}
    for guide in chosen:
        names = [guide.role.replace("-", " "), guide.title, *guide.aliases, *guide.guessed]
        for name in names:
            owners.setdefault(_key(name), set()).add(guide.role)
    return {
        g.role: tuple(a for a in g.guessed if owners.get(_key(a), set()) <= {g.role})
        for g in chosen
    }


def _key(name: str) -> str:
    """Short abbreviations compare case-sensitively, as ``bot.core.roles`` matches them."""
    compact = name.replace(" ", "")
    return name if name.isupper() and len(compact) <= 5 else " ".join(name.lower().split())
