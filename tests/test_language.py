"""Other languages: lingua's detection (model in the wheel, offline) and careerbot's line."""

from __future__ import annotations

import pytest

from bot.evaluate import load_evalset
from bot.understand.language import LINES, english_only_line, language_of


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("¿Cuáles son las herramientas más importantes para este trabajo?", "es"),
        ("Welche Fähigkeiten braucht man für diesen Beruf?", "de"),
        ("Est-ce que ce métier se fait souvent en télétravail ?", "fr"),
        ("Quanto si guadagna in questo lavoro?", "it"),
        ("Quais ferramentas são usadas nesse trabalho?", "pt"),
    ],
)
def test_other_languages_are_recognised(text: str, code: str) -> None:
    assert language_of(text) == code


def test_no_development_question_is_taken_for_another_language() -> None:
    # Typos ("how do i becom a data analist") and short follow-ups stay English; the
    # questions asked in another language on purpose (category "language") are not English.
    english = [i for i in load_evalset() if i.category != "language"]
    assert [i.question for i in english if language_of(i.question)] == []


def test_too_short_to_judge() -> None:
    assert language_of("salario?") == ""


def test_every_line_is_in_its_own_language() -> None:
    for code, line in LINES.items():
        assert language_of(line) == code, code
        assert english_only_line(code) == line
    assert english_only_line("xx") == ""
