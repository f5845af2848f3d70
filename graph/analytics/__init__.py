"""The research layer: the region's graph as networkx, network measures and the article's
indicators.

* :mod:`~graph.analytics.projections` — Neo4j to networkx (partnerships, organisations and
  projects, money flows), one streamed query each; :mod:`~graph.analytics.cache` reuses them
  until the graph changes.
* :mod:`~graph.analytics.centrality`, :mod:`~graph.analytics.brokerage`,
  :mod:`~graph.analytics.communities`, :mod:`~graph.analytics.homophily`,
  :mod:`~graph.analytics.core_periphery` — measures on any networkx graph, ``G`` first.
* :mod:`~graph.analytics.indicators`, :mod:`~graph.analytics.regional` — state-budget
  dependency, results, activity, the urban/rural gap, youth groups, veterans and youth.
* :mod:`~graph.analytics.reports` — per-organisation metrics and per-territory reports.

Indicators flag patterns worth a look; they are not verdicts about an organisation.
"""

from __future__ import annotations

from graph.analytics.brokerage import (
    BrokerageRoles,
    DirectedBrokerageRoles,
    brokerage_table,
    constraint,
    effective_size,
    gould_fernandez,
    gould_fernandez_directed,
)
from graph.analytics.cache import ProjectionCache
from graph.analytics.centrality import (
    betweenness,
    centrality_table,
    core_number,
    degree,
    pagerank,
    weighted_degree,
)
from graph.analytics.communities import (
    CommunityBridge,
    communities,
    community_bridges,
    membership,
    modularity,
    participation_coefficient,
)
from graph.analytics.core_periphery import (
    CorePeriphery,
    CorePeripheryNull,
    ZoneShare,
    core_periphery,
    core_periphery_null,
    zone_share,
)
from graph.analytics.homophily import (
    EITest,
    assortativity,
    ei_index,
    ei_index_by_group,
    ei_index_test,
    mixing_matrix,
)
from graph.analytics.indicators import (
    ACTIVITY_WEIGHTS,
    Flag,
    FlagThresholds,
    activity_scores,
    flags,
    result_orientation,
    self_funded,
    state_dependency,
)
from graph.analytics.projections import (
    PARTNERSHIP_WEIGHT,
    PROJECT_WEIGHT,
    funding_graph,
    money_flows,
    org_project_graph,
    partnership_graph,
)
from graph.analytics.regional import (
    UrbanRuralGap,
    gap_tables,
    territory_table,
    urban_rural_gap,
    veterans_youth_ties,
    youth_activity_ranking,
    youth_ranking,
)
from graph.analytics.reports import (
    OrganizationMetrics,
    RegionAnalysis,
    RegionIndicators,
    TerritoryReport,
    organization_metrics,
    region_analysis,
    region_indicators,
    territory_report,
)
from graph.analytics.scope import Scope

__all__ = [
    "ACTIVITY_WEIGHTS",
    "PARTNERSHIP_WEIGHT",
    "PROJECT_WEIGHT",
    "BrokerageRoles",
    "CommunityBridge",
    "CorePeriphery",
    "CorePeripheryNull",
    "DirectedBrokerageRoles",
    "EITest",
    "Flag",
    "FlagThresholds",
    "OrganizationMetrics",
    "ProjectionCache",
    "RegionAnalysis",
    "RegionIndicators",
    "Scope",
    "TerritoryReport",
    "UrbanRuralGap",
    "ZoneShare",
    "activity_scores",
    "assortativity",
    "betweenness",
    "brokerage_table",
    "centrality_table",
    "communities",
    "community_bridges",
    "constraint",
    "core_number",
    "core_periphery",
    "core_periphery_null",
    "degree",
    "effective_size",
    "ei_index",
    "ei_index_by_group",
    "ei_index_test",
    "flags",
    "funding_graph",
    "gap_tables",
    "gould_fernandez",
    "gould_fernandez_directed",
    "membership",
    "mixing_matrix",
    "modularity",
    "money_flows",
    "org_project_graph",
    "organization_metrics",
    "pagerank",
    "participation_coefficient",
    "partnership_graph",
    "region_analysis",
    "region_indicators",
    "result_orientation",
    "self_funded",
    "state_dependency",
    "territory_report",
    "territory_table",
    "urban_rural_gap",
    "veterans_youth_ties",
    "weighted_degree",
    "youth_activity_ranking",
    "youth_ranking",
    "zone_share",
]
