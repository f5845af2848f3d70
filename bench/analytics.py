"""Building the projections and every region measure, each in a fresh process (time, memory).

    python -m bench.analytics --scale 10k [--kept] [--port 17800] [--timeout 600] [--no-stages]

Builds the demo region at the scale in a fresh Neo4j (as ``python -m bench`` does; ``--kept``
reuses the instance a previous run left, so a 100k graph is imported once), then times each
projection and ``region_analysis`` in a fresh process and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bench.data import SCALES, write_csv
from bench.instance import Connection, connection, fresh_instance, kept_instance
from bench.memory import in_child
from graph.analytics import (
    centrality_table,
    communities,
    constraint,
    core_periphery,
    effective_size,
    funding_graph,
    gould_fernandez,
    org_project_graph,
    participation_coefficient,
    partnership_graph,
    region_analysis,
)
from graph.analytics.indicators import activity_scores, result_orientation, state_dependency
from graph.analytics.regional import territory_table
from graph.analytics.reports import (
    BETWEENNESS_SAMPLE,
    CORE_RESTARTS,
    CORE_RESTARTS_AT_SCALE,
    CORE_RESTARTS_LIMIT,
    EXACT_BETWEENNESS_LIMIT,
)
from graph.importer import import_directory
from graph.schema import apply_schema

PROJECTIONS: dict[str, Callable[..., nx.Graph]] = {
    "partnership_graph": partnership_graph,
    "org_project_graph": org_project_graph,
    "funding_graph": funding_graph,
}


def _projection(conn: Connection, name: str) -> dict[str, float]:
    db = conn.open()
    began = time.process_time()
    try:
        G = PROJECTIONS[name](db)
    finally:
        db.close()
    # the client's own CPU: on a shared machine wall time also counts everyone else's work
    cpu = round(time.process_time() - began, 2)
    return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "cpu_s": cpu}


def _analysis(conn: Connection) -> dict[str, float]:
    db = conn.open()
    began = time.process_time()
    try:
        analysis = region_analysis(db)
    finally:
        db.close()
    cpu = round(time.process_time() - began, 2)
    return {
        "organizations": len(analysis.organizations),
        "communities": len(analysis.communities),
        "cpu_s": cpu,
    }


STAGES_PARTIAL = Path(__file__).resolve().parent / "out" / "region-analysis-stages.partial.json"
"""Written after every stage, so a run stopped by its time limit still shows how far it got."""


def _stages(conn: Connection) -> dict[str, float]:
    """Seconds per step of ``region_analysis``, calling the same public functions in turn."""
    db = conn.open()
    seconds: dict[str, float] = {}
    STAGES_PARTIAL.parent.mkdir(parents=True, exist_ok=True)

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        began = time.perf_counter()
        STAGES_PARTIAL.write_text(json.dumps(seconds | {name: None}))
        value = fn()
        seconds[name] = round(time.perf_counter() - began, 2)
        STAGES_PARTIAL.write_text(json.dumps(seconds))
        return value

    try:
        G = timed("partnership_graph", lambda: nx.freeze(partnership_graph(db)))
        partition = timed("communities", lambda: communities(G))
        timed("participation_coefficient", lambda: participation_coefficient(G, partition))
        n = G.number_of_nodes()
        restarts = CORE_RESTARTS if n <= CORE_RESTARTS_LIMIT else CORE_RESTARTS_AT_SCALE
        timed("core_periphery", lambda: core_periphery(G, restarts=restarts))
        timed("gould_fernandez", lambda: [gould_fernandez(G, a) for a in ("kind", "settlement")])
        timed("constraint", lambda: constraint(G))
        timed("effective_size", lambda: effective_size(G))
        timed("state_dependency", lambda: state_dependency(db))
        timed("result_orientation", lambda: result_orientation(db))
        timed("activity_scores", lambda: activity_scores(db))
        timed("territory_table", lambda: territory_table(db))
        # last: at country scale betweenness outlasts any time limit, and the rest is measured
        sample = BETWEENNESS_SAMPLE if G.number_of_nodes() > EXACT_BETWEENNESS_LIMIT else None
        timed("centrality_table", lambda: centrality_table(G, k=sample, seed=0 if sample else None))
    finally:
        db.close()
    return seconds


def run_analytics(
    conn: Connection, *, timeout: float, stages: bool, log: Callable[[str], None] = print
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    jobs: list[tuple[str, Callable[..., Any], tuple[Any, ...]]] = [
        *((name, _projection, (conn, name)) for name in PROJECTIONS),
        ("region_analysis", _analysis, (conn,)),
    ]
    if stages:
        jobs.append(("region_analysis_stages", _stages, (conn,)))
    for name, fn, args in jobs:
        try:
            measured = in_child(fn, *args, timeout=timeout)
        except multiprocessing.TimeoutError:
            results[name] = {"error": f"did not finish within {timeout:.0f} s"}
            if fn is _stages and STAGES_PARTIAL.exists():  # null: the stage still running
                results[name]["partial"] = json.loads(STAGES_PARTIAL.read_text())
            log(f"  {name}: did not finish within {timeout:.0f} s")
            continue
        results[name] = measured.figures() | {"result": measured.value}
        log(f"  {name}: {measured.seconds:.1f} s, +{measured.delta_mb:.0f} MB")
    return results


def _load(conn: Connection, scale: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        write_csv(data, orgs=SCALES[scale])
        db = conn.open()
        try:
            started = time.monotonic()
            apply_schema(db)  # the constraints the importer's MERGEs seek by
            result = import_directory(db, data)
            assert result.ok, result.summary()
            print(f"loaded {scale} in {time.monotonic() - started:.0f} s", flush=True)
        finally:
            db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), default="10k")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--home", type=Path, default=Path(".seriktes"))
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--kept", action="store_true", help="reuse the instance of a past run")
    parser.add_argument("--load-only", action="store_true", help="import, measure nothing")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage run")
    args = parser.parse_args()
    opened = kept_instance if args.kept else fresh_instance
    with opened(args.home, args.scale, port=args.port) as server:
        conn = connection(server)
        if not args.kept:
            _load(conn, args.scale)
        if args.load_only:
            return
        results = run_analytics(conn, timeout=args.timeout, stages=not args.no_stages)
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
