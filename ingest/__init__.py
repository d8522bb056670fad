"""Offline side: load the guides, split them, and index them incrementally into the store."""

from ingest.pipeline import run
from ingest.report import FileResult, IngestReport

__all__ = ["FileResult", "IngestReport", "run"]
