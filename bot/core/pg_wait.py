"""A psycopg connection that never waits for the PostgreSQL server without end.

``connect_timeout`` bounds connecting and ``statement_timeout`` makes the server cancel a
slow statement, but both need a server that runs: a stopped or frozen server (SIGSTOP, a
VM paused, a black-holed network) still has its kernel accept the connection and acknowledge
every byte, so neither TCP nor the server ever ends the wait for an answer. psycopg's own
wait loop takes a timeout; this connection passes one on every wait (queries, commits, the
pool's ping), a little longer than the statement timeout so a merely slow statement gets the
server's clean cancel first. A wait that runs out closes the connection (its protocol state
is unknown) and raises ``OperationalError``, which the pool treats as a disconnect.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg import errors

# Beyond the statement timeout: the server's own cancel arrives first when it can.
MARGIN_SECONDS = 1.0


def wait_bound(params: dict[str, Any]) -> float | None:
    """Seconds to wait for any answer: the URL's statement timeout (or else its connect
    timeout) plus a margin; None when the URL sets neither."""
    found = re.search(r"statement_timeout\s*=\s*(\d+)", str(params.get("options", "")))
    if found:
        return int(found.group(1)) / 1000 + MARGIN_SECONDS
    if params.get("connect_timeout"):
        return float(params["connect_timeout"]) + MARGIN_SECONDS
    return None


class BoundedConnection(psycopg.Connection[Any]):
    """``psycopg.Connection`` whose every wait for the server ends within ``bound``."""

    bound: float | None = None

    @classmethod
    def connect(cls, conninfo: str = "", **kwargs: Any) -> BoundedConnection:
        connection = super().connect(conninfo, **kwargs)
        connection.bound = wait_bound({**psycopg.conninfo.conninfo_to_dict(conninfo), **kwargs})
        return connection

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        try:
            return super().wait(gen, interval, timeout if timeout is not None else self.bound)
        except errors.OperationalError as exc:
            # psycopg's internal _WaitTimeout: the server said nothing in time.
            if type(exc).__name__ != "_WaitTimeout":
                raise
            self.pgconn.finish()
            raise errors.OperationalError(
                f"the database server did not answer within {self.bound:g} s"
            ) from None
