"""The ONNX Runtime embedding backend: the same sentence-transformers model, exported once to
ONNX and run by onnxruntime at inference time.

sentence-transformers' own ``backend="onnx"`` needs Optimum, whose current release pins an
older transformers than this project uses, so the export is done here with
``torch.onnx.export`` (needs the ``onnx`` package, only for the one-off export) and the
model is run with onnxruntime: tokenize, run the encoder, mean-pool, normalize, exactly
the steps of the model's own pipeline (all-MiniLM-L6-v2: mean pooling, then normalize).

Inference imports neither torch nor transformers nor sentence-transformers: the tokenizer
is the model's own ``tokenizer.json`` run by the ``tokenizers`` library (what transformers'
fast tokenizer wraps), so a one-shot ``careerbot ask`` never pays for loading torch.

The export lives in a cache dir shared by every data dir (``Settings.onnx_cache_dir``), one
subdir per model and weights file; several processes may export at once: a file lock makes
the later ones wait and reuse the first one's files, and each writes under a unique partial
name renamed into place, so a half-written model is never where a reader would load it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
import threading
import uuid
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.core.errors import CareerbotError

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MAX_TOKENS = 256  # the model's max_seq_length; longer text is truncated, as with torch
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"  # written last: its presence means the export is complete
# Bumped when the exported files change shape (inputs, outputs, tokenizer handling).
EXPORT_VERSION = "2"


def export_dir(model_path: str, cache_dir: Path) -> Path:
    """Where the exported files of this model live (keyed by the model's path and weights)."""
    weights = Path(model_path) / "model.safetensors"
    stat = weights.stat() if weights.exists() else None
    stamp = (
        f"{EXPORT_VERSION}:{model_path}:"
        f"{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}"
    )
    return cache_dir / hashlib.sha1(stamp.encode()).hexdigest()[:12]


def is_exported(target: Path) -> bool:
    return (target / META_FILE).exists() and (target / MODEL_FILE).exists()


def _max_tokens(model_path: str) -> int:
    """The model's ``max_seq_length`` (sentence-transformers' truncation), else 256."""
    config = Path(model_path) / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return MAX_TOKENS


def _place(write: Any, final: Path) -> None:
    """``write(partial)`` to a name no other process uses, then rename over ``final``."""
    partial = final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")
    try:
        write(partial)
        os.replace(partial, final)  # atomic: readers see the old file or the whole new one
    finally:
        partial.unlink(missing_ok=True)


def export(model_path: str, target: Path) -> Path:
    """Export the transformer to ``target/model.onnx`` with its tokenizer (once; reused
    afterwards). Needs torch and onnx; the only step of this backend that does."""
    out = target / MODEL_FILE
    if is_exported(target):
        return out
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".export.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process exporting: wait, then reuse
        try:
            if not is_exported(target):
                _export_locked(model_path, target)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return out


def quiet_model_loaders() -> None:
    """Turn off the progress bars and info logs of the Hugging Face loaders.

    Their "Loading weights" bars are noise in a terminal (``make run`` shows its own stage
    lines and careerbot's own embedding bar), in a chat and in a JSON pipeline. The
    environment covers a library imported later; the calls cover one already imported, which
    has read the environment at import time.
    """
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if "huggingface_hub" in sys.modules:
        sys.modules["huggingface_hub"].utils.disable_progress_bars()
    if "transformers" in sys.modules:
        sys.modules["transformers"].utils.logging.disable_progress_bar()


def _export_locked(model_path: str, target: Path) -> None:
    try:
        import onnx  # noqa: F401  (torch.onnx.export needs it)
    except ImportError:
        raise CareerbotError(
            "The ONNX embedding backend needs the 'onnx' package once, to export the model: "
            "pip install 'careerbot[onnx]' (or set CAREERBOT_EMBEDDING_BACKEND=torch)."
        ) from None
    quiet_model_loaders()
    import torch
    from transformers import AutoModel, AutoTokenizer

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

    def write_model(partial: Path) -> None:
        # The exporter warns about tracing details that do not apply to this model (the
        # vectors are checked against torch's in tests); a first ingest should not print them.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _export(partial)

    def _export(partial: Path) -> None:
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

    def write_tokenizer(partial: Path) -> None:
        local = Path(model_path) / TOKENIZER_FILE
        if local.is_file():
            shutil.copyfile(local, partial)  # the model's own file, byte for byte
        else:  # a hub model: the fast tokenizer transformers itself would run
            tokenizer.backend_tokenizer.save(str(partial))

    meta = {"max_tokens": _max_tokens(model_path), "model_path": model_path}
    _place(write_model, target / MODEL_FILE)
    _place(write_tokenizer, target / TOKENIZER_FILE)
    _place(lambda p: p.write_text(json.dumps(meta), encoding="utf-8"), target / META_FILE)


def load_tokenizer(target: Path, max_tokens: int) -> Any:
    """The exported ``tokenizer.json``, set up as sentence-transformers calls transformers'
    fast tokenizer: truncate to ``max_tokens``, pad to the longest text of a batch."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(target / TOKENIZER_FILE))
    tokenizer.enable_truncation(max_length=max_tokens)
    # tokenizer.json may pad to a fixed length (all-MiniLM-L6-v2: 128); keep its pad token,
    # pad to the longest text instead, as transformers' ``padding=True`` does.
    padding = tokenizer.padding or {}
    tokenizer.enable_padding(
        pad_id=padding.get("pad_id", 0),
        pad_type_id=padding.get("pad_type_id", 0),
        pad_token=padding.get("pad_token", "[PAD]"),
    )
    return tokenizer


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings over an exported model; unit vectors like the torch backend."""

    def __init__(self, onnx_file: Path, batch_size: int = 64) -> None:
        import onnxruntime as ort

        target = onnx_file.parent
        meta_file = target / META_FILE
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        self.tokenizer = load_tokenizer(target, int(meta.get("max_tokens", MAX_TOKENS)))
        options = ort.SessionOptions()
        options.log_severity_level = 3
        # onnxruntime's worker threads spin for a while after each run by default. On a
        # small shared machine that spinning takes the cores the server needs right after
        # the query is embedded (writing the reply, the next request), and other processes'
        # load makes it worse: under load the offline ask p50 was 30-50 ms with spinning and
        # 17-22 ms without it (bench.api, 2 cores). Idle workers sleep instead.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def tokenize(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The model's inputs for ``texts`` (int64 arrays, padded to the longest)."""
        with self._lock:  # the tokenizer's padding/truncation state is shared
            encodings = self.tokenizer.encode_batch(texts)
        return {
            "input_ids": np.asarray([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.asarray([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.asarray([e.type_ids for e in encodings], dtype=np.int64),
        }

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = []
        for first in range(0, len(texts), self.batch_size):
            feeds = self.tokenize(texts[first : first + self.batch_size])
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
    """Export on first use (the one step that needs torch), then load."""
    return OnnxEmbeddings(export(model_path, export_dir(model_path, cache_dir)))
