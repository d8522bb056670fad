"""The Chat tab: a streamed, cited conversation with a sources panel under each answer.

The conversation is a list of role/content messages. Each answer is followed by one more
assistant message whose ``metadata.title`` makes Gradio show it as a collapsible panel: the
sources of that answer. Those panels and error notes are display only; they are left out of
the history the bot sees.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bot.answer import Answer
from bot.chatbot import Chatbot
from bot.errors import CareerbotError
from ui.errors import unexpected, user_message
from ui.markup import answer_text, mode_badge, sources_markdown, sources_title

log = logging.getLogger("careerbot.ui")

Message = dict[str, Any]

EXAMPLES = [
    "What does a data engineer do day to day?",
    "How is a data engineer different from a data scientist?",
    "I know SQL and Excel and enjoy building dashboards. Which role fits me?",
    "What skills does a machine learning engineer need?",
]
ERROR_MARK = "⚠️ "
# Several people may chat at once; answering is CPU-bound, so a few at a time is enough.
ANSWER_CONCURRENCY = 4


def text_of(content: Any) -> str:
    """Message text, whether Gradio sent a string or a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list):
        return "\n".join(text_of(part) for part in content).strip()
    return ""


def plain(messages: Sequence[Any] | None) -> list[Message]:
    """Gradio's normalized messages -> small JSON-able dicts (what the browser stores)."""
    out: list[Message] = []
    for m in messages or []:
        if not isinstance(m, dict) or m.get("role") not in {"user", "assistant"}:
            continue
        message: Message = {"role": m["role"], "content": text_of(m.get("content"))}
        metadata = m.get("metadata") or {}
        if metadata.get("title"):
            message["metadata"] = {"title": str(metadata["title"]), "status": "done"}
        out.append(message)
    return out


def conversation(messages: Sequence[Message]) -> list[Message]:
    """The turns the bot should see: questions and answers, no panels or error notes."""
    return [
        {"role": m["role"], "content": m["content"]}
        for m in messages
        if "metadata" not in m
        and not (m["role"] == "assistant" and m["content"].startswith(ERROR_MARK))
    ]


def add_question(question: str, messages: Sequence[Any] | None) -> tuple[str, list[Message]]:
    """Show the question at once; an empty box changes nothing (the warning says why)."""
    chat = plain(messages)
    if not question.strip():
        import gradio as gr

        gr.Warning("Type a question first.")
        return question, chat
    return "", [*chat, {"role": "user", "content": question}]


def pending_question(messages: Sequence[Message]) -> int | None:
    """Index of the last message if it is a question still waiting for its answer."""
    if messages and messages[-1]["role"] == "user":
        return len(messages) - 1
    return None


def error_message(exc: BaseException) -> Message:
    if isinstance(exc, CareerbotError):
        text = user_message(exc, "web")
    else:
        text = unexpected("answering", exc, log)
    return {"role": "assistant", "content": f"{ERROR_MARK}{text}"}


def answer_messages(answer: Answer, *, final: bool) -> list[Message]:
    reply: list[Message] = [{"role": "assistant", "content": answer_text(answer)}]
    if final and answer.sources:
        reply.append(
            {
                "role": "assistant",
                "content": sources_markdown(answer.sources),
                # "done" folds the panel: the answer stays in view, its sources a click away.
                "metadata": {"title": sources_title(answer.sources), "status": "done"},
            }
        )
    return reply


def stream_reply(bot: Chatbot, messages: Sequence[Any] | None) -> Iterator[list[Message]]:
    """Answer the pending question, yielding the conversation as the answer grows."""
    chat = plain(messages)
    index = pending_question(chat)
    if index is None:
        yield chat
        return
    base = chat[: index + 1]
    history = conversation(chat[:index])
    answer: Answer | None = None
    try:
        for answer in bot.stream(chat[index]["content"], history):
            yield [*base, *answer_messages(answer, final=False)]
    except Exception as exc:
        yield [*base, error_message(exc)]
        return
    if answer is not None:
        yield [*base, *answer_messages(answer, final=True)]


def drop_last_answer(messages: Sequence[Any] | None) -> list[Message]:
    """For retry: the conversation up to and including the last question."""
    chat = plain(messages)
    for i in range(len(chat) - 1, -1, -1):
        if chat[i]["role"] == "user":
            return chat[: i + 1]
    return chat


def build_chat_tab(bot: Chatbot) -> ChatTab:
    """The tab's components and events (call inside a ``gr.Blocks`` / ``gr.Tab``)."""
    import gradio as gr

    with gr.Row():
        gr.HTML(mode_badge(bot.mode), elem_id="mode-badge")
    chat = gr.Chatbot(
        label="Conversation",
        elem_id="chat",
        height=520,
        sanitize_html=True,
        allow_tags=False,
        feedback_options=None,
        placeholder="Ask about data careers: what a role does, its skills, tools, pay, "
        "how two roles compare, or which one fits you.",
    )
    with gr.Row():
        question = gr.Textbox(
            placeholder="Ask a question and press Enter",
            show_label=False,
            scale=8,
            elem_id="question",
            max_lines=4,
        )
        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
    with gr.Row():
        retry = gr.Button("Retry", size="sm", elem_id="retry")
        clear = gr.Button("Clear", size="sm", elem_id="clear")
    gr.Markdown("**Try:**")
    with gr.Row(elem_id="examples"):
        examples = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
    saved = gr.BrowserState([], storage_key="careerbot-conversation")

    def reply(messages: list[Any]) -> Iterator[list[Message]]:
        yield from stream_reply(bot, messages)

    def ask_chain(trigger: Any, first: Any, inputs: list[Any]) -> None:
        (
            trigger(first, inputs, [question, chat], queue=False, api_visibility="private")
            .then(reply, chat, chat, concurrency_limit=ANSWER_CONCURRENCY, api_visibility="private")
            .then(plain, chat, saved, queue=False, api_visibility="private")
        )

    ask_chain(question.submit, add_question, [question, chat])
    ask_chain(send.click, add_question, [question, chat])
    for button, text in zip(examples, EXAMPLES, strict=True):
        ask_chain(
            button.click,
            lambda messages, text=text: add_question(text, messages),
            [chat],
        )
    for trigger in (retry.click, chat.retry):
        (
            trigger(drop_last_answer, chat, chat, queue=False, api_visibility="private")
            .then(reply, chat, chat, concurrency_limit=ANSWER_CONCURRENCY, api_visibility="private")
            .then(plain, chat, saved, queue=False, api_visibility="private")
        )
    for trigger in (clear.click, chat.clear):
        trigger(lambda: ([], []), None, [chat, saved], queue=False, api_visibility="private")
    return ChatTab(chat=chat, saved=saved)


@dataclass
class ChatTab:
    chat: Any
    saved: Any  # the conversation in the browser's localStorage

    def restore_on(self, demo: Any) -> None:
        """The conversation lives in the browser, so a reload picks it up again."""
        demo.load(plain, self.saved, self.chat, api_visibility="private")
