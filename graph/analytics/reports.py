"""Everything about one organisation or one territory, for ``Organization.metrics`` and
``Territory.report`` of the API and for notebooks.

:func:`region_indicators` computes the per-organisation indicators for the whole region
(funding, results, activity, flags, the youth ranking); :func:`region_analysis` adds the
network measures (centrality, brokerage, communities, core–periphery). With a
:class:`~graph.analytics.cache.ProjectionCache` that work is reused until the next write, so
:func:`organization_metrics` and :func:`territory_report` are dictionary look-ups after the
first call. Without a cache every call recomputes. A territory report needs only the
indicators: it does not wait for betweenness, which dominates at country scale.

Values that are undefined (a ratio without a denominator, constraint of an isolated node) are
``None`` in the dataclasses and ``nan`` in the tables. In the examples ``db`` holds the sample
region of the test suite.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graph import rules
from graph.analytics.brokerage import (
    BrokerageRoles,
    _constraint,
    _effective_size,
    _gould_fernandez,
    _shares,
)
from graph.analytics.cache import ProjectionCache
from graph.analytics.centrality import _centrality_table
from graph.analytics.communities import (
    DEFAULT_SEED,
    _ordered,
    membership,
    modularity,
    participation_coefficient,
)
from graph.analytics.compiled import Compiled
from graph.analytics.core_periphery import CorePeriphery, _fit, _Graph
from graph.analytics.indicators import (
    IDENTITY_COLUMNS,
    Flag,
    activity_scores,
    flags,
    indicator_tables,
)
from graph.analytics.projections import partnership_graph
from graph.analytics.regional import territory_table, youth_ranking
from graph.db import Database
from graph.errors import NotFound
from graph.i18n import t
from graph.identifiers import normalize_bin
from graph.vocab import Mechanism

__all__ = [
    "ActivityMetrics",
    "BrokerageMetrics",
    "CentralityMetrics",
    "CommunityMetrics",
    "FundingMetrics",
    "OrganizationMetrics",
    "RegionAnalysis",
    "RegionIndicators",
    "ResultMetrics",
    "TerritoryReport",
    "YouthGroupEntry",
    "activity_from",
    "metrics_from",
    "organization_metrics",
    "region_analysis",
    "region_indicators",
    "report_from",
    "territory_report",
]

EXACT_BETWEENNESS_LIMIT = 1000
"""Up to this many organisations betweenness is exact; above, it is estimated."""
BETWEENNESS_SAMPLE = 500
"""Sources sampled (seed 0) to estimate betweenness above :data:`EXACT_BETWEENNESS_LIMIT`
(error bound: ``docs/scaling.md``)."""
CORE_RESTARTS = 10
"""Restarts of the core–periphery search in :func:`region_analysis` up to
:data:`CORE_RESTARTS_LIMIT` organisations (the default of
:func:`~graph.analytics.core_periphery.core_periphery`)."""
CORE_RESTARTS_LIMIT = 2_000
CORE_RESTARTS_AT_SCALE = 0
"""Above :data:`CORE_RESTARTS_LIMIT` organisations: the search from the degree ranking only.
Each restart is a pass over every node (about 0.9 s of CPU at 10k, 10 s at 100k) and on the
10k graph two of them raised ρ from 0.03241 to 0.03242. Notebooks call ``core_periphery``
with as many restarts as they like."""


@dataclass(frozen=True, slots=True)
class RegionIndicators:
    """The indicators of every organisation of the region (archived ones left out).

    ``dependency``, ``results`` and ``activity`` are the tables of
    :func:`~graph.analytics.indicators.state_dependency`,
    :func:`~graph.analytics.indicators.result_orientation` and
    :func:`~graph.analytics.indicators.activity_scores`; ``organizations`` joins them (BIN
    index; results' funding renamed ``completed_funding_kzt``).
    """

    dependency: pd.DataFrame
    results: pd.DataFrame
    activity: pd.DataFrame
    organizations: pd.DataFrame
    flags: Mapping[str, tuple[Flag, ...]]
    territories: pd.DataFrame
    youth: pd.DataFrame
    reports: dict[tuple[str, int], TerritoryReport] = field(default_factory=dict, compare=False)
    """Territory reports made from these indicators, by (KATO, top)."""


def _without_identity(results: pd.DataFrame, activity: pd.DataFrame) -> list[pd.DataFrame]:
    identity = list(IDENTITY_COLUMNS)
    return [
        results.drop(columns=identity).rename(columns={"funding_kzt": "completed_funding_kzt"}),
        activity.drop(columns=identity),
    ]


def _build_indicators(db: Database, reference_year: int | None, window: int) -> RegionIndicators:
    dependency, results, activity = indicator_tables(
        db, reference_year=reference_year, window=window
    )
    organizations = dependency
    for table in _without_identity(results, activity):
        organizations = organizations.join(table, how="left")
    return RegionIndicators(
        dependency=dependency,
        results=results,
        activity=activity,
        organizations=organizations,
        flags=flags(dependency, results, activity),
        territories=territory_table(db),
        youth=youth_ranking(activity),
    )


def region_indicators(
    db: Database,
    *,
    cache: ProjectionCache | None = None,
    reference_year: int | None = None,
    window: int = 3,
) -> RegionIndicators:
    """The indicators of every organisation; reused from ``cache`` until the graph changes.

    Examples
    --------
    >>> indicators = region_indicators(db)
    >>> youth = indicators.organizations.loc["180240012342"]
    >>> print(youth["kind"], youth["state_share"], youth["activity"] > 0)
    youth_group nan True
    """
    if cache is None:
        return _build_indicators(db, reference_year, window)
    return cache.get(
        db,
        ("region_indicators", reference_year, window),
        lambda: _build_indicators(db, reference_year, window),
    )


@dataclass(frozen=True, slots=True)
class RegionAnalysis:
    """Every measure for the whole region (archived organisations left out).

    ``organizations`` has one row per organisation (BIN index): the identity columns, the
    columns of :func:`~graph.analytics.centrality.centrality_table`, ``constraint,
    effective_size, brokerage_kind, brokerage_settlement`` (Gould–Fernandez totals by kind and
    by settlement), ``community, community_size, participation, communities_reached,
    in_core``, the funding columns of :func:`~graph.analytics.indicators.state_dependency`,
    the results columns of :func:`~graph.analytics.indicators.result_orientation` (its funding
    renamed ``completed_funding_kzt``) and the activity columns of
    :func:`~graph.analytics.indicators.activity_scores`.
    """

    graph: nx.Graph
    organizations: pd.DataFrame
    communities: list[frozenset[Any]]
    modularity: float
    core: CorePeriphery
    roles: Mapping[str, Mapping[Any, BrokerageRoles]]
    flags: Mapping[str, tuple[Flag, ...]]
    territories: pd.DataFrame
    youth: pd.DataFrame


def _build_analysis(
    db: Database, cache: ProjectionCache | None, reference_year: int | None, window: int
) -> RegionAnalysis:
    # The indicators' query works in Neo4j while the graph is read and measured here (on
    # another core: its server time then adds no wall time); their Python waits on the GIL.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="region-indicators") as pool:
        pending = pool.submit(
            region_indicators, db, cache=cache, reference_year=reference_year, window=window
        )
        G = cache.partnership_graph(db) if cache is not None else nx.freeze(partnership_graph(db))
        measured = _graph_measures(G)
        indicators = pending.result()
    table, graph_columns, partition, cp, roles = measured
    organizations = indicators.dependency.join(table, how="left").join(graph_columns, how="left")
    for part in _without_identity(indicators.results, indicators.activity):
        organizations = organizations.join(part, how="left")
    return RegionAnalysis(
        graph=G,
        organizations=organizations,
        communities=partition,
        modularity=modularity(G, partition),
        core=cp,
        roles=roles,
        flags=indicators.flags,
        territories=indicators.territories,
        youth=indicators.youth,
    )


def _graph_measures(
    G: nx.Graph,
) -> tuple[
    pd.DataFrame,
    pd.DataFrame,
    list[frozenset[Any]],
    CorePeriphery,
    dict[str, dict[Any, BrokerageRoles]],
]:
    """The network columns of :class:`RegionAnalysis`, its communities, core and roles."""
    n = G.number_of_nodes()
    nodes = list(G)
    # The public measures, each on what the others already made of G: one igraph copy for
    # centrality and communities, one set of neighbours for brokerage and the core, one set of
    # tie shares for Burt's two measures (same values; at 100k each copy costs seconds).
    compiled = Compiled(G, "weight")
    sample = BETWEENNESS_SAMPLE if n > EXACT_BETWEENNESS_LIMIT else None
    table = _centrality_table(G, compiled, k=sample, seed=0 if sample else None)
    table.index.name = "bin"
    partition = _ordered(compiled.leiden(seed=DEFAULT_SEED))
    del compiled
    index = membership(partition)
    participation = participation_coefficient(G, partition)
    neighbours = {v: {u for u in G.adj[v] if u != v} for v in nodes}
    cp = _fit(
        G,
        _Graph(G, neighbours),
        restarts=CORE_RESTARTS if n <= CORE_RESTARTS_LIMIT else CORE_RESTARTS_AT_SCALE,
    )
    attributes = ("kind", "settlement")
    groupings = [{v: g for v, g in G.nodes(data=a) if g is not None} for a in attributes]
    roles: dict[str, dict[Any, BrokerageRoles]] = dict(
        zip(attributes, _gould_fernandez(neighbours, groupings, nodes), strict=True)
    )
    del neighbours
    ties, shares = _shares(G, "weight")
    c, e = _constraint(nodes, shares), _effective_size(nodes, ties, shares)
    del ties, shares
    graph_columns = pd.DataFrame(
        {
            "constraint": [c[v] for v in nodes],
            "effective_size": [e[v] for v in nodes],
            "brokerage_kind": [roles["kind"][v].total for v in nodes],
            "brokerage_settlement": [roles["settlement"][v].total for v in nodes],
            "community": [index[v] for v in nodes],
            "community_size": [len(partition[index[v]]) for v in nodes],
            "participation": [participation[v] for v in nodes],
            "communities_reached": [len({index[u] for u in G.adj[v] if u != v}) for v in nodes],
            "in_core": [v in cp.core for v in nodes],
        },
        index=pd.Index(nodes, name="bin"),
    )
    return table, graph_columns, partition, cp, roles


def region_analysis(
    db: Database,
    *,
    cache: ProjectionCache | None = None,
    reference_year: int | None = None,
    window: int = 3,
) -> RegionAnalysis:
    """Every measure for the whole region; reused from ``cache`` until the graph changes.

    Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` organisations and estimated
    from :data:`BETWEENNESS_SAMPLE` sampled sources (seed 0) above it; the core–periphery search
    restarts :data:`CORE_RESTARTS` times up to :data:`CORE_RESTARTS_LIMIT` organisations and
    :data:`CORE_RESTARTS_AT_SCALE` times above.

    Examples
    --------
    >>> analysis = region_analysis(db)
    >>> youth = analysis.organizations.loc["180240012342"]
    >>> print(youth["degree"], youth["community_size"], youth["in_core"], youth["state_share"])
    1 2 True nan
    """
    if cache is None:
        return _build_analysis(db, None, reference_year, window)
    return cache.get(
        db,
        ("region_analysis", reference_year, window),
        lambda: _build_analysis(db, cache, reference_year, window),
    )


# -- one organisation ----------------------------------------------------------------------------


def _opt(value: Any) -> Any:
    """``None`` for missing and ``nan`` values; numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return None if isinstance(value, float) and math.isnan(value) else value
    item = getattr(value, "item", None)
    if callable(item):
        return _opt(item())
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _float(value: Any) -> float | None:
    value = _opt(value)
    return None if value is None else float(value)


def _int(value: Any) -> int:
    value = _opt(value)
    return 0 if value is None else int(value)


@dataclass(frozen=True, slots=True)
class CentralityMetrics:
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    core_number: int


@dataclass(frozen=True, slots=True)
class BrokerageMetrics:
    constraint: float | None
    effective_size: float | None
    by_kind: BrokerageRoles
    by_settlement: BrokerageRoles


@dataclass(frozen=True, slots=True)
class CommunityMetrics:
    community: int
    size: int
    participation: float
    communities_reached: int
    in_core: bool


@dataclass(frozen=True, slots=True)
class FundingMetrics:
    funding_kzt: int
    state_kzt: int
    state_share: float | None
    hhi: float | None
    """Herfindahl index over its funders (its own income counts as one funder)."""
    funders: int
    self_funded: bool
    by_mechanism: Mapping[str, int]
    revenue_hhi: float | None = None
    """Herfindahl index over revenue types, Chang & Tuckman's revenue concentration."""


@dataclass(frozen=True, slots=True)
class ResultMetrics:
    completed_projects: int
    beneficiaries_target: int
    beneficiaries_reached: int
    reach_ratio: float | None
    kzt_per_beneficiary: float | None
    paid_projects: int = 0
    """Active projects whose funding is paid in full (their results are due too)."""
    indicator_projects: int = 0
    """Projects whose reach comes from result indicators (actual against target)."""
    paid_kzt: int = 0
    achieved_share: float | None = None
    """Of the tenge paid into measured projects, the share that bought results on target."""


@dataclass(frozen=True, slots=True)
class ActivityMetrics:
    score: float
    projects: float
    partners: float
    volunteers: float
    results: float
    recent_projects: int
    partner_count: int
    volunteer_count: int
    reference_year: int | None
    window: int


@dataclass(frozen=True, slots=True)
class OrganizationMetrics:
    """What the data says about one organisation; ``flags`` are patterns worth a look."""

    bin: str
    name: str
    kind: str
    centrality: CentralityMetrics
    brokerage: BrokerageMetrics
    community: CommunityMetrics
    funding: FundingMetrics
    results: ResultMetrics
    activity: ActivityMetrics
    flags: tuple[Flag, ...]


def organization_metrics(
    db: Database,
    bin: str,
    *,
    cache: ProjectionCache | None = None,
    reference_year: int | None = None,
    window: int = 3,
) -> OrganizationMetrics:
    """The metrics of one organisation, from :func:`region_analysis`.

    Raises
    ------
    NotFound
        When no organisation in the analysis has this BIN (unknown or archived).

    Examples
    --------
    >>> metrics = organization_metrics(db, "940140000385")  # Клуб добряков
    >>> metrics.funding.state_share, metrics.funding.self_funded, metrics.centrality.degree
    (0.0, True, 0)
    >>> [f.code for f in metrics.flags]
    ['self_funded', 'targets_met', 'no_recent_projects', 'no_partners']
    """
    analysis = region_analysis(db, cache=cache, reference_year=reference_year, window=window)
    return metrics_from(analysis, bin)


def metrics_from(analysis: RegionAnalysis, bin: str) -> OrganizationMetrics:
    """The metrics of one organisation in an analysis already computed (no database read):
    :func:`organization_metrics` on, e.g., the last one a
    :class:`~graph.analytics.refresh.Refresher` computed.

    Raises
    ------
    NotFound
        When no organisation in the analysis has this BIN (unknown, archived, or created after
        the analysis).
    """
    key = normalize_bin(bin)
    table = analysis.organizations
    if key not in table.index:
        raise NotFound(
            t("no organisation with BIN {bin} in the analysis (unknown or archived)", bin=key)
        )
    row = table.loc[key]
    return OrganizationMetrics(
        bin=key,
        name=str(row["name"]),
        kind=str(row["kind"]),
        centrality=CentralityMetrics(
            degree=_int(row["degree"]),
            weighted_degree=float(row["weighted_degree"]),
            betweenness=float(row["betweenness"]),
            pagerank=float(row["pagerank"]),
            core_number=_int(row["core_number"]),
        ),
        brokerage=BrokerageMetrics(
            constraint=_float(row["constraint"]),
            effective_size=_float(row["effective_size"]),
            by_kind=analysis.roles["kind"][key],
            by_settlement=analysis.roles["settlement"][key],
        ),
        community=CommunityMetrics(
            community=_int(row["community"]),
            size=_int(row["community_size"]),
            participation=float(row["participation"]),
            communities_reached=_int(row["communities_reached"]),
            in_core=bool(row["in_core"]),
        ),
        funding=FundingMetrics(
            funding_kzt=_int(row["funding_kzt"]),
            state_kzt=_int(row["state_kzt"]),
            state_share=_float(row["state_share"]),
            hhi=_float(row["hhi"]),
            funders=_int(row["funders"]),
            self_funded=bool(row["self_funded"]),
            by_mechanism={m.value: _int(row[f"{m.value}_kzt"]) for m in Mechanism},
            revenue_hhi=_float(row["revenue_hhi"]),
        ),
        results=ResultMetrics(
            completed_projects=_int(row["completed_projects"]),
            beneficiaries_target=_int(row["beneficiaries_target"]),
            beneficiaries_reached=_int(row["beneficiaries_reached"]),
            reach_ratio=_float(row["reach_ratio"]),
            kzt_per_beneficiary=_float(row["kzt_per_beneficiary"]),
            paid_projects=_int(row["paid_projects"]),
            indicator_projects=_int(row["indicator_projects"]),
            paid_kzt=_int(row["paid_kzt"]),
            achieved_share=_float(row["achieved_share"]),
        ),
        activity=ActivityMetrics(
            score=float(row["activity"]),
            projects=float(row["projects_score"]),
            partners=float(row["partners_score"]),
            volunteers=float(row["volunteers_score"]),
            results=float(row["results_score"]),
            recent_projects=_int(row["recent_projects"]),
            partner_count=_int(row["partners"]),
            volunteer_count=_int(row["volunteers"]),
            reference_year=_opt(row["reference_year"]),
            window=_int(row["window"]),
        ),
        flags=analysis.flags.get(key, ()),
    )


# -- one territory -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YouthGroupEntry:
    bin: str
    name: str
    district_kato: str | None
    activity: float
    rank_in_district: int
    supported_by_district_akimat: bool


@dataclass(frozen=True, slots=True)
class TerritoryReport:
    """Civil society in one territory and everything under it.

    ``per_10k`` is organisations per 10,000 residents of the territory (its ``population``
    includes the territories under it). Funding is what is attributed to its organisations
    (as accountable), all years. ``flag_counts`` counts the neutral flags of its
    organisations by code.
    """

    kato: str
    name: str
    type: str | None
    settlement: str | None
    population: int | None
    organizations: int
    per_10k: float | None
    by_kind: Mapping[str, int]
    by_settlement: Mapping[str, int]
    funding_kzt: int
    state_kzt: int
    state_share: float | None
    funding_by_mechanism: Mapping[str, int]
    self_funded_organizations: int
    mean_activity: float | None
    top_youth_groups: tuple[YouthGroupEntry, ...]
    flag_counts: Mapping[str, int]


def territory_report(
    db: Database,
    kato: str,
    *,
    cache: ProjectionCache | None = None,
    reference_year: int | None = None,
    window: int = 3,
    top: int = 5,
) -> TerritoryReport:
    """A report on one territory, from :func:`region_indicators` (no network measures).

    Raises
    ------
    InvalidInput
        When ``kato`` is not a KATO code.
    NotFound
        When no territory has it.

    Examples
    --------
    >>> report = territory_report(db, "553610000")  # Теренкольский район
    >>> report.organizations, report.by_kind, round(report.per_10k, 3)
    (1, {'youth_group': 1}, 0.476)
    >>> [(y.name, y.supported_by_district_akimat) for y in report.top_youth_groups]
    [('Жастар Теренколь', True)]
    """
    rules.checked(rules.kato, kato, field="kato")
    analysis = region_indicators(db, cache=cache, reference_year=reference_year, window=window)
    return report_from(analysis, kato, top=top)


def report_from(analysis: RegionIndicators, kato: str, *, top: int = 5) -> TerritoryReport:
    """:func:`territory_report` from indicators already computed (no database read), e.g. the
    last ones a :class:`~graph.analytics.refresh.Refresher` computed.

    Raises
    ------
    InvalidInput
        When ``kato`` is not a KATO code.
    NotFound
        When no territory had it when the indicators were computed.
    """
    rules.checked(rules.kato, kato, field="kato")
    # Selecting one territory's organisations scans the region's table: the finished report is
    # kept with the indicators it came from (so it lives exactly as long as they do).
    found = analysis.reports.get((kato, top))
    if found is None:
        found = analysis.reports[(kato, top)] = _territory_report(analysis, kato, top)
    return found


def _territory_report(analysis: RegionIndicators, kato: str, top: int) -> TerritoryReport:
    if kato not in analysis.territories.index:
        raise NotFound(t("no territory with KATO code {kato}", kato=kato))
    territory = analysis.territories.loc[kato]
    table = analysis.organizations
    inside = table[[kato in chain for chain in table["territories"]]]
    population = _opt(territory["population"])
    funding, state = int(inside["funding_kzt"].sum()), int(inside["state_kzt"].sum())
    youth = analysis.youth[analysis.youth["bin"].isin(inside.index)]
    youth = youth.sort_values(["activity", "name", "bin"], ascending=[False, True, True])
    flag_counts = Counter(f.code for b in inside.index for f in analysis.flags.get(b, ()))
    return TerritoryReport(
        kato=kato,
        name=str(territory["name"]),
        type=_opt(territory["type"]),
        settlement=_opt(territory["settlement"]),
        population=None if population is None else int(population),
        organizations=len(inside),
        per_10k=10_000 * len(inside) / population if population else None,
        by_kind=dict(sorted(Counter(inside["kind"]).items())),
        by_settlement=dict(sorted(Counter(str(s) for s in inside["settlement"].dropna()).items())),
        funding_kzt=funding,
        state_kzt=state,
        state_share=state / funding if funding else None,
        funding_by_mechanism={m.value: int(inside[f"{m.value}_kzt"].sum()) for m in Mechanism},
        self_funded_organizations=int(inside["self_funded"].sum()),
        mean_activity=_float(inside["activity"].mean()) if len(inside) else None,
        top_youth_groups=tuple(
            YouthGroupEntry(
                bin=str(r["bin"]),
                name=str(r["name"]),
                district_kato=_opt(r["district_kato"]),
                activity=float(r["activity"]),
                rank_in_district=int(r["rank"]),
                supported_by_district_akimat=bool(r["supported_by_district_akimat"]),
            )
            for _, r in youth.head(top).iterrows()
        ),
        flag_counts=dict(sorted(flag_counts.items())),
    )


def activity_by_bin(db: Database, cache: ProjectionCache | None = None) -> dict[str, float]:
    """Every organisation's activity score (``activity_scores``), cached per graph version."""

    def build() -> dict[str, float]:
        return {str(b): float(v) for b, v in activity_scores(db)["activity"].items()}

    return cache.get(db, ("activity_by_bin",), build) if cache is not None else build()


def activity_from(indicators: RegionIndicators) -> dict[str, float]:
    """:func:`activity_by_bin` from indicators already computed (no database read)."""
    return {str(b): float(v) for b, v in indicators.activity["activity"].items()}
