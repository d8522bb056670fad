"""Ask latency (offline) against the floor: one query embedding plus one Chroma k-NN query
over the same vectors. The ratio, not the milliseconds, is the figure that travels.

    python -m bench.latency
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Row, eval_questions, indexed, ms, p50, percentile, record, verdict

TARGET_RATIO = 3.0


def floor_once(model: Any, collection: Any, question: str, k: int) -> float:
    """The least any answer must cost: embed the question, one k-NN query."""
    start = time.perf_counter()
    vector = model.embed_query(question)
    collection.query(query_embeddings=[vector], n_results=k)
    return time.perf_counter() - start


def measure(settings: Any, questions: list[tuple[str, list[dict[str, str]]]]) -> dict[str, Any]:
    from bot.chatbot import Chatbot
    from bot.embeddings import shared_model

    bot = Chatbot(settings)
    bot.ask("What does a data engineer do?")  # loads the model and opens the store
    model = shared_model(settings.embedding_model)
    collection = bot.store._collection
    asks: list[float] = []
    floors: list[float] = []
    # Interleaved, so both see the same load on a shared machine.
    for question, history in questions:
        floors.append(floor_once(model, collection, question, settings.top_k))
        start = time.perf_counter()
        bot.ask(question, history)
        asks.append(time.perf_counter() - start)
    return {"asks": asks, "floors": floors, "vectors": collection.count()}


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    questions = eval_questions()
    found = measure(settings, questions)
    asks, floors = found["asks"], found["floors"]
    ratio = p50(asks) / p50(floors)
    record(
        Row(
            "latency (offline ask)",
            {
                "questions": str(len(asks)),
                "vectors": str(found["vectors"]),
                "ask p50": ms(p50(asks)),
                "ask p95": ms(percentile(asks, 95)),
                "floor p50": ms(p50(floors)),
                "floor p95": ms(percentile(floors, 95)),
                "p50 ratio": f"{ratio:.2f}x",
                "p95 ratio": f"{percentile(asks, 95) / percentile(floors, 95):.2f}x",
            },
            verdict({f"p50 <= {TARGET_RATIO:g}x floor": ratio <= TARGET_RATIO}),
        )
    )
    return {"ratio": ratio}


if __name__ == "__main__":
    main()
