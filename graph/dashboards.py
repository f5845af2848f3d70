"""Aggregates for dashboards, computed in Cypher: counts and sums, never lists loaded to count."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from graph.db import Database


@dataclass(frozen=True, slots=True)
class KindCount:
    territory_kato: str
    territory_name: str
    kind: str
    count: int


_KINDS_BY_TERRITORY: LiteralString = """
MATCH (root:Territory {kato: $root})<-[:PART_OF]-(area:Territory)
MATCH (o:Organization)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->(area)
WHERE NOT coalesce(o.archived, false)
RETURN area.kato AS kato, area.name AS name, o.kind AS kind, count(o) AS n
ORDER BY kato, kind
"""


def organizations_by_kind(db: Database, *, root: str) -> list[KindCount]:
    """Organisations per kind in each territory directly under ``root`` (sub-territories summed)."""
    return [
        KindCount(r["kato"], r["name"], r["kind"], int(r["n"]))
        for r in db.read(_KINDS_BY_TERRITORY, root=root)
    ]


class FundingGroup(StrEnum):
    MECHANISM = "mechanism"
    YEAR = "year"
    FUNDER = "funder"


@dataclass(frozen=True, slots=True)
class FundingTotal:
    key: str
    amount_kzt: int
    projects: int
    funder_kind: str | None = None
    """``akimat``, ``organization`` or ``donor`` when grouped by funder."""
    funder_name: str | None = None


_FUNDING_TOTALS: dict[FundingGroup, LiteralString] = {
    FundingGroup.MECHANISM: "f.mechanism AS key, null AS kind, null AS name",
    FundingGroup.YEAR: "toString(f.year) AS key, null AS kind, null AS name",
    FundingGroup.FUNDER: "coalesce(x.bin, x.code) AS key, CASE WHEN x:Akimat THEN 'akimat' "
    "WHEN x:Organization THEN 'organization' ELSE 'donor' END AS kind, x.name AS name",
}


def _funding_query(group: FundingGroup) -> LiteralString:
    return (
        "MATCH (x)-[f:FUNDS]->(p:Project) "
        "WHERE ($first IS NULL OR f.year >= $first) AND ($last IS NULL OR f.year <= $last) "
        "AND ($territory IS NULL OR EXISTS { MATCH (p)-[:SERVES]->(:Territory)"
        "-[:PART_OF*0..6]->(:Territory {kato: $territory}) }) "
        "RETURN " + _FUNDING_TOTALS[group] + ", sum(f.amount_kzt) AS amount, "
        "count(DISTINCT p) AS projects ORDER BY key"
    )


def funding_totals(
    db: Database,
    *,
    group_by: FundingGroup,
    territory: str | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
) -> list[FundingTotal]:
    """Whole tenge by mechanism, year or funder, for projects serving ``territory``."""
    records = db.read(
        _funding_query(group_by), territory=territory, first=first_year, last=last_year
    )
    return [
        FundingTotal(str(r["key"]), int(r["amount"]), int(r["projects"]), r["kind"], r["name"])
        for r in records
    ]


@dataclass(frozen=True, slots=True)
class FocusCount:
    code: str
    projects: int
    budget_kzt: int


_PROJECTS_BY_FOCUS: LiteralString = """
MATCH (p:Project)-[:ADDRESSES]->(f:FocusArea)
WHERE ($territory IS NULL OR EXISTS { MATCH (p)-[:SERVES]->(:Territory)-[:PART_OF*0..6]->
      (:Territory {kato: $territory}) })
  AND ($year IS NULL OR (p.start_date.year <= $year AND coalesce(p.end_date.year, 9999) >= $year))
RETURN f.code AS code, count(p) AS n, sum(coalesce(p.budget_kzt, 0)) AS budget
ORDER BY n DESC, code
"""


def projects_by_focus_area(
    db: Database, *, territory: str | None = None, year: int | None = None
) -> list[FocusCount]:
    return [
        FocusCount(r["code"], int(r["n"]), int(r["budget"]))
        for r in db.read(_PROJECTS_BY_FOCUS, territory=territory, year=year)
    ]
