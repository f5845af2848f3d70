"""The whole benchmark at one scale: import, GraphQL against raw Cypher, analytics."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.analytics import run_analytics
from bench.api_latency import make_fixture, run_api
from bench.api_server import WORKERS, serving
from bench.data import SCALES, write_csv
from bench.importing import RAW_BATCH, importer_write, raw_write, validate_only
from bench.instance import Connection, connection, fresh_instance, heap_for
from bench.machine import describe
from bench.memory import in_child
from bench.peer_bench import install, node_missing, peer_serving, run_peer
from bench.progress import TransactionWatch
from bench.report import render_scale, write_results
from graph.schema import apply_schema, clear_data

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

_COUNTS = {"demo": {1: 15, 8: 32}, "10k": {1: 30, 8: 80}, "100k": {1: 30, 8: 80}}
"""Calls per measurement with 1 and 8 client threads (bounded by the time budget too)."""
_BUDGET = {"demo": 5.0, "10k": 20.0, "100k": 20.0}
"""Seconds per measurement after which a thread starts no new call."""


def _schema(conn: Connection) -> None:
    db = conn.open()
    try:
        apply_schema(db)
    finally:
        db.close()


def _import(
    conn: Connection, csv_dir: Path, rows: int, timeout: float, log: Callable[[str], None]
) -> dict[str, Any]:
    """:func:`graph.importer.import_directory`, watched; stopped after ``timeout``."""
    with TransactionWatch(conn) as watch:
        try:
            importer = in_child(importer_write, conn, str(csv_dir), timeout=timeout)
        except multiprocessing.TimeoutError:
            log(f"  importer: not finished after {timeout:.0f} s; reached {watch.tables()}")
            return {"error": f"not finished within {timeout:.0f} s", "progress": watch.tables()}
    if not importer.value["ok"]:
        raise RuntimeError(f"the import failed: {importer.value['errors']}")
    log(f"  importer: {importer.seconds:.1f} s, peak RSS +{importer.delta_mb:.0f} MB")
    return importer.figures() | {
        "rows_per_s": round(rows / importer.seconds),
        "progress": watch.tables(),
    }


def _timed(sections: dict[str, float], name: str, began: float) -> None:
    sections[name] = round(time.perf_counter() - began, 1)


class _Instances:
    """Hands out an empty database with the schema for each step of one scale.

    A new instance each time (stopping the previous one), except at demo scale, where a restart
    costs more than the imports and the running instance is cleared instead.
    """

    def __init__(self, stack: ExitStack, home: Path, scale: str, port: int | None) -> None:
        self._stack = stack.enter_context(ExitStack())
        self._home, self._scale, self._port = home, scale, port
        self._current: Connection | None = None
        self.neo4j_pid: int | None = None
        """The current instance's Neo4j process, for the CPU time it spends."""

    def empty(self) -> Connection:
        if self._scale == "demo" and self._current is not None:
            db = self._current.open()
            try:
                clear_data(db)
            finally:
                db.close()
            return self._current
        self._stack.close()
        server = self._stack.enter_context(fresh_instance(self._home, self._scale, port=self._port))
        self._current = connection(server)
        self.neo4j_pid = server.status().pid
        _schema(self._current)
        return self._current


