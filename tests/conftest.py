"""Shared fixtures: real Chroma in tmp dirs, the real embedding model loaded once per session,
and a fast deterministic embedding for unit tests of the plumbing."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.core.settings import Settings
from bot.index.embeddings import register_model, shared_model
from tests.fakes import FAKE_MODEL, HashEmbeddings

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
BUNDLED_CORPUS = Path(__file__).parent.parent / "corpus"

register_model(FAKE_MODEL, HashEmbeddings())


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's CAREERBOT_* variables or .env."""
    import os

    for name in list(os.environ):
        if name.startswith("CAREERBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.setitem(Settings.model_config, "env_file", None)


@pytest.fixture(scope="session")
def real_model() -> object:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole session."""
    return shared_model("")


@pytest.fixture(scope="session")
def onnx_cache() -> Path:
    """The ONNX export of the bundled model, made once in the per-user cache that every data
    dir shares (keyed by the weights, so later sessions reuse it too)."""
    from bot.core.settings import default_onnx_cache_dir
    from bot.index.embeddings import resolve_model_path
    from bot.index.onnx_backend import export, export_dir

    cache = default_onnx_cache_dir()
    path = resolve_model_path("")
    export(path, export_dir(path, cache))
    return cache


def make_settings(data_dir: Path, corpus_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, corpus_dir=corpus_dir, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture
def fake_settings(tmp_path: Path, corpus_copy: Path) -> Settings:
    """Real Chroma and record store in a tmp dir, fast fake embeddings."""
    return make_settings(tmp_path / "data", corpus_copy, embedding_model=FAKE_MODEL)


@pytest.fixture
def real_settings(tmp_path: Path, corpus_copy: Path, real_model: object) -> Settings:
    """Real Chroma, real model, a private writable corpus."""
    return make_settings(tmp_path / "data", corpus_copy)


def ingested_once(factory: pytest.TempPathFactory, name: str, corpus: Path) -> Settings:
    """``corpus`` ingested with the real model into a fresh session-wide data dir."""
    import ingest

    settings = make_settings(factory.mktemp(name) / "data", corpus)
    ingest.run(settings)
    return settings


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory, real_model: object) -> Settings:
    """The fixture corpus ingested once with the real model (read-only for tests)."""
    return ingested_once(tmp_path_factory, "indexed", FIXTURE_CORPUS)


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory: pytest.TempPathFactory, real_model: object) -> Settings:
    """The bundled corpus ingested once with the real model (read-only for tests)."""
    return ingested_once(tmp_path_factory, "bundled", BUNDLED_CORPUS)


@pytest.fixture(scope="session")
def chatbot(indexed_settings: Settings) -> object:
    from bot.chatbot import Chatbot

    return Chatbot(indexed_settings)


@pytest.fixture(scope="session")
def bundled_bot(bundled_settings: Settings) -> object:
    from bot.chatbot import Chatbot

    return Chatbot(bundled_settings)


Factory = Callable[..., Settings]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item, so fixtures can tell a failed test
    (the browser tests save a screenshot then)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One real PostgreSQL server for the session (see tests/postgres.py)."""
    from tests.postgres import running_postgres

    with running_postgres() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database of its own for one test."""
    import re

    from tests.postgres import fresh_database

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    with fresh_database(postgres_server, name) as url:
        yield url
