"""Sentence vectors: the stored vectors of the guides' quotable sentences.

The offline composer scores every sentence of the passages it retrieved against the
question. Embedding them on first sight made a fresh process 5-11x slower than the query
itself, so ingest embeds them once and keeps them here, in the app's SQL database (SQLite
in the data dir, or the PostgreSQL every machine of a deployment shares), beside the
ingest records.

Three tables, all scoped by the collection name (which fingerprints the model and the
chunking, so vectors of another model never mix in):

- ``sentence_vectors``: content-addressed, one row per distinct text (sha1 of the text);
  a sentence that several guides share is stored and embedded once.
- ``sentence_refs``: which source file holds which text, so an edited guide re-embeds only
  its new sentences and a deleted one leaves nothing behind (unreferenced rows are
  collected after every change).
- ``sentence_sources``: a digest of each source's texts, so an unchanged re-ingest
  compares one row per file and embeds nothing.

Readers look vectors up here and embed (and save) only what is missing: an index built by
an older version, or a sentence a reader met before the ingest that adds it finished.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import (
    Column,
    Index,
    Insert,
    LargeBinary,
    String,
    Table,
    and_,
    delete,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bot.core.sql import engine_for, metadata
from bot.index.sentences import split_sentences

LOOKUP_BATCH = 500  # keys per SELECT ... IN (...): well under SQLite's parameter limit

# The classifiers' labelled examples (bundled text, embedded like guide sentences) are held
# under this source, so that garbage collection after an ingest keeps their vectors. No
# guide can have this name (a guide's source is a path relative to the corpus), and it is
# never listed among the guides (``digests``), so an ingest never forgets it.
EXAMPLES_SOURCE = "/careerbot/classifier-examples"

sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("collection", String(200), primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)
sentence_refs = Table(
    "sentence_refs",
    metadata,
    Column("collection", String(200), primary_key=True),
    Column("source", String(1000), primary_key=True),
    Column("key", String(40), primary_key=True),
    Index("sentence_refs_key", "collection", "key"),
)
sentence_sources = Table(
    "sentence_sources",
    metadata,
    Column("collection", String(200), primary_key=True),
    Column("source", String(1000), primary_key=True),
    Column("digest", String(40), nullable=False),
)


def scored_texts(body: str, section: str) -> list[str]:
    """What the offline composer may score of one chunk: its quotable sentences, and its
    heading when that is a question (a guide's FAQ entry, matched against the person's
    question). Ingest stores exactly these."""
    heading = section.rsplit(" > ", maxsplit=1)[-1]
    texts = split_sentences(body)
    return [*texts, heading] if heading.endswith("?") else texts


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def digest_of(keys: Iterable[str]) -> str:
    """One hash for a source's set of texts (order and repeats do not matter)."""
    return hashlib.sha1("\n".join(sorted(set(keys))).encode()).hexdigest()


@dataclass(frozen=True)
class Cleanup:
    """What forgetting sources removed."""

    sources: int
    vectors: int


