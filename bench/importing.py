"""The two writers compared: the importer (validation included) and a plain ``UNWIND ... CREATE``.

Both read the same CSV files from disk, row by row, into a database that has only the schema
(:func:`graph.schema.apply_schema`). The plain writer is the simplest hand-written loader: cells
turned into typed properties with no checks, nodes first, then relationships matched by key,
10,000 rows per auto-committed batch. It writes every table the importer writes, with the same
nodes, relationships and properties (the derived ones too: search text, collation keys, an
offer's or need's status from its handovers), so the two do the same work; only checks and
change detection differ. The importer validates every row first, then ``MERGE``\\s
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
from graph.collation import sort_keys
from graph.i18n import t
from graph.importer import import_directory
from graph.importer.progress import Meter, estimate_rows, meter
from graph.importer.reader import discover
from graph.importer.tables import CITIZENS, support_values
from graph.importer.validate import validate
from graph.importer.writer import project_status
from graph.names import search_text
from graph.results import indicator_key
from graph.rules import need_status, offer_status
from graph.vocab import GiverKind, OrgKind

RAW_BATCH = 10_000
QUIET = "SERIKTES_BENCH_QUIET"
"""Set (``seriktes bench --quiet``): the importer shows no progress. The writers run in child
processes, which inherit the environment, not the command line."""


def _meter() -> Meter:
    """The importer's progress on stderr (plain lines every few seconds in a log)."""
    return meter(quiet=bool(os.environ.get(QUIET)))


def _list(cell: str) -> list[str]:
    return [part for part in cell.split(";") if part]


def _sorted_set(cell: str) -> list[str]:
    return sorted(set(_list(cell)))


def _number(cell: str) -> int | float:
    value = float(cell)
    return int(value) if value.is_integer() else value


_TYPED: dict[str, Callable[[str], Any]] = {
    **dict.fromkeys(
        ("population", "founded_year", "staff", "volunteers", "budget_kzt", "amount_kzt",
         "beneficiaries_target", "beneficiaries_reached", "year", "since_year", "disbursed_kzt",
         "quantity", "value_kzt", "hours_per_month", "participants"),
        int,
    ),
    **dict.fromkeys(
        ("start_date", "end_date", "since", "until", "committed_on", "disbursed_on",
         "period_start", "period_end", "available_from", "available_until", "opened_on",
         "needed_by", "date"),
        dt.date.fromisoformat,
    ),
    **dict.fromkeys(("baseline", "target", "actual", "hours"), _number),
    "aliases": _list,
    **dict.fromkeys(("source_url", "source_title"), lambda c: [p.strip() for p in c.split("|")]),
    **dict.fromkeys(("focus_areas", "focus_area", "skills", "org_bins"), _sorted_set),
    **dict.fromkeys(("synthetic", "archived", "consent"), lambda c: c == "true"),
    **dict.fromkeys(("giver_erased_at", "erased_at"), dt.datetime.fromisoformat),
    "source_date": lambda c: [dt.date.fromisoformat(d.strip()) if d.strip() else None
                              for d in c.split("|")],
}  # fmt: skip
"""How each typed column's text becomes its value: the plain conversion, with no checks."""


def _typed(row: dict[str, str]) -> dict[str, Any]:
    """The row's non-empty cells as typed values."""
    return {c: _TYPED.get(c, str)(cell) for c, cell in row.items() if cell}


def _pick(values: dict[str, Any], *columns: str) -> dict[str, Any]:
    return {c: values[c] for c in columns if c in values}


def _names(v: dict[str, Any], *, name: str = "name", keys: bool = True) -> dict[str, Any]:
    """What the importer derives from the names: ``search_text`` and the collation keys."""
    names = (v[name], v.get(f"{name}_ru"), v.get(f"{name}_kk"))
    derived = {"search_text": search_text([*names, *v.get("aliases", [])])}
    return derived | (sort_keys(*names) if keys else {})


def _sources(v: dict[str, Any]) -> dict[str, Any]:
    urls = v.get("source_url", [])
    if not urls:
        return {}
    titles = v.get("source_title") or [""] * len(urls)
    dates = v.get("source_date") or [None] * len(urls)
    return {
        "source_urls": urls,
        "source_titles": titles,
        "source_dates": [d.isoformat() if d else "" for d in dates],
    }


def _territory(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "kato", "name", "name_ru", "name_kk", "aliases", "type", "settlement",
                  "population")  # fmt: skip
    return {"props": props | _names(v, keys=False), "kato": v["kato"],
            "parent": v.get("parent_kato")}  # fmt: skip


def _akimat(v: dict[str, Any]) -> dict[str, Any]:
    return {"props": _pick(v, "code", "name", "name_ru", "name_kk", "level"), "kato": v["kato"]}


