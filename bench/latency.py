"""Ask latency (offline) against the floor: one query embedding plus one Chroma k-NN query
over the same vectors. The ratio, not the milliseconds, is the figure that travels.

    python -m bench.latency
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Row, Target, eval_questions, indexed, ms, p50, percentile, record

TARGET_P50 = 1.5  # issue 15: a fresh Chatbot, from its first question
TARGET_P95 = 4.0  # comparisons included


def floor_once(model: Any, collection: Any, question: str, k: int) -> float:
    """The least any answer must cost: embed the question, one k-NN query."""
    start = time.perf_counter()
    vector = model.embed_query(question)
    collection.query(query_embeddings=[vector], n_results=k)
    return time.perf_counter() - start


def measure(settings: Any, questions: list[tuple[str, list[dict[str, str]]]]) -> dict[str, Any]:
    """Every question once, against a fresh ``Chatbot`` that nothing warmed: its first
    question is measured like the rest (the model is loaded for the floor beforehand, as
    a serving process has it; the sentence vectors come from the index)."""
    from bot.chatbot import Chatbot
    from bot.index.embeddings import embeddings_for
    from bot.index.store import collection as collection_of
    from bot.index.store import vector_store

    embeddings = embeddings_for(settings)
    model = embeddings.model  # the backend the bot uses, for the floor too
    model.embed_query("load the model")
    collection = collection_of(vector_store(settings, embeddings, create=False))
    collection.query(query_embeddings=[model.embed_query("open")], n_results=1)
    bot = Chatbot(settings)
    asks: list[float] = []
    floors: list[float] = []
    routes: list[str] = []
    # Interleaved, so both see the same load on a shared machine.
    for question, history in questions:
        floors.append(floor_once(model, collection, question, settings.top_k))
        start = time.perf_counter()
        answer = bot.ask(question, history)
        asks.append(time.perf_counter() - start)
        routes.append(answer.route)
    return {
        "asks": asks,
        "floors": floors,
        "routes": routes,
        "vectors": collection.count(),
        "embedded": bot.embeddings.texts_embedded,
    }


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    found = measure(settings, eval_questions())
    asks, floors = found["asks"], found["floors"]
    floor = p50(floors)
    compared = [a for a, r in zip(asks, found["routes"], strict=True) if r == "compare"]
    p50_ratio = p50(asks) / floor
    p95_ratio = percentile(asks, 95) / floor
    record(
        Row(
            "latency (offline ask), fresh Chatbot, no warm-up",
            {
                "questions": f"{len(asks)} ({len(compared)} comparisons)",
                "vectors": str(found["vectors"]),
                "texts embedded": f"{found['embedded']} (questions and search queries only)",
                "ask p50": ms(p50(asks)),
                "ask p95": ms(percentile(asks, 95)),
                "comparison p95": ms(percentile(compared, 95)),
                "first question": ms(asks[0]),
                "floor p50": ms(floor),
                "p50 ratio": f"{p50_ratio:.2f}x",
                "p95 ratio (to floor p50)": f"{p95_ratio:.2f}x",
                "comparison p95 ratio": f"{percentile(compared, 95) / floor:.2f}x",
            },
            targets=[
                Target.at_most(
                    "fresh Chatbot ask p50 vs floor",
                    p50_ratio,
                    TARGET_P50,
                    f"{ms(p50(asks))} vs {ms(floor)}",
                ),
                Target.at_most(
                    "fresh Chatbot ask p95 (comparisons included) vs floor",
                    p95_ratio,
                    TARGET_P95,
                    f"{ms(percentile(asks, 95))} vs {ms(floor)}",
                ),
            ],
        )
    )
    return {"p50_ratio": p50_ratio, "p95_ratio": p95_ratio}


if __name__ == "__main__":
    main()
