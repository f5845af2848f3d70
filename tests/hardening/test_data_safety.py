"""Data is never half-written and never locked in.

An import killed with SIGKILL half-way through writing leaves the graph exactly as it was (one
transaction), and running it again completes. Export, then import into an empty database, gives
the demo region back unchanged.
"""

from __future__ import annotations

import csv
import filecmp
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.db import Database
from graph.demo import demo_tables
from graph.demo_load import load_demo
from graph.importer import import_directory
from graph.importer.export import export_directory
from graph.importer.tables import TABLES
from graph.schema import clear_data
from tests.graph.sample import SAMPLE, snapshot
from tests.hardening.conftest import load_sample

SERIKTES = Path(sys.executable).parent / "seriktes"
DEMO_ORGS = 400
"""Big enough that writing takes seconds (so the kill lands mid-write), small enough for CI."""
WRITING = ("PARTICIPATES_IN", "FUNDS", "PARTNERS_WITH", "SUPPORTS", "Person")
"""Statements that run after organisations and projects were written in the transaction."""


def _write_demo(directory: Path, orgs: int) -> set[str]:
    """The demo region as the CSV files a coordinator would have; its BINs."""
    directory.mkdir(parents=True)
    tables = demo_tables(orgs=orgs)
    for table in TABLES:
        rows = tables[table.name]
        header = list(rows[0]) if rows else list(table.column_names)
        with (directory / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([row[name] for name in header] for row in rows)
    return {row["bin"] for row in tables["organizations"]}


def _import_transactions(db: Database) -> dict[str, str]:
    """Open transactions running an import's write statements: id → current query."""
    rows = db.read(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
        "RETURN transactionId AS id, coalesce(currentQuery, '') AS query"
    )
    return {r["id"]: r["query"] for r in rows if "UNWIND $rows" in r["query"]}


def _wait(what: str, condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.slow
def test_an_import_killed_half_way_writes_nothing(
    db: Database, tmp_path: Path, neo4j_env: dict[str, str]
) -> None:
    load_sample(db, tmp_path / "sample")
    before = snapshot(db)
    demo_bins = _write_demo(tmp_path / "demo", DEMO_ORGS)
    command = [str(SERIKTES), "import", str(tmp_path / "demo")]
    process = subprocess.Popen(
        command, env=neo4j_env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    killed: list[str] = []
    try:

        def writing() -> bool:
            assert process.poll() is None, "the import ended before it could be killed"
            found = _import_transactions(db)
            killed[:] = [tx for tx, query in found.items() if any(w in query for w in WRITING)]
            return bool(killed)

        _wait("the import to be half-way through writing", writing, timeout=300)
        statement = " ".join(_import_transactions(db).get(killed[0], "").split())[:60]
        process.send_signal(signal.SIGKILL)
        print(f"\nimport killed while running: {statement}")
    finally:
        process.kill()
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    # the server notices the dropped connection and rolls the transaction back
    _wait(
        "the killed transaction to end", lambda: not set(killed) & set(_import_transactions(db)), 60
    )
    assert snapshot(db) == before

    done = subprocess.run(
        command, env=neo4j_env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "organizations" in done.stdout
    bins = db.read("MATCH (o:Organization) RETURN collect(o.bin) AS bins")[0]["bins"]
    sample_bins = {row[0] for row in SAMPLE["organizations"][1:]}
    assert set(bins) == demo_bins | sample_bins


def test_export_then_import_gives_the_demo_region_back(db: Database, tmp_path: Path) -> None:
    loaded = load_demo(db)
    assert loaded.ok, loaded.errors[:5]
    before = snapshot(db)
    assert len(before[0]) > 1000 and len(before[1]) > 3000  # the demo region, not a toy
    export_directory(db, tmp_path / "export")
    clear_data(db)
    assert snapshot(db) != before
    result = import_directory(db, tmp_path / "export")
    assert result.ok, result.errors[:5]
    assert snapshot(db) == before
    export_directory(db, tmp_path / "again")
    for path in (tmp_path / "export").iterdir():
        assert filecmp.cmp(path, tmp_path / "again" / path.name, shallow=False), path.name
