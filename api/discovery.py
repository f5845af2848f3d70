"""Partner discovery in the schema: what coordinators come for. Logic lives in graph.discovery.

The rankings (suggestions, active organisations, duplicates) and the outcome history are pages
with *offset* cursors: a ranking is recomputed per request, so there is no stable key to seek
from, and :data:`RANKED_DEPTH` bounds how far down one reaches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import strawberry
from strawberry.permission import BasePermission

from api.context import Context
from api.permissions import IsCoordinator
from api.references import natural_key
from api.types.common import OrganizationKind
from api.types.discovery import (
    ActiveOrganization,
    ActiveOrganizationConnection,
    ConnectionPath,
    DuplicatePair,
    DuplicatePairConnection,
    Suggestion,
    SuggestionConnection,
    SuggestionOutcome,
    SuggestionOutcomeConnection,
)
from graph import discovery
from graph.discovery import OutcomeKind
from graph.errors import InvalidInput
from graph.i18n import t
from graph.pagination import Page, decode_cursor, encode_cursor
from graph.rules import MAX_PAGE_SIZE, check_page_size

Info = strawberry.Info[Context, None]
_COORDINATOR: list[type[BasePermission]] = [IsCoordinator]
T = TypeVar("T")

RANKED_DEPTH = MAX_PAGE_SIZE
"""How far down a ranking pages reach: the graph ranks at most this many."""


def ranked_request(first: int | None, after: str | None, *, default: int) -> tuple[int, int]:
    """``(offset, size)`` of a ranked page; how many to rank is ``min(offset + size + 1,
    RANKED_DEPTH)``."""
    check_page_size(first, None)
    offset = 0
    if after is not None:
        position = decode_cursor(after, field="after")
        if not isinstance(position.value, int) or not 0 <= position.value < RANKED_DEPTH:
            raise InvalidInput(
                t("{after!r} is not a cursor of this list", after=after), field="after"
            )
        offset = position.value + 1
    return offset, default if first is None else first


def to_rank(offset: int, size: int) -> int:
    """How many items to ask the graph for: one beyond the page tells whether more follow."""
    return max(1, min(offset + size + 1, RANKED_DEPTH))


def ranked_page(items: list[T], offset: int, size: int, key: Callable[[T], str]) -> Page[T]:
    """The page ``[offset, offset + size)`` of a ranking, each cursor its position."""
    chosen = items[offset : offset + size]
    return Page(
        [(encode_cursor(offset + i, key(item)), item) for i, item in enumerate(chosen)],
        has_next=len(items) > offset + size,
        has_previous=offset > 0,
    )


def organization_key(value: str, *, field: str) -> str:
    """A BIN from an organisation's global ID or the BIN itself."""
    return natural_key(value, "Organization", field=field)


async def organization_suggestions(
    info: Info, bin: str, first: int | None, after: str | None, filter: SuggestionFilter | None
) -> SuggestionConnection:
    offset, size = ranked_request(first, after, default=10)
    f = filter or SuggestionFilter()
    found = await info.context.run(
        discovery.suggest_partners,
        info.context.db,
        bin,
        first=to_rank(offset, size),
        kinds=[k.value for k in f.kinds] if f.kinds else None,
        territory=f.territory,
        rural_only=f.rural_only,
        focus_areas=f.focus_areas,
        include_partners=f.include_partners,
        cache=info.context.analytics,
    )
    return SuggestionConnection.of(ranked_page(found, offset, size, lambda s: s.organization.bin))


async def project_suggestions(
    info: Info, code: str, first: int | None, after: str | None
) -> SuggestionConnection:
    offset, size = ranked_request(first, after, default=10)
    found = await info.context.run(
        discovery.suggest_for_project,
        info.context.db,
        code,
        first=to_rank(offset, size),
        cache=info.context.analytics,
    )
    return SuggestionConnection.of(ranked_page(found, offset, size, lambda s: s.organization.bin))


