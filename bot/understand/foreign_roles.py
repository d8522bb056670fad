"""Role names said in another language, read as the English names the catalog knows.

"¿Qué hace un analista de datos?", "Was verdient ein Datenanalyst?", "Veri mühendisleri ne
yapar?": the guides and the catalog name roles in English, so a role said in the asker's
language is read word by word into English ("data analyst") and looked up among the roles'
own names and aliases, in whichever order the English name puts its words. The words are
data (``roles_foreign.yaml``): stems, so inflected forms and compounds match; a word no
entry has is compared with the catalog's own name words (rapidfuzz), which reads cognates
("actuario" for a user's Actuary guide). A phrase that reads as no role is left as it was.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import yaml
from rapidfuzz import fuzz, process

from bot.core.roles import RoleCatalog
from bot.understand.language import WORD, clitic, folded, unspaced

# A stem this short matches a whole word only ("ia", "ki", "dat"): as a prefix it would
# match half a language's words.
WHOLE_WORD_BELOW = 4
# Letters an inflection may add after a stem ("ingenier|a", "mühendis|leri", "datov|ého");
# more than this and the rest must itself be a stem (a compound: "data|analytiker").
MAX_ENDING = 5
# Letters that join the parts of a compound ("maskinlærings|ingeniør").
_LINKS = ("", "s", "-", "e", "i", "o")
# A cognate of a catalog name word ("analista" for "analyst", "actuario" for "actuary"):
# rapidfuzz ratio at least this, for words of at least COGNATE_LETTERS letters.
COGNATE_SIMILARITY = 80
COGNATE_LETTERS = 6
# The most words one role name has (permutations are tried, so it stays small).
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class Glossary:
    joins: frozenset[str]
    # code -> [(stem words, English word)], longest first
    stems: dict[str, list[tuple[tuple[str, ...], str]]]


@dataclass(frozen=True)
class ForeignName:
    """A role said in another language: where, and which role it reads as."""

    start: int
    end: int
    said: str
    role: str


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str  # folded


def load_glossary(raw: str | None = None) -> Glossary:
    if raw is None:
        raw = resources.files("bot.understand").joinpath("roles_foreign.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    english = _entries(data.get("english") or {})
    stems = {
        str(code): sorted(
            [*_entries(words or {}), *english], key=lambda s: (-len(" ".join(s[0])), s[0])
        )
        for code, words in (data.get("languages") or {}).items()
    }
    stems[""] = sorted(english, key=lambda s: -len(" ".join(s[0])))
    return Glossary(frozenset(folded(str(j)) for j in data.get("joins") or ()), stems)


def _entries(words: dict[str, list[str]]) -> list[tuple[tuple[str, ...], str]]:
    out = []
    for english, stems in words.items():
        if not stems:
            raise ValueError(f"roles_foreign.yaml: {english}: no words")
        out += [(tuple(folded(str(s)).split()), str(english)) for s in stems]
    return out


@functools.cache
def glossary() -> Glossary:
    return load_glossary()


def _tokens(text: str, stems: Sequence[tuple[tuple[str, ...], str]] = ()) -> list[_Token]:
    # Folded a character at a time, so a token's offsets are the original text's.
    plain = "".join(f if len(f := folded(ch)) == 1 else ch.lower() for ch in text)
    out: list[_Token] = []
    for m in WORD.finditer(plain):
        if any(unspaced(ch) for ch in m.group(0)):
            out += _unspaced_tokens(m.group(0), m.start(), stems)
        else:
            out.append(_Token(m.start(), m.end(), m.group(0)))
    return out


def _unspaced_tokens(
    run: str, offset: int, stems: Sequence[tuple[tuple[str, ...], str]]
) -> list[_Token]:
    """A run of Chinese, Japanese or Thai cut into words by the glossary's own words,
    longest first ("数据分析师" -> "数据", "分析师"); a letter no word starts with is a word
    of its own, and a stretch of another script ("AI工程师") is one word."""
    words = sorted({w[0] for w, _ in stems if len(w) == 1}, key=len, reverse=True)
    out: list[_Token] = []
    i = 0
    while i < len(run):
        size = next((len(w) for w in words if run.startswith(w, i)), 0)
        if not size:
            size = 1
            while not unspaced(run[i]) and i + size < len(run) and not unspaced(run[i + size]):
                size += 1
        out.append(_Token(offset + i, offset + i + size, run[i : i + size]))
        i += size
    return out


def _starts(word: str, stem: str) -> bool:
    # A Hangul letter is a syllable: "분석가" is a long word, and takes its particle as an
    # ending ("분석가는").
    short = len(stem) < WHOLE_WORD_BELOW and not ("\uac00" <= stem[:1] <= "\ud7a3")
    return word == stem if short else word.startswith(stem)


def _segments(word: str, stems: Sequence[tuple[tuple[str, ...], str]]) -> list[str] | None:
    """The English words a foreign word is made of (a compound has several), or None."""
    for words, english in stems:
        if len(words) != 1 or not _starts(word, words[0]):
            continue
        rest = word[len(words[0]) :]
        # A compound first ("adat|tudós": the rest is a stem, not an ending), then an ending.
        for link in _LINKS:
            if rest.startswith(link) and (more := _segments(rest[len(link) :], stems)):
                return [english, *more]
        if len(rest) <= MAX_ENDING:
            return [english]
    return None


# Arabic and Hebrew write "as", "and", "the", "for" as letters before the word
# ("كمهندس": as an engineer, "והמהנדס": and the engineer): up to this many are tried off.
MAX_PREFIX = 3


def _after_prefix(word: str, stems: Sequence[tuple[tuple[str, ...], str]]) -> list[str] | None:
    if not word or not clitic(word[0]):
        return None
    for cut in range(1, min(MAX_PREFIX, len(word) - 2) + 1):
        if found := _segments(word[cut:], stems):
            return found
    return None


def _read(
    tokens: Sequence[_Token],
    i: int,
    stems: Sequence[tuple[tuple[str, ...], str]],
    cognates: list[str],
) -> tuple[int, list[str]]:
    """How many tokens from ``i`` read as English words, and those words (0, [] if none)."""
    for words, english in stems:
        if (
            len(words) > 1
            and i + len(words) <= len(tokens)
            and all(_starts(t.text, w) for t, w in zip(tokens[i:], words, strict=False))
        ):
            return len(words), [english]
    found = _segments(tokens[i].text, stems) or _after_prefix(tokens[i].text, stems)
    if found:
        return 1, found
    word = tokens[i].text
    if len(word) >= COGNATE_LETTERS and cognates:
        best = process.extractOne(
            word, cognates, scorer=fuzz.ratio, score_cutoff=COGNATE_SIMILARITY
        )
        if best:
            return 1, [str(best[0])]
    return 0, []


def _runs(text: str, code: str, catalog: RoleCatalog) -> list[tuple[int, int, list[str]]]:
    """Stretches of ``text`` whose words all read as English name words (a join word may
    stand between two of them), with those words in the order said."""
    table = glossary()
    stems = table.stems.get(code, table.stems[""])
    cognates = _name_words(catalog)
    tokens = _tokens(text, stems)
    runs: list[tuple[int, int, list[str]]] = []
    current: tuple[int, int, list[str]] | None = None
    i = 0
    while i < len(tokens):
        size, words = _read(tokens, i, stems, cognates)
        if size:
            end = tokens[i + size - 1].end
            if current is None:
                current = (tokens[i].start, end, words)
            else:
                current = (current[0], end, [*current[2], *words])
            i += size
            continue
        joins_next = (
            current is not None
            and tokens[i].text in table.joins
            and i + 1 < len(tokens)
            and _read(tokens, i + 1, stems, cognates)[0]
        )
        if not joins_next:
            if current is not None:
                runs.append(current)
            current = None
        i += 1
    if current is not None:
        runs.append(current)
    return runs


def _name_words(catalog: RoleCatalog) -> list[str]:
    return sorted(
        {
            w.lower()
            for role in catalog.roles.values()
            for name in role.names()
            for w in name.split()
            if len(w) >= COGNATE_LETTERS - 1 and w.isalpha()
        }
    )


def _role_for(words: Sequence[str], catalog: RoleCatalog) -> str:
    """The role one of the English names of which is ``words`` in some order ("" if none):
    the longest stretch of them that names a role wins."""
    names = {n.lower(): r.id for r in catalog.roles.values() for n in r.names()}
    for size in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            for order in itertools.permutations(part):
                role = names.get(" ".join(order).lower())
                if role:
                    return role
    return ""


def foreign_names(text: str, code: str, catalog: RoleCatalog) -> list[ForeignName]:
    """The roles ``text`` (a question in language ``code``) names in that language."""
    found = []
    for start, end, words in _runs(text, code, catalog):
        role = _role_for(words, catalog)
        if (role and len(words) > 1) or (role and not catalog.resolve(text[start:end])):
            found.append(ForeignName(start, end, text[start:end], role))
    return found


def in_english(text: str, code: str, catalog: RoleCatalog) -> str:
    """``text`` with each role it names in language ``code`` put as the role's English title
    ("¿Qué hace un analista de datos?" -> "¿Qué hace un Data Analyst?")."""
    for name in reversed(foreign_names(text, code, catalog)):
        text = text[: name.start] + catalog.title(name.role) + text[name.end :]
    return text
