"""Downloads of what a list shows: the rows of a filtered, ordered list as a CSV or XLSX file.

Organisations and projects come out as import tables (:mod:`graph.importer.export`'s row maps and
writers), chosen and ordered exactly as :func:`graph.organizations.page` and
:func:`graph.projects.page` choose and order them, so a downloaded file re-imports with no change.
Active organisations (a ranking, not an import table) come out as the ranking shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, LiteralString

from graph import organizations, projects
from graph.db import Database
from graph.discovery import active_organizations
from graph.filters import Filter, compile_filter
from graph.i18n import Text, current_language, tp
from graph.importer.export import ROWS, header, write_csv, write_xlsx
from graph.importer.tables import ORGANIZATIONS, PROJECTS, Table
from graph.keyset import Sort, by_name, seek
from graph.pagination import PageRequest
from graph.rules import MAX_PAGE_SIZE

MAX_ROWS = 50_000
"""Rows one download may hold; a larger list is refused (narrow ``where``), never cut short."""


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


COLUMN_LABELS: dict[str, Text] = {
    "bin": tp("Export column", "bin"),
    "name": tp("Export column", "name"),
    "kind": tp("Export column", "kind"),
    "legal_form": tp("Export column", "legal_form"),
    "kato": tp("Export column", "kato"),
    "founded_year": tp("Export column", "founded_year"),
    "focus_areas": tp("Export column", "focus_areas"),
    "staff": tp("Export column", "staff"),
    "volunteers": tp("Export column", "volunteers"),
    "name_ru": tp("Export column", "name_ru"),
    "name_kk": tp("Export column", "name_kk"),
    "aliases": tp("Export column", "aliases"),
    "synthetic": tp("Export column", "synthetic"),
    "archived": tp("Export column", "archived"),
    "code": tp("Export column", "code"),
    "title": tp("Export column", "title"),
    "focus_area": tp("Export column", "focus_area"),
    "start_date": tp("Export column", "start_date"),
    "end_date": tp("Export column", "end_date"),
    "budget_kzt": tp("Export column", "budget_kzt"),
    "beneficiaries_target": tp("Export column", "beneficiaries_target"),
    "beneficiaries_reached": tp("Export column", "beneficiaries_reached"),
    "status": tp("Export column", "status"),
    "title_ru": tp("Export column", "title_ru"),
    "title_kk": tp("Export column", "title_kk"),
    "rank": tp("Export column", "rank"),
    "activity": tp("Export column", "activity"),
    "supported_here": tp("Export column", "supported_here"),
    "support_kinds": tp("Export column", "support_kinds"),
    "supported_by": tp("Export column", "supported_by"),
}
"""A column's header as a person reads it. In English it is the column's code; in Russian and
Kazakh, for the import tables' columns, one of the importer's header aliases
(:data:`graph.importer.tables.HEADER_ALIASES`), so the file re-imports in any language. Columns
without a label (extra properties) keep their code."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """What a download holds: its columns and either a query producing the row maps (bound as
    ``row``, in order) or the rows themselves."""

    columns: list[str]
    query: LiteralString | None = None
    params: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def labels(self) -> list[str]:
        """The header in the language of the moment."""
        return [str(COLUMN_LABELS[c]) if c in COLUMN_LABELS else c for c in self.columns]


_KEYS: LiteralString = " UNWIND keys(row) AS key RETURN collect(DISTINCT key) AS keys"


def _columns(db: Database, table: Table, match: LiteralString, params: dict[str, Any], *,
             extras: bool) -> list[str]:  # fmt: skip
    keys: list[str] = db.read(match + _KEYS, **params)[0]["keys"] if extras else []
    return header(table, keys, extras=extras)


def organization_sheet(
    db: Database,
    *,
    where: Filter | None = None,
    sort: organizations.OrgSort = organizations.OrgSort.NAME,
    descending: bool = False,
    include_archived: bool = False,
    scores: Mapping[str, float] | None = None,
    extras: bool = False,
) -> Sheet:
    """The organisations of :func:`graph.organizations.page` (or ``page_by_score`` when
    ``scores`` is given), every page at once, as ``organizations`` import rows. ``extras``: also
    the properties outside the table's columns (they may hold what an importer added)."""
    condition, params = organizations.condition(where, include_archived)
    if scores is not None:
        found = db.read(f"MATCH (o:Organization) WHERE {condition} RETURN o.bin AS bin", **params)
        keyed = sorted(
            ((round(scores.get(r["bin"], 0.0), 6), r["bin"]) for r in found), reverse=descending
        )
        bins = [b for _, b in keyed]
        match: LiteralString = (
            "UNWIND range(0, size($bins) - 1) AS i MATCH (o:Organization {bin: $bins[i]}) "
            "WITH i AS k, o.bin AS id, " + ROWS["organizations"] + " AS row"
        )
        columns = _columns(db, ORGANIZATIONS, match, {"bins": bins}, extras=extras)
        return Sheet(columns, match + " RETURN row ORDER BY k", {"bins": bins})
    order_by = organizations.ordering(sort, descending)
    _, order, _ = seek(order_by, "id", PageRequest(limit=MAX_ROWS))
    match = (  # composed from fixed fragments; values are parameters
        f"MATCH (o:Organization) WHERE {condition} "
        f"WITH {order_by.expression} AS k, o.bin AS id, " + ROWS["organizations"] + " AS row"
    )
    columns = _columns(db, ORGANIZATIONS, match, params, extras=extras)
    query = match + f" RETURN row ORDER BY {order} LIMIT $limit"
    return Sheet(columns, query, {**params, "limit": MAX_ROWS + 1})


