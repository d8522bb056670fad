"""The throwaway index: guides of several dirs together, never in the user's store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import CareerbotError
from bot.core.settings import Settings
from bot.index.embeddings import embeddings_for
from bot.index.store import count, vector_store
from ingest.scratch import scratch_index

FOREIGN = Path(__file__).parent / "fixtures" / "foreign"


def test_two_dirs_indexed_together_in_the_workdir(fake_settings: Settings, tmp_path: Path) -> None:
    # A user's settings that point at a Chroma server and a SQL database: the scratch index
    # must use neither.
    user = fake_settings.model_copy(
        update={"chroma_host": "chroma.example", "database_url": "postgresql://x/y"}
    )
    scratch = scratch_index(user, [fake_settings.corpus_dir, FOREIGN], tmp_path / "work")
    assert scratch.chroma_host is None and scratch.database_url == ""
    assert scratch.data_dir == tmp_path / "work" / "data"
    copied = sorted(p.name for p in scratch.corpus_dir.iterdir())
    originals = sorted(p.name for d in (fake_settings.corpus_dir, FOREIGN) for p in d.iterdir())
    assert copied == originals
    assert count(vector_store(scratch, embeddings_for(scratch), create=False)) > 0
    # The user's own data dir was never created.
    assert not fake_settings.data_dir.exists()


def test_a_missing_dir_is_a_user_error(fake_settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(CareerbotError, match="does not exist"):
        scratch_index(fake_settings, [tmp_path / "nowhere"], tmp_path / "work")
