"""The document library: listing against the index, safe uploads, deletes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import ingest
from bot.core.settings import Settings
from ingest.library import (
    LibraryError,
    delete_guide,
    documents,
    safe_filename,
    save_upload,
)

GUIDE = (
    b"---\nrole: data-steward\ntitle: Data Steward\n---\n"
    b"# Data Steward\n## Overview\nStewards own data quality rules.\n"
)


def by_source(settings: Settings) -> dict[str, object]:
    return {e.source: e for e in documents(settings)}


def test_documents_before_and_after_ingest(fake_settings: Settings) -> None:
    before = documents(fake_settings)
    assert {e.status for e in before} == {"not indexed"}
    assert all(e.chunks == 0 and e.indexed_at is None for e in before)

    ingest.run(fake_settings)
    after = {e.source: e for e in documents(fake_settings)}
    analyst = after["data-analyst.md"]
    assert analyst.status == "indexed"
    assert analyst.role == "data-analyst" and analyst.title == "Data Analyst"
    assert analyst.chunks > 0 and analyst.indexed_at is not None


def test_documents_show_changed_and_removed_files(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    corpus = fake_settings.corpus_dir
    analyst = corpus / "data-analyst.md"
    analyst.write_text(analyst.read_text() + "\nA new paragraph about dashboards.\n")
    (corpus / "data-engineer.md").unlink()

    entries = by_source(fake_settings)
    assert entries["data-analyst.md"].status == "changed"  # type: ignore[attr-defined]
    removed = entries["data-engineer.md"]
    assert removed.status == "removed" and removed.chunks > 0  # type: ignore[attr-defined]


def test_a_touched_or_copied_guide_with_the_same_content_is_not_changed(
    fake_settings: Settings,
) -> None:
    """Status compares content hashes, not dates (issue 14, finding 6)."""
    import shutil

    ingest.run(fake_settings)
    corpus = fake_settings.corpus_dir
    later = time.time() + 3600
    os.utime(corpus / "data-analyst.md", (later, later))  # touched
    copy = corpus.parent / "copy.md"
    shutil.copy(corpus / "data-scientist.md", copy)
    os.utime(copy, (later, later))
    os.replace(copy, corpus / "data-scientist.md")  # copied over itself, newer date

    entries = by_source(fake_settings)
    assert entries["data-analyst.md"].status == "indexed"  # type: ignore[attr-defined]
    assert entries["data-scientist.md"].status == "indexed"  # type: ignore[attr-defined]


def test_hostile_files_are_listed_with_reasons_and_the_rest_still_shows(
    fake_settings: Settings,
) -> None:
    """A symlink loop or an alias bomb emptied the Library (issue 14, findings 1 and 2)."""
    from tests.test_load import alias_bomb

    corpus = fake_settings.corpus_dir
    os.symlink("loop-b.md", corpus / "loop-a.md")
    os.symlink("loop-a.md", corpus / "loop-b.md")
    (corpus / "bomb.md").write_text(alias_bomb())
    (corpus / os.fsdecode(b"caf\xe9.md")).write_text("# Cafe\n\nText.\n")

    report = ingest.run(fake_settings)
    assert report.added == 3 and report.failed == 4
    entries = by_source(fake_settings)
    assert entries["data-analyst.md"].status == "indexed"  # type: ignore[attr-defined]
    for source, reason in [
        ("loop-a.md", "loop"),
        ("bomb.md", "aliases"),
        ("caf\ufffd.md", "UTF-8"),
    ]:
        entry = entries[source]
        assert entry.status == "unreadable" and reason in entry.note  # type: ignore[attr-defined]


def test_a_guide_whose_role_id_another_holds_is_listed_with_the_reason(
    fake_settings: Settings,
) -> None:
    ingest.run(fake_settings)
    corpus = fake_settings.corpus_dir
    (corpus / "Data-Engineer-copy.md").write_text(  # sorts first: it takes the role over
        "---\nrole: data-engineer\ntitle: Copy\n---\n# Copy\n## Overview\nA copy.\n"
    )
    entries = by_source(fake_settings)
    # Before the re-index: the holder-to-be is simply new, the old holder is told it goes.
    assert entries["Data-Engineer-copy.md"].note == ""  # type: ignore[attr-defined]
    leaving = entries["data-engineer.md"]
    assert leaving.status == "indexed"  # type: ignore[attr-defined]
    assert leaving.note == (  # type: ignore[attr-defined]
        "role id 'data-engineer' is already held by Data-Engineer-copy.md; give this guide "
        "its own 'role:' in its front matter; it leaves the index at the next re-index"
    )
    ingest.run(fake_settings)
    refused = by_source(fake_settings)["data-engineer.md"]
    assert refused.status == "not indexed" and refused.chunks == 0  # type: ignore[attr-defined]
    assert "already held by Data-Engineer-copy.md" in refused.note  # type: ignore[attr-defined]


def test_unreadable_file_is_listed_with_its_reason(fake_settings: Settings) -> None:
    (fake_settings.corpus_dir / "broken.md").write_bytes(b"\xff\xfe bad")
    entry = by_source(fake_settings)["broken.md"]
    assert entry.status == "unreadable" and "UTF-8" in entry.note  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("guide.md", "guide.md"),
        ("../../etc/evil.md", "evil.md"),
        ("C:\\Users\\me\\My Guide (v2).MD", "My-Guide-v2.md"),
        (".hidden.md", "hidden.md"),
        ("Ingénieur données.txt", "Ingenieur-donnees.txt"),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


@pytest.mark.parametrize("raw", ["notes.docx", "script.md.exe", "noext", "../.md", "....txt"])
def test_safe_filename_refuses(raw: str) -> None:
    with pytest.raises(LibraryError):
        safe_filename(raw)


def test_upload_is_stored_in_the_corpus_and_ingested(fake_settings: Settings) -> None:
    source = save_upload(fake_settings, "../Data Steward.md", GUIDE)
    assert source == "Data-Steward.md"
    assert (fake_settings.corpus_dir / source).read_bytes() == GUIDE
    assert not list(fake_settings.corpus_dir.glob(".upload-*"))
    assert not (fake_settings.corpus_dir.parent / "Data Steward.md").exists()

    report = ingest.run(fake_settings)
    assert report.added == 4
    assert by_source(fake_settings)[source].role == "data-steward"  # type: ignore[attr-defined]


def test_upload_refuses_bad_content_and_keeps_existing(fake_settings: Settings) -> None:
    limit = fake_settings.max_upload_bytes
    with pytest.raises(LibraryError, match="too large"):
        save_upload(fake_settings, "big.md", b"x" * (limit + 1))
    with pytest.raises(LibraryError, match="binary"):
        save_upload(fake_settings, "bin.md", b"abc\x00def")
    with pytest.raises(LibraryError, match="UTF-8"):
        save_upload(fake_settings, "latin.md", "café".encode("latin-1"))
    with pytest.raises(LibraryError, match="empty"):
        save_upload(fake_settings, "blank.md", b"  \n")

    original = (fake_settings.corpus_dir / "data-analyst.md").read_bytes()
    with pytest.raises(LibraryError, match="already exists"):
        save_upload(fake_settings, "data-analyst.md", GUIDE)
    assert (fake_settings.corpus_dir / "data-analyst.md").read_bytes() == original
    save_upload(fake_settings, "data-analyst.md", GUIDE, replace=True)
    assert (fake_settings.corpus_dir / "data-analyst.md").read_bytes() == GUIDE
    assert sorted(p.name for p in fake_settings.corpus_dir.iterdir()) == [
        "data-analyst.md",
        "data-engineer.md",
        "data-scientist.md",
    ]


def test_upload_replacing_a_symlink_never_writes_through_it(
    fake_settings: Settings, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep me", encoding="utf-8")
    (fake_settings.corpus_dir / "linked.md").symlink_to(outside)
    save_upload(fake_settings, "linked.md", GUIDE, replace=True)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (fake_settings.corpus_dir / "linked.md").is_symlink()


def test_delete_guide(fake_settings: Settings, tmp_path: Path) -> None:
    delete_guide(fake_settings, "data-analyst.md")
    assert not (fake_settings.corpus_dir / "data-analyst.md").exists()
    victim = tmp_path / "victim.md"
    victim.write_text("x", encoding="utf-8")
    for bad in ["data-analyst.md", "../victim.md", str(victim), ""]:
        with pytest.raises(LibraryError):
            delete_guide(fake_settings, bad)
    assert victim.exists()


def test_upload_takes_every_format_ingest_reads(fake_settings: Settings) -> None:
    page = (
        b"<html><body><h1>Data Steward</h1><p>A data steward owns the glossary.</p></body></html>"
    )
    assert save_upload(fake_settings, "steward.html", page) == "steward.html"
    assert save_upload(fake_settings, "steward.pdf", b"%PDF-1.4\n...") == "steward.pdf"
    with pytest.raises(LibraryError, match="not a PDF"):
        save_upload(fake_settings, "fake.pdf", b"just text")
    with pytest.raises(LibraryError, match="PDF"):
        save_upload(fake_settings, "tool.exe", b"MZ")
