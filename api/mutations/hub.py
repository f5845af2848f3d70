"""The House of NGOs' writes: offers and handovers (stewards), needs (coordinators for the
organisations in their territory, stewards and admins for any), erasing a citizen giver."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.permission import BasePermission

from api.mutations.common import COORDINATOR, Info
from api.permissions import IsSteward
from api.references import natural_key
from api.types.hub import (
    GiverKind,
    Handover,
    Need,
    Offer,
    OfferCategory,
    OfferStatus,
    Urgency,
)
from api.types.hub_vocab import Skill
from api.types.scalars import Tenge
from graph.edits import handovers, needs, offers

__all__ = ["HubMutation"]

STEWARD: list[type[BasePermission]] = [IsSteward]
_TERRITORY = "Where it is: the territory's ID or KATO code."


def _value(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _kato(territory: str | None) -> str | None:
    return None if territory is None else natural_key(territory, "Territory", field="territory")


def _offer(offer: str) -> str:
    return natural_key(offer, "Offer", field="offer")


def _need(need: str) -> str:
    return natural_key(need, "Need", field="need")


@strawberry.input(
    description="A new offer. A citizen's `giverName` and `giverContact` are kept only with "
    "`consent: true` (an error otherwise); an organisation or business is named by `giverBin` "
    "(a business also by `giverName`), an akimat by `giverAkimat`."
)
class CreateOfferInput:
    code: str
    category: OfferCategory
    title: str
    quantity: int
    unit: str
    territory: strawberry.ID = strawberry.field(description=_TERRITORY)
    giver_kind: GiverKind
    skill: Skill | None = strawberry.field(default=None, description="For category SKILL.")
    value_kzt: Tenge | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    status: OfferStatus | None = strawberry.field(
        default=None, description="OFFERED (the default) or RESERVED."
    )
    giver_bin: str | None = None
    giver_akimat: str | None = strawberry.field(default=None, description="An akimat's code.")
    giver_name: str | None = None
    giver_contact: str | None = None
    consent: bool = strawberry.field(
        default=False, description="A citizen giver agreed that their name and contact be kept."
    )

    def fields(self) -> offers.OfferFields:
        return offers.OfferFields(
            category=_value(self.category),
            title=self.title,
            quantity=self.quantity,
            unit=self.unit,
            kato=_kato(self.territory),
            giver_kind=_value(self.giver_kind),
            skill=_value(self.skill),
            value_kzt=self.value_kzt,
            available_from=self.available_from,
            available_until=self.available_until,
            status=_value(self.status),
            giver_bin=self.giver_bin,
            giver_akimat=self.giver_akimat,
            giver_name=self.giver_name,
            giver_contact=self.giver_contact,
            consent=self.consent,
        )


@strawberry.input(description="What to change in an offer (not its giver); null stays as is.")
class UpdateOfferInput:
    offer: strawberry.ID = strawberry.field(description="Its ID or code.")
    title: str | None = None
    quantity: int | None = None
    unit: str | None = None
    territory: strawberry.ID | None = strawberry.field(default=None, description=_TERRITORY)
    skill: Skill | None = None
    value_kzt: Tenge | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    status: OfferStatus | None = strawberry.field(default=None, description="OFFERED or RESERVED.")

    def fields(self) -> offers.OfferFields:
        return offers.OfferFields(
            title=self.title,
            quantity=self.quantity,
            unit=self.unit,
            kato=_kato(self.territory),
            skill=_value(self.skill),
            value_kzt=self.value_kzt,
            available_from=self.available_from,
            available_until=self.available_until,
            status=_value(self.status),
        )


@strawberry.input
class OfferRefInput:
    offer: strawberry.ID = strawberry.field(description="Its ID or code.")


@strawberry.input(description="A new, open need of an organisation.")
class CreateNeedInput:
    code: str
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    category: OfferCategory
    title: str = strawberry.field(description="What for, without personal data of anyone served.")
    quantity: int
    unit: str
    territory: strawberry.ID = strawberry.field(description=_TERRITORY)
    urgency: Urgency
    skill: Skill | None = strawberry.field(default=None, description="For category SKILL.")
    opened_on: dt.date | None = strawberry.field(default=None, description="Today by default.")
    needed_by: dt.date | None = None
    project: strawberry.ID | None = strawberry.field(
        default=None, description="The project's ID or code."
    )

    def fields(self) -> needs.NeedFields:
        return needs.NeedFields(
            organization=natural_key(self.organization, "Organization", field="organization"),
            category=_value(self.category),
            title=self.title,
            quantity=self.quantity,
            unit=self.unit,
            kato=_kato(self.territory),
            urgency=_value(self.urgency),
            skill=_value(self.skill),
            opened_on=self.opened_on,
            needed_by=self.needed_by,
            project=None
            if self.project is None
            else natural_key(self.project, "Project", field="project"),
        )


@strawberry.input(description="What to change in a need (not its organisation); null stays.")
class UpdateNeedInput:
    need: strawberry.ID = strawberry.field(description="Its ID or code.")
    title: str | None = None
    quantity: int | None = None
    unit: str | None = None
    territory: strawberry.ID | None = strawberry.field(default=None, description=_TERRITORY)
    urgency: Urgency | None = None
    skill: Skill | None = None
    needed_by: dt.date | None = None
    project: strawberry.ID | None = strawberry.field(
        default=None, description='The project\'s ID or code; "" removes it.'
    )

    def fields(self) -> needs.NeedFields:
        project: str | None = self.project
        if project:
            project = natural_key(project, "Project", field="project")
        return needs.NeedFields(
            title=self.title,
            quantity=self.quantity,
            unit=self.unit,
            kato=_kato(self.territory),
            urgency=_value(self.urgency),
            skill=_value(self.skill),
            needed_by=self.needed_by,
            project=project,
        )


@strawberry.input
class NeedRefInput:
    need: strawberry.ID = strawberry.field(description="Its ID or code.")


@strawberry.input(
    description="Give `quantity` of an offer to a need. More than is left of the offer, a "
    "withdrawn or expired offer, a met or closed need: CONFLICT."
)
class RecordHandoverInput:
    offer: strawberry.ID = strawberry.field(description="Its ID or code.")
    need: strawberry.ID = strawberry.field(description="Its ID or code.")
    quantity: int
    date: dt.date | None = strawberry.field(default=None, description="Today by default.")
    value_kzt: Tenge | None = strawberry.field(
        default=None, description="By default the offer's value per unit × quantity."
    )


@strawberry.type
class OfferPayload:
    offer: Offer


@strawberry.type
class NeedPayload:
    need: Need


@strawberry.type
class RecordHandoverPayload:
    handover: Handover
    offer: Offer
    need: Need


@strawberry.type
class HubMutation:
    @strawberry.mutation(permission_classes=STEWARD, description="Record an offer (stewards).")
    async def create_offer(self, info: Info, input: CreateOfferInput) -> OfferPayload | None:
        found = await info.context.run(
            offers.create_offer,
            info.context.db,
            input.code,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return OfferPayload(offer=Offer.from_domain(found))

    @strawberry.mutation(permission_classes=STEWARD, description="Change an offer (stewards).")
    async def update_offer(self, info: Info, input: UpdateOfferInput) -> OfferPayload | None:
        found = await info.context.run(
            offers.update_offer,
            info.context.db,
            _offer(input.offer),
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return OfferPayload(offer=Offer.from_domain(found))

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="The giver took it back: never matched or handed over (stewards).",
    )
    async def withdraw_offer(self, info: Info, input: OfferRefInput) -> OfferPayload | None:
        found = await info.context.run(
            offers.withdraw_offer,
            info.context.db,
            _offer(input.offer),
            actor=info.context.viewer.actor,
        )
        return OfferPayload(offer=Offer.from_domain(found))

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Erase a citizen giver's name and contact on their request; the offer and "
        "its handovers stay, anonymised. The audit keeps that it happened, not what was erased "
        "(stewards).",
    )
    async def erase_giver(self, info: Info, input: OfferRefInput) -> OfferPayload | None:
        found = await info.context.run(
            offers.erase_giver,
            info.context.db,
            _offer(input.offer),
            actor=info.context.viewer.actor,
        )
        return OfferPayload(offer=Offer.from_domain(found))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Record an organisation's need (coordinators: in their territory).",
    )
    async def create_need(self, info: Info, input: CreateNeedInput) -> NeedPayload | None:
        found = await info.context.run(
            needs.create_need,
            info.context.db,
            input.code,
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return NeedPayload(need=Need.from_domain(found))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Change a need (coordinators: in their territory).",
    )
    async def update_need(self, info: Info, input: UpdateNeedInput) -> NeedPayload | None:
        found = await info.context.run(
            needs.update_need,
            info.context.db,
            _need(input.need),
            input.fields(),
            actor=info.context.viewer.actor,
        )
        return NeedPayload(need=Need.from_domain(found))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Close a need, met or not (coordinators: in their territory).",
    )
    async def close_need(self, info: Info, input: NeedRefInput) -> NeedPayload | None:
        found = await info.context.run(
            needs.close_need, info.context.db, _need(input.need), actor=info.context.viewer.actor
        )
        return NeedPayload(need=Need.from_domain(found))

    @strawberry.mutation(
        permission_classes=STEWARD,
        description="Give an offer, or part of it, to a need: both statuses follow (stewards).",
    )
    async def record_handover(
        self, info: Info, input: RecordHandoverInput
    ) -> RecordHandoverPayload | None:
        done = await info.context.run(
            handovers.record_handover,
            info.context.db,
            _offer(input.offer),
            _need(input.need),
            input.quantity,
            on=input.date,
            value_kzt=input.value_kzt,
            actor=info.context.viewer.actor,
        )
        return RecordHandoverPayload(
            handover=Handover.from_domain(done.handover),
            offer=Offer.from_domain(done.offer),
            need=Need.from_domain(done.need),
        )
