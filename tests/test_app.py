"""The Gradio adapter's functions (the browser tests drive the running app)."""

from bot.answer import Answer, Source
from bot.chatbot import Chatbot
from ui.app import answer_markdown, respond


def test_answer_markdown_lists_sources() -> None:
    answer = Answer(
        "Text [1]", [Source("r", "Role", "Role > Skills", "r.md", 0.5)], notices=["cut"]
    )
    md = answer_markdown(answer)
    assert md.index("cut") < md.index("Text [1]") < md.index("1. **Role** — Role > Skills")


def test_respond_turns_mistakes_into_messages(chatbot: Chatbot) -> None:
    assert "empty" in respond(chatbot, "   ", [])
    assert "Data Analyst" in respond(chatbot, "What does a data analyst do?", [])


def test_api_ask_returns_the_json_contract(chatbot: Chatbot) -> None:
    from ui.app import api_ask

    data = api_ask(chatbot, "What does a data scientist do?")
    assert data["sources"][0]["role"] == "data-scientist"
    assert "error" in api_ask(chatbot, "")
