"""The Chat tab: saved conversations in a sidebar, a streamed and cited chat, feedback,
export, and the guide view a citation opens.

Every handler reads and writes the saved conversation (``bot.storage.conversations``) of the
person who sent the event; the chat component only shows ``chat_view.display`` of it. The
owner is read from each event's request (``ui.identity.per_request``): the signed-in user,
or a signed browser-id cookie. Downloads are streamed by ``ui.downloads`` on request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import gradio as gr
from sqlalchemy.exc import SQLAlchemyError

from bot.chatbot import Chatbot
from bot.core.errors import CareerbotError
from bot.core.messages import StoredMessage
from bot.core.settings import Settings
from bot.storage.conversations import NEW_TITLE, ConversationStore
from bot.storage.feedback import REASONS, Feedback, FeedbackStore
from ui.chat_list import chat_list_html
from ui.chat_view import (
    STOPPED,
    cited_files,
    display,
    edited_text,
    history_of,
    question_turn,
    reply_frames,
    sources_of,
    turn_at,
)
from ui.citation_view import cited_guide, parse_key
from ui.downloads import download_link
from ui.errors import user_message
from ui.held import DOWN, NOT_SAVED, HeldChats, database_reason, unavailable
from ui.identity import (
    RELOAD,
    Identities,
    browser_secret,
    identities_for,
    owner_for,
    per_request,
)
from ui.markup import inert, mode_badge
from ui.shell import SHOW_MARK

log = logging.getLogger("careerbot.ui")

EXAMPLES = [
    "What does a data engineer do day to day?",
    "How is a data engineer different from a data scientist?",
    "I know SQL and Excel and enjoy building dashboards. Which role fits me?",
    "What skills does a machine learning engineer need?",
]
# Several people may chat at once; answering is CPU-bound, so a few at a time is enough.
ANSWER_CONCURRENCY = 4
PRIVATE: dict[str, Any] = {"api_visibility": "private"}
# Opening a chat shows its latest turn (``ui.shell``'s script scrolls the conversation).
SHOW_LATEST = "() => { window.careerbotScrollEnd && window.careerbotScrollEnd(); }"
# On a phone the open sidebar covers the chat: close it once a chat is picked.
CLOSE_SIDEBAR_ON_PHONE = """() => { if (window.innerWidth < 900) {
  document.querySelector('#sidebar.open .toggle-button')?.click(); } }"""

# The page script: the question box's counter and the sidebar opened on wide screens
# (citations, their popover and the chat list are ``ui.shell``'s: a citation click hands
# "turn:n:k" to the hidden box, whose change event opens the guide view).
CITE_SCRIPT = """
() => {
  const count = () => {
    const box = document.querySelector('#question textarea');
    const counter = document.querySelector('#counter');
    if (!box || !counter) return;
    const max = Number(counter.dataset.max || 0);
    const n = box.value.length;
    counter.textContent = n ? `${n.toLocaleString()} / ${max.toLocaleString()}` : '';
    counter.classList.toggle('over', n > max);
  };
  document.addEventListener('input', count, true);
  setInterval(count, 500);
  // The sidebar starts closed; wide screens have room for it.
  let tries = 0;
  const openSidebar = () => {
    const toggle = document.querySelector('#sidebar .toggle-button');
    if (!toggle) { if (tries++ < 100) setTimeout(openSidebar, 100); return; }
    if (window.innerWidth >= 900 && !document.querySelector('#sidebar.open')) toggle.click();
  };
  openSidebar();
}
"""


@dataclass
class Pending:
    """An answer on its way: the chat it was asked in, the question, and what is shown so
    far. Nothing of it is saved until the answer is complete, or stopped: Stop, or the
    event ending early (a closed tab), saves the question with what was shown, whichever
    comes first, once (``saved_as`` is the chat it went to)."""

    before: list[StoredMessage]
    question: str
    shown: str = ""
    saved_as: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stopped(self) -> list[StoredMessage]:
        text = "" if self.shown.startswith("_Searching") else self.shown
        note = {"role": "assistant", "content": f"{text} {STOPPED}".strip(), "error": True}
        return [*self.before, {"role": "user", "content": self.question}, note]


def titled_by(before: list[StoredMessage]) -> bool:
    """Whether a question asked after ``before`` gives the chat its title: the title
    follows the first question (``title_from``), so only a first question changes it."""
    return not any(m.get("role") == "user" for m in before)


@dataclass
class Services:
    bot: Chatbot
    settings: Settings
    conversations: ConversationStore
    feedback: FeedbackStore
    # Each answer being streamed, by (owner, conversation): Stop saves what it shows.
    partial: dict[tuple[str, str], Pending] = field(default_factory=dict)
    # Chats the database could not take (PostgreSQL down), saved once it is back.
    held: HeldChats = field(default_factory=HeldChats)

    @classmethod
    def create(cls, bot: Chatbot, settings: Settings) -> Services:
        return cls(
            bot,
            settings,
            ConversationStore(settings.sql_url),
            FeedbackStore(settings.sql_url),
        )

    def removed(self, messages: list[StoredMessage]) -> set[str]:
        """The guide files these answers cite that are no longer in the library."""
        corpus = self.settings.corpus_dir
        return {f for f in cited_files(messages) if not (corpus / f).is_file()}

    def messages(self, owner: str, conversation_id: str) -> list[StoredMessage]:
        if not owner or not conversation_id:
            return []
        chat = self.conversations.get(owner, conversation_id)
        return chat.messages if chat else []


def conversation_list(services: Services, owner: str, chosen: str, search: str = "") -> str:
    """The sidebar's chat list (HTML, ``ui.chat_list``) of ``owner``'s chats matching
    ``search``."""
    chats = services.conversations.recent(owner, search) if owner else []
    return chat_list_html(chats, chosen, search)


@dataclass
class Sidebar:
    """The saved chats: new, search, switch, and the current chat's rename/export/delete."""

    new: gr.Button
    search: gr.Textbox
    chats: gr.HTML
    picked: gr.Textbox
    title: gr.Textbox
    rename: gr.Button
    export: gr.HTML
    remove: gr.Button
    confirm: gr.Group
    sure: gr.Markdown
    yes: gr.Button
    no: gr.Button


