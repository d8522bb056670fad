"""Other languages: lingua's detection (model in the wheel, offline) and careerbot's lines."""

from __future__ import annotations

import pytest
import yaml

from bot import evaluate
from bot.evaluate import load_evalset
from bot.understand.acts import foreign_act, load_foreign
from bot.understand.language import (
    _topics,
    answers_line,
    english_only_line,
    folded,
    language_of,
    languages,
    likeliest,
    load_languages,
    topic_in,
)


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
    # Both lines of every language, read by the answerer's detector and by the grader's
    # (which also knows the neighbours: Slovak, Nynorsk, Catalan, ...).
    for code, lines in languages().items():
        for line in (lines.covers, lines.answers):
            assert language_of(line) == code, (code, line)
            assert evaluate.language_of(line) == code, (code, line)
        assert english_only_line(code) == lines.covers and answers_line(code) == lines.answers
    assert english_only_line("xx") == "" and answers_line("xx") == ""


def test_the_languages_asked_for_are_all_covered() -> None:
    wanted = {"es", "de", "fr", "pt", "it", "nl", "pl", "sv", "da", "nb", "fi", "tr", "cs"}
    assert wanted | {"ro", "hu"} <= set(languages())


def test_every_language_has_its_topics_and_acts() -> None:
    assert set(_topics()) == set(languages()) == set(load_foreign())
    intents = {"salary", "tools", "skills", "education", "getting_started", "outlook"}
    intents |= {"interview", "what_they_do", "typical_day", "work_environment", "career_path"}
    intents |= {"certifications"}
    for code, topics in _topics().items():
        assert {intent for intent, _ in topics} == intents, code


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"xx": {"lingua": "KLINGON", "covers": "a", "answers": "b"}}, "no language"),
        ({"de": {"lingua": "DUTCH", "covers": "a", "answers": "b"}}, "differs"),
        ({"nl": {"lingua": "DUTCH", "covers": "a"}}, "both lines"),
        ({}, "no languages"),
    ],
)
def test_a_mistake_in_the_languages_file_is_refused(entry: dict, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        load_languages(yaml.safe_dump({"version": 1, "languages": entry}))


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


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Languages the answerer had no line for before session 11.
        ("Mitä työkaluja tässä työssä käytetään?", "fi"),
        ("Kolik se v této práci vydělává?", "cs"),
        ("Ce competențe sunt necesare pentru acest post?", "ro"),
        ("Mennyit lehet keresni ebben a szakmában?", "hu"),
        ("Hva slags utdanning trenger man for denne jobben?", "nb"),
        ("Hvilke værktøjer bruger man i det her job?", "da"),
        ("Bu işte hangi araçlar kullanılır?", "tr"),
        ("Какие навыки нужны для этой работы?", "ru"),
    ],
)
def test_the_new_languages_are_recognised(text: str, code: str) -> None:
    assert language_of(text) == code


@pytest.mark.parametrize(
    ("text", "code", "intent"),
    [
        ("Jaki jest zakres obowiązków na tym stanowisku?", "pl", "what_they_do"),
        ("Hur ser lönen ut för en?", "sv", "salary"),
        ("Hvordan forbereder jeg mig til en jobsamtale som?", "da", "interview"),
        ("Kan man jobbe hjemmefra som?", "nb", "work_environment"),
        ("Millaista koulutusta tarvitaan?", "fi", "education"),
        ("Gelecekte bu mesleğe talep olacak mı?", "tr", "outlook"),
        ("Jak se připravit na pohovor?", "cs", "interview"),
        ("Cum arată o zi obișnuită pentru un?", "ro", "typical_day"),
        ("Milyen karrierlehetőségek vannak?", "hu", "career_path"),
        # Folded: the accent typed or not, an inflected form of the stem.
        ("Quanto e o salario de um?", "pt", "salary"),
        ("Hangi araclari kullanir?", "tr", "tools"),
    ],
)
def test_the_topic_of_a_question_in_the_new_languages(text: str, code: str, intent: str) -> None:
    assert topic_in(text, code) == intent


def test_folding_drops_accents_and_turkish_dots() -> None:
    assert folded("Maaşı İstanbul'da ÇOK") == "maasi istanbul'da cok"
    assert folded("łódź") == "lodz"


