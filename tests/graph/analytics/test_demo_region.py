"""The whole layer on the demo region (``graph.demo_load``): consistency between projections
and indicators, and the article's patterns the demo is built to show."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pandas as pd
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.analytics import (
    ProjectionCache,
    activity_scores,
    betweenness,
    centrality_table,
    communities,
    constraint,
    core_periphery,
    effective_size,
    gould_fernandez,
    modularity,
    organization_metrics,
    region_analysis,
    region_indicators,
    result_orientation,
    self_funded,
    state_dependency,
    territory_report,
    urban_rural_gap,
)
from graph.analytics.communities import DEFAULT_SEED
from graph.db import Database
from graph.demo_load import load_demo


@pytest.fixture(scope="module")
def demo_db(session_db: Database) -> Iterator[Database]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors
    yield session_db


@pytest.fixture(scope="module")
def cache() -> ProjectionCache:
    return ProjectionCache()


def test_projections_agree_with_the_indicators(demo_db: Database, cache: ProjectionCache) -> None:
    G = cache.partnership_graph(demo_db)
    count = demo_db.read(
        "MATCH (o:Organization) WHERE NOT coalesce(o.archived, false) RETURN count(o) AS n"
    )[0]["n"]
    assert len(G) == count
    partnerships = demo_db.read(
        """MATCH (a:Organization)-[r:PARTNERS_WITH]->(b:Organization)
           WHERE r.until IS NULL AND a <> b
             AND NOT coalesce(a.archived, false) AND NOT coalesce(b.archived, false)
           RETURN count(DISTINCT CASE WHEN a.bin < b.bin THEN [a.bin, b.bin]
                                      ELSE [b.bin, a.bin] END) AS n"""
    )[0]["n"]
    assert sum(1 for *_, p in G.edges(data="partnership") if p) == partnerships
    F = cache.funding_graph(demo_db)
    received = {bin_: 0 for bin_ in G}
    for project, bin_, amount in F.edges(data="amount_kzt"):
        if str(project).startswith("project:"):
            received[bin_] += amount
    dependency = state_dependency(demo_db)
    assert dependency["funding_kzt"].to_dict() == received


def test_the_kind_peoples_club_funds_itself(demo_db: Database) -> None:
    funded = self_funded(demo_db)
    club = funded[funded["name"] == "Клуб добряков Павлодара"]
    assert len(club) == 1
    assert club["state_share"].iloc[0] == 0.0 and club["funding_kzt"].iloc[0] > 0


def test_rural_organisations_are_fewer_per_head(demo_db: Database) -> None:
    gap = urban_rural_gap(demo_db).by_settlement
    assert gap.loc["urban", "per_10k"] > gap.loc["rural", "per_10k"]
    assert gap.loc["urban", "mean_staff"] > gap.loc["rural", "mean_staff"]


def test_metrics_and_reports_for_everyone(demo_db: Database, cache: ProjectionCache) -> None:
    analysis = region_analysis(demo_db, cache=cache)
    assert analysis.modularity > 0
    table = analysis.organizations
    assert table["activity"].between(0, 1).all()
    assert table["state_share"].dropna().between(0, 1).all()
    for bin_ in table.index:
        assert organization_metrics(demo_db, bin_, cache=cache).bin == bin_
    first_level = analysis.territories[
        analysis.territories.index == analysis.territories["district_kato"]
    ]
    reports = [territory_report(demo_db, kato, cache=cache) for kato in first_level.index]
    region = territory_report(demo_db, "550000000", cache=cache)
    assert sum(r.organizations for r in reports) == region.organizations == len(table)
    assert sum(r.funding_kzt for r in reports) == region.funding_kzt
    assert region_analysis(demo_db, cache=cache) is analysis


def test_compiled_measures_agree_with_networkx(demo_db: Database, cache: ProjectionCache) -> None:
    """igraph's betweenness, PageRank and k-cores are networkx's on the demo region, exact
    and sampled (the same sources, the same rescaling); Leiden's modularity is at least
    networkx's Louvain's minus 0.005."""
    G = cache.partnership_graph(demo_db)
    table = centrality_table(G)
    expected = nx.betweenness_centrality(G)
    assert table["betweenness"].to_dict() == pytest.approx(expected, abs=1e-12)
    assert betweenness(G, k=50, seed=3) == pytest.approx(
        nx.betweenness_centrality(G, k=50, seed=3), abs=1e-12
    )
    reference = _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    assert table["pagerank"].to_dict() == pytest.approx(reference, abs=1e-8)
    assert table["core_number"].to_dict() == nx.core_number(G)
    louvain = nx.community.louvain_communities(G, weight="weight", seed=DEFAULT_SEED)
    assert modularity(G, communities(G)) >= modularity(G, louvain) - 0.005


def test_region_analysis_is_the_public_measures(demo_db: Database) -> None:
    """region_analysis shares one igraph copy, neighbour sets and tie shares between its
    measures, and reads the indicators in one query: the same values as each public function
    called on its own."""
    analysis = region_analysis(demo_db)
    G = analysis.graph
    table = analysis.organizations
    nodes = list(G)
    centrality = centrality_table(G)
    for column in ("degree", "weighted_degree", "betweenness", "core_number"):
        assert table.loc[nodes, column].tolist() == centrality[column].tolist(), column
    assert table.loc[nodes, "pagerank"].tolist() == pytest.approx(
        centrality["pagerank"].tolist(), rel=1e-12
    )
    assert analysis.communities == communities(G)
    assert analysis.core == core_periphery(G)
    for attribute in ("kind", "settlement"):
        assert analysis.roles[attribute] == gould_fernandez(G, attribute)
    assert table.loc[nodes, "constraint"].tolist() == pytest.approx(
        list(constraint(G).values()), rel=0, abs=0, nan_ok=True
    )
    assert table.loc[nodes, "effective_size"].tolist() == pytest.approx(
        list(effective_size(G).values()), rel=0, abs=0, nan_ok=True
    )
    for name, expected in (
        ("dependency", state_dependency(demo_db)),
        ("results", result_orientation(demo_db)),
        ("activity", activity_scores(demo_db)),
    ):
        pd.testing.assert_frame_equal(getattr(region_indicators(demo_db), name), expected)
