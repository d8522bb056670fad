"""Other languages: lingua's detection (model in the wheel, offline) and careerbot's line."""

from __future__ import annotations

import pytest

from bot.evaluate import load_evalset
from bot.understand.acts import foreign_act
from bot.understand.language import LINES, english_only_line, language_of, likeliest, topic_in


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
    # Acts in another language ("vielen Dank!") are read as set phrases first.
    english = [
        i for i in load_evalset() if i.category != "language" and foreign_act(i.question) is None
    ]
    assert [i.question for i in english if language_of(i.question)] == []


def test_too_short_to_judge() -> None:
    assert language_of("salario?") == ""


def test_every_line_is_in_its_own_language() -> None:
    for code, line in LINES.items():
        assert language_of(line) == code, code
        assert english_only_line(code) == line
    assert english_only_line("xx") == ""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Short questions whose few words English shares letters with: an absolute bar on
        # English (at most 0.1) turned these down.
        ("Wat verdient een?", "nl"),
        ("Come divento?", "it"),
        ("Ile zarabia?", "pl"),
    ],
)
def test_short_foreign_questions_are_recognised(text: str, code: str) -> None:
    assert language_of(text) == code


@pytest.mark.parametrize("text", ["Is it harder than?", "and for?", "cheers mate", "ok cool"])
def test_short_english_stays_english(text: str) -> None:
    assert language_of(text) == ""


def test_a_phrase_two_languages_share_goes_to_the_likelier() -> None:
    assert likeliest("hallo zusammen", ["de", "nl"]) == "de"
    assert likeliest("x", ["sv"]) == "sv" and likeliest("x", []) == ""


@pytest.mark.parametrize(
    ("text", "code", "intent"),
    [
        ("¿Cuánto cobra un?", "es", "salary"),
        ("Wie viel verdient man als?", "de", "salary"),
        ("Quels logiciels utilise un?", "fr", "tools"),
        ("Che competenze servono per diventare?", "it", "skills"),
        ("O que faz um no dia a dia?", "pt", "what_they_do"),
        ("Hoe ziet de werkdag van een eruit?", "nl", "typical_day"),
        ("¿Qué tal el tiempo hoy?", "es", ""),
    ],
)
def test_the_topic_of_a_foreign_question(text: str, code: str, intent: str) -> None:
    assert topic_in(text, code) == intent
