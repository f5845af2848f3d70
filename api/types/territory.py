from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.context import Context
from api.types.common import (
    AkimatLevel,
    Connection,
    Counted,
    OrganizationKind,
    PageInfo,
    Settlement,
    SupportForm,
    TerritoryType,
    connection,
)
from api.types.metrics import TerritoryReport
from api.types.organization import DISPLAY_NAME, Organization, page_request
from api.types.source import SOURCED, SOURCES, Source, source_fields
from graph import territories
from graph.analytics.reports import report_from
from graph.i18n import current_language
from graph.names import display_name

if TYPE_CHECKING:
    from api.types.discovery import ActiveOrganizationConnection
    from api.types.support import SupportRecordConnection

Info = strawberry.Info[Context, None]
ActiveOrganizationsRef = Annotated[
    "ActiveOrganizationConnection", strawberry.lazy("api.types.discovery")
]
SupportsRef = Annotated["SupportRecordConnection", strawberry.lazy("api.types.support")]


@strawberry.type(description="A territory by its KATO code: region, city, district, okrug.")
class Territory(relay.Node):
    key: relay.NodeID[str]
    kato: str
    name: str
    name_kk: str | None
    name_ru: str | None = strawberry.field(description="Russian name.")
    type: TerritoryType
    settlement: Settlement | None = strawberry.field(
        description="Urban or rural as recorded on this territory (null for mixed ones)."
    )
    population: int | None
    aliases: list[str] = strawberry.field(description="Former names, e.g. Качиры for Теренколь.")
    _parent: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, t: territories.Territory) -> Territory:
        return cls(
            key=t.kato,
            kato=t.kato,
            name=t.name,
            name_kk=t.name_kk,
            name_ru=t.name_ru,
            type=TerritoryType(t.type),
            settlement=Settlement(t.settlement) if t.settlement else None,
            population=t.population,
            aliases=list(t.aliases),
            _parent=t.parent_kato,
        )

    @strawberry.field(description=DISPLAY_NAME)
    def display_name(self) -> str:
        return display_name(current_language(), self.name, self.name_ru, self.name_kk)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Territory | None]:
        found = await info.context.loaders.territory.load_many(list(node_ids))
        return [cls.from_domain(t) if t else None for t in found]

    @strawberry.field
    async def parent(self, info: Info) -> Territory | None:
        if self._parent is None:
            return None
        found = await info.context.loaders.territory.load(self._parent)
        return Territory.from_domain(found) if found else None

    @strawberry.field(description="Territories directly under this one, by KATO code.")
    async def children(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Territory]:
        page, count = await info.context.loaders.territory_children.page(
            self.kato, page_request(info, first, after, last, before)
        )
        return connection(page, Territory.from_domain, count)

    @strawberry.field(description="Organisations here or in any territory under this one.")
    async def organizations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Organization]:
        page, count = await info.context.loaders.territory_organizations.page(
            self.kato, page_request(info, first, after, last, before)
        )
        return connection(
            page,
            Organization.from_domain,
            count,
        )

    @strawberry.field(
        description="Civil society here and under here, in numbers, as last computed "
        "(`graphVersion`, `computedAt`)."
    )
    async def report(self, info: Info) -> TerritoryReport:
        computed = await info.context.run(info.context.refresher.indicators)
        return TerritoryReport.from_domain(report_from(computed.value, self.kato), computed)

    @strawberry.field
    async def akimats(self, info: Info) -> list[Akimat]:
        found = await info.context.loaders.akimats_governing.load(self.kato)
        return [Akimat.from_domain(a) for a in found]

    @strawberry.field(
        description="The most active organisations here and under here (youth groups first when "
        "asked with other kinds), the score broken down, and whether this territory's akimat "
        "already supports them."
    )
    async def active_organizations(
        self,
        info: Info,
        kinds: list[OrganizationKind] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> ActiveOrganizationsRef | None:
        from api.discovery import territory_active_organizations

        return await territory_active_organizations(info, self.kato, kinds, first, after)


@strawberry.type
class SupportEdge:
    cursor: str
    node: Organization
    since_year: int | None
    form: str | None = strawberry.field(
        deprecation_reason="Use `supportForm`: the form as an enum (OTHER for other words)."
    )
    support_form: SupportForm | None = strawberry.field(
        description="Premises, information, consulting or grant support (null when not recorded)."
    )
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)


@strawberry.type(description="A local executive body (regional, city, district, rural okrug).")
class Akimat(relay.Node):
    key: relay.NodeID[str]
    code: str
    name: str
    name_kk: str | None
    name_ru: str | None = strawberry.field(description="Russian name.")
    level: AkimatLevel
    _kato: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, a: territories.Akimat) -> Akimat:
        return cls(
            key=a.code,
            code=a.code,
            name=a.name,
            name_kk=a.name_kk,
            name_ru=a.name_ru,
            level=AkimatLevel(a.level),
            _kato=a.kato,
        )

    @strawberry.field(description=DISPLAY_NAME)
    def display_name(self) -> str:
        return display_name(current_language(), self.name, self.name_ru, self.name_kk)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Akimat | None]:
        found = await info.context.loaders.akimat.load_many(list(node_ids))
        return [cls.from_domain(a) if a else None for a in found]

    @strawberry.field
    async def territory(self, info: Info) -> Territory | None:
        if self._kato is None:
            return None
        found = await info.context.loaders.territory.load(self._kato)
        return Territory.from_domain(found) if found else None

    @strawberry.field(
        description="What this akimat gives organisations (not archived), the latest first; "
        "supports that ended or have not begun only with `includeEnded`."
    )
    async def supports(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        include_ended: bool = False,
    ) -> SupportsRef:
        from api.types.support import support_connection

        page, count = await info.context.loaders.akimat_supports.page(
            self.code,
            page_request(info, first, after, last, before),
            (("include_ended", include_ended),),
        )
        return support_connection(page, count)

    @strawberry.field(
        description="Organisations this akimat supports (premises, grants, advice), one edge "
        "each with its earliest support.",
        deprecation_reason="Use `supports`: every support, with its kind, dates and amount.",
    )
    async def supported_organizations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> SupportConnection:
        page, count = await info.context.loaders.akimat_supported.page(
            self.code, page_request(info, first, after, last, before)
        )
        return SupportConnection(
            page_info=PageInfo.of(page),
            _count=count,
            edges=[
                SupportEdge(
                    cursor=c,
                    node=Organization.from_domain(s.organization),
                    since_year=s.since_year,
                    form=s.form,
                    support_form=SupportForm.of(s.form),
                    **source_fields(s.sources),
                )
                for c, s in page.items
            ],
        )


@strawberry.type
class SupportConnection(Counted):
    edges: list[SupportEdge]