def build_sidebar() -> Sidebar:
    """The sidebar's components (call at the top level of ``gr.Blocks``, before the tabs)."""
    # Closed at first: the page script opens it on wide screens (on a phone it would cover
    # the chat).
    with gr.Sidebar(elem_id="sidebar", label="Chats", open=False):
        new = gr.Button("+ New chat", variant="primary", elem_id="new-chat")
        search = gr.Textbox(
            placeholder="Search chats by title",
            label="Search chats",
            show_label=False,
            elem_id="search",
            max_lines=1,
        )
        # One listbox (one Tab stop, arrows inside); the page script writes the picked
        # chat's id ("id:nonce") to the hidden box, whose change event opens it.
        chats = gr.HTML(chat_list_html([], ""), elem_id="chat-list-box", padding=False)
        picked = gr.Textbox(
            label="Open chat", show_label=False, elem_id="chat-pick", elem_classes=["offscreen"]
        )
        with gr.Accordion("This chat", open=False, elem_id="chat-actions"):
            title = gr.Textbox(label="Title", max_lines=1, elem_id="rename-title")
            rename = gr.Button("Rename", size="sm", elem_id="rename")
            export = gr.HTML(download_link(None), elem_id="export-box", padding=False)
            # "New chat" keeps this one; only this button removes it, and it asks first.
            remove = gr.Button("Delete this chat", size="sm", variant="stop", elem_id="delete-chat")
            with gr.Group(visible=False, elem_id="confirm-delete") as confirm:
                sure = gr.Markdown(elem_id="confirm-text")
                with gr.Row():
                    yes = gr.Button("Delete", variant="stop", size="sm", elem_id="confirm-yes")
                    no = gr.Button("Keep it", size="sm", elem_id="confirm-no")

    return Sidebar(
        new, search, chats, picked, title, rename, export, remove, confirm, sure, yes, no
    )


@dataclass
class ChatPage:
    """The Chat tab's components (and the sidebar's) that its events read or write."""

    side: Sidebar
    # Whom the page was opened for: compared with each event's own identity, never trusted.
    owner: gr.State
    current: gr.State  # the open conversation's id; "" for a new chat not saved yet
    last_feedback: gr.State
    legacy_id: gr.BrowserState
    details: gr.Checkbox
    chat: gr.Chatbot
    reason_box: gr.Group
    reason: gr.Radio
    examples: list[gr.Button]
    question: gr.Textbox
    fresh: gr.Button
    retry: gr.Button
    stop: gr.Button
    send: gr.Button
    guide_box: gr.Column
    guide_title: gr.Markdown
    guide: gr.Markdown
    close: gr.Button
    cite_key: gr.Textbox
    finished: gr.State
    replies: gr.HTML

    @property
    def sidebar_outputs(self) -> list[Any]:
        return [self.side.chats, self.side.title, self.side.export]


