"""The ONNX Runtime embedding backend: the same sentence-transformers model, exported once to
ONNX and run by onnxruntime at inference time.

sentence-transformers' own ``backend="onnx"`` needs Optimum, whose current release pins an
older transformers than this project uses, so the export is done here with
``torch.onnx.export`` (needs the ``onnx`` package, only for the one-off export) and the
model is run with onnxruntime: tokenize, run the encoder, mean-pool, normalize, exactly
the steps of the model's own pipeline (all-MiniLM-L6-v2: mean pooling, then normalize).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.errors import CareerbotError

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MAX_TOKENS = 256  # the model's max_seq_length; longer text is truncated, as with torch


def export_dir(model_path: str, cache_dir: Path) -> Path:
    """Where the exported files of this model live (keyed by the model's path and weights)."""
    weights = Path(model_path) / "model.safetensors"
    stamp = f"{model_path}:{weights.stat().st_mtime_ns if weights.exists() else 0}"
    return cache_dir / hashlib.sha1(stamp.encode()).hexdigest()[:12]


def export(model_path: str, target: Path) -> Path:
    """Export the transformer to ``target/model.onnx`` (once; reused afterwards)."""
    out = target / "model.onnx"
    if out.exists():
        return out
    import torch
    from transformers import AutoModel, AutoTokenizer

    try:
        import onnx  # noqa: F401  (torch.onnx.export needs it)
    except ImportError:
        raise CareerbotError(
            "The ONNX embedding backend needs the 'onnx' package once, to export the model: "
            "pip install 'careerbot[onnx]' (or set CAREERBOT_EMBEDDING_BACKEND=torch)."
        ) from None
    target.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModel.from_pretrained(model_path).eval()

    class Encoder(torch.nn.Module):
        # Keyword arguments: positional order of BertModel.forward differs across versions.
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = tokenizer(
        ["an example", "a slightly longer example"], padding=True, return_tensors="pt"
    )
    partial = out.with_suffix(".partial")
    torch.onnx.export(
        Encoder(),
        tuple(sample[name] for name in INPUTS),
        str(partial),
        input_names=list(INPUTS),
        output_names=["last_hidden_state"],
        dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*INPUTS, "last_hidden_state"]},
        opset_version=17,
        dynamo=False,
    )
    partial.rename(out)  # never leave a half-written model where the next run would use it
    return out


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings over an exported model; unit vectors like the torch backend."""

    def __init__(self, model_path: str, onnx_file: Path, batch_size: int = 64) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(model_path)
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = []
        for first in range(0, len(texts), self.batch_size):
            batch = texts[first : first + self.batch_size]
            enc = self.tokenizer(
                batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="np"
            )
            feeds = {name: enc[name].astype(np.int64) for name in INPUTS}
            hidden = self.session.run(None, feeds)[0]
            mask = feeds["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(pooled / np.clip(norms, 1e-12, None))
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 0), np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def onnx_embeddings(model_path: str, cache_dir: Path) -> OnnxEmbeddings:
    """Export on first use, then load."""
    return OnnxEmbeddings(model_path, export(model_path, export_dir(model_path, cache_dir)))
