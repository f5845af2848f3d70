"""The two writers compared: the importer (validation included) and a plain ``UNWIND ... CREATE``.

Both read the same CSV files from disk, row by row, into a database that has only the schema
(:func:`graph.schema.apply_schema`). The plain writer is the simplest hand-written loader: cells
turned into typed properties with no checks, nodes first, then relationships matched by key,
10,000 rows per auto-committed batch. The importer validates every row first, then ``MERGE``\\s
in one transaction and reports what it created or changed (:mod:`graph.importer`).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, LiteralString

from bench.instance import Connection
from graph.i18n import t
from graph.importer import import_directory
from graph.importer.progress import Meter, estimate_rows, meter
from graph.importer.reader import discover
from graph.importer.validate import validate
from graph.names import search_text
from graph.vocab import OrgKind

RAW_BATCH = 10_000
QUIET = "SERIKTES_BENCH_QUIET"
"""Set (``seriktes bench --quiet``): the importer shows no progress. The writers run in child
processes, which inherit the environment, not the command line."""


def _meter() -> Meter:
    """The importer's progress on stderr (plain lines every few seconds in a log)."""
    return meter(quiet=bool(os.environ.get(QUIET)))


_INTS = {
    "population",
    "founded_year",
    "staff",
    "volunteers",
    "budget_kzt",
    "beneficiaries_target",
    "beneficiaries_reached",
    "amount_kzt",
    "year",
    "since_year",
}
_DATES = {"start_date", "end_date", "since", "until"}
_LISTS = {"aliases", "focus_areas", "focus_area"}
_BOOLS = {"synthetic", "archived"}


def _value(column: str, cell: str) -> Any:
    if column in _INTS:
        return int(cell)
    if column in _DATES:
        return dt.date.fromisoformat(cell)
    if column in _LISTS:
        return [part for part in cell.split(";") if part]
    if column in _BOOLS:
        return cell == "true"
    return cell


def _props(row: dict[str, str], *columns: str) -> dict[str, Any]:
    return {c: _value(c, row[c]) for c in columns if row.get(c)}


def _named(row: dict[str, str], props: dict[str, Any]) -> dict[str, Any]:
    names = [row["name"], row.get("name_kk"), *props.get("aliases", [])]
    return props | {"search_text": search_text(names)}


# -- the plain writer ----------------------------------------------------------------------------

_NODES: dict[str, tuple[LiteralString, Callable[[dict[str, str]], dict[str, Any]]]] = {
    "territories": (
        "UNWIND $rows AS row CREATE (t:Territory) SET t = row",
        lambda r: _named(
            r, _props(r, "kato", "name", "type", "settlement", "population", "name_kk", "aliases")
        ),
    ),
    "akimats": (
        "UNWIND $rows AS row CREATE (a:Akimat) SET a = row",
        lambda r: _props(r, "code", "name", "level", "name_kk"),
    ),
    "organizations": (
        "UNWIND $rows AS row CREATE (o:Organization) SET o = row.props SET o:$(row.label)",
        lambda r: {
            "label": OrgKind(r["kind"]).label,
            "props": _named(
                r,
                _props(
                    r,
                    "bin",
                    "name",
                    "kind",
                    "legal_form",
                    "founded_year",
                    "staff",
                    "volunteers",
                    "name_kk",
                    "aliases",
                    "synthetic",
                    "archived",
                ),
            ),
        },
    ),
    "projects": (
        "UNWIND $rows AS row CREATE (p:Project) SET p = row",
        lambda r: _props(
            r,
            "code",
            "title",
            "start_date",
            "end_date",
            "budget_kzt",
            "beneficiaries_target",
            "beneficiaries_reached",
            "status",
        ),
    ),
    "people": (
        "UNWIND $rows AS row MERGE (p:Person {id: row.id}) ON CREATE SET p.display_name = row.name",
        lambda r: {"id": r["person_id"], "name": r["display_name"]},
    ),
}


def _funder(key: str) -> str:
    if key == "citizens":
        return "donor"
    return "organization" if key.isdigit() else "akimat"


