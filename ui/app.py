"""The Gradio app: Chat, Compare and Library tabs over one ``Chatbot``, plus the ``/ask`` API.

``build(settings)`` returns the Blocks; ``launch(settings)`` checks who may reach it, then
serves it. The tabs live in their own modules; this one only assembles them.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from bot.chatbot import Chatbot
from bot.errors import CareerbotError
from bot.settings import Settings
from ui.chat_tab import ANSWER_CONCURRENCY, build_chat_tab
from ui.compare_tab import build_compare_tab
from ui.errors import unexpected, user_message
from ui.library_tab import build_library_tab
from ui.security import login_for

# Gradio reads this when it is imported; the app never phones home.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger("careerbot.ui")

# The chat and the /ask API share one pool of answer workers.
ANSWERS = "answers"

CSS = """
.mode-badge { display: inline-block; padding: 2px 10px; border-radius: 999px;
  font-size: 0.85em; font-weight: 600; background: #e0f2fe; color: #075985; }
.mode-badge.mode-llm { background: #ede9fe; color: #5b21b6; }
#compare-table table { font-size: 0.92em; }
#compare-table th:first-child, #compare-table td:first-child {
  min-width: 9em; word-break: normal; overflow-wrap: normal; }
#documents { font-size: 0.9em; }
"""


def api_ask(bot: Chatbot, question: str) -> dict[str, Any]:
    """The programmatic endpoint (``/ask``): one question in, ``Answer.to_dict()`` out."""
    try:
        return bot.ask(question).to_dict()
    except CareerbotError as exc:
        error = user_message(exc, "web")
    except Exception as exc:
        error = unexpected("answering", exc, log)
    return {"error": error, "answer": "", "sources": [], "mode": bot.mode}


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
        gr.Markdown("# careerbot\nCareer advice for data roles, answered from cited career guides.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat-tab"):
                chat = build_chat_tab(bot)
            with gr.Tab("Compare", id="compare-tab") as compare_page:
                compare = build_compare_tab(bot)
            with gr.Tab("Library", id="library-tab") as library_page:
                library = build_library_tab(settings)

        question = gr.Textbox(visible=False)
        result = gr.JSON(visible=False)
        question.submit(
            lambda q: api_ask(bot, q),
            question,
            result,
            api_name="ask",
            concurrency_limit=ANSWER_CONCURRENCY,
            concurrency_id=ANSWERS,
        )

        private: dict[str, Any] = {"api_visibility": "private", "queue": False}
        chat.restore_on(demo)
        demo.load(library.refresh, None, library.outputs, **private)
        library_page.select(library.refresh, None, library.outputs, **private)
        # A re-index can add or remove roles.
        compare_page.select(compare.refresh, None, compare.roles, **private)
        library.reindexed.then(compare.refresh, None, compare.roles, **private)
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """Everything ``Blocks.launch`` needs; raises before anything heavy loads if the login
    setup is unsafe."""
    return {
        "server_name": settings.ui_host,
        "server_port": settings.ui_port,
        "auth": login_for(settings.ui_host, settings.auth),
        "auth_message": "careerbot: sign in with a user from CAREERBOT_AUTH.",
        "max_file_size": settings.max_upload_bytes,
        "show_error": False,
        "footer_links": ["api"],
        "css": CSS,
    }


def launch(settings: Settings, *, prevent_thread_lock: bool = False) -> Any:
    """Serve the app (blocks unless ``prevent_thread_lock``); returns the Blocks."""
    options = launch_options(settings)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    demo = build(settings)
    demo.launch(prevent_thread_lock=prevent_thread_lock, **options)
    return demo
