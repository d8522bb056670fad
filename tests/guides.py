"""The bundled guides' role catalog, read from their front matter (no model, no store)."""

from __future__ import annotations

from pathlib import Path

from bot.core.roles import Role, RoleCatalog
from ingest.load import parse_guide

CORPUS = Path(__file__).parent.parent / "corpus"


def bundled_catalog() -> RoleCatalog:
    guides = [parse_guide(p.read_text(), p.name) for p in sorted(CORPUS.glob("*.md"))]
    return RoleCatalog.from_roles(Role(g.role, g.title, tuple(g.aliases)) for g in guides)
