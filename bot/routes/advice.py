"""Advice: the offline answer to an ordinary question, written the way an adviser answers.

It leads with the sentence that answers the question: the guide's own FAQ answer when the
person asked one of its questions, else the best sentence from the section the question is
about. Then only what adds to it, above a relevance floor, without repeats: a run of list
items comes back as a list. Sentences are quoted so each reads on its own: a leading
"They" gets its subject back, labels such as "Languages:" are dropped, and a sentence that
only makes sense after its neighbour is quoted with it or not at all. Citations are
numbered in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.core.results import Answer, Passage
from bot.core.roles import RoleCatalog, plural_of
from bot.index.sections import Guides, Search
from bot.routes.evidence import Evidence
from bot.routes.figures import Kind, figures_in
from bot.routes.lacking import admitted
from bot.routes.protocol import BaseRoute
from bot.routes.selection import Candidate, Selector, candidates_of, cite, mmr, to_source
from bot.understand.intents import Intent, heading_matches, intent_of, parts_for
from bot.understand.profile import Profile
from bot.understand.turn import Turn

# Added to a sentence's relevance when it comes from the section the question asks about.
SECTION_BONUS = 0.15
# Added when a sentence names what the person said they come from ("backend").
BACKGROUND_BONUS = 0.15
# A supporting sentence must score at least this, and be within MARGIN of the lead.
FLOOR = 0.38
MARGIN = 0.14
# An FAQ question this close to the person's question is the question they asked.
FAQ_MATCH = 0.85
# ... and asks what the person asked once the role names are out of both, when it reads
# another intent: paraphrases of the bundled FAQs score 0.67 to 0.86, questions that only
# share a role with one 0.1 to 0.27.
FAQ_PLAIN = 0.6
# A section's opening sentence sums it up ("A data analyst gathers data, checks it ...").
OPENING_BONUS = 0.1
# Pay and outlook questions: the sentence with the role's own figure leads; figures quoted
# for context ("For context, the BLS reports ...") are no answer.
FIGURE_BONUS = 0.1
SUPPORTS_ONE_ROLE = 3
SUPPORTS_PER_ROLE = 1
MAX_ROLES = 3

# Passages per role from the section the question asks about, and from its FAQ.
SECTION_PASSAGES = 6
FAQ_PASSAGES = 2
MAX_FOCUSED_ROLES = 4
FAQ = re.compile(r"\b(?:frequently asked|FAQs?|questions)\b", re.IGNORECASE)

_LABEL = re.compile(r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|[A-Z][^:.!?]{1,40}):\s+(?=[A-Z\"“])")
_THEY = re.compile(r"^(They|Their|Them)\b(?:'re|'ve|'ll)?", re.IGNORECASE)
# Openings that lean on the sentence before: "It also ...", "This means ...", "These ...".
_LEANS = re.compile(
    r"^(?:It|This|That|These|Those|He|She|Such|Both|Also|However|But|And|So|Then)\b"
)


class AdviceRoute(BaseRoute):
    """An ordinary answer about the roles in play (or the best guides for the question)."""

    name = "answer"
    follow_up = True
    in_parts = True

    def gather(self, turn: Turn, evidence: Evidence) -> Turn:
        query = turn.query or turn.question
        passages = evidence.find(query, turn.roles)
        if not evidence.covered(passages):
            return replace(turn, route="not_covered", passages=passages)
        if turn.roles:
            # The section the question asks about first, and the guide's FAQ, which often
            # answers the question in so many words; then the best of the whole guide.
            passages = _merged(focused(evidence, query, turn), passages)
        return admitted(replace(turn, passages=passages), evidence)

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return compose_advice(
            turn.question,
            turn.query or turn.question,
            turn.passages,
            turn.roles,
            turn.intent,
            turn.profile,
            turn.catalog,
            selector,
            heading_reader(turn),
        )


def heading_reader(turn: Turn) -> Callable[[str], Intent | None]:
    """How the guides' FAQ questions are read: with the reader that read the person's
    question (the classifier), so that the two are compared on the same terms. Read by
    two readers, "Should I learn Tableau or Power BI first?" was the rules' getting
    started while the question it answers, asked in other words, was the classifier's
    tools, and the guide's own answer to it never led."""
    reader = turn.reader
    if reader is None:
        return intent_of
    return lambda text: reader(text, turn.catalog.without_roles(text))


