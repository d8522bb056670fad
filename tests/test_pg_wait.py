"""The bounded psycopg connection: how the bound is read from the URL's parameters, and a
server that accepts but never answers ending within it."""

from __future__ import annotations

import socket
import time

import psycopg
import pytest

from bot.core.pg_wait import MARGIN_SECONDS, BoundedConnection, wait_bound
from bot.core.settings import Settings


def test_the_bound_is_the_statement_timeout_plus_a_margin() -> None:
    assert wait_bound({"options": "-c statement_timeout=2500"}) == 2.5 + MARGIN_SECONDS
    assert wait_bound({"connect_timeout": "3"}) == 3 + MARGIN_SECONDS
    assert wait_bound({}) is None


def test_settings_put_both_timeouts_in_a_postgres_url_and_keep_the_users_own() -> None:
    url = Settings(database_url="postgresql://u@h/db", server_timeout=2.5).sql_url
    params = psycopg.conninfo.conninfo_to_dict(url.replace("postgresql+psycopg", "postgresql"))
    assert params["connect_timeout"] == "3"  # libpq wants whole seconds
    assert "statement_timeout=2500" in params["options"]
    own = Settings(
        database_url="postgresql://u@h/db?connect_timeout=7&options=-c%20statement_timeout%3D900"
    ).sql_url
    assert "connect_timeout=7" in own and own.count("statement_timeout") == 1
    assert Settings(database_url="sqlite:///x.db").sql_url == "sqlite:///x.db"


def test_a_server_that_never_answers_ends_within_connect_timeout() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(4)
        port = sock.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(psycopg.OperationalError, match="timeout"):
            BoundedConnection.connect(f"host=127.0.0.1 port={port} connect_timeout=1")
        assert time.monotonic() - started < 3