@pytest.mark.parametrize("text", ["helsinki market", "salary helsinki", "oslo market"])
def test_a_place_name_does_not_make_a_short_english_question_foreign(text: str) -> None:
    assert language_of(text) == ""


@pytest.mark.parametrize(
    ("text", "code", "intent"),
    [
        # Certifications and stress were no topic in any language before.
        ("Welche Zertifikate lohnen sich für einen?", "de", "certifications"),
        ("Jakie certyfikaty warto zdobyć?", "pl", "certifications"),
        ("Hangi sertifikalar işe yarar?", "tr", "certifications"),
        ("¿Es un trabajo con mucho estrés?", "es", "work_environment"),
        ("Onko työ stressaavaa?", "fi", "work_environment"),
    ],
)
def test_certifications_and_stress_are_topics_too(text: str, code: str, intent: str) -> None:
    assert topic_in(text, code) == intent


@pytest.mark.parametrize(
    ("text", "code", "intent"),
    [
        # What the person says before asking is not the question's topic.
        ("Ich habe Mathe studiert, welche Tools sollte ich lernen?", "de", "tools"),
        ("J'ai fait des études de lettres, combien gagne-t-on ?", "fr", "salary"),
        # A question whose asking clause has no topic word is read whole.
        ("Wie fange ich an, wenn ich keine Erfahrung habe?", "de", "getting_started"),
    ],
)
def test_the_asking_clause_gives_the_topic(text: str, code: str, intent: str) -> None:
    assert topic_in(text, code) == intent


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("En het salaris?", {"nl"}),
        # "plat" is pay in Czech and in Slovak alike: either line reads right.
        ("A plat?", {"cs", "sk"}),
        ("Ce instrumente?", {"ro"}),
    ],
)
def test_a_fragment_lingua_cannot_place_is_read_by_its_topic_words(
    text: str, codes: set[str]
) -> None:
    assert language_of(text) in codes


# ---- s12-lang: the languages of Europe and the world's largest, neighbours told apart ----


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Languages careerbot had no line for before session 12: each of these got no line
        # in its language (language_of was "").
        ("Quines competències necessita una persona en aquesta feina?", "ca"),
        ("Koľko sa zarába v tejto profesii?", "sk"),
        ("Kakšna je plača v tem poklicu?", "sl"),
        ("Kolika je plaća u ovom zanimanju?", "hr"),
        ("Koje vještine su potrebne za taj posao, šta mislite?", "bs"),
        ("Колико се зарађује у овом послу?", "sr"),
        ("Колко се печели в тази професия?", "bg"),
        ("Колку се заработува во оваа професија?", "mk"),
        ("Πόσα βγάζει κανείς σε αυτή τη δουλειά;", "el"),
        ("Kui palju selles ametis teenitakse?", "et"),
        ("Cik šajā profesijā var nopelnīt?", "lv"),
        ("Kiek uždirbama šioje profesijoje?", "lt"),
        ("Cé mhéad airgid a thuilltear sa phost seo?", "ga"),
        ("Sa fitohet në këtë profesion?", "sq"),
        ("Hvað eru launin í þessu starfi?", "is"),
        ("Kor mykje tener ein i dette yrket?", "nn"),
        ("كم يكسب الشخص في هذه المهنة؟", "ar"),
        ("در این شغل چقدر درآمد دارد؟", "fa"),
        ("اس پیشے میں کتنی تنخواہ ملتی ہے؟", "ur"),
        ("כמה מרוויחים במקצוע הזה?", "he"),
        ("इस पेशे में कितनी कमाई होती है?", "hi"),
        ("এই পেশায় কত টাকা আয় হয়?", "bn"),
        ("这个职业的工资大概是多少？", "zh"),
        ("この仕事の年収はどのくらいですか？", "ja"),
        ("이 직업의 연봉은 얼마인가요?", "ko"),
        ("อาชีพนี้ได้เงินเดือนเท่าไหร่", "th"),
        ("Nghề này có mức lương bao nhiêu?", "vi"),
        ("Berapa gaji untuk pekerjaan ini?", "id"),
    ],
)
def test_the_languages_of_europe_and_the_world_are_recognised(text: str, code: str) -> None:
    assert language_of(text) == code
    assert english_only_line(code) and answers_line(code)


