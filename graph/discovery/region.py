"""The whole region as one :class:`~graph.discovery.snapshot.Snapshot` (offline evaluation).

Attributes come from :mod:`graph.discovery.attributes` (the same ones suggestions use); the tie
graph from :func:`graph.analytics.projections.partnership_graph` (or a
:class:`~graph.analytics.cache.ProjectionCache`), the one definition of "partners and joint
projects" in the code base; ended partnerships and declined pairs from one more read, and the
dates of projects, supports and fundings (its :class:`~graph.discovery.snapshot.Timeline`, for
:meth:`~graph.discovery.snapshot.Snapshot.as_of`) from a last one.
"""

from __future__ import annotations

from typing import LiteralString

from graph.analytics.cache import ProjectionCache
from graph.analytics.projections import partnership_graph
from graph.analytics.scope import native
from graph.db import Database
from graph.discovery import fragments
from graph.discovery.attributes import region_attributes
from graph.discovery.snapshot import Partnership, Snapshot, Timeline

__all__ = ["region_snapshot", "region_timeline"]

_ENDED_AND_DECLINED: LiteralString = """
MATCH (x:Organization) WHERE NOT coalesce(x.archived, false)
RETURN x.bin AS bin,
  COLLECT { MATCH (x)-[r:PARTNERS_WITH]->(y:Organization)
            WHERE r.until IS NOT NULL AND y <> x AND NOT coalesce(y.archived, false)
            RETURN {bin: y.bin, since: r.since, basis: r.basis, until: r.until} } AS ended,
  COLLECT { MATCH (x)<-[:CONCERNS]-(:SuggestionOutcome {outcome: 'declined'})
                    -[:CONCERNS]->(y:Organization)
            WHERE x.bin < y.bin RETURN DISTINCT y.bin } AS declined
"""

_DATES: LiteralString = """
RETURN COLLECT { MATCH (p:Project) RETURN [p.code, p.start_date] } AS projects,
       COLLECT { MATCH (k:Akimat)-[r:SUPPORTS]->(o:Organization)
                 WITH k, o, collect(r.since) AS dated, count(*) AS all
                 RETURN [k.code, o.bin, CASE WHEN size(dated) = all THEN reduce(
                   m = dated[0], d IN dated | CASE WHEN d < m THEN d ELSE m END) END] } AS supports,
       COLLECT { MATCH (k:Akimat)-[r:FUNDS]->(:Project)
                       <-[:PARTICIPATES_IN {role: 'accountable'}]-(o:Organization)
                 WITH k, o, min(r.year) AS year RETURN [k.code, o.bin, year] } AS fundings
"""
"""A support without ``since`` makes the pair undated (``null``); ``collect`` skips nulls."""


def region_timeline(db: Database) -> Timeline:
    """When the region's projects started and its akimats began supporting and funding."""
    row = db.read(_DATES)[0]
    return Timeline(
        project_starts={code: native(start) for code, start in row["projects"]},
        supports_since={(k, o): native(since) for k, o, since in row["supports"]},
        funding_years={(k, o): int(year) for k, o, year in row["fundings"] if year is not None},
    )


def region_snapshot(db: Database, *, cache: ProjectionCache | None = None) -> Snapshot:
    """Every organisation that is not archived, with all its ties."""
    attributes = region_attributes(db, cache=cache)
    G = cache.partnership_graph(db) if cache is not None else partnership_graph(db)
    partnerships: list[tuple[str, str, Partnership]] = []
    participations: set[tuple[str, str]] = set()
    titles: dict[str, str] = {}
    for a, b, data in G.edges(data=True):
        for reason in data["reasons"]:
            if reason["type"] == "partnership":
                partnerships.append((a, b, Partnership(reason.get("since"), reason.get("basis"))))
            else:
                participations.update({(a, reason["code"]), (b, reason["code"])})
                titles[reason["code"]] = reason.get("title") or reason["code"]
    declined: list[tuple[str, str]] = []
    for record in db.read(_ENDED_AND_DECLINED):
        bin = record["bin"]
        partnerships += [(bin, e["bin"], fragments.partnership(e)) for e in record["ended"]]
        declined += [(bin, other) for other in record["declined"]]
    return Snapshot(
        profiles=attributes.profiles.values(),
        partnerships=partnerships,
        participations=sorted(participations),
        project_titles=titles,
        akimats=attributes.akimats,
        declined=declined,
        territories=attributes.tree,
        organizations=attributes.organizations,
        timeline=region_timeline(db),
    )
