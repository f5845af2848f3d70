"""What an akimat gives an organisation: one support record (:mod:`graph.supports`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry
from strawberry import relay

from api.context import Context
from api.types.common import Counted, PageInfo
from api.types.scalars import Tenge
from api.types.source import SOURCED, SOURCES, Source, source_fields
from graph import supports, vocab
from graph.errors import NotFound
from graph.i18n import t
from graph.pagination import Page

if TYPE_CHECKING:
    from api.types.organization import Organization
    from api.types.territory import Akimat

Info = strawberry.Info[Context, None]
OrganizationRef = Annotated["Organization", strawberry.lazy("api.types.organization")]
AkimatRef = Annotated["Akimat", strawberry.lazy("api.types.territory")]

strawberry.enum(
    vocab.SupportKind,
    name="SupportKind",
    description="What an akimat gives an organisation it supports.",
)
SupportKind: TypeAlias = vocab.SupportKind


@strawberry.type(
    description="An akimat's support of an organisation: one kind, from one date. An akimat "
    "may support an organisation in several ways, or in the same way again later: each is a "
    "support of its own."
)
class Support(relay.Node):
    key: relay.NodeID[str]
    kind: SupportKind
    since: dt.date | None = strawberry.field(
        description="When it began; null for a support imported without a start."
    )
    until: dt.date | None = strawberry.field(description="When it ended (or ends); null: open.")
    amount_kzt: Tenge | None = strawberry.field(
        description="Its value in tenge, when it has one (a grant, an award)."
    )
    note: str | None
    in_force: bool = strawberry.field(description="Begun and not ended today.")
    sources: list[Source] = strawberry.field(description=SOURCES)
    sourced: bool = strawberry.field(description=SOURCED)
    _akimat: strawberry.Private[str]
    _bin: strawberry.Private[str]

    @classmethod
    def from_domain(cls, s: supports.Support) -> Support:
        return cls(
            key=s.key,
            kind=SupportKind(s.kind),
            since=s.since,
            until=s.until,
            amount_kzt=None if s.amount_kzt is None else Tenge(s.amount_kzt),
            note=s.note,
            in_force=s.in_force(dt.date.today()),
            **source_fields(s.sources),
            _akimat=s.akimat_code,
            _bin=s.organization_bin,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Support | None]:
        found = await info.context.loaders.support.load_many(list(node_ids))
        return [cls.from_domain(s) if s else None for s in found]

    @strawberry.field(description="The akimat that gives it.")
    async def akimat(self, info: Info) -> AkimatRef:
        from api.types.territory import Akimat

        found = await info.context.loaders.akimat.load(self._akimat)
        if found is None:  # a support joins an akimat and an organisation: both exist
            raise NotFound(t("no akimat with code {code}", code=self._akimat))
        return Akimat.from_domain(found)

    @strawberry.field(description="The organisation supported.")
    async def organization(self, info: Info) -> OrganizationRef:
        from api.types.organization import Organization

        found = await info.context.loaders.organization.load(self._bin)
        if found is None:
            raise NotFound(t("no organisation with BIN {bin}", bin=self._bin))
        return Organization.from_domain(found)


@strawberry.type
class SupportRecordEdge:
    cursor: str
    node: Support


@strawberry.type(description="Supports, the latest first.")
class SupportRecordConnection(Counted):
    edges: list[SupportRecordEdge]


def support_connection(
    page: Page[supports.Support], count: Callable[[], Awaitable[int]]
) -> SupportRecordConnection:
    return SupportRecordConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[SupportRecordEdge(cursor=c, node=Support.from_domain(s)) for c, s in page.items],
    )