def build_chat_tab(
    bot: Chatbot, settings: Settings, demo: Any, side: Sidebar, services: Services
) -> ChatTab:
    """The Chat tab's components and all chat events (call inside ``gr.Blocks`` / ``gr.Tab``,
    with the sidebar built already)."""
    page = _chat_components(bot, settings, side)
    handlers = Handlers(services, identities_for(settings))
    started = demo.load(
        handlers.start,
        [page.legacy_id, page.owner],
        [page.legacy_id, page.owner, page.current, page.chat, *page.sidebar_outputs],
        queue=False,
        **PRIVATE,
    )
    started.then(None, js=SHOW_LATEST, **PRIVATE)
    _wire_answers(page, handlers)
    _wire_sidebar(page, handlers)
    _wire_feedback(page, handlers)
    _wire_guide(page, handlers)
    return ChatTab(chat=page.chat, owner=page.owner, current=page.current)


def _chat_components(bot: Chatbot, settings: Settings, side: Sidebar) -> ChatPage:
    with gr.Row(elem_id="chat-head"):
        gr.HTML(mode_badge(bot.mode), elem_id="mode-badge")
        details = gr.Checkbox(
            label="Show source details", value=False, elem_id="details", container=False
        )
    # In the chat's own toolbar: a new chat that keeps this one (Gradio's trash icon read as
    # deleting it). Gradio moves a Button listed in ``buttons`` into the toolbar.
    fresh = gr.Button("New chat", size="sm", elem_id="chat-new")
    with gr.Row():
        with gr.Column(scale=3, min_width=280):
            chat = gr.Chatbot(
                label="Conversation",
                elem_id="chat",
                height=None,
                min_height=240,
                autoscroll=True,
                # A pencil on each question: edit it and send it again (``Handlers.edit``).
                editable="user",
                sanitize_html=True,
                allow_tags=False,
                # No "share" (it does nothing here) and no "copy all" (Export does it better).
                buttons=["copy", fresh],
                feedback_options=("Like", "Dislike"),
                placeholder="Ask about data careers: what a role does, its skills, tools, pay, "
                "how two roles compare, or which one fits you.",
            )
            with gr.Group(visible=False, elem_id="feedback-reason") as reason_box:
                reason = gr.Radio(
                    list(REASONS), label="What was wrong? (optional)", elem_id="reason"
                )
            gr.Markdown("**Try:**", elem_id="try")
            with gr.Row(elem_id="examples"):
                examples = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
            with gr.Group(elem_id="composer"):
                question = gr.Textbox(
                    placeholder="Ask a question and press Enter",
                    label="Your question",
                    show_label=False,
                    elem_id="question",
                    max_lines=4,
                )
                with gr.Row(elem_id="composer-actions"):
                    gr.HTML(
                        f'<span id="counter" data-max="{settings.max_question_chars}"></span>',
                        elem_id="counter-box",
                        padding=False,
                    )
                    small: dict[str, Any] = {"size": "sm", "scale": 0, "min_width": 0}
                    # Its tooltip (the page script's) says the new answer replaces the old.
                    retry = gr.Button("Regenerate", elem_id="retry", **small)
                    # Only while an answer is coming (``stop_button``).
                    stop = gr.Button("Stop", elem_id="stop", interactive=False, **small)
                    send = gr.Button("Ask", variant="primary", elem_id="ask", **small)
        with gr.Column(scale=2, min_width=280, visible=False, elem_id="guide-view") as guide_box:
            with gr.Row():
                guide_title = gr.Markdown(elem_id="guide-title")
                close = gr.Button("Close", size="sm", scale=0, elem_id="guide-close")
            guide = gr.Markdown(elem_id="guide", sanitize_html=True)
    return ChatPage(
        side=side,
        owner=gr.State("", time_to_live=settings.ui_session_ttl),
        current=gr.State("", time_to_live=settings.ui_session_ttl),
        last_feedback=gr.State(None, time_to_live=settings.ui_session_ttl),
        # The id this browser kept before ids became signed cookies: read once at page load
        # to move its chats over, then emptied.
        legacy_id=gr.BrowserState(
            "", storage_key="careerbot-browser-id", secret=browser_secret(settings)
        ),
        details=details,
        chat=chat,
        reason_box=reason_box,
        reason=reason,
        examples=examples,
        question=question,
        fresh=fresh,
        retry=retry,
        stop=stop,
        send=send,
        guide_box=guide_box,
        guide_title=guide_title,
        guide=guide,
        close=close,
        cite_key=gr.Textbox(
            label="Citation", elem_id="cite-key", elem_classes=["offscreen"], show_label=False
        ),
        # How many replies this page has finished: a signal for screen readers and for
        # tests, which wait on it instead of guessing when a stream has ended.
        finished=gr.State(0),
        replies=gr.HTML(
            '<span id="replies">replies: 0</span>',
            elem_classes=["offscreen"],
            elem_id="replies-box",
        ),
    )


