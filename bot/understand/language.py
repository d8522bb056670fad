"""Other languages: which language a question is in, and the line careerbot says in it.

The guides and the embedding model are English, so careerbot answers in English. A question
in another language gets, in that language, a line saying so, with the roles careerbot
covers; when the question names a role careerbot can read ("¿Cuánto gana un data
scientist?"), the English answer follows that line.

Detection is lingua's (lingua-language-detector): its n-gram models ship inside the wheel,
so it works offline, and it is built for short text, which questions are. Only languages
careerbot has a line for are considered, with English; a question is foreign only when
lingua is confident it is not English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

from bot.understand.acts import spelt_out

# careerbot's line in each language it recognises: "careerbot answers in English; these
# are the roles it covers." Kept on a line of its own (the role names that follow are
# English and would blur the language of the line).
LINES: dict[str, str] = {
    "es": "careerbot responde solo en inglés; estos son los puestos sobre los que puede ayudarte.",
    "de": "careerbot antwortet nur auf Englisch; das sind die Berufe, bei denen es helfen kann.",
    "fr": "careerbot ne répond qu'en anglais ; voici les métiers sur lesquels il peut vous aider.",
    "it": "careerbot risponde solo in inglese; questi sono i ruoli su cui può aiutarti.",
    "pt": "O careerbot responde apenas em inglês; estas são as funções em que ele pode ajudar.",
    "nl": "careerbot antwoordt alleen in het Engels; dit zijn de beroepen waarbij het kan helpen.",
    "pl": "careerbot odpowiada tylko po angielsku; oto zawody, w których może pomóc.",
    "sv": "careerbot svarar bara på engelska; det här är yrkena den kan hjälpa dig med.",
    "da": "careerbot svarer kun på engelsk; det er de job, den kan hjælpe dig med.",
    "tr": "careerbot yalnızca İngilizce yanıt verir; yardımcı olabileceği meslekler şunlardır.",
}
_NAMES = {
    "es": "SPANISH",
    "de": "GERMAN",
    "fr": "FRENCH",
    "it": "ITALIAN",
    "pt": "PORTUGUESE",
    "nl": "DUTCH",
    "pl": "POLISH",
    "sv": "SWEDISH",
    "da": "DANISH",
    "tr": "TURKISH",
}
# lingua's confidence values sum to 1 over the languages considered. A question is foreign
# when one other language stands out (MIN_CONFIDENCE) and is well ahead of English
# (EN_RATIO times its value). The bar used to be an absolute one (English at most 0.1), which
# turned down short foreign questions whose few words English shares letters with; a ratio
# keeps them, while a short English question ("is it harder than?", lingua: Dutch 0.24,
# English 0.16) stays English. Fewer than MIN_WORDS words are too few to judge (acts in other
# languages are matched as set phrases, ``acts.foreign_act``). Set on the development
# questions, none of which may come out foreign (tests/test_language.py).
MIN_CONFIDENCE = 0.3
EN_RATIO = 3.0
MIN_WORDS = 2
_WORDS = re.compile(r"[^\W\d_]+")


@functools.cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.ENGLISH, *(getattr(Language, name) for name in _NAMES.values())]
    return LanguageDetectorBuilder.from_languages(*languages).build()


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
    if len(_WORDS.findall(text)) < MIN_WORDS:
        return ""
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return ""
    english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code == "en" or code not in LINES or top.value < MIN_CONFIDENCE:
        return ""
    return code if top.value >= EN_RATIO * english else ""


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
    return LINES.get(code, "")


@functools.cache
def _topics() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    raw = resources.files("bot.understand").joinpath("intents_foreign.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for code, topics in data["languages"].items():
        out[str(code)] = [
            (
                str(intent),
                re.compile(
                    r"\b(?:" + "|".join(re.escape(str(s).strip()) for s in stems) + ")",
                    re.IGNORECASE,
                ),
            )
            for intent, stems in topics.items()
        ]
    return out


def topic_in(text: str, code: str) -> str:
    """The intent id a question in language ``code`` asks for, by its topic words ("" when
    none is found): the earliest-mentioned topic wins."""
    found = [
        (match.start(), intent)
        for intent, pattern in _topics().get(code, [])
        if (match := pattern.search(text))
    ]
    return min(found)[1] if found else ""
