"""The House's volunteers and services (stewards; audited in :mod:`graph.edits.volunteers` and
:mod:`graph.edits.services`)."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.permission import BasePermission

from api.mutations.common import Info
from api.permissions import IsSteward
from api.references import natural_key
from api.types.hub_vocab import ServiceKind, Skill
from api.types.organization import Organization
from api.types.services import Service
from api.types.volunteers import Volunteer
from graph.edits import services as service_edits
from graph.edits import volunteers as volunteer_edits
from graph.errors import NotFound
from graph.hub import services, volunteers
from graph.i18n import t

__all__ = ["HubPeopleMutation"]

STEWARD: list[type[BasePermission]] = [IsSteward]


@strawberry.input(description="A volunteer the House records, with their consent.")
class RegisterVolunteerInput:
    id: str = strawberry.field(
        description="A pseudonymous id the House chooses, e.g. `v-0042` (letters, digits, `-`, "
        "`_`, `.`); a person of the people table with this id becomes the volunteer."
    )
    display_name: str = strawberry.field(
        description="How to show them, e.g. «Айгерим С.» (personal data)."
    )
    territory: str = strawberry.field(description="KATO code of where they live or can help.")
    consent: bool = strawberry.field(
        description="They agreed to be recorded; must be true (else BAD_USER_INPUT)."
    )
    skills: list[Skill] = strawberry.field(default_factory=list)
    hours_per_month: int | None = None
    organizations: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="IDs or BINs (or groups' keys) they volunteer for."
    )


@strawberry.input(description="What changes; a field left null stays as it is.")
class UpdateVolunteerInput:
    id: strawberry.ID = strawberry.field(description="The volunteer's ID or id (`key`).")
    display_name: str | None = None
    territory: str | None = strawberry.field(default=None, description="KATO code.")
    skills: list[Skill] | None = strawberry.field(
        default=None, description="The whole list (replaces the old one)."
    )
    hours_per_month: int | None = None
    organizations: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The whole list of IDs or BINs (replaces the old one)."
    )


@strawberry.input(description="The volunteer whose personal data is erased on their request.")
class EraseVolunteerInput:
    id: strawberry.ID = strawberry.field(description="The volunteer's ID or id (`key`).")


@strawberry.input(description="One service a resource centre gave an organisation or group.")
class RecordServiceInput:
    code: str = strawberry.field(
        description="The House's reference, e.g. `SV-2021-033`; recording it again replaces it."
    )
    provider: strawberry.ID = strawberry.field(description="Who gave it: ID or BIN.")
    recipient: strawberry.ID = strawberry.field(
        description="Who received it: ID, BIN or an initiative group's key (IG-…)."
    )
    kind: ServiceKind
    topic: str
    date: dt.date
    hours: float
    participants: int | None = strawberry.field(
        default=None, description="People from the recipient who took part."
    )


@strawberry.type
class RegisterVolunteerPayload:
    volunteer: Volunteer
    organizations: list[Organization] = strawberry.field(
        description="The organisations they volunteer for."
    )


@strawberry.type
class UpdateVolunteerPayload:
    volunteer: Volunteer
    organizations: list[Organization] = strawberry.field(
        description="The organisations they volunteer for now, and those they left."
    )


@strawberry.type
class EraseVolunteerPayload:
    volunteer: Volunteer


@strawberry.type
class RecordServicePayload:
    service: Service
    provider: Organization
    recipient: Organization


def _organization_keys(values: list[strawberry.ID]) -> list[str]:
    return [natural_key(v, "Organization", field="organizations") for v in values]


def _volunteer_key(value: str) -> str:
    return natural_key(value, "Volunteer", "Person", field="id")


async def _organizations(info: Info, bins: list[str]) -> list[Organization]:
    found = await info.context.loaders.organization.load_many(bins)
    return [Organization.from_domain(o) for o in found if o is not None]


@strawberry.type
class HubPeopleMutation:
    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Record a volunteer who agreed to it (stewards): their name, territory, "
        "skills, hours a month and the organisations they volunteer for.",
    )
    async def register_volunteer(
        self, info: Info, input: RegisterVolunteerInput
    ) -> RegisterVolunteerPayload | None:
        found = await info.context.run(
            volunteer_edits.register_volunteer,
            info.context.db,
            id=input.id,
            display_name=input.display_name,
            kato=input.territory,
            skills=[s.value for s in input.skills],
            hours_per_month=input.hours_per_month,
            consent=input.consent,
            organizations=_organization_keys(input.organizations),
            actor=info.context.viewer.actor,
        )
        return RegisterVolunteerPayload(
            volunteer=Volunteer.from_domain(found),
            organizations=await _organizations(info, list(found.organizations)),
        )

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Change a volunteer (stewards): what is given changes, the rest stays.",
    )
    async def update_volunteer(
        self, info: Info, input: UpdateVolunteerInput
    ) -> UpdateVolunteerPayload | None:
        key = _volunteer_key(input.id)
        before = await info.context.run(volunteers.by_ids, info.context.db, [key])
        found = await info.context.run(
            volunteer_edits.update_volunteer,
            info.context.db,
            key,
            display_name=input.display_name,
            kato=input.territory,
            skills=None if input.skills is None else [s.value for s in input.skills],
            hours_per_month=input.hours_per_month,
            organizations=None
            if input.organizations is None
            else _organization_keys(input.organizations),
            actor=info.context.viewer.actor,
        )
        left = before[key].organizations if key in before else ()
        bins = sorted({*found.organizations, *left})
        return UpdateVolunteerPayload(
            volunteer=Volunteer.from_domain(found), organizations=await _organizations(info, bins)
        )

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Erase a volunteer's personal data on their request (stewards): the name is "
        "gone for everyone; their skills, hours and ties stay, so counts do. The audit log "
        "keeps that it happened, not what was erased.",
    )
    async def erase_volunteer(
        self, info: Info, input: EraseVolunteerInput
    ) -> EraseVolunteerPayload | None:
        found = await info.context.run(
            volunteer_edits.erase_volunteer,
            info.context.db,
            _volunteer_key(input.id),
            actor=info.context.viewer.actor,
        )
        return EraseVolunteerPayload(volunteer=Volunteer.from_domain(found))

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Record a service a resource centre gave an organisation or initiative "
        "group (stewards); the same code again replaces it.",
    )
    async def record_service(
        self, info: Info, input: RecordServiceInput
    ) -> RecordServicePayload | None:
        found: services.Service = await info.context.run(
            service_edits.record_service,
            info.context.db,
            code=input.code,
            provider=natural_key(input.provider, "Organization", field="provider"),
            recipient=natural_key(input.recipient, "Organization", field="recipient"),
            kind=input.kind.value,
            topic=input.topic,
            date=input.date,
            hours=input.hours,
            participants=input.participants,
            actor=info.context.viewer.actor,
        )
        ends = {o.bin: o for o in await _organizations(info, [found.provider, found.recipient])}
        if found.provider not in ends or found.recipient not in ends:
            raise NotFound(t("no organisation with BIN {bin}", bin=found.recipient))
        return RecordServicePayload(
            service=Service.from_domain(found),
            provider=ends[found.provider],
            recipient=ends[found.recipient],
        )
