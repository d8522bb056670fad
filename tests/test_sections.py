"""Sections: the searches of ``Guides`` (on the shelf, in memory) find what one filtered
k-NN query per search finds (same passages in the same order, scores equal to float
rounding), on the bundled guides with the real model; a comparison costs one store call
and one model call, and nothing more once its guides are on the shelf; an ingest that
completes empties the shelf."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import ingest
from bot import Chatbot, Settings
from bot.index import retrieval, sections
from bot.index.embeddings import VectorCache
from bot.index.sections import Guides, Search, Shelf, matching
from bot.index.store import collection
from bot.routes.compare import DIFFERS_PART, find_comparison
from bot.routes.suggest import difference_query
from bot.understand.aspects import ASPECTS, resolve_aspects

QUESTIONS = (
    "Which pays more?",
    "Is data engineering harder than data science?",
    "What should I learn first?",
)


def same_passages(new: list[Any], old: list[Any]) -> bool:
    """Same chunks in the same order with the same text and metadata, and scores equal up
    to float32 rounding (Chroma and numpy sum the dot product in different orders)."""
    return [(p.id, p.text, p.section, p.role) for p in new] == [
        (p.id, p.text, p.section, p.role) for p in old
    ] and all(abs(a.score - b.score) < 1e-5 for a, b in zip(new, old, strict=True))


def parts_of(store: Any, role: str) -> list[str]:
    """The reference: a role's top-level headings read from the store by one query."""
    found = store.get(where={"role": role}, include=["metadatas"])
    return sorted({str(m.get("part", "")) for m in found.get("metadatas") or [] if m})


def search_parts(store: Any, vector: list[float], role: str, parts: Any, k: int) -> list[Any]:
    """The reference: one filtered k-NN query in the store for one search."""
    where: dict[str, object] = {"role": role}
    if parts:
        where = {"$and": [{"role": role}, {"part": {"$in": list(parts)}}]}
    return retrieval.search(store, vector, k, where)


def one_by_one(bot: Chatbot, searches: list[Search]) -> list[list[Any]]:
    """The per-query path: each search its own embedding and its own filtered k-NN query."""
    return [
        search_parts(bot.store, bot.vectors.queries([s.query])[0].tolist(), s.role, s.parts, s.k)
        for s in searches
    ]


def every_search(bot: Chatbot, guides: Guides) -> Iterator[Search]:
    """Each role's every section and the whole guide, for aspect, difference and free
    questions, with k below, at and above a section's size."""
    titles = [bot.catalog.title(r) for r in guides.roles]
    for role in guides.roles:
        title = bot.catalog.title(role)
        queries = [f"{title}: {a.query}" for a in ASPECTS] + list(QUESTIONS)
        queries += [difference_query(title, other) for other in titles if other != title]
        for query in queries:
            for parts in [[], *([p] for p in guides.parts(role))]:
                for k in (3, 40):
                    yield Search(query, role, tuple(parts), k)


def test_guides_list_the_headings_parts_of_lists(bundled_bot: Chatbot) -> None:
    roles = list(bundled_bot.catalog.roles)
    guides = Guides(bundled_bot.store, roles)
    for role in roles:
        assert guides.parts(role) == parts_of(bundled_bot.store, role)
        assert matching(guides.parts(role), [DIFFERS_PART])


def test_batched_searches_find_the_same_passages_and_scores(bundled_bot: Chatbot) -> None:
    roles = list(bundled_bot.catalog.roles)
    guides = Guides(bundled_bot.store, roles)
    searches = list(every_search(bundled_bot, guides))
    batched = guides.run(bundled_bot.vectors, searches)
    single = one_by_one(bundled_bot, searches)
    assert len(batched) == len(single) == len(searches)
    for search, new, old in zip(searches, batched, single, strict=True):
        assert same_passages(new, old), search
    assert any(len(found) == 6 for found in batched)


def test_a_comparisons_evidence_is_each_cells_own_search(bundled_bot: Chatbot) -> None:
    store, catalog = bundled_bot.store, bundled_bot.catalog
    roles = ["data-engineer", "data-scientist", "data-analyst"]
    for question in ("", "Which pays more?", "Which needs more statistics?"):
        found = find_comparison(
            store, bundled_bot.vectors, catalog, roles, resolve_aspects(None), question
        )
        for cell in [*found.cells, *found.criteria]:
            parts = parts_of(store, cell.role)
            section = matching(parts, [cell.aspect.part]) if cell in found.cells else None
            if section is None:
                continue  # a criterion's own section and extra are checked by the test above
            vector = bundled_bot.vectors.queries([cell.query])[0].tolist()
            assert same_passages(cell.passages, search_parts(store, vector, cell.role, section, 6))
        for pair in found.pairs:
            vector = bundled_bot.vectors.queries([pair.query])[0].tolist()
            for own, _other, passages in pair.sides:
                section = matching(parts_of(store, own), [DIFFERS_PART])
                assert same_passages(passages, search_parts(store, vector, own, section, 4))


@pytest.fixture
def calls(bundled_bot: Chatbot, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of the store's calls (get, query) and the model's (embedding batches), with
    an empty shelf."""
    monkeypatch.setattr(sections, "_SHELVES", {})
    counted = {"get": 0, "query": 0, "model": 0}
    chroma = collection(bundled_bot.store)

    def counting(name: str, method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return method(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(chroma, "get", counting("get", chroma.get))
    monkeypatch.setattr(chroma, "query", counting("query", chroma.query))
    model = bundled_bot.vectors.embeddings
    monkeypatch.setattr(model, "embed_matrix", counting("model", model.embed_matrix))
    return counted


@pytest.mark.parametrize("roles", [2, 4])
@pytest.mark.parametrize("question", ["", "Which pays more?", "Which needs more statistics?"])
def test_a_comparison_costs_one_store_call_and_one_model_call(
    bundled_bot: Chatbot, calls: dict[str, int], roles: int, question: str
) -> None:
    fresh = VectorCache(bundled_bot.vectors.embeddings)  # nothing cached: every query embedded
    chosen = list(bundled_bot.catalog.roles)[:roles]
    found = find_comparison(
        bundled_bot.store, fresh, bundled_bot.catalog, chosen, resolve_aspects(None), question
    )
    assert found.cells and all(cell.passages for cell in found.cells)
    assert calls == {"get": 1, "query": 0, "model": 1}
    find_comparison(
        bundled_bot.store, fresh, bundled_bot.catalog, chosen, resolve_aspects(None), question
    )
    assert calls == {"get": 1, "query": 0, "model": 1}  # guides shelved, queries cached


def test_the_shelf_keeps_a_bounded_number_of_guides(bundled_bot: Chatbot) -> None:
    shelf = Shelf(max_roles=2)
    roles = list(bundled_bot.catalog.roles)[:3]
    found = shelf.guides(bundled_bot.store, roles)
    assert set(found) == set(roles) and all(g.ids for g in found.values())
    assert len(shelf._guides) == 2


def test_a_completed_ingest_empties_the_shelf(fake_settings: Settings) -> None:
    ingest.run(fake_settings)
    bot = Chatbot(fake_settings)
    before = Guides(bot.store, ["data-analyst"]).guides["data-analyst"]
    guide = fake_settings.corpus_dir / "data-analyst.md"
    added = "Practise explaining a SQL join aloud before every interview."
    guide.write_text(guide.read_text() + f"\n## Interview preparation\n\n{added}\n")
    ingest.run(fake_settings)
    after = Guides(bot.store, ["data-analyst"]).guides["data-analyst"]
    assert len(after.ids) == len(before.ids) + 1
    assert any(added in text for text in after.texts)
