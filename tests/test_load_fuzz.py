"""Fuzz: corrupted PDFs and random bytes through the loader. None may raise.

Bounded and seeded, so a failure is reproducible: before the fix, 13 of 1,500 randomly
corrupted PDFs stopped a whole ingest (LimitReachedError, AssertionError, AttributeError).
"""

from __future__ import annotations

import random
from pathlib import Path

from ingest.load import SUPPORTED, GuideFile, Skipped, load_corpus, load_one
from tests.documents import encrypted_pdf, minimal_pdf

SEED = 14
CORRUPTED_PDFS = 400
RANDOM_FILES = 120
LIMIT = 2_000_000


def corrupt(raw: bytes, rng: random.Random) -> bytes:
    """Flip, drop, duplicate or splice a few spans, the way a bad disk or download does."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        span = rng.randint(1, 24)
        kind = rng.choice(("flip", "drop", "dup", "noise", "truncate"))
        if kind == "flip":
            for i in range(at, min(at + span, len(data))):
                data[i] ^= 1 << rng.randrange(8)
        elif kind == "drop":
            del data[at : at + span]
        elif kind == "dup":
            data[at:at] = data[at : at + span]
        elif kind == "noise":
            data[at : at + span] = rng.randbytes(span)
        else:
            del data[at:]
        if not data:
            data = bytearray(b"%PDF")
    return bytes(data)


def test_corrupted_pdfs_and_random_bytes_never_raise(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = [
        minimal_pdf(["# Data Engineer", "Builds pipelines.", "Owns the (warehouse)."]),
        minimal_pdf([f"Line {n} of a longer guide about analytics." for n in range(40)]),
        encrypted_pdf(),
    ]
    for n in range(CORRUPTED_PDFS):
        (corpus / f"pdf-{n:04}.pdf").write_bytes(corrupt(rng.choice(seeds), rng))
    suffixes = list(SUPPORTED)
    for n in range(RANDOM_FILES):
        size = rng.choice((1, 7, 100, 4096, 20_000))
        (corpus / f"random-{n:04}{rng.choice(suffixes)}").write_bytes(rng.randbytes(size))

    root = corpus.resolve()
    outcomes = [load_one(path, corpus, root, LIMIT) for path in sorted(corpus.iterdir())]

    assert len(outcomes) == CORRUPTED_PDFS + RANDOM_FILES
    assert all(isinstance(o, GuideFile | Skipped) for o in outcomes)
    skipped = [o for o in outcomes if isinstance(o, Skipped)]
    assert skipped and all(o.reason for o in skipped)
    # Some corruptions leave a readable PDF: those still load.
    assert any(isinstance(o, GuideFile) and o.source.endswith(".pdf") for o in outcomes)
    # The whole-corpus load agrees, file for file.
    whole = load_corpus(corpus, LIMIT)
    assert len(whole.files) + len(whole.skipped) == len(outcomes)
