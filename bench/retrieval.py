"""Retrieval choices, decided by the evaluation: vector vs hybrid (BM25 + vector, reciprocal
rank fusion) vs MMR, the number of passages k, the chunk size, and the relevance threshold.

Only the questions that go through ranked retrieval are used (single role, follow-ups,
off-topic); comparisons and role fit search one guide section at a time and do not change
with these choices.

    python -m bench.retrieval
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import Row, indexed, record
from bot.chatbot import Chatbot
from bot.evaluate import EvalReport, load_evalset, run_eval
from bot.index.retrieval import Passage
from bot.index.store import collection

KINDS = {"single", "followup", "offtopic"}
FUSION_K = 60  # reciprocal rank fusion constant (Cormack et al.)
CANDIDATES = 20  # passages each ranker proposes before fusion / MMR
_TOKEN = re.compile(r"[a-z0-9+#]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class HybridBot(Chatbot):
    """BM25 over the (role-filtered) chunks fused with the vector ranking by RRF."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        from rank_bm25 import BM25Okapi

        found = collection(self.store).get(include=["documents", "metadatas"])
        self.ids = list(found["ids"])
        self.roles = [str((m or {}).get("role", "")) for m in found["metadatas"] or []]
        self.bm25 = BM25Okapi([tokens(d or "") for d in found["documents"] or []])
        self.evidence.find = self.hybrid

    def hybrid(self, query: str, roles: Sequence[str]) -> list[Passage]:
        vector = self.vectors.vector(query).tolist()
        # The candidates come from the production search (``Evidence.passages``), so the
        # ranking is the only thing that differs from what users get.
        dense = self.evidence.passages(query, roles, CANDIDATES)
        scores = self.bm25.get_scores(tokens(query))
        allowed = set(roles)
        order = sorted(
            (i for i in range(len(self.ids)) if not allowed or self.roles[i] in allowed),
            key=lambda i: -scores[i],
        )[:CANDIDATES]
        fused: dict[str, float] = {}
        for rank, passage in enumerate(dense):
            fused[passage.id] = fused.get(passage.id, 0) + 1 / (FUSION_K + rank + 1)
        for rank, i in enumerate(order):
            fused[self.ids[i]] = fused.get(self.ids[i], 0) + 1 / (FUSION_K + rank + 1)
        by_id = {p.id: p for p in dense}
        missing = [self.ids[i] for i in order if self.ids[i] not in by_id]
        if missing:
            # Lexical-only hits need their cosine score too (the threshold and the composer use it).
            for p in self._by_ids(missing, vector):
                by_id[p.id] = p
        ranked = sorted(fused, key=lambda pid: -fused[pid])
        chosen = [by_id[pid] for pid in ranked if pid in by_id][: self.settings.top_k]
        return chosen

    def _by_ids(self, ids: list[str], vector: list[float]) -> list[Passage]:
        import numpy as np

        from bot.index.retrieval import passage_of

        got: Any = collection(self.store).get(
            ids=ids, include=["documents", "metadatas", "embeddings"]
        )
        q = np.asarray(vector)
        return [
            passage_of(pid, doc, meta, float(np.asarray(emb) @ q))
            for pid, doc, meta, emb in zip(
                got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
            )
        ]


class MMRBot(Chatbot):
    """Chroma's maximal marginal relevance over the vector candidates (lambda 0.5)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.evidence.find = self.mmr

    def mmr(self, query: str, roles: Sequence[str]) -> list[Passage]:
        vector = self.vectors.vector(query).tolist()
        dense = self.evidence.passages(query, roles, CANDIDATES)
        if not dense:
            return []
        import numpy as np

        got: Any = collection(self.store).get(ids=[p.id for p in dense], include=["embeddings"])
        embedding = dict(zip(got["ids"], got["embeddings"], strict=True))
        from langchain_core.vectorstores.utils import maximal_marginal_relevance

        picked = maximal_marginal_relevance(
            np.asarray(vector),
            [embedding[p.id] for p in dense],
            k=self.settings.top_k,
            lambda_mult=0.5,
        )
        chosen = [dense[i] for i in picked]
        return chosen


def scored(bot: Chatbot) -> tuple[EvalReport, float]:
    items = [i for i in load_evalset() if i.kind in KINDS]
    start = time.perf_counter()
    report = run_eval(items=items, bot=bot)
    return report, time.perf_counter() - start


def figures(report: EvalReport, seconds: float) -> str:
    s = report.score()
    return (
        f"hit@1 {s.hits[1]:.2f}, hit@3 {s.hits[3]:.2f}, hit@5 {s.hits[5]:.2f}, MRR {s.mrr:.3f}, "
        f"cited-right {report.cited_hit_rate:.2f}, refusals {report.refusal_accuracy:.2f} "
        f"({seconds:.0f} s)"
    )


def strategies() -> dict[str, str]:
    settings = indexed("bundled", relevance_threshold=0.0)
    out = {}
    for name, cls in (("vector", Chatbot), ("hybrid", HybridBot), ("mmr", MMRBot)):
        report, seconds = scored(cls(settings))
        out[name] = figures(report, seconds)
    return out


def top_k() -> dict[str, str]:
    out = {}
    for k in (4, 6, 8):
        settings = indexed("bundled", top_k=k)
        report, seconds = scored(Chatbot(settings))
        out[f"k={k}"] = figures(report, seconds)
    return out


def chunk_sizes() -> dict[str, str]:
    out = {}
    for size, overlap in ((500, 80), (900, 120), (1400, 160)):
        start = time.perf_counter()
        settings = indexed(f"chunks-{size}", chunk_size=size, chunk_overlap=overlap)
        built = time.perf_counter() - start
        bot = Chatbot(settings)
        report, seconds = scored(bot)
        out[f"chunk {size}/{overlap}"] = (
            f"{collection(bot.store).count()} chunks (index {built:.0f} s); "
            + figures(report, seconds)
        )
    return out


def thresholds() -> dict[str, str]:
    """Top cosine score of every question with no threshold; then, per threshold, the share
    of right refuse/answer decisions it would give."""
    settings = indexed("bundled", relevance_threshold=0.0)
    items = [i for i in load_evalset() if i.kind in KINDS]
    report = run_eval(items=items, bot=Chatbot(settings))
    on = sorted(r.top_score for r in report.results if r.item.answerable)
    off = sorted(r.top_score for r in report.results if not r.item.answerable)
    out = {
        "on-topic top score min/p10": f"{on[0]:.3f} / {on[len(on) // 10]:.3f}",
        "off-topic top score max": f"{off[-1]:.3f} ({len(off)} questions)",
    }
    for t in (0.25, 0.30, 0.35, 0.40, 0.45, 0.50):
        right = sum(s >= t for s in on) + sum(s < t for s in off)
        out[f"threshold {t:.2f}"] = f"{right / (len(on) + len(off)):.3f} right decisions"
    return out


STEPS = {"strategy": strategies, "top_k": top_k, "chunk size": chunk_sizes, "threshold": thresholds}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """All steps, or the ones named (``python -m bench.retrieval threshold top_k``)."""
    chosen = [s.replace("_", " ") if s == "chunk_size" else s for s in argv or []] or list(STEPS)
    results = {}
    for name in chosen:
        items = [i for i in load_evalset() if i.kind in KINDS]
        found = {"questions": str(len(items)), **STEPS[name]()}
        results[name] = found
        record(Row(f"retrieval choice: {name}", found))
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
