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


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        # s12-lang: the new languages, and scripts without spaces cut by the glossary's
        # own words ("数据|分析师"), a Hangul noun with its particle ("분석가는").
        ("Quant guanya un analista de dades?", "ca", "data-analyst"),
        ("Aké zručnosti potrebuje dátový vedec?", "sk", "data-scientist"),
        ("Kakšno izobrazbo potrebuje podatkovni inženir?", "sl", "data-engineer"),
        ("Što radi inženjer strojnog učenja?", "hr", "machine-learning-engineer"),
        ("Које вештине треба научнику за податке?", "sr", "data-scientist"),
        ("Колко печели един инженер по данни?", "bg", "data-engineer"),
        ("Ποια εργαλεία χρησιμοποιεί ένας αναλυτής δεδομένων;", "el", "data-analyst"),
        ("Kui palju teenib andmeinsener?", "et", "data-engineer"),
        ("Kādas prasmes vajag datu analītiķim?", "lv", "data-analyst"),
        ("Kokio išsilavinimo reikia duomenų mokslininkui?", "lt", "data-scientist"),
        ("Cé mhéad a thuilleann innealtóir sonraí?", "ga", "data-engineer"),
        ("Çfarë bën një analist i të dhënave?", "sq", "data-analyst"),
        ("Hvað eru laun gagnavísindamanns há?", "is", "data-scientist"),
        ("كم راتب محلل البيانات؟", "ar", "data-analyst"),
        ("مهندس داده از چه ابزارهایی استفاده می‌کند؟", "fa", "data-engineer"),
        ("איזו השכלה צריך מדען נתונים?", "he", "data-scientist"),
        ("डेटा विश्लेषक की सैलरी कितनी होती है?", "hi", "data-analyst"),
        ("数据分析师的工资是多少？", "zh", "data-analyst"),
        ("怎么成为机器学习工程师？", "zh", "machine-learning-engineer"),
        ("データエンジニアの年収はどのくらいですか？", "ja", "data-engineer"),
        ("데이터 분석가는 어떤 도구를 사용하나요?", "ko", "data-analyst"),
        ("นักวิทยาศาสตร์ข้อมูลได้เงินเดือนเท่าไหร่", "th", "data-scientist"),
        ("Kỹ sư dữ liệu cần những kỹ năng gì?", "vi", "data-engineer"),
        ("Seperti apa hari kerja seorang ilmuwan data?", "id", "data-scientist"),
        ("인공지능 엔지니어 면접은 어떻게 준비하나요?", "ko", "ai-engineer"),
    ],
)
def test_a_role_said_in_a_new_language_is_read_as_its_english_name(
    text: str, code: str, role: str
) -> None:
    catalog = bundled_catalog()
    assert [n.role for n in foreign_names(text, code, catalog)] == [role]
    assert catalog.resolve(in_english(text, code, catalog)) == [role]
