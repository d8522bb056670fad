"""A real PostgreSQL server for tests: Debian's ``postgresql`` binaries, a fresh cluster in
a temp dir, listening on 127.0.0.1 only, run as an unprivileged user (PostgreSQL refuses to
run as root). ``make test`` installs the package when it is missing."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: run `make postgres` (Debian package postgresql)."
        )
    return Path(found[-1]).parent


def _as_server_user(args: list[str]) -> list[str]:
    """Root runs the server binaries as the ``postgres`` system user (or ``nobody``)."""
    if os.geteuid() != 0:
        return args
    user = "postgres" if _exists("postgres") else "nobody"
    return ["runuser", "-u", user, "--", *args]


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    """A running throwaway cluster that a test can stop (a database that went away) and
    start again at the same address."""

    url: str
    data: Path
    log: Path
    options: str

    def _ctl(self, *args: str) -> None:
        pg_ctl = str(binaries() / "pg_ctl")
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(self.data), *args]),
            check=True,
            capture_output=True,
            text=True,
        )

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        self._ctl("-l", str(self.log), "-o", self.options, "-w", "start")

    def frozen(self) -> AbstractContextManager[None]:
        """The server hung, not gone (SIGSTOP: a GC pause, a frozen VM, a network black
        hole): connections are accepted by the kernel and never answered."""
        return frozen(server_pids(self.url))


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a throwaway cluster; yields its URL (database ``careerbot``, user ``careerbot``,
    trust authentication on loopback) and removes everything afterwards."""
    with postgres_server() as server:
        yield server.url


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """``running_postgres``, with the server's stop and start."""
    bin_dir = binaries()
    root = Path(tempfile.mkdtemp(prefix="careerbot-pg-"))
    data, log = root / "data", root / "server.log"
    if os.geteuid() == 0:
        user = "postgres" if _exists("postgres") else "nobody"
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    port = free_port()
    run = lambda args: subprocess.run(  # noqa: E731
        _as_server_user(args), check=True, capture_output=True, text=True
    )
    try:
        run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "careerbot"])
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        server = PostgresServer(
            f"postgresql://careerbot@127.0.0.1:{port}/careerbot", data, log, options
        )
        server.start()
        run(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "careerbot",
                "careerbot",
            ]
        )
        yield server
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str, name: str) -> Iterator[str]:
    """A new, empty database on the running server, for one test."""
    from sqlalchemy import create_engine, text

    admin = create_engine(
        server_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def server_pids(url: str) -> list[int]:
    """The postmaster serving ``url`` and all its children (backends, background workers):
    freezing only the postmaster would leave open connections answering."""
    port = url.rsplit(":", 1)[1].split("/", 1)[0]
    found = subprocess.run(
        ["pgrep", "-f", "--", f"-p {port} "], capture_output=True, text=True, check=False
    ).stdout.split()
    pids = [int(p) for p in found]
    for parent in list(pids):
        children = subprocess.run(
            ["pgrep", "-P", str(parent)], capture_output=True, text=True, check=False
        ).stdout.split()
        pids += [int(c) for c in children]
    assert pids, f"no server process found for port {port}"
    return pids


@contextmanager
def frozen(pids: list[int]) -> Iterator[None]:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
