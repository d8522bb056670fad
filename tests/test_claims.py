"""Two guides declaring one role id: one warning naming both, the first path keeps it.

Unit tests on ``settle_claims`` and end to end through ``ingest.run`` on real Chroma with the
fake embeddings, so the catalog and the index are read back as the answerer reads them."""

from pathlib import Path

import ingest
from bot.core.roles import RoleCatalog
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import CATALOG_KEY, read_metadata, vector_store
from ingest.claims import settle_claims
from ingest.load import parse_guide

COPY = """---
role: data-engineer
title: Pipeline Plumber
---
# Pipeline Plumber

## Overview
Pipeline plumbers mend leaking pipes under the sink every morning.
"""


def _guide(source: str, role: str) -> object:
    return parse_guide(f"---\nrole: {role}\ntitle: {source}\n---\n# T\n\nSome text.\n", source)


def test_the_first_path_keeps_the_role_whatever_order_the_guides_come_in() -> None:
    guides = [_guide("z/late.md", "de"), _guide("b.md", "other"), _guide("a.md", "de")]
    for order in (guides, guides[::-1]):
        claims = settle_claims(list(order))  # type: ignore[arg-type]
        assert sorted(g.source for g in claims.kept) == ["a.md", "b.md"]
        assert list(claims.refused) == ["z/late.md"]
        assert "already held by a.md" in claims.refused["z/late.md"]
        assert claims.warnings == [
            "role id 'de' is declared by a.md and z/late.md: a.md keeps it (the first path "
            "in sorted order); not indexed: z/late.md"
        ]


def test_three_claimants_are_one_warning_naming_all_three() -> None:
    guides = [_guide(name, "de") for name in ("c.md", "a.md", "b.md")]
    claims = settle_claims(guides)  # type: ignore[arg-type]
    assert [g.source for g in claims.kept] == ["a.md"]
    assert len(claims.warnings) == 1
    assert "a.md, b.md, c.md" in claims.warnings[0]


def test_distinct_roles_warn_of_nothing() -> None:
    claims = settle_claims([_guide("a.md", "x"), _guide("b.md", "y")])  # type: ignore[list-item]
    assert (len(claims.kept), claims.refused, claims.warnings) == (2, {}, [])


def _catalog(settings: Settings) -> RoleCatalog:
    store = vector_store(settings, embeddings_for(settings), create=False)
    return RoleCatalog.from_json(str(read_metadata(store)[CATALOG_KEY]))


def _sources_of(settings: Settings, role: str) -> set[str]:
    store = vector_store(settings, embeddings_for(settings), create=False)
    found = store.get(where={"role": role}, include=["metadatas"])
    return {m["source"] for m in found["metadatas"]}


def test_a_second_guide_with_an_existing_role_is_warned_about_and_not_indexed(
    fake_settings: Settings,
) -> None:
    (fake_settings.corpus_dir / "uploads").mkdir()
    (fake_settings.corpus_dir / "uploads" / "plumber.md").write_text(COPY)
    report = ingest.run(fake_settings)
    claim = [w for w in report.warnings if "role id" in w]
    assert claim == [
        "role id 'data-engineer' is declared by data-engineer.md and uploads/plumber.md: "
        "data-engineer.md keeps it (the first path in sorted order); not indexed: "
        "uploads/plumber.md"
    ]
    refused = next(f for f in report.files if f.source == "uploads/plumber.md")
    assert (refused.status, refused.chunks) == ("refused", 0)
    assert (report.refused, report.failed) == (1, 0)  # refused, not unreadable
    assert _sources_of(fake_settings, "data-engineer") == {"data-engineer.md"}
    assert _catalog(fake_settings).roles["data-engineer"].title == "Data Engineer"


def test_a_guide_that_starts_claiming_a_held_role_leaves_the_index(
    fake_settings: Settings,
) -> None:
    """Indexed under its own role first, then edited to claim another guide's: its old
    chunks go, rather than stay answering as if nothing had happened."""
    guide: Path = fake_settings.corpus_dir / "plumber.md"
    guide.write_text(COPY.replace("role: data-engineer", "role: plumber"))
    ingest.run(fake_settings)
    assert _sources_of(fake_settings, "plumber") == {"plumber.md"}
    guide.write_text(COPY)
    report = ingest.run(fake_settings)
    assert next(f.status for f in report.files if f.source == "plumber.md") == "refused"
    assert _sources_of(fake_settings, "plumber") == set()
    assert _sources_of(fake_settings, "data-engineer") == {"data-engineer.md"}
    # The next run is quiet about the file's chunks but still names the clash.
    again = ingest.run(fake_settings)
    assert again.deleted == 0 and any("role id 'data-engineer'" in w for w in again.warnings)


def test_the_holder_does_not_change_when_the_later_path_is_ingested_first(
    fake_settings: Settings,
) -> None:
    (fake_settings.corpus_dir / "zz-copy.md").write_text(COPY)
    (fake_settings.corpus_dir / "data-engineer.md").rename(fake_settings.corpus_dir / "x.md")
    ingest.run(fake_settings)
    assert _sources_of(fake_settings, "data-engineer") == {"x.md"}
    (fake_settings.corpus_dir / "x.md").rename(fake_settings.corpus_dir / "a-first.md")
    ingest.run(fake_settings)
    assert _sources_of(fake_settings, "data-engineer") == {"a-first.md"}
    assert _catalog(fake_settings).roles["data-engineer"].source == "a-first.md"
