"""``seriktes export``: the graph written back as exactly the files the importer reads.

CSV in UTF-8 with a byte-order mark (so Excel shows Cyrillic), comma-separated, one file per table,
rows in key order, extra properties as extra columns. Import of an export gives the same graph.
The row maps (:data:`ROWS`), :func:`header`, :func:`cell` and the writers (:func:`write_csv`,
:func:`write_xlsx`) are also those of the API's downloads (:mod:`graph.exports`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, LiteralString

from graph.collation import SORT_PROPERTY
from graph.db import Database
from graph.i18n import t
from graph.importer.progress import Meter, Tick, no_progress, silent
from graph.importer.tables import OLDER_SUPPORT_COLUMNS, TABLES, Table
from graph.sources import PROPERTIES, to_columns

ROWS: dict[str, LiteralString] = {
    "organizations": """o {.*, kato: COLLECT { MATCH (o)-[:LOCATED_IN]->(o_t:Territory)
                                             RETURN o_t.kato }[0],
                focus_areas: COLLECT { MATCH (o)-[:WORKS_ON]->(o_f) RETURN o_f.code
                                       ORDER BY o_f.code }}""",
    "projects": """p {.*, kato: COLLECT { MATCH (p)-[:SERVES]->(p_t:Territory) RETURN p_t.kato }[0],
                focus_area: COLLECT { MATCH (p)-[:ADDRESSES]->(p_f) RETURN p_f.code
                                      ORDER BY p_f.code }}""",
}
"""An organisation (bound as ``o``) and a project (``p``) as an import row: the table's columns
and its extra properties."""

# Each query binds ``row`` (a map whose keys are column names, extras included) and ``sort``.
_MATCH: dict[str, LiteralString] = {
    "territories": """
        MATCH (t:Territory) OPTIONAL MATCH (t)-[:PART_OF]->(p:Territory)
        WITH t {.*, parent_kato: p.kato} AS row, t.kato AS sort""",
    "akimats": """
        MATCH (a:Akimat)-[:GOVERNS]->(t:Territory)
        WITH a {.*, kato: t.kato} AS row, a.code AS sort""",
    "organizations": """
        MATCH (o:Organization) WHERE EXISTS { (o)-[:LOCATED_IN]->(:Territory) }
        WITH """
    + ROWS["organizations"]
    + """ AS row, o.bin AS sort""",
    "projects": """
        MATCH (p:Project) WHERE EXISTS { (p)-[:SERVES]->(:Territory) }
        WITH """
    + ROWS["projects"]
    + """ AS row, p.code AS sort""",
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
        WITH r {.*, akimat_code: a.code, org_bin: o.bin} AS row,
             [a.code, o.bin, r.kind, coalesce(toString(r.since), '')] AS sort""",
    "people": """
        MATCH (p:Person)-[r:VOLUNTEERS_FOR|MEMBER_OF]->(o:Organization)
        WHERE NOT (p:Volunteer AND r:VOLUNTEERS_FOR)
        WITH r {.*, person_id: p.id, display_name: p.display_name, org_bin: o.bin,
                relation: CASE type(r) WHEN 'VOLUNTEERS_FOR' THEN 'volunteer' ELSE 'member' END
               } AS row, [p.id, o.bin, type(r)] AS sort""",
    "indicators": """
        MATCH (p:Project)-[:HAS_INDICATOR]->(i:Indicator)
        WITH i {.*, project_code: p.code} AS row, i.key AS sort""",
    "offers": """
        MATCH (o:Offer) WHERE EXISTS { (o)-[:LOCATED_IN]->(:Territory) }
        WITH o, COLLECT { MATCH (x)-[:OFFERS]->(o) RETURN x }[0] AS g
        WITH o {.*, kato: COLLECT { MATCH (o)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0],
                giver_bin: CASE WHEN g:Organization OR g:Business THEN g.bin END,
                giver_code: CASE WHEN g:Akimat THEN g.code END,
                giver_name: CASE WHEN g:Business OR g:Citizen THEN g.name END,
                giver_contact: CASE WHEN g:Citizen THEN g.contact END,
                consent: CASE WHEN g:Citizen THEN g.consent END} AS row, o.code AS sort""",
    "needs": """
        MATCH (org:Organization)-[:HAS_NEED]->(n:Need)
        WHERE EXISTS { (n)-[:LOCATED_IN]->(:Territory) }
        WITH n {.*, org_bin: org.bin,
                kato: COLLECT { MATCH (n)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0],
                project_code: COLLECT { MATCH (n)-[:FOR_PROJECT]->(p:Project)
                                        RETURN p.code }[0]} AS row, n.code AS sort""",
    "handovers": """
        MATCH (o:Offer)-[g:GIVEN_TO]->(n:Need)
        WITH g {.*, offer_code: o.code, need_code: n.code} AS row,
             [o.code, n.code, toString(g.date)] AS sort""",
    "volunteers": """
        MATCH (p:Volunteer) WHERE EXISTS { (p)-[:LOCATED_IN]->(:Territory) }
        WITH p {.*, kato: COLLECT { MATCH (p)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0],
                org_bins: COLLECT { MATCH (p)-[:VOLUNTEERS_FOR]->(o:Organization) RETURN o.bin
                                    ORDER BY o.bin }} AS row, p.id AS sort""",
    "services": """
        MATCH (pr:Organization)-[:PROVIDED]->(s:Service)<-[:RECEIVED]-(rc:Organization)
        WITH s {.*, provider_bin: pr.bin, recipient_bin: rc.bin} AS row, s.code AS sort""",
}
_KEYS: LiteralString = " UNWIND keys(row) AS k RETURN collect(DISTINCT k) AS keys"
_READ_ONLY = {"supports": OLDER_SUPPORT_COLUMNS}
"""Columns older files have, which import still reads but nothing stores any more."""
INTERNAL = {
    "territories": {"search_text"},
    "organizations": {"search_text", *SORT_PROPERTY.values()},
    "projects": {"search_text", *SORT_PROPERTY.values()},
    "indicators": {"key"},
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


def header(table: Table, keys: Iterable[str], *, extras: bool = True) -> list[str]:
    """The table's columns, then (with ``extras``) the other properties rows hold, sorted."""
    more = sorted(
        set(keys) - set(table.column_names) - INTERNAL.get(table.name, set()) - set(PROPERTIES)
    )
    columns = [c for c in table.column_names if c not in _READ_ONLY.get(table.name, ())]
    return [*columns, *(more if extras else [])]


def write_csv(
    handle: IO[str],
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    labels: Sequence[str] | None = None,
    delimiter: str = ",",
) -> int:
    """Write ``rows`` (maps by column) under a header of ``labels`` (default: the column names);
    returns the number of rows."""
    writer = csv.writer(handle, delimiter=delimiter)
    writer.writerow(labels or columns)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
        count += 1
    return count


def write_xlsx(
    target: IO[bytes] | Path,
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    labels: Sequence[str] | None = None,
) -> int:
    """The same as :func:`write_csv`, as one sheet of an XLSX workbook (openpyxl's write-only
    mode: rows go to disk as they come, whatever their number). Cells hold the CSV's text, so
    codes such as BINs keep their leading zeros."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(labels or columns))
    count = 0
    for row in rows:
        sheet.append([cell(row.get(name)) for name in columns])
        count += 1
    workbook.save(target)
    return count


def export_table(db: Database, table: Table, path: Path, progress: Tick = no_progress) -> int:
    """Write one table to ``path``; returns the number of rows."""
    match = _MATCH[table.name]
    columns = header(table, db.read(match + _KEYS)[0]["keys"])
    with (
        path.open("w", encoding="utf-8-sig", newline="") as handle,
        db.session(default_access_mode="READ") as session,
    ):
        records = session.run(match + " RETURN row ORDER BY sort")
        return write_csv(handle, columns, _ticking(records, progress))


def _ticking(records: Iterable[Any], progress: Tick) -> Iterator[dict[str, Any]]:
    """Each record as its row of columns, ``progress`` told every thousand."""
    count = 0
    for r in records:
        count += 1
        if count % 1000 == 0:
            progress(1000)
        yield to_columns(dict(r["row"]))
    progress(count % 1000)


_ESTIMATE: LiteralString = """
RETURN COUNT { (:Territory) } + COUNT { (:Akimat) } + COUNT { (:Organization) }
     + COUNT { (:Project) } + COUNT { ()-[:PARTICIPATES_IN]->() } + COUNT { ()-[:FUNDS]->() }
     + COUNT { ()-[:PARTNERS_WITH]->() } + COUNT { ()-[:SUPPORTS]->() }
     + COUNT { ()-[:MEMBER_OF]->() } + COUNT { ()-[:VOLUNTEERS_FOR]->() }
     + COUNT { (:Indicator) } + COUNT { (:Offer) } + COUNT { (:Need) }
     + COUNT { ()-[:GIVEN_TO]->() } + COUNT { (:Service) } AS rows
"""
"""About the rows an export writes, from the store's counts (no scan): for the time left."""


def export_directory(db: Database, directory: Path, *, meter: Meter = silent) -> dict[str, int]:
    """Write every table as ``<table>.csv`` into ``directory`` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    total = int(db.read(_ESTIMATE)[0]["rows"]) if meter is not silent else None
    with meter(t("exporting"), total) as tick:
        return {
            table.name: export_table(db, table, directory / f"{table.name}.csv", tick)
            for table in TABLES
        }
