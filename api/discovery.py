"""Partner discovery in the schema: what coordinators come for. Logic lives in graph.discovery."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.permission import BasePermission

from api.context import Context
from api.permissions import IsCoordinator
from api.types.common import OrganizationKind
from api.types.discovery import (
    ActiveOrganization,
    ConnectionPath,
    DuplicatePair,
    Suggestion,
    SuggestionOutcome,
)
from graph import discovery
from graph.discovery import OutcomeKind

Info = strawberry.Info[Context, None]
_COORDINATOR: list[type[BasePermission]] = [IsCoordinator]


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
        "partners, archived organisations and declined pairs are left out."
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

    @strawberry.field(description="Organisations to invite to a project, best first.")
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
        "two organisations (up to maxHops, 1..6), each hop in words."
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
        "the score broken down, and whether the territory's akimat already supports them."
    )
    async def active_organizations(
        self,
        info: Info,
        territory: str,
        kinds: list[OrganizationKind] | None = None,
        first: int = 10,
    ) -> list[ActiveOrganization]:
        found = await info.context.run(
            discovery.active_organizations,
            info.context.db,
            territory=territory,
            kinds=[k.value for k in kinds] if kinds else None,
            first=first,
        )
        return [ActiveOrganization.from_domain(a) for a in found]

    @strawberry.field(
        description="What coordinators did with suggestions to or of an organisation.",
        permission_classes=_COORDINATOR,
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
    )
    async def possible_duplicates(self, info: Info, first: int = 20) -> list[DuplicatePair]:
        found = await info.context.run(discovery.possible_duplicates, info.context.db, first=first)
        return [DuplicatePair.from_domain(d) for d in found]


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
