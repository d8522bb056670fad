"""Conversation acts and other languages: what careerbot says to "hello", "thanks",
"what can you do?", "bye" and "why?", and to a question in a language it does not answer in.

The act itself is recognised in the understand step with the embedding model
(``bot.understand.acts``, ``bot.understand.language``), which sets the reply on the turn;
this route owns the replies and composes nothing from the guides ("why?" quotes the
previous answer's own sources, which the chatbot re-derives).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.core.results import Answer, Passage, Source
from bot.core.roles import RoleCatalog, with_article
from bot.index.sentences import clean_line, split_sentences
from bot.routes.protocol import BaseRoute
from bot.routes.selection import REASON_LABEL
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.selection import Selector


def _titles(catalog: RoleCatalog) -> list[str]:
    return [r.title for r in catalog.roles.values()]


def _examples(catalog: RoleCatalog) -> list[str]:
    """Three questions to try, over the first roles (the chips under a reply)."""
    titles = _titles(catalog)
    if not titles:
        return []
    first, second = titles[0], titles[1 % len(titles)]
    # with_article: the first role is often an AI or an MLOps engineer ("What does a AI
    # Engineer do?" was the greeting's first chip).
    return [
        with_article(f"What does a {first} do?"),
        with_article(f"How does a {first} compare with a {second}?"),
        "Which role suits me? I enjoy SQL and explaining numbers.",
    ]


def act_reply(act: str, catalog: RoleCatalog, *, foreign: bool = False) -> Answer:
    """What careerbot says to a conversation act (``bot.understand.acts``): no guide quoted.
    "why?" is answered from the previous answer's own sources, by the chatbot. ``foreign``:
    the act was said in another language, whose line before the reply promises the roles
    careerbot covers, so even a goodbye names them."""
    listed = ", ".join(_titles(catalog)) or "no roles yet"
    offer = (
        "I answer from career guides and cite them: what a role does, its skills, tools, pay "
        "and path, how roles compare, which role suits you and what you would need to learn. "
        f"The roles I cover: {listed}."
    )
    texts = {
        "greeting": f"Hello! I'm careerbot. {offer}",
        "capabilities": f"I'm careerbot, a career adviser for data jobs. {offer}",
        "thanks": f"Glad that helped. Ask me anything else about these roles: {listed}.",
        "goodbye": "Good luck with your next step. Come back any time you have a question "
        "about a data career.",
    }
    if foreign:
        texts["goodbye"] += f" The roles I cover: {listed}."
    suggestions = [] if act == "goodbye" else _examples(catalog)
    return Answer(text=texts[act], route="act", intent=act, suggestions=suggestions)


def why_without_context(catalog: RoleCatalog) -> Answer:
    text = (
        "There is no earlier answer of mine to explain yet. Ask me about a role and I will "
        "show which lines of the guides the answer rests on."
    )
    return Answer(text=text, route="act", intent="why", suggestions=_examples(catalog))


# The reasons shown for "why?": enough to see what the answer rests on, few enough to read.
MAX_REASONS = 4
# How closely a line of the answer must match its guide's text to be quoted as the guide's
# own words (rapidfuzz partial ratio: a sentence cleaned of its markdown scores 100). Below
# it the answer paraphrased (a ranking's line, "$135,980 for database architects"), and the
# guide's sentence nearest to it is quoted instead.
QUOTED = 95
# Words before a snippet's cut that must reappear in an answer's line for the line to be read
# as the whole sentence the snippet was cut in.
CUT_ANCHOR_WORDS = 5
# Answers that reason: a verdict or ranking (``Answer.verdict``), or a fit, whose
# "Why it fits" lines are its evidence. Every other answer reports what the guides say:
# "why?" after it says so and offers its sources instead of inventing reasons.
REASONED_ROUTES = ("fit",)
# The marker of a citation in an answer: "[2]", "[1, 3]" ("[1][2]" is two of them).
_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_MARKER_SPACED = re.compile(r"\s*" + _MARKER.pattern)
_LABEL = re.compile(r"^[A-Z][\w ()'-]{0,40}:\s+")  # "Why it fits: ", "Data Engineer: "
_ITEM = re.compile(r"\s+[-•]\s+(?=\S)")
_NOTE = re.compile(r"^\s*(?:>|#|\*\*Sources|Sources:)")
_FIGURE = re.compile(r"\d[\d,.]*")  # "$135,980", "34", "2024"


@dataclass(frozen=True)
class Cited:
    """A stretch of an earlier answer and the numbers of the sources it cites."""

    text: str
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Reason:
    quote: str  # the guide's words
    source: Source


def reasoned(route: str, verdict: str) -> bool:
    """Whether an answer reasoned (a verdict, a ranking, a fit) rather than reported."""
    return bool(verdict) or route in REASONED_ROUTES


def cited_in(text: str, label: str = "") -> list[Cited]:
    """The stretches of an answer that carry a citation, in reading order: each runs from
    the previous marker (or the start of its line or table cell) to its own marker, so a
    sentence is paired with the source it was cited to; "[1][2]" cites both for one stretch.
    ``label``: only the lines that open with it ("- Why it fits: ..."), the answer's
    evidence rather than what follows it (a fit's first steps)."""
    found: list[Cited] = []
    for line in text.splitlines():
        if _NOTE.match(line):
            continue  # a notice or the sources list an interface appended
        if label and not line.strip().lstrip("-*+ ").startswith(f"{label}:"):
            continue
        for cell in line.strip().strip("|").split("|"):
            start, last = 0, ""
            for m in _MARKER.finditer(cell):
                numbers = tuple(int(n) for n in m.group(1).split(","))
                piece = _plain(cell[start : m.start()])
                start = m.end()
                if not piece.strip(" .;,") and last:
                    piece = last  # "[1][2]": the second marker cites the same words
                if piece.strip(" .;,"):
                    found.append(Cited(piece, numbers))
                    last = piece
    return found


def _plain(text: str) -> str:
    line = clean_line(text.strip().lstrip("-*+ ").strip())
    line = re.sub(r"^\d+[.)]\s+", "", line)
    return _LABEL.sub("", line).strip()


def claim_of(text: str) -> str:
    """An answer's first sentence, without markers and markdown: what it said."""
    for line in text.splitlines():
        if _NOTE.match(line) or not line.strip() or line.lstrip().startswith("|"):
            continue
        plain = clean_line(_MARKER_SPACED.sub("", line)).strip()
        sentences = split_sentences(plain)
        if sentences:
            return sentences[0].strip()
    return ""


def reasons_for(
    said: str,
    sources: Sequence[Source],
    catalog: RoleCatalog,
    *,
    numbered: bool = True,
    label: str = "",
    passages: Sequence[Passage] = (),
    role: str = "",
) -> list[Reason]:
    """The guide lines an earlier answer ``said`` rests on. ``sources`` are that answer's,
    numbered as its markers are when ``numbered`` (the text is the answer they came with);
    otherwise (an LLM's answer, a history written elsewhere), and for a marker that names
    no source or an answer without markers, each stretch is matched to the source whose
    text it is nearest. The role the answer leads with ("your best fit is Data
    Analyst", "a data engineer ..., whereas a data scientist ...") come first: their
    reasons are the answer's reasons. ``label``: as for ``cited_in``; ``passages``: the
    answer's passages, whose whole text is quoted from (a source's snippet is cut short)."""
    pairs: list[tuple[str, Source]] = []
    lead = [role] if role else catalog.resolve(claim_of(said))
    # An unmarked stretch is matched among the sources of the role the answer leads with
    # first: "Analytics Engineer fits you best: ... tested SQL" shares words with every
    # guide, and the nearest by words alone may be another role's.
    theirs = [s for s in sources if s.role in lead] or list(sources)
    stretches = cited_in(said, label) or cited_in(said) or [Cited(claim_of(said), ())]
    for stretch in stretches:
        marked = [sources[n - 1] for n in stretch.numbers if numbered and 0 < n <= len(sources)]
        for source in marked or _nearest(stretch.text, theirs):
            pairs.append((stretch.text, source))
    leading = [p for p in pairs if p[1].role in lead]
    chosen: list[Reason] = []
    for text, source in leading or pairs:
        reason = Reason(_quote(text, _text_of(source, passages)), source)
        if reason.quote and not any(_repeats(reason, r) for r in chosen):
            chosen.append(reason)
        if len(chosen) == MAX_REASONS:
            break
    return chosen


def _text_of(source: Source, passages: Sequence[Passage]) -> str:
    """The whole text of the passage a source was made from, else its snippet."""
    start = source.snippet.rstrip("…").strip()
    for p in passages:
        if (p.source, p.section) == (source.source, source.section):
            whole = " ".join(p.text.split())
            if whole.startswith(start[:80]):
                return whole
    return source.snippet


def _repeats(reason: Reason, other: Reason) -> bool:
    """The same line of the same guide again, perhaps once cut short ("…") and once whole."""
    if reason.source != other.source:
        return False
    a, b = reason.quote.rstrip("…").strip(), other.quote.rstrip("…").strip()
    return a.startswith(b) or b.startswith(a)


def _nearest(text: str, sources: Sequence[Source]) -> list[Source]:
    if not sources:
        return []
    best = max(sources, key=lambda s: fuzz.token_set_ratio(text, s.snippet))
    return [best]


def _quote(text: str, guide: str) -> str:
    """The answer's words where they are the guide's own, else the guide's sentence nearest
    to them: first the sentences that hold the same figures ("$135,980"), then by their
    words (the last one may be cut short with "…", as a snippet is)."""
    if text and _guides_words(text, guide):
        return text
    # A snippet runs a guide's list items together (" - "): one line each again.
    lines = [clean_line(line) for line in _ITEM.split(guide) if line.strip()]
    whole = split_sentences("\n".join(lines))  # complete sentences: not the cut one
    cut = [_cut_tail(lines[-1])] if lines and lines[-1].endswith("…") else []
    candidates = [*whole, *cut]
    if not candidates:
        return text
    figures = set(_FIGURE.findall(text))

    def score(sentence: str) -> tuple[int, float]:
        shared = len(figures & set(_FIGURE.findall(sentence)))
        return shared, fuzz.token_set_ratio(text, sentence)

    return max(candidates, key=score)


def _guides_words(text: str, guide: str) -> bool:
    """Whether ``text`` is the guide's own words: found in it, or, where the guide's text is
    a snippet cut short ("…"), found in it up to the cut (the answer quoted the whole
    sentence the snippet ends inside)."""
    if fuzz.partial_ratio(text, guide) >= QUOTED:
        return True
    if not guide.endswith("…"):
        return False
    head = guide[:-1].rstrip()
    anchor = " ".join(head.split()[-CUT_ANCHOR_WORDS:])
    at = text.find(anchor)
    return at >= 0 and fuzz.partial_ratio(text[: at + len(anchor)], head) >= QUOTED


def _cut_tail(line: str) -> str:
    """The sentence a snippet's last line was cut short in ("… to grow 34 percent…")."""
    complete = split_sentences(line)
    if not complete:
        return line
    return line[line.rfind(complete[-1]) + len(complete[-1]) :].strip() or line


def why_reply(
    said: str,
    sources: Sequence[Source],
    catalog: RoleCatalog,
    *,
    numbered: bool = True,
    route: str = "answer",
    verdict: str = "",
    passages: Sequence[Passage] = (),
    role: str = "",
    claim: str = "",
) -> Answer | None:
    """ "Why?" after an answer. One that reasoned (``reasoned``: a verdict, a ranking, a
    fit): what it said, and the evidence it used, each line cited; a fit's evidence is its
    "Why it fits" lines, not its first steps. One that only reported the guides: said
    plainly that there was no reasoning, with the lines it comes from. None when the answer
    rested on no guide at all (nothing to explain). ``numbered``: as for ``reasons_for``;
    ``route``, ``verdict`` and ``passages`` are the earlier answer's, re-derived. ``role``
    and ``claim``: the reasons of that role in ``said`` (an answer re-derived) for what the
    person was told (``claim``, the first sentence of the answer they read)."""
    label = REASON_LABEL if route == "fit" else ""
    reasons = reasons_for(
        said, sources, catalog, numbered=numbered, label=label, passages=passages, role=role
    )
    if role:
        reasons = [r for r in reasons if r.source.role == role]
    if not reasons:
        return None
    used: list[Source] = []
    lines = []
    for reason in reasons:
        if reason.source not in used:
            used.append(reason.source)
        n = used.index(reason.source) + 1
        lines.append(f"- {_where(reason.source)}: {_quoted(reason.quote)} [{n}]")
    claim, first = claim or claim_of(said), reasons[0]
    if reasoned(route, verdict) and not _same(claim, first.quote):
        opening = f"I said {_quoted(claim)} because of what {_guides(used)} {_say(used)}:"
        return Answer(
            text="\n".join([opening, "", *lines]), sources=used, route="act", intent="why"
        )
    # An answer that reported the guides' facts: no reasoning of its own, so its sources.
    plainly = "That answer gave no reasoning of its own: it reports what the guides say."
    where = f"It comes from the {first.source.title} guide, {_section(first.source)}"
    if len(reasons) == 1:
        text = f"{plainly} {where}: {_quoted(first.quote)} [1]"
    else:
        text = "\n".join([f"{plainly} It comes from these lines of the guides:", "", *lines])
    return Answer(text=text, sources=used, route="act", intent="why")


def why_unreasoned(catalog: RoleCatalog) -> Answer:
    """ "Why?" after an answer that drew on no guide (a greeting, "the guides don't cover
    that"): said plainly, with the guides careerbot does answer from."""
    guides = [f"{r.title} ({r.source})" if r.source else r.title for r in catalog.roles.values()]
    text = (
        "My last answer did not rest on the guides, so there is no reasoning in it to "
        "explain. Every answer I give about a role cites the guides it comes from: "
        + (", ".join(guides) or "no guides yet")
        + "."
    )
    return Answer(text=text, route="act", intent="why", suggestions=_examples(catalog))


def _same(claim: str, quote: str) -> bool:
    return fuzz.ratio(claim.lower(), quote.lower()) >= QUOTED or not claim


def _quoted(text: str) -> str:
    return f"“{text.strip()}”"


def _section(source: Source) -> str:
    last = source.section.split(">")[-1].strip()
    return f"under “{last}”" if last else "in its text"


def _where(source: Source) -> str:
    last = source.section.split(">")[-1].strip()
    return f"{source.title} guide, {last}" if last else f"{source.title} guide"


def _guides(used: Sequence[Source]) -> str:
    titles = list(dict.fromkeys(s.title for s in used))
    if len(titles) == 1:
        return f"the {titles[0]} guide"
    return "the " + ", ".join(titles[:-1]) + f" and {titles[-1]} guides"


def _say(used: Sequence[Source]) -> str:
    return "says" if len({s.title for s in used}) == 1 else "say"


def other_language(line: str, catalog: RoleCatalog) -> Answer:
    """A question in another language that names no role careerbot can read: the line in
    that language, then the roles in English."""
    listed = ", ".join(_titles(catalog)) or "no roles yet"
    text = (
        f"{line}\n\ncareerbot answers in English, from English career guides. The roles it "
        f"covers: {listed}. Ask in English about what they do, their skills, tools, pay or "
        "career paths, or how two of them compare."
    )
    return Answer(text=text, route="act", intent="other_language", suggestions=_examples(catalog))


class ActRoute(BaseRoute):
    """The reply is set when the act is recognised; nothing to search or compose."""

    name = "act"

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return turn.ready or act_reply("capabilities", turn.catalog)

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]:
        return answer.suggestions
