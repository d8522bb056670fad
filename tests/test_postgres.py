"""The app database on a real PostgreSQL server: ingest records, and the writer lock that
works across machines (an advisory lock)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from bot.core.errors import IngestLockedError
from bot.core.settings import Settings
from ingest.lock import writer_lock
from ingest.verify import verify

pytestmark = pytest.mark.slow


def on_postgres(settings: Settings, url: str) -> Settings:
    return settings.model_copy(update={"database_url": url})


def test_ingest_records_live_in_postgres_and_stay_incremental(
    fake_settings: Settings, postgres_url: str
) -> None:
    from sqlalchemy import create_engine, text

    settings = on_postgres(fake_settings, postgres_url)
    first = ingest.run(settings)
    assert first.added == 3 and first.total_chunks > 0
    assert not (settings.data_dir / "records.sqlite").exists()
    engine = create_engine(settings.sql_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM upsertion_record")).scalar_one()
    engine.dispose()
    assert rows == first.total_chunks
    again = ingest.run(settings)
    assert (again.added, again.skipped, again.embeddings_computed) == (0, 3, 0)
    assert verify(settings).clean


def test_the_old_setting_name_still_reaches_postgres(
    fake_settings: Settings, postgres_url: str
) -> None:
    settings = fake_settings.model_copy(update={"database_url": postgres_url})
    assert ingest.run(settings).added == 3
    assert not (settings.data_dir / "records.sqlite").exists()


def test_a_second_writer_on_another_machine_is_refused_by_the_database(
    tmp_path: Path, fake_settings: Settings, postgres_url: str
) -> None:
    """Two data dirs (two machines: no shared file system) and one database: the file lock
    could not see the other writer; the advisory lock does, and names it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from bot.core.settings import Settings\n"
            "from ingest.lock import writer_lock\n"
            "s = Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2])\n"
            "with writer_lock(s, purpose='ingest'):\n"
            "    print('held', flush=True); sys.stdin.readline()",
            str(tmp_path / "machine-a"),
            postgres_url,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    other_machine = on_postgres(fake_settings, postgres_url).model_copy(
        update={"data_dir": tmp_path / "machine-b"}
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(IngestLockedError, match=rf"pid {holder.pid} on "):
            ingest.run(other_machine)
        env = {
            **os.environ,
            "CAREERBOT_DATA_DIR": str(tmp_path / "machine-c"),
            "CAREERBOT_CORPUS_DIR": str(fake_settings.corpus_dir),
            "CAREERBOT_DATABASE_URL": postgres_url,
        }
        exe = Path(sys.executable).parent / "careerbot"
        cli = subprocess.run(
            [str(exe), "ingest"], check=False, capture_output=True, text=True, env=env
        )
        assert cli.returncode == 1
        assert len(cli.stderr.strip().splitlines()) == 1 and "Another writer" in cli.stderr
    finally:
        holder.kill()  # SIGKILL: the database must release the lock by itself
        holder.wait(timeout=30)
    with writer_lock(other_machine):
        pass
    assert ingest.run(other_machine).added == 3


def test_conversations_and_feedback_live_in_postgres(
    fake_settings: Settings, postgres_url: str
) -> None:
    """The chat's saved conversations and feedback share the one PostgreSQL database, and
    two owners (two machines' users) never see each other's chats."""
    from bot.storage.conversations import ConversationStore
    from bot.storage.feedback import Feedback, FeedbackStore

    settings = on_postgres(fake_settings, postgres_url)
    chats = ConversationStore(settings.sql_url)
    question = {"role": "user", "content": "What does a data engineer do?"}
    mine = chats.create("user:alice", [question])
    chats.create("user:bob", [{"role": "user", "content": "Which role fits me?"}])
    assert [c.title for c in chats.recent("user:alice")] == ["What does a data engineer do?"]
    assert chats.get("user:bob", mine.id) is None
    # A second process (another machine) opening the same URL sees the same chats.
    again = ConversationStore(settings.sql_url)
    loaded = again.get("user:alice", mine.id)
    assert loaded is not None and loaded.messages == [question]
    feedback = FeedbackStore(settings.sql_url)
    feedback.record(
        Feedback("user:alice", mine.id, 1, "down", question["content"], {"answer": "x"})
    )
    assert [f.question for f in FeedbackStore(settings.sql_url).items("down")] == [
        question["content"]
    ]
    assert not (settings.data_dir / "records.sqlite").exists()


def test_sentence_vectors_live_in_postgres_and_follow_the_corpus(
    fake_settings: Settings, postgres_url: str
) -> None:
    from bot.index.sentence_store import SentenceStore
    from bot.index.store import collection_name

    settings = on_postgres(fake_settings, postgres_url)
    first = ingest.run(settings)
    store = SentenceStore.open(settings.sql_url, collection_name(settings))
    assert store.url.startswith("postgresql") and store.count() == first.sentences_embedded > 0
    assert ingest.run(settings).sentences_embedded == 0
    (settings.corpus_dir / "data-scientist.md").unlink()
    ingest.run(settings)
    assert "data-scientist.md" not in store.digests()
    assert 0 < store.count() < first.sentences_embedded
