"""The chatbot: a thin facade over the steps of a turn.

    understand -> route -> retrieve (evidence) -> compose -> Answer

Each step is a subpackage (``bot.understand``, ``bot.routes``, ``bot.compose``) over the
shared ``bot.core`` and ``bot.index``; this class only holds what they share (settings, the
model, the opened index with its role catalog) and hands it down to them, running them in
order. No step calls back up into it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from langchain_chroma import Chroma

from bot.compose.offline import Composer, OfflineComposer, collected
from bot.compose.parts import joined
from bot.core.errors import EmptyProfileError
from bot.core.messages import Message, normalize_history
from bot.core.results import Answer, Mode, Passage
from bot.core.roles import RoleCatalog, name_of, with_article
from bot.core.settings import Settings
from bot.index.embeddings import VectorCache, embeddings_for
from bot.index.opened import OpenedIndex
from bot.index.sentence_store import SentenceStore
from bot.index.store import collection_name, read_metadata
from bot.routes.act import (
    act_reply,
    claim_of,
    other_language,
    why_reply,
    why_unreasoned,
    why_without_context,
)
from bot.routes.compare import resolve_roles
from bot.routes.evidence import Evidence
from bot.routes.table import claimed, gathered, route_of
from bot.understand.acts import ActClassifier, foreign_act
from bot.understand.aspects import resolve_aspects
from bot.understand.clauses import parts_of
from bot.understand.conversation import understand, user_turns, verdict_asked_before
from bot.understand.direction import (
    DirectionClassifier,
    asks_direction,
    request_of,
    states_preferences,
)
from bot.understand.examples import LabelledExamples
from bot.understand.foreign_roles import in_english
from bot.understand.intent_classifier import IntentClassifier
from bot.understand.intents import BY_ID, question_for, question_for_all
from bot.understand.language import (
    answers_line,
    english_only_line,
    language_of,
    likeliest,
    topic_in,
)
from bot.understand.person import Neutral, PersonFilter, guide_terms
from bot.understand.plan_request import PlanClassifier
from bot.understand.question import prepare_question
from bot.understand.routing import asks_verdict, comparison_roles, route, speaks_of_all_roles
from bot.understand.specifics import QualifierClassifier
from bot.understand.turn import Turn
from bot.understand.weighing import WeighingClassifier

if TYPE_CHECKING:
    from bot.chains import ChatbotRetriever, ChatbotRunnable


# Acts that, after a greeting or thanks, are what the message asks ("hi! what can you do?").
ANSWERED_AFTER = ("capabilities", "why")
# How sure the act classifier must be of such an act after an opener: a loose reading of the
# words after "cheers pal," ("top stuff": capabilities at 0.38) or "thanks," ("I really like
# that answer": "why that answer?" at 0.54) is part of the thanks, not a second request.
# "What can you do?", "can you explain why?", "what sort of things do you know?" reach 0.64
# and more.
SURE_AFTER = 0.6


class Chatbot:
    """Answers career questions from the indexed guides. Cheap to create: the model and the
    store are opened on first use and shared by everything in the process."""

    def __init__(self, settings: Settings | None = None, *, composer: Composer | None = None):
        self.settings = settings or Settings()
        self.embeddings = embeddings_for(self.settings)
        self.vectors = VectorCache(
            self.embeddings,
            stored=SentenceStore.open(self.settings.sql_url, collection_name(self.settings)),
        )
        self.composer: Composer = composer or default_composer(self.settings, self.vectors)
        # "Why?" re-derives the previous answer's sources offline, never with a model call.
        self.offline = OfflineComposer(self.vectors)
        # The steps get the opened index itself, never a call back into this facade.
        self.index = OpenedIndex(self.settings, self.embeddings)
        self.evidence = Evidence(
            self.index.store,
            self.vectors,
            self.settings.top_k,
            self.settings.relevance_threshold,
        )
        # Classifiers over labelled examples, embedded with the same model on first use. The
        # examples are bundled text, stored with the guides' sentence vectors so that a fresh
        # process does not embed hundreds of them on its first question; what people say is
        # embedded as a query and kept in memory only.
        stored = self._example_vectors
        self._examples_held = False  # held in the store by this process yet?
        self.acts = ActClassifier(self.vectors.queries, embed_examples=stored)
        self.intents = IntentClassifier(self.vectors.queries, embed_examples=stored)
        self._terms: tuple[object, frozenset[str]] | None = None
        self.person = PersonFilter(
            self.vectors.queries, embed_examples=stored, terms=self._guide_terms
        )
        self.weighing = WeighingClassifier(self.vectors.queries, embed_examples=stored)
        self.direction = DirectionClassifier(self.vectors.queries, embed_examples=stored)
        self.qualifiers = QualifierClassifier(self.vectors.queries, embed_examples=stored)
        self.plans = PlanClassifier(self.vectors.queries, embed_examples=stored)
        self.evidence.qualifiers = self.qualifiers

    @property
    def store(self) -> Chroma:
        """The current collection (reopened after a rebuild)."""
        return self.index.store()

    @property
    def catalog(self) -> RoleCatalog:
        """The roles of the current index (re-read after an ingest)."""
        return self.index.catalog()

    @property
    def mode(self) -> Mode:
        return self.composer.mode

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer:
        """The whole answer: the stream collected (a two-part question: each part's)."""
        turn = self.understand(question, history)
        parts = self.parts(question, history, turn)
        if len(parts) > 1:
            return self._in_parts(parts, history)
        return collected(self._streamed(self._prepared(turn)))

    def stream(self, question: str, history: Sequence[Any] | None = None) -> Iterator[Answer]:
        """Yield the answer as it grows: partial ``Answer``s (text so far, no sources yet),
        then the complete one, which is always the last item."""
        # Understood once: the same turn decides the split and is answered.
        turn = self.understand(question, history)
        if len(parts := self.parts(question, history, turn)) > 1:
            yield self._in_parts(parts, history)
            return
        yield from self._streamed(self._prepared(turn))

    def _streamed(self, turn: Turn) -> Iterator[Answer]:
        if turn.ready is not None:
            yield turn.noted(turn.ready)
            return
        # One piece behind, so the last (the complete answer) gets the route's suggestions.
        held: Answer | None = None
        for piece in self.composer.stream(turn):
            if held is not None:
                yield turn.noted(held)
            held = piece
        if held is not None:
            yield self._finished(turn, held)

    def prepare(self, question: str, history: Sequence[Any] | None = None) -> Turn:
        """Every step before composing: understand, route, retrieve."""
        return self._prepared(self.understand(question, history))

    def _prepared(self, turn: Turn) -> Turn:
        """An understood turn routed and given its evidence."""
        if turn.ready is not None:  # a conversation act, another language
            return turn
        return self._gathered(claimed(route(turn)))

    def parts(
        self, question: str, history: Sequence[Any] | None = None, turn: Turn | None = None
    ) -> list[str]:
        """The parts of a two-part question ("what do they earn, and which tools do they
        use?"), or ``[question]``. Only an ordinary answer is split: a comparison, a role
        fit or a question over all roles reads the whole question. ``turn``: the question
        already understood (else it is understood here)."""
        catalog = self.index.catalog()

        def read(clause: str) -> dict[str, float]:
            text = catalog.correct(clause)
            return self.intents.scores(text, catalog.without_roles(text))

        said = " ".join(str(question or "").split())
        # Not yet with the guides' section check (clauses.SameSection): merged, "what do
        # they earn, and are they in demand?" quoted the pay sentence alone and left the
        # demand unanswered; cut, each part quotes its own sentences (issue 22, kind 3).
        split = parts_of(said, read)
        if len(split) < 2:
            return [question]
        if turn is None:
            turn = self.understand(question, history)
        if turn.ready is not None or not route_of(route(turn)).in_parts:
            return [question]
        return split

    def _in_parts(
        self, parts: Sequence[str], history: Sequence[Any] | None, *, offline: bool = False
    ) -> Answer:
        """Each part answered in turn, the earlier parts as its conversation."""
        talk: list[Any] = list(normalize_history(history))
        answered = []
        for n, part in enumerate(parts):
            # Each part knows it is one of several (an LLM is told so in its notes).
            turn = replace(
                self.understand(part, self._before(part, parts, talk)), parts=list(parts), part=n
            )
            answer = (
                self._offline(turn) if offline else collected(self._streamed(self._prepared(turn)))
            )
            answered.append((part, answer))
            talk += [
                {"role": "user", "content": part},
                {"role": "assistant", "content": answer.text},
            ]
        return joined(answered)

    def _before(self, part: str, parts: Sequence[str], talk: list[Any]) -> list[Any]:
        """The conversation a part is understood in. A first part that names no role
        ("What do they earn?" of "what do they earn and what tools does a data engineer
        use?") is about the roles its question names later: the whole question comes
        before it, as if said first."""
        catalog = self.index.catalog()
        if part != parts[0] or catalog.resolve(catalog.correct(part)):
            return talk
        return [*talk, {"role": "user", "content": " ".join(parts)}]

    def understand(self, question: str, history: Sequence[Any] | None = None) -> Turn:
        """The understand step: the words of the question and the conversation, then what
        the classifiers add (a conversation act, another language, the asker's own words
        about themselves left out)."""
        # What the person said about themselves in earlier turns must not steer this one
        # either: their earlier questions are carried (roles, topic, profile) neutralised.
        asked = normalize_history(history)  # as said: "why?" asks the previous question again
        history = self._neutral_history(history)
        turn = self._understood(question, history)
        turn = self._opened(turn, history) or turn
        if not turn.named and (said := foreign_act(turn.question)) is not None:
            # Language first: a set phrase of another language ("vielen Dank!") is that
            # act, answered with careerbot's line in that language; the English examples
            # never see it (the model reads English only).
            line = english_only_line(likeliest(turn.question, said.languages))
            reply = (
                self._why(asked, turn.catalog)
                if said.act == "why"
                else act_reply(said.act, turn.catalog, foreign=True)
            )
            return replace(turn, route="act", ready=reply, preface=line)
        code = language_of(turn.catalog.without_roles(turn.question))
        if code and (english := in_english(turn.question, code, turn.catalog)) != turn.question:
            # A role said in the asker's language ("analista de datos"): read as the role's
            # English title, so the question is about that role like any other.
            turn = self._understood(english, history)
        if code and len(turn.named) >= 2:
            # Two roles in another language: asked as the English comparison (or move
            # from one to the other) that the comparison and gap routes read.
            turn = self._understood(self._compared_in_english(turn, code), history)
        if code and not turn.named:
            topic = topic_in(turn.catalog.without_roles(turn.question), code)
            if not topic or not turn.earlier:
                # No role to answer for: the roles covered, and the topic's question over
                # every role first among the questions to try ("How much does each role
                # earn?"), since "this job" and "which job" read alike without a role.
                reply = other_language(english_only_line(code), turn.catalog)
                if topic:
                    first = question_for_all(BY_ID[topic])
                    reply = replace(reply, suggestions=[first, *reply.suggestions[:2]])
                return replace(turn, route="act", ready=reply)
            # A follow-up ("¿y cuánto gana?"): the topic asked of the conversation's roles.
            english = " ".join(
                question_for(BY_ID[topic], turn.catalog.title(r)) for r in turn.earlier
            )
            turn = self._understood(english, history)
        # A message about the roles as a set that asks for something ("for every role, what
        # does the day-to-day work involve?") is a question over all roles, however near
        # "what can you do?" its words sit.
        over_all = speaks_of_all_roles(turn.question) and not asks_nothing(turn)
        if (
            not turn.named
            and not over_all
            and not states_preferences(turn.question, self.direction)
        ):
            guess = self.acts.classify(turn.question)
            # Unsure, yet nearer an act than any question, and the message names no role
            # and asks for nothing the guides hold ("cya"): the act, not a search that
            # would only answer the previous question again.
            act = guess.act or (guess.leaning if asks_nothing(turn) else None)
            if act == "why":
                return replace(turn, route="act", ready=self._why(asked, turn.catalog))
            if act is not None:
                return replace(turn, route="act", ready=act_reply(act, turn.catalog))
        neutral = self.person.neutral(turn.question)
        if neutral.left_out:
            turn = self._understood(neutral.text, history)
            notices = [*turn.notices, left_out_notice(neutral)]
            turn = replace(turn, notices=notices, left_out=list(neutral.kinds))
        turn = self._planned(self._directed(self._weighed(turn)))
        if not code:
            return turn
        return replace(self._in_english(turn, code), preface=answers_line(code))

    def _opened(self, turn: Turn, history: list[Any]) -> Turn | None:
        """A message that opens with a greeting or thanks and goes on with a question ("hi,
        what does a data engineer do?", "thanks! and what about pay?"): the question
        understood on its own, the act kept on the turn (``Turn.opened``). Only when what
        follows is a question (it names a role, asks for something, or is an act that wants
        its own answer: "hi! what can you do?"): "hello, is this thing on?" and "good
        morning, I hope you are well" stay one greeting."""
        found = self.acts.opening(turn.question)
        if found is None:
            return None
        rest = self._understood(found.rest, history)
        after = self.acts.classify(found.rest)
        if after.act in ANSWERED_AFTER and after.confidence >= SURE_AFTER:
            return replace(rest, opened=found.act, notices=list(turn.notices))
        if after.act is not None or asks_nothing(rest):
            # Another act ("good morning to you, I hope your day is going well", "cheers
            # pal, top stuff"): the message is one act, read whole.
            return None
        return replace(rest, opened=found.act, notices=list(turn.notices))

    def _in_english(self, turn: Turn, code: str) -> Turn:
        """A question in another language that names roles ("¿Cuánto gana un data
        engineer?"): when its topic words say what it asks (``topic_in``), it is routed and
        searched as the English question the model can read; else as it was typed."""
        asked = topic_in(turn.catalog.without_roles(turn.question), code)
        if not asked:
            return replace(turn, language=code)
        intent = BY_ID[asked]
        english = " ".join(question_for(intent, turn.catalog.title(r)) for r in turn.named)
        return replace(turn, intent=intent, text=english, language=code)

    @staticmethod
    def _compared_in_english(turn: Turn, code: str) -> str:
        """The English question for a foreign one that names several roles: how they
        compare, on the topic read ("on salary"); a way in from the first to the second
        when the topic is getting started ("Je suis data analyst, comment devenir data
        engineer ?")."""
        topic = topic_in(turn.catalog.without_roles(turn.question), code)
        names = [with_article(name_of(turn.catalog.title(r))) for r in turn.named]
        if topic == "getting_started" and len(names) == 2:
            return f"I am {names[0]}. How do I become {names[1]}?"
        on = f" on {BY_ID[topic].label}" if topic and topic != "what_they_do" else ""
        if len(names) == 2:
            return f"How does {names[0]} compare with {names[1]}{on}?"
        return f"How do {', '.join(names[:-1])} and {names[-1]} compare{on}?"

    def _planned(self, turn: Turn) -> Turn:
        """With a role named, whether the question asks for a plan ("lay it out stage by
        stage"), read by its shape (role names left out), not by the word "plan"."""
        if not turn.named:
            return turn
        text = turn.catalog.without_roles(turn.text or turn.question)
        return replace(turn, plan=self.plans.read(text).plan)

    def _weighed(self, turn: Turn) -> Turn:
        """With two roles in play, or none named (a question over all roles), whether the
        question asks who wins, and on what (the roles' names left out: the decision is
        about what is asked, not who)."""
        if turn.named and len(comparison_roles(turn.named, turn.earlier)) < 2:
            return turn
        text = turn.catalog.without_roles(turn.text or turn.question)
        turn = replace(turn, weighing=self.weighing.classify(text))
        if turn.extends:
            asked = [turn.catalog.without_roles(q) for q in user_turns(turn.history)]
            carried = verdict_asked_before(asked, self._asks_verdict)
            turn = replace(turn, carried_verdict=carried)
        return turn

    def _asks_verdict(self, text: str) -> bool:
        """Whether an earlier question asked who wins, read as this one is."""
        return asks_verdict(text, self.weighing.classify(text))

    def _directed(self, turn: Turn) -> Turn:
        """With no role named and a like or dislike said, whether the question asks which
        role would suit the person (a fit by its shape, whatever its words)."""
        said = [*turn.profile.likes, *turn.profile.dislikes]
        if not said:
            return turn
        # A role named only inside what the person likes ("prompt engineering is my jam")
        # is a preference, not the role the question is about.
        if set(turn.named) - set(turn.catalog.resolve(" ; ".join(said))):
            return turn
        text = turn.text or turn.question
        if turn.named and not request_of(text):
            return turn  # "Give me a plan to become an MLOps engineer": a request, not a fit
        asks = asks_direction(
            turn.catalog.without_roles(text), self.direction, in_context=bool(turn.earlier)
        )
        return replace(turn, direction=asks)

    def _neutral_history(self, history: Sequence[Any] | None) -> list[Any]:
        """The conversation with each of the person's own turns neutralised (``PersonFilter``),
        so a self-description given two turns ago steers the advice no more than one given
        now. The assistant's turns are kept as they were."""
        out: list[Any] = []
        for message in normalize_history(history):
            if message["role"] == "user":
                neutral = self.person.neutral(message["content"])
                if neutral.only_person:
                    continue  # a turn only about the person carries nothing to the next
                out.append({"role": "user", "content": neutral.text})
            else:
                out.append(message)
        return out

    def _why(self, history: Sequence[Message], catalog: RoleCatalog) -> Answer:
        """ "Why?": the reasons of the previous answer, as the conversation holds it (the
        assistant's text with its citation markers, from any front end), each with the line
        of the guides it rests on. The sources behind the markers are re-derived by asking
        the previous question again, as it was said; only its sources are used."""
        asked = [i for i, m in enumerate(history) if m.get("role") == "user"]
        if not asked:
            return why_without_context(catalog)
        last = asked[-1]
        replies = [m["content"] for m in history[last + 1 :] if m.get("role") == "assistant"]
        earlier = self._again(history[last]["content"], history[:last])
        said = replies[-1] if replies else earlier.text
        # The markers name these sources only when the conversation holds this very answer.
        same = " ".join(said.split()) == " ".join(earlier.text.split())
        reply = None
        named = catalog.resolve(claim_of(said))
        if not same and earlier.route == "fit" and named and named[0] in earlier.roles:
            # An answer written elsewhere (no markers) that recommended a role the fit asked
            # again also ranks: that fit's own "Why it fits" lines for the role are why.
            reply = why_reply(
                earlier.text,
                earlier.sources,
                catalog,
                route="fit",
                passages=earlier.passages,
                role=named[0],
                claim=claim_of(said),
            )
        reply = reply or why_reply(
            said,
            earlier.sources,
            catalog,
            numbered=same,
            route=earlier.route,
            verdict=earlier.verdict,
            passages=earlier.passages,
        )
        if reply is None:
            # An answer that rested on no guide (a greeting, "not covered"): said so.
            return why_unreasoned(catalog)
        return replace(reply, roles=earlier.roles, suggestions=earlier.suggestions)

    def _again(self, question: str, history: Sequence[Message]) -> Answer:
        """A question answered again offline (its sources are what "why?" needs; a model's
        prose would only cost a call and differ from what the person read)."""
        turn = self.understand(question, history)
        parts = self.parts(question, history, turn)
        if len(parts) > 1:
            return self._in_parts(parts, history, offline=True)
        return self._offline(turn)

    def _offline(self, turn: Turn) -> Answer:
        """An understood turn routed, searched with the route's own query and composed
        offline."""
        if turn.ready is not None:
            return turn.ready
        turn = claimed(route(turn))
        turn = gathered(replace(turn, query=route_of(turn).query(turn)), self.evidence)
        return collected(self.offline.stream(turn))

    def compare(self, roles: Sequence[str], aspects: Sequence[str] | None = None) -> Answer:
        """Two to four roles (ids, titles or aliases) side by side; ``aspects`` are ids from
        ``bot.understand.aspects.ASPECTS`` (default: all of them)."""
        catalog = self.catalog
        ids, rows = resolve_roles(catalog, roles), resolve_aspects(aspects)
        titles = " and ".join(catalog.title(r) for r in ids)
        question = f"How do {titles} compare on {', '.join(a.label.lower() for a in rows)}?"
        turn = Turn(question, [], catalog, route="compare", roles=ids, aspects=rows)
        return self._composed(turn)

    def fit(self, profile: str) -> Answer:
        """The three roles that best match what a person says about themselves."""
        if not str(profile or "").strip():
            raise EmptyProfileError("Please describe yourself: what you enjoy and what you know.")
        prepared = prepare_question(profile, self.settings.max_question_chars)
        neutral = self.person.neutral(prepared.text)
        notices = [*prepared.notices, *([left_out_notice(neutral)] if neutral.left_out else [])]
        turn = Turn(neutral.text, [], self.catalog, notices, route="fit")
        return self._composed(turn)

    def _gathered(self, turn: Turn) -> Turn:
        """The search text (the route's, or a composer's rewrite of a follow-up), then the
        route's evidence."""
        kind = route_of(turn)
        query = kind.query(turn)
        if kind.follow_up:
            query = self.composer.standalone_question(turn) or query
        return gathered(replace(turn, query=query), self.evidence)

    def _composed(self, turn: Turn) -> Answer:
        return collected(self._streamed(self._gathered(turn)))

    def _finished(self, turn: Turn, answer: Answer) -> Answer:
        """The complete answer with the route's next questions, whichever composer (or
        fallback) wrote it, and the turn's notices."""
        more = route_of(turn).suggestions(turn, answer)
        return turn.noted(replace(answer, suggestions=more))

    def retrieve(self, query: str, roles: Sequence[str]) -> list[Passage]:
        """The ranked search of an ordinary answer (``Evidence.find``: the benchmarks set
        other rankers there)."""
        return self.evidence.find(query, roles)

    def load(self) -> None:
        """Load the model and open the store now rather than at the first question (a
        server calls this at start; answers need nothing else prepared)."""
        self.embeddings.model.embed_query("load")
        read_metadata(self.store)

    def warm(self, limit: int = 20_000) -> int:
        """Give every indexed sentence and every classifier example a stored vector; how many
        had to be embedded. Ingest stores the sentences; the examples are stored by the first
        process that warms or answers, so later processes embed only the question."""
        from bot.index.warm import warm

        return warm(self.store, self.vectors, limit) + self.warm_examples()

    def warm_examples(self) -> int:
        """Store the labelled examples' vectors of every classifier; how many were embedded."""
        before = self.embeddings.texts_embedded
        for classifier in self.classifiers():
            self._example_vectors(classifier.texts)
        return self.embeddings.texts_embedded - before

    def _understood(self, text: str, history: Any) -> Turn:
        """``text`` read as a turn of this conversation, with this bot's catalog, length
        limit and intent reader (every reading of a message, or of its English form)."""
        return understand(
            text,
            history,
            self.index.catalog,
            self.settings.max_question_chars,
            self.intents.intent_of,
        )

    def classifiers(self) -> tuple[LabelledExamples, ...]:
        """Every labelled-example classifier the bot reads questions with (warmed and held
        together, so a new one is listed here once)."""
        return (
            self.acts,
            self.intents,
            self.person,
            self.weighing,
            self.direction,
            self.qualifiers,
            self.qualifiers.facets,
            self.plans,
        )

    def _example_vectors(self, texts: Sequence[str]) -> Any:
        """A classifier's example vectors, from the stored sentence vectors. The first call
        of a process also holds every classifier's examples there, so that ingest's garbage
        collection (which drops vectors no guide holds) keeps them."""
        vectors = self.vectors.vectors(texts)
        if not self._examples_held:  # two threads at once hold them twice: harmless
            self._examples_held = True
            every = [t for c in self.classifiers() for t in c.texts]
            self.vectors.hold_examples(list(dict.fromkeys(every)))
        return vectors

    def _guide_terms(self) -> frozenset[str]:
        """The names the indexed guides use for tools and skills (``guide_terms``), read
        once per collection (a rebuild or an ingest reopens it)."""
        store = self.store
        if self._terms is None or self._terms[0] is not store:
            documents = store.get(include=["documents"]).get("documents") or []
            self._terms = (store, guide_terms(str(d) for d in documents))
        return self._terms[1]

    def covered(self, passages: Sequence[Passage]) -> bool:
        return self.evidence.covered(passages)

    def as_retriever(self, history: Sequence[Any] | None = None) -> ChatbotRetriever:
        """This bot's search as a LangChain retriever (``bot.chains``)."""
        from bot.chains import ChatbotRetriever

        return ChatbotRetriever(bot=self, history=list(history or []))

    def as_runnable(self) -> ChatbotRunnable:
        """This bot's answers as a LangChain runnable over ``{"question", "history"}``."""
        from bot.chains import ChatbotRunnable

        return ChatbotRunnable(self)


def asks_nothing(turn: Turn) -> bool:
    """The message names no role and asks for nothing of its own (no intent, or only one
    carried over from an earlier question)."""
    return not turn.named and (turn.intent is None or turn.carried)


def left_out_notice(neutral: Neutral) -> str:
    kinds = ", ".join(neutral.kinds)
    return (
        f"What you said about yourself ({kinds}) is not something the guides address, so it "
        "was left out of the search and of the ranking: the advice would be the same for anyone."
    )


def default_composer(settings: Settings, vectors: VectorCache) -> Composer:
    offline = OfflineComposer(vectors)
    if not settings.uses_llm:
        return offline
    from bot.compose.llm import LLMComposer

    return LLMComposer(settings, fallback=offline)
