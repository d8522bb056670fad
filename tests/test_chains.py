"""LangChain interfaces (``bot.chains``): careerbot's retriever in a chain of the user's own,
and its answers as a runnable (invoke, stream, batch, async), with the real model and Chroma;
LLM mode through the scripted OpenAI-compatible stub."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from bot.chatbot import Chatbot
from bot.core.errors import BadInputError
from bot.core.results import Answer
from bot.core.settings import Settings
from tests.openai_stub import Reply, serve

QUESTION = "What tools does a data engineer use?"
FOLLOW_UP = "What tools do they use?"


def test_the_retriever_finds_what_the_answer_is_built_from(chatbot: Chatbot) -> None:
    retriever = chatbot.as_retriever()
    assert isinstance(retriever, BaseRetriever)
    documents = retriever.invoke(QUESTION)
    passages = chatbot.prepare(QUESTION).passages
    assert [d.id for d in documents] == [p.id for p in passages] and documents
    assert all(isinstance(d, Document) for d in documents)
    first, passage = documents[0], passages[0]
    assert first.page_content == passage.text
    assert first.metadata == {
        "role": passage.role,
        "title": passage.title,
        "section": passage.section,
        "source": passage.source,
        "score": passage.score,
    }
    # Role- and section-aware: the data engineer's guide, its tools section first.
    assert {d.metadata["role"] for d in documents} == {"data-engineer"}
    assert "Tools" in first.metadata["section"]
    # Every source the answer cites is among the documents.
    cited = {(s.section, s.source) for s in chatbot.ask(QUESTION).sources}
    assert cited <= {(d.metadata["section"], d.metadata["source"]) for d in documents}


def test_the_retriever_finds_nothing_where_the_answer_cites_nothing(chatbot: Chatbot) -> None:
    assert chatbot.ask("What is the capital of France?").sources == []
    assert chatbot.as_retriever().invoke("What is the capital of France?") == []


def test_a_retriever_with_history_searches_the_conversations_role(chatbot: Chatbot) -> None:
    history = [
        {"role": "user", "content": "What does a data analyst do?"},
        {"role": "assistant", "content": "A data analyst turns data into answers [1]."},
    ]
    documents = chatbot.as_retriever(history=history).invoke(FOLLOW_UP)
    assert documents and {d.metadata["role"] for d in documents} == {"data-analyst"}


def test_a_users_own_chain_composes_the_retriever(chatbot: Chatbot) -> None:
    def cited(documents: list[Document]) -> str:
        return "\n".join(f"[{d.metadata['title']}: {d.metadata['section']}]" for d in documents)

    prompt = ChatPromptTemplate.from_template("Context:\n{context}\n\nQuestion: {question}")
    chain = {
        "context": chatbot.as_retriever() | cited,
        "question": RunnablePassthrough(),
    } | prompt
    value = chain.invoke(QUESTION)
    text = value.to_messages()[0].content
    assert text.endswith(f"Question: {QUESTION}")
    assert "[Data Engineer: Data Engineer > Tools and tech stack]" in text


def test_the_runnable_answers_like_the_bot(chatbot: Chatbot) -> None:
    runnable = chatbot.as_runnable()
    assert isinstance(runnable, Runnable)
    answer = runnable.invoke({"question": QUESTION})
    expected = chatbot.ask(QUESTION)
    assert isinstance(answer, Answer)
    assert (answer.text, answer.sources) == (expected.text, expected.sources)
    assert runnable.invoke(QUESTION).text == expected.text  # a bare question works too


def test_the_runnable_reads_history_in_either_message_format(chatbot: Chatbot) -> None:
    runnable = chatbot.as_runnable()
    plain = [{"role": "user", "content": "What does a data analyst do?"}]
    langchain = [HumanMessage("What does a data analyst do?"), AIMessage("They analyse.")]
    for history in (plain, langchain):
        answer = runnable.invoke({"question": FOLLOW_UP, "history": history})
        assert answer.roles == ["data-analyst"], history


def test_the_runnable_streams_partial_answers_then_the_whole(chatbot: Chatbot) -> None:
    parts = list(chatbot.as_runnable().stream({"question": QUESTION, "history": []}))
    final = parts[-1]
    assert len(parts) >= 2 and final.sources
    assert all(final.text.startswith(p.text) and not p.sources for p in parts[:-1])
    assert final.text == chatbot.ask(QUESTION).text


def test_batch_and_async(chatbot: Chatbot) -> None:
    runnable = chatbot.as_runnable()
    questions = [QUESTION, "What does a data scientist do?"]
    answers = runnable.batch([{"question": q} for q in questions])
    assert [a.roles for a in answers] == [["data-engineer"], ["data-scientist"]]

    async def streamed() -> list[Answer]:
        return [a async for a in runnable.astream({"question": QUESTION})]

    parts = asyncio.run(streamed())
    assert len(parts) >= 2 and parts[-1].text == answers[0].text and parts[-1].sources
    assert asyncio.run(runnable.ainvoke({"question": QUESTION})).text == answers[0].text


def test_a_chain_after_the_runnable_gets_the_complete_answer(chatbot: Chatbot) -> None:
    chain = chatbot.as_runnable() | RunnableLambda(lambda a: [s.title for s in a.sources])
    streamed = list(chain.stream({"question": QUESTION}))
    assert streamed == [chain.invoke({"question": QUESTION})] and streamed[0]


def test_bad_input_is_one_clear_error(chatbot: Chatbot) -> None:
    runnable = chatbot.as_runnable()
    for bad in ({"history": []}, {"question": 3}, {"question": "q", "history": "x"}, 42):
        with pytest.raises(BadInputError):
            runnable.invoke(bad)  # type: ignore[arg-type]


def test_llm_mode_streams_the_models_pieces(indexed_settings: Settings) -> None:
    text = "Data engineers orchestrate with Airflow [1] and process with Spark [1]."
    with serve() as stub:
        settings = indexed_settings.model_copy(
            update={"llm_base_url": stub.base_url, "llm_model": "stub-model"}
        )
        runnable = Chatbot(settings).as_runnable()
        stub.script(Reply(text, chunks=6))
        parts = list(runnable.stream({"question": QUESTION}))
        assert stub.last["stream"] is True
        assert len(parts) >= 5 and parts[-1].mode == "llm" and parts[-1].sources
        assert parts[-1].text == text


def test_the_readme_chain_runs_with_a_chat_model(chatbot: Chatbot) -> None:
    """The README's example, with ChatOpenAI against the scripted server as ``my_llm``."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_openai import ChatOpenAI

    bot = chatbot
    with serve() as stub:
        my_llm = ChatOpenAI(base_url=stub.base_url, api_key="unused", model="stub-model")  # type: ignore[arg-type]
        stub.script(Reply("Airflow, Spark and dbt."))
        docs = bot.as_retriever() | (lambda found: "\n\n".join(d.page_content for d in found))
        prompt = ChatPromptTemplate.from_template(
            "Answer from this context:\n{context}\n\nQ: {question}"
        )
        chain = (
            {"context": docs, "question": RunnablePassthrough()}
            | prompt
            | my_llm
            | StrOutputParser()
        )
        assert chain.invoke(QUESTION) == "Airflow, Spark and dbt."
        sent = stub.prompt_text()
    passages = chatbot.prepare(QUESTION).passages
    assert sent.endswith(f"Q: {QUESTION}") and passages
    assert all(p.text in sent for p in passages)