def test_every_official_eu_language_lingua_knows_is_covered() -> None:
    # The 24 official EU languages but Maltese (lingua has no model for it), and the
    # other languages of Europe and the world's largest ones that lingua detects.
    eu = {"bg", "hr", "cs", "da", "nl", "et", "fi", "fr", "de", "el", "hu", "ga", "it"}
    eu |= {"lv", "lt", "pl", "pt", "ro", "sk", "sl", "es", "sv"}
    europe = {"nb", "nn", "uk", "ru", "sr", "bs", "sq", "is", "ca", "mk", "tr"}
    world = {"ar", "zh", "ja", "ko", "hi", "bn", "ur", "id", "vi", "fa", "he", "th"}
    assert eu | europe | world <= set(languages())


@pytest.mark.parametrize(
    ("text", "code", "intent"),
    [
        # Scripts without spaces (no word boundary to start a stem at) and scripts whose
        # words take their article as a prefix ("الراتب").
        ("数据分析师一般用什么工具？", "zh", "tools"),
        ("未経験からなるにはどうすればいいですか？", "ja", "getting_started"),
        ("ทำงานที่บ้านได้ไหม", "th", "work_environment"),
        ("ما هو الراتب المتوقع؟", "ar", "salary"),
        ("מה לגבי שעות עבודה?", "he", "work_environment"),
        ("면접은 어떻게 준비해요?", "ko", "interview"),
        ("डेटा साइंटिस्ट बनने के लिए कौन सी डिग्री चाहिए?", "hi", "education"),
        ("Πώς είναι η εξέλιξη στην καριέρα;", "el", "career_path"),
        ("Kakšne so možnosti napredovanja?", "sl", "career_path"),
        ("Jaké jsou vyhlídky do budoucna?", "cs", "outlook"),
        ("Ako sa pripraviť na pohovor?", "sk", "interview"),
        ("Bagaimana prospek kerja di masa depan?", "id", "outlook"),
    ],
)
def test_the_topic_of_a_question_in_a_script_without_spaces_or_prefixes(
    text: str, code: str, intent: str
) -> None:
    assert topic_in(text, code) == intent


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # lingua's first choice is a neighbour (Bosnian 0.29 for the Slovak, Slovene 0.32
        # for the Czech): the question's own topic word, which the neighbour does not use,
        # decides.
        ("A zručnosti?", "sk"),
        ("A dovednosti?", "cs"),
        ("Hvad er lønnen?", "da"),
        ("Hva med lønnen?", "nb"),
        ("A plaća?", "hr"),
        ("Quines eines?", "ca"),
        ("¿Y el sueldo?", "es"),
        # Nynorsk to lingua (0.42, Bokmål 0.29): "tjener" is Bokmål's and Danish's word,
        # not Nynorsk's ("tener"), and Bokmål is the likelier of the two that use it.
        ("Hvor mye tjener en maskinlæringsingeniør?", "nb"),
    ],
)
def test_a_neighbour_lingua_rates_close_does_not_take_the_line(text: str, code: str) -> None:
    assert language_of(text) == code


def test_folding_keeps_the_marks_other_scripts_spell_with() -> None:
    # A virama, a tone mark or a dakuten is part of the word; Latin accents are not.
    assert folded("विश्लेषक") == "विश्लेषक" and folded("データ") == "データ"
    assert folded("Lương") == "luong" and folded("Επιστήμονας") == "επιστημονας"
    assert all(len(folded(ch)) == 1 for ch in "デ데йé")


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("谢谢你的帮助", "thanks"),
        ("ありがとうございます！", "thanks"),
        ("مرحبا", "greeting"),
        ("Ďakujem pekne!", "thanks"),
        ("Γεια σας!", "greeting"),
        ("Dia duit", "greeting"),
        ("Faleminderit shumë", "thanks"),
        ("Terima kasih banyak!", "thanks"),
        ("你能做什么？", "capabilities"),
        ("Kaj lahko narediš?", "capabilities"),
    ],
)
def test_acts_in_the_new_languages(text: str, act: str) -> None:
    found = foreign_act(text)
    assert found is not None and found.act == act, text
