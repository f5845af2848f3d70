"""GraphQL over HTTP against the same reads through the raw driver, 1 and 8 client threads."""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, LiteralString

import httpx2

from bench.canonical import REQUESTS, Canonical, Fixture
from bench.latency import Run, measure, percentile, summary
from graph.db import Database
from graph.demo_load import organization_count
from graph.exports import MAX_ROWS
from graph.tokens import ApiRole, create_token
from graph.vocab import NeedStatus

_OPEN = (NeedStatus.OPEN, NeedStatus.PARTLY_MET)

THREADS = (1, 8)

_HUB: LiteralString = """
MATCH (o:Organization) WHERE NOT coalesce(o.archived, false)
RETURN o.bin AS bin ORDER BY COUNT { (o)-[:PARTNERS_WITH]-() } DESC, o.bin LIMIT 1
"""
_BINS: LiteralString = """
MATCH (o:Organization) WHERE NOT coalesce(o.archived, false) RETURN o.bin AS bin ORDER BY bin
"""
_OPEN_NEEDS: LiteralString = """
MATCH (n:Need) WHERE n.status IN $open RETURN n.code AS code ORDER BY code
"""


def make_fixture(db: Database, *, seed: int = 2018, samples: int = 200) -> Fixture:
    bins = [r["bin"] for r in db.read(_BINS)]
    sample = random.Random(seed).sample(bins, min(samples, len(bins)))
    needs = [r["code"] for r in db.read(_OPEN_NEEDS, open=[s.value for s in _OPEN])]
    if not needs:
        raise RuntimeError("the bench graph has no open need of the House of NGOs to match")
    needs = random.Random(seed).sample(needs, min(samples, len(needs)))
    _, token = create_token(db, role=ApiRole.COORDINATOR, name="bench")
    return Fixture(
        hub=db.read(_HUB)[0]["bin"], sample=tuple(sample), token=token, needs=tuple(needs)
    )


class GraphQLClient:
    """One HTTP connection per thread; every answer is checked for errors."""

    def __init__(self, url: str, token: str) -> None:
        self.url = f"{url}/graphql"
        self.token = token
        self._local = threading.local()

    def _client(self) -> httpx2.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx2.Client(timeout=3600)
        return client

    def post(self, request: Canonical, variables: dict[str, Any]) -> dict[str, Any]:
        """The request's GraphQL answer; for a download, ``{"bytes": size}`` of the file."""
        headers = dict(request.headers)
        if request.needs_token:
            headers["authorization"] = f"Bearer {self.token}"
        if request.download is not None:
            response = self._client().get(self.url.removesuffix("/graphql") + request.download)
            if response.status_code != 200 or not response.content:
                raise RuntimeError(f"{request.download} answered {response.status_code}")
            return {"bytes": len(response.content)}
        return self.send(request.document, variables, headers)

    def send(
        self, document: str, variables: dict[str, Any], headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        response = self._client().post(
            self.url, json={"query": document, "variables": variables}, headers=headers or {}
        )
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"GraphQL answered {response.status_code}: {body.get('errors')}")
        return body


def _round_trips(body: dict[str, Any]) -> int | None:
    """The API's Cypher round-trips (``extensions.db``); ``None`` for a download."""
    return int(body["extensions"]["db"]["queries"]) if "extensions" in body else None


def page_size_round_trips(client: GraphQLClient) -> list[dict[str, Any]]:
    """Cypher round-trips of request 1 as the outer and the nested page sizes grow."""
    from bench.canonical import ORGANIZATION_PAGE

    rows: list[dict[str, Any]] = []
    for first, nested in ((5, 5), (50, 5), (5, 50), (20, 5)):
        try:
            body = client.send(ORGANIZATION_PAGE, {"first": first, "nested": nested})
            edges = body["data"]["organizations"]["edges"]
            nested_items = sum(
                len(e["node"]["projects"]["edges"]) + len(e["node"]["partners"]["edges"])
                for e in edges
            )
            rows.append(
                {
                    "first": first,
                    "nested": nested,
                    "organizations": len(edges),
                    "nested_items": nested_items,
                    "queries": _round_trips(body),
                }
            )
        except RuntimeError as exc:  # e.g. over the cost limit
            rows.append({"first": first, "nested": nested, "error": str(exc)[:200]})
    return rows


