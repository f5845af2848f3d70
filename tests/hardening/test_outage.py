"""Neo4j stops mid-traffic: requests fail fast and coded, the API recovers by itself, and every
write acknowledged before the stop is still there afterwards.

A Neo4j of its own (``hardening-outage``, port 17695 or ``SERIKTES_TEST_OUTAGE_PORT``) is started
and stopped here; the suite's shared instance is never touched. Writers (and an anonymous reader)
go through the app in process and through a real uvicorn at the same time.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from api.settings import ApiSettings
from graph.db import Database, open_database
from graph.identifiers import bin_check_digit
from graph.schema import clear_data
from graph.server import LocalNeo4j
from graph.tokens import ApiRole, create_token
from tests.conftest import ROOT
from tests.hardening.conftest import codes, gql, in_process, load_sample, serve

pytestmark = pytest.mark.slow  # `scripts/test -m "not slow"` leaves it out

PORT = int(os.environ.get("SERIKTES_TEST_OUTAGE_PORT", "17695"))
CREATE = """mutation($bin: String!) { createOrganization(bin: $bin, input: {name: "Во время сбоя",
  kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: "551010000"}) { bin } }"""
UNAVAILABLE = "SERVICE_UNAVAILABLE"


def _bins() -> Iterator[str]:
    """Valid BINs of a series no other test uses (registered 2021-01)."""
    for serial in itertools.count():
        first = f"210140{serial:05d}"
        digit = bin_check_digit(first)
        if digit is not None:
            yield first + str(digit)


@dataclass(frozen=True)
class Outcome:
    writer: str
    sent: str
    """The phase when the request left: up, stopping, down, starting, recovered."""
    status: int | None
    codes: tuple[str, ...]
    seconds: float
    bin: str

    @property
    def acknowledged(self) -> bool:
        return bool(self.bin) and self.status == 200 and not self.codes


class Traffic:
    """Writers creating organisations until told to stop, each outcome recorded."""

    def __init__(self, clients: dict[str, httpx2.Client], token: str) -> None:
        self.phase = "up"
        self.outcomes: list[Outcome] = []
        self._bins = _bins()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._threads = [
            threading.Thread(target=self._write, args=(f"{name}-{i}", client, key), daemon=True)
            for name, client in clients.items()
            for i, key in enumerate((token, token, None))  # two writers and a reader each
        ]

    def __enter__(self) -> Traffic:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _write(self, name: str, client: httpx2.Client, token: str | None) -> None:
        """Create organisations with ``token``; without one, read (anonymously)."""
        while not self._done.is_set():
            with self._lock:
                bin = next(self._bins) if token else ""
            sent, began = self.phase, time.monotonic()
            status: int | None = None
            try:
                if token:
                    response = gql(client, CREATE, {"bin": bin}, token=token)
                else:
                    response = gql(client, "{ organizations(first: 3) { totalCount } }")
                status = response.status_code
                try:
                    found = tuple(codes(response.json()))
                except ValueError:
                    found = (f"not JSON: {response.text[:80]}",)
            except httpx2.HTTPError as exc:  # a timeout is a hang
                found = (f"{type(exc).__name__}",)
            outcome = Outcome(name, sent, status, found, time.monotonic() - began, bin)
            with self._lock:
                self.outcomes.append(outcome)
            time.sleep(0.05)

    def wait_for(
        self, what: str, condition: Callable[[list[Outcome]], bool], timeout: float
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if condition(list(self.outcomes)):
                    return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}: {Counter(self._summary())}")

    def _summary(self) -> list[tuple[str, int | None, tuple[str, ...]]]:
        return [(o.sent, o.status, o.codes) for o in self.outcomes]


@pytest.fixture(scope="module")
def outage_server() -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(
        home=Path(os.environ.get("SERIKTES_HOME", ROOT / ".seriktes")).resolve(),
        name=f"hardening-outage-{PORT}",
        port=PORT,
        heap="512m",
        pagecache="64m",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop(timeout=0)  # its data is thrown away at the next run


def _health(clients: dict[str, httpx2.Client]) -> set[tuple[int, str]]:
    answers = set()
    for client in clients.values():
        response = client.get("/health")
        answers.add((response.status_code, response.json()["neo4j"]))
    return answers


def test_neo4j_outage_mid_traffic(outage_server: LocalNeo4j, tmp_path: Path) -> None:
    db: Database = open_database(outage_server.uri, outage_server.user, outage_server.password())
    problems: list[str] = []
    try:
        clear_data(db)
        load_sample(db, tmp_path / "sample")
        token = create_token(db, role=ApiRole.COORDINATOR, name="outage writer")[1]
        settings = ApiSettings(production=True)
        with in_process(db, settings) as asgi, serve(db, settings) as http:
            clients = {"asgi": asgi, "uvicorn": http}
            with Traffic(clients, token) as traffic:
                traffic.wait_for(
                    "writes before the stop",
                    lambda seen: sum(o.acknowledged for o in seen) >= 6,
                    timeout=60,
                )
                traffic.phase = "stopping"
                began = time.monotonic()
                outage_server.stop(timeout=0)  # a crash: SIGTERM, then SIGKILL at once
                traffic.phase = "down"
                down_health = _health(clients)
                read = gql(http, "{ regions { name } }").json()
                traffic.wait_for(
                    "every writer to fail while Neo4j is down",
                    lambda seen: len({o.writer for o in seen if o.sent == "down"}) == 6,
                    timeout=90,
                )
                traffic.phase = "starting"
                outage_server.start()
                traffic.phase = "recovered"
                restarted = time.monotonic()
                deadline = time.monotonic() + 60
                while _health(clients) != {(200, "up")} and time.monotonic() < deadline:
                    time.sleep(0.2)
                traffic.wait_for(
                    "writes through both transports after the restart",
                    lambda seen: {o.writer.split("-")[0] for o in seen
                                  if o.sent == "recovered" and o.acknowledged} == set(clients),
                    timeout=90,
                )  # fmt: skip
            up_health = _health(clients)
            recovered = time.monotonic()
        outcomes = traffic.outcomes
        acknowledged = [o.bin for o in outcomes if o.acknowledged]
        stored = {
            r["bin"]
            for r in db.read(
                "MATCH (o:Organization) WHERE o.bin IN $bins RETURN o.bin AS bin", bins=acknowledged
            )
        }
        before_stop = [o for o in outcomes if o.sent == "up" and o.acknowledged]
        down = [o for o in outcomes if o.sent == "down"]
        print(
            f"\noutage: {sum(bool(o.bin) for o in outcomes)} writes and "
            f"{sum(not o.bin for o in outcomes)} reads sent, {len(acknowledged)} writes "
            "acknowledged "
            f"({len(before_stop)} before the stop), {len(stored)} of them found after; while down "
            f"{Counter((o.status, o.codes) for o in down)}, slowest "
            f"{max(o.seconds for o in down):.1f}s; down {restarted - began:.0f}s, "
            f"recovered {recovered - restarted:.0f}s after the restart"
        )
        if stored != set(acknowledged):
            problems.append(f"acknowledged but lost: {sorted(set(acknowledged) - stored)}")
        if down_health != {(503, "down")}:
            problems.append(f"/health while down: {down_health}")
        if up_health != {(200, "up")}:
            problems.append(f"/health after the restart: {up_health}")
        if codes(read) != [UNAVAILABLE]:
            problems.append(f"a read while down: {read}")
        for o in outcomes:  # 503 is fine too, with the code
            if o.status not in (200, 503) or not set(o.codes) <= {UNAVAILABLE}:
                problems.append(f"{o.writer} sent while {o.sent}: HTTP {o.status} {o.codes}")
    finally:
        db.close()
    assert not problems, "\n".join(dict.fromkeys(problems))
