"""The mutations of 0.1.0, kept working as they were and deprecated for the Relay-style ones."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import strawberry
from strawberry.permission import BasePermission

from api.context import Context
from api.discovery import DiscoveryMutation
from api.permissions import IsCoordinator
from api.types.common import (
    FundingMechanism,
    LegalForm,
    OrganizationKind,
    ParticipationRole,
    ProjectStatus,
)
from api.types.organization import Organization
from api.types.project import Project
from api.types.scalars import Tenge
from graph import edits

Info = strawberry.Info[Context, None]
_COORDINATOR: list[type[BasePermission]] = [IsCoordinator]


def _use(new: str) -> str:
    return f"Use `{new}`: one `input` naming objects by ID or natural key, a payload with IDs."


def _value(enum_value: StrEnum | None) -> str | None:
    return None if enum_value is None else enum_value.value


@strawberry.input
class OrganizationInput:
    name: str | None = None
    kind: OrganizationKind | None = None
    legal_form: LegalForm | None = None
    kato: str | None = strawberry.field(default=None, description="Where it is registered.")
    name_kk: str | None = None
    aliases: list[str] | None = None
    founded_year: int | None = None
    staff: int | None = None
    volunteers: int | None = None
    focus_areas: list[str] | None = None

    def fields(self) -> edits.OrganizationFields:
        return edits.OrganizationFields(
            name=self.name,
            kind=_value(self.kind),
            legal_form=_value(self.legal_form),
            kato=self.kato,
            name_kk=self.name_kk,
            aliases=self.aliases,
            founded_year=self.founded_year,
            staff=self.staff,
            volunteers=self.volunteers,
            focus_areas=self.focus_areas,
        )


@strawberry.input
class ProjectInput:
    title: str | None = None
    focus_areas: list[str] | None = None
    kato: str | None = strawberry.field(default=None, description="Beneficiary territory.")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget_kzt: Tenge | None = None
    beneficiaries_target: int | None = None
    beneficiaries_reached: int | None = None
    status: ProjectStatus | None = None

    def fields(self) -> edits.ProjectFields:
        return edits.ProjectFields(
            title=self.title,
            focus_areas=self.focus_areas,
            kato=self.kato,
            start_date=self.start_date,
            end_date=self.end_date,
            budget_kzt=self.budget_kzt,
            beneficiaries_target=self.beneficiaries_target,
            beneficiaries_reached=self.beneficiaries_reached,
            status=_value(self.status),
        )


@strawberry.input
class FundingInput:
    funder: str = strawberry.field(description="Akimat code, organisation BIN or 'citizens'.")
    project_code: str
    amount_kzt: Tenge
    mechanism: FundingMechanism
    year: int


@strawberry.input
class PartnershipInput:
    bin_a: str
    bin_b: str
    since: dt.date | None = None
    basis: str | None = None


@strawberry.type
class PartnershipResult:
    bin_a: str
    bin_b: str
    since: dt.date | None
    basis: str | None
    until: dt.date | None


@strawberry.type
class FundingResult:
    previous_amount_kzt: Tenge | None
    amount_kzt: Tenge


def _partnership(state: edits.PartnershipState) -> PartnershipResult:
    return PartnershipResult(
        bin_a=state.bin_a,
        bin_b=state.bin_b,
        since=state.since,
        basis=state.basis,
        until=state.until,
    )


@strawberry.type
class LegacyMutation(DiscoveryMutation):
    @strawberry.mutation(
        permission_classes=_COORDINATOR, deprecation_reason=_use("addOrganization")
    )
    async def create_organization(
        self, info: Info, bin: str, input: OrganizationInput
    ) -> Organization:
        org = await info.context.run(
            edits.create_organization,
            info.context.db,
            bin,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return Organization.from_domain(org)

    @strawberry.mutation(
        permission_classes=_COORDINATOR, deprecation_reason=_use("editOrganization")
    )
    async def update_organization(
        self, info: Info, bin: str, input: OrganizationInput
    ) -> Organization:
        org = await info.context.run(
            edits.update_organization,
            info.context.db,
            bin,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return Organization.from_domain(org)

    @strawberry.mutation(
        permission_classes=_COORDINATOR,
        deprecation_reason=_use("setOrganizationArchived"),
        description="Hide from lists and suggestions; nothing is deleted.",
    )
    async def archive_organization(self, info: Info, bin: str) -> Organization:
        org = await info.context.run(
            edits.archive_organization, info.context.db, bin, actor=info.context.viewer.actor
        )
        return Organization.from_domain(org)

    @strawberry.mutation(permission_classes=_COORDINATOR, deprecation_reason=_use("addProject"))
    async def create_project(self, info: Info, code: str, input: ProjectInput) -> Project:
        project = await info.context.run(
            edits.save_project,
            info.context.db,
            code,
            input.fields(),
            create=True,
            actor=info.context.viewer.actor,
        )
        return Project.from_domain(project)

    @strawberry.mutation(permission_classes=_COORDINATOR, deprecation_reason=_use("editProject"))
    async def update_project(self, info: Info, code: str, input: ProjectInput) -> Project:
        project = await info.context.run(
            edits.save_project,
            info.context.db,
            code,
            input.fields(),
            create=False,
            actor=info.context.viewer.actor,
        )
        return Project.from_domain(project)

    @strawberry.mutation(
        permission_classes=_COORDINATOR, deprecation_reason=_use("addProjectParticipant")
    )
    async def add_participation(
        self, info: Info, project_code: str, bin: str, role: ParticipationRole
    ) -> bool:
        return await info.context.run(
            edits.set_participation,
            info.context.db,
            project_code,
            bin,
            role.value,
            present=True,
            actor=info.context.viewer.actor,
        )

    @strawberry.mutation(
        permission_classes=_COORDINATOR, deprecation_reason=_use("removeProjectParticipant")
    )
    async def remove_participation(
        self, info: Info, project_code: str, bin: str, role: ParticipationRole
    ) -> bool:
        return not await info.context.run(
            edits.set_participation,
            info.context.db,
            project_code,
            bin,
            role.value,
            present=False,
            actor=info.context.viewer.actor,
        )

    @strawberry.mutation(
        permission_classes=_COORDINATOR,
        deprecation_reason=_use("setFunding"),
        description="Set the amount a funder gives a project by a mechanism in a year.",
    )
    async def record_funding(self, info: Info, input: FundingInput) -> FundingResult:
        previous = await info.context.run(
            edits.record_funding,
            info.context.db,
            funder=input.funder,
            project_code=input.project_code,
            amount_kzt=input.amount_kzt,
            mechanism=input.mechanism.value,
            year=input.year,
            actor=info.context.viewer.actor,
        )
        return FundingResult(
            previous_amount_kzt=None if previous is None else Tenge(previous),
            amount_kzt=input.amount_kzt,
        )

    @strawberry.mutation(
        permission_classes=_COORDINATOR,
        deprecation_reason=_use("recordPartnership"),
        description="Record a partnership (one per pair, in either order).",
    )
    async def save_partnership(self, info: Info, input: PartnershipInput) -> PartnershipResult:
        state = await info.context.run(
            edits.save_partnership,
            info.context.db,
            input.bin_a,
            input.bin_b,
            since=input.since,
            basis=input.basis,
            actor=info.context.viewer.actor,
        )
        return _partnership(state)

    @strawberry.mutation(
        permission_classes=_COORDINATOR, deprecation_reason=_use("closePartnership")
    )
    async def end_partnership(
        self, info: Info, bin_a: str, bin_b: str, until: dt.date | None = None
    ) -> PartnershipResult:
        state = await info.context.run(
            edits.save_partnership,
            info.context.db,
            bin_a,
            bin_b,
            until=until,
            end=True,
            actor=info.context.viewer.actor,
        )
        return _partnership(state)
