"""Ingest runs end to end on real Chroma in tmp dirs (fast fake embeddings here; the real
model is exercised by test_chatbot and the integration test at the bottom)."""

from pathlib import Path

import pytest

import ingest
from bot.core.errors import CareerbotError, IngestLockedError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import count, get_page, vector_store
from ingest.lock import writer_lock
from tests.conftest import make_settings


def statuses(report: ingest.IngestReport) -> dict[str, str]:
    return {f.source: f.status for f in report.files}


def chunk_count(settings: Settings) -> int:
    return count(vector_store(settings, embeddings_for(settings), create=False))


def test_first_run_adds_every_file(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings)
    assert report.added == 3
    assert report.embeddings_computed == report.total_chunks == chunk_count(fake_settings) > 0


def test_unchanged_corpus_embeds_nothing(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    second = ingest.run(fake_settings)
    assert (second.added, second.updated, second.deleted) == (0, 0, 0)
    assert second.skipped == 3
    assert second.embeddings_computed == 0
    assert second.total_chunks == first.total_chunks


def test_edit_reembeds_only_that_file(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\n## Interview preparation\nPractise SQL joins aloud.\n")
    report = ingest.run(fake_settings)
    assert statuses(report)["data-analyst.md"] == "updated"
    assert statuses(report)["data-engineer.md"] == "unchanged"
    analyst_chunks = next(f.chunks for f in report.files if f.source == "data-analyst.md")
    assert 0 < report.embeddings_computed <= analyst_chunks
    assert report.total_chunks == first.total_chunks + 1


def test_removed_file_leaves_the_index(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    (fake_settings.corpus_dir / "data-scientist.md").unlink()
    report = ingest.run(fake_settings)
    assert report.deleted == 1
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    assert store.get(where={"source": "data-scientist.md"})["ids"] == []
    assert report.total_chunks == count(store)


def test_unreadable_file_keeps_its_previous_version(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    before = chunk_count(fake_settings)
    (fake_settings.corpus_dir / "data-engineer.md").write_bytes(b"\xff\xfe broken \x00")
    report = ingest.run(fake_settings)
    result = next(f for f in report.files if f.source == "data-engineer.md")
    assert result.status == "kept" and "binary" in result.reason
    assert chunk_count(fake_settings) == before


def test_full_reembeds_everything(fake_settings: Settings) -> None:
    first = ingest.run(fake_settings)
    again = ingest.run(fake_settings, full=True)
    assert again.updated == 3
    assert again.embeddings_computed == first.total_chunks
    assert again.total_chunks == first.total_chunks


def test_second_writer_is_refused(fake_settings: Settings) -> None:
    with writer_lock(fake_settings), pytest.raises(IngestLockedError):
        ingest.run(fake_settings)


def test_missing_corpus_dir_is_a_clear_error(fake_settings: Settings, tmp_path: Path) -> None:
    broken = fake_settings.model_copy(update={"corpus_dir": tmp_path / "nope"})
    with pytest.raises(CareerbotError, match="does not exist"):
        ingest.run(broken)


def test_catalog_follows_the_corpus(fake_settings: Settings) -> None:
    from bot.core.roles import RoleCatalog
    from bot.index.store import CATALOG_KEY, read_metadata

    ingest.run(fake_settings)
    (fake_settings.corpus_dir / "data-analyst.md").unlink()
    (fake_settings.corpus_dir / "quant.md").write_text("# Quant Researcher\n\nModels markets.\n")
    ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    catalog = RoleCatalog.from_json(str(read_metadata(store)[CATALOG_KEY]))
    assert sorted(catalog.roles) == ["data-engineer", "data-scientist", "quant"]
    assert catalog.title("quant") == "Quant Researcher"


def test_real_model_ingest(real_settings: Settings) -> None:
    report = ingest.run(real_settings)
    assert report.added == 3
    store = vector_store(real_settings, embeddings_for(real_settings), create=False)
    vector = get_page(store, limit=1, offset=0, include=["embeddings"])["embeddings"][0]
    assert len(vector) == 384


def test_bad_input_is_reported_and_good_files_still_index(
    fake_settings: Settings, tmp_path: Path
) -> None:
    import os

    from tests.documents import minimal_pdf

    corpus = fake_settings.corpus_dir
    (corpus / "empty.md").write_text("\n \n")
    (corpus / "binary.md").write_bytes(b"\x00\x01\x02" * 50)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 analyst, cr\xe8me.".encode("latin-1"))
    (corpus / "broken-front.md").write_text("---\nrole: [oops\n---\n# Data Steward\nOwns data.\n")
    (corpus / "huge.md").write_text("# Huge\n\n" + "word " * 3000)
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n\nShould never be indexed.\n")
    os.symlink(outside, corpus / "link.md")
    (corpus / "quant.pdf").write_bytes(minimal_pdf(["Quant Researcher", "Prices options."]))
    (corpus / "steward.html").write_text(
        "<title>BI Developer</title><script>x=1</script><p>Builds dashboards in Power BI.</p>"
    )
    settings = fake_settings.model_copy(update={"max_file_bytes": 10_000})

    report = ingest.run(settings)

    got = {f.source: (f.status, f.reason) for f in report.files}
    assert got["empty.md"] == ("skipped", "empty file")
    assert got["binary.md"][0] == "skipped" and "binary" in got["binary.md"][1]
    assert got["latin1.txt"][0] == "skipped" and "UTF-8" in got["latin1.txt"][1]
    assert got["huge.md"][0] == "skipped" and "too large" in got["huge.md"][1]
    assert got["link.md"][0] == "skipped" and "outside" in got["link.md"][1]
    assert got["broken-front.md"][0] == "added"
    assert any(w.startswith("broken-front.md: broken front matter") for w in report.warnings)
    for good in ("data-analyst.md", "data-engineer.md", "data-scientist.md"):
        assert got[good][0] == "added"
    assert got["quant.pdf"][0] == "added" and got["steward.html"][0] == "added"
    store = vector_store(settings, embeddings_for(settings), create=False)
    pdf_text = " ".join(store.get(where={"source": "quant.pdf"})["documents"])
    assert "Prices options." in pdf_text
    html = " ".join(store.get(where={"source": "steward.html"})["documents"])
    assert "Power BI" in html and "x=1" not in html
    assert store.get(where={"source": "link.md"})["ids"] == []
    assert report.embeddings_computed == report.total_chunks == count(store)


def test_dry_run_changes_nothing_and_creates_nothing(fake_settings: Settings) -> None:
    report = ingest.run(fake_settings, dry_run=True)
    assert report.dry_run and report.added == 3
    assert not fake_settings.data_dir.exists()  # no lock, no record store, no collection

    ingest.run(fake_settings)
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\nMore about dashboards.\n")
    (fake_settings.corpus_dir / "data-scientist.md").unlink()
    before = chunk_count(fake_settings)
    planned = ingest.run(fake_settings, dry_run=True)
    assert statuses(planned) == {
        "data-analyst.md": "updated",
        "data-engineer.md": "unchanged",
        "data-scientist.md": "deleted",
    }
    assert planned.embeddings_computed == 0
    assert chunk_count(fake_settings) == before
    applied = ingest.run(fake_settings)
    assert statuses(applied) == statuses(planned)


def test_rebuild_starts_from_nothing_and_ends_exact(fake_settings: Settings) -> None:
    from ingest.verify import verify

    first = ingest.run(fake_settings)
    rebuilt = ingest.run(fake_settings, rebuild=True)
    assert rebuilt.added == 3
    assert rebuilt.embeddings_computed == rebuilt.total_chunks == first.total_chunks
    assert verify(fake_settings).clean


def test_half_built_collection_is_never_served(fake_settings: Settings) -> None:
    from bot.core.errors import NoIndexError

    # What an ingest killed before finishing leaves: the collection, not marked complete.
    vector_store(fake_settings, embeddings_for(fake_settings), create=True)
    with pytest.raises(NoIndexError, match="not complete"):
        vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    ingest.run(fake_settings)
    assert chunk_count(fake_settings) > 0


def test_collection_recorded_with_other_settings_is_refused_then_rebuilt(
    fake_settings: Settings,
) -> None:
    from bot.chatbot import Chatbot
    from bot.core.errors import IndexMismatchError
    from bot.index.store import update_metadata

    ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=True)
    update_metadata(store, {"embedding_model": "some/768-dim-model", "embedding_dimension": 768})
    with pytest.raises(IndexMismatchError, match="768"):
        ingest.run(fake_settings)
    with pytest.raises(IndexMismatchError, match="768"):
        Chatbot(fake_settings).ask("What does a data engineer do?")
    report = ingest.run(fake_settings, rebuild=True)
    assert report.added == 3
    assert Chatbot(fake_settings).ask("What does a data engineer do?").text


def test_recorded_dimension_differs_from_the_model(fake_settings: Settings) -> None:
    from bot.core.errors import IndexMismatchError
    from bot.index.store import update_metadata

    ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=True)
    update_metadata(store, {"embedding_dimension": 768})  # the fake model makes 256
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\nA new paragraph.\n")
    with pytest.raises(IndexMismatchError, match="768-dimensional"):
        ingest.run(fake_settings)


def test_ingest_repairs_drift_left_by_a_crash(fake_settings: Settings) -> None:
    from ingest.verify import verify

    first = ingest.run(fake_settings)
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    lost = store.get(where={"source": "data-engineer.md"})["ids"][:2]
    store.delete(ids=lost)  # records survive, chunks gone
    store.add_texts(["stray chunk"], metadatas=[{"source": "x.md"}], ids=["orphan-1"])
    drift = verify(fake_settings)
    assert sorted(drift.missing) == sorted(lost) and drift.orphans == ["orphan-1"]

    report = ingest.run(fake_settings)
    assert report.repaired == 3
    assert statuses(report)["data-engineer.md"] == "updated"
    assert report.embeddings_computed == len(lost)
    assert report.total_chunks == first.total_chunks
    assert verify(fake_settings).clean


def test_questions_during_reingest_never_fail_and_new_content_is_served(
    real_settings: Settings,
) -> None:
    import threading

    from bot.chatbot import Chatbot

    ingest.run(real_settings)
    bot = Chatbot(real_settings)
    questions = [
        "What does a data engineer do?",
        "Which tools does a data analyst use?",
        "How is a data scientist different from a data engineer?",
    ]
    failures: list[BaseException] = []
    answered = [0]
    stop = threading.Event()

    def keep_asking() -> None:
        n = 0
        while not stop.is_set():
            try:
                bot.ask(questions[n % len(questions)])
                answered[0] += 1
            except BaseException as exc:
                failures.append(exc)
            n += 1

    askers = [threading.Thread(target=keep_asking) for _ in range(2)]
    for thread in askers:
        thread.start()
    corpus = real_settings.corpus_dir
    (corpus / "quant.md").write_text(
        "---\nrole: quant-researcher\ntitle: Quant Researcher\n---\n# Quant Researcher\n"
        "## Overview\nA quant researcher designs statistical trading strategies for hedge "
        "funds and backtests them against years of market tick data.\n"
    )
    (corpus / "data-scientist.md").unlink()
    report = ingest.run(real_settings)
    stop.set()
    for thread in askers:
        thread.join(timeout=120)

    assert not failures, failures
    assert answered[0] > 0
    assert report.added == 1 and report.deleted == 1
    answer = bot.ask("What does a quant researcher do with market tick data?")
    assert answer.sources and answer.sources[0].source == "quant.md"
    assert "quant-researcher" in bot.catalog.roles
    assert all(s.source != "data-scientist.md" for s in bot.ask(questions[2]).sources)


@pytest.mark.slow
def test_ingest_killed_midway_is_exact_after_a_rerun(tmp_path: Path, real_model: object) -> None:
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from bot.core.errors import NoIndexError
    from bot.index.store import collection_name
    from ingest.index import chunk_key
    from ingest.load import load_corpus
    from ingest.split import split_guide
    from ingest.verify import chroma_ids, verify
    from tests.conftest import BUNDLED_CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    # The bundled guides make five batches of 64 chunks: the kill lands after the first.
    settings = make_settings(tmp_path / "data", corpus)
    expected = {
        chunk_key(chunk)
        for guide in load_corpus(corpus, settings.max_file_bytes).files
        for chunk in split_guide(guide, settings.chunk_size, settings.chunk_overlap)
    }

    env = {
        **os.environ,
        "CAREERBOT_DATA_DIR": str(settings.data_dir),
        "CAREERBOT_CORPUS_DIR": str(corpus),
    }
    exe = Path(sys.executable).parent / "careerbot"
    writer = subprocess.Popen(
        [str(exe), "ingest", "--json"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    records = settings.data_dir / "records.sqlite"
    written = 0
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and writer.poll() is None:
            written = _records_written(records)
            if written >= 64:
                break
            time.sleep(0.05)
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < _records_written(records) < len(expected)
    # The half-built collection is not served.
    with pytest.raises(NoIndexError, match="not complete"):
        vector_store(settings, embeddings_for(settings), create=False)

    report = ingest.run(settings)

    store = vector_store(settings, embeddings_for(settings), create=False)
    assert chroma_ids(store) == expected  # nothing missing, nothing extra
    assert count(store) == len(expected) == report.total_chunks  # ids are unique: no duplicates
    assert report.embeddings_computed < len(expected)  # the rerun kept what was done
    drift = verify(settings)
    assert drift.clean and drift.records == len(expected)
    assert collection_name(settings) == report.collection


def _records_written(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as db:
            return int(db.execute("select count(*) from upsertion_record").fetchone()[0])
    except sqlite3.OperationalError:  # locked by the writer, or the table not yet created
        return 0


def test_another_model_gets_its_own_collection_and_the_old_one_keeps_serving(
    real_settings: Settings,
) -> None:
    from bot.chatbot import Chatbot
    from bot.core.errors import NoIndexError
    from bot.index.store import COMPLETE_KEY, DIMENSION_KEY, read_metadata
    from tests.fakes import FAKE_MODEL

    old = real_settings.model_copy(update={"embedding_model": FAKE_MODEL})  # 256 dimensions
    ingest.run(old)
    old_bot = Chatbot(old)
    question = "What does a data engineer do?"
    before = old_bot.ask(question)

    # The user switches to a model of another dimension (the bundled 384-d one): a reader
    # with the new settings is told to ingest, never handed the 256-d collection.
    with pytest.raises(NoIndexError, match="No index"):
        Chatbot(real_settings).ask(question)
    report = ingest.run(real_settings)
    assert report.collection != ingest.run(old, dry_run=True).collection
    assert report.embeddings_computed == report.total_chunks  # everything embedded afresh
    new_meta = read_metadata(
        vector_store(real_settings, embeddings_for(real_settings), create=False)
    )
    assert new_meta[DIMENSION_KEY] == 384 and new_meta[COMPLETE_KEY] is True
    assert Chatbot(real_settings).ask(question).sources

    # The reader still on the old model keeps its collection, untouched.
    assert old_bot.ask(question).sources == before.sources
    old_meta = read_metadata(vector_store(old, embeddings_for(old), create=False))
    assert old_meta[DIMENSION_KEY] == 256


def test_a_serving_chatbot_follows_a_rebuild(fake_settings: Settings) -> None:
    from bot.chatbot import Chatbot

    ingest.run(fake_settings)
    bot = Chatbot(fake_settings)
    question = "What does a data engineer do?"
    before = bot.ask(question)
    ingest.run(fake_settings, rebuild=True)  # drops and recreates the collection
    assert bot.ask(question).text == before.text


def test_the_dimension_probe_uses_the_configured_backend(
    fake_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the ONNX backend configured, the dimension check loaded the torch model too."""
    from bot.index.embeddings import register_model
    from tests.fakes import HashEmbeddings

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # a torch load of this name fails at once
    register_model("onnx-only-model#onnx", HashEmbeddings())
    settings = fake_settings.model_copy(
        update={"embedding_model": "onnx-only-model", "embedding_backend": "onnx"}
    )
    report = ingest.run(settings)
    assert report.added == 3 and report.total_chunks > 0
