import socket
from pathlib import Path

import pytest

from bot.core.errors import NoIndexError, StoreUnavailableError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import collection_name, read_metadata, update_metadata, vector_store


def test_collection_name_follows_the_fingerprint(tmp_path: Path) -> None:
    a = Settings(data_dir=tmp_path)
    b = a.model_copy(update={"embedding_model": "some/other-model"})
    c = a.model_copy(update={"chunk_size": 500})
    assert len({collection_name(a), collection_name(b), collection_name(c)}) == 3
    assert collection_name(a) == collection_name(Settings(data_dir=tmp_path))


def test_reader_without_index_gets_a_clear_error(fake_settings: Settings) -> None:
    with pytest.raises(NoIndexError, match="No index") as caught:
        vector_store(fake_settings, embeddings_for(fake_settings), create=False)
    # bot/ names no command: each interface adds the fix that fits it (ui/errors.py).
    assert "careerbot" not in str(caught.value)


def test_metadata_merges(fake_settings: Settings) -> None:
    store = vector_store(fake_settings, embeddings_for(fake_settings), create=True)
    update_metadata(store, {"a": "1"})
    update_metadata(store, {"b": "2"})
    meta = read_metadata(store)
    assert meta["a"] == "1" and meta["b"] == "2"
    assert meta["embedding_model"] == fake_settings.model_name


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the client tries it
    settings = Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=port)
    with pytest.raises(StoreUnavailableError, match=f"127.0.0.1:{port}"):
        vector_store(settings, embeddings_for(settings), create=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real Chroma server (`chroma run`, installed with chromadb) on a free port."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    exe = Path(sys.executable).parent / "chroma"
    log = (tmp_path / "chroma.log").open("w")
    server = subprocess.Popen(
        [
            str(exe),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()}"
                ) from exc
            time.sleep(0.2)
    yield server, port
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=30)
    log.close()


