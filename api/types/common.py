"""Enums, page info and the connection shape shared by every list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeAlias, TypeVar

import strawberry

from graph import vocab
from graph.pagination import Page
from graph.tokens import ApiRole

# The graph's vocabularies are the GraphQL enums: registered here, used directly as types.
strawberry.enum(vocab.OrgKind, name="OrganizationKind")
strawberry.enum(vocab.LegalForm, name="LegalForm")
strawberry.enum(
    vocab.Role, name="ParticipationRole", description="IATI organisation roles in an activity."
)
strawberry.enum(vocab.Mechanism, name="FundingMechanism")
strawberry.enum(vocab.AkimatLevel, name="AkimatLevel")
strawberry.enum(vocab.TerritoryType, name="TerritoryType")
strawberry.enum(vocab.Settlement, name="Settlement")
strawberry.enum(vocab.ProjectStatus, name="ProjectStatus")
strawberry.enum(
    vocab.PartnershipBasis,
    name="PartnershipBasis",
    description="What a partnership rests on; OTHER for a basis recorded in other words.",
)
strawberry.enum(
    vocab.SupportForm,
    name="SupportForm",
    description="How an akimat supports an organisation; OTHER for a form recorded in other words.",
)
strawberry.enum(
    vocab.FlagKind, name="FlagKind", description="Patterns worth a look, never verdicts."
)
strawberry.enum(vocab.PersonRelation, name="MembershipKind")
strawberry.enum(ApiRole, name="AccessLevel", description="What an API token may do.")
OrganizationKind: TypeAlias = vocab.OrgKind
LegalForm: TypeAlias = vocab.LegalForm
ParticipationRole: TypeAlias = vocab.Role
FundingMechanism: TypeAlias = vocab.Mechanism
AkimatLevel: TypeAlias = vocab.AkimatLevel
TerritoryType: TypeAlias = vocab.TerritoryType
Settlement: TypeAlias = vocab.Settlement
ProjectStatus: TypeAlias = vocab.ProjectStatus
PartnershipBasis: TypeAlias = vocab.PartnershipBasis
SupportForm: TypeAlias = vocab.SupportForm
FlagKind: TypeAlias = vocab.FlagKind
MembershipKind: TypeAlias = vocab.PersonRelation
AccessLevel: TypeAlias = ApiRole

N = TypeVar("N")
Item = TypeVar("Item")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page[Any]) -> PageInfo:
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
    page: Page[Item], wrap: Callable[[Item], N], count: Callable[[], Awaitable[int]]
) -> Connection[N]:
    return Connection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[Edge(cursor=cursor, node=wrap(item)) for cursor, item in page.items],
    )
