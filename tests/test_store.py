import socket
from pathlib import Path

import pytest

from bot.embeddings import embeddings_for
from bot.errors import NoIndexError, StoreUnavailableError
from bot.settings import Settings
from bot.store import collection_name, read_metadata, update_metadata, vector_store


def test_collection_name_follows_the_fingerprint(tmp_path: Path) -> None:
    a = Settings(data_dir=tmp_path)
    b = a.model_copy(update={"embedding_model": "some/other-model"})
    c = a.model_copy(update={"chunk_size": 500})
    assert len({collection_name(a), collection_name(b), collection_name(c)}) == 3
    assert collection_name(a) == collection_name(Settings(data_dir=tmp_path))


def test_reader_without_index_gets_a_clear_error(fake_settings: Settings) -> None:
    with pytest.raises(NoIndexError, match="careerbot ingest"):
        vector_store(fake_settings, embeddings_for(fake_settings), create=False)


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
