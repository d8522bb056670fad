"""The ingest run: load -> split -> plan -> write, under the writer lock."""

from __future__ import annotations

import time
from pathlib import Path

from langchain_core.documents import Document

from bot.embeddings import embeddings_for
from bot.errors import CareerbotError
from bot.roles import Role, RoleCatalog
from bot.settings import Settings
from bot.store import CATALOG_KEY, collection_name, read_metadata, update_metadata, vector_store
from ingest.index import Progress, plan, record_manager, write
from ingest.load import GuideFile, load_corpus
from ingest.lock import writer_lock
from ingest.report import IngestReport
from ingest.split import split_guide


def run(
    settings: Settings | None = None,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring the index in line with the corpus dir, embedding only what changed."""
    settings = settings or Settings()
    started = time.perf_counter()
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise CareerbotError(f"Corpus dir '{corpus}' does not exist or is not a directory.")
    guides, chunks_by_source, unreadable = _load_and_split(corpus, settings)

    embeddings = embeddings_for(settings)
    report = IngestReport(collection=collection_name(settings), dry_run=dry_run)
    report.warnings = [f"{g.source}: {w}" for g in guides for w in g.warnings]
    with writer_lock(settings.data_dir):
        manager = record_manager(settings, collection_name(settings))
        decided = plan(manager, chunks_by_source, unreadable, full=full)
        report.files = decided.results
        if dry_run:
            report.seconds = time.perf_counter() - started
            return report
        store = vector_store(settings, embeddings, create=True)
        all_chunks = [c for chunks in chunks_by_source.values() for c in chunks]
        outcome = write(store, manager, all_chunks, decided.removed, full=full, progress=progress)
        report.embeddings_computed = embeddings.texts_embedded
        kept = {r.source for r in decided.results if r.status == "kept"}
        catalog = _catalog(guides, kept, read_metadata(store).get(CATALOG_KEY, ""))
        update_metadata(store, {CATALOG_KEY: catalog.to_json(), "indexed_at": time.time()})
        report.total_chunks = store._collection.count()
    report.chunks_added = outcome.added
    report.chunks_deleted = outcome.deleted
    report.chunks_unchanged = outcome.unchanged
    report.seconds = time.perf_counter() - started
    return report


def _load_and_split(
    corpus: Path, settings: Settings
) -> tuple[list[GuideFile], dict[str, list[Document]], dict[str, str]]:
    loaded = load_corpus(corpus, settings.max_file_bytes)
    unreadable = {s.source: s.reason for s in loaded.skipped}
    chunks_by_source: dict[str, list[Document]] = {}
    guides: list[GuideFile] = []
    for guide in loaded.files:
        chunks = split_guide(guide, settings.chunk_size, settings.chunk_overlap)
        if chunks:
            chunks_by_source[guide.source] = chunks
            guides.append(guide)
        else:
            unreadable[guide.source] = "no text to index"
    return guides, chunks_by_source, unreadable


def _catalog(guides: list[GuideFile], kept: set[str], previous_json: str) -> RoleCatalog:
    """Roles of the indexed guides; a guide kept from an earlier run keeps its old entry."""
    roles: dict[str, Role] = {}
    for guide in guides:
        known = roles.get(guide.role)
        aliases = tuple(dict.fromkeys([*(known.aliases if known else ()), *guide.aliases]))
        roles[guide.role] = Role(
            guide.role,
            known.title if known else guide.title,
            aliases,
            known.source if known else guide.source,
        )
    if kept and previous_json:
        for role in RoleCatalog.from_json(previous_json).roles.values():
            if role.source in kept and role.id not in roles:
                roles[role.id] = role
    return RoleCatalog.from_roles(roles.values())
