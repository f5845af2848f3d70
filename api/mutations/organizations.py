"""Adding, editing and archiving organisations (Relay style: one ``input``, a payload)."""

from __future__ import annotations

import strawberry

from api.mutations.common import COORDINATOR, FocusAreaCode, Info, codes
from api.references import natural_key
from api.types.common import LegalForm, OrganizationKind
from api.types.organization import Organization
from graph import edits

__all__ = ["OrganizationMutation"]


@strawberry.input(description="A new organisation; what it must have is non-null.")
class AddOrganizationInput:
    bin: str = strawberry.field(description="Business identification number (12 digits).")
    name: str
    kind: OrganizationKind
    legal_form: LegalForm
    territory: strawberry.ID = strawberry.field(
        description="Where it is registered: the territory's ID or KATO code."
    )
    name_ru: str | None = strawberry.field(
        default=None, description='Russian name, kept apart from `name` ("" removes it).'
    )
    name_kk: str | None = strawberry.field(
        default=None, description='Kazakh name, kept apart from `name` ("" removes it).'
    )
    aliases: list[str] | None = None
    founded_year: int | None = None
    staff: int | None = None
    volunteers_count: int | None = None
    focus_areas: list[FocusAreaCode] | None = None

    def fields(self) -> edits.OrganizationFields:
        return edits.OrganizationFields(
            name=self.name,
            kind=self.kind.value,
            legal_form=self.legal_form.value,
            kato=natural_key(self.territory, "Territory", field="territory"),
            name_ru=self.name_ru,
            name_kk=self.name_kk,
            aliases=self.aliases,
            founded_year=self.founded_year,
            staff=self.staff,
            volunteers=self.volunteers_count,
            focus_areas=codes(self.focus_areas),
        )


@strawberry.input(description="What to change in an organisation; a null field stays as it is.")
class EditOrganizationInput:
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    name: str | None = None
    kind: OrganizationKind | None = None
    legal_form: LegalForm | None = None
    territory: strawberry.ID | None = strawberry.field(
        default=None, description="Where it is registered: the territory's ID or KATO code."
    )
    name_ru: str | None = strawberry.field(
        default=None, description='Russian name, kept apart from `name` ("" removes it).'
    )
    name_kk: str | None = strawberry.field(
        default=None, description='Kazakh name, kept apart from `name` ("" removes it).'
    )
    aliases: list[str] | None = None
    founded_year: int | None = None
    staff: int | None = None
    volunteers_count: int | None = None
    focus_areas: list[FocusAreaCode] | None = None

    def fields(self) -> edits.OrganizationFields:
        kato = self.territory
        return edits.OrganizationFields(
            name=self.name,
            kind=None if self.kind is None else self.kind.value,
            legal_form=None if self.legal_form is None else self.legal_form.value,
            kato=None if kato is None else natural_key(kato, "Territory", field="territory"),
            name_ru=self.name_ru,
            name_kk=self.name_kk,
            aliases=self.aliases,
            founded_year=self.founded_year,
            staff=self.staff,
            volunteers=self.volunteers_count,
            focus_areas=codes(self.focus_areas),
        )


@strawberry.input
class SetOrganizationArchivedInput:
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    archived: bool = True


@strawberry.type
class AddOrganizationPayload:
    organization: Organization


@strawberry.type
class EditOrganizationPayload:
    organization: Organization


@strawberry.type
class SetOrganizationArchivedPayload:
    organization: Organization


def _bin(organization: str) -> str:
    return natural_key(organization, "Organization", field="organization")


@strawberry.type
class OrganizationMutation:
    @strawberry.mutation(permission_classes=COORDINATOR)
    async def add_organization(
        self, info: Info, input: AddOrganizationInput
    ) -> AddOrganizationPayload | None:
        org = await info.context.run(
            edits.create_organization,
            info.context.db,
            input.bin,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return AddOrganizationPayload(organization=Organization.from_domain(org))

    @strawberry.mutation(permission_classes=COORDINATOR)
    async def edit_organization(
        self, info: Info, input: EditOrganizationInput
    ) -> EditOrganizationPayload | None:
        org = await info.context.run(
            edits.update_organization,
            info.context.db,
            _bin(input.organization),
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return EditOrganizationPayload(organization=Organization.from_domain(org))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Archive (hide from lists and suggestions; nothing is deleted) or restore.",
    )
    async def set_organization_archived(
        self, info: Info, input: SetOrganizationArchivedInput
    ) -> SetOrganizationArchivedPayload | None:
        org = await info.context.run(
            edits.archive_organization,
            info.context.db,
            _bin(input.organization),
            archived=input.archived,
            actor=info.context.viewer.actor,
        )
        return SetOrganizationArchivedPayload(organization=Organization.from_domain(org))