def run(
    scale: str,
    *,
    runs: int = 3,
    home: Path = ROOT / ".seriktes",
    out: Path = OUT,
    port: int | None = None,
    raw_import: bool = True,
    api: bool = True,
    peer: bool = True,
    analytics: bool = True,
    analytics_timeout: float = 1800.0,
    importer_timeout: float = 3600.0,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the benchmark at ``scale`` (``demo``, ``10k`` or ``100k``); write and return results.

    Each scale gets its own managed Neo4j (``.seriktes/bench-<scale>``), emptied before each
    import and stopped at the end. The importer runs for at most ``importer_timeout`` seconds
    (then how far it got is reported and the scale stops); the API and analytics run on the graph
    it wrote; with ``peer``, the API is then compared with @neo4j/graphql on the same graph
    (``bench/peer_bench.py``; Node.js and npm needed). Writes ``bench/out/<scale>.json`` and
    ``.md``. Makes no assertions, except that Seriktes and the peer answer alike.
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}")
    missing = node_missing() if api and peer else None
    if missing:
        raise RuntimeError(
            f"the comparison with @neo4j/graphql needs Node.js 20+ and npm ({missing}); "
            "install them, or pass --no-peer to skip it"
        )
    if api and peer:
        install(log)  # before the import: a failing npm ci should not cost an import
    began = time.perf_counter()
    sections: dict[str, float] = {}
    result: dict[str, Any] = {
        "scale": scale,
        "orgs": SCALES[scale],
        "runs": runs,
        "neo4j_heap": heap_for(scale),
        "neo4j_pagecache": "1g",
        "sections_s": sections,
    }
    with tempfile.TemporaryDirectory(prefix="seriktes-bench-") as tmp, ExitStack() as stack:
        instances = _Instances(stack, home, scale, port)
        csv_dir = Path(tmp)
        log(f"[{scale}] writing the demo tables as CSV ...")
        t = time.perf_counter()
        counts = write_csv(csv_dir, orgs=SCALES[scale])
        _timed(sections, "generate_csv", t)
        rows = sum(counts.values())
        size = sum(p.stat().st_size for p in csv_dir.iterdir())
        result["data"] = {
            "rows": counts,
            "total_rows": rows,
            "csv_mb": round(size / 2**20, 1),
            "generate_s": sections["generate_csv"],
        }
        log(f"  {rows} rows, {size / 2**20:.0f} MB of CSV")
        section: dict[str, Any] = {"rows": rows, "validation_only": None, "raw": None}
        result["import"] = section

        if raw_import:
            t = time.perf_counter()
            conn = instances.empty()
            log(f"[{scale}] validation alone, then the raw UNWIND writer ...")
            checked = in_child(validate_only, conn, str(csv_dir))
            section["validation_only"] = checked.figures() | {"ok": checked.value["ok"]}
            log(f"  validation: {checked.seconds:.1f} s")
            raw = in_child(raw_write, conn, str(csv_dir))
            section["raw"] = raw.figures() | {
                "rows_per_s": round(rows / raw.seconds),
                "batch": RAW_BATCH,
                "batches": raw.value["batches"],
            }
            log(f"  raw writer: {raw.seconds:.1f} s, peak RSS +{raw.delta_mb:.0f} MB")
            _timed(sections, "raw_import", t)

        t = time.perf_counter()
        conn = instances.empty()
        log(f"[{scale}] the importer (at most {importer_timeout:.0f} s) ...")
        section["importer"] = _import(conn, csv_dir, rows, importer_timeout, log)
        if section["raw"] and "seconds" in section["importer"]:
            section["ratio_importer_over_raw"] = round(
                section["importer"]["seconds"] / section["raw"]["seconds"], 2
            )
        _timed(sections, "importer", t)
        if "seconds" not in section["importer"]:  # no graph to measure; the report says so
            api = analytics = False

        db = conn.open()
        try:
            result["machine"] = describe(db)
            if api:
                t = time.perf_counter()
                log(f"[{scale}] GraphQL over HTTP against raw Cypher ...")
                fixture = make_fixture(db)
                with serving(conn, out / f"serve-{scale}.log") as served:
                    result["api"] = run_api(
                        db,
                        served.url,
                        fixture,
                        runs=runs,
                        count=_COUNTS[scale],
                        budget=_BUDGET[scale],
                        log=log,
                    )
                    _timed(sections, "api", t)
                    if peer:
                        t = time.perf_counter()
                        log(f"[{scale}] against @neo4j/graphql on the same database ...")
                        with peer_serving(conn, out / f"peer-{scale}.log") as other:
                            result["peer"] = run_peer(
                                served,
                                other,
                                instances.neo4j_pid,
                                fixture,
                                runs=runs,
                                count=_COUNTS[scale],
                                budget=_BUDGET[scale],
                                workers=WORKERS,
                                log=log,
                            )
                        _timed(sections, "peer", t)
        finally:
            db.close()
        if analytics:
            t = time.perf_counter()
            log(f"[{scale}] analytics (each in a fresh process) ...")
            result["analytics"] = run_analytics(
                conn, timeout=analytics_timeout, stages=True, log=log
            )
            _timed(sections, "analytics", t)
    result["total_s"] = round(time.perf_counter() - began, 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{scale}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    (out / f"{scale}.md").write_text(render_scale(result))
    log(f"[{scale}] done in {result['total_s']:.0f} s: {out / f'{scale}.json'}")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench --scale demo|10k|100k``; ``--results`` writes bench/RESULTS.md."""
    parser = argparse.ArgumentParser(prog="seriktes bench", description=run.__doc__)
    parser.add_argument(
        "--scale",
        choices=list(SCALES),
        action="append",
        help="demo (default), 10k or 100k; may be given more than once",
    )
    parser.add_argument("--runs", type=int, default=3, help="latency runs; medians are reported")
    parser.add_argument("--port", type=int, help="Bolt port of the bench Neo4j (first free)")
    parser.add_argument("--no-raw-import", action="store_true", help="skip the raw writer")
    parser.add_argument("--no-api", action="store_true", help="skip the GraphQL latencies")
    parser.add_argument(
        "--no-peer",
        action="store_true",
        help="skip the comparison with @neo4j/graphql (for a machine without Node.js and npm)",
    )
    parser.add_argument("--no-analytics", action="store_true", help="skip the analytics")
    parser.add_argument(
        "--analytics-timeout",
        type=float,
        default=1800.0,
        help="seconds allowed for each analytics step (1800)",
    )
    parser.add_argument(
        "--importer-timeout",
        type=float,
        default=3600.0,
        help="seconds the importer may run before it is stopped (3600)",
    )
    parser.add_argument(
        "--results",
        action="store_true",
        help="then write bench/RESULTS.md from every bench/out/<scale>.json",
    )
    args = parser.parse_args(argv)
    for scale in args.scale or (["demo"] if not args.results else []):
        run(
            scale,
            runs=args.runs,
            port=args.port,
            raw_import=not args.no_raw_import,
            api=not args.no_api,
            peer=not args.no_peer,
            analytics=not args.no_analytics,
            analytics_timeout=args.analytics_timeout,
            importer_timeout=args.importer_timeout,
        )
    if args.results:
        path = write_results(OUT, ROOT / "bench" / "RESULTS.md")
        print(f"wrote {path}")
    return 0