def _organization(v: dict[str, Any]) -> dict[str, Any]:
    props = {"archived": False, "synthetic": False} | _pick(
        v, "bin", "name", "name_ru", "name_kk", "aliases", "kind", "legal_form", "founded_year",
        "staff", "volunteers", "synthetic", "archived",
    )  # fmt: skip
    return {"props": props | _names(v), "label": OrgKind(v["kind"]).label, "bin": v["bin"],
            "kato": v["kato"], "focus": v.get("focus_areas", [])}  # fmt: skip


def _project(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "code", "title", "title_ru", "title_kk", "start_date", "end_date", "status",
                  "budget_kzt", "beneficiaries_target", "beneficiaries_reached")  # fmt: skip
    if "status" not in props:
        props["status"] = project_status(v["start_date"], v.get("end_date"), _TODAY).value
    return {"props": props | _names(v, name="title"), "code": v["code"], "kato": v["kato"],
            "focus": v["focus_area"]}  # fmt: skip


def _participation(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "bin": v["org_bin"],
        "code": v["project_code"],
        "props": {"role": v["role"]} | _sources(v),
    }


def _funding(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "mechanism", "year", "amount_kzt", "disbursed_kzt", "committed_on",
                  "disbursed_on")  # fmt: skip
    return {"funder": v["funder"], "code": v["project_code"], "props": props | _sources(v)}


def _partnership(v: dict[str, Any]) -> dict[str, Any]:
    a, b = sorted((v["org_bin_a"], v["org_bin_b"]))
    return {"a": a, "b": b, "props": _pick(v, "since", "basis", "until") | _sources(v)}


def _support(v: dict[str, Any]) -> dict[str, Any]:
    derived = {k: x for k, x in support_values(v).items() if x is not None}
    props = _pick(v, "until", "amount_kzt", "note") | derived | _sources(v)
    return {"code": v["akimat_code"], "bin": v["org_bin"], "props": props}


def _person(v: dict[str, Any]) -> dict[str, Any]:
    relation = "VOLUNTEERS_FOR" if v["relation"] == "volunteer" else "MEMBER_OF"
    return {"id": v["person_id"], "name": v["display_name"], "bin": v["org_bin"],
            "type": relation, "props": _pick(v, "since")}  # fmt: skip


def _indicator(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "code", "title", "unit", "baseline", "target", "actual", "period_start",
                  "period_end")  # fmt: skip
    key = indicator_key(v["project_code"], v["code"], v["period_start"], v["period_end"])
    return {"code": v["project_code"], "props": props | {"key": key}}


def _offer(v: dict[str, Any], given: dict[str, int]) -> dict[str, Any]:
    props = _pick(v, "code", "category", "skill", "title", "quantity", "unit", "value_kzt",
                  "available_from", "available_until", "giver_kind", "giver_erased_at")  # fmt: skip
    props["status"] = offer_status(v.get("status"), v["quantity"], given.get(v["code"], 0)).value
    person = _pick(v, "giver_name", "giver_contact")
    citizen = v["giver_kind"] == GiverKind.CITIZEN and bool(person)
    return {"props": props, "code": v["code"], "kato": v["kato"], "kind": v["giver_kind"],
            "bin": v.get("giver_bin"), "akimat": v.get("giver_code"),
            "name": v.get("giver_name"), "citizen": {
                "name": person.get("giver_name"), "contact": person.get("giver_contact"),
                "key": v["code"], "consent": True} if citizen else None}  # fmt: skip


def _need(v: dict[str, Any], given: dict[str, int]) -> dict[str, Any]:
    props = _pick(v, "code", "category", "skill", "title", "quantity", "unit", "urgency",
                  "opened_on", "needed_by")  # fmt: skip
    props["status"] = need_status(v.get("status"), v["quantity"], given.get(v["code"], 0)).value
    return {"props": props, "code": v["code"], "bin": v["org_bin"], "kato": v["kato"],
            "project": v.get("project_code")}  # fmt: skip


def _handover(v: dict[str, Any]) -> dict[str, Any]:
    return {"offer": v["offer_code"], "need": v["need_code"], "quantity": v["quantity"],
            "value": v.get("value_kzt"), "props": _pick(v, "date", "quantity")}  # fmt: skip


def _volunteer(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "id", "display_name", "skills", "hours_per_month", "erased_at")
    return {"props": props | {"consent": True}, "id": v["id"], "kato": v["kato"],
            "bins": v.get("org_bins", [])}  # fmt: skip


def _service(v: dict[str, Any]) -> dict[str, Any]:
    props = _pick(v, "code", "kind", "topic", "date", "hours", "participants")
    return {"props": props, "code": v["code"], "provider": v["provider_bin"],
            "recipient": v["recipient_bin"]}  # fmt: skip


_TODAY = dt.date.today()

# -- the plain writer ----------------------------------------------------------------------------

