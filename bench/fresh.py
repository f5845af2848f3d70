"""No request waits for analytics: latency of ``Organization.metrics`` right after a write, and
how long until the new graph version is served.

    python -m bench.fresh --scale 10k [--port 17761] [--writes 5] [--kept]

Builds the demo region at the scale in a fresh Neo4j (as ``python -m bench`` does; ``--kept``
reuses the instance a previous run left), runs the API in-process with its default settings
(analytics answered at once from the last computed version, :mod:`graph.analytics.refresh`),
waits for the first computation, then ``--writes`` times: records a partnership through
GraphQL, times ``Organization.metrics``, ``Territory.report`` and ``activeOrganizations`` at
once (they must answer with the previous ``graphVersion``), times metrics again 2 s later (the
recomputation then runs in the same process) and times how long until metrics of the new
version are served. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, LiteralString

from starlette.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from bench.data import SCALES, write_csv
from bench.instance import connection, fresh_instance, kept_instance
from graph.db import Database
from graph.importer import import_directory
from graph.schema import apply_schema, versions
from graph.settings import load_settings
from graph.tokens import ApiRole, create_token

METRICS = """query ($bin: String!) { organization(bin: $bin) {
  metrics { graphVersion computedAt centrality { degree pagerank } activity { score } }
} }"""
REPORT = """query ($kato: String!) { territory(kato: $kato) {
  report { graphVersion organizations meanActivity }
  activeOrganizations(first: 10) { graphVersion edges { node { score } } }
} }"""
PARTNERS = """mutation ($input: RecordPartnershipInput!) {
  recordPartnership(input: $input) { partnership { id } } }"""
_PAIRS: LiteralString = """
MATCH (a:Organization), (b:Organization)
WHERE a.bin < b.bin AND NOT coalesce(a.archived, false) AND NOT coalesce(b.archived, false)
  AND NOT EXISTS { (a)-[:PARTNERS_WITH]-(b) }
RETURN a.bin AS a, b.bin AS b LIMIT $n
"""
_DISTRICT: LiteralString = (
    "MATCH (t:Territory)-[:PART_OF]->(:Territory) RETURN t.kato AS kato LIMIT 1"
)


def _post(client: TestClient, query: str, variables: dict[str, Any], **headers: str) -> Any:
    started = time.perf_counter()
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"], elapsed


def _metrics(client: TestClient, bin: str) -> tuple[dict[str, Any], float]:
    data, ms = _post(client, METRICS, {"bin": bin})
    return data["organization"]["metrics"], ms


def _served(client: TestClient, bin: str, version: int | None, timeout: float) -> float:
    """Seconds until metrics of ``version`` (or newer) are served."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            found, _ = _metrics(client, bin)
        except RuntimeError:  # NOT yet computed after the start
            found = {"graphVersion": None}
        if found["graphVersion"] is not None and found["graphVersion"] >= (version or 0):
            return time.monotonic() - started
        time.sleep(0.25)
    raise TimeoutError(f"graph version {version} not served within {timeout} s")


@contextmanager
def _instance(home: Path, scale: str, port: int | None, kept: bool) -> Iterator[Database]:
    if kept:
        with kept_instance(home, scale, port=port) as server:
            db = connection(server).open()
            try:
                yield db
            finally:
                db.close()
        return
    with tempfile.TemporaryDirectory() as folder, fresh_instance(home, scale, port=port) as server:
        data = Path(folder) / "data"
        data.mkdir()
        write_csv(data, orgs=SCALES[scale])
        db = connection(server).open()
        try:
            started = time.monotonic()
            apply_schema(db)  # the constraints the importer's MERGEs seek by
            result = import_directory(db, data)
            assert result.ok, result.summary()
            print(f"loaded {scale} in {time.monotonic() - started:.0f} s", flush=True)
            yield db
        finally:
            db.close()


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 1),
        "median": round(statistics.median(values), 1),
        "max": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), default="10k")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--home", type=Path, default=Path(".seriktes"))
    parser.add_argument("--writes", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--kept", action="store_true", help="reuse the instance of a past run")
    args = parser.parse_args()
    with _instance(args.home, args.scale, args.port, args.kept) as db:
        token = create_token(db, role=ApiRole.COORDINATOR, name="bench.fresh")[1]
        pairs = [(r["a"], r["b"]) for r in db.read(_PAIRS, n=args.writes)]
        kato = db.read(_DISTRICT)[0]["kato"]
        app = create_app(load_settings(), ApiSettings(), db=db)
        with TestClient(app) as client:
            bin = pairs[0][0]
            first = _served(client, bin, versions(db)[1], args.timeout)
            print(f"first computation served after {first:.1f} s", flush=True)
            rounds = []
            for a, b in pairs:
                before, _ = _metrics(client, a)
                pair = {"organization": a, "partner": b, "basis": "INFORMAL"}
                _, write_ms = _post(
                    client, PARTNERS, {"input": pair}, Authorization=f"Bearer {token}"
                )
                written = versions(db)[1]
                at_once, metrics_ms = _metrics(client, a)
                report, report_ms = _post(client, REPORT, {"kato": kato})
                time.sleep(2.0)  # past the quiet period: the recomputation is under way
                during, during_ms = _metrics(client, a)
                refreshed = _served(client, a, written, args.timeout) + 2.0
                rounds.append(
                    {
                        "write_ms": round(write_ms, 1),
                        "metrics_ms": round(metrics_ms, 1),
                        "report_and_active_ms": round(report_ms, 1),
                        "metrics_during_refresh_ms": round(during_ms, 1),
                        "during_refresh_new_version": during["graphVersion"] == written,
                        "previous_version_served": at_once["graphVersion"] == before["graphVersion"]
                        and at_once["graphVersion"] != written
                        and report["territory"]["report"]["graphVersion"] != written,
                        "new_version_after_s": round(refreshed, 1),
                    }
                )
                print(json.dumps(rounds[-1]), flush=True)
        print(
            json.dumps(
                {
                    "scale": args.scale,
                    "first_computation_s": round(first, 1),
                    "metrics_after_write_ms": _summary([r["metrics_ms"] for r in rounds]),
                    "report_and_active_after_write_ms": _summary(
                        [r["report_and_active_ms"] for r in rounds]
                    ),
                    "metrics_during_refresh_ms": _summary(
                        [r["metrics_during_refresh_ms"] for r in rounds]
                    ),
                    "new_version_after_s": _summary([r["new_version_after_s"] for r in rounds]),
                    "all_previous_version": all(r["previous_version_served"] for r in rounds),
                    "rounds": rounds,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
