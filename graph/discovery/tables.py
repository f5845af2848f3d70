"""The region snapshot built from import tables, without a database (evaluation across worlds).

:func:`~graph.discovery.region.region_snapshot` reads the graph; the evaluation over several
demo worlds and seeds (:func:`graph.discovery.evaluation.evaluate_worlds`) cannot load each into
the one Neo4j database a notebook is connected to, so it builds the same snapshot from the rows
:func:`graph.demo.demo_tables` generates — cells parsed by the importer's own column parsers,
with the importer's and the region snapshot's definitions: archived organisations left out,
cancelled projects make no tie, an akimat *supports* an organisation it has a support row for and
*funds* one accountable for a project it funds. ``tests/graph/discovery/test_time_split.py``
checks it gives the region snapshot of the loaded demo.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from graph.discovery.snapshot import (
    AkimatInfo,
    Partnership,
    Profile,
    Snapshot,
    TerritoryTree,
    Timeline,
)
from graph.importer.tables import TABLES_BY_NAME
from graph.vocab import ProjectStatus, Role

__all__ = ["tables_snapshot"]

Rows = Sequence[Mapping[str, str]]


def _parsed(table: str, rows: Rows) -> list[dict[str, Any]]:
    """Each row's non-empty cells through the import contract's parser of their column."""
    columns = {c.name: c for c in TABLES_BY_NAME[table].columns}
    return [
        {name: columns[name].parse(cell) for name, cell in row.items() if cell and name in columns}
        for row in rows
    ]


def tables_snapshot(tables: Mapping[str, Rows]) -> Snapshot:
    """The snapshot of the whole region the rows describe (as loaded, then read), with its
    :class:`~graph.discovery.snapshot.Timeline`."""
    tree = TerritoryTree.from_rows(
        {"kato": row["kato"], "parent": row.get("parent_kato"), "name": row["name"],
         "settlement": row.get("settlement")}
        for row in _parsed("territories", tables["territories"])
    )  # fmt: skip
    orgs = [o for o in _parsed("organizations", tables["organizations"]) if not o.get("archived")]
    alive = {o["bin"] for o in orgs}
    projects = {p["code"]: p for p in _parsed("projects", tables["projects"])}
    members: defaultdict[str, set[str]] = defaultdict(set)
    accountable: defaultdict[str, set[str]] = defaultdict(set)
    for row in _parsed("participations", tables["participations"]):
        if row["org_bin"] in alive:
            members[row["project_code"]].add(row["org_bin"])
            if row["role"] == Role.ACCOUNTABLE.value:
                accountable[row["project_code"]].add(row["org_bin"])
    akimats = {a["code"]: a for a in _parsed("akimats", tables["akimats"])}
    supported_by: defaultdict[str, set[str]] = defaultdict(set)
    supports_since: dict[tuple[str, str], dt.date | None] = {}
    undated: set[tuple[str, str]] = set()
    for row in _parsed("supports", tables["supports"]):
        key = (row["akimat_code"], row["org_bin"])
        supported_by[row["org_bin"]].add(row["akimat_code"])
        since = row.get("since")
        if since is None:
            undated.add(key)
        elif key not in supports_since or since < (supports_since[key] or since):
            supports_since[key] = since
    supports_since |= dict.fromkeys(undated)
    funded_by: defaultdict[str, set[str]] = defaultdict(set)
    funding_years: dict[tuple[str, str], int] = {}
    for row in _parsed("fundings", tables["fundings"]):
        if row["funder"] not in akimats:
            continue
        for bin_ in accountable.get(row["project_code"], ()):
            key = (row["funder"], bin_)
            funded_by[bin_].add(row["funder"])
            funding_years[key] = min(row["year"], funding_years.get(key, row["year"]))
    profiles = []
    for o in orgs:
        district = tree.district(o["kato"])
        profiles.append(
            Profile(
                bin=o["bin"],
                name=o["name"],
                kind=o["kind"],
                kato=o["kato"],
                district=district,
                district_name=tree.names.get(district) if district else None,
                settlement=tree.settlement(o["kato"]),
                founded_year=o.get("founded_year"),
                staff=o.get("staff"),
                volunteers=o.get("volunteers"),
                focus_areas=frozenset(o.get("focus_areas", ())),
                supported_by=frozenset(supported_by.get(o["bin"], ())),
                funded_by=frozenset(funded_by.get(o["bin"], ())),
            )
        )
    backed: defaultdict[str, set[str]] = defaultdict(set)
    for p in profiles:
        for code in p.supported_by | p.funded_by:
            backed[code].add(p.bin)
    partnerships = [
        (
            r["org_bin_a"],
            r["org_bin_b"],
            Partnership(r.get("since"), r.get("basis"), r.get("until")),
        )
        for r in _parsed("partnerships", tables["partnerships"])
        if r["org_bin_a"] in alive and r["org_bin_b"] in alive
    ]
    tied = {
        code
        for code, bins in members.items()
        if len(bins) > 1 and projects[code].get("status") != ProjectStatus.CANCELLED.value
    }  # a project with one organisation ties no one: the region snapshot never sees it
    return Snapshot(
        profiles=profiles,
        partnerships=partnerships,
        participations=sorted((b, code) for code in tied for b in members[code]),
        project_titles={code: projects[code]["title"] for code in tied},
        akimats=[
            AkimatInfo(code, a["name"], a["level"], len(backed[code]))
            for code, a in akimats.items()
        ],
        territories=tree,
        organizations=len(profiles),
        timeline=Timeline(
            project_starts={code: p["start_date"] for code, p in projects.items()},
            supports_since=supports_since,
            funding_years=funding_years,
        ),
    )
