"""The Gradio app: Chat, Compare and Library tabs over one ``Chatbot``, a sidebar of saved
chats, and the ``/ask``, ``/compare`` and ``/fit`` API (also MCP tools with ``--mcp``).

``build(settings)`` returns the Blocks; ``launch(settings)`` checks who may reach it, then
serves it. The tabs live in their own modules; this one only assembles them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from bot.core.results import Answer
from bot.core.settings import Settings
from bot.storage.conversations import ConversationStore
from ui.chat_tab import ANSWER_CONCURRENCY, CITE_SCRIPT, Services, build_chat_tab, build_sidebar
from ui.compare_tab import build_compare_tab
from ui.downloads import add_download_route
from ui.errors import unexpected, user_message
from ui.identity import BrowserCookie, cookie_key, cookie_name, identities_for
from ui.library_tab import build_library_tab
from ui.mcp_guard import McpSignIn, sign_tool_calls
from ui.security import login_for, proxy_options, security_middleware
from ui.sessions import SessionGuard, SessionLimits
from ui.shell import SHELL_SCRIPT, SHELL_STYLE

# Gradio reads this when it is imported; the app never phones home.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger("careerbot.ui")

# The chat and the /ask API share one pool of answer workers.
ANSWERS = "answers"

CSS = """
.mode-badge { display: inline-block; padding: 2px 10px; border-radius: 999px;
  font-size: 0.85em; font-weight: 600; background: #e0f2fe; color: #075985; }
.mode-badge.mode-llm { background: #ede9fe; color: #5b21b6; }
#chat-head { align-items: center; gap: 12px; }
#chat-head > * { flex: 0 1 auto !important; min-width: 0 !important; }
/* Tables in answers and in Compare keep readable columns and scroll sideways when narrow. */
#chat table, #compare-table table { display: block; overflow-x: auto; max-width: 100%;
  font-size: 0.92em; }
#chat th, #chat td, #compare-table th, #compare-table td { min-width: 9em;
  word-break: normal !important; overflow-wrap: normal !important; }
#chat th:first-child, #chat td:first-child { min-width: 7em; }
#chat .message-wrap, #chat .message { max-width: 100%; min-width: 0; }
#chat a.cite { text-decoration: none; font-weight: 600; cursor: pointer;
  padding: 0 1px; border-radius: 3px; }
#guide { max-height: 75vh; overflow-y: auto; }
#composer { background: var(--block-background-fill); }
#composer-actions { align-items: center; flex-wrap: nowrap; gap: 6px; padding: 4px 6px; }
#counter-box { flex: 1 1 auto; min-width: 0; }
#composer-actions button { flex: 0 0 auto !important; min-width: 4.5em !important;
  width: auto !important; }
#counter { font-size: 0.8em; color: var(--body-text-color-subdued); }
#counter.over { color: #b45309; font-weight: 600; }
.offscreen { position: absolute !important; left: -10000px !important; width: 1px !important;
  height: 1px !important; overflow: hidden !important; }
