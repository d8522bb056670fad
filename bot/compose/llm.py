"""LLM compose: a ``Turn`` and its passages -> an ``Answer`` written by an OpenAI-compatible model.

Any server that speaks ``/v1/chat/completions`` works (OpenAI, Ollama, vLLM, llama.cpp
server, LM Studio), through ``ChatOpenAI``. The model only ever sees the passages the
retriever found, under the grounded, spotlighted prompt of ``bot.compose.prompt``; its ``[n]``
markers are renumbered by ``bot.compose.citations``.

A model server is something that goes away: not started, wrong key, rate-limited,
overloaded, hung, or dying mid-stream. None of that may break a chat, so every such failure
turns into the offline composer's answer plus a one-line notice saying why.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.compose.citations import renumber, settled
from bot.compose.deadline import (
    Deadline,
    ReplyTooLargeError,
    bounded_invoke,
    bounded_stream,
    guarded_http_client,
    is_expected,
)
from bot.compose.deadline import reason as deadline_reason
from bot.compose.offline import Composer, collected
from bot.compose.prompt import answer_messages, rewrite_messages, standalone_from
from bot.core.messages import text_of
from bot.core.results import Answer, Mode, Passage
from bot.core.settings import Settings
from bot.routes.table import route_of
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger("careerbot.llm")

# Local servers (Ollama, llama.cpp, LM Studio) ignore the key, but the OpenAI client
# refuses to start without one.
NO_KEY = "not-needed"
OFFLINE_TAIL = "this answer was composed offline from the guides."


def chat_model(settings: Settings) -> BaseChatModel:
    """The chat model for the configured endpoint; imported here so that offline use
    never pays for loading the OpenAI client."""
    import openai
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    timeout = openai.Timeout(settings.llm_timeout, connect=settings.llm_connect_timeout)
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=SecretStr(settings.llm_api_key or NO_KEY),
        # The read timeout bounds the wait for each piece of a reply, so a slow model
        # that keeps streaming is fine while a hung one is noticed; the client enforces
        # each call's total deadline and size cap (bot.deadline).
        timeout=timeout,
        http_client=guarded_http_client(timeout),
        max_retries=settings.llm_max_retries,
        temperature=settings.llm_temperature,
        # Plain chat completions: the one API every compatible server implements.
        use_responses_api=False,
    )


def failure_notice(exc: BaseException, settings: Settings, *, midway: bool = False) -> str:
    """One line for the user: which server, what went wrong, what they got instead."""
    import openai

    server = f"The language model at {settings.llm_base_url}"
    if midway:
        return f"{server} stopped mid-answer ({_midway_reason(exc, settings)}); {OFFLINE_TAIL}"
    if limit := deadline_reason(exc):
        reason = limit
    elif isinstance(exc, openai.APITimeoutError) and _caused_by(exc, "ConnectTimeout"):
        reason = f"could not be reached (no connection within {settings.llm_connect_timeout:g} s)"
    elif isinstance(exc, openai.APITimeoutError):
        reason = f"did not answer within {settings.llm_timeout:g} s"
    elif isinstance(exc, openai.AuthenticationError):
        reason = "rejected the API key (401 Unauthorized; check CAREERBOT_LLM_API_KEY)"
    elif isinstance(exc, openai.RateLimitError):
        reason = "is limiting requests (429 Too Many Requests)"
    elif isinstance(exc, openai.InternalServerError):
        reason = f"failed with a server error ({exc.status_code})"
    elif isinstance(exc, openai.APIStatusError):
        reason = f"returned an error ({exc.status_code}: {_status_detail(exc)})"
    elif isinstance(exc, openai.APIConnectionError):
        reason = f"could not be reached ({_connection_reason(exc)})"
    elif isinstance(exc, EmptyReplyError):
        reason = "returned an empty answer"
    elif is_expected(exc):
        reason = "sent a reply that is not a chat completion"
    else:
        reason = f"failed ({_short(str(exc)) or type(exc).__name__})"
    return f"{server} {reason}; {OFFLINE_TAIL}"


def _status_detail(exc: Any) -> str:
    """The server's own error message ("model 'x' not found"), else its status text."""
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else body
    if isinstance(message, str) and message.strip():
        return _short(message)
    return exc.response.reason_phrase or "error"


