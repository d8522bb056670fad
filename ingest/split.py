"""Split: a guide -> chunks, first by markdown headers (the section path), then by size.

Every chunk carries role, title, section ("Data Engineer > Skills > Soft skills"), part (the
top-level section, used to compare roles aspect by aspect) and source. The section path is
also prepended to the text that gets embedded, so a passage like "the median was $X" is
found for "data engineer salary" even though it never names the role.
"""

from __future__ import annotations

import re

from langchain_core.documents import Document
from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from bot.index.store import chunk_text
from ingest.load import GuideFile
from ingest.naming import clean_title

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
# Bibliography sections stay in the guide for readers but are not indexed: a line such as
# 'BLS, "Data Scientists", 2025.' never answers a question, yet it matches many of them.
UNINDEXED_PARTS = frozenset({"sources", "references", "bibliography", "further reading"})
OVERVIEW = "Overview"


# Bounds that hold whatever a file holds (a guide is at most ``max_file_bytes``): no word
# is longer than any real one (URLs included), so a file made of one 2 MB "word" is not cut
# into thousands of chunks of noise; and no guide makes more chunks than ``max_chunks``
# (the bundled guides make 25-40), so a file of 60,000 headings cannot flood the index.
MAX_WORD = 200
MAX_CHUNKS = 500
_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


def split_guide(
    guide: GuideFile, chunk_size: int, chunk_overlap: int, max_chunks: int = MAX_CHUNKS
) -> list[Document]:
    """The guide's chunks, at most ``max_chunks``; what a bound cut is in its warnings."""
    text = bounded_words(guide)
    by_header = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    by_size = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", " ", ""],
    )
    chunks: list[Document] = []
    first = _FIRST_H1.search(text)
    heading = first.group(1).strip() if first else ""
    pieces = 0
    for section in opening_as_overview(by_header.split_text(text)):
        path = section_path(guide.title, section.metadata, heading)
        part = str(section.metadata.get("h2", ""))
        if part.strip().lower() in UNINDEXED_PARTS:
            continue
        for piece in by_size.split_text(section.page_content):
            if not piece.strip():
                continue
            pieces += 1
            if len(chunks) >= max_chunks:
                continue
            chunks.append(
                Document(
                    page_content=chunk_text(path, piece.strip()),
                    metadata={
                        "role": guide.role,
                        "title": guide.title,
                        "section": path,
                        "part": part,
                        "source": guide.source,
                        "seq": len(chunks),
                    },
                )
            )
    if pieces > max_chunks:
        guide.warnings.append(
            f"too long: {pieces:,} chunks, only the first {max_chunks:,} are indexed "
            "(split it into several guides)"
        )
    return chunks


def bounded_words(guide: GuideFile) -> str:
    """The guide's text with every word over ``MAX_WORD`` characters cut to its start."""
    cut = 0

    def shorten(match: re.Match[str]) -> str:
        nonlocal cut
        cut += 1
        return match.group(0)[:MAX_WORD] + "…"

    text = _LONG_WORD.sub(shorten, guide.text)
    if cut:
        guide.warnings.append(
            f"{cut:,} word(s) longer than {MAX_WORD} characters cut to their first {MAX_WORD}"
        )
    return text


_FIRST_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def section_path(title: str, headers: dict[str, object], title_heading: str = "") -> str:
    """ "Title > H2 > H3"; the H1 stands for the title (or is the title)."""
    parts = [str(headers.get(h, "")).strip() for h in ("h1", "h2", "h3")]
    # "# Data Architect: Career Guide" is the heading of the guide titled "Data Architect",
    # and "# Careers in Actuarial Science" that of the guide titled "Actuary": citations
    # show the title, not the words that only say it is a guide.
    named = parts[0] == title_heading or clean_title(parts[0]) == title
    head = title if not parts[0] or named else parts[0]
    return " > ".join(p for p in [head, *parts[1:]] if p)


def opening_as_overview(sections: list[Document]) -> list[Document]:
    """Text before a guide's first section heading is its overview.

    Career sites open with an untitled paragraph ("Data architects design ...") and only
    then start their sections; without a name that opening would belong to no section, and
    "what does a data architect do?" could not look for it where overviews are. A guide with
    no sections at all is left as it is: its whole text is not an overview.
    """
    if not any(s.metadata.get("h2") for s in sections):
        return sections
    out: list[Document] = []
    started = False
    for section in sections:
        started = started or bool(section.metadata.get("h2"))
        opening = not started and not section.metadata.get("h3")
        metadata = {**section.metadata, "h2": OVERVIEW} if opening else section.metadata
        out.append(Document(section.page_content, metadata=metadata))
    return out
