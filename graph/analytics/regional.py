"""The article's questions about places and groups: the urban/rural gap, the most active youth
groups of each district, and the ties between veterans' unions and youth groups.

Population conventions: a territory's ``population`` includes the territories under it (a
district is the sum of its okrugs and villages; a city holds the rural okrugs it governs), so
the population of a settlement type is the sum over territories of their *own* population
(theirs minus their children's, never below 0), each territory taking the ``settlement`` of the
nearest territory on its ``PART_OF`` chain that has one. In the examples ``db`` holds the
sample region of the test suite.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, LiteralString

import pandas as pd

from graph.analytics.indicators import activity_scores, state_dependency
from graph.analytics.scope import (
    ORG_SCOPE,
    PARTNERSHIP_IN_WINDOW,
    PROJECT_IN_WINDOW,
    Scope,
    YearsArg,
    native,
)
from graph.db import Database
from graph.vocab import OrgKind, Settlement

__all__ = [
    "UrbanRuralGap",
    "gap_tables",
    "territory_table",
    "urban_rural_gap",
    "veterans_youth_ties",
    "youth_activity_ranking",
    "youth_ranking",
]

_TERRITORIES: LiteralString = """
MATCH (t:Territory)
WITH t, head([path = (t)-[:PART_OF*0..]->(top) WHERE NOT EXISTS { (top)-[:PART_OF]->() }
              | nodes(path)]) AS chain
RETURN t.kato AS kato, t.name AS name, t.type AS type, t.population AS population,
       head([x IN chain WHERE x.settlement IS NOT NULL | x.settlement]) AS settlement,
       CASE WHEN size(chain) >= 2 THEN chain[-2].kato END AS district_kato,
       [x IN chain | x.kato] AS territories,
       reduce(s = 0, c IN COLLECT { MATCH (c:Territory)-[:PART_OF]->(t) RETURN c.population }
              | s + coalesce(c, 0)) AS children_population
