"""The ingest run: load -> split -> plan -> write, under the writer lock."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from langchain_core.documents import Document

from bot.core.errors import CorpusMissingError
from bot.core.roles import Role, RoleCatalog
from bot.core.settings import Settings
from bot.index.embeddings import CountingEmbeddings, embeddings_for
from bot.index.sentence_store import SentenceStore
from bot.index.store import (
    CATALOG_KEY,
    COMPLETE_KEY,
    DIMENSION_KEY,
    check_dimension,
    check_fingerprint,
    collection_name,
    count,
    drop_collection,
    fingerprint,
    mismatch_as_error,
    place_of,
    read_metadata,
    update_metadata,
    vector_store,
)
from ingest import sentence_vectors
from ingest.claims import Claims, settle_claims
from ingest.index import Progress, plan, write
from ingest.load import GuideFile, load_corpus
from ingest.lock import writer_lock
from ingest.records import (
    database_errors,
    drop_records,
    existing_record_manager,
    record_manager,
)
from ingest.report import IngestReport
from ingest.split import split_guide
from ingest.verify import find_drift, probably_in_step, repair


def run(
    settings: Settings | None = None,
    *,
    full: bool = False,
    dry_run: bool = False,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring the index in line with the corpus dir, embedding only what changed.

    ``full`` re-embeds every file in place (readers keep being served); ``rebuild`` drops
    the collection and its records first (the fix for an index built with other settings);
    ``dry_run`` only plans, and creates or writes nothing, not even the lock file.
    """
    settings = settings or Settings()
    with database_errors(settings):
        return _run(settings, full=full, dry_run=dry_run, rebuild=rebuild, progress=progress)


def _run(
    settings: Settings,
    *,
    full: bool,
    dry_run: bool,
    rebuild: bool,
    progress: Progress | None,
) -> IngestReport:
    started = time.perf_counter()
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise CorpusMissingError(corpus)
    guides, chunks_by_source, unreadable, claims = _load_and_split(corpus, settings)

    name = collection_name(settings)
    report = IngestReport(collection=name, dry_run=dry_run)
    report.warnings = [f"{g.source}: {w}" for g in guides for w in g.warnings] + claims.warnings
    if dry_run:
        manager = None if rebuild else existing_record_manager(settings, name)
        report.files = plan(
            manager, chunks_by_source, unreadable, full=full, refused=claims.refused
        ).results
        report.seconds = time.perf_counter() - started
        return report

    embeddings = embeddings_for(settings)
    # A Chroma server that goes away mid-run is the same one line as one that was down.
    with writer_lock(settings), mismatch_as_error(place_of(settings)):
        manager = record_manager(settings, name)
        if rebuild:
            drop_collection(settings)
            drop_records(manager)
            SentenceStore.open(settings.sql_url, name).drop()
        store = vector_store(settings, embeddings, create=True)
        meta = read_metadata(store)
        check_fingerprint(meta, fingerprint(settings))
        if not probably_in_step(store, manager):
            # A crash between the two writes, or a hand edit: heal first, so the plan
            # below re-embeds exactly what lost its chunks.
            drift = find_drift(store, manager)
            report.repaired = repair(store, manager, drift)
            report.warnings.append(f"repaired drift: {drift.summary()}")
        decided = plan(manager, chunks_by_source, unreadable, full=full, refused=claims.refused)
        report.files = decided.results
        dimension = meta.get(DIMENSION_KEY)
        if decided.embeds:
            # Loads the model, which an unchanged run never does.
            dimension = model_dimension(embeddings)
            check_dimension(meta, dimension, settings.model_name)
        # Only files that changed go through the indexing API: its scoped cleanup touches
        # just the sources it is given, and unchanged files would cost a record write each.
        changed = [r.source for r in decided.results if r.status in ("added", "updated")]
        to_write = [c for source in changed for c in chunks_by_source[source]]
        outcome = write(store, manager, to_write, decided.removed, full=full, progress=progress)
        report.embeddings_computed = embeddings.texts_embedded
        kept = {r.source for r in decided.results if r.status == "kept"}
        sentences = sentence_vectors.update(
            SentenceStore.open(settings.sql_url, name),
            embeddings,
            chunks_by_source,
            keep=kept,
            full=full,
        )
        report.sentences_embedded = sentences.embedded
        catalog = _catalog(guides, kept, str(meta.get(CATALOG_KEY, "")))
        done: dict[str, Any] = {CATALOG_KEY: catalog.to_json(), "indexed_at": time.time()}
        if dimension is not None:
            done[DIMENSION_KEY] = int(dimension)
        # Last: only now may readers serve this collection (it matters for a fresh one).
        done[COMPLETE_KEY] = True
        update_metadata(store, done)
        report.total_chunks = count(store)
    report.chunks_added = outcome.added
    report.chunks_deleted = outcome.deleted
    report.chunks_unchanged = outcome.unchanged + sum(
        r.chunks for r in report.files if r.status == "unchanged"
    )
    report.seconds = time.perf_counter() - started
    return report


def rebuild(settings: Settings, progress: Progress | None = None) -> IngestReport:
    """Drop this settings' collection and records, and embed the corpus again."""
    return run(settings, rebuild=True, progress=progress)


def model_dimension(embeddings: CountingEmbeddings) -> int:
    """Length of the model's vectors (not counted as an embedding in the report).

    Asks the instance of the configured backend (torch or ONNX) that the write will use,
    so checking the dimension never loads a second copy of the model."""
    model = embeddings.model
    # sentence-transformers knows its output size without running the model; any other
    # Embeddings (a plugin, the test double) is asked with one probe embedding.
    encoder = getattr(model, "_client", None)
    for name in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        size = getattr(encoder, name, lambda: None)()
        if size:
            return int(size)
    return len(model.embed_query("dimension probe"))


def _load_and_split(
    corpus: Path, settings: Settings
) -> tuple[list[GuideFile], dict[str, list[Document]], dict[str, str], Claims]:
    loaded = load_corpus(corpus, settings.max_file_bytes)
    unreadable = {s.source: s.reason for s in loaded.skipped}
    chunks_by_source: dict[str, list[Document]] = {}
    guides: list[GuideFile] = []
    for guide in loaded.files:
        chunks = split_guide(
            guide, settings.chunk_size, settings.chunk_overlap, settings.max_guide_chunks
        )
        if chunks:
            chunks_by_source[guide.source] = chunks
            guides.append(guide)
        else:
            unreadable[guide.source] = "no text to index"
    # Claims are settled among guides with text: an empty file holds no role.
    claims = settle_claims(guides)
    for source in claims.refused:
        del chunks_by_source[source]
    return claims.kept, chunks_by_source, unreadable, claims


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
