"""The connection: one driver per process plus the database name, passed to every function.

``connect`` picks the server automatically: ``NEO4J_URI`` when set, else the managed local Neo4j
(started on demand). Reads go through read transactions so a cluster can route them to followers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, LiteralString, Protocol, TypeVar

import neo4j
from neo4j import RoutingControl

from graph.server import LocalNeo4j
from graph.settings import Settings

R = TypeVar("R")

# Bounded waits: a request must fail fast when Neo4j is away rather than hang. Transient errors
# (a leader switch, a deadlock) are still retried, for up to two seconds.
_DRIVER_OPTIONS: dict[str, Any] = {
    "connection_timeout": 3.0,
    "connection_acquisition_timeout": 5.0,
    "max_transaction_retry_time": 2.0,
    # sparse graphs legitimately ask for properties no node has yet; that is not worth a warning
    "notifications_disabled_classifications": ["UNRECOGNIZED"],
}


@dataclass(slots=True)
class QueryStats:
    """Round-trips and time spent in Neo4j, for one request (``SERIKTES_DB_STATS``)."""

    queries: int = 0
    seconds: float = 0.0
    texts: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, query: str, seconds: float) -> None:
        with self._lock:  # resolvers run in worker threads
            self.queries += 1
            self.seconds += seconds
            self.texts.append(" ".join(query.split()))

    def wait(self, seconds: float) -> None:
        """Time in Neo4j that belongs to no one query (a commit)."""
        with self._lock:
            self.seconds += seconds


class Transaction(Protocol):
    """What a unit of work may do with its transaction: run Cypher (``neo4j.ManagedTransaction``
    is one)."""

    def run(
        self, query: LiteralString, parameters: dict[str, Any] | None = None, **kwparameters: Any
    ) -> neo4j.Result: ...


@dataclass(slots=True)
class _CountedTransaction:
    """A managed transaction that adds each query to the request's statistics."""

    tx: neo4j.ManagedTransaction
    stats: QueryStats
    seconds: float = 0.0
    """Spent in this transaction's queries; the rest of its time is the commit's."""

    def run(
        self, query: LiteralString, parameters: dict[str, Any] | None = None, **kwparameters: Any
    ) -> neo4j.Result:
        began = time.perf_counter()
        try:
            return self.tx.run(query, parameters, **kwparameters)
        finally:
            spent = time.perf_counter() - began
            self.seconds += spent
            self.stats.add(query, spent)


@dataclass(frozen=True, slots=True)
class Database:
    driver: neo4j.Driver
    name: str = "neo4j"
    stats: QueryStats | None = None

    def counting(self, stats: QueryStats) -> Database:
        """The same connection, counting its queries into ``stats``."""
        return Database(self.driver, self.name, stats)

    def read(self, query: LiteralString, /, **params: Any) -> list[neo4j.Record]:
        """One read query in an auto-retried read transaction."""
        return self._execute(query, params, RoutingControl.READ).records

    def write(self, query: LiteralString, /, **params: Any) -> neo4j.EagerResult:
        """One write query in an auto-retried write transaction."""
        return self._execute(query, params, RoutingControl.WRITE)

    def _execute(
        self, query: LiteralString, params: dict[str, Any], routing: RoutingControl
    ) -> neo4j.EagerResult:
        began = time.perf_counter()
        try:
            return self.driver.execute_query(query, params, database_=self.name, routing_=routing)
        finally:
            if self.stats is not None:
                self.stats.add(query, time.perf_counter() - began)

    def stream(
        self, query: LiteralString, consume: Callable[[Iterator[neo4j.Record]], R], /, **params: Any
    ) -> R:
        """One read query whose records reach ``consume`` as they arrive, never as one list.

        ``consume`` may run again if the driver retries a transient error, so it must build its
        result from scratch.
        """

        def work(tx: neo4j.ManagedTransaction) -> R:
            return consume(iter(tx.run(query, params)))

        began = time.perf_counter()
        try:
            with self.session() as session:
                return session.execute_read(work)
        finally:
            if self.stats is not None:
                self.stats.add(query, time.perf_counter() - began)

    def execute_write(self, work: Callable[[Transaction], R], /) -> R:
        """``work`` in one auto-retried write transaction, each query counted (a retry's too:
        those are round-trips as well)."""
        stats = self.stats
        if stats is None:
            with self.session() as session:
                return session.execute_write(work)
        counted: list[_CountedTransaction] = []

        def attempt(tx: neo4j.ManagedTransaction) -> R:
            counted.append(_CountedTransaction(tx, stats))
            return work(counted[-1])

        began = time.perf_counter()
        try:
            with self.session() as session:
                return session.execute_write(attempt)
        finally:  # the commit (and results read after a query returned): time, no query
            stats.wait(time.perf_counter() - began - sum(c.seconds for c in counted))

    def session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.name, **kwargs)

    def close(self) -> None:
        self.driver.close()


def columns(record: neo4j.Record) -> dict[str, Any]:
    """A record's columns as a dict, values as the driver decoded them.

    Not ``Record.data()``: that walks every nested value again to turn nodes and relationships
    into dicts; for queries that return maps and lists it only costs (8 ms of a page of 20
    organisations with their projects and partners).
    """
    return dict(zip(record.keys(), record.values(), strict=True))


def local_server(settings: Settings, *, name: str = "neo4j", port: int | None = None) -> LocalNeo4j:
    return LocalNeo4j(
        home=settings.home,
        name=name,
        port=port or settings.managed_port,
        heap=settings.managed_heap,
        pagecache=settings.managed_pagecache,
    )


def open_database(uri: str, user: str, password: str, database: str = "neo4j") -> Database:
    driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), **_DRIVER_OPTIONS)
    return Database(driver=driver, name=database)


def connect(settings: Settings, *, start: bool = True) -> Database:
    """Open the configured server, or the managed one (started when ``start`` and not running)."""
    if settings.neo4j_uri:
        password = str(settings.neo4j_password) if settings.neo4j_password else ""
        return open_database(
            settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database
        )
    server = local_server(settings)
    if start:
        server.start()
    return open_database(server.uri, server.user, server.password())


@contextmanager
def connected(settings: Settings, *, start: bool = True) -> Iterator[Database]:
    db = connect(settings, start=start)
    try:
        yield db
    finally:
        db.close()