def project_sheet(
    db: Database,
    *,
    where: Filter | None = None,
    sort: projects.ProjectSort = projects.ProjectSort.START_DATE,
    descending: bool = True,
    extras: bool = False,
) -> Sheet:
    """The projects of :func:`graph.projects.page`, every page at once, as ``projects`` rows."""
    condition, params = compile_filter(where, projects.FIELDS)
    if sort is projects.ProjectSort.TITLE:
        order_by = by_name("p", current_language(), descending)
    else:
        order_by = Sort(projects.SORTS[sort], descending)
    _, order, _ = seek(order_by, "id", PageRequest(limit=MAX_ROWS))
    match: LiteralString = (  # composed from fixed fragments; values are parameters
        f"MATCH (p:Project) WHERE {condition} "
        f"WITH {order_by.expression} AS k, p.code AS id, " + ROWS["projects"] + " AS row"
    )
    columns = _columns(db, PROJECTS, match, params, extras=extras)
    query = match + f" RETURN row ORDER BY {order} LIMIT $limit"
    return Sheet(columns, query, {**params, "limit": MAX_ROWS + 1})


ACTIVE_COLUMNS = [
    "rank", "bin", "name", "kind", "kato", "activity", "supported_here", "support_kinds",
    "supported_by",
]  # fmt: skip


def active_organization_sheet(
    db: Database, *, territory: str, kinds: Sequence[str] | None = None
) -> Sheet:
    """The ranking of :func:`graph.discovery.active_organizations` as far as the API pages it
    (``MAX_PAGE_SIZE``), one row per organisation; ``supported_here``: by this territory's
    akimat."""
    found = active_organizations(db, territory=territory, kinds=kinds, first=MAX_PAGE_SIZE)
    rows = [
        {
            "rank": rank,
            "bin": a.organization.bin,
            "name": a.organization.name,
            "kind": a.organization.kind,
            "kato": a.organization.kato,
            "activity": round(a.score, 4),
            "supported_here": a.supported_by_territory_akimat,
            "support_kinds": list(a.support_kinds),
            "supported_by": list(a.supported_by),
        }
        for rank, a in enumerate(found, start=1)
    ]
    return Sheet(list(ACTIVE_COLUMNS), rows=rows)


def count_rows(db: Database, sheet: Sheet) -> int:
    """How many rows the sheet holds (at most ``MAX_ROWS + 1``: enough to refuse a larger one)."""
    if sheet.query is None:
        return len(sheet.rows)
    return int(
        db.read("CALL () { " + sheet.query + " } RETURN count(*) AS n", **sheet.params)[0]["n"]
    )


def write_sheet(db: Database, sheet: Sheet, path: Path, format: Format) -> int:
    """Write the sheet to ``path`` (the header in the language of the moment); CSV is
    ``;``-separated UTF-8 with a byte-order mark, as Excel in a Russian or Kazakh locale opens
    it. Returns the number of rows."""
    labels = sheet.labels()

    def consume(rows: Iterable[dict[str, Any]]) -> int:  # from scratch: a retry may repeat it
        if format is Format.XLSX:
            return write_xlsx(path, sheet.columns, rows, labels=labels)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            return write_csv(handle, sheet.columns, rows, labels=labels, delimiter=";")

    if sheet.query is None:
        return consume(sheet.rows)

    def records(found: Iterator[Any]) -> int:
        return consume(r["row"] for r in found)

    return db.stream(sheet.query, records, **sheet.params)