#documents { font-size: 0.9em; }
#documents table { min-width: 640px; }
#documents td, #documents th { word-break: normal !important; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  #examples button { flex: 1 1 100%; }
  /* The closed sidebar's handle sits in the question bar's corner, not on the text. */
  #sidebar:not(.open) .toggle-button { top: auto !important; bottom: 10px !important; }
  #composer-actions { padding-left: 40px; }
  /* Answers use the phone's width: no bubble margins, a narrow first table column. */
  #chat .message-row { margin-left: 0 !important; margin-right: 0 !important;
    padding-left: 4px !important; padding-right: 4px !important; }
  #chat .message-row.bot-row { max-width: 100% !important; }
  #chat .message-row .message, #chat .message-row .flex-wrap, #chat .message-row .role {
    max-width: 100% !important; }
  #chat .bot-row .message, #chat .bot-row .flex-wrap { width: 100% !important; }
  #chat th, #chat td { min-width: 11em; }
  #chat th:first-child, #chat td:first-child { min-width: 5.5em; width: 6em; max-width: 7em; }
  #documents { overflow-x: auto; }
}
"""


# Gradio scopes rules inside @media to its own container, so rules for the page around it
# go into <head> as they are.
HEAD = """<style>
@media (max-width: 640px) {
  .gradio-container .main.app { padding-left: 6px !important; padding-right: 6px !important; }
}
</style>"""


def api_ask(bot: Chatbot, question: str) -> dict[str, Any]:
    """The programmatic endpoint (``/ask``): one question in, ``Answer.to_dict()`` out."""
    return answered(bot, "answering", lambda: bot.ask(question))


def answered(bot: Chatbot, action: str, call: Callable[[], Answer]) -> dict[str, Any]:
    """An endpoint's JSON: the answer, or the one-line error in its place. The endpoint
    functions stay separate: their docstrings and type hints describe the MCP tools."""
    try:
        return call().to_dict()
    except CareerbotError as exc:
        error = user_message(exc, "web")
    except Exception as exc:
        error = unexpected(action, exc, log)
    return {"error": error, "answer": "", "sources": [], "mode": bot.mode}


def start_loading(bot: Chatbot) -> threading.Thread:
    """Load the model in the background at start, so the first person to ask does not wait
    for it; questions asked meanwhile are answered normally."""

    def run() -> None:
        try:
            bot.load()
            # The classifiers' examples: stored after the first process embeds them, so
            # this is a lookup from then on; without it the first question embeds them.
            bot.warm_examples()
        except CareerbotError:
            pass  # no index yet: every question says so itself
        except Exception:
            log.exception("loading the model at start failed")

    thread = threading.Thread(target=run, name="careerbot-load", daemon=True)
    thread.start()
    return thread


def api_compare(bot: Chatbot, roles: list[str], aspects: list[str] | None) -> dict[str, Any]:
    """``/compare``: roles (and aspects) in, ``Answer.to_dict()`` out."""
    return answered(bot, "comparing", lambda: bot.compare(roles, aspects or None))


def api_fit(bot: Chatbot, profile: str) -> dict[str, Any]:
    """``/fit``: what a person says about themselves in, ``Answer.to_dict()`` out."""
    return answered(bot, "matching roles", lambda: bot.fit(profile))


def add_api(bot: Chatbot) -> None:
    """The endpoints other programs call (``gradio_client``, and MCP clients when the MCP
    server is on). Their docstrings and type hints become the MCP tools' descriptions."""
    import gradio as gr

    def ask(question: str) -> dict[str, Any]:
        """Ask careerbot a career question about data roles; the answer cites career guides.

        Args:
            question: The question, e.g. "What does a data engineer do?"
        """
        return api_ask(bot, question)

    def compare(roles: list[str], aspects: list[str] | None = None) -> dict[str, Any]:
        """Compare two to four data roles side by side: a markdown table, every cell cited.

        Args:
            roles: Role ids, titles or aliases, e.g. ["data engineer", "data scientist"].
            aspects: Optional aspect ids (focus, skills, tools, salary, ...); empty for all.
        """
        return api_compare(bot, roles, aspects)

    def fit(profile: str) -> dict[str, Any]:
        """The three data roles that best fit what a person says about themselves.

        Args:
            profile: What the person knows, enjoys and dislikes, in their own words.
        """
        return api_fit(bot, profile)

    common: dict[str, Any] = {"concurrency_limit": ANSWER_CONCURRENCY, "concurrency_id": ANSWERS}
    gr.api(ask, api_name="ask", **common)
    gr.api(compare, api_name="compare", **common)
    gr.api(fit, api_name="fit", **common)


