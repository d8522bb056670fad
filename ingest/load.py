"""Load: corpus files -> ``GuideFile`` (text plus front matter), with a reason for every skip.

A broken file never stops the run: it is reported and the rest of the corpus still loads.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.roles import TOPIC_WORDS
from ingest.formats import (
    UnreadableFileError,
    html_text,
    pdf_text,
    plain_text_markdown,
    readable_markdown,
)
from ingest.front_matter import aliases, split_front_matter
from ingest.naming import (
    Named,
    acronym_head_aliases,
    apposition_names,
    clean_title,
    derived_aliases,
    drop_collisions,
    name_in_title,
    people_name,
    singular_name,
    stem_words,
    text_aliases,
    title_from_stem,
)

log = logging.getLogger("careerbot.ingest")

SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".html", ".htm")
_SLUG = re.compile(r"[^a-z0-9]+")
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
    """Candidate files below the corpus dir, in a stable order; hidden files are ignored.

    Links are listed but never followed into directories, so a symlink loop is one file
    to skip, not an endless walk; a directory that cannot be listed is passed over.
    """
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(corpus_dir, onerror=lambda _exc: None):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath)
        found += [base / name for name in filenames if not name.startswith(".")]
        # A link to a directory is reported as a file to skip (it is not followed).
        found += [base / name for name in dirnames if (base / name).is_symlink()]
    yield from sorted(found)


def source_of(path: Path, corpus_dir: Path) -> str:
    """The path relative to the corpus dir, as text that can be stored and shown: a name
    that is not valid UTF-8 keeps its bad bytes as replacement characters."""
    raw = path.relative_to(corpus_dir).as_posix()
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def load_corpus(corpus_dir: Path, max_bytes: int) -> LoadResult:
    """Every supported file loaded or skipped with a reason; no file can stop the run."""
    result = LoadResult()
    root = corpus_dir.resolve()
    for path in discover(corpus_dir):
        loaded = load_one(path, corpus_dir, root, max_bytes)
        if isinstance(loaded, Skipped):
            result.skipped.append(loaded)
        else:
            result.files.append(loaded)
    _settle_guessed_aliases(result.files)
    return result


def load_one(path: Path, corpus_dir: Path, root: Path, max_bytes: int) -> GuideFile | Skipped:
    """``load_file`` for one listed path, with every way a file can fail turned into its
    skip reason: odd names, links, files that vanish, and parsers that break on bad input."""
    source = source_of(path, corpus_dir)
    if path.is_symlink() and path.is_dir():
        return Skipped(source, "link to a directory (not followed)")
    if path.suffix.lower() not in SUPPORTED:
        return Skipped(source, f"unsupported file type '{path.suffix}'")
    if "\ufffd" in source:
        return Skipped(source, "file name is not valid UTF-8; rename the file")
    return load_file(path, source, root, max_bytes)


def _settle_guessed_aliases(files: list[GuideFile]) -> None:
    """Only a whole corpus shows which guessed aliases another guide also answers to."""
    named = [Named(f.role, f.title, tuple(f.aliases), tuple(f.guessed_aliases)) for f in files]
    kept = drop_collisions(named)
    for guide in files:
        dropped = set(guide.guessed_aliases) - set(kept[guide.role])
        guide.aliases = [a for a in guide.aliases if a not in dropped]
        guide.guessed_aliases = [a for a in guide.guessed_aliases if a not in dropped]


def load_file(path: Path, source: str, root: Path, max_bytes: int) -> GuideFile | Skipped:
    """One file -> its guide, or the reason it is skipped. Never raises for the file's sake:
    another process may change the corpus dir while it is read, and parsers of binary
    formats (pypdf) fail on hostile input with any exception type."""
    try:
        return _read(path, source, root, max_bytes)
    except UnreadableFileError as exc:
        return Skipped(source, str(exc))
    except FileNotFoundError:
        return Skipped(source, "file vanished while it was being read")
    except RecursionError:
        # Before RuntimeError, its base class: HTML nested thousands of tags deep.
        return Skipped(source, "nested too deeply to read")
    except RuntimeError as exc:
        if "loop" in str(exc).lower():  # Path.resolve on a symlink loop
            return Skipped(source, "symlink loop")
        return _unexpected(source, exc)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(source, "symlink loop")
        return Skipped(source, f"cannot be read ({exc.strerror or type(exc).__name__})")
    except Exception as exc:
        return _unexpected(source, exc)


def _unexpected(source: str, exc: Exception) -> Skipped:
    log.debug("reading %s failed", source, exc_info=exc)
    return Skipped(source, f"could not be read ({type(exc).__name__})")


def _read(path: Path, source: str, root: Path, max_bytes: int) -> GuideFile | Skipped:
    resolved = path.resolve(strict=True)
    if not resolved.is_relative_to(root):
        return Skipped(source, "links outside the corpus dir")
    if not resolved.is_file():
        return Skipped(source, "not a regular file")
    size = resolved.stat().st_size
    if size > max_bytes:
        return Skipped(source, f"too large ({size:,} bytes; limit {max_bytes:,})")
    with open(resolved, "rb") as handle:
        # Read at most one byte past the limit: the file may have grown since the stat.
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        return Skipped(source, f"too large (over {max_bytes:,} bytes)")
    if not raw.strip():
        return Skipped(source, "empty file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        # PDFs are binary by design; their text comes out of pypdf, never a decode.
        text = pdf_text(raw)
        if not text.strip():
            return Skipped(source, "PDF has no extractable text (scanned images?)")
        # A PDF's headings are lines of bigger type: as text, plain lines that look like
        # headings, which become markdown ones as in a plain-text guide.
        return parse_guide(plain_text_markdown(text), source)
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
    from the first heading. Broken front matter ingests with those defaults and a warning;
    hostile front matter (``ingest.front_matter``) raises ``UnreadableFileError``."""
    front = split_front_matter(text)
    meta, warnings = front.meta, front.warnings
    body = readable_markdown(front.body)
    title, role, guessed = guide_names(meta, body, Path(source).stem)
    given = aliases(meta.get("aliases"), warnings)
    return GuideFile(
        source, role, title, [*given, *guessed], body, warnings, guessed_aliases=guessed
    )