_Convert = Callable[[dict[str, Any]], dict[str, Any]]
_NODES: dict[str, tuple[LiteralString, _Convert]] = {
    "territories": ("UNWIND $rows AS row CREATE (t:Territory) SET t = row.props", _territory),
    "akimats": ("UNWIND $rows AS row CREATE (a:Akimat) SET a = row.props", _akimat),
    "organizations": (
        "UNWIND $rows AS row CREATE (o:Organization) SET o = row.props SET o:$(row.label)",
        _organization,
    ),
    "projects": ("UNWIND $rows AS row CREATE (p:Project) SET p = row.props", _project),
    "people": (
        "UNWIND $rows AS row MERGE (p:Person {id: row.id}) SET p.display_name = row.name",
        _person,
    ),
    "volunteers": ("UNWIND $rows AS row CREATE (p:Person:Volunteer) SET p = row.props", _volunteer),
    "services": ("UNWIND $rows AS row CREATE (s:Service) SET s = row.props", _service),
}
"""Nodes first (``people`` names a person in several rows: the one ``MERGE``)."""

_FUNDS: dict[str, LiteralString] = {
    "akimat": "MATCH (f:Akimat {code: row.funder})",
    "organization": "MATCH (f:Organization {bin: row.funder})",
    "donor": "MATCH (f:Donor {code: row.funder})",
}
_RELATIONSHIPS: dict[str, tuple[LiteralString, _Convert]] = {
    "territories": (
        "UNWIND $rows AS row WITH row WHERE row.parent IS NOT NULL "
        "MATCH (t:Territory {kato: row.kato}) MATCH (p:Territory {kato: row.parent}) "
        "CREATE (t)-[:PART_OF]->(p)",
        _territory,
    ),
    "akimats": (
        "UNWIND $rows AS row MATCH (a:Akimat {code: row.props.code}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (a)-[:GOVERNS]->(t)",
        _akimat,
    ),
    "organizations": (
        "UNWIND $rows AS row MATCH (o:Organization {bin: row.bin}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (o)-[:LOCATED_IN]->(t) "
        "WITH o, row UNWIND row.focus AS code MATCH (f:FocusArea {code: code}) "
        "CREATE (o)-[:WORKS_ON]->(f)",
        _organization,
    ),
    "projects": (
        "UNWIND $rows AS row MATCH (p:Project {code: row.code}) "
        "MATCH (t:Territory {kato: row.kato}) CREATE (p)-[:SERVES]->(t) "
        "WITH p, row UNWIND row.focus AS code MATCH (f:FocusArea {code: code}) "
        "CREATE (p)-[:ADDRESSES]->(f)",
        _project,
    ),
    "participations": (
        "UNWIND $rows AS row MATCH (o:Organization {bin: row.bin}) "
        "MATCH (p:Project {code: row.code}) CREATE (o)-[r:PARTICIPATES_IN]->(p) SET r = row.props",
        _participation,
    ),
    "partnerships": (
        "UNWIND $rows AS row MATCH (a:Organization {bin: row.a}) "
        "MATCH (b:Organization {bin: row.b}) CREATE (a)-[r:PARTNERS_WITH]->(b) SET r = row.props",
        _partnership,
    ),
    "supports": (
        "UNWIND $rows AS row MATCH (a:Akimat {code: row.code}) "
        "MATCH (o:Organization {bin: row.bin}) CREATE (a)-[r:SUPPORTS]->(o) SET r = row.props",
        _support,
    ),
    "people": (
        "UNWIND $rows AS row MATCH (p:Person {id: row.id}) MATCH (o:Organization {bin: row.bin}) "
        "CREATE (p)-[r:$(row.type)]->(o) SET r = row.props",
        _person,
    ),
    "indicators": (
        "UNWIND $rows AS row MATCH (p:Project {code: row.code}) "
        "CREATE (p)-[:HAS_INDICATOR]->(i:Indicator) SET i = row.props",
        _indicator,
    ),
    "volunteers": (
        "UNWIND $rows AS row MATCH (p:Person {id: row.id}) MATCH (t:Territory {kato: row.kato}) "
        "CREATE (p)-[:LOCATED_IN]->(t) "
        "WITH p, row UNWIND row.bins AS bin MATCH (o:Organization {bin: bin}) "
        "CREATE (p)-[:VOLUNTEERS_FOR]->(o)",
        _volunteer,
    ),
    "services": (
        "UNWIND $rows AS row MATCH (s:Service {code: row.code}) "
        "MATCH (p:Organization {bin: row.provider}) MATCH (r:Organization {bin: row.recipient}) "
        "CREATE (p)-[:PROVIDED]->(s) CREATE (r)-[:RECEIVED]->(s)",
        _service,
    ),
}
"""Then each table's relationships, matched by key (``indicators``: node and link at once)."""

