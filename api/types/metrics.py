"""Network and indicator measures from ``graph.analytics``, computed on the cached projection.

Indicators flag patterns worth a look; they are never verdicts about an organisation.
"""

from __future__ import annotations

from collections.abc import Mapping

import strawberry

from api.types.scalars import Tenge
from graph.analytics import reports


@strawberry.type
class Count:
    key: str
    count: int


@strawberry.type
class Amount:
    key: str
    amount_kzt: Tenge


def _counts(values: Mapping[str, int]) -> list[Count]:
    return [Count(key=k, count=v) for k, v in sorted(values.items())]


def _amounts(values: Mapping[str, int]) -> list[Amount]:
    return [Amount(key=k, amount_kzt=Tenge(v)) for k, v in sorted(values.items())]


@strawberry.type(description="A pattern worth a look, in neutral words.")
class Flag:
    code: str
    message: str


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
    funding_hhi: float | None = strawberry.field(description="Herfindahl index of its funders.")
    self_funded: bool
    reach_ratio: float | None = strawberry.field(description="Reached ÷ targeted, completed.")
    kzt_per_beneficiary: float | None
    activity: Activity
    flags: list[Flag]

    @classmethod
    def from_domain(cls, m: reports.OrganizationMetrics) -> OrganizationMetrics:
        roles = m.brokerage.by_kind
        return cls(
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
            self_funded=m.funding.self_funded,
            reach_ratio=m.results.reach_ratio,
            kzt_per_beneficiary=m.results.kzt_per_beneficiary,
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
            flags=[Flag(code=f.code, message=f.message) for f in m.flags],
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
    by_kind: list[Count]
    by_settlement: list[Count]
    funding_kzt: Tenge
    state_kzt: Tenge
    state_share: float | None
    funding_by_mechanism: list[Amount]
    self_funded_organizations: int
    mean_activity: float | None
    top_youth_groups: list[YouthGroupRank]
    flag_counts: list[Count]

    @classmethod
    def from_domain(cls, r: reports.TerritoryReport) -> TerritoryReport:
        return cls(
            organizations=r.organizations,
            organizations_per_10k=r.per_10k,
            by_kind=_counts(r.by_kind),
            by_settlement=_counts(r.by_settlement),
            funding_kzt=Tenge(r.funding_kzt),
            state_kzt=Tenge(r.state_kzt),
            state_share=r.state_share,
            funding_by_mechanism=_amounts(r.funding_by_mechanism),
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
        )
