"""The guide view: a cited guide rendered in full with the cited passage highlighted.

The guide is read through the loader ingest uses (front matter removed, PDF and HTML turned
into text), only from inside the corpus dir, and made inert like every other guide text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bot.core.errors import CareerbotError
from bot.core.settings import Settings
from ingest.load import Skipped, load_file
from ui.markup import inert

# Enough words to find the passage again; snippets are the passage's opening words.
MATCH_WORDS = 14
# Words, without the markdown around them; between two words the file may have any
# whitespace, list marks, emphasis or table bars that the snippet wrote differently.
_WORD = re.compile(r"[^\s*_`#>|]+")
_BETWEEN = r"[\s*_`#>|+-]+"
_LIST_MARK = re.compile(r"^(\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+)")


Span = tuple[int, int]


class GuideViewError(CareerbotError):
    """The cited guide cannot be shown (gone, unreadable, or not in the library)."""


@dataclass(frozen=True)
class GuideView:
    title: str
    markdown: str  # inert markdown with <mark> around the cited passage
    found: bool  # whether the passage was found in the guide as it is now


def _span(text: str, snippet: str) -> tuple[int, int] | None:
    """Where the snippet's words occur in ``text``, whatever the whitespace between them."""
    words = _WORD.findall(snippet.rstrip("…"))
    while len(words) >= 3:
        pattern = _BETWEEN.join(re.escape(w) for w in words[:MATCH_WORDS])
        found = re.search(pattern, text)
        if found:
            if len(words) <= MATCH_WORDS:
                return found.span()
            # Extend over the rest of the snippet when it continues as quoted.
            rest = _BETWEEN.join(re.escape(w) for w in words)
            whole = re.compile(rest).match(text, found.start())
            return whole.span() if whole else found.span()
        words = words[1:]  # the snippet may open with a heading the file writes differently
    return None


def _quote_spans(text: str, quotes: Sequence[str], near: tuple[int, int] | None) -> list[Span]:
    """Where each quoted sentence is in ``text``: the occurrence nearest the cited passage
    (a guide can repeat a sentence), whatever the whitespace and markdown between words."""
    spans: list[Span] = []
    for quote in quotes:
        # Words only: between two of them the guide may have any punctuation or markdown.
        words = re.findall(r"\w+", quote)
        if not words:
            continue
        found = [m.span() for m in re.finditer(r"[\W_]+".join(words), text)]
        if not found and len(words) > 6:
            # An answer may open a quote with words of its own ("They ..."): the rest.
            found = [m.span() for m in re.finditer(r"[\W_]+".join(words[2:]), text)]
        if found:
            anchor = near[0] if near else 0
            spans.append(min(found, key=lambda span: abs(span[0] - anchor)))
    return sorted(spans)


def _line_parts(line: str, offset: int, quotes: Sequence[Span]) -> str:
    """One line, inert, with the parts inside quoted sentences in ``<mark class="quoted">``
    (cut at table bars, so a mark never spans two cells)."""
    cuts = {0, len(line)}
    for start, end in quotes:
        cuts |= {min(max(start - offset, 0), len(line)), min(max(end - offset, 0), len(line))}
    cuts |= {i for i, ch in enumerate(line) if ch == "|"} | {
        i + 1 for i, ch in enumerate(line) if ch == "|"
    }
    points = sorted(cuts)
    out = []
    for a, b in pairwise(points):
        piece = line[a:b]
        quoted = piece.strip(" |") and any(s <= offset + a and offset + b <= e for s, e in quotes)
        out.append(f'<mark class="quoted">{inert(piece)}</mark>' if quoted else inert(piece))
    return "".join(out)


def _marked(line: str, offset: int, quotes: Sequence[Span], passage: bool) -> str:
    """One line of the guide: quoted sentences marked strongly, the cited passage's lines
    lightly (list and heading marks stay outside, so the markdown still renders as a list
    or a heading; table rows are not wrapped, a mark around a row would break the table)."""
    if not line.strip():
        return line
    lead = _LIST_MARK.match(line)
    start = lead.end() if lead else len(line) - len(line.lstrip())
    inner = _line_parts(line[start:], offset + start, quotes)
    if passage and not line.lstrip().startswith("|"):
        inner = f'<mark class="cited">{inner}</mark>'
    return inert(line[:start]) + inner


def highlight(text: str, snippet: str, quotes: Sequence[str] = ()) -> tuple[str, bool]:
    """The guide as inert markdown: the passage that begins with ``snippet`` marked lightly,
    the ``quotes`` (the sentences an answer took from it) marked strongly."""
    span = _span(text, snippet) if snippet else None
    marks = _quote_spans(text, quotes, span)
    if span is None and not marks:
        return inert(text), False
    # Whole lines of the passage are marked: a mark across blocks would break them.
    first = text.rfind("\n", 0, span[0]) + 1 if span else -1
    last = span[1] if span else -1
    out, offset = [], 0
    for line in text.split("\n"):
        passage = span is not None and offset + len(line) >= first and offset <= last
        out.append(_marked(line, offset, marks, passage))
        offset += len(line) + 1
    return "\n".join(out), True


def guide_view(
    settings: Settings, source: str, snippet: str, quotes: Sequence[str] = ()
) -> GuideView:
    """The guide at ``source`` (relative to the corpus dir) with ``snippet``'s passage and
    the ``quotes`` from it highlighted."""
    corpus = settings.corpus_dir.resolve()
    path = (corpus / source).resolve()
    if not path.is_relative_to(corpus):
        raise GuideViewError("That guide is not in the library.")
    if not path.is_file():
        raise GuideViewError("That guide was removed from the library.")
    loaded = load_file(path, Path(source).as_posix(), corpus, settings.max_file_bytes)
    if isinstance(loaded, Skipped):
        raise GuideViewError(f"The guide '{source}' cannot be shown: {loaded.reason}.")
    body, found = highlight(loaded.text, snippet, quotes)
    return GuideView(loaded.title, body, found)
