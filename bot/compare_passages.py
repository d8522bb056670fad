"""Comparison passages: what an LLM writes a comparison table from.

The offline comparison quotes each role's guide aspect by aspect; the LLM gets the same
evidence as passages: for every role, the guide's "How it differs" section and, for every
aspect, the best passages of the section that covers it. Searching each role on its own
keeps a guide that scores lower overall from being crowded out of the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_chroma import Chroma

from bot.compare import DIFFERS_PART, Aspect
from bot.embeddings import VectorCache
from bot.retrieval import Passage
from bot.roles import RoleCatalog
from bot.sections import matching, parts_of, search_parts

# Passages per (role, aspect) cell: two when few cells are asked for ("which pays more?"),
# else one, so a four-role, all-aspect table stays within a small model's context.
CELL_BUDGET = 16
MAX_PER_CELL = 2


def comparison_passages(
    store: Chroma,
    vectors: VectorCache,
    catalog: RoleCatalog,
    roles: Sequence[str],
    aspects: Sequence[Aspect],
) -> list[Passage]:
    """The passages for comparing ``roles`` on ``aspects``, grouped role by role."""
    per_cell = max(1, min(MAX_PER_CELL, CELL_BUDGET // max(1, len(roles) * len(aspects))))
    found: dict[str, Passage] = {}
    for role in roles:
        title = catalog.title(role)
        parts = parts_of(store, role)
        others = ", ".join(catalog.title(r) for r in roles if r != role)
        wanted = [(f"How is a {title} different from a {others}?", DIFFERS_PART, 1)]
        wanted += [(f"{title}: {a.query}", a.part, per_cell) for a in aspects]
        for query, part, k in wanted:
            section = matching(parts, [part])
            if not section and part == DIFFERS_PART:
                continue  # no such section: the aspects carry the comparison
            vector = vectors.vector(query).tolist()
            for passage in search_parts(store, vector, role, section, k):
                found.setdefault(passage.id, passage)
    return list(found.values())
