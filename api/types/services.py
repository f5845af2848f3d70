"""Services a resource centre gives organisations and groups (:mod:`graph.hub.services`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.context import Context
from api.filters import DateRange
from api.types.common import Counted, PageInfo
from api.types.hub_vocab import ServiceKind
from graph.errors import NotFound
from graph.hub import services
from graph.i18n import t
from graph.pagination import Page

if TYPE_CHECKING:
    from api.types.organization import Organization

__all__ = ["Service", "ServiceConnection", "ServiceWhere", "service_connection"]

Info = strawberry.Info[Context, None]
OrganizationRef = Annotated["Organization", strawberry.lazy("api.types.organization")]


@strawberry.type(
    description="What a resource centre (such as the House of NGOs) did for an organisation or "
    "an initiative group: a consultation, a training, legal or accounting help..."
)
class Service(relay.Node):
    key: relay.NodeID[str]
    code: str = strawberry.field(description="The House's reference, e.g. `SV-2021-033`.")
    kind: ServiceKind
    topic: str
    date: dt.date
    hours: float
    participants: int | None = strawberry.field(
        description="People from the recipient who took part (a training's attendance)."
    )
    _provider: strawberry.Private[str]
    _recipient: strawberry.Private[str]

    @classmethod
    def from_domain(cls, s: services.Service) -> Service:
        return cls(
            key=s.code,
            code=s.code,
            kind=ServiceKind(s.kind),
            topic=s.topic,
            date=s.date,
            hours=float(s.hours),
            participants=s.participants,
            _provider=s.provider,
            _recipient=s.recipient,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Service | None]:
        found = await info.context.loaders.service.load_many(list(node_ids))
        return [cls.from_domain(s) if s else None for s in found]

    async def _organization(self, info: Info, bin: str) -> Organization:
        from api.types.organization import Organization

        found = await info.context.loaders.organization.load(bin)
        if found is None:  # a service joins two organisations: both exist
            raise NotFound(t("no organisation with BIN {bin}", bin=bin))
        return Organization.from_domain(found)

    @strawberry.field(description="Who gave it (typically a resource centre).")
    async def provider(self, info: Info) -> OrganizationRef:
        return await self._organization(info, self._provider)

    @strawberry.field(description="The organisation or initiative group that received it.")
    async def recipient(self, info: Info) -> OrganizationRef:
        return await self._organization(info, self._recipient)


@strawberry.type
class ServiceEdge:
    cursor: str
    node: Service


@strawberry.type(description="Services, the newest first.")
class ServiceConnection(Counted):
    edges: list[ServiceEdge]


def service_connection(
    page: Page[services.Service], count: Callable[[], Awaitable[int]]
) -> ServiceConnection:
    return ServiceConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[ServiceEdge(cursor=c, node=Service.from_domain(s)) for c, s in page.items],
    )


@strawberry.input(description="Which services: of these kinds, in this date range.")
class ServiceWhere:
    kind: list[ServiceKind] | None = strawberry.field(
        default=None, description="Any of these kinds (null: every kind)."
    )
    date: DateRange | None = strawberry.field(
        default=None, description="Dates within these bounds (`gte`/`lte`; `gt`/`lt` exclusive)."
    )

    def params(self) -> tuple[tuple[str, object], ...]:
        """The graph's filter parameters (:func:`graph.hub.services.filters`)."""
        kinds = None if self.kind is None else tuple(sorted({k.value for k in self.kind}))
        low = high = None
        if self.date is not None:
            day = dt.timedelta(days=1)
            lows = [self.date.gte, self.date.gt and self.date.gt + day]
            highs = [self.date.lte, self.date.lt and self.date.lt - day]
            low = max((d for d in lows if d), default=None)
            high = min((d for d in highs if d), default=None)
        return services.filters(kinds, low, high)
