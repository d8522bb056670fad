"""The core behaviours through the public API, on real Chroma with the real model."""

import re
from pathlib import Path

import pytest

from bot import Answer, Chatbot, Settings
from bot.core.errors import NoIndexError


def citations(answer: Answer) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]


def test_answer_is_cited_and_names_the_role(chatbot: Chatbot) -> None:
    answer = chatbot.ask("What does a data engineer do?")
    assert answer.route == "answer" and answer.mode == "offline"
    assert "data engineer" in answer.text.lower()
    assert answer.sources and answer.sources[0].role == "data-engineer"
    assert set(citations(answer)) == set(range(1, len(answer.sources) + 1))
    first = answer.sources[0]
    assert first.title == "Data Engineer"
    assert first.section.startswith("Data Engineer")
    assert first.source == "data-engineer.md"
    assert 0 < first.score <= 1


def test_follow_up_stays_on_the_role_from_history(chatbot: Chatbot) -> None:
    first = chatbot.ask("What does a data engineer do?")
    history = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": first.text},
    ]
    follow_up = chatbot.ask("What tools do they use?", history=history)
    assert follow_up.roles == ["data-engineer"]
    assert {s.role for s in follow_up.sources} == {"data-engineer"}
    assert re.search("Airflow|Spark|Kafka|Terraform", follow_up.text)


def test_history_decides_who_they_are(chatbot: Chatbot) -> None:
    with_history = chatbot.ask(
        "What tools do they use?",
        history=[{"role": "user", "content": "Tell me about data analysts"}],
    )
    assert with_history.roles == ["data-analyst"]
    assert "Tableau" in with_history.text or "Looker" in with_history.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How do I bake sourdough bread?",
        "Who won the football match last night?",
    ],
)
def test_off_topic_question_is_refused_without_sources(chatbot: Chatbot, question: str) -> None:
    answer = chatbot.ask(question)
    assert answer.route == "not_covered"
    assert answer.sources == []
    assert "don't cover" in answer.text
    assert "Data Engineer" in answer.text  # says what the guides do cover


def test_empty_question_is_a_value_error(chatbot: Chatbot) -> None:
    with pytest.raises(ValueError, match="empty"):
        chatbot.ask("   ")


def test_huge_question_is_cut_with_a_notice(chatbot: Chatbot) -> None:
    answer = chatbot.ask("What does a data analyst do? " + "please " * 5000)
    assert answer.notices and "the middle was left out" in answer.notices[0]
    assert answer.sources and answer.sources[0].role == "data-analyst"


def test_no_index_yet_is_a_clear_error(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(NoIndexError, match="No index"):
        Chatbot(Settings(data_dir=tmp_path)).ask("What does a data engineer do?")  # type: ignore[arg-type]


def test_to_dict_matches_the_json_contract(chatbot: Chatbot) -> None:
    data = chatbot.ask("What skills does a data scientist need?").to_dict()
    assert set(data) >= {"answer", "sources", "mode"}
    assert set(data["sources"][0]) >= {"role", "title", "section", "source", "score"}


def test_stream_grows_and_ends_with_the_full_answer(chatbot: Chatbot) -> None:
    question = "What do data engineers and data analysts do?"
    parts = list(chatbot.stream(question))
    final = chatbot.ask(question)
    assert parts[-1] == final
    assert len(parts) >= 2  # one paragraph per role, released one at a time
    assert all(final.text.startswith(p.text) for p in parts)
    assert all(p.sources == [] for p in parts[:-1])


def test_load_opens_the_store_without_embedding_anything_counted(
    indexed_settings: Settings,
) -> None:
    bot = Chatbot(indexed_settings)
    bot.load()
    assert bot.index.opened
    assert bot.embeddings.texts_embedded == 0


def test_load_without_an_index_is_the_usual_user_error(tmp_path: Path) -> None:
    bot = Chatbot(Settings(data_dir=tmp_path / "none", corpus_dir=tmp_path))  # type: ignore[call-arg]
    with pytest.raises(NoIndexError):
        bot.load()
