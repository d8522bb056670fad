from __future__ import annotations

from bot.storage.conversations import Conversation
from bot.storage.export import conversation_markdown, export_filename


def test_markdown_has_questions_cited_answers_and_their_sources() -> None:
    answer = {
        "answer": "They build pipelines [1].",
        "sources": [
            {"title": "Data Engineer", "section": "Overview", "source": "data-engineer.md"}
        ],
    }
    chat = Conversation(
        "abc",
        "o",
        "What does a DE do?",
        0.0,
        0.0,
        [
            {"role": "user", "content": "What does a DE do?"},
            {"role": "assistant", "content": "They build pipelines [1].", "answer": answer},
        ],
    )
    text = conversation_markdown(chat)
    assert text.startswith("# What does a DE do?\n")
    assert "## You\n\nWhat does a DE do?" in text
    assert "They build pipelines [1]." in text
    assert "1. Data Engineer — Overview (`data-engineer.md`)" in text
    assert export_filename(chat) == "careerbot-what-does-a-de-do.md"