_FUNDS: dict[str, LiteralString] = {
    "akimat": "MATCH (f:Akimat {code: row.funder})",
    "organization": "MATCH (f:Organization {bin: row.funder})",
    "donor": "MATCH (f:Donor {code: row.funder})",
}
_RELATIONSHIPS: dict[str, tuple[LiteralString, Callable[[dict[str, str]], dict[str, Any]]]] = {
    "territories": (
        "UNWIND $rows AS row WITH row WHERE row.parent IS NOT NULL "
        "MATCH (t:Territory {kato: row.kato}) MATCH (p:Territory {kato: row.parent}) "
        "CREATE (t)-[:PART_OF]->(p)",
        lambda r: {"kato": r["kato"], "parent": r["parent_kato"] or None},
    ),
    "akimats": (
        "UNWIND $rows AS row MATCH (a:Akimat {code: row.code}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (a)-[:GOVERNS]->(t)",
        lambda r: {"code": r["code"], "kato": r["kato"]},
    ),
    "organizations": (
        "UNWIND $rows AS row MATCH (o:Organization {bin: row.bin}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (o)-[:LOCATED_IN]->(t) "
        "WITH o, row UNWIND row.focus AS code MATCH (f:FocusArea {code: code}) "
        "CREATE (o)-[:WORKS_ON]->(f)",
        lambda r: {
            "bin": r["bin"],
            "kato": r["kato"],
            "focus": _value("focus_areas", r["focus_areas"]),
        },
    ),
    "projects": (
        "UNWIND $rows AS row MATCH (p:Project {code: row.code}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (p)-[:SERVES]->(t) "
        "WITH p, row UNWIND row.focus AS code MATCH (f:FocusArea {code: code}) "
        "CREATE (p)-[:ADDRESSES]->(f)",
        lambda r: {
            "code": r["code"],
            "kato": r["kato"],
            "focus": _value("focus_area", r["focus_area"]),
        },
    ),
    "participations": (
        "UNWIND $rows AS row MATCH (o:Organization {bin: row.bin}) "
        "MATCH (p:Project {code: row.code}) CREATE (o)-[:PARTICIPATES_IN {role: row.role}]->(p)",
        lambda r: {"bin": r["org_bin"], "code": r["project_code"], "role": r["role"]},
    ),
    "partnerships": (
        "UNWIND $rows AS row MATCH (a:Organization {bin: row.a}) "
        "MATCH (b:Organization {bin: row.b}) CREATE (a)-[r:PARTNERS_WITH]->(b) SET r = row.props",
        lambda r: {
            "a": r["org_bin_a"],
            "b": r["org_bin_b"],
            "props": _props(r, "since", "basis", "until"),
        },
    ),
    "supports": (
        "UNWIND $rows AS row MATCH (a:Akimat {code: row.code}) "
        "MATCH (o:Organization {bin: row.bin}) CREATE (a)-[r:SUPPORTS]->(o) SET r = row.props",
        lambda r: {
            "code": r["akimat_code"],
            "bin": r["org_bin"],
            "props": _props(r, "since_year", "form"),
        },
    ),
    "people": (
        "UNWIND $rows AS row MATCH (p:Person {id: row.id}) MATCH (o:Organization {bin: row.bin}) "
        "CREATE (p)-[r:$(row.type)]->(o) SET r.since = row.since",
        lambda r: {
            "id": r["person_id"],
            "bin": r["org_bin"],
            "type": "VOLUNTEERS_FOR" if r["relation"] == "volunteer" else "MEMBER_OF",
            "since": _value("since", r["since"]) if r["since"] else None,
        },
    ),
}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _batches(
    path: Path, convert: Callable[[dict[str, str]], dict[str, Any]]
) -> Iterator[list[Any]]:
    rows = (convert(r) for r in _rows(path))
    while batch := list(islice(rows, RAW_BATCH)):
        yield batch


def raw_write(conn: Connection, directory: str) -> dict[str, Any]:
    """Nodes then relationships, batched ``UNWIND $rows AS row CREATE``; no checks."""
    db = conn.open()
    folder = Path(directory)
    rows: dict[str, int] = {}
    batches = 0

    def run(query: LiteralString, batch: list[Any]) -> None:
        nonlocal batches
        db.driver.execute_query(query, rows=batch, database_=db.name)
        batches += 1

    try:
        for table, (query, convert) in _NODES.items():
            for batch in _batches(folder / f"{table}.csv", convert):
                run(query, batch)
                rows[table] = rows.get(table, 0) + len(batch)
        for table, (query, convert) in _RELATIONSHIPS.items():
            for batch in _batches(folder / f"{table}.csv", convert):
                run(query, batch)
                if table not in _NODES:
                    rows[table] = rows.get(table, 0) + len(batch)
        funds = _fundings(folder / "fundings.csv")
        for kind, batch in funds:
            query = _FUNDS[kind]
            run(_fund_query(query), batch)
            rows["fundings"] = rows.get("fundings", 0) + len(batch)
    finally:
        db.close()
    return {"rows": rows, "batches": batches}


def _fund_query(match: LiteralString) -> LiteralString:
    return (
        "UNWIND $rows AS row " + match + " MATCH (p:Project {code: row.code}) "
        "CREATE (f)-[r:FUNDS]->(p) SET r = row.props"
    )


def _fundings(path: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Fundings grouped by the funder's label, since a plain ``MATCH`` needs one."""
    pending: dict[str, list[dict[str, Any]]] = {"akimat": [], "organization": [], "donor": []}
    for r in _rows(path):
        kind = _funder(r["funder"])
        pending[kind].append(
            {
                "funder": r["funder"],
                "code": r["project_code"],
                "props": _props(r, "amount_kzt", "mechanism", "year"),
            }
        )
        if len(pending[kind]) == RAW_BATCH:
            yield kind, pending[kind]
            pending[kind] = []
    for kind, batch in pending.items():
        if batch:
            yield kind, batch


# -- the importer --------------------------------------------------------------------------------


def importer_write(conn: Connection, directory: str) -> dict[str, Any]:
    """:func:`graph.importer.import_directory`: every row validated, then one transaction."""
    db = conn.open()
    try:
        result = import_directory(db, Path(directory), meter=_meter())
    finally:
        db.close()
    return {
        "ok": result.ok,
        "errors": result.errors[:5],
        "rows": {name: r.rows for name, r in result.tables.items()},
        "created": {name: r.created for name, r in result.tables.items()},
        "updated": {name: r.updated for name, r in result.tables.items()},
    }


def validate_only(conn: Connection, directory: str) -> dict[str, Any]:
    """The importer's first pass alone (nothing is written), to show its share of the time."""
    db = conn.open()
    try:
        sources = discover(Path(directory))
        with _meter()(t("checking"), estimate_rows(sources)) as tick:
            report = validate(sources, db, tick)
    finally:
        db.close()
    return {"ok": report.ok, "errors": report.errors[:5], "rows": dict(report.rows)}
