"""Errors a user can cause or fix. Their message is the whole story: interfaces print it
as one line (CLI) or one chat message (UI), never a traceback."""


class CareerbotError(Exception):
    """Base class: anything with a message meant for the user."""


class NoIndexError(CareerbotError):
    """The guides have not been ingested into this store yet."""


class StoreUnavailableError(CareerbotError):
    """The Chroma server (or the local store) cannot be reached or opened."""


class IngestLockedError(CareerbotError):
    """Another writer holds the ingest lock."""


class UnknownRoleError(CareerbotError):
    """A role id or name that the index does not know."""


class IndexMismatchError(CareerbotError):
    """The index was built with other settings (model, dimension, chunking) than these."""


class EmptyQuestionError(CareerbotError, ValueError):
    """Nothing was typed. Also a ``ValueError``, which callers of the Python API caught
    before user errors had a type of their own."""


class EmptyProfileError(EmptyQuestionError):
    """A role-fit request that says nothing about the person."""


class CorpusMissingError(CareerbotError):
    """The corpus dir does not exist or is not a directory."""

    def __init__(self, corpus: object) -> None:
        super().__init__(f"Corpus dir '{corpus}' does not exist or is not a directory.")
        self.corpus = corpus


class BadInputError(CareerbotError, ValueError):
    """Input a person can correct: an empty chat title, an unknown feedback reason, a
    malformed evaluation set. Also a ``ValueError`` for callers of the Python API."""


class InvalidTextError(BadInputError):
    """A question that is not valid text: bytes instead of a string, or a lone surrogate
    (what undecodable bytes, such as ``\\xff`` read with ``surrogateescape``, become)."""
