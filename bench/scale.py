"""Scale: generated corpora of 1k, 10k and 100k chunks (plus the eight bundled guides, so the
questions still name real roles). For each: ingest time, query p50 (a full offline ask, and
the floor), resident memory of a fresh serving process, disk; and how each grows.

Each measurement runs in its own process, so memory is that of a server and not of the
benchmark. Ingesting 100k chunks with the real model takes long on a small machine;
``--inject`` sizes are instead written straight into Chroma with vectors computed cheaply
(the normalized mean of the chunk's sentence vectors, each sentence embedded once by the
real model). Their query figures are real; their ingest time is an extrapolation and is
labelled so.

    python -m bench.scale                        # 1k, 10k and 100k through the real ingest
    python -m bench.scale --sizes 100000 --serve-only  # re-measure serving an earlier build
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import (
    BUNDLED_CORPUS,
    WORK_DIR,
    Row,
    Target,
    bench_settings,
    dir_mib,
    eval_questions,
    ms,
    p50,
    peak_rss_mib,
    percentile,
    record,
    rss_mib,
)

SECTIONS_PER_FILE = 50
SENTENCES_PER_SECTION = 3
TARGET_QUERY_GROWTH = 1.5  # issue 15: ask p50 at 100k <= 1.5x the 1k figure
TARGET_RSS_MIB = 1.2 * 1024  # serving RSS at 100k
TARGET_RATE_KEPT = 0.8  # "the ingest rate stays linear": chunks/s within 20% of the 1k rate


# ---- the generated corpus ------------------------------------------------------------------


def sentence_pool() -> list[str]:
    from bot.index.sentences import split_sentences

    pool: list[str] = []
    for path in sorted(BUNDLED_CORPUS.glob("*.md")):
        pool.extend(split_sentences(path.read_text(encoding="utf-8")))
    return list(dict.fromkeys(pool))


def generate(chunks: int, dest: Path, seed: int = 7) -> Path:
    """Bundled guides plus ``chunks`` generated one-chunk sections of recombined sentences."""
    rng = random.Random(seed)
    pool = sentence_pool()
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for path in BUNDLED_CORPUS.glob("*.md"):
        shutil.copy(path, dest / path.name)
    files = -(-chunks // SECTIONS_PER_FILE)
    for f in range(files):
        lines = [
            "---",
            f"role: generated-role-{f:05d}",
            f"title: Generated Role {f:05d}",
            "---",
            f"# Generated Role {f:05d}",
        ]
        for s in range(min(SECTIONS_PER_FILE, chunks - f * SECTIONS_PER_FILE)):
            lines += ["", f"## Topic {s}", "", " ".join(rng.sample(pool, SENTENCES_PER_SECTION))]
        (dest / f"generated-{f:05d}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


# ---- the measurements, each in a child process ----------------------------------------------


def child_ingest(data_dir: Path, corpus: Path) -> dict[str, Any]:
    import ingest

    settings = bench_settings("unused", corpus, data_dir=data_dir)
    report = ingest.run(settings)
    return {
        "seconds": report.seconds,
        "chunks": report.total_chunks,
        "embedded": report.embeddings_computed,
        "sentences_embedded": report.sentences_embedded,
        "peak_rss_mib": peak_rss_mib(),
    }


def child_inject(data_dir: Path, corpus: Path) -> dict[str, Any]:
    """Bundled guides through the real ingest; generated files straight into Chroma."""
    import numpy as np

    import ingest
    from bot.index.embeddings import embeddings_for, shared_model
    from bot.index.sentence_store import SentenceStore
    from bot.index.sentences import split_sentences
    from bot.index.store import collection, collection_name, vector_store
    from ingest import sentence_vectors
    from ingest.load import load_corpus
    from ingest.split import split_guide

    settings = bench_settings("unused", BUNDLED_CORPUS, data_dir=data_dir)
    ingest.run(settings)
    bundled = [g.source for g in load_corpus(BUNDLED_CORPUS, settings.max_file_bytes).files]
    generated = [
        g for g in load_corpus(corpus, settings.max_file_bytes).files if "generated" in g.source
    ]
    chunks = [
        c for g in generated for c in split_guide(g, settings.chunk_size, settings.chunk_overlap)
    ]
    pool = sentence_pool()
    model = shared_model("")
    start = time.perf_counter()
    pool_vectors = np.asarray(model.embed_documents(pool), dtype=np.float32)
    by_text = dict(zip(pool, pool_vectors, strict=True))
    store = vector_store(settings, model, create=True)
    batch = 5000
    for first in range(0, len(chunks), batch):
        part, vectors = [], []
        for chunk in chunks[first : first + batch]:
            known = [by_text[s] for s in split_sentences(chunk.page_content) if s in by_text]
            if known:  # re-split sentences that merged when joined are left out
                mean = np.mean(known, axis=0)
                vectors.append((mean / np.linalg.norm(mean)).tolist())
                part.append(chunk)
        collection(store).add(
            ids=[f"gen-{first + i}" for i in range(len(part))],
            documents=[c.page_content for c in part],
            metadatas=[c.metadata for c in part],
            embeddings=vectors,
        )
    # The generated guides' sentence vectors, as the real ingest stores them.
    by_source: dict[str, list[Any]] = {}
    for chunk in chunks:
        by_source.setdefault(str(chunk.metadata["source"]), []).append(chunk)
    sentences = SentenceStore.open(settings.sql_url, collection_name(settings))
    sentence_vectors.update(sentences, embeddings_for(settings), by_source, keep=bundled)
    return {
        "seconds": time.perf_counter() - start,
        "chunks": collection(store).count(),
        "embedded": len(pool),
        "peak_rss_mib": peak_rss_mib(),
    }


def child_serve(data_dir: Path, corpus: Path) -> dict[str, Any]:
    from bench.latency import measure

    settings = bench_settings("unused", corpus, data_dir=data_dir)
    found = measure(settings, eval_questions())
    return {
        "ask_p50": p50(found["asks"]),
        "floor_p50": p50(found["floors"]),
        "ask_p95": percentile(found["asks"], 95),
        "rss_mib": rss_mib(),
        "vectors": found["vectors"],
    }


CHILDREN = {"ingest": child_ingest, "inject": child_inject, "serve": child_serve}


def in_child(step: str, data_dir: Path, corpus: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--child", step, str(data_dir), str(corpus)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---- the run --------------------------------------------------------------------------------


def measure_size(chunks: int, inject: bool, serve_only: bool = False) -> dict[str, Any]:
    """Build the size's index (unless ``serve_only`` and one was built before) and measure
    a fresh serving process over it."""
    root = WORK_DIR / f"scale-{chunks}"
    corpus, data_dir = root / "corpus", root / "data"
    earlier = saved(chunks)
    if serve_only and earlier:
        built = {k: earlier[k] for k in ("seconds", "chunks", "embedded", "peak_rss_mib")}
        built["sentences_embedded"] = earlier.get("sentences_embedded", 0)
        inject = bool(earlier["inject"])
    else:
        corpus = generate(chunks, corpus)
        shutil.rmtree(data_dir, ignore_errors=True)
        built = in_child("inject" if inject else "ingest", data_dir, corpus)
    served = in_child("serve", data_dir, corpus)
    result = {"size": chunks, "inject": inject, **built, **served, "disk_mib": dir_mib(data_dir)}
    # Kept, so sizes measured in separate runs can still be compared with each other.
    (root / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return result


def saved(chunks: int) -> dict[str, Any] | None:
    path = WORK_DIR / f"scale-{chunks}" / "result.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def rate_of(results: list[dict[str, Any]]) -> float:
    """Chunks per second of the largest real ingest so far (for extrapolating)."""
    ingested = [r for r in results if not r["inject"]] or [
        r for n in (10000, 1000) if (r := saved(n)) and not r["inject"]
    ]
    return ingested[-1]["embedded"] / ingested[-1]["seconds"] if ingested else float("nan")


def linear(r: dict[str, Any], base: dict[str, Any]) -> list[Target]:
    """The ingest rate (chunks a second) holds as the corpus grows: both real ingests."""
    if r["inject"] or base["inject"] or r["size"] == base["size"]:
        return []
    rate, base_rate = r["embedded"] / r["seconds"], base["embedded"] / base["seconds"]
    return [
        Target.at_least(
            f"ingest rate at {r['size']:,} chunks vs the {base['size']:,} figure",
            rate / base_rate,
            TARGET_RATE_KEPT,
            f"{rate:.0f} vs {base_rate:.0f} chunks/s",
        )
    ]


def report(r: dict[str, Any], base: dict[str, Any], rate: float) -> None:
    growth = r["ask_p50"] / base["ask_p50"]
    how = (
        f"injected in {r['seconds']:.1f} s (real ingest extrapolated at "
        f"{rate:.0f} chunks/s: {r['chunks'] / rate / 60:.0f} min)"
        if r["inject"]
        else f"ingest {r['seconds']:.1f} s ({r['embedded'] / r['seconds']:.0f} chunks/s)"
    )
    record(
        Row(
            f"scale {r['size']:,} chunks",
            {
                "vectors": str(r["vectors"]),
                "build": how,
                "ask p50": f"{ms(r['ask_p50'])} ({growth:.2f}x the {base['size']:,} figure)",
                "ask p95": ms(r.get("ask_p95", float("nan"))),
                "floor p50": ms(r["floor_p50"]),
                "serving RSS": f"{r['rss_mib']:.0f} MiB",
                "build peak RSS": f"{r['peak_rss_mib']:.0f} MiB",
                "disk": f"{r['disk_mib']:.0f} MiB",
            },
            targets=[
                Target.at_most(
                    f"ask p50 at {r['size']:,} chunks vs the {base['size']:,} figure",
                    growth,
                    TARGET_QUERY_GROWTH,
                    f"{ms(r['ask_p50'])} vs {ms(base['ask_p50'])}",
                ),
                Target(
                    f"serving RSS at {r['size']:,} chunks <= 1.2 GB",
                    r["rss_mib"] <= TARGET_RSS_MIB,
                    limit="<= 1229 MiB",
                    figure=f"{r['rss_mib']:.0f} MiB",
                ),
                *linear(r, base),
            ],
        )
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--inject",
        type=int,
        nargs="*",
        default=[],
        help="sizes written straight into Chroma instead of ingested (a quick look only)",
    )
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="measure serving again over the indexes an earlier run built",
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("STEP", "DATA", "CORPUS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv or [])
    if args.child:
        step, data_dir, corpus = args.child
        print(json.dumps(CHILDREN[step](Path(data_dir), Path(corpus))))
        return {}
    results = []
    for n in args.sizes:
        results.append(measure_size(n, n in set(args.inject), args.serve_only))
        report(results[-1], saved(1000) or results[0], rate_of(results))
    return {"results": results}


if __name__ == "__main__":
    main(sys.argv[1:])