async def suggestion_outcomes(
    info: Info, bin: str, first: int | None, after: str | None
) -> SuggestionOutcomeConnection:
    offset, size = ranked_request(first, after, default=20)
    found = await info.context.run(
        discovery.outcomes, info.context.db, bin, first=to_rank(offset, size)
    )
    return SuggestionOutcomeConnection.of(ranked_page(found, offset, size, lambda o: o.id))


async def territory_active_organizations(
    info: Info,
    kato: str,
    kinds: list[OrganizationKind] | None,
    first: int | None,
    after: str | None,
) -> ActiveOrganizationConnection:
    offset, size = ranked_request(first, after, default=10)
    computed = await info.context.run(info.context.refresher.indicators)
    found = await info.context.run(
        discovery.active_organizations,
        info.context.db,
        territory=kato,
        kinds=[k.value for k in kinds] if kinds else None,
        first=to_rank(offset, size),
        scores=computed.value.activity,
    )
    return ActiveOrganizationConnection.of(
        ranked_page(found, offset, size, lambda a: a.organization.bin), computed
    )


@strawberry.input(description="Narrow the candidates.")
class SuggestionFilter:
    kinds: list[OrganizationKind] | None = None
    territory: str | None = strawberry.field(
        default=None, description="KATO code: candidates located there or under it."
    )
    rural_only: bool = False
    focus_areas: list[str] | None = strawberry.field(
        default=None, description="Candidates working on at least one of these."
    )
    include_partners: bool = strawberry.field(
        default=False, description="Also rank organisations that are partners already."
    )


@strawberry.input
class SuggestionOutcomeInput:
    organization: str = strawberry.field(description="BIN of the organisation advised.")
    partner: str = strawberry.field(description="BIN of the organisation suggested to it.")
    outcome: OutcomeKind
    note: str | None = None


