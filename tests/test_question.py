import pytest

from bot.core.messages import normalize_history
from bot.understand.question import prepare_question


@pytest.mark.parametrize("raw", ["", "   ", "\n\t"])
def test_empty_question_is_a_clear_error(raw: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        prepare_question(raw, 100)


def test_long_question_is_cut_with_a_notice() -> None:
    question = prepare_question("word " * 500, 100)
    assert len(question.text) <= 100
    assert question.notices and "2,499 characters" in question.notices[0]


def test_normal_question_passes_through() -> None:
    question = prepare_question("  What  does a   DE do? ", 100)
    assert question.text == "What does a DE do?"
    assert question.notices == []


def test_history_formats() -> None:
    gradio = [
        {"role": "user", "content": [{"type": "text", "text": "hi"}]},
        {"role": "assistant", "content": "hello"},
        {"role": "system", "content": "ignored"},
    ]
    assert normalize_history(gradio) == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
    ]
    assert normalize_history([["q", "a"]]) == [
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": "a"},
    ]
    assert normalize_history(None) == []


def test_overlong_message_keeps_its_question_at_the_end() -> None:
    pasted = "Here is the job ad. " * 300 + "Which role is this ad for?"
    question = prepare_question(pasted, 1000)
    assert len(question.text) <= 1000
    assert question.text.startswith("Here is the job ad.")
    assert question.text.endswith("Which role is this ad for?")
    assert "the middle was left out" in question.notices[0]


@pytest.mark.parametrize("raw", ["data \udcff engineer", "\ud800", b"data engineer"])
def test_invalid_text_is_one_clear_error(raw: object) -> None:
    from bot.core.errors import BadInputError, CareerbotError, InvalidTextError

    with pytest.raises(InvalidTextError) as caught:
        prepare_question(raw, 1000)  # type: ignore[arg-type]
    assert isinstance(caught.value, CareerbotError) and isinstance(caught.value, BadInputError)
    assert "question" in str(caught.value) and "\n" not in str(caught.value)


def test_control_and_bidi_characters_become_spaces() -> None:
    text = prepare_question("data\x00engineer \u202eskills\x1b[31m now", 1000).text
    assert text == "data engineer skills [31m now"


def test_typographic_apostrophes_become_plain_ones() -> None:
    # Every contraction rule reads "'": a phone's "don’t like" was read as a like.
    assert prepare_question("I don’t like coding, it‘s dull", 100).text == (
        "I don't like coding, it's dull"
    )