def focused(evidence: Evidence, query: str, turn: Turn) -> list[Passage]:
    """Each role's section the question asks about and its FAQ, searched together."""
    roles = turn.roles[:MAX_FOCUSED_ROLES]
    guides = Guides(evidence.store(), roles)
    searches = []
    for role in roles:
        parts = guides.parts(role)
        wanted = parts_for(turn.intent, parts) if turn.intent else []
        if wanted:
            searches.append(Search(query, role, tuple(wanted), SECTION_PASSAGES))
        faq = [p for p in parts if FAQ.search(p)]
        if faq:
            searches.append(Search(query, role, tuple(faq), FAQ_PASSAGES))
    return [p for passages in guides.run(evidence.vectors, searches) for p in passages]


def _merged(first: Sequence[Passage], rest: Sequence[Passage]) -> list[Passage]:
    found: dict[str, Passage] = {}
    for passage in [*first, *rest]:
        found.setdefault(passage.id, passage)
    return list(found.values())


@dataclass(frozen=True)
class Quote:
    """A sentence as it will be shown, and the candidate it comes from."""

    text: str
    candidate: Candidate


def compose_advice(
    question: str,
    query: str,
    passages: Sequence[Passage],
    roles: Sequence[str],
    intent: Intent | None,
    profile: Profile,
    catalog: RoleCatalog,
    selector: Selector,
    read: Callable[[str], Intent | None] = intent_of,
) -> Answer:
    """The answer, role by role: a lead sentence, then what supports it. ``read`` reads
    an FAQ heading's intent (the word rules unless the question's own reader is given)."""
    in_play = [r for r in roles if any(p.role == r for p in passages)] or _ranked_roles(passages)
    in_play = in_play[:MAX_ROLES]
    supports = SUPPORTS_ONE_ROLE if len(in_play) == 1 else SUPPORTS_PER_ROLE
    blocks: list[tuple[str, list[Quote], list[Quote]]] = []
    for role in in_play:
        own = [p for p in passages if p.role == role]
        lead, rest = choose(
            question, query, own, intent, profile, selector, supports, catalog, read
        )
        if lead:
            blocks.append((role, lead, rest))
    if not blocks and passages:
        return unquotable(passages[0], intent)
    picks = [q.candidate for _, lead, rest in blocks for q in (*lead, *rest)]
    cited = cite(picks, reading=True)
    text = "\n\n".join(
        render(lead, rest, cited.numbers, catalog.title(role) if len(blocks) > 1 else "")
        for role, lead, rest in blocks
    )
    return Answer(
        text=text,
        sources=cited.sources,
        mode="offline",
        route="answer",
        roles=[role for role, _, _ in blocks],
        intent=intent.id if intent else "",
    )


def unquotable(passage: Passage, intent: Intent | None) -> Answer:
    """The best passage has no sentence to quote (a bare list, a table): point to it rather
    than answer with nothing."""
    section = " > ".join(passage.section.split(" > ")[1:]) or passage.title
    text = (
        f"The {passage.title} guide covers this in its {section} section, but not in sentences "
        f"I can quote on their own; open the source to read it [1]."
    )
    return Answer(
        text=text,
        sources=[to_source(passage)],
        mode="offline",
        route="answer",
        roles=[passage.role],
        intent=intent.id if intent else "",
    )


def choose(
    question: str,
    query: str,
    passages: Sequence[Passage],
    intent: Intent | None,
    profile: Profile,
    selector: Selector,
    supports: int,
    catalog: RoleCatalog,
    read: Callable[[str], Intent | None] = intent_of,
) -> tuple[list[Quote], list[Quote]]:
    """The lead (one sentence, or an FAQ answer) and the supporting sentences."""
    candidates = [c for c in candidates_of(passages) if quotable(c, catalog)]
    if not candidates:
        return [], []
    faq = faq_answer(question, intent, candidates, selector, read, catalog)
    if not faq:
        # An FAQ answers its own question; unless that is the person's, it is no answer,
        # except in a guide with no section for what is asked: there an FAQ under that
        # heading ("Will AI tools replace data engineers?") is where the guide answers it.
        kept = _faq_as_section(intent, candidates)
        candidates = [
            c for c in candidates if not c.passage.section.endswith("?") or c in kept
        ] or candidates
    matrix = selector.vectors.vectors([c.text for c in candidates])
    relevance = selector.relevance(query, candidates, matrix) + bonuses(candidates, intent, profile)
    lead_index = candidates.index(faq[0]) if faq else int(np.argmax(relevance))
    lead = faq if faq else [candidates[lead_index]]
    floor = max(FLOOR, float(relevance[lead_index]) - MARGIN)
    taken = {c.text for c in lead}
    on_topic = _on_topic(candidates, lead, intent, profile)
    rest_index = [
        i
        for i, c in enumerate(candidates)
        if c.text not in taken and relevance[i] >= floor and on_topic(c)
    ]
    chosen: list[Candidate] = []
    if rest_index and supports:
        sub = matrix[rest_index]
        # Redundancy with the lead counts too: MMR over the lead plus the rest.
        lead_vectors = selector.vectors.vectors([c.text for c in lead])
        stacked = np.vstack([lead_vectors, sub])
        scores = np.concatenate([np.full(len(lead), 10.0), relevance[rest_index]])
        order = mmr(stacked, scores.astype(np.float32), len(lead) + supports)
        chosen = [candidates[rest_index[i - len(lead)]] for i in order if i >= len(lead)]
    chosen.sort(key=lambda c: (c.passage.source, c.passage.seq, c.order))
    # A support that leans on the lead ("It is one of ...") follows it as it is: quoted
    # with its predecessor, the lead would be read twice.
    return quotes(lead, catalog), quotes(chosen, catalog, shown={c.text for c in lead})


