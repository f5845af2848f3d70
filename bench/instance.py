"""A fresh managed Neo4j for one scale: its own folder and port, emptied before every run."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.db import Database, open_database
from graph.server import LocalNeo4j

FIRST_PORT = 17697


@dataclass(frozen=True, slots=True)
class Connection:
    """What a child process or the API server needs to reach the bench instance."""

    uri: str
    user: str
    password: str
    database: str = "neo4j"

    def open(self) -> Database:
        return open_database(self.uri, self.user, self.password, self.database)

    def env(self) -> dict[str, str]:
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


def free_port(start: int) -> int:
    """The first port from ``start`` on that nothing listens on (loopback only)."""
    for port in range(start, start + 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {start}..{start + 199}")


class BenchNeo4j(LocalNeo4j):
    """The managed server without its 60-minute transaction timeout.

    ``graph.server`` writes ``neo4j.conf`` on every start with ``db.transaction.timeout=60m``;
    the importer writes 100k organisations in one transaction, and a stopped import should be
    reported by the benchmark's own time limit, not cut by the server's.
    """

    def _write_config(self) -> None:
        LocalNeo4j._write_config(self)
        conf = self.instance_dir / "conf" / "neo4j.conf"
        text = conf.read_text()
        conf.write_text(text.replace("db.transaction.timeout=60m", "db.transaction.timeout=0"))


def heap_for(scale: str) -> str:
    # The importer writes everything in one transaction: its state lives in the heap, and a
    # transaction may use 70% of it. At 100k (with the hub's tables) it needs more than 5.6 GB.
    return "12g" if scale == "100k" else "2g"


def _bench_server(home: Path, scale: str, port: int | None) -> BenchNeo4j:
    return BenchNeo4j(
        home=home.resolve(),
        name=f"bench-{scale}",
        port=port or free_port(FIRST_PORT),
        heap=heap_for(scale),
        pagecache="1g",
    )


@contextmanager
def fresh_instance(home: Path, scale: str, *, port: int | None = None) -> Iterator[LocalNeo4j]:
    """Start an empty Neo4j named ``bench-<scale>``; stop it (data kept for a look) on exit."""
    server = _bench_server(home, scale, port)
    server.stop()  # a previous run's, if it was left running
    shutil.rmtree(server.instance_dir, ignore_errors=True)
    server.start(timeout=300)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def kept_instance(home: Path, scale: str, *, port: int | None = None) -> Iterator[LocalNeo4j]:
    """The instance a previous run of ``scale`` left, data and all (for profiling)."""
    server = _bench_server(home, scale, port)
    if not server.instance_dir.exists():
        raise FileNotFoundError(f"no {server.instance_dir}: run `python -m bench --scale {scale}`")
    server.start(timeout=300)
    try:
        yield server
    finally:
        server.stop()


def connection(server: LocalNeo4j) -> Connection:
    return Connection(server.uri, server.user, server.password())
