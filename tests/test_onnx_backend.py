"""The ONNX Runtime backend: exported from the bundled model, it gives torch's token ids and
vectors; the export is shared, made once, and safe with several exporters at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from bot.index import onnx_backend
from bot.index.embeddings import resolve_model_path, shared_model
from bot.index.onnx_backend import OnnxEmbeddings, export, export_dir, is_exported

TEXTS = [
    "What does a data engineer do?",
    "A data engineer builds the pipelines that move data into a warehouse, with tests.",
    "salary",
    "Ünïcode café — naïve résumé, 中文 and emoji 🚀 in one line.",
    "word " * 400,  # longer than the model's 256 tokens: truncated like torch
]


@pytest.fixture(scope="module")
def exported(onnx_cache: Path) -> Path:
    path = resolve_model_path("")
    return export(path, export_dir(path, onnx_cache))


@pytest.mark.slow
def test_fp32_export_matches_torch(exported: Path, real_model: object) -> None:
    onnx = OnnxEmbeddings(exported)
    ours = np.asarray(onnx.embed_documents(TEXTS))
    torch = np.asarray(shared_model("").embed_documents(TEXTS))
    assert ours.shape == torch.shape
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * torch).sum(axis=1).min() > 0.9999
    assert np.allclose(onnx.embed_query(TEXTS[0]), ours[0], atol=1e-5)


@pytest.mark.slow
def test_token_ids_are_transformers_own(exported: Path, real_model: object) -> None:
    """The tokenizers library with the model's tokenizer.json: the ids, masks and type ids
    sentence-transformers feeds the torch model (padding to the longest, cut at 256)."""
    reference = shared_model("")._client.tokenizer  # type: ignore[attr-defined]
    ours = OnnxEmbeddings(exported).tokenize(TEXTS)
    theirs = reference(TEXTS, padding=True, truncation=True, max_length=256)
    assert ours["input_ids"].shape == (len(TEXTS), 256)
    for name, ids in ours.items():
        assert np.array_equal(ids, np.asarray(theirs[name])), name


@pytest.mark.slow
def test_export_is_reused(exported: Path) -> None:
    mtime = exported.stat().st_mtime_ns
    assert export(resolve_model_path(""), exported.parent) == exported
    assert exported.stat().st_mtime_ns == mtime


def test_export_dir_is_keyed_by_weights(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"one")
    first = export_dir(str(model), tmp_path / "cache")
    (model / "model.safetensors").write_bytes(b"other weights")
    assert export_dir(str(model), tmp_path / "cache") != first
    assert first.parent == tmp_path / "cache"


def test_concurrent_exporters_export_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two exporters at once: one exports, the other waits and reuses it; no partial files."""
    calls: list[int] = []

    def slow_export(model_path: str, target: Path) -> None:
        calls.append(1)
        time.sleep(0.3)
        for name in (onnx_backend.MODEL_FILE, onnx_backend.TOKENIZER_FILE):
            onnx_backend._place(lambda p: p.write_text("x"), target / name)
        onnx_backend._place(lambda p: p.write_text("{}"), target / onnx_backend.META_FILE)

    monkeypatch.setattr(onnx_backend, "_export_locked", slow_export)
    target = tmp_path / "export"
    threads = [threading.Thread(target=export, args=("m", target)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert is_exported(target)
    assert not list(target.glob("*.partial"))


def test_a_failed_export_leaves_nothing_a_reader_would_load(tmp_path: Path) -> None:
    def broken(partial: Path) -> None:
        partial.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        onnx_backend._place(broken, tmp_path / "model.onnx")
    assert list(tmp_path.iterdir()) == []
    assert not is_exported(tmp_path)


def test_onnx_shares_the_torch_index() -> None:
    from bot.core.settings import Settings
    from bot.index.store import collection_name

    onnx = Settings(data_dir=Path("/tmp/x"))
    assert onnx.embedding_backend == "onnx"  # the default: same vectors, no torch to import
    torch = onnx.model_copy(update={"embedding_backend": "torch"})
    assert collection_name(torch) == collection_name(onnx)


def test_the_export_cache_is_shared_by_data_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core.settings import Settings
    from bot.index.embeddings import embeddings_for

    one = Settings(data_dir=Path("/tmp/one"), embedding_backend="onnx")
    two = Settings(data_dir=Path("/tmp/two"), embedding_backend="onnx")
    assert embeddings_for(one).cache_dir == embeddings_for(two).cache_dir
    monkeypatch.setenv("CAREERBOT_ONNX_CACHE_DIR", "/tmp/elsewhere")
    assert Settings().onnx_cache_dir == Path("/tmp/elsewhere")


def test_idle_inference_threads_sleep_rather_than_spin(exported: Path) -> None:
    # Spinning workers took the cores a server needs right after each query (bench.api).
    embeddings = OnnxEmbeddings(exported)
    options = embeddings.session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert len(embeddings.embed_query("data engineer")) == 384
