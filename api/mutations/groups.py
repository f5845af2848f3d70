"""Initiative groups: created without a BIN, registered with one (Relay style)."""

from __future__ import annotations

import strawberry

from api.mutations.common import COORDINATOR, FocusAreaCode, Info, codes
from api.references import natural_key
from api.types.common import LegalForm, OrganizationKind
from api.types.organization import Organization
from graph.edits import groups

__all__ = ["GroupMutation"]


@strawberry.input(description="A new initiative group: people acting together without a BIN.")
class CreateInitiativeGroupInput:
    name: str
    territory: strawberry.ID = strawberry.field(
        description="Where it works: the territory's ID or KATO code."
    )
    focus_areas: list[FocusAreaCode] | None = None
    name_kk: str | None = None
    name_ru: str | None = None
    contact: str | None = strawberry.field(
        default=None,
        description="How to reach the group (phone or e-mail of its contact person); stored "
        "for coordinators, not published.",
    )
    volunteers_count: int | None = None
    founded_year: int | None = None

    def fields(self) -> groups.GroupFields:
        return groups.GroupFields(
            name=self.name,
            kato=natural_key(self.territory, "Territory", field="territory"),
            focus_areas=tuple(codes(self.focus_areas) or ()),
            name_kk=self.name_kk,
            name_ru=self.name_ru,
            contact=self.contact,
            volunteers=self.volunteers_count,
            founded_year=self.founded_year,
        )


@strawberry.type
class CreateInitiativeGroupPayload:
    organization: Organization = strawberry.field(
        description="The group; `key` is its new key (IG-…)."
    )


@strawberry.input(description="An initiative group that registered a legal entity.")
class RegisterInitiativeGroupInput:
    key: strawberry.ID = strawberry.field(description="The group's ID or key (IG-…).")
    bin: str = strawberry.field(description="Its new business identification number (12 digits).")
    legal_form: LegalForm
    kind: OrganizationKind = strawberry.field(
        default=OrganizationKind.NGO, description="What it is now (not INITIATIVE_GROUP)."
    )


@strawberry.type
class RegisterInitiativeGroupPayload:
    organization: Organization = strawberry.field(
        description="The registered organisation: the same relationships and history, a new ID."
    )


@strawberry.type
class GroupMutation:
    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Add an initiative group without a BIN; it gets a stable key IG-….",
    )
    async def create_initiative_group(
        self, info: Info, input: CreateInitiativeGroupInput
    ) -> CreateInitiativeGroupPayload | None:
        org = await info.context.run(
            groups.create_initiative_group,
            info.context.db,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return CreateInitiativeGroupPayload(organization=Organization.from_domain(org))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Give an initiative group its BIN: it becomes a registered organisation and "
        "keeps every relationship and its audit history; its key keeps finding it.",
    )
    async def register_initiative_group(
        self, info: Info, input: RegisterInitiativeGroupInput
    ) -> RegisterInitiativeGroupPayload | None:
        org = await info.context.run(
            groups.register_initiative_group,
            info.context.db,
            natural_key(input.key, "Organization", field="key"),
            input.bin,
            input.legal_form.value,
            kind=input.kind.value,
            actor=info.context.viewer.actor,
        )
        return RegisterInitiativeGroupPayload(organization=Organization.from_domain(org))