"""


def territory_table(db: Database) -> pd.DataFrame:
    """Every territory, indexed by KATO: ``name, type, population, settlement`` (effective:
    the nearest on the chain), ``district_kato`` (its first-level territory), ``territories``
    (itself up to the region), ``children_population`` and ``own_population``.

    Examples
    --------
    >>> table = territory_table(db)
    >>> table.loc["553610000", ["population", "own_population"]].tolist()
    [21000, 16000]
    """
    rows = []
    for record in db.read(_TERRITORIES):
        row = dict(record)
        population = row["population"]
        row["own_population"] = (
            0 if population is None else max(0, population - row["children_population"])
        )
        rows.append(row)
    columns = [
        "kato",
        "name",
        "type",
        "population",
        "settlement",
        "district_kato",
        "territories",
        "children_population",
        "own_population",
    ]
    return pd.DataFrame(rows, columns=columns).set_index("kato").sort_index()


# -- urban/rural gap -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UrbanRuralGap:
    """Side-by-side numbers ``by_settlement`` (``urban``, ``rural``) and ``by_district`` (the
    first-level territories). Columns: ``organizations, population, per_10k`` (organisations
    per 10,000 residents), ``mean_staff, mean_activity, funding_kzt, state_kzt,
    state_share, funding_per_head`` (tenge attributed to its organisations per resident);
    ``by_district`` adds ``district_name`` and ``settlement``."""

    by_settlement: pd.DataFrame
    by_district: pd.DataFrame


_GAP_COLUMNS = [
    "organizations",
    "population",
    "per_10k",
    "mean_staff",
    "mean_activity",
    "funding_kzt",
    "state_kzt",
    "state_share",
    "funding_per_head",
]


def _summary(orgs: pd.DataFrame, funding: pd.DataFrame, population: float) -> dict[str, Any]:
    money = funding.loc[funding.index.intersection(orgs.index)]
    total, state = float(money["funding_kzt"].sum()), float(money["state_kzt"].sum())
    return {
        "organizations": len(orgs),
        "population": population,
        "per_10k": 10_000 * len(orgs) / population if population else math.nan,
        "mean_staff": float(orgs["staff"].astype("float64").mean()) if len(orgs) else math.nan,
        "mean_activity": float(orgs["activity"].mean()) if len(orgs) else math.nan,
        "funding_kzt": total,
        "state_kzt": state,
        "state_share": state / total if total else math.nan,
        "funding_per_head": total / population if population else math.nan,
    }


def gap_tables(
    activity: pd.DataFrame, dependency: pd.DataFrame, territories: pd.DataFrame
) -> UrbanRuralGap:
    """The urban/rural gap from tables already computed (:func:`activity_scores`,
    :func:`state_dependency`, :func:`territory_table`); see :func:`urban_rural_gap`."""
    by_settlement = {}
    for settlement in Settlement:
        orgs = activity[activity["settlement"] == settlement.value]
        population = territories.loc[
            territories["settlement"] == settlement.value, "own_population"
        ].sum()
        by_settlement[settlement.value] = _summary(orgs, dependency, float(population))
    districts = territories[territories.index == territories["district_kato"]]
    by_district = {}
    for kato, district in districts.iterrows():
        orgs = activity[activity["district_kato"] == kato]
        population = district["population"]
        population = 0.0 if population is None or pd.isna(population) else float(population)
        by_district[kato] = {
            "district_name": district["name"],
            "settlement": district["settlement"],
        } | _summary(orgs, dependency, population)
    return UrbanRuralGap(
        by_settlement=pd.DataFrame.from_dict(
            by_settlement, orient="index", columns=_GAP_COLUMNS
        ).rename_axis("settlement"),
        by_district=pd.DataFrame.from_dict(
            by_district, orient="index", columns=["district_name", "settlement", *_GAP_COLUMNS]
        ).rename_axis("district_kato"),
    )


def urban_rural_gap(
    db: Database,
    *,
    years: YearsArg = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
    reference_year: int | None = None,
    window: int = 3,
) -> UrbanRuralGap:
    """How urban and rural civil society compare: density, staff, activity and money.

    Organisations count where they are located; funding is attributed to the accountable
    organisation (``years`` restricts it to projects that ran in the window); activity is
    :func:`~graph.analytics.indicators.activity_scores` with ``reference_year`` and
    ``window``. Three queries: activity, funding and territories.

    Examples
    --------
    >>> gap = urban_rural_gap(db)
    >>> gap.by_settlement.loc[["urban", "rural"], ["organizations", "population"]].values.tolist()
    [[2.0, 360000.0], [1.0, 21000.0]]
    >>> print(round(gap.by_settlement.loc["rural", "per_10k"], 3))
    0.476
    """
    activity = activity_scores(
        db,
        reference_year=reference_year,
        window=window,
        kinds=kinds,
        include_archived=include_archived,
    )
    dependency = state_dependency(db, years=years, kinds=kinds, include_archived=include_archived)
    return gap_tables(activity, dependency, territory_table(db))


# -- youth groups --------------------------------------------------------------------------------


def youth_ranking(activity: pd.DataFrame) -> pd.DataFrame:
    """Rank the youth groups of an :func:`activity_scores` table within their district.

    Columns: ``district_kato, district_name, rank`` (1 = most active; equal scores share the
    lower rank), ``bin, name, settlement, activity`` and its components,
    ``supported_by_district_akimat`` (the akimat governing the group's first-level territory
    ``SUPPORTS`` it), ``district_support_forms`` and ``supported_by`` (codes of every
    supporting akimat). Sorted by district then rank.
    """
    youth = activity[activity["kind"] == OrgKind.YOUTH_GROUP.value].reset_index()
    columns = [
        "district_kato",
        "district_name",
        "rank",
        "bin",
        "name",
        "settlement",
        "activity",
        "projects_score",
        "partners_score",
        "volunteers_score",
        "results_score",
        "supported_by_district_akimat",
        "district_support_forms",
        "supported_by",
    ]
    if youth.empty:
        return pd.DataFrame(columns=columns)
    district_support = [
        [s for s in supports if s.get("kato") == district]
        for supports, district in zip(youth["supported_by"], youth["district_kato"], strict=True)
    ]
    youth["supported_by_district_akimat"] = [bool(s) for s in district_support]
    youth["district_support_forms"] = [
        sorted({str(x["kind"]) for x in s if x.get("kind")}) for s in district_support
    ]
    youth["supported_by"] = [sorted({s["code"] for s in sup}) for sup in youth["supported_by"]]
    youth = youth.sort_values(
        ["district_kato", "activity", "name", "bin"], ascending=[True, False, True, True]
    )
    youth["rank"] = (
        youth.groupby("district_kato", dropna=False)["activity"]
        .rank(method="min", ascending=False)
        .astype(int)
    )
    return youth[columns].reset_index(drop=True)


def youth_activity_ranking(
    db: Database,
    *,
    territories: str | Iterable[str] | None = None,
    include_archived: bool = False,
    reference_year: int | None = None,
    window: int = 3,
) -> pd.DataFrame:
    """The youth groups of each district ranked by activity score, with whether the
    district's akimat supports them — the article's instruction to district akimats to "find
    and support the most active NGOs, especially youth organisations". See
    :func:`youth_ranking` for the columns. A high rank without support is a lead for the
    akimat, not a judgement of either.

    Examples
    --------
    >>> ranking = youth_activity_ranking(db)
    >>> ranking[["district_kato", "rank", "name", "supported_by_district_akimat"]].values.tolist()
    [['553610000', 1, 'Жастар Теренколь', True]]
    """
    return youth_ranking(
        activity_scores(
            db,
            reference_year=reference_year,
            window=window,
            territories=territories,
            kinds=[OrgKind.YOUTH_GROUP.value],
            include_archived=include_archived,
        )
    )


_VETERANS_YOUTH: LiteralString = (
    ORG_SCOPE
    + """
