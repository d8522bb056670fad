"""Role names said in another language, read as the catalog's English names."""

from __future__ import annotations

import pytest
import yaml

from bot.core.roles import Role, RoleCatalog
from bot.understand.foreign_roles import foreign_names, in_english, load_glossary
from bot.understand.language import languages
from tests.guides import bundled_catalog


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        # Word order turned round ("analyst of data"), inflections, compounds, hyphens.
        ("¿Qué formación pide un científico de datos?", "es", "data-scientist"),
        ("Quanto ganha uma analista de dados?", "pt", "data-analyst"),
        ("Que fait un ingénieur en apprentissage automatique ?", "fr", "machine-learning-engineer"),
        ("Cosa studia un ingegnere dei dati?", "it", "data-engineer"),
        ("Was verdient ein Datenanalytiker?", "de", "data-analyst"),
        ("Wie wird man KI-Ingenieurin?", "de", "ai-engineer"),
        ("Wat doet een data-analist?", "nl", "data-analyst"),
        ("Czym zajmuje się analityk danych?", "pl", "data-analyst"),
        ("Vad gör en dataingenjör?", "sv", "data-engineer"),
        ("Hvad laver en dataingeniør?", "da", "data-engineer"),
        ("Hva gjør en KI-ingeniør?", "nb", "ai-engineer"),
        ("Mitä koneoppimisinsinööri tekee?", "fi", "machine-learning-engineer"),
        ("Veri bilimcisi ne yapar?", "tr", "data-scientist"),
        ("Co dělá datový inženýr?", "cs", "data-engineer"),
        ("Ce face un analist de date?", "ro", "data-analyst"),
        ("Mit csinál egy adatmérnök?", "hu", "data-engineer"),
        ("Что делает инженер данных?", "ru", "data-engineer"),
        # The field for the role, as in English ("data science").
        ("Como entro en ciencia de datos?", "es", "data-scientist"),
    ],
)
def test_a_role_said_in_another_language_is_read_as_its_english_name(
    text: str, code: str, role: str
) -> None:
    catalog = bundled_catalog()
    assert [n.role for n in foreign_names(text, code, catalog)] == [role]
    assert catalog.resolve(in_english(text, code, catalog)) == [role]


def test_a_cognate_reads_a_role_a_user_added() -> None:
    # No glossary entry has "actuary": the catalog's own name word, matched fuzzily.
    catalog = RoleCatalog.from_roles(
        [*bundled_catalog().roles.values(), Role("actuary", "Actuary")]
    )
    assert in_english("¿Cuánto gana un actuario?", "es", catalog) == "¿Cuánto gana un Actuary?"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("¿Qué trabajo puedo hacer con datos?", "es"),  # data, but no role
        ("Welche Daten braucht man?", "de"),
        ("Ile zarabia inżynier?", "pl"),  # an engineer, of no field the catalog has
    ],
)
def test_words_that_name_no_role_are_left_as_they_were(text: str, code: str) -> None:
    assert in_english(text, code, bundled_catalog()) == text


def test_the_glossary_covers_every_language_and_refuses_an_empty_entry() -> None:
    table = load_glossary()
    assert set(languages()) <= set(table.stems)
    with pytest.raises(ValueError, match="no words"):
        load_glossary(yaml.safe_dump({"languages": {"es": {"data": []}}}))
