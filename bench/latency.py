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


def measure(
    settings: Any, questions: list[tuple[str, list[dict[str, str]]]], *, warm: bool = False
) -> dict[str, Any]:
    """Every question once, against a fresh ``Chatbot``; ``warm`` first embeds the indexed
    sentences as the web app does at start (its cost is reported, not hidden)."""
    from bot.chatbot import Chatbot
    from bot.embeddings import embeddings_for

    model = embeddings_for(settings).model  # the backend the bot uses, for the floor too
    model.embed_query("load the model")
    bot = Chatbot(settings)
    bot.ask("What does a data engineer do?")  # opens the store; not measured
    warmed, warm_seconds = 0, 0.0
    if warm:
        start = time.perf_counter()
        warmed = bot.warm()
        warm_seconds = time.perf_counter() - start
    from bot.store import collection as collection_of

    collection = collection_of(bot.store)
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
        "warmed": warmed,
        "warm_seconds": warm_seconds,
    }


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    questions = eval_questions()
    ratios = {}
    for warm in (False, True):
        found = measure(settings, questions, warm=warm)
        asks, floors = found["asks"], found["floors"]
        ratio = ratios[warm] = p50(asks) / p50(floors)
        label = (
            f"warmed ({found['warmed']} sentences in {found['warm_seconds']:.1f} s, as the UI)"
            if warm
            else "cold (sentences embedded on first use)"
        )
        record(
            Row(
                f"latency (offline ask), {label}",
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
        comparisons(found, label)
    return {"ratio_cold": ratios[False], "ratio_warm": ratios[True]}


def comparisons(found: dict[str, Any], label: str) -> None:
    """The comparison questions alone (route "compare"), against the same floor."""
    asks = [
        t for t, route in zip(found["asks"], found["routes"], strict=True) if route == "compare"
    ]
    if not asks:
        return
    floors = found["floors"]
    print(
        f"comparisons only, {label}: {len(asks)} questions, ask p50 {ms(p50(asks))}, "
        f"ask p95 {ms(percentile(asks, 95))}, p95 / floor p95 "
        f"{percentile(asks, 95) / percentile(floors, 95):.2f}x, "
        f"p50 / floor p50 {p50(asks) / p50(floors):.2f}x"
    )


if __name__ == "__main__":
    main()
