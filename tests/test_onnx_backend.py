"""The ONNX Runtime backend: exported from the bundled model, it gives torch's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.embeddings import resolve_model_path, shared_model
from bot.onnx_backend import OnnxEmbeddings, export, export_dir

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
def test_export_is_reused(exported: Path) -> None:
    mtime = exported.stat().st_mtime_ns
    assert export(resolve_model_path(""), exported.parent) == exported
    assert exported.stat().st_mtime_ns == mtime


def test_onnx_shares_the_torch_index() -> None:
    from bot.settings import Settings
    from bot.store import collection_name

    base = Settings(data_dir=Path("/tmp/x"))
    onnx = base.model_copy(update={"embedding_backend": "onnx"})
    assert collection_name(base) == collection_name(onnx)
