"""Enums, page info and the connection shape shared by every list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from graph import vocab
from graph.pagination import Page

OrganizationKind = strawberry.enum(vocab.OrgKind, name="OrganizationKind")
LegalForm = strawberry.enum(vocab.LegalForm, name="LegalForm")
ParticipationRole = strawberry.enum(
    vocab.Role, name="ParticipationRole", description="IATI organisation roles in an activity."
)
FundingMechanism = strawberry.enum(vocab.Mechanism, name="FundingMechanism")
AkimatLevel = strawberry.enum(vocab.AkimatLevel, name="AkimatLevel")
TerritoryType = strawberry.enum(vocab.TerritoryType, name="TerritoryType")
Settlement = strawberry.enum(vocab.Settlement, name="Settlement")
ProjectStatus = strawberry.enum(vocab.ProjectStatus, name="ProjectStatus")

N = TypeVar("N")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page[object]) -> PageInfo:
        cursors = [cursor for cursor, _ in page.items]
        return cls(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type
class Counted:
    """Base of every connection: ``totalCount`` runs its count query only when selected."""

    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All items matching, counted only when asked for.")
    async def total_count(self) -> int:
        return await self._count()


@strawberry.type(description="A keyset page: cursors stay valid while data is written.")
class Connection(Counted, Generic[N]):
    edges: list[Edge[N]]


def connection(
    page: Page[object], wrap: Callable[[object], N], count: Callable[[], Awaitable[int]]
) -> Connection[N]:
    return Connection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[Edge(cursor=cursor, node=wrap(item)) for cursor, item in page.items],
    )