def guide_names(meta: dict[str, object], body: str, stem: str) -> tuple[str, str, list[str]]:
    """Title, role id and guessed aliases. Front matter wins; without it the title comes from
    the first H1 and the role from the file name, both without "Career Guide"-style words."""
    heading = _H1.search(body)
    given = _text(meta.get("title"))
    title = given or (clean_title(heading.group(1)) if heading else "") or title_from_stem(stem)
    # A title the author did not set names the guide's people as its text does:
    # "Epidemiologists" -> "Epidemiologist", "Actuarial Science" -> "Actuary".
    replaced: list[str] = []
    named: list[str] = []
    if not given:
        # "A Day in the Life of a Clinical Data Manager" -> "Clinical Data Manager".
        title = name_in_title(title, body)
        title, replaced = people_name(title, body)
        # "So you want to be a quant?" whose text says "Quantitative analysts ... "quants"".
        title, named = apposition_names(title, body)
    # The id is the file's name for its people, in the singular as the title.
    stem_name = singular_name(name_in_title(stem_words(stem), body), body)
    role = slugify(_text(meta.get("role")) or stem_name) or "guide"
    # Aliases the author wrote are the whole list; guesses fill in only when there are none.
    guessed: list[str] = []
    if "aliases" not in meta:
        found = [*replaced, *named, *derived_aliases(title, body)]
        found += text_aliases(title, body, frozenset(TOPIC_WORDS))
        found += acronym_head_aliases(title, body)
        lowered = {title.lower(), role.replace("-", " ")}
        guessed = [a for a in dict.fromkeys(found) if a.lower() not in lowered]
    return title, role, guessed


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, str | int | float) else ""