def _graphql_call(
    client: GraphQLClient, request: Canonical, fixture: Fixture, cypher_ms: list[float], i: int
) -> Any:
    body = client.post(request, request.variables(fixture, i))
    if "extensions" in body:
        cypher_ms.append(body["extensions"]["db"]["ms"])  # list.append is atomic across threads
    return body


def _raw_call(db: Database, request: Canonical, fixture: Fixture, i: int) -> Any:
    return request.raw(db, fixture, i)


def warm_workers(
    client: GraphQLClient, request: Canonical, fixture: Fixture, *, timeout: float = 300.0
) -> None:
    """Send ``request`` over 8 connections at once until each has answered, retrying while a
    worker says its analytics are not computed yet (``SERVICE_UNAVAILABLE``), so that every
    worker of the API is warm before it is timed."""
    deadline = time.monotonic() + timeout

    def one(i: int) -> None:
        while True:
            try:
                client.post(request, request.variables(fixture, i))
                return
            except RuntimeError as exc:
                if "SERVICE_UNAVAILABLE" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(1.0)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(8)))


def run_api(
    db: Database,
    url: str,
    fixture: Fixture,
    *,
    runs: int,
    count: dict[int, int],
    budget: float,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Warm up, count round-trips, then time each request over ``runs`` interleaved runs.

    A download of every organisation is left out where there are more than one download may
    hold (:data:`graph.exports.MAX_ROWS`): the API refuses it by design (narrow ``where``)."""
    client = GraphQLClient(url, fixture.token)
    queries: dict[str, list[int | None]] = {}
    too_many = organization_count(db) > MAX_ROWS
    requests = [r for r in REQUESTS if not (r.download and too_many)]
    if too_many:
        log(f"  more than {MAX_ROWS:,} organisations: no download of every one (refused)")
    for request in requests:
        # warm Neo4j's plan cache, the raw cache and every worker's analytics: 8 connections
        # reach each worker of `serve --workers N` (a worker's first report waits for them)
        warm_workers(client, request, fixture)
        for i in range(5):
            body = client.post(request, request.variables(fixture, i))
            queries.setdefault(request.key, []).append(_round_trips(body))
            request.raw(db, fixture, i)
        log(f"  warmed {request.key}: {queries[request.key][-1]} round-trips")

    timings: dict[str, dict[str, dict[int, list[Run]]]] = {
        r.key: {"graphql": {t: [] for t in THREADS}, "raw": {t: [] for t in THREADS}}
        for r in requests
    }
    cypher_ms: dict[str, dict[int, list[float]]] = {
        r.key: {t: [] for t in THREADS} for r in requests
    }
    for run in range(runs):
        for request in requests:
            for threads in THREADS:
                calls: dict[str, Callable[[int], Any]] = {
                    "graphql": partial(
                        _graphql_call, client, request, fixture, cypher_ms[request.key][threads]
                    ),
                    "raw": partial(_raw_call, db, request, fixture),
                }
                for side, call in calls.items():
                    timed = measure(call, threads=threads, count=count[threads], budget=budget)
                    timings[request.key][side][threads].append(timed)
            gql = timings[request.key]["graphql"][1][-1]
            raw = timings[request.key]["raw"][1][-1]
            log(
                f"  run {run + 1}/{runs} {request.key:<12} p50 graphql {gql.p50:7.1f} ms  "
                f"raw {raw.p50:7.1f} ms"
            )

    results: dict[str, Any] = {}
    for request in requests:
        sides = timings[request.key]
        entry: dict[str, Any] = {
            "title": request.title,
            "raw_is": request.raw_note,
            "round_trips": _median_or_none(queries[request.key]),
            "round_trips_seen": sorted({q for q in queries[request.key] if q is not None}),
        }
        for threads in THREADS:
            g, r = summary(sides["graphql"][threads]), summary(sides["raw"][threads])
            entry[f"threads_{threads}"] = {
                "graphql": g,
                "raw": r,
                "ratio_p50": round(g["p50_ms"] / r["p50_ms"], 2) if r["p50_ms"] else None,
                # summed over the request's Cypher calls (loaders of one level overlap)
                "graphql_cypher_p50_ms": (
                    round(percentile(cypher_ms[request.key][threads], 0.5), 1)
                    if cypher_ms[request.key][threads]
                    else None
                ),
            }
        results[request.key] = entry
    return {
        "requests": results,
        "page_size": page_size_round_trips(client),
        "fixture": {
            "hub": fixture.hub,
            "suggestion_sample": len(fixture.sample),
            "need_sample": len(fixture.needs),
        },
    }


def _median_or_none(values: list[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None
