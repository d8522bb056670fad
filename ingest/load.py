"""Load: corpus files -> ``GuideFile`` (text plus front matter), with a reason for every skip.

A broken file never stops the run: it is reported and the rest of the corpus still loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.formats import UnreadableFileError, html_text, pdf_text, plain_text_markdown
from ingest.naming import (
    Named,
    clean_title,
    derived_aliases,
    drop_collisions,
    stem_words,
    title_from_stem,
)

SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".html", ".htm")
_SLUG = re.compile(r"[^a-z0-9]+")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass
class GuideFile:
    source: str  # path relative to the corpus dir, with forward slashes
    role: str
    title: str
    aliases: list[str]
    text: str  # the body, front matter removed
    warnings: list[str] = field(default_factory=list)
    # Aliases derived from the title or text, not written by the author: dropped again when
    # another guide answers to the same name (see ``ingest.naming.drop_collisions``).
    guessed_aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class LoadResult:
    files: list[GuideFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def discover(corpus_dir: Path) -> Iterator[Path]:
    """Candidate files below the corpus dir, in a stable order; hidden files are ignored."""
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() or path.is_symlink():
            yield path


def load_corpus(corpus_dir: Path, max_bytes: int) -> LoadResult:
    result = LoadResult()
    root = corpus_dir.resolve()
    for path in discover(corpus_dir):
        source = path.relative_to(corpus_dir).as_posix()
        if path.suffix.lower() not in SUPPORTED:
            result.skipped.append(Skipped(source, f"unsupported file type '{path.suffix}'"))
            continue
        loaded = load_file(path, source, root, max_bytes)
        if isinstance(loaded, Skipped):
            result.skipped.append(loaded)
        else:
            result.files.append(loaded)
    _settle_guessed_aliases(result.files)
    return result


def _settle_guessed_aliases(files: list[GuideFile]) -> None:
    """Only a whole corpus shows which guessed aliases another guide also answers to."""
    named = [Named(f.role, f.title, tuple(f.aliases), tuple(f.guessed_aliases)) for f in files]
    kept = drop_collisions(named)
    for guide in files:
        dropped = set(guide.guessed_aliases) - set(kept[guide.role])
        guide.aliases = [a for a in guide.aliases if a not in dropped]
        guide.guessed_aliases = [a for a in guide.guessed_aliases if a not in dropped]


def load_file(path: Path, source: str, root: Path, max_bytes: int) -> GuideFile | Skipped:
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return Skipped(source, "links outside the corpus dir")
    if not resolved.is_file():
        return Skipped(source, "not a regular file")
    size = resolved.stat().st_size
    if size > max_bytes:
        return Skipped(source, f"too large ({size:,} bytes; limit {max_bytes:,})")
    raw = resolved.read_bytes()
    if not raw.strip():
        return Skipped(source, "empty file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        # PDFs are binary by design; their text comes out of pypdf, never a decode.
        try:
            text = pdf_text(raw)
        except UnreadableFileError as exc:
            return Skipped(source, str(exc))
        if not text.strip():
            return Skipped(source, "PDF has no extractable text (scanned images?)")
        return parse_guide(text, source)
    if b"\x00" in raw[:8192]:
        return Skipped(source, "binary file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(source, f"not UTF-8 text (byte {exc.start})")
    if suffix in (".html", ".htm"):
        text = html_text(text)
    elif suffix == ".txt":
        # Plain-line headings become markdown ones, so the guide is split into sections.
        text = plain_text_markdown(text)
    if not text.strip():
        return Skipped(source, "empty file" if suffix not in (".html", ".htm") else "no text")
    return parse_guide(text, source)


def parse_guide(text: str, source: str) -> GuideFile:
    """Front matter -> role, title, aliases; without it, role from the file name and title
    from the first heading. Broken front matter ingests with those defaults and a warning."""
    warnings: list[str] = []
    meta: dict[str, object] = {}
    body = text
    match = _FRONT.match(text)
    if match:
        body = text[match.end() :]
        try:
            loaded = yaml.safe_load(match.group(1))
            if isinstance(loaded, dict):
                meta = loaded
            else:
                warnings.append("front matter is not a mapping; using defaults")
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
            warnings.append(f"broken front matter ({first}); using defaults")
    title, role, guessed = guide_names(meta, body, Path(source).stem)
    aliases = _aliases(meta.get("aliases"), warnings)
    return GuideFile(
        source, role, title, [*aliases, *guessed], body, warnings, guessed_aliases=guessed
    )


def guide_names(meta: dict[str, object], body: str, stem: str) -> tuple[str, str, list[str]]:
    """Title, role id and guessed aliases. Front matter wins; without it the title comes from
    the first H1 and the role from the file name, both without "Career Guide"-style words."""
    heading = _H1.search(body)
    title = _text(meta.get("title")) or (clean_title(heading.group(1)) if heading else "")
    title = title or title_from_stem(stem)
    role = slugify(_text(meta.get("role")) or stem_words(stem)) or "guide"
    # Aliases the author wrote are the whole list; guesses fill in only when there are none.
    guessed = [] if "aliases" in meta else derived_aliases(title, body)
    return title, role, guessed


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _aliases(value: object, warnings: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [a.strip() for a in value.split(",") if a.strip()]
    if isinstance(value, list):
        return [str(a).strip() for a in value if str(a).strip()]
    warnings.append("aliases should be a list; ignored")
    return []