def _midway_reason(exc: BaseException, settings: Settings) -> str:
    import openai

    if limit := deadline_reason(exc):
        return limit
    if isinstance(exc, openai.APITimeoutError):
        return f"no more text within {settings.llm_timeout:g} s"
    if isinstance(exc, openai.APIConnectionError):
        return "the connection was lost"
    return _short(str(exc)) or type(exc).__name__


def _caused_by(exc: BaseException, name: str) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if type(cause).__name__ == name:
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _connection_reason(exc: BaseException) -> str:
    """ "connection refused" for a server that is not running, else the lowest OS error."""
    cause: BaseException | None = exc
    text = ""
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(cause).lower():
            return "connection refused"
        text = str(cause) or text
        cause = cause.__cause__ or cause.__context__
    return _short(text) or "connection failed"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EmptyReplyError(Exception):
    """The model answered with nothing; treated like any other failure."""


class Cooldown:
    """Remembers the last failure for ``seconds``, so the next questions go straight to the
    offline composer instead of each waiting for the same dead server to time out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._notice = ""
        self._until = 0.0
        self._lock = threading.Lock()

    def active(self) -> str:
        """The notice of a recent failure, or "" when the model may be tried."""
        with self._lock:
            return self._notice if time.monotonic() < self._until else ""

    def trip(self, notice: str) -> None:
        with self._lock:
            self._notice = notice
            self._until = time.monotonic() + self.seconds


class LLMComposer:
    """Writes answers with the configured chat model; another composer (the offline one)
    stands by and answers whenever the model cannot."""

    mode: Mode = "llm"

    def __init__(
        self, settings: Settings, fallback: Composer, model: BaseChatModel | None = None
    ) -> None:
        self.settings = settings
        self.fallback = fallback
        self._model = model
        self._model_lock = threading.Lock()
        self.cooldown = Cooldown(settings.llm_cooldown)

    @property
    def model(self) -> BaseChatModel:
        with self._model_lock:
            if self._model is None:
                self._model = chat_model(self.settings)
            return self._model

    def standalone_question(self, turn: Turn) -> str | None:
        """A follow-up rewritten by the model to stand alone, for retrieval. Without history
        there is nothing to resolve and no call is made; on failure (remembered, so the
        answer step goes offline without waiting) None: the route's own query is searched.
        The chatbot asks only for routes that search a follow-up (``Route.follow_up``)."""
        if not turn.history or self.cooldown.active():
            return None
        try:
            messages = rewrite_messages(turn.question, turn.history)
            model = self.model  # loaded before the clock starts
            reply = bounded_invoke(lambda: model.invoke(messages), self._deadline())
        except Exception as exc:
            self._failed(exc)
            return None
        limit = self.settings.max_question_chars
        standalone = standalone_from(text_of(reply.content), turn.question, limit)
        return None if standalone == turn.question else standalone

    def stream(self, turn: Turn) -> Iterator[Answer]:
        """Partial answers as the model's tokens arrive (markers already renumbered, no
        sources yet), then the complete answer, always last."""
        if notice := self.cooldown.active():
            yield _noted(collected(self.fallback.stream(turn)), notice)
            return
        roles = _roles(turn.passages)
        text = shown = ""
        try:
            messages = self._messages(turn)
            model = self.model  # loaded before the clock starts
            pieces = bounded_stream(
                lambda: model.stream(messages),
                self._deadline(),
                first_token=self.settings.llm_timeout,
                is_token=lambda piece: bool(text_of(piece.content)),
            )
            for piece in pieces:
                text = self._capped(text + text_of(piece.content))
                grown = renumber(settled(text), turn.passages).text
                if grown != shown:
                    shown = grown
                    yield Answer(
                        grown, [], mode="llm", route=turn.route, roles=roles, intent=_intent(turn)
                    )
            if not text.strip():
                raise EmptyReplyError
        except Exception as exc:
            notice = self._failed(exc, midway=bool(text.strip()))
            yield _noted(collected(self.fallback.stream(turn)), notice)
            return
        yield self._finish(text, turn)

    @staticmethod
    def _messages(turn: Turn) -> list[dict[str, str]]:
        brief = route_of(turn).brief(turn)
        return answer_messages(
            turn.question,
            turn.passages,
            turn.history,
            rules=brief.rules,
            notes=[*turn_notes(turn), *brief.notes],
        )

    def _deadline(self) -> Deadline:
        # Bytes on the wire (JSON or SSE framing) run to many times the characters.
        limit = self.settings.llm_max_reply_chars
        return Deadline(self.settings.llm_total_deadline, max_bytes=max(1_000_000, 64 * limit))

    def _capped(self, text: str) -> str:
        if len(text) > self.settings.llm_max_reply_chars:
            raise ReplyTooLargeError(self.settings.llm_max_reply_chars, "characters")
        return text

    @staticmethod
    def _finish(text: str, turn: Turn) -> Answer:
        cited = renumber(text.strip(), turn.passages)
        return Answer(
            cited.text,
            cited.sources,
            mode="llm",
            route=turn.route,
            roles=_roles(turn.passages),
            intent=_intent(turn),
        )

    def _failed(self, exc: Exception, *, midway: bool = False) -> str:
        """Turn a model failure into a notice. Server and network trouble is expected and
        logged in one line; anything else is a bug here, logged with its traceback, and
        the user still gets the offline answer."""
        import openai

        notice = failure_notice(exc, self.settings, midway=midway)
        if isinstance(exc, openai.OpenAIError | EmptyReplyError) or is_expected(exc):
            log.info("%s", notice)
            log.debug("the LLM call failed", exc_info=exc)
        else:
            log.exception("the LLM call failed unexpectedly")
        self.cooldown.trip(notice)
        return notice


def _noted(answer: Answer, notice: str) -> Answer:
    return replace(answer, notices=[notice, *answer.notices])


def _intent(turn: Turn) -> str:
    """The intent understood of the turn, on the answer as offline mode puts it there."""
    return turn.intent.id if turn.intent is not None else ""


def _roles(passages: Sequence[Passage]) -> list[str]:
    return list(dict.fromkeys(p.role for p in passages))


# How the model is told the greeting or thanks a question opened with (``Turn.opened``).
OPENED = {
    "greeting": "The message opens with a greeting: one short hello, then answer the question.",
    "thanks": "The message opens with thanks for the previous answer: acknowledge it in a "
    "few words, then answer the question.",
}


def turn_notes(turn: Turn) -> list[str]:
    """What was understood of any turn, in words a model can use (a route adds its own:
    ``Route.brief``): the act the message opened with, the part of a two-part question
    this is, the roles, what is asked and about whom."""
    notes: list[str] = []
    if turn.opened in OPENED:
        notes.append(OPENED[turn.opened])
    if len(turn.parts) > 1:
        asked = "; ".join(f"({n}) {p}" for n, p in enumerate(turn.parts, start=1))
        notes.append(
            f"The message asks {len(turn.parts)} things, answered one at a time: {asked}. "
            f"Answer only part {turn.part + 1} here: {turn.parts[turn.part]}"
        )
    if turn.roles:
        notes.append("Roles in play: " + ", ".join(turn.catalog.title(r) for r in turn.roles))
    if turn.intent is not None:
        carried = " (carried over from the previous question)" if turn.carried else ""
        notes.append(f"The question asks about: {turn.intent.label}{carried}")
    if turn.profile:
        notes.append(f"About the person: {turn.profile.describe()}")
    return notes