class SentenceStore:
    """The stored sentence vectors of one collection."""

    def __init__(self, url: str, collection: str) -> None:
        self.url = url
        self.collection = collection

    @classmethod
    def open(cls, url: str, collection: str) -> SentenceStore:
        return cls(url, collection)

    @property
    def engine(self) -> Engine:
        # Opened on first use: creating a Chatbot never waits for (or fails on) a database.
        return engine_for(self.url)

    # ---- reading ---------------------------------------------------------------------

    def lookup(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``texts`` (those that have one), by text."""
        by_key: dict[str, str] = {text_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        keys = list(by_key)
        table = sentence_vectors
        with self.engine.connect() as conn:
            for first in range(0, len(keys), LOOKUP_BATCH):
                rows = conn.execute(
                    select(table.c.key, table.c.vector).where(
                        table.c.collection == self.collection,
                        table.c.key.in_(keys[first : first + LOOKUP_BATCH]),
                    )
                )
                for key, blob in rows:
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def count(self) -> int:
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count())
                .select_from(sentence_vectors)
                .where(sentence_vectors.c.collection == self.collection)
            ).scalar()
            return int(total or 0)

    def digests(self) -> dict[str, str]:
        """Each recorded guide's digest (the held examples are not a guide)."""
        table = sentence_sources
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table.c.source, table.c.digest).where(
                    table.c.collection == self.collection, table.c.source != EXAMPLES_SOURCE
                )
            )
            return {str(source): str(digest) for source, digest in rows}

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct ``texts`` without a stored vector."""
        stored = set(self.lookup(list(dict.fromkeys(texts))))
        return [t for t in dict.fromkeys(texts) if t not in stored]

    # ---- writing ---------------------------------------------------------------------

    def save(self, texts: Sequence[str], vectors: np.ndarray, *, replace: bool = False) -> None:
        """Store vectors (float32) for texts. A text stored already keeps its row (the same
        text under the same model is the same vector) unless ``replace`` (a full ingest)."""
        rows = [
            {"collection": self.collection, "key": text_key(t), "vector": _blob(v)}
            for t, v in zip(texts, vectors, strict=True)
        ]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(_upsert(conn, replace), rows)

    def record_source(self, source: str, texts: Sequence[str]) -> None:
        """Say that ``source`` holds exactly ``texts`` now (one transaction)."""
        keys = sorted({text_key(t) for t in texts})
        with self.engine.begin() as conn:
            self._forget(conn, source)
            if keys:
                conn.execute(
                    sentence_refs.insert(),
                    [{"collection": self.collection, "source": source, "key": k} for k in keys],
                )
            conn.execute(
                sentence_sources.insert(),
                {"collection": self.collection, "source": source, "digest": digest_of(keys)},
            )

    def hold_examples(self, texts: Sequence[str]) -> bool:
        """Hold exactly ``texts`` as the classifiers' examples (their vectors then survive
        garbage collection); False when they were held already (one read, no write)."""
        wanted = digest_of(text_key(t) for t in texts)
        table = sentence_sources
        with self.engine.connect() as conn:
            held = conn.execute(
                select(table.c.digest).where(
                    table.c.collection == self.collection, table.c.source == EXAMPLES_SOURCE
                )
            ).scalar()
        if held == wanted:
            return False
        self.record_source(EXAMPLES_SOURCE, texts)
        return True

    def forget_sources(self, sources: Iterable[str]) -> Cleanup:
        """Drop the records of ``sources``, then every vector no source holds any more."""
        forgotten = 0
        with self.engine.begin() as conn:
            for source in sources:
                self._forget(conn, source)
                forgotten += 1
        return Cleanup(forgotten, self.collect_garbage())

    def collect_garbage(self) -> int:
        """Delete the vectors no recorded source (guide or held examples) holds; how many
        were deleted."""
        refs = select(sentence_refs.c.key).where(sentence_refs.c.collection == self.collection)
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(sentence_vectors).where(
                    sentence_vectors.c.collection == self.collection,
                    sentence_vectors.c.key.not_in(refs),
                )
            )
            return int(result.rowcount or 0)

    def drop(self) -> None:
        """Forget everything of this collection (it was dropped, e.g. by a rebuild)."""
        with self.engine.begin() as conn:
            for table in (sentence_refs, sentence_sources, sentence_vectors):
                conn.execute(delete(table).where(table.c.collection == self.collection))

    def _forget(self, conn: Connection, source: str) -> None:
        for table in (sentence_refs, sentence_sources):
            conn.execute(
                delete(table).where(
                    and_(table.c.collection == self.collection, table.c.source == source)
                )
            )


def _blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def _upsert(conn: Connection, replace: bool) -> Insert:
    # Two writers (an ingest and a reader saving what it had to embed) may store the same
    # text at once; the second insert is a no-op rather than an error.
    dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(conn.dialect.name)
    if dialect is None:
        return sentence_vectors.insert()
    insert = dialect.insert(sentence_vectors)
    if replace:
        return insert.on_conflict_do_update(
            index_elements=["collection", "key"], set_={"vector": insert.excluded.vector}
        )
    return insert.on_conflict_do_nothing()
