"""The chatbot: question + history -> roles -> route -> retrieve -> compose -> Answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from langchain_chroma import Chroma

from bot.answer import Answer, Route
from bot.compare import Comparer, aspects_for_question, resolve_aspects, resolve_roles
from bot.compare_passages import comparison_passages
from bot.compose import Composer, ConversationalComposer, OfflineComposer
from bot.embeddings import VectorCache, embeddings_for
from bot.fit import Matcher
from bot.question import normalize_history, prepare_question
from bot.retrieval import Passage, retrieve
from bot.roles import RoleCatalog, roles_from_history
from bot.route import decide, profile_of
from bot.settings import Settings
from bot.store import CATALOG_KEY, is_current, read_metadata, vector_store


class Chatbot:
    """Answers career questions from the indexed guides. Cheap to create: the model and the
    store are opened on first use and shared by everything in the process."""

    def __init__(self, settings: Settings | None = None, *, composer: Composer | None = None):
        self.settings = settings or Settings()
        self.embeddings = embeddings_for(self.settings)
        self.vectors = VectorCache(self.embeddings)
        self.composer: Composer = composer or self._default_composer()
        self._store: Chroma | None = None
        self._catalog: RoleCatalog | None = None
        self._catalog_raw = ""
        self._lock = threading.Lock()

    @property
    def store(self) -> Chroma:
        with self._lock:
            # A rebuild drops and recreates the collection; reopen by name rather than
            # query the dropped one. Incremental ingests update it in place.
            if self._store is None or not is_current(self._store):
                self._store = vector_store(self.settings, self.embeddings, create=False)
            return self._store

    @property
    def catalog(self) -> RoleCatalog:
        # Checked every time: a re-ingest (possibly by another process) may add or remove
        # roles. Parsing (and compiling the name patterns) only happens when it changed.
        raw = str(read_metadata(self.store).get(CATALOG_KEY, ""))
        if self._catalog is None or raw != self._catalog_raw:
            self._catalog, self._catalog_raw = RoleCatalog.from_json(raw), raw
        return self._catalog

    def _default_composer(self) -> Composer:
        offline = OfflineComposer(self.vectors, self.settings.answer_sentences)
        if not self.settings.uses_llm:
            return offline
        from bot.llm import LLMComposer

        return LLMComposer(self.settings, fallback=offline)

    @property
    def mode(self) -> str:
        return "llm" if self.settings.uses_llm else "offline"

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer:
        turn = self.prepare(question, history)
        return turn.noted(turn.answer or self._compose(turn))

    def _compose(self, turn: Turn) -> Answer:
        if isinstance(self.composer, ConversationalComposer):
            return self.composer.compose(
                turn.question, turn.passages, turn.history, route=turn.route, offline=turn.offline
            )
        return self.composer.compose(turn.question, turn.passages, turn.history)

    def prepare(self, question: str, history: Sequence[Any] | None = None) -> Turn:
        """Everything before composing: validate, resolve roles, retrieve, gate."""
        prepared = prepare_question(question, self.settings.max_question_chars)
        turns = normalize_history(history)
        catalog = self.catalog
        named = catalog.resolve(prepared.text)
        turn = Turn(prepared.text, turns, prepared.notices)
        routed = self._routed(turn, named, catalog)
        if routed is not None:
            return routed
        roles = named or roles_from_history(catalog, turns)
        query = self._search_query(prepared.text, turns, named, roles, catalog)
        passages = self.retrieve(query, roles)
        # The relevance gate comes before any composer, so an off-topic question never
        # reaches the LLM.
        refusal = None if self.covered(passages) else not_covered(catalog)
        return replace(turn, passages=passages, answer=refusal)

    def _routed(self, turn: Turn, named: list[str], catalog: RoleCatalog) -> Turn | None:
        """A comparison or role-fit turn when the question asks for one (bot.route)."""
        decision = decide(turn.question, named, roles_from_history(catalog, turn.history))
        if decision.kind == "compare":
            return self._comparison(turn, decision.roles, catalog)
        if decision.kind == "fit":
            return replace(turn, answer=self._fit(turn.question, catalog))
        return None

    def _comparison(self, turn: Turn, roles: Sequence[str], catalog: RoleCatalog) -> Turn:
        """Offline, the comparison table is the answer. An LLM writes its own table from
        each role's passages, aspect by aspect, and the offline table stands by."""
        comparer = self._comparer(catalog)
        aspects = aspects_for_question(turn.question)
        table = partial(comparer.compare, roles, aspects)
        if not isinstance(self.composer, ConversationalComposer):
            return replace(turn, answer=table())
        passages = comparison_passages(self.store, self.vectors, catalog, roles, aspects)
        return replace(turn, passages=passages, route="compare", offline=table)

    def compare(self, roles: Sequence[str], aspects: Sequence[str] | None = None) -> Answer:
        """Two to four roles (ids, titles or aliases) side by side; ``aspects`` are ids from
        ``bot.compare.ASPECTS`` (default: all of them)."""
        catalog = self.catalog
        rows = resolve_aspects(aspects)
        return self._comparer(catalog).compare(resolve_roles(catalog, roles), rows)

    def fit(self, profile: str) -> Answer:
        """The three roles that best match what a person says about themselves."""
        if not str(profile or "").strip():
            raise ValueError("Please describe yourself: what you enjoy and what you know.")
        prepared = prepare_question(profile, self.settings.max_question_chars)
        answer = self._fit(prepared.text, self.catalog)
        answer.notices = [*prepared.notices, *answer.notices]
        return answer

    def _comparer(self, catalog: RoleCatalog) -> Comparer:
        return Comparer(self.store, self.vectors, catalog)

    def _fit(self, profile: str, catalog: RoleCatalog) -> Answer:
        matcher = Matcher(self.store, self.vectors, catalog)
        about = profile_of(profile)
        matches = matcher.rank(about)
        # The same bar as a question: if no guide describes anything like it, say so.
        if not matches or matches[0].score < self.settings.relevance_threshold:
            return not_covered(catalog)
        return matcher.recommend(about, matches)

    def stream(self, question: str, history: Sequence[Any] | None = None) -> Iterator[Answer]:
        """Yield the answer as it grows: partial ``Answer``s (text so far, no sources yet),
        then the complete one, which is always the last item.

        An LLM composer streams its tokens as they arrive. The offline composer has the
        whole text at once; it is released paragraph by paragraph so every interface can
        treat both modes the same way.
        """
        turn = self.prepare(question, history)
        if turn.answer is None and isinstance(self.composer, ConversationalComposer):
            pieces = self.composer.stream(
                turn.question, turn.passages, turn.history, route=turn.route, offline=turn.offline
            )
            for piece in pieces:
                yield turn.noted(piece)
            return
        answer = turn.noted(turn.answer or self._compose(turn))
        paragraphs = answer.text.split("\n\n")
        for n in range(1, len(paragraphs)):
            yield replace(answer, text="\n\n".join(paragraphs[:n]), sources=[])
        yield answer

    def retrieve(self, query: str, roles: Sequence[str]) -> list[Passage]:
        vector = self.vectors.vector(query)
        return retrieve(self.store, vector.tolist(), roles=roles, k=self.settings.top_k)

    def warm(self, limit: int = 20_000) -> int:
        """Embed the indexed sentences ahead of questions (the web app does this at start);
        returns how many were embedded. Answers do not depend on it beyond float rounding."""
        from bot.warm import warm

        return warm(self.store, self.vectors, limit)

    def covered(self, passages: Sequence[Passage]) -> bool:
        return bool(passages) and passages[0].score >= self.settings.relevance_threshold

    def _search_query(
        self,
        text: str,
        turns: Sequence[dict[str, str]],
        named: Sequence[str],
        roles: Sequence[str],
        catalog: RoleCatalog,
    ) -> str:
        """With an LLM, a follow-up is rewritten into a standalone question for the search;
        otherwise (or if the rewrite fails) it is searched with its roles' names added."""
        if turns and isinstance(self.composer, ConversationalComposer):
            standalone = self.composer.standalone_question(text, turns)
            if standalone != text:
                return standalone
        return self._query(text, named, roles, catalog)

    @staticmethod
    def _query(text: str, named: Sequence[str], roles: Sequence[str], catalog: RoleCatalog) -> str:
        """A follow-up ("what tools do they use?") is searched as if it named its roles."""
        if named or not roles:
            return text
        return f"{text} ({', '.join(catalog.title(r) for r in roles)})"


@dataclass
class Turn:
    """A question made ready to answer: the passages to compose from, or an ``answer``
    that needs no composing (a refusal, or an offline comparison or role fit)."""

    question: str
    history: list[dict[str, str]]
    notices: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    answer: Answer | None = None
    route: Route = "answer"
    # What to answer if the LLM fails; None means the offline composer over ``passages``.
    offline: Callable[[], Answer] | None = None

    def noted(self, answer: Answer) -> Answer:
        """The answer with this question's own notices (e.g. it was cut) first."""
        return replace(answer, notices=[*self.notices, *answer.notices])


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")
