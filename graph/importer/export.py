"""``seriktes export``: the graph written back as exactly the files the importer reads.

CSV in UTF-8 with a byte-order mark (so Excel shows Cyrillic), comma-separated, one file per table,
rows in key order, extra properties as extra columns. Import of an export gives the same graph.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any, LiteralString

from graph.collation import SORT_PROPERTY
from graph.db import Database
from graph.importer.tables import TABLES, Table

# Each query binds ``row`` (a map whose keys are column names, extras included) and ``sort``.
_MATCH: dict[str, LiteralString] = {
    "territories": """
        MATCH (t:Territory) OPTIONAL MATCH (t)-[:PART_OF]->(p:Territory)
        WITH t {.*, parent_kato: p.kato} AS row, t.kato AS sort""",
    "akimats": """
        MATCH (a:Akimat)-[:GOVERNS]->(t:Territory)
        WITH a {.*, kato: t.kato} AS row, a.code AS sort""",
    "organizations": """
        MATCH (o:Organization)-[:LOCATED_IN]->(t:Territory)
        WITH o {.*, kato: t.kato,
                focus_areas: COLLECT { MATCH (o)-[:WORKS_ON]->(f) RETURN f.code ORDER BY f.code }
               } AS row, o.bin AS sort""",
    "projects": """
        MATCH (p:Project)-[:SERVES]->(t:Territory)
        WITH p {.*, kato: t.kato,
                focus_area: COLLECT { MATCH (p)-[:ADDRESSES]->(f) RETURN f.code ORDER BY f.code }
               } AS row, p.code AS sort""",
    "participations": """
        MATCH (o:Organization)-[r:PARTICIPATES_IN]->(p:Project)
        WITH r {.*, project_code: p.code, org_bin: o.bin} AS row,
             [p.code, o.bin, r.role] AS sort""",
    "fundings": """
        MATCH (f)-[r:FUNDS]->(p:Project)
        WITH r {.*, funder: coalesce(f.bin, f.code), project_code: p.code} AS row,
             [p.code, coalesce(f.bin, f.code), r.mechanism, r.year] AS sort""",
    "partnerships": """
        MATCH (a:Organization)-[r:PARTNERS_WITH]->(b:Organization)
        WITH r {.*, org_bin_a: a.bin, org_bin_b: b.bin} AS row, [a.bin, b.bin] AS sort""",
    "supports": """
        MATCH (a:Akimat)-[r:SUPPORTS]->(o:Organization)
        WITH r {.*, akimat_code: a.code, org_bin: o.bin} AS row, [a.code, o.bin] AS sort""",
    "people": """
        MATCH (p:Person)-[r:VOLUNTEERS_FOR|MEMBER_OF]->(o:Organization)
        WITH r {.*, person_id: p.id, display_name: p.display_name, org_bin: o.bin,
                relation: CASE type(r) WHEN 'VOLUNTEERS_FOR' THEN 'volunteer' ELSE 'member' END
               } AS row, [p.id, o.bin, type(r)] AS sort""",
}
_KEYS: LiteralString = " UNWIND keys(row) AS k RETURN collect(DISTINCT k) AS keys"
_INTERNAL = {
    "territories": {"search_text"},
    "organizations": {"search_text", *SORT_PROPERTY.values()},
    "projects": {"search_text", *SORT_PROPERTY.values()},
}
"""Derived from the names when they are written (graph/names.py, graph/collation.py)."""


def cell(value: Any) -> str:
    """The text a CSV cell holds for a property value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(cell(v) for v in value)
    if hasattr(value, "to_native"):  # neo4j.time.Date and friends
        value = value.to_native()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_table(db: Database, table: Table, path: Path) -> int:
    """Write one table to ``path``; returns the number of rows."""
    match = _MATCH[table.name]
    internal = _INTERNAL.get(table.name, set())
    keys: list[str] = db.read(match + _KEYS)[0]["keys"]
    extras = sorted(set(keys) - set(table.column_names) - internal)
    header = [*table.column_names, *extras]
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        with db.session(default_access_mode="READ") as session:
            for record in session.run(match + " RETURN row ORDER BY sort"):
                row = record["row"]
                writer.writerow([cell(row.get(name)) for name in header])
                count += 1
    return count


def export_directory(db: Database, directory: Path) -> dict[str, int]:
    """Write every table as ``<table>.csv`` into ``directory`` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    return {t.name: export_table(db, t, directory / f"{t.name}.csv") for t in TABLES}
