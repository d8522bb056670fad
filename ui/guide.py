"""The guide view: a cited guide rendered in full with the cited passage highlighted.

The guide is read through the loader ingest uses (front matter removed, PDF and HTML turned
into text), only from inside the corpus dir, and made inert like every other guide text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def _marked(line: str) -> str:
    """One line of the cited passage, highlighted (list and heading marks stay outside, so
    the markdown still renders as a list or a heading)."""
    if not line.strip():
        return line
    lead = _LIST_MARK.match(line)
    start = lead.end() if lead else len(line) - len(line.lstrip())
    return f'{line[:start]}<mark class="cited">{line[start:]}</mark>'


def highlight(text: str, snippet: str) -> tuple[str, bool]:
    span = _span(text, snippet) if snippet else None
    if span is None:
        return inert(text), False
    start, end = span
    # Whole lines are marked: a mark inside a table row or across blocks would break them.
    start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    end = len(text) if newline == -1 else newline
    middle = "\n".join(_marked(line) for line in inert(text[start:end]).split("\n"))
    return f"{inert(text[:start])}{middle}{inert(text[end:])}", True


def guide_view(settings: Settings, source: str, snippet: str) -> GuideView:
    """The guide at ``source`` (relative to the corpus dir) with ``snippet`` highlighted."""
    corpus = settings.corpus_dir.resolve()
    path = (corpus / source).resolve()
    if not path.is_relative_to(corpus):
        raise GuideViewError("That guide is not in the library.")
    loaded = load_file(path, Path(source).as_posix(), corpus, settings.max_file_bytes)
    if isinstance(loaded, Skipped):
        raise GuideViewError(f"The guide '{source}' cannot be shown: {loaded.reason}.")
    body, found = highlight(loaded.text, snippet)
    return GuideView(loaded.title, body, found)
