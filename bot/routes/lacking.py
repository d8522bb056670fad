"""What the guides lack: the opening that says so, before any route's answer.

A question may ask for a specific the guides never give (pay in Berlin, at one employer,
in 2016, how long it takes) or say something about the person the guides do not address.
Every route that quotes the guides on the question asked (an ordinary answer, a plan, a
comparison, a skills gap) calls ``admitted`` once its passages are in: the answer then
opens by saying plainly what the guides do not say, then gives the closest they come,
cited, with the limits of their figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.results import Passage
from bot.core.roles import plural_of
from bot.index.retrieval import passage_of
from bot.index.sections import Guides
from bot.routes.figures import figures_in, names, own_figure
from bot.routes.selection import Selector, candidates_of
from bot.understand.aspects import ASPECTS
from bot.understand.specifics import (
    FACET_MARGIN,
    FACET_SAID,
    NO_FACET,
    WORK_SIMILARITY,
    FacetClassifier,
    FacetReading,
    QualifierClassifier,
    Specific,
    admission,
    as_said,
    facet_carriers,
    missing_from,
    qualifiers_of,
    said_lexically,
    specifics_of,
)
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.index.embeddings import VectorCache
    from bot.routes.evidence import Evidence

# How close a retrieved sentence must come to a lowercase qualifier ("in their daily work")
# for the guides to speak to it when none of its words is there. On the bundled guides the
# qualifiers they speak to without its words score 0.5 to 0.7 ("daily work" against "the
# middle of the day often goes to project work"), those they never address 0.1 to 0.3
# ("visa rules", "from abroad", "with a criminal record").
SUPPORT = 0.5


def admitted(turn: Turn, evidence: Evidence | None = None, answered: Sequence[str] = ()) -> Turn:
    """A turn whose question asks for what the guides do not have (pay in one city, at one
    employer, in one year, how long it takes, or who the person is), with that said first,
    plainly. Whether the guides have it is read off the text retrieved for the question,
    so each route calls this once its passages are in. With ``evidence``, a lowercase
    qualifier is first read by the qualifier classifier (only one that narrows the asked
    fact can be missing) and then looked for in the asked roles' whole guides, by its words
    and by meaning. ``answered``: what the route itself answers (a plan's pace), never
    said to be missing."""
    titles = [turn.catalog.title(r) for r in turn.catalog.roles]
    texts = [p.text for p in turn.passages]
    # Roles by any of their names ("an ML engineer") are not specifics.
    # A question in another language is read as its English equivalent (its capitalised
    # nouns, "Werkzeuge", are no place or employer).
    asked = turn.catalog.without_roles(turn.text if turn.language else turn.question)
    specifics = [s for s in specifics_of(asked, titles) if not _answered(s, answered)]
    missing = missing_from(specifics, texts)
    # A described employer ("a startup") is looked for in the whole guide, as a qualifier is.
    guide = _whole_guides(turn, evidence)
    missing = [m for m in missing if not (m.words[:2].lower() in {"a ", "an"} and _in(m, guide))]
    qualifiers = [q for q in qualifiers_of(asked, titles) if not _answered(q, answered)]
    qualifiers = _narrowing(qualifiers, evidence.qualifiers if evidence else None)
    vectors = evidence.vectors if evidence is not None else None
    facets = evidence.qualifiers.facets if evidence and evidence.qualifiers else None
    reading = facets.read(asked) if facets is not None else None
    if reading is not None and reading.facet == NO_FACET and reading.margin >= FACET_MARGIN:
        # The whole question reads as one the guides are written to answer ("can I do the
        # job from a hammock?"): a qualifier the qualifier classifier was unsure of does
        # not narrow it.
        qualifiers = [q for q in qualifiers if q.kind == "own" or _sure(q, evidence)]
    missing += unsupported(qualifiers, [*turn.passages, *guide], missing, vectors)
    facet = _facet_missing(reading, [*turn.passages, *guide], specifics, vectors, answered)
    if facet is not None and facets is not None:
        missing = _said_once(missing, facet, facets)
    pieces = []
    if missing:
        pieces.append(admission(missing, _figure_note(turn)))
    # What the person said about themselves that the admission already answers ("am I too
    # old at 52?": the guides don't say whether any age is too old) is not said twice.
    admitted_facets = {m.key for m in missing if m.kind == "facet"}
    left_out = [k for k in turn.left_out if k not in admitted_facets]
    if left_out:
        kinds = " or ".join(left_out)
        pieces.append(f"The guides don't address {kinds}, so that is left out of this answer.")
    if not pieces:
        return turn
    preface = " ".join([*pieces, *([turn.preface] if turn.preface else [])])
    return replace(turn, preface=preface)


# How close a guide sentence must come to one of a facet's carriers (facets.yaml: "Employers
# sponsor work visas for foreign hires.") for the guide to carry the facet. On the bundled
# guides, which carry none of the facets, the nearest sentences score 0.2 to 0.45 ("Pay for
# AI engineers varies widely by employer, level, and city" against the pay-next-year
# carrier); a sentence that says it in other words scores above 0.6.
CARRIED = 0.55


def _facet_missing(
    reading: FacetReading | None,
    passages: Sequence[Passage],
    specifics: Sequence[Specific],
    vectors: VectorCache | None,
    answered: Sequence[str],
) -> Specific | None:
    """The facet the whole question asks for ("am I too old for this?", "do employers
    sponsor visas?") when the guides' sentences never carry it; None when the question asks
    for none, the route answers it itself, or a specific found by its form says it already."""
    if reading is None or vectors is None or not passages:
        return None
    if reading.facet == NO_FACET or reading.facet not in FACET_SAID:
        return None
    facet = Specific("facet", reading.facet.replace("_", " "), reading.facet)
    # A plan lays out the time itself; a duration or a year found by its form is checked
    # (and said) as that.
    by_form = {"duration": "duration", "future_pay": "year"}.get(reading.facet)
    if _answered(facet, answered) or any(s.kind == by_form for s in specifics):
        return None
    if reading.facet == "duration" and not missing_from(
        [Specific("duration", "")], [p.text for p in passages]
    ):
        return None  # "6 to 12 months": said by its form
    candidates = candidates_of(list(passages))
    selector = Selector(vectors)
    close = max(
        float(selector.similarity(carrier, candidates).max())
        for carrier in facet_carriers()[reading.facet]
    )
    return facet if close < CARRIED else None


def _said_once(
    missing: Sequence[Specific], facet: Specific, facets: FacetClassifier
) -> list[Specific]:
    """One thing asked, said once. A missing qualifier that reads as the same facet is
    said in the asker's own words ("from overseas", "part-time work"), except one that
    only reads as a setting ("in a union": "specific to a union"), where the facet's words
    say what is missing."""
    same = [m for m in missing if _same(m, facet, facets)]
    if not same:
        return [*missing, facet]
    settings = [m for m in same if m.words.split()[0].lower() in ("in", "at")]
    if not settings:
        return list(missing)
    kept = [m for m in missing if m not in settings]
    return [*kept, facet]


def _same(specific: Specific, facet: Specific, facets: FacetClassifier) -> bool:
    """Whether a specific said missing is the facet in the asker's words."""
    if specific.kind != "qualifier":
        return False
    return facets.read(as_said(specific)).facet == facet.key


def _sure(qualifier: Specific, evidence: Evidence | None) -> bool:
    """Whether the qualifier classifier read the phrase as narrowing with confidence."""
    if evidence is None or evidence.qualifiers is None:
        return True
    reading = evidence.qualifiers.read(as_said(qualifier))
    return reading.narrows and reading.confidence >= WORK_SIMILARITY


def _answered(specific: Specific, answered: Sequence[str]) -> bool:
    """A specific the route answers itself: it shares a content word with one of
    ``answered`` ("only evenings free" and the plan's pace "in the evenings")."""
    words = set(re.findall(r"[a-z]{4,}", " ".join(answered).lower()))
    return bool(words & set(re.findall(r"[a-z]{4,}", specific.words.lower())))


def _narrowing(
    qualifiers: Sequence[Specific], classifier: QualifierClassifier | None
) -> list[Specific]:
    """The qualifiers that narrow the asked fact; the asker's own place always does."""
    if classifier is None:
        return list(qualifiers)
    return [q for q in qualifiers if q.kind == "own" or classifier.read(as_said(q)).narrows]


def _whole_guides(turn: Turn, evidence: Evidence | None) -> list[Passage]:
    """Every passage of the asked roles' guides: a qualifier the guide speaks to outside
    the retrieved passages ("At a start-up, one engineer may cover everything") is not
    missing from it."""
    if evidence is None or not turn.roles:
        return []
    guides = Guides(evidence.store(), turn.roles)
    return [
        passage_of(guide.ids[i], text, guide.metas[i], 0.0)
        for guide in guides.guides.values()
        for i, text in enumerate(guide.texts)
    ]


def _in(specific: Specific, passages: Sequence[Passage]) -> bool:
    return not missing_from([specific], [p.text for p in passages])


def unsupported(
    qualifiers: Sequence[Specific],
    passages: Sequence[Passage],
    found: Sequence[Specific] = (),
    vectors: VectorCache | None = None,
) -> list[Specific]:
    """The lowercase qualifiers the retrieved passages do not speak to: the asker's own
    place or employer always; any other when none of its words is there and no sentence
    comes close in meaning. One already said (``found``: "a startup") is not said twice."""
    texts = [p.text for p in passages]
    said = " ".join(s.words.lower() for s in found)
    out = []
    candidates = candidates_of(list(passages)) if vectors is not None else []
    selector = Selector(vectors) if vectors is not None else None
    for qualifier in qualifiers:
        if any(w in said for w in qualifier.key.split()) or _an_aspect(qualifier.key):
            continue
        if qualifier.kind != "own":
            if said_lexically(qualifier.key, texts):
                continue
            if selector is not None and candidates:
                close = max(
                    float(selector.similarity(q, candidates).max())
                    for q in (qualifier.words, qualifier.key)
                )
                if close >= SUPPORT:
                    continue
        out.append(qualifier)
    return out


def _an_aspect(key: str) -> bool:
    """A qualifier that names what the guides are organised by ("on focus", "with a
    humanities degree", "in their daily work") is asked of them, not missing from them."""
    words = set(key.split())
    return any(
        words & {aspect.id, *aspect.label.lower().split()} or re.search(aspect.cues, key, re.I)
        for aspect in ASPECTS
    )


def _figure_note(turn: Turn) -> str:
    """Where the guides' own figures are from, when the question is about pay or demand."""
    if turn.intent is None or turn.intent.id not in {"salary", "outlook"}:
        return ""
    regions = {
        f.region
        for p in turn.passages
        if p.role in turn.roles
        for f in figures_in(p.text)
        if f.region
    }
    pieces = []
    if len(regions) == 1:
        (region,) = regions
        pieces.append(f"for the {region}")
    if proxies := _proxies(turn):
        stand_ins = "; ".join(proxies)
        pieces.append(f"for the nearest official occupation ({stand_ins}), not the role itself")
    return f"The figures they quote are {', and '.join(pieces)}." if pieces else ""


def _proxies(turn: Turn) -> list[str]:
    """ "Operations Research Analysts for data analysts": each role's own pay figure, when
    its guide gives it for a stand-in occupation."""
    found = []
    for role in turn.roles:
        passages = sorted((p for p in turn.passages if p.role == role), key=lambda p: p.seq)
        figures = [f for c in candidates_of(passages) for f in figures_in(c.text)]
        own = own_figure(figures, "pay", turn.catalog.title(role))
        if own is not None and own.proxy and names(own):
            found.append(f"{names(own)[0]} for {plural_of(turn.catalog.title(role))}")
    return found