def stop_button(answering: bool) -> Any:
    """Stop is red and pressable only while an answer is coming."""
    return gr.Button(interactive=answering, variant="stop" if answering else "secondary")


class Handlers:
    """What each chat event does, for the person who sent it.

    Every event method but ``start`` goes through ``per_request`` (``ui.identity``): its
    ``who`` comes from the event's request, and ``page_owner`` (the session state) is only
    checked against it. Every store call names ``who``, so a conversation id of someone
    else's reads as "no such chat" and is never written.
    """

    def __init__(self, services: Services, identities: Identities) -> None:
        self.services = services
        self.identities = identities

    def messages(self, who: str, chosen: str) -> list[StoredMessage]:
        """The chat as saved, or as held while the database cannot take it."""
        held = self.services.held
        if held.is_waiting((who, chosen)):
            return held.copy((who, chosen)) or []
        messages = self.services.messages(who, chosen)
        if chosen:
            held.seen((who, chosen), messages)
        return messages

    def _before(self, who: str, chosen: str) -> tuple[str, list[StoredMessage]]:
        """The chat a question is asked after, and its id (a held new chat may have just
        got one). With the database down: the copy this server last had, so the question
        is answered after the turns before it; with no copy, a new chat, so that saving it
        later never overwrites turns it does not know of."""
        chosen = self._flush(who).get(chosen, chosen)
        try:
            return chosen, self.messages(who, chosen)
        except SQLAlchemyError as exc:
            log.warning("a chat could not be read: %s", database_reason(exc))
            copy = self.services.held.copy((who, chosen))
            return (chosen, copy) if copy is not None else ("", [])

    def _flush(self, who: str, *, raising: bool = False) -> dict[str, str]:
        """Save ``who``'s held chats now that the database may be back; the new ids of held
        new chats (by their old id, ""). Still down, they keep waiting (and ``raising``
        passes the database's error on)."""
        held, renamed = self.services.held, dict[str, str]()
        for key in held.waiting(who):
            copy = held.copy(key)
            if copy is None:
                continue
            try:
                saved_as = self._write(who, key[1], copy)
            except SQLAlchemyError:
                if raising:
                    raise
                return renamed
            held.saved(key, saved_as, copy)
            renamed[key[1]] = saved_as
            log.info("a chat held while the database was down is saved")
        return renamed

    def display(self, messages: list[StoredMessage], details: bool = False) -> list[dict[str, Any]]:
        """The chat as shown; citations of guides deleted since say so."""
        return display(messages, details=details, removed=self.services.removed(messages))

    def sidebar(self, who: str, chosen: str, text: str = "") -> tuple[Any, Any, Any]:
        """The chat list, the open chat's title and its download link."""
        services = self.services
        saved = services.conversations.get(who, chosen) if who and chosen else None
        return (
            conversation_list(services, who, chosen, text),
            gr.Textbox(value=saved.title if saved else ""),
            download_link(saved.id if saved and saved.messages else None),
        )

    def start(self, legacy_id: str, page_owner: str, request: gr.Request) -> tuple[Any, ...]:
        """On page load: who this is (from the request), and their latest chat reopened.
        A page whose session is already someone else's is left alone."""
        who = self.identities.owner(request)
        if not who or (page_owner and page_owner != who):
            gr.Warning(RELOAD)
            return gr.skip()
        try:
            # A chat held while the database was down, saved now if it is back; if it is
            # not, the page opens at once on the held chat (one wait, not two).
            self._flush(who, raising=True)
            if legacy_id and who.startswith("browser:"):
                # Chats saved under the id this browser kept before ids became signed cookies.
                self.services.conversations.reassign(owner_for(None, legacy_id), who)
            latest = self.services.conversations.recent(who)
            chosen = latest[0].id if latest else ""
            return (
                "",
                who,
                chosen,
                self.display(self.messages(who, chosen)),
                *self.sidebar(who, chosen),
            )
        except SQLAlchemyError as exc:
            # The page opens on the chat this server last had of theirs (the one they were
            # asking in while the database was down), else a new one, with a note saying why
            # (a page-load event shows no toast).
            note = {"role": "assistant", "content": unavailable(exc)}
            last = self.services.held.latest(who)
            if last is None:
                return ("", who, "", [note], *(gr.skip(),) * 3)
            (_, held_id), copy = last
            return ("", who, held_id, [*self.display(copy), note], *(gr.skip(),) * 3)

    def listed(
        self, who: str, chosen: str, search: str, retitle: bool = True
    ) -> tuple[Any, Any, Any]:
        """The sidebar from one list query: the chat list, the open chat's title (from the
        same list) and its download link. Without ``retitle`` the title box is left as it
        is: an answer that did not change the chat's title must not write it again, since
        the person may be typing a new one there meanwhile (a late write would undo it)."""
        found = self.services.conversations.recent(who, search) if who else []
        title = next((c.title for c in found if c.id == chosen), None)
        if title is None and chosen:  # filtered out by the search box
            saved = self.services.conversations.get(who, chosen)
            title = saved.title if saved else None
        return (
            chat_list_html(found, chosen, search),
            gr.Textbox(value=title or "") if retitle else gr.skip(),
            download_link(chosen if title is not None else None),
        )

    def _write(self, who: str, chosen: str, messages: list[StoredMessage]) -> str:
        """One write: the chat saved (created if new, or if it was deleted meanwhile)."""
        if chosen and self.services.conversations.save(who, chosen, messages):
            return chosen
        return self.services.conversations.create(who, messages).id

    def _save(self, who: str, chosen: str, messages: list[StoredMessage]) -> str:
        """The chat written, or held and its owner told in words when the database is
        down; the id it has (unchanged while held)."""
        key = (who, chosen)
        try:
            saved_as = self._write(who, chosen, messages)
        except SQLAlchemyError as exc:
            reason = database_reason(exc)
            log.warning("a chat could not be saved: %s", reason)
            kept = self.services.held.hold(key, messages)
            gr.Warning((DOWN if kept else NOT_SAVED).format(reason=reason))
            return chosen
        self.services.held.saved(key, saved_as, messages)
        return saved_as

    def _finished(
        self,
        who: str,
        chosen: str,
        messages: list[StoredMessage],
        detailed: bool,
        search: str,
        count: int,
        retitle: bool = True,
    ) -> tuple[Any, ...]:
        """What every answer ends with, stopped or not: the chat as saved, the sidebar once
        (its title only when ``retitle``: the answer gave the chat its title), the replies
        counter, Stop greyed out."""
        done = count + 1
        replies = f'<span id="replies">replies: {done}</span>'
        shown = self.display(messages, details=detailed)
        try:
            side = self.listed(who, chosen, search, retitle)
        except SQLAlchemyError:  # the database is down: the sidebar stays as it was
            side = (gr.skip(),) * 3
        return (shown, chosen, *side, done, replies, stop_button(False))

    def _answer(
        self,
        who: str,
        question: str,
        chosen: str,
        detailed: bool,
        search: str,
        count: int,
        before: list[StoredMessage] | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """One question, one event: shown at once, answered as it streams, then saved once
        with its answer. ``before`` is the chat it is asked after (default: the saved chat,
        read once); the question itself is passed along, not saved and read back."""
        if not question.strip():
            gr.Warning("Type a question first.")
            yield (gr.skip(),) * len(ANSWER_OUTPUTS)
            return
        if before is None:
            chosen, chat = self._before(who, chosen)
        else:
            chat = before
        key = (who, chosen)
        pending = self.services.partial[key] = Pending(chat, question)
        skip = gr.skip()
        try:
            for n, frame in enumerate(reply_frames(self.services.bot, chat, question)):
                if frame.done is None:
                    pending.shown = str(frame.messages[-1]["content"])
                    shown = self.display(frame.messages, details=detailed)
                    first = n == 0  # clear the box, Stop on, an old reason box away
                    yield (
                        "" if first else skip,
                        shown,
                        *(skip,) * 6,
                        stop_button(True) if first else skip,
                        gr.Group(visible=False) if first else skip,
                    )
                    continue
                with pending.lock:
                    if pending.saved_as is not None:  # stopped just now: that stays
                        return
                    pending.saved_as = self._save(who, chosen, frame.messages)
                retitle = titled_by(chat) or pending.saved_as != chosen
                finished = self._finished(
                    who, pending.saved_as, frame.messages, detailed, search, count, retitle
                )
                yield (skip, *finished, skip)
        finally:
            # Ended early (cancelled by Stop, or the page went away): keep the question.
            self._close(who, chosen, pending)
            if self.services.partial.get(key) is pending:
                del self.services.partial[key]

    def _close(self, who: str, chosen: str, pending: Pending) -> str:
        """Save a stopped answer once, whoever gets here first; the chat it is in."""
        with pending.lock:
            if pending.saved_as is None:
                pending.saved_as = self._save(who, chosen, pending.stopped())
            return pending.saved_as

    @per_request
    def ask_question(  # the question box, and an example button (its label is the question)
        self,
        who: str,
        page_owner: str,
        text: str,
        chosen: str,
        detailed: bool,
        search: str,
        count: int,
    ) -> Iterator[tuple[Any, ...]]:
        yield from self._answer(who, text, chosen, detailed, search, count)

    @per_request
    def chip(
        self,
        who: str,
        page_owner: str,
        chosen: str,
        detailed: bool,
        search: str,
        count: int,
        picked: gr.SelectData,
    ) -> Iterator[tuple[Any, ...]]:
        yield from self._answer(who, str(picked.value), chosen, detailed, search, count)

    @per_request
    def retry(
        self, who: str, page_owner: str, chosen: str, detailed: bool, search: str, count: int
    ) -> Iterator[tuple[Any, ...]]:
        """The last question asked again; its old answer is replaced when the new one is
        saved (nothing is written before)."""
        messages = self.messages(who, chosen)
        last = next(
            (i for i in range(len(messages) - 1, -1, -1) if messages[i].get("role") == "user"), None
        )
        if last is None:
            yield (gr.skip(),) * len(ANSWER_OUTPUTS)
            return
        question = str(messages[last]["content"])
        yield from self._answer(who, question, chosen, detailed, search, count, messages[:last])

    @per_request
    def edit(
        self,
        who: str,
        page_owner: str,
        chosen: str,
        detailed: bool,
        search: str,
        count: int,
        edited: gr.EditData,
    ) -> Iterator[tuple[Any, ...]]:
        """A question edited in place and sent again, as in ChatGPT: it and every turn
        after it are replaced by the new question and its answer. Nothing is written until
        that answer is saved (or stopped), in one write of ``who``'s own chat: the turns
        are read with ``who``, so another person's chat id finds no question to edit."""
        messages = self.messages(who, chosen)
        turn = question_turn(messages, edited.index)
        if turn is None:
            gr.Warning("That question is no longer in this chat: nothing was changed.")
            yield (gr.skip(),) * len(ANSWER_OUTPUTS)
            return
        question = edited_text(edited.value)
        yield from self._answer(who, question, chosen, detailed, search, count, messages[:turn])

    @per_request
    def stop(
        self, who: str, page_owner: str, chosen: str, detailed: bool, search: str, count: int
    ) -> tuple[Any, ...]:
        """Keep the question and what was shown, marked, so the question is not lost and
        the part is not taken for a whole answer: one write, then the sidebar once."""
        pending = self.services.partial.pop((who, chosen), None)
        retitle = False
        if pending is not None:
            saved_as = self._close(who, chosen, pending)
            retitle, chosen = titled_by(pending.before) or saved_as != chosen, saved_as
        messages = self.messages(who, chosen)
        return self._finished(who, chosen, messages, detailed, search, count, retitle)

    @per_request
    def redisplay(self, who: str, page_owner: str, chosen: str, detailed: bool) -> Any:
        return self.display(self.messages(who, chosen), details=detailed)

    @per_request
    def new_chat(self, who: str, page_owner: str, text: str) -> tuple[Any, ...]:
        # A new chat is saved with its first question, so empty ones never pile up.
        return ("", [], *self.sidebar(who, "", text), gr.Group(visible=False))

    @per_request
    def switch(
        self, who: str, page_owner: str, picked: str | None, detailed: bool, text: str
    ) -> tuple[Any, ...]:
        """Open the picked chat ("id:nonce" from the list's page script)."""
        wanted = (picked or "").split(":", 1)[0]
        saved = self.services.conversations.get(who, wanted) if wanted else None
        chosen = saved.id if saved else ""  # an id of someone else's opens nothing
        shown = self.display(saved.messages if saved else [], details=detailed)
        return (chosen, shown, *self.sidebar(who, chosen, text))

    @per_request
    def search(self, who: str, page_owner: str, chosen: str, text: str) -> Any:
        return self.sidebar(who, chosen, text)[0]

    @per_request
    def rename(
        self, who: str, page_owner: str, chosen: str, new_title: str, text: str
    ) -> tuple[Any, ...]:
        if not chosen:
            gr.Warning("Ask a question first: a new chat is saved with its first question.")
        else:
            try:
                self.services.conversations.rename(who, chosen, new_title)
            except CareerbotError as exc:
                gr.Warning(user_message(exc, "web"))
        return self.sidebar(who, chosen, text)

    @per_request
    def ask_delete(self, who: str, page_owner: str, chosen: str) -> tuple[Any, Any]:
        saved = self.services.conversations.get(who, chosen) if chosen else None
        if saved is None:
            gr.Warning("There is no saved chat to delete yet.")
            return gr.Group(visible=False), ""
        return gr.Group(visible=True), (
            f"Delete “{inert(saved.title)}” for good? It leaves your chats and cannot be "
            "brought back. (**New chat** keeps it.)"
        )

    @per_request
    def delete(self, who: str, page_owner: str, chosen: str, text: str) -> tuple[Any, ...]:
        if chosen:
            self.services.conversations.delete(who, chosen)
        return ("", [], *self.sidebar(who, "", text), gr.Group(visible=False))

    @per_request
    def like(
        self, who: str, page_owner: str, chosen: str, liked: gr.LikeData
    ) -> tuple[Any, Any, Any]:
        """Store a thumb with the question, history and answer; a thumb down asks why."""
        messages = self.messages(who, chosen)
        index = liked.index if isinstance(liked.index, int) else liked.index[0]
        turn = turn_at(messages, index)
        hidden = (gr.Group(visible=False), None, gr.Radio(value=None))
        if turn is None:
            return hidden
        if liked.liked not in (True, False):
            self.services.feedback.withdraw(who, chosen, turn)
            return hidden
        asked = max(i for i in range(turn) if messages[i].get("role") == "user")
        item = Feedback(
            owner=who,
            conversation_id=chosen,
            turn=turn,
            rating="up" if liked.liked is True else "down",
            question=str(messages[asked]["content"]),
            answer=dict(messages[turn]["answer"]),
            history=history_of(messages[:asked]),
        )
        feedback_id = self.services.feedback.record(item)
        if item.rating == "up":
            gr.Info("Thanks for the feedback.")
            return hidden
        return gr.Group(visible=True), feedback_id, gr.Radio(value=None)

    @per_request
    def reason(self, who: str, page_owner: str, feedback_id: int | None, picked: str | None) -> Any:
        if feedback_id is None or not picked:
            return gr.Group()
        self.services.feedback.set_reason(who, feedback_id, picked)
        gr.Info("Thanks: the reason was saved with the answer.")
        return gr.Group(visible=False)

    @per_request
    def open_citation(
        self, who: str, page_owner: str, chosen: str, key: str
    ) -> tuple[Any, Any, Any]:
        """The guide a citation ("turn:n:k:nonce", k its marker) points to, the quoted
        sentences and their passage highlighted."""
        try:
            turn_text, rest = key.split(":", 1)
            n, k = parse_key(rest)
            message = self.messages(who, chosen)[int(turn_text)]
            view = cited_guide(
                self.services.settings, str(message["content"]), sources_of(message), n, k
            )
        except (ValueError, IndexError, KeyError):
            # A key the page script did not make (or a chat changed meanwhile).
            gr.Warning("That citation no longer points to a passage of this chat.")
            return gr.Column(visible=False), "", ""
        if view.warning:
            gr.Warning(view.warning)
            return gr.Column(visible=False), "", ""
        return gr.Column(visible=True), view.heading, view.markdown


def answer_outputs(page: ChatPage) -> list[Any]:
    """What an answer event updates, in ``ANSWER_OUTPUTS`` order."""
    return [
        page.question,
        page.chat,
        page.current,
        *page.sidebar_outputs,
        page.finished,
        page.replies,
        page.stop,
        page.reason_box,
    ]


# The outputs of an answer event (see ``answer_outputs``).
ANSWER_OUTPUTS = (
    "question",
    "chat",
    "current",
    "chats",
    "title",
    "export",
    "finished",
    "replies",
    "stop",
    "reason_box",
)


def _wire_answers(page: ChatPage, h: Handlers) -> None:
    """Asking (box, Ask, examples, chips), retry and edit-and-resend: one event per question
    each, which shows the question, streams the answer, saves the turn once and lists the
    sidebar once. Stop cancels it and saves what was shown; the details toggle redraws."""
    state = [page.owner, page.current, page.details, page.side.search, page.finished]
    answer_options: dict[str, Any] = {
        "concurrency_limit": ANSWER_CONCURRENCY,
        "concurrency_id": "answers",
        "show_progress": "hidden",
        **PRIVATE,
    }
    outputs = answer_outputs(page)
    answering: list[Any] = []
    after_box = [page.current, page.details, page.side.search, page.finished]
    answering.append(
        page.question.submit(
            h.ask_question, [page.owner, page.question, *after_box], outputs, **answer_options
        )
    )
    answering.append(
        page.send.click(
            h.ask_question, [page.owner, page.question, *after_box], outputs, **answer_options
        )
    )
    for button in page.examples:
        answering.append(
            button.click(
                h.ask_question, [page.owner, button, *after_box], outputs, **answer_options
            )
        )
    answering.append(page.chat.option_select(h.chip, state, outputs, **answer_options))
    for trigger in (page.retry.click, page.chat.retry):
        answering.append(trigger(h.retry, state, outputs, **answer_options))
    # Edit-and-resend: the edited question is answered after the turns before it.
    answering.append(page.chat.edit(h.edit, state, outputs, **answer_options))
    page.stop.click(h.stop, state, outputs[1:-1], cancels=answering, queue=False, **PRIVATE)
    page.details.change(h.redisplay, state[:3], page.chat, queue=False, **PRIVATE)


def _wire_sidebar(page: ChatPage, h: Handlers) -> None:
    side = page.side
    fresh = [page.current, page.chat, *page.sidebar_outputs, side.confirm]
    quick: dict[str, Any] = {"queue": False, **PRIVATE}
    side.new.click(h.new_chat, [page.owner, side.search], fresh, **quick)
    side.new.click(None, js=CLOSE_SIDEBAR_ON_PHONE, **PRIVATE)
    # The chat's own "New chat" button: the same, the old chat stays in the sidebar.
    page.fresh.click(h.new_chat, [page.owner, side.search], fresh, **quick)
    # .change, not .input: the box is set by the list's page script, not typed into.
    switched = side.picked.change(
        h.switch,
        [page.owner, side.picked, page.details, side.search],
        [page.current, page.chat, *page.sidebar_outputs],
        **quick,
    )
    switched.then(None, js=SHOW_LATEST, **PRIVATE)
    side.search.change(h.search, [page.owner, page.current, side.search], side.chats, **quick)
    renamed = [page.owner, page.current, side.title, side.search]
    side.rename.click(h.rename, renamed, page.sidebar_outputs, **PRIVATE)
    side.title.submit(h.rename, renamed, page.sidebar_outputs, **PRIVATE)
    side.remove.click(
        h.ask_delete, [page.owner, page.current], [side.confirm, side.sure], **PRIVATE
    )
    side.yes.click(h.delete, [page.owner, page.current, side.search], fresh, **PRIVATE)
    side.no.click(lambda: gr.Group(visible=False), None, side.confirm, **quick)


def _wire_feedback(page: ChatPage, h: Handlers) -> None:
    page.chat.like(
        h.like,
        [page.owner, page.current],
        [page.reason_box, page.last_feedback, page.reason],
        **PRIVATE,
    )
    page.reason.input(
        h.reason, [page.owner, page.last_feedback, page.reason], page.reason_box, **PRIVATE
    )


def _wire_guide(page: ChatPage, h: Handlers) -> None:
    # .change, not .input: the box is set by the page script, not typed into.
    opened = page.cite_key.change(
        h.open_citation,
        [page.owner, page.current, page.cite_key],
        [page.guide_box, page.guide_title, page.guide],
        **PRIVATE,
    )
    opened.then(None, js=SHOW_MARK, **PRIVATE)
    page.close.click(lambda: gr.Column(visible=False), None, page.guide_box, queue=False, **PRIVATE)


@dataclass
class ChatTab:
    chat: gr.Chatbot
    owner: gr.State
    current: gr.State


__all__ = ["CITE_SCRIPT", "NEW_TITLE", "ChatTab", "Services", "build_chat_tab"]
