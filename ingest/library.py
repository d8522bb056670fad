"""The document library: which guides are in the corpus dir and the index, adding and removing
guide files safely.

Interfaces (the web app's Library tab) only render what this returns. Adding or removing a
file changes the corpus dir only; the next ingest brings the index in line, so a half-done
upload can never leave the index inconsistent.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from bot.core.errors import CareerbotError, CorpusMissingError
from bot.core.settings import Settings
from bot.index.store import collection_name
from ingest.claims import settle_claims
from ingest.index import chunk_key
from ingest.load import SUPPORTED, GuideFile, Skipped, discover, load_one, source_of
from ingest.records import (
    SourceRecord,
    database_errors,
    keys_by_source,
    record_manager,
    records_by_source,
)
from ingest.split import split_guide

# What ingest reads (ingest.load.SUPPORTED): a guide can be uploaded in any of them.
UPLOAD_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".html", ".htm")
MAX_NAME_CHARS = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

Status = Literal["indexed", "changed", "not indexed", "removed", "unreadable"]


class LibraryError(CareerbotError):
    """An upload or delete the library refuses, with the reason."""


@dataclass(frozen=True)
class GuideEntry:
    """One guide as the library shows it. ``status`` compares the file with the index:
    ``changed`` and ``not indexed`` files are picked up by the next ingest, ``removed`` ones
    are gone from disk but still answer until then."""

    source: str  # path relative to the corpus dir
    title: str
    role: str
    chunks: int  # chunks on record in the index
    indexed_at: float | None  # when an ingest last wrote or confirmed them (epoch seconds)
    status: Status
    note: str = ""


def records_of(settings: Settings) -> tuple[dict[str, SourceRecord], dict[str, set[str]]]:
    """Chunk count, last index time and chunk keys per source file, from the record store."""
    manager = record_manager(settings, collection_name(settings))
    return records_by_source(manager), keys_by_source(manager)


def documents(settings: Settings) -> list[GuideEntry]:
    """Every guide file in the corpus dir, plus indexed guides whose file is gone."""
    corpus = settings.corpus_dir
    with database_errors(settings):
        records, keys = records_of(settings) if corpus.is_dir() else ({}, {})
    entries: list[GuideEntry] = []
    seen: set[str] = set()
    root = corpus.resolve()
    loaded_files = [
        load_one(path, corpus, root, settings.max_file_bytes)
        for path in (discover(corpus) if corpus.is_dir() else [])
        if path.suffix.lower() in SUPPORTED
    ]
    # The role-id rule ingest applies: a guide whose role id another guide holds is not
    # indexed, and its row says why (not a bare "not indexed").
    refused = settle_claims([g for g in loaded_files if isinstance(g, GuideFile)]).refused
    for loaded in loaded_files:
        seen.add(loaded.source)
        entry = _entry(loaded, records.get(loaded.source), keys, settings)
        if entry.source in refused:
            reason = refused[entry.source]
            if entry.status != "not indexed":  # indexed before another guide took its role
                reason += "; it leaves the index at the next re-index"
            entry = replace(entry, note=reason)
        entries.append(entry)
    for source in sorted(set(records) - seen):
        record = records[source]
        entries.append(
            GuideEntry(
                source,
                Path(source).stem,
                "",
                record.chunks,
                record.indexed_at,
                "removed",
                "file deleted; re-index to drop it from the answers",
            )
        )
    return entries


def _entry(
    loaded: GuideFile | Skipped,
    record: SourceRecord | None,
    keys: dict[str, set[str]],
    settings: Settings,
) -> GuideEntry:
    source = loaded.source
    chunks = record.chunks if record else 0
    indexed_at = record.indexed_at if record else None
    if isinstance(loaded, Skipped):
        return GuideEntry(
            source, Path(source).stem, "", chunks, indexed_at, "unreadable", loaded.reason
        )
    status: Status = "indexed"
    if record is None:
        status = "not indexed"
    elif _content_keys(loaded, settings) != keys.get(source, set()):
        # Content, not dates: a touched or copied guide with the same text is unchanged.
        status = "changed"
    return GuideEntry(source, loaded.title, loaded.role, chunks, indexed_at, status)


def _content_keys(guide: GuideFile, settings: Settings) -> set[str]:
    """The chunk keys an ingest would write for ``guide`` (what the record store holds)."""
    chunks = split_guide(
        guide, settings.chunk_size, settings.chunk_overlap, settings.max_guide_chunks
    )
    return {chunk_key(c) for c in chunks}


def safe_filename(name: str) -> str:
    """A plain file name for an uploaded guide: no directories, no hidden or odd characters.

    Only the last path component counts (browsers may send "C:\\Users\\me\\x.md"), and the
    result always ends in an allowed suffix, so it can never name anything outside the
    corpus dir or a file the loader would ignore.
    """
    base = re.split(r"[\\/]", name.strip())[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in UPLOAD_SUFFIXES:
        raise LibraryError(
            f"'{name}' is not a guide file: upload markdown (.md), text (.txt), PDF (.pdf) "
            "or web page (.html) files."
        )
    clean = _UNSAFE.sub("-", stem).strip(".-_")
    clean = re.sub(r"-{2,}", "-", clean)[:MAX_NAME_CHARS].strip(".-_")
    if not clean:
        raise LibraryError(f"'{name}' has no usable file name; rename it and upload again.")
    return f"{clean}.{suffix.lower()}"


def check_upload(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise LibraryError(
            f"'{name}' is too large ({len(data):,} bytes; the limit is {max_bytes:,})."
        )
    if not data.strip():
        raise LibraryError(f"'{name}' is empty.")
    if name.lower().endswith(".pdf"):
        # Binary by design; ingest extracts its text (and says so if there is none).
        if not data.startswith(b"%PDF-"):
            raise LibraryError(f"'{name}' is not a PDF file.")
        return
    if b"\x00" in data:
        raise LibraryError(f"'{name}' is a binary file, not a text guide.")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LibraryError(f"'{name}' is not UTF-8 text (bad byte at {exc.start}).") from None


def save_upload(settings: Settings, name: str, data: bytes, *, replace: bool = False) -> str:
    """Store an uploaded guide in the corpus dir; returns its source path.

    The file is written under a hidden temporary name and renamed into place, so an ingest
    running at the same time sees either the whole file or none of it.
    """
    filename = safe_filename(name)
    check_upload(data, filename, settings.max_upload_bytes)
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise CorpusMissingError(corpus)
    target = corpus / filename
    if target.parent.resolve() != corpus.resolve():
        raise LibraryError(f"'{filename}' would be stored outside the corpus dir.")
    if (target.exists() or target.is_symlink()) and not replace:
        raise LibraryError(
            f"A guide named '{filename}' already exists; delete it first or choose to replace it."
        )
    handle, temp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=corpus)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)  # replaces a symlink itself, never the file it points to
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return filename


def delete_guide(settings: Settings, source: str) -> None:
    """Remove a guide file from the corpus dir (the next ingest drops its chunks).

    Only a file the library lists can be deleted, so a crafted name ("../x") cannot reach
    anything else.
    """
    corpus = settings.corpus_dir
    listed = {
        source_of(p, corpus): p
        for p in (discover(corpus) if corpus.is_dir() else [])
        if p.suffix.lower() in SUPPORTED
    }
    path = listed.get(source)
    if path is None:
        raise LibraryError(f"There is no guide '{source}' in the corpus dir.")
    # unlink removes a symlink itself; the check keeps deletes inside the corpus dir.
    if not path.parent.resolve().is_relative_to(corpus.resolve()):
        raise LibraryError(f"'{source}' is outside the corpus dir.")
    path.unlink()