@pytest.mark.slow
def test_ingest_reingest_and_ask_through_a_chroma_server(
    chroma_server, real_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    import ingest
    from bot.chatbot import Chatbot
    from ingest.verify import verify
    from ui.cli import main

    server, port = chroma_server
    records = real_settings.data_dir.parent / "records-elsewhere.sqlite"
    settings = real_settings.model_copy(
        update={
            "chroma_host": "127.0.0.1",
            "chroma_port": port,
            "database_url": f"sqlite:///{records}",
        }
    )
    first = ingest.run(settings)
    assert first.added == 3 and first.total_chunks > 0
    assert not (settings.data_dir / "chroma").exists()  # vectors live on the server
    assert records.is_file()  # the record store is the configured SQL database

    guide = settings.corpus_dir / "data-engineer.md"
    guide.write_text(
        guide.read_text() + "\n## On call\nData engineers carry a pager for "
        "the nightly Airflow pipelines.\n"
    )
    again = ingest.run(settings)
    assert again.updated == 1 and again.skipped == 2
    assert 0 < again.embeddings_computed < first.total_chunks
    assert verify(settings).clean

    answer = Chatbot(settings).ask("Do data engineers carry a pager for Airflow pipelines?")
    assert answer.sources and answer.sources[0].source == "data-engineer.md"

    # Server down: one clear line, no traceback, from a fresh process' point of view too.
    server.terminate()
    server.wait(timeout=30)
    for name, value in {
        "DATA_DIR": settings.data_dir,
        "CORPUS_DIR": settings.corpus_dir,
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": port,
    }.items():
        monkeypatch.setenv(f"CAREERBOT_{name}", str(value))
    with pytest.raises(StoreUnavailableError, match=f"127.0.0.1:{port}"):
        Chatbot(settings).ask("What does a data engineer do?")
    assert main(["ask", "What does a data engineer do?"]) == 1
    message = capsys.readouterr().err.strip()
    assert f"127.0.0.1:{port}" in message and len(message.splitlines()) == 1


@pytest.mark.slow
def test_no_cli_write_while_another_process_has_the_embedded_store_open(
    fake_settings: Settings,
) -> None:
    """Another process keeps its own in-memory copy of the vector index and would go on
    answering from it; the writer must refuse rather than update behind its back."""
    import os
    import subprocess
    import sys

    import ingest

    ingest.run(fake_settings)  # this process has the store open from now on
    env = {
        **os.environ,
        "CAREERBOT_DATA_DIR": str(fake_settings.data_dir),
        "CAREERBOT_CORPUS_DIR": str(fake_settings.corpus_dir),
    }
    exe = Path(sys.executable).parent / "careerbot"
    other = subprocess.run(
        [str(exe), "ingest"], capture_output=True, text=True, env=env, check=False
    )
    assert other.returncode == 1
    message = other.stderr.strip()
    assert "has the embedded index" in message and "Chroma server" in message
    # Said to a Library tab too: it must not send the user back to where they are.
    assert "inside that app" not in message
    assert len(message.splitlines()) == 1 and "Traceback" not in message

    # The same process (an app re-indexing itself) is never refused.
    guide = fake_settings.corpus_dir / "data-analyst.md"
    guide.write_text(guide.read_text() + "\nMore on dashboards.\n")
    assert ingest.run(fake_settings).updated == 1

    # And while a writer in another process holds the store, a new reader is told so.
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from bot.core.settings import Settings\n"
            "from ingest.lock import writer_lock\n"
            "with writer_lock(Settings(data_dir=Path(sys.argv[1]))):\n"
            "    print('writing', flush=True); sys.stdin.readline()",
            str(fake_settings.data_dir / "other"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "writing"
        other_dir = fake_settings.model_copy(update={"data_dir": fake_settings.data_dir / "other"})
        with pytest.raises(StoreUnavailableError, match="another process is writing"):
            vector_store(other_dir, embeddings_for(other_dir), create=True)
    finally:
        reader.communicate("done\n", timeout=30)


def test_chroma_dimension_errors_become_a_mismatch_with_the_fix() -> None:
    from bot.core.errors import IndexMismatchError
    from bot.index.store import mismatch_as_error

    with pytest.raises(IndexMismatchError, match="disagree"), mismatch_as_error():
        raise RuntimeError("Collection expecting embedding with dimension of 384, got 768")
    with pytest.raises(KeyError), mismatch_as_error():  # anything else passes through
        raise KeyError("other")


@pytest.mark.slow
def test_a_server_dying_mid_operation_is_the_same_one_line(
    chroma_server, fake_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Only a server that was down before got the one-line message; one that died while
    the process had it open gave httpx.ConnectError tracebacks (issue 14, finding 4)."""
    import signal

    import ingest
    from bot.chatbot import Chatbot
    from bot.index.embeddings import register_model
    from tests.fakes import HashEmbeddings
    from ui.app import api_ask
    from ui.cli import main

    server, port = chroma_server
    place = f"127.0.0.1:{port}"

    def kill_server() -> None:
        if server.poll() is None:
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=30)

    class KillingEmbeddings(HashEmbeddings):
        """Kills the server while a question is being answered (after the store checks,
        before the search), the way a server dies "2-7 s into a question"."""

        armed = False

        def embed_query(self, text: str) -> list[float]:
            if self.armed:
                kill_server()
            return super().embed_query(text)

    model = KillingEmbeddings()
    register_model("killing-hash-embeddings", model)
    settings = fake_settings.model_copy(
        update={
            "embedding_model": "killing-hash-embeddings",
            "chroma_host": "127.0.0.1",
            "chroma_port": port,
            "database_url": f"sqlite:///{fake_settings.data_dir.parent / 'records.sqlite'}",
        }
    )
    ingest.run(settings)
    bot = Chatbot(settings)
    assert bot.ask("What does a data engineer do?").sources  # the client is open and cached

    # Mid-ingest: the server dies after the first chunks are written.
    guide = settings.corpus_dir / "data-engineer.md"
    guide.write_text(guide.read_text() + "\n## On call\nA pager for the nightly runs.\n" * 40)
    with pytest.raises(StoreUnavailableError, match=place):
        ingest.run(settings, progress=lambda done, total: kill_server())
    # Mid-question: the same line, in the Python API and in the web app's answer.
    model.armed = True
    with pytest.raises(StoreUnavailableError, match=place):
        bot.ask("What does a data engineer do?")
    reply = api_ask(bot, "What does a data engineer do?")
    assert place in reply["error"] and "\n" not in reply["error"]

    for name, value in {
        "DATA_DIR": settings.data_dir,
        "CORPUS_DIR": settings.corpus_dir,
        "EMBEDDING_MODEL": settings.embedding_model,
        "DATABASE_URL": settings.database_url,
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": port,
    }.items():
        monkeypatch.setenv(f"CAREERBOT_{name}", str(value))
    capsys.readouterr()
    for command in (["ask", "What does a data engineer do?"], ["ingest"], ["index", "verify"]):
        assert main(command) == 1
        message = capsys.readouterr().err.strip()
        assert place in message and len(message.splitlines()) == 1, command


def test_a_collection_dropped_under_a_question_is_a_clear_error(fake_settings: Settings) -> None:
    """A rebuild dropping the collection between a reader's open and its query leaked
    chromadb's raw NotFoundError (issue 14, finding 6)."""
    import ingest
    from bot.core.errors import NoIndexError
    from bot.index.retrieval import search
    from bot.index.store import drop_collection

    ingest.run(fake_settings)
    embeddings = embeddings_for(fake_settings)
    store = vector_store(fake_settings, embeddings, create=False)
    drop_collection(fake_settings)  # what a rebuild does first
    with pytest.raises(NoIndexError, match="rebuild"):
        search(store, embeddings.embed_query("data engineer"), 3)


def test_local_changes_count_completed_ingests_and_drops(fake_settings: Settings) -> None:
    import ingest
    from bot.index.store import drop_collection, local_changes

    before = local_changes()
    ingest.run(fake_settings)
    after_ingest = local_changes()
    assert after_ingest > before
    drop_collection(fake_settings)
    assert local_changes() > after_ingest
