"""The ONNX Runtime backend: exported from the bundled model, it gives torch's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.embeddings import resolve_model_path, shared_model
from bot.onnx_backend import OnnxEmbeddings, export, export_dir, quantize

TEXTS = [
    "What does a data engineer do?",
    "A data engineer builds the pipelines that move data into a warehouse, with tests.",
    "salary",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = resolve_model_path("")
    return export(path, export_dir(path, tmp_path_factory.mktemp("onnx")))


@pytest.mark.slow
def test_fp32_export_matches_torch(exported: Path, real_model: object) -> None:
    onnx = OnnxEmbeddings(resolve_model_path(""), exported)
    ours = np.asarray(onnx.embed_documents(TEXTS))
    torch = np.asarray(shared_model("").embed_documents(TEXTS))
    assert ours.shape == torch.shape
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * torch).sum(axis=1).min() > 0.9999
    assert np.allclose(onnx.embed_query(TEXTS[0]), ours[0], atol=1e-5)


@pytest.mark.slow
def test_export_is_reused_and_int8_stays_close(exported: Path, real_model: object) -> None:
    mtime = exported.stat().st_mtime_ns
    assert export(resolve_model_path(""), exported.parent) == exported
    assert exported.stat().st_mtime_ns == mtime
    int8 = OnnxEmbeddings(resolve_model_path(""), quantize(exported))
    ours = np.asarray(int8.embed_documents(TEXTS))
    torch = np.asarray(shared_model("").embed_documents(TEXTS))
    # Quantization moves vectors a little, never to a different meaning.
    assert (ours * torch).sum(axis=1).min() > 0.9


def test_int8_gets_its_own_index_name() -> None:
    from bot.settings import Settings
    from bot.store import collection_name

    base = Settings(data_dir=Path("/tmp/x"))
    assert collection_name(base) == collection_name(
        base.model_copy(update={"embedding_backend": "onnx"})
    )
    assert collection_name(base) != collection_name(
        base.model_copy(update={"embedding_backend": "onnx-int8"})
    )
