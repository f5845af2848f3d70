from __future__ import annotations

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


@strawberry.type(description="Money or in-kind help from a funder to a project in a year.")
class Funding:
    amount_kzt: Tenge
    mechanism: FundingMechanism
    year: int
    is_state: bool = strawberry.field(description="State social order, grant or NGO award.")
    _funding: strawberry.Private[relations.Funding]
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)

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