def _faq_as_section(intent: Intent | None, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The FAQ sentences whose heading covers ``intent``, when no other section does."""
    if intent is None:
        return []
    covering = [c for c in candidates if heading_matches(intent, c.passage.section)]
    if any(not c.passage.section.endswith("?") for c in covering):
        return []
    return covering


def _on_topic(
    candidates: Sequence[Candidate],
    lead: Sequence[Candidate],
    intent: Intent | None,
    profile: Profile,
) -> Callable[[Candidate], bool]:
    """Which sentences may support the lead: when the lead comes from the section the
    question asks about, only that section's; an FAQ answer only when it leads; and for
    a person who said where they come from, no advice for people coming from elsewhere."""
    stems = background_stems(profile)
    in_section = intent is not None and any(
        heading_matches(intent, c.passage.section) for c in lead
    )
    faq_led = any(c.passage.section.endswith("?") for c in lead)

    def allowed(candidate: Candidate) -> bool:
        if candidate.passage.section.endswith("?") and not faq_led:
            return False
        path = _PATH.match(candidate.text)
        if stems and path and not any(re.search(rf"\b{s}", path.group(0).lower()) for s in stems):
            return False
        return not in_section or heading_matches(intent, candidate.passage.section)  # type: ignore[arg-type]

    return allowed


# A transition path in a guide: "From teaching, research, or the social sciences: ...".
_PATH = re.compile(r"^From [^:]{3,100}:")


def background_stems(profile: Profile) -> set[str]:
    """Word stems of where the person comes from, so "teacher" finds "From teaching, ..."
    and "physics" finds "From academic research in physics, ..."."""
    found = (w.lower()[:5] for b in profile.background for w in re.findall(r"[A-Za-z]{4,}", b))
    return set(found) - {"data", "worki", "curre", "degre"}


def bonuses(candidates: Sequence[Candidate], intent: Intent | None, profile: Profile) -> np.ndarray:
    """Section and background bonuses: the section the question asks about, and sentences
    that speak to where the person comes from."""
    out = np.zeros(len(candidates), dtype=np.float32)
    stems = background_stems(profile)
    for i, candidate in enumerate(candidates):
        if intent is not None and heading_matches(intent, candidate.passage.section):
            out[i] += SECTION_BONUS
            if candidate.order == 0 and not candidate.bullet:
                out[i] += OPENING_BONUS
        if intent is not None and intent.id in FIGURE_KINDS:
            out[i] += FIGURE_BONUS * _figure_weight(candidate, FIGURE_KINDS[intent.id])
        lowered = candidate.text.lower()
        if stems and any(re.search(rf"\b{s}", lowered) for s in stems):
            out[i] += BACKGROUND_BONUS
    return out


FIGURE_KINDS: dict[str, Kind] = {"salary": "pay", "outlook": "growth"}


def _figure_weight(candidate: Candidate, kind: Kind) -> float:
    """+1 for a sentence stating the role's own figure, -1 for one quoted for context."""
    found = [f for f in figures_in(candidate.text) if f.kind == kind]
    if not found:
        return 0.0
    if any(f.context for f in found):
        return -1.0
    name = candidate.passage.title.lower().split(" (")[0]
    own = any(
        f.proxy or name in f.sentence.lower() or plural_of(name) in f.sentence.lower()
        for f in found
    )
    return 1.0 if own else 0.0


def faq_answer(
    question: str,
    intent: Intent | None,
    candidates: Sequence[Candidate],
    selector: Selector,
    read: Callable[[str], Intent | None] = intent_of,
    catalog: RoleCatalog | None = None,
) -> list[Candidate]:
    """The guide's answer to an FAQ that asks what the person asked, first sentences first.

    The FAQ must ask for the same thing: "Is a machine learning engineer a software
    engineer?" shares most of its words with "What does a machine learning engineer do?",
    and the embedding alone calls them close (0.85). So it must also read the question's
    intent, or ask the same with the role names taken out from both: what is asked, not of
    whom ("is a real job by itself?" and "is still a job on its own?" 0.71; the software
    engineer pair 0.27)."""
    wanted = intent.id if intent else None
    by_heading: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        heading = candidate.passage.section.split(" > ")[-1]
        if heading.endswith("?"):
            by_heading.setdefault(heading, []).append(candidate)
    if not by_heading:
        return []
    headings = list(by_heading)
    similarity = selector.vectors.vectors(headings) @ selector.vectors.vector(question)
    for best in np.argsort(-similarity):
        if float(similarity[best]) < FAQ_MATCH:
            return []
        heading = headings[int(best)]
        asks = read(heading)
        if (asks.id if asks else None) == wanted or _asks_alike(
            question, heading, selector, catalog
        ):
            answer = sorted(by_heading[heading], key=lambda c: (c.passage.seq, c.order))
            return answer[:2]
    return []


def _asks_alike(
    question: str, heading: str, selector: Selector, catalog: RoleCatalog | None
) -> bool:
    """The same question with every role name taken out of both (kept in memory only)."""
    if catalog is None:
        return False
    plain = selector.vectors.queries(
        [catalog.without_roles(question), catalog.without_roles(heading)]
    )
    return float(plain[0] @ plain[1]) >= FAQ_PLAIN


def quotable(candidate: Candidate, catalog: RoleCatalog) -> bool:
    """Can this sentence be quoted on its own (after ``stand_alone``)?"""
    text = _LABEL.sub("", candidate.text, count=1)
    return not (_LEANS.match(text) and candidate.order == 0)


def quotes(
    candidates: Sequence[Candidate], catalog: RoleCatalog, shown: Collection[str] = ()
) -> list[Quote]:
    """The candidates as shown after the sentences ``shown``; a sentence that brings its
    predecessor along makes that predecessor's own quote redundant."""
    quoted = [Quote(stand_alone(c, catalog, shown), c) for c in candidates]
    carried = {q.text for q in quoted} & {
        _previous(q.candidate) for q in quoted if q.text != q.candidate.text
    }
    return [q for q in quoted if not (q.text == q.candidate.text and q.text in carried)]


def stand_alone(candidate: Candidate, catalog: RoleCatalog, shown: Collection[str] = ()) -> str:
    """The sentence as it reads on its own: label dropped, "They" given its subject, and a
    sentence that leans on the one before quoted with it (unless that one is ``shown``
    already, just before it)."""
    text = _LABEL.sub("", candidate.text, count=1)
    people = plural_of(candidate.passage.title or catalog.title(candidate.passage.role))
    match = _THEY.match(text)
    if match:
        word = match.group(1).lower()
        subject = {"they": people, "their": f"{people}'", "them": people}[word]
        text = subject[0].upper() + subject[1:] + text[match.end(1) :]
    elif _LEANS.match(text) and candidate.order > 0:
        before = _previous(candidate)
        if before and before not in shown:
            text = f"{_LABEL.sub('', before, count=1)} {text}"
    return text


def _previous(candidate: Candidate) -> str:
    for other in candidates_of([candidate.passage]):
        if other.order == candidate.order - 1:
            return other.text
    return ""


def render(
    lead: Sequence[Quote], rest: Sequence[Quote], numbers: dict[str, int], title: str
) -> str:
    """The lead as a paragraph, then the supports: a list when they were list items."""

    def cited(quote: Quote) -> str:
        return f"{quote.text} [{numbers[quote.candidate.passage.id]}]"

    opening = " ".join(cited(q) for q in lead)
    if title:
        opening = f"**{title}**: {opening}"
    if not rest:
        return opening
    if sum(q.candidate.bullet for q in rest) >= 2:
        return opening + "\n\n" + "\n".join(f"- {cited(q)}" for q in rest)
    return f"{opening} {' '.join(cited(q) for q in rest)}"


def _ranked_roles(passages: Sequence[Passage]) -> list[str]:
    return list(dict.fromkeys(p.role for p in sorted(passages, key=lambda p: -p.score)))
