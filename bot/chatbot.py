"""The chatbot: question + history -> roles -> route -> retrieve -> compose -> Answer."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from langchain_chroma import Chroma

from bot.answer import Answer
from bot.compare import Comparer, aspects_for_question, resolve_aspects, resolve_roles
from bot.compose import Composer, OfflineComposer
from bot.embeddings import VectorCache, embeddings_for
from bot.fit import Matcher
from bot.question import normalize_history, prepare_question
from bot.retrieval import Passage, retrieve
from bot.roles import RoleCatalog, roles_from_history
from bot.route import decide, profile_of
from bot.settings import Settings
from bot.store import CATALOG_KEY, read_metadata, vector_store


class Chatbot:
    """Answers career questions from the indexed guides. Cheap to create: the model and the
    store are opened on first use and shared by everything in the process."""

    def __init__(self, settings: Settings | None = None, *, composer: Composer | None = None):
        self.settings = settings or Settings()
        self.embeddings = embeddings_for(self.settings)
        self.vectors = VectorCache(self.embeddings)
        self.composer: Composer = composer or OfflineComposer(
            self.vectors, self.settings.answer_sentences
        )
        self._store: Chroma | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> Chroma:
        with self._lock:
            if self._store is None:
                self._store = vector_store(self.settings, self.embeddings, create=False)
            return self._store

    @property
    def catalog(self) -> RoleCatalog:
        # Read every time: a re-ingest (possibly by another process) may add or remove roles.
        return RoleCatalog.from_json(str(read_metadata(self.store).get(CATALOG_KEY, "")))

    @property
    def mode(self) -> str:
        return "offline"

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer:
        prepared = prepare_question(question, self.settings.max_question_chars)
        turns = normalize_history(history)
        catalog = self.catalog
        named = catalog.resolve(prepared.text)
        decision = decide(prepared.text, named, roles_from_history(catalog, turns))
        if decision.kind == "compare":
            answer = self._comparer(catalog).compare(
                decision.roles, aspects_for_question(prepared.text)
            )
        elif decision.kind == "fit":
            answer = self._fit(prepared.text, catalog)
        else:
            roles = decision.roles
            query = self._query(prepared.text, named, roles, catalog)
            passages = self.retrieve(query, roles)
            if not self.covered(passages):
                answer = not_covered(catalog)
            else:
                answer = self.composer.compose(prepared.text, passages, turns)
        answer.notices = [*prepared.notices, *answer.notices]
        return answer

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
        if not matches or matches[0].score < self.settings.relevance_threshold:
            return not_covered(catalog)
        return matcher.recommend(about, matches)

    def stream(self, question: str, history: Sequence[Any] | None = None) -> Iterator[Answer]:
        """Yield the answer as it grows: partial ``Answer``s (text so far, no sources yet),
        then the complete one, which is always the last item.

        The offline composer has the whole text at once; it is released paragraph by
        paragraph so every interface can treat both modes the same way.
        """
        answer = self.ask(question, history)
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

    @staticmethod
    def _query(text: str, named: Sequence[str], roles: Sequence[str], catalog: RoleCatalog) -> str:
        """A follow-up ("what tools do they use?") is searched as if it named its roles."""
        if named or not roles:
            return text
        return f"{text} ({', '.join(catalog.title(r) for r in roles)})"


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")
