"""The Gradio app: a chat over ``Chatbot.ask`` that shows each answer's sources."""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from bot.answer import Answer
from bot.chatbot import Chatbot
from bot.errors import CareerbotError
from bot.settings import Settings

log = logging.getLogger("careerbot.ui")

EXAMPLES = [
    "How is a data engineer different from a data scientist?",
    "What does a machine learning engineer do day to day?",
    "What tools do analytics engineers use?",
]


def answer_markdown(answer: Answer) -> str:
    """The answer text followed by its numbered sources."""
    parts = [*(f"> {n}" for n in answer.notices), answer.text]
    if answer.sources:
        lines = [f"{n}. **{s.title}** — {s.section}" for n, s in enumerate(answer.sources, 1)]
        parts.append("**Sources**\n" + "\n".join(lines))
    return "\n\n".join(parts)


def respond(bot: Chatbot, message: str, history: list[dict[str, Any]]) -> str:
    try:
        return answer_markdown(bot.ask(message, history))
    except (CareerbotError, ValueError) as exc:
        return f"⚠️ {exc}"
    except Exception:
        log.exception("answering failed")
        return "⚠️ Something went wrong while answering; the error was logged."


def api_ask(bot: Chatbot, question: str) -> dict[str, Any]:
    """The programmatic endpoint (``/ask``): one question in, ``Answer.to_dict()`` out."""
    try:
        return bot.ask(question).to_dict()
    except (CareerbotError, ValueError) as exc:
        return {"error": str(exc), "answer": "", "sources": [], "mode": bot.mode}


def start_warming(bot: Chatbot) -> threading.Thread:
    """Embed the guides' sentences in the background, so early answers are as fast as later
    ones; questions asked meanwhile are answered normally."""

    def run() -> None:
        try:
            bot.warm()
        except CareerbotError:
            pass  # no index yet: every question says so itself
        except Exception:
            log.exception("warming the sentence cache failed")

    thread = threading.Thread(target=run, name="careerbot-warm", daemon=True)
    thread.start()
    return thread


def build(settings: Settings) -> Any:
    import gradio as gr

    bot = Chatbot(settings)
    start_warming(bot)
    with gr.Blocks(title="careerbot", analytics_enabled=False) as demo:
        gr.ChatInterface(
            fn=lambda message, history: respond(bot, message, history),
            title="careerbot",
            description="Career advice for data roles, answered from cited career guides.",
            examples=EXAMPLES,
            cache_examples=False,
            analytics_enabled=False,
            api_name="chat",
        )
        question = gr.Textbox(visible=False)
        result = gr.JSON(visible=False)
        question.submit(lambda q: api_ask(bot, q), question, result, api_name="ask")
    return demo


def launch(settings: Settings) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    build(settings).launch(server_name=settings.ui_host, server_port=settings.ui_port)
