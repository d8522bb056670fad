"""A throwaway index: several corpus dirs ingested together into a data dir of their own.

The evaluation asks questions about guides written elsewhere (``tests/fixtures/foreign``)
next to the bundled ones, as a user who drops their own files into the corpus would. That
index must never touch the user's: a copy of the guides, an embedded Chroma and a SQLite
record store, all under ``workdir``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from bot.core.errors import CorpusMissingError
from bot.core.settings import Settings
from ingest.load import discover


def scratch_index(settings: Settings, corpora: Sequence[Path], workdir: Path) -> Settings:
    """Settings for a fresh index of every guide in ``corpora`` (the same model and chunking
    as ``settings``), ingested under ``workdir``. A file name two dirs share keeps the first."""
    import ingest

    corpus = workdir / "corpus"
    for directory in corpora:
        if not directory.is_dir():
            raise CorpusMissingError(directory)
        for path in discover(directory):
            target = corpus / path.relative_to(directory)
            if not target.exists() and path.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    scratch = settings.model_copy(
        update={
            "corpus_dir": corpus,
            "data_dir": workdir / "data",
            # Never the user's Chroma server or SQL database.
            "chroma_host": None,
            "database_url": "",
        }
    )
    ingest.run(scratch)
    return scratch