_OFFER_NODES: LiteralString = "UNWIND $rows AS row CREATE (o:Offer) SET o = row.props"
_OFFER_LINKS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Offer {code: row.code}) MATCH (t:Territory {kato: row.kato})
CREATE (o)-[:LOCATED_IN]->(t)
WITH o, row
CALL (o, row) {
  WITH * WHERE row.kind = 'organization'
  MATCH (g:Organization {bin: row.bin}) CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.kind = 'akimat' MATCH (g:Akimat {code: row.akimat}) CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.kind = 'business'
  MERGE (g:Business {bin: row.bin}) SET g.name = row.name CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.citizen IS NOT NULL
  CREATE (c:Citizen) SET c = row.citizen CREATE (c)-[:OFFERS]->(o)
}
"""
"""An offer's giver is one of four kinds: a subquery each (a business may give several)."""
_NEED_NODES: LiteralString = "UNWIND $rows AS row CREATE (n:Need) SET n = row.props"
_NEED_LINKS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Need {code: row.code}) MATCH (o:Organization {bin: row.bin})
MATCH (t:Territory {kato: row.kato})
CREATE (o)-[:HAS_NEED]->(n) CREATE (n)-[:LOCATED_IN]->(t)
WITH n, row
MATCH (p:Project {code: row.project}) CREATE (n)-[:FOR_PROJECT]->(p)
"""
_HANDOVERS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Offer {code: row.offer}) MATCH (n:Need {code: row.need})
CREATE (o)-[g:GIVEN_TO]->(n)
SET g = row.props, g.value_kzt = coalesce(row.value,
    toInteger(round(toFloat(o.value_kzt) * row.quantity / o.quantity)))
"""
"""An empty value is the offer's value per unit times the quantity (as the importer derives it)."""


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield _typed(row)


def _batches(path: Path, convert: _Convert) -> Iterator[list[Any]]:
    rows = (convert(r) for r in _rows(path))
    while batch := list(islice(rows, RAW_BATCH)):
        yield batch


def _given(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """How much of each offer and need the handovers file hands over (their final status)."""
    offers: dict[str, int] = {}
    needs: dict[str, int] = {}
    for r in _rows(path):
        offers[r["offer_code"]] = offers.get(r["offer_code"], 0) + r["quantity"]
        needs[r["need_code"]] = needs.get(r["need_code"], 0) + r["quantity"]
    return offers, needs


def raw_write(conn: Connection, directory: str) -> dict[str, Any]:
    """Every table the importer writes, with the same nodes, relationships and properties:
    nodes, then relationships matched by key, batched ``UNWIND $rows AS row CREATE``; no checks,
    no look-up of what was there."""
    db = conn.open()
    folder = Path(directory)
    rows: dict[str, int] = {}
    batches = 0

    def run(query: LiteralString, batch: list[Any]) -> None:
        nonlocal batches
        db.driver.execute_query(query, rows=batch, database_=db.name)
        batches += 1

    def each(table: str, query: LiteralString, convert: _Convert, *, count: bool) -> None:
        for batch in _batches(folder / f"{table}.csv", convert):
            run(query, batch)
            if count:
                rows[table] = rows.get(table, 0) + len(batch)

    try:
        offers_given, needs_given = _given(folder / "handovers.csv")
        for table, (query, convert) in _NODES.items():
            each(table, query, convert, count=True)
        for table, (query, convert) in _RELATIONSHIPS.items():
            each(table, query, convert, count=table not in _NODES)
        for kind, batch in _fundings(folder / "fundings.csv"):
            run(_fund_query(_FUNDS[kind]), batch)
            rows["fundings"] = rows.get("fundings", 0) + len(batch)
        for query in (_OFFER_NODES, _OFFER_LINKS):
            each("offers", query, lambda v: _offer(v, offers_given), count=query is _OFFER_NODES)
        for query in (_NEED_NODES, _NEED_LINKS):
            each("needs", query, lambda v: _need(v, needs_given), count=query is _NEED_NODES)
        each("handovers", _HANDOVERS, _handover, count=True)
    finally:
        db.close()
    return {"rows": rows, "batches": batches}


def _fund_query(match: LiteralString) -> LiteralString:
    return (
        "UNWIND $rows AS row " + match + " MATCH (p:Project {code: row.code}) "
        "CREATE (f)-[r:FUNDS]->(p) SET r = row.props"
    )


def _funder(key: str) -> str:
    if key == CITIZENS:
        return "donor"
    return "organization" if key.isdigit() else "akimat"


def _fundings(path: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Fundings grouped by the funder's label, since a plain ``MATCH`` needs one."""
    pending: dict[str, list[dict[str, Any]]] = {"akimat": [], "organization": [], "donor": []}
    for v in _rows(path):
        kind = _funder(v["funder"])
        pending[kind].append(_funding(v))
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
