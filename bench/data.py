"""The demo region as CSV files, written row by row in a child process.

The generator returns every table in memory (about 1.7 million rows at 100k organisations); doing
that in a child keeps the benchmark process — whose peak memory is measured during the import —
free of it.
"""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path

from graph.demo import demo_tables
from graph.importer.tables import TABLES

SCALES: dict[str, int] = {"demo": 300, "10k": 10_000, "100k": 100_000}
"""Synthetic organisations per scale (the three real ones come on top)."""
SEED = 2018


def _write(directory: str, orgs: int, seed: int) -> dict[str, int]:
    tables = demo_tables(orgs=orgs, seed=seed)
    counts: dict[str, int] = {}
    for table in TABLES:
        rows = tables.pop(table.name)
        with (Path(directory) / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=table.column_names)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
        counts[table.name] = len(rows)
        del rows
    return counts


def write_csv(directory: Path, *, orgs: int, seed: int = SEED) -> dict[str, int]:
    """Write ``<table>.csv`` for every import table into ``directory``; rows per table."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_write, (str(directory), orgs, seed))
