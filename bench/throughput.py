"""Ingest throughput against raw ``SentenceTransformer.encode`` of the same texts (the
chunks, and the sentences whose vectors ingest stores for answers), and the cost of an
unchanged re-ingest (time, embeddings computed).

    python -m bench.throughput
"""

from __future__ import annotations

import shutil
import time
from typing import Any

from bench.common import BUNDLED_CORPUS, Row, Target, bench_settings, record

TARGET_RATIO = 0.8
TARGET_REINGEST_SECONDS = 0.5


def ingested_texts(settings: Any) -> tuple[list[str], list[str]]:
    """Exactly the texts ingest embeds (same loader, same splitter): the chunks, and the
    distinct sentences of all sources."""
    from ingest.pipeline import _load_and_split
    from ingest.sentence_vectors import texts_of

    _, by_source, _, _ = _load_and_split(settings.corpus_dir, settings)
    chunks = [c.page_content for found in by_source.values() for c in found]
    sentences = dict.fromkeys(t for found in by_source.values() for t in texts_of(found))
    return chunks, list(sentences)


def chunk_texts(settings: Any) -> list[str]:
    """The chunk texts alone (the backends benchmark compares vectors over them)."""
    return ingested_texts(settings)[0]


def raw_encode_seconds(texts: list[str]) -> float:
    """The floor: the bare model, batch 64 like ingest, normalized like ingest."""
    from bot.index.embeddings import shared_model

    model: Any = shared_model("")  # the SentenceTransformer inside HuggingFaceEmbeddings
    model = model._client
    start = time.perf_counter()
    model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return time.perf_counter() - start


def main() -> dict[str, Any]:
    import ingest
    from bot.index.embeddings import shared_model

    settings = bench_settings("throughput", BUNDLED_CORPUS)
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    chunks, sentences = ingested_texts(settings)
    texts = chunks + sentences
    shared_model("").embed_query("warm up")  # model loading is not throughput
    raw_before = raw_encode_seconds(texts)
    first = ingest.run(settings)
    raw_after = raw_encode_seconds(texts)
    raw = (raw_before + raw_after) / 2
    again = ingest.run(settings)
    ratio = raw / first.seconds
    record(
        Row(
            "ingest throughput",
            {
                "texts": f"{len(texts)} ({len(chunks)} chunks, {len(sentences)} sentences)",
                "embedded by ingest": f"{first.embeddings_computed} chunks, "
                f"{first.sentences_embedded} sentences",
                "raw encode": f"{raw:.2f} s ({len(texts) / raw:.0f} texts/s; runs "
                f"{raw_before:.2f}/{raw_after:.2f} s)",
                "full ingest": f"{first.seconds:.2f} s ({len(texts) / first.seconds:.0f} texts/s)",
                "ingest/raw throughput": f"{ratio:.2f}x",
                "unchanged re-ingest": f"{again.seconds:.3f} s",
                "re-ingest embeddings": str(again.embeddings_computed + again.sentences_embedded),
            },
            targets=[
                Target.at_least(
                    "ingest (sentences included) vs raw encode",
                    ratio,
                    TARGET_RATIO,
                    f"{first.seconds:.2f} s vs {raw:.2f} s for {len(texts)} texts",
                ),
                Target(
                    f"unchanged re-ingest < {TARGET_REINGEST_SECONDS:g} s, 0 embeddings",
                    again.seconds < TARGET_REINGEST_SECONDS
                    and again.embeddings_computed + again.sentences_embedded == 0,
                    limit=f"< {TARGET_REINGEST_SECONDS:g} s, 0",
                    figure=f"{again.seconds:.3f} s, "
                    f"{again.embeddings_computed + again.sentences_embedded} embeddings",
                ),
            ],
        )
    )
    return {"ratio": ratio, "reingest": again.seconds}


if __name__ == "__main__":
    main()