def build(settings: Settings, bot: Chatbot | None = None) -> Any:
    import gradio as gr

    bot = bot or Chatbot(settings)
    start_loading(bot)
    # Gradio copies uploads into its cache: removed within the hour, and at every start.
    with gr.Blocks(title="careerbot", analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        side = build_sidebar()
        with gr.Row(elem_id="app-head"):
            gr.Markdown(
                "# careerbot\nCareer advice for data roles, answered from cited career guides.",
                elem_id="app-title",
            )
            # The page script sets its label and applies the theme (``ui.shell``).
            theme = gr.Button("Dark mode", size="sm", scale=0, elem_id="theme-toggle")
        theme.click(
            None, js="() => window.careerbotToggleTheme()", queue=False, api_visibility="private"
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat-tab"):
                build_chat_tab(bot, settings, demo, side, Services.create(bot, settings))
            with gr.Tab("Compare", id="compare-tab") as compare_page:
                compare = build_compare_tab(bot, settings)
            with gr.Tab("Library", id="library-tab") as library_page:
                library = build_library_tab(settings)
        add_api(bot)

        # Quick refreshes of what is on screen: no spinner over the table while they run.
        private: dict[str, Any] = {
            "api_visibility": "private",
            "queue": False,
            "show_progress": "hidden",
        }
        demo.load(library.refresh, None, library.outputs, **private)
        demo.load(library.access, None, library.access_outputs, **private)
        library_page.select(library.refresh, None, library.outputs, **private)
        # A re-index can add or remove roles.
        compare_page.select(compare.refresh, None, compare.roles, **private)
        for event in library.reindexed:
            event.then(compare.refresh, None, compare.roles, **private)
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """Everything ``gr.mount_gradio_app`` needs; raises before anything heavy loads if the
    login setup is unsafe."""
    return {
        "server_name": settings.ui_host,
        "server_port": settings.ui_port,
        "auth": login_for(settings.ui_host, settings.auth),
        "auth_message": "careerbot: sign in with a user from CAREERBOT_AUTH.",
        "max_file_size": settings.max_upload_bytes,
        "show_error": False,
        "footer_links": ["api"],
        "css": CSS,
        "head": HEAD + SHELL_STYLE,
        "js": f"() => {{ ({CITE_SCRIPT})(); ({SHELL_SCRIPT})(); }}",
        # Gradio keeps every call in the browser otherwise; conversations are saved here.
        "run_history": settings.ui_run_history,
        "mcp_server": settings.ui_mcp,
    }


def server_app(
    settings: Settings, demo: Any, options: dict[str, Any], bot: Chatbot | None = None
) -> Any:
    """The ASGI app that is served: the Blocks mounted in a FastAPI app whose middleware
    checks every request first (``ui.security``: host names, origins, sign-in throttling).

    Mounted rather than ``demo.launch()``ed so that this app owns CORS: Gradio's own CORS
    layer answers any localhost origin with credentials allowed, and it steps aside only for
    a parent app that configures Starlette's ``CORSMiddleware`` (here: the configured
    origins only, never with credentials).
    """
    import gradio as gr
    from fastapi import FastAPI
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware

    cors = Middleware(
        CORSMiddleware,
        allow_origins=settings.ui_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST"],
    )
    guards = security_middleware(settings.ui_host, settings.ui_hosts, settings.ui_origins)
    browser = Middleware(
        BrowserCookie, secret=cookie_key(settings), name=cookie_name(settings.ui_port)
    )
    holder: list[Any] = []  # the FastAPI app, once made: the guard finds Gradio's in it
    sessions = Middleware(
        SessionGuard,
        identities=identities_for(settings),
        limits=SessionLimits(
            page_loads=settings.ui_page_loads,
            per_owner=settings.ui_sessions_per_user,
            capacity=settings.ui_session_capacity,
            ttl=settings.ui_session_ttl,
        ),
        gradio=lambda: gradio_app_of(holder[0]) if holder else None,
        signed_in=lambda request: signed_in_user(holder[0], request) if holder else None,
        sign_in_required=bool(options.get("auth")),
    )
    door = [
        Middleware(
            McpSignIn,
            signed_in=lambda request: signed_in_user(holder[0], request) if holder else None,
        )
    ]
    app = FastAPI(
        middleware=[*guards, cors, browser, sessions, *(door if options.get("auth") else [])],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    holder.append(app)
    demo.state_session_capacity = settings.ui_session_capacity
    # Before the mount: the mounted Gradio app answers every path it is given.
    add_download_route(
        app,
        ConversationStore(settings.sql_url),
        identities_for(settings),
        lambda request: signed_in_user(app, request),
    )
    if bot is not None:  # the OpenAI-compatible /v1 endpoints, routed before Gradio's
        from ui.openai_api import mount

        mount(app, bot, settings)
    mounted = gr.mount_gradio_app(app, demo, path="/", **options)
    sign_tool_calls(demo)  # Gradio's MCP server made it just now (when --mcp)
    return mounted


def signed_in_user(app: Any, request: Any) -> str | None:
    """The user Gradio signed in for this request (None without sign-in), read the way
    Gradio's own routes read it: its access-token cookie, looked up in its token table."""
    gradio_app = gradio_app_of(app)
    if gradio_app is None:
        return None
    cookie = gradio_app.cookie_id
    token = request.cookies.get(f"access-token-{cookie}") or request.cookies.get(
        f"access-token-unsecure-{cookie}"
    )
    user = gradio_app.tokens.get(token) if token else None
    return str(user) if user else None


def gradio_app_of(app: Any) -> Any:
    """The Gradio app mounted in ``app`` (None before the mount)."""
    from gradio.routes import App
    from starlette.routing import Mount

    for route in app.routes:
        if isinstance(route, Mount) and isinstance(route.app, App):
            return route.app
    return None


@dataclass
class Served:
    """A running app: its Blocks and the server thread; ``close()`` stops both."""

    demo: Any
    server: Any
    thread: threading.Thread

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.demo.close()


def launch(settings: Settings, *, prevent_thread_lock: bool = False) -> Served:
    """Serve the app (blocks unless ``prevent_thread_lock``); returns the running app."""
    import uvicorn

    from ui.openai_api import stoppable_server

    options = launch_options(settings)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    bot = Chatbot(settings)
    demo = build(settings, bot)
    app = server_app(settings, demo, options, bot)
    config = uvicorn.Config(
        app,
        host=settings.ui_host,
        port=settings.ui_port,
        log_level="warning",
        **proxy_options(settings.trusted_proxy_list),  # type: ignore[arg-type]
    )
    server = stoppable_server(config)  # ends API answers at once, the rest within a bound
    thread = threading.Thread(target=server.run, name="careerbot-ui", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise CareerbotError(
                f"The web app could not start on {settings.ui_host}:{settings.ui_port} "
                "(is the port in use?)."
            )
        time.sleep(0.05)
    print(f"careerbot: serving on http://{settings.ui_host}:{settings.ui_port}", flush=True)
    served = Served(demo, server, thread)
    if not prevent_thread_lock:
        try:
            thread.join()
        except KeyboardInterrupt:
            served.close()
    return served
