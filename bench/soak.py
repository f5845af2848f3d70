"""A bounded soak: mixed reads and writes from N clients against a real server for M minutes.

Not part of CI. It starts (or uses) Neo4j and the API, drives traffic, and reports requests
served, errors by code (a 5xx is a failure), p50/p99 latency per operation and overall, and the
server's resident memory over time with a trend check (it must not keep growing). The figures go
to ``bench/out/soak.json``.

Neo4j: ``NEO4J_URI`` (+ ``NEO4J_USER``, ``NEO4J_PASSWORD``) when set, else a managed instance
named ``soak`` on ``--neo4j-port``; the demo region is loaded into the managed one (and into an
external one only when it holds no organisations, or with ``--replace``). The API: a ``uvicorn``
subprocess on a free loopback port, or ``--url`` (with ``--server-pid`` for its memory).

    python bench/soak.py --minutes 2 --clients 8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api_server import wait_healthy  # noqa: E402
from graph.db import Database, open_database  # noqa: E402
from graph.demo_load import load_demo, organization_count  # noqa: E402
from graph.identifiers import bin_check_digit  # noqa: E402
from graph.server import LocalNeo4j  # noqa: E402
from graph.tokens import ApiRole, create_token, revoke_token  # noqa: E402

OUT = ROOT / "bench" / "out" / "soak.json"
SAMPLE_EVERY = 5.0
"""Seconds between memory samples of the server process."""
WARM_UP = 0.25
"""Share of the run whose memory samples are not judged (caches, pools and JIT-like warm-up)."""
GROWTH_LIMIT = 0.10
"""The last quarter's median resident set may exceed the second quarter's by this much."""


# -- Neo4j and the server ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str
    database: str
    managed: LocalNeo4j | None

    def env(self) -> dict[str, str]:
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


@contextmanager
def neo4j_target(args: argparse.Namespace) -> Iterator[Neo4jTarget]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield Neo4jTarget(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
            None,
        )
        return
    server = LocalNeo4j(
        home=Path(os.environ.get("SERIKTES_HOME", ROOT / ".seriktes")).resolve(),
        name="soak",
        port=args.neo4j_port,
        heap="1g",
        pagecache="256m",
    )
    started = server.start()
    print(f"Neo4j 'soak' on {server.uri} ({started.seconds:.0f}s)", flush=True)
    try:
        yield Neo4jTarget(server.uri, server.user, server.password(), "neo4j", server)
    finally:
        if not args.keep_neo4j:
            server.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def api_server(target: Neo4jTarget) -> Iterator[tuple[str, int]]:
    """``uvicorn`` in a subprocess on a free loopback port; (base URL, pid)."""
    port = free_port()
    env = os.environ | target.env() | {"SERIKTES_ENV": "production", "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:app_from_environment",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout=120)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rss_bytes(pid: int) -> int | None:
    """The resident set of ``pid`` (psutil when installed, else ``/proc``)."""
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except ImportError:
        pass
    except Exception:  # the process is gone
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


# -- the workload --------------------------------------------------------------------------------


@dataclass(slots=True)
class Keys:
    """What the traffic picks from: real keys of the loaded region."""

    bins: list[str]
    names: list[str]
    katos: list[str]
    codes: list[str]
    years: list[int]

    @classmethod
    def of(cls, db: Database) -> Keys:
        orgs = db.read("MATCH (o:Organization) RETURN o.bin AS bin, o.name AS name")
        katos = db.read("MATCH (t:Territory) RETURN t.kato AS kato")
        codes = db.read("MATCH (p:Project) RETURN p.code AS code LIMIT 5000")
        years = db.read("MATCH ()-[f:FUNDS]->() RETURN DISTINCT f.year AS year")
        return cls(
            bins=[r["bin"] for r in orgs],
            names=[r["name"] for r in orgs],
            katos=[r["kato"] for r in katos],
            codes=[r["code"] for r in codes],
            years=sorted(r["year"] for r in years) or [2020],
        )


def _new_bins() -> Iterator[str]:
    """Valid BINs of a series the demo does not use (registered 2022-02), for creates."""
    serial = random.randrange(10**4)  # several runs against one database need not collide
    while True:
        serial += 1
        first = f"220240{serial % 10**5:05d}"
        digit = bin_check_digit(first)
        if digit is not None:
            yield first + str(digit)


Operation = Callable[[random.Random, Keys], tuple[str, dict[str, Any]]]

READS: dict[str, tuple[int, Operation]] = {
    "organizations page": (
        20,
        lambda rng, k: (
            """query($first: Int, $where: OrganizationWhere) {
              organizations(first: $first, where: $where, orderBy: {field: NAME}) {
                totalCount pageInfo { endCursor }
                edges { node { bin name kind territory { name } partners(first: 3) {
                  totalCount edges { node { name } } } } } } }""",
            {
                "first": rng.choice([5, 10, 20]),
                "where": rng.choice(
                    [
                        {},
                        {"settlement": "RURAL"},
                        {"kind": {"in": ["YOUTH_GROUP", "VETERANS_UNION"]}},
                        {"territory": {"in": [rng.choice(k.katos)]}},
                        {"hasStateFunding": True, "foundedYear": {"gte": 2010}},
                        {
                            "OR": [
                                {"name": {"contains": "клуб"}},
                                {"focusAreas": {"some": ["youth"]}},
                            ]
                        },
                    ]
                ),
            },
        ),
    ),
    "search": (
        20,
        lambda rng, k: (
            "query($q: String!) { search(query: $q, first: 10) { score matchedName "
            "organization { bin name } } }",
            {"q": " ".join(rng.choice(k.names).split()[: rng.randint(1, 2)])},
        ),
    ),
    "organization": (
        20,
        lambda rng, k: (
            """query($bin: String!) { organization(bin: $bin) { name focusAreas { code }
              projects(first: 5) { totalCount edges { role node { code title status } } }
              fundingProfile { totalKzt stateShare }
              partners(first: 5) { edges { since node { name } } } } }""",
            {"bin": rng.choice(k.bins)},
        ),
    ),
    "territory": (
        10,
        lambda rng, k: (
            """query($kato: String!) { territory(kato: $kato) { name
              children(first: 20) { edges { node { kato name } } }
              organizations(first: 10) { totalCount edges { node { name } } } } }""",
            {"kato": rng.choice(k.katos)},
        ),
    ),
    "dashboard": (
        8,
        lambda rng, k: (
            """query($year: Int) { dashboard {
              organizationsByKind { territoryName kind count }
              fundingTotals(groupBy: MECHANISM, firstYear: $year) { key amountKzt projects }
              projectsByFocusArea(year: $year) { projects budgetKzt } } }""",
            {"year": rng.choice(k.years)},
        ),
    ),
    "projects": (
        10,
        lambda rng, k: (
            """query($year: Int) { projects(first: 10, where: {activeInYear: $year}) {
              totalCount edges { node { code title participants(first: 3) {
                edges { role node { name } } } } } } }""",
            {"year": rng.choice(k.years)},
        ),
    ),
}
WRITES: dict[str, tuple[int, Operation]] = {
    "updateOrganization": (
        5,
        lambda rng, k: (
            """mutation($bin: String!, $staff: Int!) {
              updateOrganization(bin: $bin, input: {staff: $staff}) { bin staff } }""",
            {"bin": rng.choice(k.bins), "staff": rng.randint(0, 40)},
        ),
    ),
    "savePartnership": (
        4,
        lambda rng, k: (
            """mutation($a: String!, $b: String!) {
              savePartnership(input: {binA: $a, binB: $b, basis: "soak"}) { binA } }""",
            dict(zip(("a", "b"), rng.sample(k.bins, 2), strict=True)),
        ),
    ),
    "createOrganization": (
        3,
        lambda rng, k: (
            """mutation($bin: String!, $kato: String!) { createOrganization(bin: $bin,
              input: {name: "Soak", kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: $kato,
                      focusAreas: ["youth"]}) { bin } }""",
            {"kato": rng.choice(k.katos)},  # the BIN is added by the client
        ),
    ),
}


@dataclass(slots=True)
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0

    def add(self, name: str, seconds: float, status: int, codes: list[str]) -> None:
        with self.lock:
            self.latencies[name].append(seconds)
            self.statuses[status] += 1
            for code in codes or ["ok"]:
                self.outcomes[code] += 1


def _codes(response: httpx2.Response) -> list[str]:
    try:
        body = response.json()
    except ValueError:
        return [f"HTTP {response.status_code}"]
    bodies = body if isinstance(body, list) else [body]
    if response.status_code >= 400 and not any(isinstance(b, dict) for b in bodies):
        return [f"HTTP {response.status_code}"]
    return [
        (e.get("extensions") or {}).get("code", "?")
        for b in bodies
        if isinstance(b, dict)
        for e in b.get("errors") or []
    ]


def client(
    url: str,
    token: str,
    keys: Keys,
    tally: Tally,
    stop: threading.Event,
    budget: threading.Semaphore,
    bins: Iterator[str],
    seed: int,
    write_share: float,
) -> None:
    rng = random.Random(seed)
    reads = list(READS.items())
    writes = list(WRITES.items())
    with httpx2.Client(base_url=url, timeout=30.0) as http:
        while not stop.is_set() and budget.acquire(blocking=False):
            pool = writes if rng.random() < write_share else reads
            name, (_, make) = rng.choices(pool, weights=[w for _, (w, _) in pool])[0]
            query, variables = make(rng, keys)
            if name == "createOrganization":
                with tally.lock:
                    variables["bin"] = next(bins)
            headers = {"Authorization": f"Bearer {token}"} if pool is writes else {}
            began = time.perf_counter()
            try:
                response = http.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
                status, codes = response.status_code, _codes(response)
            except httpx2.HTTPError as exc:
                status, codes = 0, [type(exc).__name__]
            tally.add(name, time.perf_counter() - began, status, codes)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def memory_trend(samples: list[tuple[float, int]]) -> dict[str, Any]:
    """Growth of the server's resident set after warm-up: median of the last quarter of the run
    against the median of the quarter after warm-up, and a least-squares slope."""
    if len(samples) < 8:
        return {"verdict": "too few samples", "ok": True}
    start = samples[0][0]
    span = samples[-1][0] - start
    judged = [(t, r) for t, r in samples if t - start >= WARM_UP * span]
    quarter = max(2, len(judged) // 3)
    early = statistics.median(r for _, r in judged[:quarter])
    late = statistics.median(r for _, r in judged[-quarter:])
    times = [t - start for t, _ in judged]
    values = [r / 2**20 for _, r in judged]
    slope = statistics.linear_regression(times, values).slope * 60  # MiB per minute
    growth = (late - early) / early
    ok = growth <= GROWTH_LIMIT
    return {
        "early_median_mib": round(early / 2**20, 1),
        "late_median_mib": round(late / 2**20, 1),
        "growth": round(growth, 4),
        "slope_mib_per_minute": round(slope, 2),
        "limit": GROWTH_LIMIT,
        "verdict": "flat" if ok else "growing",
        "ok": ok,
    }


def soak(args: argparse.Namespace) -> dict[str, Any]:
    with ExitStack() as stack:
        target = stack.enter_context(neo4j_target(args))
        db = open_database(target.uri, target.user, target.password, target.database)
        stack.callback(db.close)
        if target.managed or args.replace or organization_count(db) == 0:
            began = time.monotonic()
            loaded = load_demo(db, orgs=args.orgs, replace=True)
            if not loaded.ok:
                raise SystemExit("\n".join(loaded.errors[:20]))
            print(f"demo region loaded ({args.orgs} orgs) in {time.monotonic() - began:.0f}s")
        keys = Keys.of(db)
        info, token = create_token(db, role=ApiRole.COORDINATOR, name="soak")
        stack.callback(revoke_token, db, info.id)
        if args.url:
            url, pid = args.url, args.server_pid
        else:
            url, pid = stack.enter_context(api_server(target))
        tally = Tally()
        stop = threading.Event()
        budget = threading.Semaphore(args.max_requests)
        bins = _new_bins()
        samples: list[tuple[float, int]] = []
        threads = [
            threading.Thread(
                target=client,
                args=(url, token, keys, tally, stop, budget, bins, i, args.write_share),
                daemon=True,
            )
            for i in range(args.clients)
        ]
        rss_start = rss_bytes(pid) if pid else None
        began = time.monotonic()
        for thread in threads:
            thread.start()
        deadline = began + args.minutes * 60
        while time.monotonic() < deadline and any(t.is_alive() for t in threads):
            if pid and (rss := rss_bytes(pid)) is not None:
                samples.append((time.monotonic(), rss))
            done = sum(len(v) for v in tally.latencies.values())
            print(f"  {time.monotonic() - began:5.0f}s  {done:7d} requests", flush=True)
            stop.wait(SAMPLE_EVERY)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - began
        rss_end = rss_bytes(pid) if pid else None
    every = [s for values in tally.latencies.values() for s in values]
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500 or status == 0)
    internal = tally.outcomes.get("INTERNAL_SERVER_ERROR", 0)
    trend = memory_trend(samples)
    report = {
        "minutes": args.minutes,
        "clients": args.clients,
        "write_share": args.write_share,
        "demo_orgs": args.orgs,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "requests_per_second": round(len(every) / elapsed, 1),
        "max_requests": args.max_requests,
        "http_status": {str(k): v for k, v in sorted(tally.statuses.items())},
        "outcomes": dict(tally.outcomes.most_common()),
        "server_errors": server_errors,
        "latency_ms": {
            "p50": round(_percentile(every, 0.50) * 1000, 1),
            "p99": round(_percentile(every, 0.99) * 1000, 1),
            "max": round(max(every, default=0) * 1000, 1),
        },
        "by_operation": {
            name: {
                "requests": len(values),
                "p50_ms": round(_percentile(values, 0.50) * 1000, 1),
                "p99_ms": round(_percentile(values, 0.99) * 1000, 1),
            }
            for name, values in sorted(tally.latencies.items())
        },
        "server_rss_mib": {
            "start": round(rss_start / 2**20, 1) if rss_start else None,
            "end": round(rss_end / 2**20, 1) if rss_end else None,
            "samples": [round(r / 2**20, 1) for _, r in samples],
            "trend": trend,
        },
        "ok": server_errors == 0 and internal == 0 and trend["ok"],
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long (3)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="upper bound (200000)")
    parser.add_argument("--write-share", type=float, default=0.1, help="share of writes (0.1)")
    parser.add_argument("--orgs", type=int, default=300, help="demo region size (300)")
    parser.add_argument("--neo4j-port", type=int, default=17711, help="managed Neo4j port")
    parser.add_argument("--keep-neo4j", action="store_true", help="leave the managed Neo4j up")
    parser.add_argument("--replace", action="store_true", help="reload an external database")
    parser.add_argument("--url", help="use this running API instead of starting one")
    parser.add_argument("--server-pid", type=int, help="its pid, to sample its memory")
    args = parser.parse_args(argv)
    report = soak(args)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    memory = report["server_rss_mib"]
    print(
        f"\n{report['requests']} requests in {report['seconds']:.0f}s "
        f"({report['requests_per_second']}/s) from {args.clients} clients; "
        f"p50 {report['latency_ms']['p50']} ms, p99 {report['latency_ms']['p99']} ms\n"
        f"outcomes {report['outcomes']}; HTTP {report['http_status']}\n"
        f"server RSS {memory['start']} → {memory['end']} MiB, trend {memory['trend']['verdict']} "
        f"({memory['trend'].get('growth', 0):+.1%})\nwritten to {OUT.relative_to(ROOT)}"
    )
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
