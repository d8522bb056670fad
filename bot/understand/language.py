"""Other languages: which language a question is in, and the lines careerbot says in it.

The guides and the embedding model are English, so careerbot answers in English. A question
in another language gets, in that language, a line saying so: before the roles careerbot
covers when it names no role, before the English answer when it names one ("¿Cuánto gana
un data scientist?"). The languages and their lines are data (``languages.yaml``), loaded
and checked once.

Detection is lingua's (lingua-language-detector): its n-gram models ship inside the wheel,
so it works offline, and it is built for short text, which questions are. Only the
languages of ``languages.yaml`` are considered, with English; a question is foreign only
when lingua is confident it is not English.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from bot.core.roles import is_english_word
from bot.understand.acts import spelt_out


@dataclass(frozen=True)
class Lines:
    """One language careerbot recognises, and its two lines."""

    code: str  # ISO 639-1, as lingua spells it ("nb" for Norwegian Bokmål)
    lingua: str  # lingua's name of the language ("BOKMAL")
    covers: str  # "careerbot answers in English; these are the roles it covers."
    answers: str  # "careerbot answers in English, from English guides; here is what they say."


def load_languages(raw: str | None = None) -> dict[str, Lines]:
    """The languages of ``languages.yaml`` (or of ``raw``), checked: every entry names a
    language lingua knows, under that language's own code, with both lines written. A
    mistake there raises ValueError at the first question, not a wrong line later."""
    from lingua import Language

    if raw is None:
        raw = resources.files("bot.understand").joinpath("languages.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    entries = data.get("languages")
    if not isinstance(entries, dict) or not entries:
        raise ValueError("languages.yaml: no languages")
    out: dict[str, Lines] = {}
    for code, entry in entries.items():
        if not isinstance(entry, dict):
            raise ValueError(f"languages.yaml: {code}: not a mapping")
        name = str(entry.get("lingua", ""))
        language = getattr(Language, name, None)
        if language is None:
            raise ValueError(f"languages.yaml: {code}: lingua has no language {name!r}")
        if language.iso_code_639_1.name.lower() != str(code) or code == "en":
            raise ValueError(f"languages.yaml: {code}: lingua's code for {name} differs")
        covers, answers = (" ".join(str(entry.get(k) or "").split()) for k in ("covers", "answers"))
        if not covers or not answers:
            raise ValueError(f"languages.yaml: {code}: both lines are needed")
        out[str(code)] = Lines(str(code), name, covers, answers)
    return out


@functools.cache
def languages() -> dict[str, Lines]:
    return load_languages()


# lingua's confidence values sum to 1 over the languages considered (English and those of
# languages.yaml, so a short question's values spread thin: "Ile zarabia?" is Polish at
# 0.28). A question is foreign when one other language stands out (MIN_CONFIDENCE) and is
# well ahead of English (EN_RATIO times its value). The bar used to be an absolute one
# (English at most 0.1), which turned down short foreign questions whose few words English
# shares letters with; a ratio keeps them, while a short English question ("is it harder
# than?", lingua: Dutch 0.19, English 0.14) stays English. Fewer than MIN_WORDS words are
# too few to judge (acts in other languages are matched as set phrases,
# ``acts.foreign_act``). Set on the development questions, none of which may come out
# foreign (tests/test_language.py).
MIN_CONFIDENCE = 0.25
EN_RATIO = 3.0
MIN_WORDS = 2
SHORT_WORDS = 4  # up to this many words, lingua's reading is checked against English words
# Below MIN_CONFIDENCE, the languages (of lingua's UNSURE_AMONG likeliest, each at least
# UNSURE_SHARE of the likeliest's value) whose topic words the text uses decide: "A plat?"
# is Czech or Slovak by "plat". The bar is relative because the values of a fragment
# spread over every language considered: with 45 languages "Ce instrumente?" is Romanian
# at 0.077, behind Portuguese at 0.141 (an absolute floor of 0.08 fitted 17 languages).
UNSURE_AMONG = 6
UNSURE_SHARE = 0.5
_WORDS = re.compile(r"[^\W\d_]+")


@functools.cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    considered = [Language.ENGLISH, *(getattr(Language, x.lingua) for x in languages().values())]
    return LanguageDetectorBuilder.from_languages(*considered).build()


def language_of(text: str) -> str:
    """ISO 639-1 code of a question that is not English ("" for English or unsure). Pass
    the text without role names (``RoleCatalog.without_roles``): they are English words in
    any language's question. English chat shorthand ("gtg, ty") is read spelt out: its
    letters alone look like another language's words."""
    code = _detected(text)
    if code and (spelt := spelt_out(text)) != text and not _detected(spelt):
        return ""
    return code


