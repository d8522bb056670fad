"""Formats: PDF and HTML files -> plain text that the markdown splitter understands.

HTML headings become markdown headings, so an HTML guide is split into sections like a
markdown one; scripts, styles and other non-content elements are dropped.
"""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser


class UnreadableFileError(Exception):
    """The file's format is recognised but its content cannot be read."""


def pdf_text(raw: bytes) -> str:
    """The text of every page, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    # pypdf narrates its repairs of damaged files as warnings ("EOF marker not found"...);
    # the user gets the file's one skip reason instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise UnreadableFileError("encrypted PDF")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except UnreadableFileError:
        raise
    except LimitReachedError as exc:
        # pypdf's guard against decompression bombs: a few KB that inflate to gigabytes.
        raise UnreadableFileError("PDF expands beyond pypdf's size limits (a bomb?)") from exc
    except NotImplementedError as exc:
        raise UnreadableFileError(f"PDF uses a feature pypdf cannot read ({_short(exc)})") from exc
    except Exception as exc:
        # A damaged or hostile PDF makes pypdf fail with almost any exception type
        # (PdfReadError, ValueError, KeyError, AssertionError, AttributeError...): all of
        # them mean this one file cannot be read.
        raise UnreadableFileError(f"unreadable PDF ({_short(exc)})") from exc
    return "\n\n".join(p for p in pages if p)


def _short(exc: BaseException, limit: int = 100) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


_HEADINGS = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "### ", "h5": "### ", "h6": "### "}
_BLOCKS = {"p", "div", "section", "article", "li", "tr", "br", "ul", "ol", "table", "header"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skipping += 1
        elif tag in _HEADINGS:
            self.parts.append("\n\n" + _HEADINGS[tag])
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(text: str) -> str:
    """Readable text with markdown headings; the <title> becomes the H1 if there is none."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    body = "".join(parser.parts)
    lines = [line.strip() for line in body.splitlines()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join(parser.title.split())
    if title and not re.search(r"^# ", body, re.M):
        body = f"# {title}\n\n{body}"
    return body
