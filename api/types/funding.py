from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.relay import GlobalID

from api.context import Context
from api.types.common import FundingMechanism
from api.types.scalars import Tenge
from api.types.source import SOURCED, SOURCES, Source, source_fields
from graph import relations
from graph.vocab import Mechanism

if TYPE_CHECKING:
    from api.types.organization import Organization
    from api.types.project import Project
    from api.types.territory import Akimat

Info = strawberry.Info[Context, None]


@strawberry.type(description="Unnamed givers, e.g. residents who gave flats to people in need.")
class Donor:
    code: str
    name: str


Funder = Annotated[
    Annotated["Akimat", strawberry.lazy("api.types.territory")]
    | Annotated["Organization", strawberry.lazy("api.types.organization")]
    | Donor,
    strawberry.union("Funder"),
]


@strawberry.type(
    description="Money or in-kind help from a funder to a project in a year: committed (e.g. a "
    "state social order contract's sum) and, where recorded, how much of it was paid."
)
class Funding:
    amount_kzt: Tenge = strawberry.field(description="The amount committed (`committedKzt`).")
    mechanism: FundingMechanism
    year: int
    is_state: bool = strawberry.field(description="State social order, grant or NGO award.")
    committed_kzt: Tenge = strawberry.field(description="The amount committed.")
    disbursed_kzt: Tenge | None = strawberry.field(
        description="Paid so far; null when no payment is recorded."
    )
    committed_on: dt.date | None = strawberry.field(
        description="When it was committed (the contract or decision date)."
    )
    disbursed_on: dt.date | None = strawberry.field(description="When the last payment was made.")
    _funding: strawberry.Private[relations.Funding]
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)

    @strawberry.field(description="Paid ÷ committed; null when no payment is recorded.")
    def disbursed_share(self) -> float | None:
        f = self._funding
        if f.disbursed_kzt is None or not f.amount_kzt:
            return None
        return f.disbursed_kzt / f.amount_kzt

    @strawberry.field(description="Funder, project, mechanism and year: the same funding, one ID.")
    def id(self) -> strawberry.ID:
        f = self._funding
        key = f"{f.funder_key}/{f.project_code}/{f.mechanism}/{f.year}"
        return strawberry.ID(str(GlobalID("Funding", key)))

    @classmethod
    def from_domain(cls, funding: relations.Funding) -> Funding:
        return cls(
            amount_kzt=Tenge(funding.amount_kzt),
            mechanism=FundingMechanism(funding.mechanism),
            year=funding.year,
            is_state=Mechanism(funding.mechanism).is_state,
            committed_kzt=Tenge(funding.amount_kzt),
            disbursed_kzt=None if funding.disbursed_kzt is None else Tenge(funding.disbursed_kzt),
            committed_on=funding.committed_on,
            disbursed_on=funding.disbursed_on,
            _funding=funding,
            **source_fields(funding.sources),
        )

    @strawberry.field
    async def funder(self, info: Info) -> Funder:
        f = self._funding
        return await funder_of(info, kind=f.funder_kind, key=f.funder_key, name=f.funder_name)

    @strawberry.field
    async def project(self, info: Info) -> Annotated[Project, strawberry.lazy("api.types.project")]:
        from api.types.project import Project

        found = await info.context.loaders.project.load(self._funding.project_code)
        assert found is not None
        return Project.from_domain(found)


async def funder_of(info: Info, *, kind: str, key: str, name: str) -> Funder:
    """The funder a ``graph`` row names by kind (akimat, organization, donor) and key."""
    from api.types.organization import Organization
    from api.types.territory import Akimat

    if kind == "akimat":
        akimat = await info.context.loaders.akimat.load(key)
        assert akimat is not None
        return Akimat.from_domain(akimat)
    if kind == "organization":
        org = await info.context.loaders.organization.load(key)
        assert org is not None
        return Organization.from_domain(org)
    return Donor(code=key, name=name)
