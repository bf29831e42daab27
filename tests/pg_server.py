"""A throwaway PostgreSQL server for the test session: initdb, pg_ctl start, a database per test.

Uses the ``initdb``/``pg_ctl`` of Debian's ``postgresql`` package (``/usr/lib/postgresql/N/bin``, else
``PATH``). PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user,
with its data and socket folder owned by that user in a temporary folder. It listens on a free
127.0.0.1 port with trust authentication (nothing else can reach it), and durability is off
(``fsync``), which a throwaway server does not need.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

__all__ = ["INSTALL_HINT", "PgServer", "find_binaries", "start_server"]

INSTALL_HINT = "PostgreSQL is not installed (no initdb/pg_ctl); `apt-get install postgresql` to run these cases"


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, newest Debian version first, or None."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
    for folder in debian:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """A running server; ``url(name)`` for a database on it, ``create``/``drop`` for test databases."""

    bin_dir: Path
    root: Path
    port: int
    user: str | None  # the user the server runs as when we are root
    _names: count[int] = field(default_factory=count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """One statement as the superuser, on the server's maintenance database."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # our own identifiers, never user input

    def create(self, template: str | None = None, *, name: str | None = None) -> str:
        """A new empty (or ``template``-copied) database; returns its name."""
        name = name or f"t{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        _run(self, "pg_ctl", "stop", "-D", str(self.root / "data"), "-m", "immediate", "-s")
        shutil.rmtree(self.root, ignore_errors=True)


def _run(server: PgServer, tool: str, *args: str) -> None:
    command = [str(server.bin_dir / tool), *args]
    if server.user is not None:
        command = ["runuser", "-u", server.user, "--", *command]
    subprocess.run(command, check=True, capture_output=True, cwd=server.root)


def start_server() -> PgServer:
    """initdb and start a server in a new temporary folder; raises RuntimeError with the reason."""
    bin_dir = find_binaries()
    if bin_dir is None:
        raise RuntimeError(INSTALL_HINT)
    root = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        try:
            entry = pwd.getpwnam(user)
        except KeyError as exc:
            raise RuntimeError("running as root and there is no `postgres` user to run the server as") from exc
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PgServer(bin_dir=bin_dir, root=root, port=_free_port(), user=user)
    data = root / "data"
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={server.port} -c unix_socket_directories={root} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    try:
        _run(server, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        _run(server, "pg_ctl", "start", "-D", str(data), "-l", str(root / "log"), "-w", "-s", "-o", options)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {exc} {detail.decode(errors='replace')[-300:]}") from exc
    return server
