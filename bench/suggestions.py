"""Latency of partner suggestions on the demo region (or a larger one).

Usage::

    .venv/bin/python bench/suggestions.py --port 17781            # demo region (303 orgs)
    .venv/bin/python bench/suggestions.py --port 17781 --orgs 10000
    .venv/bin/python bench/suggestions.py --no-load --orgs 10000  # graph already loaded
    .venv/bin/python bench/suggestions.py --no-load --orgs 10000 --graphql 200

The database is ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` when set, else the managed
test instance on ``--port`` (started when needed, kept running). Unless ``--no-load``, the demo
region is loaded first with ``replace=True`` (schema applied) — this empties that database.
Prints p50/p95 in ms and writes ``bench/out/suggestions-<scale>.json``. No assertions: a
measurement, not a test.

With ``--graphql N`` the script also serves the API (``seriktes serve`` in a subprocess, one
process) and times N ``partnerSuggestions(first: 10)`` requests of one client
(:data:`bench.canonical.SUGGESTIONS`, warm: the first few are not timed) interleaved with the
same calls of the domain function in this process, so the two figures share the machine's load.

Calls pass a :class:`~graph.analytics.cache.ProjectionCache`, as the API does, so the region's
attributes are read once per graph version; the script also times calls without one and the
rebuild of the attributes (what the first call after a write pays).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from neo4j.exceptions import ClientError  # noqa: E402

from bench.api_latency import GraphQLClient  # noqa: E402
from bench.api_server import serving  # noqa: E402
from bench.canonical import SUGGESTIONS  # noqa: E402
from bench.instance import Connection  # noqa: E402
from graph.analytics.cache import ProjectionCache  # noqa: E402
from graph.db import Database, QueryStats  # noqa: E402
from graph.demo_load import demo_sources, load_demo, organization_count  # noqa: E402
from graph.discovery import suggest_for_project, suggest_partners  # noqa: E402
from graph.discovery.attributes import region_attributes  # noqa: E402
from graph.importer import import_sources  # noqa: E402
from graph.schema import clear_data  # noqa: E402
from graph.server import LocalNeo4j  # noqa: E402
from graph.tokens import ApiRole, create_token  # noqa: E402


def _connection(port: int) -> Connection:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return Connection(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    server = LocalNeo4j(
        home=Path(os.environ.get("SERIKTES_HOME", ROOT / ".seriktes")).resolve(),
        name=f"test-neo4j-{port}",
        port=port,
        heap=os.environ.get("SERIKTES_TEST_NEO4J_HEAP", "2g"),
        pagecache="512m",
    )
    server.start()
    return Connection(server.uri, server.user, server.password())


def _load(db: Database, orgs: int, seed: int) -> None:
    began = time.perf_counter()
    try:
        result = load_demo(db, orgs=orgs, seed=seed, replace=True)
        ok = result.ok
    except ClientError as exc:  # one transaction may outlive the server's transaction timeout
        print(f"load_demo failed ({exc.code}); loading table by table", flush=True)
        clear_data(db)
        ok = all(import_sources(db, [source]).ok for source in demo_sources(orgs=orgs, seed=seed))
    print(f"loaded {orgs} organisations (ok={ok}) in {time.perf_counter() - began:.0f} s")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _summary(ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(_percentile(ms, 0.5), 1),
        "p95_ms": round(_percentile(ms, 0.95), 1),
        "max_ms": round(max(ms), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
    }


def _graphql(
    conn: Connection, db: Database, sample: list[str], count: int, port: int | None
) -> tuple[list[float], list[float]]:
    """Milliseconds of ``count`` GraphQL requests and of the same raw calls, interleaved."""
    _, token = create_token(db, role=ApiRole.COORDINATOR, name="bench-suggestions")
    headers = {"authorization": f"Bearer {token}"}
    cache = ProjectionCache()
    graphql_ms: list[float] = []
    raw_ms: list[float] = []
    log = ROOT / "bench" / "out" / "suggestions-api.log"
    with serving(conn, log, port=port) as url:
        client = GraphQLClient(url, token)
        for i in range(-5, count):  # the first five warm both sides
            bin_ = sample[i % len(sample)]
            began = time.perf_counter()
            client.send(SUGGESTIONS, {"bin": bin_}, headers)
            middle = time.perf_counter()
            suggest_partners(db, bin_, first=10, cache=cache)
            ended = time.perf_counter()
            if i >= 0:
                graphql_ms.append(1000 * (middle - began))
                raw_ms.append(1000 * (ended - middle))
    return graphql_ms, raw_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=17781, help="managed test instance port")
    parser.add_argument("--orgs", type=int, default=300, help="synthetic organisations to load")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--samples", type=int, default=200, help="organisations to time")
    parser.add_argument("--projects", type=int, default=50, help="projects to time")
    parser.add_argument("--uncached", type=int, default=20, help="calls to time without cache")
    parser.add_argument("--no-load", action="store_true", help="use the graph as it is")
    parser.add_argument("--graphql", type=int, default=0, help="GraphQL requests to time")
    parser.add_argument("--api-port", type=int, default=None, help="port of the API served")
    args = parser.parse_args()
    scale = "demo" if args.orgs == 300 else str(args.orgs)

    conn = _connection(args.port)
    db = conn.open()
    if not args.no_load:
        _load(db, args.orgs, args.seed)
    bins = [r["bin"] for r in db.read("MATCH (o:Organization) RETURN o.bin AS bin ORDER BY bin")]
    codes = [r["code"] for r in db.read("MATCH (p:Project) RETURN p.code AS code ORDER BY code")]
    rng = random.Random(args.seed)
    sample = rng.sample(bins, min(args.samples, len(bins)))
    projects = rng.sample(codes, min(args.projects, len(codes)))
    cache = ProjectionCache()
    for bin_ in sample[:5]:  # warm Neo4j's query caches and the attributes
        suggest_partners(db, bin_, cache=cache)

    rows: list[dict[str, Any]] = []
    for bin_ in sample:
        stats = QueryStats()
        began = time.perf_counter()
        found = suggest_partners(db.counting(stats), bin_, cache=cache)
        ms = 1000 * (time.perf_counter() - began)
        rows.append(
            {
                "bin": bin_,
                "ms": round(ms, 1),
                "queries": stats.queries,
                "db_ms": round(1000 * stats.seconds, 1),
                "suggestions": [[s.organization.bin, s.score] for s in found],
            }
        )
    project_ms = []
    for code in projects:
        began = time.perf_counter()
        suggest_for_project(db, code, cache=cache)
        project_ms.append(1000 * (time.perf_counter() - began))
    uncached_ms = []
    for bin_ in sample[: args.uncached]:
        began = time.perf_counter()
        suggest_partners(db, bin_)
        uncached_ms.append(1000 * (time.perf_counter() - began))
    graphql_ms, interleaved_ms = (
        _graphql(conn, db, sample, args.graphql, args.api_port) if args.graphql else ([], [])
    )
    rebuild_ms = []
    for _ in range(3):
        began = time.perf_counter()
        region_attributes(db)
        rebuild_ms.append(1000 * (time.perf_counter() - began))

    result: dict[str, Any] = {
        "scale": scale,
        "organizations": organization_count(db),
        "samples": len(rows),
        "suggest_partners": _summary([r["ms"] for r in rows]),
        "suggest_partners_db": _summary([r["db_ms"] for r in rows]),
        "queries_per_call": statistics.fmean(r["queries"] for r in rows),
        "suggest_for_project": _summary(project_ms) if project_ms else None,
        "suggest_partners_without_cache": _summary(uncached_ms) if uncached_ms else None,
        "attributes_rebuild": _summary(rebuild_ms),
        "graphql": _summary(graphql_ms) if graphql_ms else None,
        "graphql_raw_interleaved": _summary(interleaved_ms) if interleaved_ms else None,
        "results": rows,
    }
    out = ROOT / "bench" / "out" / f"suggestions-{scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(
        f"{scale}: {result['organizations']} organisations, {len(rows)} calls, "
        f"{result['queries_per_call']:.1f} queries each"
    )
    names = (
        "suggest_partners",
        "suggest_partners_db",
        "suggest_for_project",
        "suggest_partners_without_cache",
        "attributes_rebuild",
        "graphql",
        "graphql_raw_interleaved",
    )
    for name in names:
        if summary := result[name]:
            p50, p95 = summary["p50_ms"], summary["p95_ms"]
            print(f"  {name:<31} p50 {p50:>7.1f} ms   p95 {p95:>7.1f} ms")
    print(f"  wrote {out.relative_to(ROOT)}")
    db.close()


if __name__ == "__main__":
    main()
