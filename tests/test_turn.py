"""The turn carries its notices and passages into the answer."""

from bot.core.results import Answer, Passage
from bot.understand.turn import Turn
from tests.guides import bundled_catalog


def test_noted_puts_the_question_notices_first_and_keeps_the_passages() -> None:
    passage = Passage("p", "text", "data-engineer", "Data Engineer", "s", "Tools", "de.md", 0, 0.5)
    turn = Turn("q", [], bundled_catalog(), notices=["cut"], passages=[passage])
    answer = turn.noted(Answer("a", notices=["offline"]))
    assert answer.notices == ["cut", "offline"]
    assert answer.passages == [passage]