def _detected(text: str) -> str:
    words = _words(text)
    if words < MIN_WORDS:
        return ""
    plain = _WORDS.findall(text)
    if len(plain) <= SHORT_WORDS and all(is_english_word(w) for w in plain):
        # "helsinki market", "oslo jobs": a place name tips lingua in a text this short;
        # every word an English one is English.
        return ""
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return ""
    english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code == "en" or code not in languages():
        return ""
    if top.value < MIN_CONFIDENCE:
        code = _by_topic(text, values[:UNSURE_AMONG], english)
    elif top.value < EN_RATIO * english:
        return ""
    return _among_neighbours(text, code, values) if code else ""


def _words(text: str) -> int:
    """How many words ``text`` has; in a script without spaces, a word per two letters
    (Chinese and Japanese words are mostly two characters long)."""
    count = 0
    for word in WORD.findall(text):
        letters = sum(1 for ch in word if unspaced(ch))
        count += max(1, letters // 2) if letters else 1
    return count


# Languages lingua confuses in a short question (Danish and Norwegian, Czech and Slovak,
# Croatian, Bosnian and Serbian, Spanish and Catalan, Slovak and Bosnian): another of its
# likeliest languages at least CLOSE times as likely as its choice is a rival, and the
# rival whose topic and role words the question uses most is taken; on equal evidence,
# lingua's order stands. "A dovednosti?" is Slovene to lingua (0.32) and Czech by
# "dovednost" (0.15).
CLOSE = 0.4


def _among_neighbours(text: str, code: str, values: Sequence[Any]) -> str:
    by_code = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    bar = CLOSE * by_code.get(code, 0.0)
    candidates = [code] + [
        c
        for v in values[:UNSURE_AMONG]
        if (c := v.language.iso_code_639_1.name.lower()) != code
        and c in languages()
        and v.value >= bar
    ]
    if len(candidates) < 2:
        return code
    plain = folded(text)
    # On equal evidence the language already chosen stays (lingua's first, or the one
    # whose topic word placed a fragment).
    return max(
        candidates,
        key=lambda c: (_evidence(plain, c), c == code, by_code.get(c, 0.0)),
    )


def _evidence(plain: str, code: str) -> int:
    """How many of language ``code``'s topic and role stems the folded text uses. A stem
    two rivals share counts for both and so parts them from a third that lacks it: Danish
    and Bokmål both say "tjener" (earns), Nynorsk "tener", and "Hvor mye tjener en
    maskinlæringsingeniør?" is Nynorsk to lingua (0.42 against Bokmål's 0.29). Counting
    only the stems no rival shares found none there, and lingua's order stood."""
    return sum(1 for stem in _stems().get(code, set()) if re.search(_stem_pattern(stem), plain))


@functools.cache
def _stems() -> dict[str, set[str]]:
    """Every language's topic stems and role words, folded."""
    out: dict[str, set[str]] = {}
    for name in ("intents_foreign.yaml", "roles_foreign.yaml"):
        raw = resources.files("bot.understand").joinpath(name).read_text("utf-8")
        for code, entries in ((yaml.safe_load(raw) or {}).get("languages") or {}).items():
            words = out.setdefault(str(code), set())
            for stems in (entries or {}).values():
                words.update(folded(str(s).strip()) for s in stems)
    return out


def _by_topic(text: str, values: Sequence[Any], english: float) -> str:
    """A fragment lingua cannot place ("En het salaris?": Dutch 0.18, French 0.13): the
    likeliest of its few likeliest languages in whose words it asks for a topic, when that
    language is ahead of English (the topic word is that language's evidence, so the bar
    is lower than EN_RATIO). English words never count: ``_detected`` has turned away a
    short text of English words before this."""
    top = values[0].value if values else 0.0
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        if code == "en" or value.value < UNSURE_SHARE * top or value.value <= english:
            continue
        if code in languages() and topic_in(text, code):
            return code
    return ""


def likeliest(text: str, codes: Sequence[str]) -> str:
    """Of ``codes``, the language lingua finds likeliest for ``text`` (a short act whose
    phrase several languages share: "hallo" is German and Dutch)."""
    if len(codes) < 2:
        return codes[0] if codes else ""
    values = {
        v.language.iso_code_639_1.name.lower(): v.value
        for v in _detector().compute_language_confidence_values(text)
    }
    return max(codes, key=lambda code: values.get(code, 0.0))


def english_only_line(code: str) -> str:
    """The line before the roles careerbot covers ("" for a language it has no line in)."""
    found = languages().get(code)
    return found.covers if found else ""


def answers_line(code: str) -> str:
    """The line before an English answer from the guides ("" for no such language)."""
    found = languages().get(code)
    return found.answers if found else ""


def folded(text: str) -> str:
    """Lower case without accents, with Turkish's dotless and dotted i made plain: people
    type "salario" for "salário" and "maas" for "maaş". Only the marks on Latin, Greek and
    Cyrillic letters go: in Devanagari, Bengali, Thai, Arabic or kana a mark is part of
    the spelling (a virama, a tone mark, a dakuten), and the text is recomposed so that a
    character folds to one character (``foreign_roles`` keeps offsets by that)."""
    text = text.replace("ı", "i").replace("İ", "i").replace("ł", "l").replace("Ł", "l")
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text.lower()):
        if unicodedata.combining(ch) and out and ord(out[-1]) < _ACCENTED_BELOW:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


