"""Embedding backends: torch against ONNX Runtime (fp32, and int8 by dynamic quantization,
both produced offline from the bundled model) on speed and on the evaluation's hit rate.
A faster backend is worth offering only if the hit rate holds.

    python -m bench.backends
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import WORK_DIR, Row, eval_questions, indexed, record
from bench.throughput import chunk_texts
from bot.evaluate import load_evalset, run_eval

BACKENDS = ("torch", "onnx", "onnx-int8")
INT8_NAME = "bench-onnx-int8"  # registered model name: int8 vectors get their own index


def quantize(fp32: Path) -> Path:
    """Dynamic int8 quantization of the exported model (weights int8, activations float)."""
    out = fp32.with_name("model-int8.onnx")
    if not out.exists():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        partial = out.with_suffix(".partial")
        quantize_dynamic(str(fp32), str(partial), weight_type=QuantType.QInt8)
        partial.rename(out)
    return out


def load(backend: str, cache: Path) -> Any:
    """The shared model for a backend; int8 is built here (it is not a product setting)."""
    from bot.index.embeddings import register_model, resolve_model_path, shared_model
    from bot.index.onnx_backend import OnnxEmbeddings, export, export_dir

    if backend != "onnx-int8":
        return shared_model("", backend, cache)
    path = resolve_model_path("")
    model = OnnxEmbeddings(quantize(export(path, export_dir(path, cache))))
    register_model(INT8_NAME, model)
    return model


def corpus_sentences(chunks: list[str]) -> list[str]:
    """Every sentence of the bundled corpus as the composer scores them (deduplicated)."""
    from bot.index.sentences import split_sentences

    return list(dict.fromkeys(s for chunk in chunks for s in split_sentences(chunk)))


def same_tokens(texts: list[str], cache: Path) -> bool:
    """The ``tokenizers`` library (onnx backend) gives transformers' token ids (torch)."""
    from bot.index.embeddings import resolve_model_path
    from bot.index.onnx_backend import OnnxEmbeddings, export, export_dir

    path = resolve_model_path("")
    onnx = OnnxEmbeddings(export(path, export_dir(path, cache)))
    model: Any = load("torch", cache)
    reference = model._client.tokenizer  # the tokenizer sentence-transformers runs
    for first in range(0, len(texts), 64):
        batch = texts[first : first + 64]
        ours = onnx.tokenize(batch)
        theirs = reference(batch, padding=True, truncation=True, max_length=256)
        for name in ours:
            if not np.array_equal(ours[name], np.asarray(theirs[name])):
                return False
    return True


KINDS = {"single", "followup", "offtopic"}  # the ranked-retrieval questions (see bench.retrieval)


def speed(model: Any, chunks: list[str], questions: list[str]) -> dict[str, float]:
    model.embed_documents(chunks[:8])  # first call allocates; not part of the figure
    start = time.perf_counter()
    model.embed_documents(chunks)
    batch = time.perf_counter() - start
    start = time.perf_counter()
    for question in questions:
        model.embed_query(question)
    single = (time.perf_counter() - start) / len(questions)
    return {"batch": batch, "single": single}


def main() -> dict[str, Any]:
    from bot.index.embeddings import shared_model

    cache = WORK_DIR / "onnx"
    base = indexed("bundled")
    chunks = chunk_texts(base)
    questions = [q for q, _ in eval_questions()]
    sentences = corpus_sentences(chunks)
    texts = chunks + sentences
    reference = np.asarray(shared_model("").embed_documents(texts))
    tokens_same = same_tokens(texts, cache)
    items = [i for i in load_evalset() if i.kind in KINDS]
    figures: dict[str, str] = {}
    hits: dict[str, float] = {}
    rates: dict[str, float] = {}
    for backend in BACKENDS:
        start = time.perf_counter()
        model = load(backend, cache)
        loaded = time.perf_counter() - start
        measured = speed(model, chunks, questions)
        vectors = np.asarray(model.embed_documents(texts))
        agreement = float((vectors * reference).sum(axis=1).min())
        # int8 has its own index (its vectors differ); fp32 ONNX shares torch's.
        if backend == "onnx-int8":
            settings = indexed("bundled-int8", embedding_model=INT8_NAME)
        else:
            settings = indexed("bundled", embedding_backend=backend)
        report = run_eval(settings, items)
        score = report.score()
        hits[backend], rates[backend] = score.hits[1], len(chunks) / measured["batch"]
        figures[backend] = (
            f"{rates[backend]:.0f} chunks/s, query {measured['single'] * 1000:.1f} ms, "
            f"load/export {loaded:.0f} s, min cosine to torch over {len(chunks)} chunks + "
            f"{len(sentences)} sentences {agreement:.4f}, "
            f"hit@1 {score.hits[1]:.2f} hit@5 {score.hits[5]:.2f} MRR {score.mrr:.3f}, "
            f"refusals {report.refusal_accuracy:.2f}"
        )
    figures["onnx token ids"] = "identical to torch" if tokens_same else "DIFFER from torch"
    holds = {b: hits[b] >= hits["torch"] - 1e-9 for b in BACKENDS}
    faster = {b: rates[b] > rates["torch"] for b in BACKENDS}
    record(
        Row(
            "embedding backends",
            figures,
            "; ".join(
                f"{b}: {rates[b] / rates['torch']:.2f}x torch speed, hit rate "
                f"{'holds' if holds[b] else 'DROPS'}"
                for b in BACKENDS
                if b != "torch"
            ),
        )
    )
    return {"holds": holds, "faster": faster}


if __name__ == "__main__":
    main()
