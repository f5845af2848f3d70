"""Network and indicator measures from ``graph.analytics``, computed on the cached projection.

Indicators flag patterns worth a look; they are never verdicts about an organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import strawberry

from api.types.common import FlagKind, OrganizationKind, Settlement
from api.types.organization import MechanismAmount
from api.types.scalars import Tenge
from graph.analytics import reports
from graph.analytics.refresh import Computed
from graph.vocab import Mechanism


@strawberry.type
class Count:
    key: str
    count: int


@strawberry.type
class Amount:
    key: str
    amount_kzt: Tenge


_GRAPH_VERSION = (
    "The graph version these figures were computed from: writes after it are not in them yet "
    "(a recomputation runs in the background after writes)."
)
_COMPUTED_AT = "When these figures were computed."


def _counts(values: Mapping[str, int]) -> list[Count]:
    return [Count(key=k, count=v) for k, v in sorted(values.items())]


def _amounts(values: Mapping[str, int]) -> list[Amount]:
    return [Amount(key=k, amount_kzt=Tenge(v)) for k, v in sorted(values.items())]


@strawberry.type(description="A pattern worth a look, in neutral words.")
class Flag:
    code: str = strawberry.field(deprecation_reason="Use `kind`: the same value as an enum.")
    kind: FlagKind
    message: str


@strawberry.type
class OrganizationKindCount:
    kind: OrganizationKind
    count: int


@strawberry.type
class SettlementCount:
    settlement: Settlement
    count: int


@strawberry.type
class FlagCount:
    flag: FlagKind
    count: int


@strawberry.type
class Centrality:
    degree: int
    weighted_degree: float
    betweenness: float = strawberry.field(description="Brokerage between others (normalised).")
    pagerank: float
    core_number: int


@strawberry.type(description="Burt's structural holes and Gould–Fernandez roles.")
class Brokerage:
    constraint: float | None
    effective_size: float | None
    coordinator: int
    itinerant: int
    liaison: int
    gatekeeper_representative: int = strawberry.field(
        description="By organisation kind; for undirected ties the two roles coincide."
    )


@strawberry.type(description="Activity score in [0, 1] with its components (each in [0, 1]).")
class Activity:
    score: float
    projects: float
    partners: float
    volunteers: float
    results: float
    recent_projects: int
    partner_count: int
    volunteer_count: int
    reference_year: int | None
    window_years: int


@strawberry.type
class OrganizationMetrics:
    centrality: Centrality
    brokerage: Brokerage
    community: int = strawberry.field(description="Louvain community (fixed seed).")
    community_size: int
    in_core: bool = strawberry.field(description="In the Borgatti–Everett core of the network.")
    state_share: float | None
    funding_hhi: float | None = strawberry.field(
        description="Herfindahl index of its funders (1 = one funder; paying from its own income "
        "counts as one funder). Revenue concentration as the literature measures it is "
        "`revenueHhi`."
    )
    revenue_hhi: float | None = strawberry.field(
        description="Revenue concentration (Chang & Tuckman): the Herfindahl index over revenue "
        "types — government (state social order, grants, awards), contributions (donations, "
        "in kind) and earned income (own income). 1 = one type, 1/3 = the three equal."
    )
    self_funded: bool
    reach_ratio: float | None = strawberry.field(
        description="Reached ÷ targeted on projects whose results are due (completed, or paid "
        "in full); where projects have result indicators, their actual against target."
    )
    kzt_per_beneficiary: float | None = strawberry.field(
        description="Tenge paid per person reached on those projects."
    )
    achieved_share: float | None = strawberry.field(
        description="Results per tenge: of the tenge paid into those projects, the share that "
        "bought results on target (each project's money × how far it got, capped at 1)."
    )
    indicator_projects: int = strawberry.field(
        description="Projects whose results are judged by result indicators."
    )
    activity: Activity
    flags: list[Flag]
    graph_version: int | None = strawberry.field(description=_GRAPH_VERSION)
    computed_at: dt.datetime = strawberry.field(description=_COMPUTED_AT)

    @classmethod
    def from_domain(
        cls, m: reports.OrganizationMetrics, fresh: Computed[Any]
    ) -> OrganizationMetrics:
        roles = m.brokerage.by_kind
        return cls(
            graph_version=fresh.graph_version,
            computed_at=fresh.computed_at,
            centrality=Centrality(
                degree=m.centrality.degree,
                weighted_degree=m.centrality.weighted_degree,
                betweenness=m.centrality.betweenness,
                pagerank=m.centrality.pagerank,
                core_number=m.centrality.core_number,
            ),
            brokerage=Brokerage(
                constraint=m.brokerage.constraint,
                effective_size=m.brokerage.effective_size,
                coordinator=roles.coordinator,
                itinerant=roles.itinerant,
                liaison=roles.liaison,
                gatekeeper_representative=roles.gatekeeper_representative,
            ),
            community=m.community.community,
            community_size=m.community.size,
            in_core=m.community.in_core,
            state_share=m.funding.state_share,
            funding_hhi=m.funding.hhi,
            revenue_hhi=m.funding.revenue_hhi,
            self_funded=m.funding.self_funded,
            reach_ratio=m.results.reach_ratio,
            kzt_per_beneficiary=m.results.kzt_per_beneficiary,
            achieved_share=m.results.achieved_share,
            indicator_projects=m.results.indicator_projects,
            activity=Activity(
                score=m.activity.score,
                projects=m.activity.projects,
                partners=m.activity.partners,
                volunteers=m.activity.volunteers,
                results=m.activity.results,
                recent_projects=m.activity.recent_projects,
                partner_count=m.activity.partner_count,
                volunteer_count=m.activity.volunteer_count,
                reference_year=m.activity.reference_year,
                window_years=m.activity.window,
            ),
            flags=[
                Flag(code=f.code, kind=FlagKind(f.code), message=str(f.message)) for f in m.flags
            ],
        )


@strawberry.type
class YouthGroupRank:
    bin: str
    name: str
    activity: float
    rank_in_district: int
    supported_by_district_akimat: bool


@strawberry.type(description="A territory (with everything under it) in numbers.")
class TerritoryReport:
    organizations: int
    organizations_per_10k: float | None
    by_kind: list[Count] = strawberry.field(
        deprecation_reason="Use `kinds`: the kind as an `OrganizationKind`, not its file value."
    )
    kinds: list[OrganizationKindCount] = strawberry.field(
        description="Organisations per kind, kinds without organisations left out."
    )
    by_settlement: list[Count] = strawberry.field(
        deprecation_reason="Use `settlements`: the settlement as a `Settlement` enum."
    )
    settlements: list[SettlementCount] = strawberry.field(
        description="Organisations in urban and in rural places (where recorded)."
    )
    funding_kzt: Tenge
    state_kzt: Tenge
    state_share: float | None
    funding_by_mechanism: list[Amount] = strawberry.field(
        deprecation_reason="Use `mechanisms`: the mechanism as a `FundingMechanism` enum."
    )
    mechanisms: list[MechanismAmount] = strawberry.field(
        description="Whole tenge into the projects its organisations lead, every mechanism listed."
    )
    self_funded_organizations: int
    mean_activity: float | None
    top_youth_groups: list[YouthGroupRank]
    flag_counts: list[Count] = strawberry.field(
        deprecation_reason="Use `flags`: the flag as a `FlagKind` enum."
    )
    flags: list[FlagCount] = strawberry.field(
        description="Organisations per flag, flags nobody has left out."
    )
    graph_version: int | None = strawberry.field(description=_GRAPH_VERSION)
    computed_at: dt.datetime = strawberry.field(description=_COMPUTED_AT)

    @classmethod
    def from_domain(cls, r: reports.TerritoryReport, fresh: Computed[Any]) -> TerritoryReport:
        return cls(
            graph_version=fresh.graph_version,
            computed_at=fresh.computed_at,
            organizations=r.organizations,
            organizations_per_10k=r.per_10k,
            by_kind=_counts(r.by_kind),
            kinds=[
                OrganizationKindCount(kind=OrganizationKind(k), count=n)
                for k, n in sorted(r.by_kind.items())
            ],
            by_settlement=_counts(r.by_settlement),
            settlements=[
                SettlementCount(settlement=Settlement(k), count=n)
                for k, n in sorted(r.by_settlement.items())
            ],
            funding_kzt=Tenge(r.funding_kzt),
            state_kzt=Tenge(r.state_kzt),
            state_share=r.state_share,
            funding_by_mechanism=_amounts(r.funding_by_mechanism),
            mechanisms=[
                MechanismAmount(mechanism=Mechanism(k), amount_kzt=Tenge(a))
                for k, a in sorted(r.funding_by_mechanism.items())
            ],
            self_funded_organizations=r.self_funded_organizations,
            mean_activity=r.mean_activity,
            top_youth_groups=[
                YouthGroupRank(
                    bin=y.bin,
                    name=y.name,
                    activity=y.activity,
                    rank_in_district=y.rank_in_district,
                    supported_by_district_akimat=y.supported_by_district_akimat,
                )
                for y in r.top_youth_groups
            ],
            flag_counts=_counts(r.flag_counts),
            flags=[FlagCount(flag=FlagKind(k), count=n) for k, n in sorted(r.flag_counts.items())],
        )