# Latin, IPA, Greek and Cyrillic letters lie below U+0530 (Vietnamese's letters too, once
# decomposed: "ệ" is "e" and two marks).
_ACCENTED_BELOW = 0x0530


def unspaced(ch: str) -> bool:
    """A letter of a script written without spaces between words (Chinese, Japanese,
    Thai): a "word" there is not what lies between spaces."""
    code = ord(ch)
    return (
        0x0E00 <= code <= 0x0E7F  # Thai
        or 0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xF900 <= code <= 0xFAFF
    )


def clitic(ch: str) -> bool:
    """A letter of a script whose words take their article or conjunction as a prefix
    (Arabic "البيانات", Hebrew "והנתונים"): a topic stem may start inside a word."""
    code = ord(ch)
    return 0x0590 <= code <= 0x06FF or 0xFB1D <= code <= 0xFDFF


# A word: letters, with the combining marks written inside it (Devanagari's vowel signs
# and virama, Thai's vowels and tone marks, Arabic's shadda are not letters to ``\w``, so
# "डेटा" would be two "words" without them).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
    "\u0981-\u0983\u09bc-\u09d7\u09e2\u09e3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u200c\u3099\u309a"
)
WORD = re.compile(f"[^\\W\\d_](?:[^\\W\\d_]|[{_MARKS}])*")


@functools.cache
def _topics() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    raw = resources.files("bot.understand").joinpath("intents_foreign.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for code, topics in data["languages"].items():
        out[str(code)] = [
            (str(intent), re.compile("|".join(_stem_pattern(str(s)) for s in stems)))
            for intent, stems in topics.items()
        ]
    return out


def _stem_pattern(stem: str) -> str:
    """A stem matches the start of a word; in a script without spaces, or whose words take
    their article as a prefix ("الراتب"), anywhere."""
    plain = folded(stem.strip())
    anywhere = bool(plain) and (unspaced(plain[0]) or clitic(plain[0]))
    return ("" if anywhere else r"\b") + re.escape(plain)


# Where one clause of a message ends and the next begins ("ich habe Mathe studiert, welche
# tools ...?"); a clause ending in "?" is the question.
_CLAUSE = re.compile(r"(?<=[,;:.!?])\s+")


def topic_in(text: str, code: str) -> str:
    """The intent id a question in language ``code`` asks for, by its topic words ("" when
    none is found): the earliest topic of the clause that asks (ends with "?") wins, else
    the earliest of the whole message, so what the person says before asking ("I studied
    maths, which tools ...?") does not take the question's place. Stems match the start of
    a word, and both sides are folded (``folded``), so inflected and unaccented forms match
    too."""
    asking = [c for c in _CLAUSE.split(text) if c.rstrip().endswith("?")]
    for part in [*asking, text]:
        if found := _earliest_topic(folded(part), code):
            return found
    return ""


def _earliest_topic(plain: str, code: str) -> str:
    found = [
        (match.start(), intent)
        for intent, pattern in _topics().get(code, [])
        if (match := pattern.search(plain))
    ]
    return min(found)[1] if found else ""
