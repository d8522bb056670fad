"""The result of an ingest run: what happened to each file, and the totals."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["added", "updated", "unchanged", "deleted", "skipped", "kept", "refused"]


@dataclass(frozen=True)
class FileResult:
    source: str
    status: Status
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    """Counts are per file: ``added`` new files, ``updated`` changed files, ``skipped``
    unchanged files (nothing to do), ``deleted`` removed files. ``failed`` files could not be
    read: each has a file line with status "skipped" (or "kept" when its previous chunks stay
    in the index) and the reason. ``refused`` files were read but may not be indexed (their
    role id is another guide's, ``ingest.claims``): status "refused" and the reason, never
    counted as unreadable, since the fix is in the guide's front matter, not its bytes.
    Chunk-level figures are separate. The summary names each count after its field, so the
    printed words and the ``--json`` fields agree."""

    files: list[FileResult] = field(default_factory=list)
    chunks_added: int = 0
    chunks_deleted: int = 0
    chunks_unchanged: int = 0
    embeddings_computed: int = 0  # chunks embedded
    sentences_embedded: int = 0  # quotable sentences embedded for answers (new ones only)
    repaired: int = 0  # drifted entries fixed before planning (after a crash)
    total_chunks: int = 0
    seconds: float = 0.0
    collection: str = ""
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)

    def _count(self, *statuses: Status) -> int:
        return sum(1 for f in self.files if f.status in statuses)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def updated(self) -> int:
        return self._count("updated")

    @property
    def skipped(self) -> int:
        return self._count("unchanged")

    @property
    def deleted(self) -> int:
        return self._count("deleted")

    @property
    def failed(self) -> int:
        return self._count("skipped", "kept")

    @property
    def refused(self) -> int:
        return self._count("refused")

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("added", "updated", "skipped", "deleted", "failed", "refused"):
            data[name] = getattr(self, name)
        return data

    def not_indexed(self) -> list[str]:
        """One line per guide left out of the index, and why: "refused: <file>: <why>" for
        a guide whose role id another holds, "failed: <file>: <why>" for one that could not
        be read (the one-line ``--summary`` prints these above its count line)."""
        words = {"refused": "refused", "skipped": "failed", "kept": "failed"}
        return [
            f"{words[f.status]}: {f.source}: {f.reason}" for f in self.files if f.status in words
        ]

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.updated} updated, {self.skipped} skipped (unchanged), "
            f"{self.deleted} deleted, {self.failed} failed (unreadable), "
            f"{self.refused} refused (role id held by another guide); "
            f"{self.embeddings_computed} chunks and {self.sentences_embedded} sentences "
            f"embedded, {self.total_chunks} chunks in the index; "
            f"{self.seconds:.2f}s"
        )
        return ("(dry run) " + text) if self.dry_run else text
