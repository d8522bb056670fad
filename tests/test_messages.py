"""Chat messages in the OpenAI/Gradio format, as plain text."""

from bot.core.messages import normalize_history, text_of


def test_content_parts_become_text() -> None:
    assert text_of("plain") == "plain"
    assert text_of({"type": "text", "text": "part"}) == "part"
    assert text_of([{"type": "text", "text": "a"}, {"type": "file", "path": "x"}, "b"]) == "a b"
    assert text_of(None) == ""


def test_history_keeps_questions_and_answers_only() -> None:
    history = [
        {"role": "system", "content": "rules"},
        {"role": "user", "content": [{"type": "text", "text": "What does a DE do?"}]},
        {"role": "assistant", "content": "They build pipelines."},
        {"role": "user", "content": ""},
    ]
    assert normalize_history(history) == [
        {"role": "user", "content": "What does a DE do?"},
        {"role": "assistant", "content": "They build pipelines."},
    ]
    assert normalize_history([["q", "a"]]) == [
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": "a"},
    ]
