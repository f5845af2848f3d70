from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable

import strawberry
from strawberry import relay

from api.context import Context
from api.types.common import Counted, MembershipKind, PageInfo
from graph import relations
from graph.errors import Forbidden
from graph.i18n import t
from graph.pagination import Page
from graph.tokens import ApiRole

Info = strawberry.Info[Context, None]


@strawberry.type(
    description="A volunteer or member: minimal personal data, visible to admins only."
)
class Person(relay.Node):
    key: relay.NodeID[str]
    display_name: str

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Person | None]:
        if not info.context.viewer.allows(ApiRole.ADMIN):
            raise Forbidden(t("personal data is visible to admins only"))
        found = await info.context.loaders.person.load_many(list(node_ids))
        return [cls(key=p.id, display_name=p.display_name) if p else None for p in found]


@strawberry.type
class MembershipEdge:
    cursor: str
    node: Person
    relation: str = strawberry.field(
        description="volunteer or member",
        deprecation_reason="Use `membership`: the same value as an enum.",
    )
    membership: MembershipKind
    since: dt.date | None


@strawberry.type
class MembershipConnection(Counted):
    edges: list[MembershipEdge]


def membership_connection(
    page: Page[relations.Membership], count: Callable[[], Awaitable[int]]
) -> MembershipConnection:
    return MembershipConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[
            MembershipEdge(
                cursor=c,
                node=Person(key=m.person_id, display_name=m.display_name),
                relation=m.relation,
                membership=MembershipKind(m.relation),
                since=m.since,
            )
            for c, m in page.items
        ],
    )