@strawberry.type
class DiscoveryQuery:
    @strawberry.field(
        description="Organisations to work with, best first, each with a score in [0, 1] and "
        "typed reasons (shared projects, common partners, complementary kinds...). Existing "
        "partners, archived organisations and declined pairs are left out.",
        deprecation_reason="Use `Organization.partnerSuggestions`: a connection.",
    )
    async def partner_suggestions(
        self,
        info: Info,
        organization: str,
        first: int = 10,
        filter: SuggestionFilter | None = None,
    ) -> list[Suggestion]:
        f = filter or SuggestionFilter()
        found = await info.context.run(
            discovery.suggest_partners,
            info.context.db,
            organization,
            first=first,
            kinds=[k.value for k in f.kinds] if f.kinds else None,
            territory=f.territory,
            rural_only=f.rural_only,
            focus_areas=f.focus_areas,
            include_partners=f.include_partners,
            cache=info.context.analytics,
        )
        return [Suggestion.from_domain(s) for s in found]

    @strawberry.field(
        description="Organisations to invite to a project, best first.",
        deprecation_reason="Use `Project.partnerSuggestions`: a connection.",
    )
    async def project_partner_suggestions(
        self, info: Info, project: str, first: int = 10
    ) -> list[Suggestion]:
        found = await info.context.run(
            discovery.suggest_for_project,
            info.context.db,
            project,
            first=first,
            cache=info.context.analytics,
        )
        return [Suggestion.from_domain(s) for s in found]

    @strawberry.field(
        description="How do we know them? The shortest chains of real relationships between "
        "two organisations (up to maxHops, 1..6), each hop in words.",
        deprecation_reason="Use `connectionPaths`: IDs or BINs, null alone on an error.",
    )
    async def connection(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="A BIN.")],
        to: Annotated[str, strawberry.argument(description="A BIN.")],
        max_hops: int = 4,
    ) -> list[ConnectionPath]:
        found = await info.context.run(
            discovery.connection, info.context.db, from_, to, max_hops=max_hops
        )
        return [ConnectionPath.from_domain(p) for p in found]

    @strawberry.field(
        description="The most active organisations under a territory (youth groups when asked), "
        "the score broken down, and whether the territory's akimat already supports them.",
        deprecation_reason="Use `Territory.activeOrganizations`: a connection.",
    )
    async def active_organizations(
        self,
        info: Info,
        territory: str,
        kinds: list[OrganizationKind] | None = None,
        first: int = 10,
    ) -> list[ActiveOrganization]:
        computed = await info.context.run(info.context.refresher.indicators)
        found = await info.context.run(
            discovery.active_organizations,
            info.context.db,
            territory=territory,
            kinds=[k.value for k in kinds] if kinds else None,
            first=first,
            scores=computed.value.activity,
        )
        return [ActiveOrganization.from_domain(a) for a in found]

    @strawberry.field(
        description="What coordinators did with suggestions to or of an organisation.",
        permission_classes=_COORDINATOR,
        deprecation_reason="Use `Organization.suggestionOutcomes`: a connection.",
    )
    async def suggestion_outcomes(
        self, info: Info, organization: str, first: int = 50
    ) -> list[SuggestionOutcome]:
        found = await info.context.run(
            discovery.outcomes, info.context.db, organization, first=first
        )
        return [SuggestionOutcome.from_domain(o) for o in found]

    @strawberry.field(
        description="Records that are probably the same organisation, for data stewards.",
        permission_classes=_COORDINATOR,
        deprecation_reason="Use `duplicateCandidates`: a connection, null alone without a token.",
    )
    async def possible_duplicates(self, info: Info, first: int = 20) -> list[DuplicatePair]:
        found = await info.context.run(discovery.possible_duplicates, info.context.db, first=first)
        return [DuplicatePair.from_domain(d) for d in found]

    @strawberry.field(
        description="How do we know them? The shortest chains of real relationships between "
        "two organisations (up to maxHops, 1..6), closest ties first, each hop in words. At "
        "most `first` chains (1..100)."
    )
    async def connection_paths(
        self,
        info: Info,
        from_: Annotated[
            strawberry.ID,
            strawberry.argument(name="from", description="An organisation's ID or BIN."),
        ],
        to: Annotated[strawberry.ID, strawberry.argument(description="An ID or a BIN.")],
        max_hops: int = 4,
        first: int = 10,
    ) -> list[ConnectionPath] | None:
        found = await info.context.run(
            discovery.connection,
            info.context.db,
            organization_key(from_, field="from"),
            organization_key(to, field="to"),
            max_hops=max_hops,
            first=first,
        )
        return [ConnectionPath.from_domain(p) for p in found]

    @strawberry.field(
        description="Records that are probably the same organisation, most likely first, for "
        "data stewards (coordinators and admins).",
        permission_classes=_COORDINATOR,
    )
    async def duplicate_candidates(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> DuplicatePairConnection | None:
        offset, size = ranked_request(first, after, default=20)
        found = await info.context.run(
            discovery.possible_duplicates, info.context.db, first=to_rank(offset, size)
        )
        return DuplicatePairConnection.of(
            ranked_page(found, offset, size, lambda d: f"{d.first.bin}-{d.second.bin}")
        )


@strawberry.type
class DiscoveryMutation:
    @strawberry.mutation(
        description="Record what you did with a suggestion: contacted, partnered (starts the "
        "partnership) or declined (never suggested again for that pair).",
        permission_classes=_COORDINATOR,
        deprecation_reason="Use `reportSuggestionOutcome`: one `input` naming objects by ID or "
        "natural key, a payload with IDs.",
    )
    async def record_suggestion_outcome(
        self, info: Info, input: SuggestionOutcomeInput
    ) -> SuggestionOutcome:
        found = await info.context.run(
            discovery.record_outcome,
            info.context.db,
            input.organization,
            input.partner,
            input.outcome.value,
            input.note,
            actor=info.context.viewer.actor,
        )
        return SuggestionOutcome.from_domain(found)