CALL (o) {
  MATCH (o)-[r:PARTNERS_WITH]-(y:Organization {kind: 'youth_group'})
  WHERE ($include_archived OR NOT coalesce(y.archived, false)) AND """
    + PARTNERSHIP_IN_WINDOW
    + """
  RETURN y, 'partnership' AS how, r.basis AS basis, r.since AS since, null AS code
  UNION ALL
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(y:Organization)
  WHERE y.kind = 'youth_group' AND ($include_archived OR NOT coalesce(y.archived, false))
    AND coalesce(p.status, '') <> 'cancelled' AND """
    + PROJECT_IN_WINDOW
    + """
  RETURN DISTINCT y, 'project' AS how, null AS basis, null AS since, p.code AS code
}
WITH o, district, y, how, basis, since, code,
     head([path = (y)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(top)
           WHERE NOT EXISTS { (top)-[:PART_OF]->() } | nodes(path)]) AS ychain
RETURN o.bin AS veterans_bin, o.name AS veterans_name, district.kato AS veterans_district_kato,
       y.bin AS youth_bin, y.name AS youth_name,
       CASE WHEN size(ychain) >= 3 THEN ychain[-2].kato END AS youth_district_kato,
       how, basis, since, code
"""
)


def veterans_youth_ties(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """Veterans' unions (in scope) and the youth groups they partner with or share projects
    with — the article's "patriotic education of young people" by the combat brotherhood.

    One row per (union, youth group) pair: ``veterans_bin, veterans_name,
    veterans_district_kato, youth_bin, youth_name, youth_district_kato, partnership`` (bool),
    ``basis, since`` (of the partnership), ``shared_projects`` (codes, cancelled projects left
    out) and ``same_district``. Scope semantics as in :mod:`graph.analytics.scope`; the
    territory filter applies to the union.

    Examples
    --------
    >>> ties = veterans_youth_ties(db)
    >>> ties[["youth_name", "partnership", "basis", "shared_projects"]].values.tolist()
    [['Жастар Теренколь', True, 'mentoring', ['P-2']]]
    """
    scope = Scope.of(
        years=years,
        territories=territories,
        kinds=[OrgKind.VETERANS_UNION.value],
        include_archived=include_archived,
    )
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for record in db.read(_VETERANS_YOUTH, **scope.params()):
        key = (record["veterans_bin"], record["youth_bin"])
        pair = pairs.setdefault(
            key,
            {
                "veterans_bin": record["veterans_bin"],
                "veterans_name": record["veterans_name"],
                "veterans_district_kato": record["veterans_district_kato"],
                "youth_bin": record["youth_bin"],
                "youth_name": record["youth_name"],
                "youth_district_kato": record["youth_district_kato"],
                "partnership": False,
                "basis": None,
                "since": None,
                "shared_projects": [],
            },
        )
        if record["how"] == "partnership":
            pair |= {
                "partnership": True,
                "basis": record["basis"],
                "since": native(record["since"]),
            }
        else:
            pair["shared_projects"] = sorted({*pair["shared_projects"], record["code"]})
    rows = [pairs[k] for k in sorted(pairs)]
    for row in rows:
        row["same_district"] = (
            row["veterans_district_kato"] is not None
            and row["veterans_district_kato"] == row["youth_district_kato"]
        )
    columns = [
        "veterans_bin",
        "veterans_name",
        "veterans_district_kato",
        "youth_bin",
        "youth_name",
        "youth_district_kato",
        "partnership",
        "basis",
        "since",
        "shared_projects",
        "same_district",
    ]
    return pd.DataFrame(rows, columns=columns)
