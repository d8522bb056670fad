"""Formats: PDF, HTML and plain-text files -> text that the markdown splitter understands.

An HTML page becomes markdown (headings, lists, tables) without its navigation and footer,
so an HTML guide is split into sections like a markdown one. In a plain-text
guide, the lines that look like headings become markdown headings.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any


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
    return "\n\n".join(_reflow(p) for p in pages if p)


# A line this much of the page's widest line is full: its paragraph goes on below it.
_FULL_LINE = 0.7


def _reflow(page: str) -> str:
    """A page's lines with the paragraphs rejoined: pypdf gives the line breaks of the
    layout, and a heading finder or a sentence splitter reads each of them as an end. A line
    is continued when the next begins in lower case, or when it fills the width and does
    not end a sentence; a short line (a heading, a paragraph's last) stands alone."""
    lines = [line.strip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    continued = False
    for line in lines:
        if out and out[-1] and line and (continued or line[:1].islower()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        continued = (
            bool(line)
            and len(line) >= _FULL_LINE * width
            and not line.endswith((".", "!", "?", ":"))
        )
    return "\n".join(out)


def _short(exc: BaseException, limit: int = 100) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- HTML: the page's content as markdown -----------------------------------------------
# A guide saved from the web is a page: navigation, cookie banners, breadcrumbs, related
# links and a footer around the article. The chrome is found the way assistive technology
# finds it, by the HTML landmarks (<nav>, <footer>, role="navigation", ...) and the ids and
# classes sites give them; the content that is left is converted by markdownify, which keeps
# headings, lists and tables (a pay table stays a table, so its figures keep their labels).

# Never content: code, styling, embedded media and the page's <head>.
_NEVER = ("script", "style", "noscript", "template", "svg", "head", "iframe", "form", "button")
# Landmarks that hold the site's chrome rather than the page's text.
_CHROME_TAGS = ("nav", "footer", "aside")
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary", "dialog", "search")
# Words of the ids and classes that sites give their chrome: "site-header", "top-nav",
# "cookie-banner", "breadcrumb", "skip" (link), "footer-cols".
_CHROME_NAME = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|cookies?|consent|banner|"
    r"skip|sidebar|social|share|related|tabs|masthead|site-header)(?:$|[-_ ])",
    re.IGNORECASE,
)
_MD_HEADING_LINE = re.compile(r"^(#{1,6})[ \t]+", re.M)


def html_text(text: str) -> str:
    """The page's content as markdown (headings, lists, tables); the <title> becomes the H1
    if the content has none."""
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    soup = BeautifulSoup(text, "html.parser")
    title = " ".join(soup.title.get_text(" ").split()) if soup.title else ""
    # The page's own landmark for its content, when it marks one: everything else is chrome.
    main = soup.find("main") or soup.find(True, attrs={"role": "main"}) or soup.find(id="main")
    if main is None:
        # No landmark to trust: chrome is found by its shape (before buttons are gone).
        _drop_unmarked_chrome(soup)
    for element in soup.find_all(_NEVER):
        element.decompose()
    root = main if main is not None else soup
    _drop_chrome(root)
    _definitions_as_items(soup, root)
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        strip=["a", "img"],
        table_infer_header=True,
        # One line per paragraph: the sentence splitter reads a line break as an end.
        wrap=True,
        wrap_width=None,
    )
    body = converter.convert_soup(root)
    # The splitter knows three heading levels: h4-h6 are subsections of an h3.
    body = _MD_HEADING_LINE.sub(lambda m: "#" * min(len(m.group(1)), 3) + " ", body)
    lines = [line.rstrip() for line in body.splitlines()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title and not re.search(r"^# ", body, re.M):
        body = f"# {title}\n\n{body}"
    return body


def _definitions_as_items(soup: Any, root: Any) -> None:
    """Each definition list as a list of "term: definition" items.

    Job profiles put their key facts in one ("Average salary (a year)" / "£24,000 to
    £52,000"); markdownify writes a definition as pandoc's "term\n:   definition", which
    reads as neither a sentence nor a list item, so the figure would be quoted without what
    it is the figure of."""
    for listing in root.find_all("dl"):
        items = soup.new_tag("ul")
        term = ""
        for element in listing.find_all(["dt", "dd"]):
            text = " ".join(element.get_text(" ").split())
            if element.name == "dt":
                term = text
            elif text:
                item = soup.new_tag("li")
                item.string = f"{term}: {text}" if term else text
                items.append(item)
        listing.replace_with(items)


# A page built without landmarks or telling class names (a site whose CSS classes are
# hashes, "sc-1f2e3d") still has chrome of a recognisable shape: menus, breadcrumbs and
# footer columns are text that is mostly links, and a cookie or sign-up banner is a few
# words beside two or more buttons. The content of a career page is sentences.
_LINK_SHARE = 0.7
_BANNER_WORDS = 60
_SENTENCE_WORDS = 8


def _drop_unmarked_chrome(soup: Any) -> None:
    """Remove link-dense blocks and button banners from a page that marks no landmarks."""
    doomed = []
    for element in soup.find_all(["ul", "ol", "div", "p", "span", "li"]):
        words = _words(element.get_text(" "))
        buttons = element.find_all("button", recursive=False)
        if len(buttons) >= 2 and words <= _BANNER_WORDS:
            doomed.append(element)
            continue
        links = element.find_all("a")
        linked = sum(_words(a.get_text(" ")) for a in links)
        dense = len(links) >= 2 and words and linked / words >= _LINK_SHARE
        if dense and not _has_sentence(element):
            doomed.append(element)
    for element in doomed:
        if not element.decomposed:
            element.decompose()


def _has_sentence(element: Any) -> bool:
    """Running text outside the links: a sentence of eight words or more."""
    outside = " ".join(
        str(text) for text in element.find_all(string=True) if text.find_parent("a") is None
    )
    return any(len(part.split()) >= _SENTENCE_WORDS for part in re.split(r"[.!?]", outside))


def _words(text: str) -> int:
    """Words with a letter or digit in them: a breadcrumb's "/" and "›" are not words."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def _drop_chrome(root: Any) -> None:
    """Remove navigation, banners, footers and sidebars below ``root``."""
    doomed = list(root.find_all(_CHROME_TAGS))
    doomed += root.find_all(attrs={"role": list(_CHROME_ROLES)})
    for element in root.find_all(True):
        if element.name in ("html", "body", "main", "article"):
            continue
        names = [element.get("id") or "", *(element.get("class") or [])]
        if any(_CHROME_NAME.search(str(name)) for name in names):
            doomed.append(element)
    # The site's header is chrome, an article's <header> (its title) is not.
    doomed += [h for h in root.find_all("header") if h.find_parent(["article", "main"]) is None]
    for element in doomed:
        if not element.decomposed:
            element.decompose()


# ---- plain text: headings are lines that look like headings ----------------------------
# A .txt guide has no markup, yet its author wrote headings: short lines without a full stop
# ("Skills you need"), ALL CAPS lines ("SALARY AND OUTLOOK"), labels ("Salary:") and
# questions on a line of their own. Marking them as markdown headings gives the guide the
# sections that routing, comparisons and citations rely on.

_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# "Salary:", "Job outlook:"; not a lead-in such as "You will use these:".
_LABEL = re.compile(
    r"^(?!(?:you|they|we|these|this|here|it|i|there)\b)([A-Z0-9][^:\s]*(?:\s+[^:\s]+){0,3}):\s*$",
    re.IGNORECASE,
)
_HEADING_WORDS = 10
_QUESTION_WORDS = 14
_HEADING_CHARS = 80
_ABBREVIATION_LETTERS = 4
_RUN_AS_LIST = 3  # three or more short lines in a row are a list, not headings


def plain_text_markdown(text: str) -> str:
    """A plain-text guide as markdown: plain-line headings marked, wrapped paragraphs
    joined, runs of short lines made a list. Text that already has markdown headings is
    returned as it is."""
    # YAML front matter is the loader's to read: kept verbatim, only the body is converted.
    front = _FRONT_MATTER.match(text)
    head, text = (text[: front.end()], text[front.end() :]) if front else ("", text)
    if _MD_HEADING.search(text) or not text.strip():
        return head + text
    blocks, gaps = _text_blocks(text)
    acronyms = _acronyms(blocks)
    # With a title in the front matter, a short first line is the first section's heading.
    titled = bool(re.search(r"^title[ \t]*:", head, re.M))
    kinds = _kinds(blocks, gaps, titled=titled)
    out: list[str] = []
    current_h2 = ""
    for block, kind in zip(blocks, kinds, strict=True):
        line = block[0].strip()
        if kind == "title":
            out.append(f"# {_heading_text(line, acronyms, title_case=True)}")
        elif kind == "subtitle":
            out.append(f"*{line}*")
        elif kind == "list":
            out.append(_as_item(" ".join(part.strip() for part in block)))
        elif kind == "paragraph":
            out.append(" ".join(part.strip() for part in block))
        else:
            heading = _heading_text(line, acronyms)
            if kind == "h3" or (kind == "question" and _is_faq(current_h2)):
                out.append(f"### {heading}")
            else:
                current_h2 = heading
                out.append(f"## {heading}")
    out, kinds = _figure_rows(out, kinds)
    return head + _join(out, kinds) + "\n"


# A table row of a PDF, its ruled cells lost: a label, then an amount ("Data protection
# officer (entry) £35,000 to £45,000"); and the header row above such rows ("Job title
# Typical salary"), words without a figure.
_FIGURE_ROW = re.compile(r"^- (?P<label>[^£$€\d:][^£$€:]*?)\s+(?P<value>[£$€]\s?\d.*)$")
_HEADER_WORDS = 6


def _figure_rows(parts: list[str], kinds: list[str]) -> tuple[list[str], list[str]]:
    """A run of two or more list items that are each a label and an amount was a table: each
    reads "label: amount.", and the header item just above them, which named the columns
    and no figure, goes (it is no statement a person can be quoted)."""
    keep = [True] * len(parts)
    out = list(parts)
    i = 0
    while i < len(parts):
        if kinds[i] != "list":
            i += 1
            continue
        end = i
        while end < len(parts) and kinds[end] == "list":
            end += 1
        rows = [j for j in range(i, end) if _FIGURE_ROW.match(parts[j])]
        if len(rows) >= 2:
            for j in rows:
                if row := _FIGURE_ROW.match(parts[j]):
                    # Ended as a sentence, as ``readable_markdown`` ends a table's rows.
                    out[j] = f"- {row.group('label')}: {row.group('value').rstrip('.')}."
            above = rows[0] - 1
            words = parts[above][2:].split() if above >= i else []
            if words and len(words) <= _HEADER_WORDS and not re.search(r"\d", parts[above]):
                keep[above] = False
        i = end
    return [p for p, k in zip(out, keep, strict=True) if k], [
        k for k, kept in zip(kinds, keep, strict=True) if kept
    ]


def _join(parts: list[str], kinds: list[str]) -> str:
    """Blank lines between blocks; list items of one list stay on consecutive lines."""
    text = ""
    for index, (part, kind) in enumerate(zip(parts, kinds, strict=True)):
        if index:
            text += "\n" if kind == "list" and kinds[index - 1] == "list" else "\n\n"
        text += part
    return text


def _text_blocks(text: str) -> tuple[list[list[str]], list[bool]]:
    """Paragraph blocks, and whether a blank line comes before each. A file without blank
    lines has a paragraph per line; in one with blank lines, a block's lines are a wrapped
    paragraph, unless its first line is a heading that its paragraph follows directly, or
    its lines are list items."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    if all(line.strip() for line in lines):
        return [[line] for line in lines], [False] * len(lines)
    blocks: list[list[str]] = []
    gaps: list[bool] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            pieces = _split_block(current)
            blocks.extend(pieces)
            gaps.extend([True] + [False] * (len(pieces) - 1))
            current = []
    return blocks, gaps


def _split_block(block: list[str]) -> list[list[str]]:
    if len(block) == 1:
        return [block]
    rest_short = all(_LIST_ITEM.match(line) or _candidate(line) for line in block[1:])
    # Lines that are each an item, or a lead-in ("You will use:") and its items.
    if rest_short and (_candidate(block[0]) or block[0].rstrip().endswith(":")):
        return [[line] for line in block]
    # A wrapped paragraph continues in lower case; a paragraph under a heading starts anew.
    opens = _candidate(block[0]) or _question_line(block[0])
    if opens and block[1].strip()[:1].isupper():
        return [[block[0]], block[1:]]
    return [block]


def _kinds(blocks: list[list[str]], gaps: list[bool], *, titled: bool = False) -> list[str]:
    """title | subtitle | h2 | h3 | question | list | paragraph, for each block. A run of
    heading-like lines never crosses a blank line: the author separated them."""
    n = len(blocks)
    kinds = ["paragraph"] * n

    def single(i: int) -> str | None:
        return blocks[i][0].strip() if 0 <= i < n and len(blocks[i]) == 1 else None

    i = 0
    first = single(0)
    if n > 1 and first and _candidate(first) and not titled:
        kinds[0], i = "title", 1
        second = single(1)
        if n > 2 and second and _short_line(second) and _subtitles(first, second):
            kinds[1], i = "subtitle", 2
    while i < n:
        line = blocks[i][0].strip()
        if _LIST_ITEM.match(line):
            kinds[i] = "list"
        elif single(i) is None or i == n - 1:
            kinds[i] = "paragraph"
        elif _question_line(line):
            following = blocks[i + 1][0].strip()
            kinds[i] = "paragraph" if _question_line(following) else "question"
        elif _candidate(line):
            end = i
            while (
                end + 1 < n - 1
                and not gaps[end + 1]
                and (nxt := single(end + 1))
                and _candidate(nxt)
            ):
                end += 1
            _heading_run(blocks, kinds, i, end)
            i = end + 1
            continue
        i += 1
    return kinds


def _heading_run(blocks: list[list[str]], kinds: list[str], start: int, end: int) -> None:
    """One heading; a heading and its subsection; or a heading over a list of short lines
    (no heading when the paragraph before introduces the list with a colon)."""
    if end == start:
        kinds[start] = "h2"
        return
    if end - start + 1 < _RUN_AS_LIST:
        kinds[start], kinds[end] = "h2", "h3"
        return
    introduced = start > 0 and blocks[start - 1][-1].rstrip().endswith(":")
    for i in range(start, end + 1):
        strong = _strong_heading(blocks[i][0])
        kinds[i] = "h2" if strong or (i == start and not introduced) else "list"


def _candidate(line: str) -> bool:
    return _short_line(line) or _strong_heading(line)


def _short_line(line: str) -> bool:
    line = line.strip()
    words = line.split()
    return (
        0 < len(words) <= _HEADING_WORDS
        and len(line) <= _HEADING_CHARS
        and not _LIST_ITEM.match(line)
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith((".", ",", ";", "!", "?", ":"))
    )


def _strong_heading(line: str) -> bool:
    """ALL CAPS lines and "Salary:" labels are headings whatever follows them. A short
    capitalised word alone ("SQL", "AWS") is more likely an item of a list."""
    line = line.strip()
    letters = [c for c in line if c.isalpha()]
    words = line.split()
    caps = (
        line.upper() == line
        and len(words) <= _HEADING_WORDS
        and (len(words) > 1 or len(letters) > _ABBREVIATION_LETTERS)
    )
    return caps or bool(_LABEL.match(line))


def _question_line(line: str) -> bool:
    line = line.strip()
    return (
        line.endswith("?")
        and len(line.split()) <= _QUESTION_WORDS
        and line[:1].isupper()
        and line.count("?") == 1
    )


def _subtitles(title: str, line: str) -> bool:
    """ "Data Architect" then "Data Architect: A Comprehensive Career Guide"."""
    return "guide" in line.lower() or title.strip().lower() in line.lower()


def _is_faq(heading: str) -> bool:
    lowered = heading.lower()
    return "question" in lowered or "faq" in lowered


def _heading_text(line: str, acronyms: set[str], *, title_case: bool = False) -> str:
    """A heading's words: no label colon; ALL CAPS in sentence case (title case for the
    title), keeping the acronyms the text itself writes in capitals."""
    line = line.strip().removesuffix(":").strip()
    if line.upper() != line:
        return line
    cased = []
    for index, word in enumerate(line.split()):
        if word in acronyms:
            cased.append(word)
        elif index == 0 or (title_case and word.lower() not in _SMALL_WORDS):
            cased.append(word[:1] + word[1:].lower())
        else:
            cased.append(word.lower())
    return " ".join(cased)


_SMALL_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to"}


def _acronyms(blocks: list[list[str]]) -> set[str]:
    """Upper-case words used in running text ("SQL", "BI"): they stay upper case in
    headings that were written in capitals."""
    found: set[str] = set()
    for block in blocks:
        for line in block:
            if line.upper() == line:
                continue
            found.update(w for w in re.findall(r"\b[A-Z][A-Z0-9]{1,5}s?\b", line))
    return {w.removesuffix("s") if w.endswith("s") and w[:-1].isupper() else w for w in found}


def _as_item(line: str) -> str:
    line = line.strip()
    return line if _LIST_ITEM.match(line) else f"- {line}"


# ---- markdown written for reading on a page ---------------------------------------------
# Authors wrap paragraphs at 80 or 100 columns and put facts in tables. Answers quote whole
# sentences, cut from one line each, and a table row is not a sentence: a wrapped paragraph
# is joined into one line, and each table row becomes a list item that names its cells
# ("Median pay (US, May 2023): $104,110 a year."), so a pay table's figure can be quoted with
# its label and cited.

_FENCE = re.compile(r"^\s*(?:```|~~~)")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|<)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DATA_CELL = re.compile(r"^[^\w]{0,2}\d|^[$£€]")
_BARE_NUMBER = re.compile(r"^\d{1,2}[A-Za-z]?$")


def readable_markdown(text: str) -> str:
    """``text`` with soft-wrapped paragraphs and list items joined into one line each, and
    tables turned into list items of labelled cells. Headings, code and the line breaks
    between blocks stay as they are."""
    out: list[str] = []
    lines = text.splitlines()
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        elif (
            line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1])
        ):
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            items = _table_items(lines[i], lines[i + 2 : end])
            # A list needs a blank line before and after it, where the table had none.
            if out and out[-1].strip():
                out.append("")
            out.extend(items)
            if end < len(lines) and lines[end].strip():
                out.append("")
            i = end
            continue
        elif out and _continues(out[-1], line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        i += 1
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _continues(previous: str, line: str) -> bool:
    """A line goes on the line before it: both are text, or it is the indented rest of a
    list item."""
    if not previous.strip() or not line.strip() or _BLOCK_START.match(line):
        return False
    if previous.lstrip().startswith(("#", "|", ">", "<")) or _FENCE.match(previous):
        return False
    if _LIST_ITEM.match(previous) or previous[:1].isspace():
        return line[:1].isspace()
    return not line[:1].isspace()


def _cells(row: str) -> list[str]:
    row = row.strip().removeprefix("|").removesuffix("|")
    return [" ".join(cell.split()) for cell in row.split("|")]


def _table_items(header_row: str, rows: list[str]) -> list[str]:
    """One list item per row: "first cell: other cells", each after its column's header
    when the table has three columns or more. A header row that holds figures is a row
    (an HTML table without a header gives its first row as one)."""
    header = _cells(header_row)
    body = [_cells(r) for r in rows]
    # A header may name a year ("Typical base salary (London, 2025)"); a data cell starts
    # with its figure ("$81,390", "19%").
    if any(_DATA_CELL.match(cell) for cell in header[1:]):
        body.insert(0, header)
        header = []
    named = len(header) >= 3
    items = []
    for cells in body:
        label, rest = (cells[0], cells[1:]) if cells else ("", [])
        if _BARE_NUMBER.match(label) and header and header[0]:
            label = f"{header[0]} {label}"  # "2" in a "Level" column is "Level 2"
        parts = []
        for index, cell in enumerate(rest, start=1):
            if not cell:
                continue
            title = header[index] if named and index < len(header) else ""
            parts.append(f"{_lower_first(title)} {cell}" if title else cell)
        if not parts:
            continue
        text = "; ".join(parts)
        item = f"{label}: {text}" if label else text
        items.append(f"- {item if item.endswith(('.', '!', '?')) else item + '.'}")
    return items


def _lower_first(text: str) -> str:
    """A header inside a sentence: "Base salary" -> "base salary"; "SQL" stays."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]
