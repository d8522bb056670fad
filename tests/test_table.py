"""The table of routes: a new kind of answer is one class and one entry, and every step
(claim, search, offline answer, the LLM's prompt, suggestions) reaches it through the table.

The toy route below is registered the way a new module would be, and is then asked through
the public ``Chatbot`` on real Chroma with the real model (and the scripted LLM server)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.chatbot import Chatbot
from bot.core.results import Answer
from bot.core.settings import Settings
from bot.routes import table
from bot.routes.evidence import Evidence
from bot.routes.protocol import BaseRoute, Brief
from bot.routes.selection import Selector, cite, cited_sentences
from bot.understand.turn import Turn
from tests.openai_stub import Reply, Stub, serve

TOY_RULE = "9. Answer as a toy would."


class ToyRoute(BaseRoute):
    """Claims questions that start with "toy:", quotes one sentence of the best passage."""

    name = "toy"

    def claims(self, turn: Turn) -> bool:
        return turn.question.startswith("toy:")

    def query(self, turn: Turn) -> str:
        return turn.question.removeprefix("toy:").strip()

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        found = evidence.passages(turn.query, [])
        if not evidence.covered(found):
            return replace(turn, route="not_covered")
        return replace(turn, passages=found[:1], found=len(found))

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        cited = cite(selector.select(turn.query, turn.passages, 1))
        text = f"Toy says: {cited_sentences(cited.picks, cited.numbers)}"
        return Answer(text, cited.sources, route=self.name, roles=[turn.passages[0].role])

    def brief(self, turn: Turn) -> Brief:
        return Brief(rules=[TOY_RULE], notes=[f"The toy search found {turn.found} passages"])

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]:
        return ["toy: and then?"]


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyRoute:
    route = ToyRoute()
    monkeypatch.setitem(table.ROUTES, route.name, route)
    return route


@pytest.fixture
def stub() -> Iterator[Stub]:
    with serve() as running:
        yield running


def test_every_built_in_route_is_in_the_table() -> None:
    assert set(table.ROUTES) == {
        "answer", "compare", "fit", "skills_gap", "clarify", "not_covered",
        "overview", "plan", "act",
    }  # fmt: skip
    assert all(name == route.name for name, route in table.ROUTES.items())


def test_a_registered_route_answers_offline(chatbot: Chatbot, toy: ToyRoute) -> None:
    answer = chatbot.ask("toy: What does a data engineer do?")
    assert answer.route == "toy" and answer.text.startswith("Toy says: ")
    assert answer.sources and answer.sources[0].role == "data-engineer" and "[1]" in answer.text
    assert answer.suggestions == ["toy: and then?"]
    pieces = list(chatbot.stream("toy: What does a data engineer do?"))
    assert pieces[-1].text == answer.text and pieces[-1].suggestions == answer.suggestions


def test_without_the_entry_the_same_question_is_answered_as_usual(chatbot: Chatbot) -> None:
    answer = chatbot.ask("toy: What does a data engineer do?")
    assert answer.route == "answer" and not answer.text.startswith("Toy says")


def test_a_registered_route_can_hand_over_to_not_covered(chatbot: Chatbot, toy: ToyRoute) -> None:
    answer = chatbot.ask("toy: How do I bake sourdough bread at home?")
    assert answer.route == "not_covered" and answer.sources == []


def test_a_registered_route_briefs_the_model_and_gets_suggestions(
    indexed_settings: Settings, stub: Stub, toy: ToyRoute
) -> None:
    changes = {"llm_base_url": stub.base_url, "llm_model": "stub-model"}
    bot = Chatbot(indexed_settings.model_copy(update=changes))
    stub.script(Reply("Toy model says pipelines [1]."))
    answer = bot.ask("toy: What does a data engineer do?")
    system, user = stub.last["messages"][0]["content"], stub.last["messages"][-1]["content"]
    assert TOY_RULE in system
    assert "The toy search found" in user
    assert answer.mode == "llm" and answer.route == "toy"
    assert answer.suggestions == ["toy: and then?"]


def test_a_route_name_missing_from_the_table_is_a_clear_error(chatbot: Chatbot) -> None:
    turn = Turn("q", [], chatbot.catalog, route="nowhere")
    with pytest.raises(table.UnknownRouteError, match="nowhere"):
        table.route_of(turn)
