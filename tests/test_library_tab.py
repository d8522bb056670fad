"""The Library tab's handlers: upload, delete and re-index, reported as messages."""

from __future__ import annotations

from pathlib import Path

from bot.core.settings import Settings
from tests.test_library import GUIDE
from ui.library_tab import delete, reindex, upload, view


def files_in(view_rows: list[list[object]]) -> list[object]:
    return [row[2] for row in view_rows]


def test_upload_then_reindex_then_delete(fake_settings: Settings, tmp_path: Path) -> None:
    good = tmp_path / "Data Steward.md"
    good.write_bytes(GUIDE)
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")

    result = upload(fake_settings, [str(good), str(bad)], replace=False)
    assert "Added `Data-Steward.md`" in result.message
    assert "notes.exe" in result.message and "not a guide file" in result.message
    assert "Data-Steward.md" in files_in(result.rows)
    assert "Data-Steward.md" in result.sources

    progress: list[tuple[object, dict[str, object]]] = []
    done = reindex(fake_settings, lambda value, **kw: progress.append((value, kw)))
    assert "Re-index finished" in done.message and "4 added" in done.message
    after = reindex(fake_settings, lambda *a, **k: None, "Added `x.md`; indexing it now.")
    assert after.message.startswith("Added `x.md`") and "Re-index finished" in after.message
    assert progress[0] == (0, {"desc": "Reading the guides"})
    last, _ = progress[-1]
    assert isinstance(last, tuple) and last[0] == last[1] > 0  # every chunk counted

    gone = delete(fake_settings, "Data-Steward.md")
    assert "Deleted" in gone.message
    removed = [row for row in gone.rows if row[2] == "Data-Steward.md"]
    assert removed and str(removed[0][5]).startswith("removed")
    assert "Data-Steward.md" not in gone.sources


def test_mistakes_are_messages(fake_settings: Settings) -> None:
    assert "Choose one or more" in upload(fake_settings, [], replace=False).message
    assert "Pick a guide" in delete(fake_settings, None).message
    assert "no guide" in delete(fake_settings, "../etc/passwd").message


def test_reindex_failure_is_a_message(fake_settings: Settings) -> None:
    missing = fake_settings.model_copy(update={"corpus_dir": fake_settings.corpus_dir / "nope"})
    result = reindex(missing, lambda *a, **k: None)
    assert result.message.startswith("⚠️") and "does not exist" in result.message
    assert view(missing).rows == []


def test_questions_keep_working_while_reindex_runs(real_settings: Settings) -> None:
    import threading

    import ingest
    from bot.chatbot import Chatbot

    ingest.run(real_settings)
    bot = Chatbot(real_settings)
    guide = real_settings.corpus_dir / "data-engineer.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + "\n## On call\nData engineers share an on-call rota for broken pipelines.\n",
        encoding="utf-8",
    )
    results: list[object] = []
    worker = threading.Thread(
        target=lambda: results.append(reindex(real_settings, lambda *a, **k: None))
    )
    worker.start()
    answers = []
    while worker.is_alive() or not answers:
        answers.append(bot.ask("What does a data scientist do?"))
    worker.join()
    assert "1 updated" in results[0].message  # type: ignore[attr-defined]
    assert all(a.sources and a.sources[0].role == "data-scientist" for a in answers)


def test_a_guide_refused_for_a_held_role_id_says_why_in_the_library(
    fake_settings: Settings, tmp_path: Path
) -> None:
    """An uploaded copy that declares a role id the indexed guide holds: after the
    re-index its row says which guide holds the role and what to change, in one line."""
    reindex(fake_settings, lambda *a, **k: None)
    copy = tmp_path / "engineer-copy.md"  # sorts after data-engineer.md: the copy is refused
    copy.write_text(
        "---\nrole: data-engineer\ntitle: Pipeline Plumber\n---\n"
        "# Pipeline Plumber\n## Overview\nPlumbers lay pipes for data.\n"
    )
    added = upload(fake_settings, [str(copy)], replace=False)
    done = reindex(fake_settings, lambda *a, **k: None, added.message)
    rows = {row[2]: row for row in done.rows}
    assert rows["engineer-copy.md"][5] == (
        "not indexed: role id 'data-engineer' is already held by data-engineer.md; "
        "give this guide its own 'role:' in its front matter"
    )
    assert rows["data-engineer.md"][5] == "indexed"
    # The same on a fresh look at the tab (a reload), not only after the re-index.
    assert {row[2]: row[5] for row in view(fake_settings).rows} == {
        row[2]: row[5] for row in done.rows
    }
