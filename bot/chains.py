"""LangChain interfaces over a ``Chatbot``: a retriever and a runnable.

``ChatbotRetriever`` is the search the answers themselves use (roles understood from the
question, the section it asks about first, comparisons per aspect), as a LangChain
``BaseRetriever``: a LangChain user composes careerbot's evidence into a chain of their own.
``ChatbotRunnable`` is the whole answer as a ``Runnable`` over ``{"question", "history"}``.

Both only adapt: every step of a turn stays in ``Chatbot``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.runnables.config import run_in_executor
from pydantic import ConfigDict, Field

from bot.core.errors import BadInputError
from bot.core.results import Answer, Passage

if TYPE_CHECKING:
    from bot.understand.turn import Turn

ChatInput = Mapping[str, Any] | str


class Answerer(Protocol):
    """What these adapters need of a ``Chatbot``. Named here, and not imported from
    ``bot.chatbot``, so that the facade can hand itself to them without an import cycle."""

    def prepare(self, question: str, history: Sequence[Any] | None = None) -> Turn: ...

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer: ...

    def stream(self, question: str, history: Sequence[Any] | None = None) -> Iterator[Answer]: ...


def passage_document(passage: Passage) -> Document:
    """A retrieved passage as a Document carrying the citation fields of a ``Source``."""
    return Document(
        id=passage.id,
        page_content=passage.text,
        metadata={
            "role": passage.role,
            "title": passage.title,
            "section": passage.section,
            "source": passage.source,
            "score": passage.score,
        },
    )


class ChatbotRetriever(BaseRetriever):
    """The passages careerbot would answer ``query`` from, in the order its composers read
    them (the asked-about section first, then the best of each guide). A question the guides
    do not cover, or one that needs a question back ("which role?"), finds nothing, just as
    its answer has no sources.

    ``history`` (role/content messages) lets a follow-up ("and their salary?") search for
    the roles the conversation is about.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    bot: Any  # an Answerer (typed loosely: pydantic would otherwise inspect its whole class)
    history: list[Any] = Field(default_factory=list)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        turn = self.bot.prepare(query, self.history)
        if turn.ready is not None:
            return []
        return [passage_document(p) for p in turn.passages]


def chat_input(value: ChatInput) -> tuple[str, list[dict[str, str]]]:
    """``{"question": ..., "history": [...]}`` (or a bare question) -> question, history."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, Mapping):
        raise BadInputError('careerbot expects {"question": str, "history": [messages]}.')
    question = value.get("question")
    if not isinstance(question, str):
        raise BadInputError('careerbot expects a "question" string.')
    history = value.get("history") or []
    if not isinstance(history, Sequence) or isinstance(history, str):
        raise BadInputError('careerbot expects "history" as a list of role/content messages.')
    return question, [_message(m) for m in history]


def _message(item: Any) -> Any:
    """LangChain messages (``HumanMessage``, ``AIMessage``) as role/content dicts; the
    message formats ``Chatbot`` reads already pass through as they are."""
    from langchain_core.messages import BaseMessage, convert_to_openai_messages

    return convert_to_openai_messages(item) if isinstance(item, BaseMessage) else item


class ChatbotRunnable(Runnable[ChatInput, Answer]):
    """A careerbot answer as a LangChain ``Runnable``: ``{"question", "history"}`` (or a
    question string) in, an ``Answer`` out.

    ``stream`` yields ``Answer``s, not text deltas: each one is the answer so far (text
    only), the last one is the complete answer with its sources and suggestions. That keeps
    the output type one type, and a step after this one in a chain (which, unable to add
    two ``Answer``s, works on the last chunk it is given) receives the complete answer.
    """

    def __init__(self, bot: Answerer) -> None:
        self.bot = bot

    def invoke(
        self, input: ChatInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer:
        return self._call_with_config(self._answer, input, config)

    def stream(
        self, input: ChatInput, config: RunnableConfig | None = None, **kwargs: Any | None
    ) -> Iterator[Answer]:
        yield from self._transform_stream_with_config(iter([input]), self._answers, config)

    def transform(
        self, input: Iterator[ChatInput], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Answer]:
        yield from self._transform_stream_with_config(input, self._answers, config)

    async def astream(
        self, input: ChatInput, config: RunnableConfig | None = None, **kwargs: Any | None
    ) -> AsyncIterator[Answer]:
        """The same stream, each step taken in a worker thread: answering is blocking,
        CPU-bound work that must not hold an event loop."""
        answers = self.stream(input, config)
        done = object()
        while (answer := await run_in_executor(config, next, answers, done)) is not done:
            yield answer  # type: ignore[misc]

    def _answer(self, value: ChatInput) -> Answer:
        question, history = chat_input(value)
        return self.bot.ask(question, history)

    def _answers(self, inputs: Iterator[ChatInput]) -> Iterator[Answer]:
        # A chain hands over its previous step's output; only its last value is the input.
        last: ChatInput | None = None
        for value in inputs:
            last = value
        if last is None:
            return
        question, history = chat_input(last)
        yield from self.bot.stream(question, history)
