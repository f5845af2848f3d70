"""The House of NGOs hub in GraphQL: offers, needs, handovers, givers and in-kind totals.

A citizen giver's name and contact are personal data: only stewards and admins read them; anyone
else gets null with a FORBIDDEN (or, without a token, UNAUTHENTICATED) error on that field alone.
After erasure they are null for everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry
from strawberry import relay

from api.context import Context
from api.permissions import IsSteward
from api.types.hub_vocab import Skill
from api.types.organization import Organization
from api.types.scalars import Tenge
from api.types.territory import Akimat
from graph import vocab
from graph.hub import handovers, needs, offers
from graph.vocab import GiverKind as GiverKindValue

if TYPE_CHECKING:
    from api.types.project import Project
    from api.types.territory import Territory

Info = strawberry.Info[Context, None]
TerritoryRef = Annotated["Territory", strawberry.lazy("api.types.territory")]
ProjectRef = Annotated["Project", strawberry.lazy("api.types.project")]

strawberry.enum(
    vocab.OfferCategory,
    name="OfferCategory",
    description="What is offered or needed (offers and needs share the categories).",
)
strawberry.enum(
    vocab.OfferStatus,
    name="OfferStatus",
    description="HANDED_OVER follows from handovers; WITHDRAWN from `withdrawOffer`.",
)
strawberry.enum(vocab.GiverKind, name="GiverKind", description="Who offers.")
strawberry.enum(vocab.Urgency, name="Urgency")
strawberry.enum(
    vocab.NeedStatus,
    name="NeedStatus",
    description="PARTLY_MET and MET follow from handovers; CLOSED from `closeNeed`.",
)
OfferCategory: TypeAlias = vocab.OfferCategory
OfferStatus: TypeAlias = vocab.OfferStatus
GiverKind: TypeAlias = vocab.GiverKind
Urgency: TypeAlias = vocab.Urgency
NeedStatus: TypeAlias = vocab.NeedStatus


@strawberry.type(description="A business that offers something (its name is not personal data).")
class Business:
    bin: str
    name: str | None


@strawberry.type(
    description="A citizen who offers something. Name and contact are personal data, kept only "
    "with the giver's consent: stewards and admins read them, anyone else gets null and an "
    "error; after `eraseGiver` they are null for everyone."
)
class CitizenGiver:
    named: bool = strawberry.field(
        description="The giver agreed to be known and their name or contact is kept (false for "
        "an anonymous gift and after erasure)."
    )
    erased_at: dt.datetime | None = strawberry.field(
        description="When the giver's personal data was erased on their request."
    )
    _offer: strawberry.Private[str]

    @strawberry.field(description="Personal data: stewards and admins only.",
                      permission_classes=[IsSteward])  # fmt: skip
    async def name(self, info: Info) -> str | None:
        found = await info.context.loaders.citizen_giver.load(self._offer)
        return found.name if found else None

    @strawberry.field(description="Personal data: stewards and admins only.",
                      permission_classes=[IsSteward])  # fmt: skip
    async def contact(self, info: Info) -> str | None:
        found = await info.context.loaders.citizen_giver.load(self._offer)
        return found.contact if found else None


Giver = Annotated[
    Organization | Akimat | Business | CitizenGiver,
    strawberry.union("Giver", description="Who offers: `giverKind` says which."),
]


@strawberry.type(description="Something offered through the House of NGOs.")
class Offer(relay.Node):
    key: relay.NodeID[str]
    code: str = strawberry.field(description="The House's reference, e.g. OF-2018-001.")
    category: OfferCategory
    skill: Skill | None = strawberry.field(description="Set for category SKILL.")
    title: str
    quantity: int = strawberry.field(description="How many `unit`s in all.")
    unit: str
    value_kzt: Tenge | None = strawberry.field(description="Estimated value of it all.")
    available_from: dt.date | None
    available_until: dt.date | None = strawberry.field(
        description="After this day it is expired: never matched or handed over."
    )
    status: OfferStatus
    giver_kind: GiverKind
    given: int = strawberry.field(description="Handed over so far.")
    left: int = strawberry.field(description="What can still be handed over.")
    expired: bool
    _domain: strawberry.Private[offers.Offer]

    @classmethod
    def from_domain(cls, o: offers.Offer) -> Offer:
        return cls(
            key=o.code,
            code=o.code,
            category=OfferCategory(o.category),
            skill=Skill(o.skill) if o.skill else None,
            title=o.title,
            quantity=o.quantity,
            unit=o.unit,
            value_kzt=None if o.value_kzt is None else Tenge(o.value_kzt),
            available_from=o.available_from,
            available_until=o.available_until,
            status=OfferStatus(o.status),
            giver_kind=GiverKind(o.giver_kind),
            given=o.given,
            left=o.left,
            expired=o.expired(),
            _domain=o,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Offer | None]:
        found = await info.context.loaders.offer.load_many(list(node_ids))
        return [cls.from_domain(o) if o else None for o in found]

    @strawberry.field(description="Where it is.")
    async def territory(self, info: Info) -> TerritoryRef | None:
        from api.types.territory import Territory

        if self._domain.kato is None:
            return None
        found = await info.context.loaders.territory.load(self._domain.kato)
        return Territory.from_domain(found) if found else None

    @strawberry.field(description="Who offers it.")
    async def giver(self, info: Info) -> Giver | None:
        o = self._domain
        kind, key = GiverKindValue(o.giver_kind), o.giver_key
        if kind is GiverKindValue.CITIZEN:
            return CitizenGiver(named=o.giver_named, erased_at=o.giver_erased_at, _offer=o.code)
        if key is None:
            return None
        if kind is GiverKindValue.BUSINESS:
            return Business(bin=key, name=o.giver_name)
        if kind is GiverKindValue.AKIMAT:
            akimat = await info.context.loaders.akimat.load(key)
            return Akimat.from_domain(akimat) if akimat else None
        org = await info.context.loaders.organization.load(key)
        return Organization.from_domain(org) if org else None


@strawberry.type(
    description="What an organisation asks for (no personal data of the people it serves)."
)
class Need(relay.Node):
    key: relay.NodeID[str]
    code: str = strawberry.field(description="e.g. ND-2019-014.")
    category: OfferCategory
    skill: Skill | None = strawberry.field(description="Set for category SKILL.")
    title: str
    quantity: int
    unit: str
    urgency: Urgency
    status: NeedStatus
    opened_on: dt.date = strawberry.field(description="When the need was recorded.")
    needed_by: dt.date | None
    received: int = strawberry.field(description="Handed over to it so far.")
    left: int = strawberry.field(description="What is still needed.")
    _domain: strawberry.Private[needs.Need]

    @classmethod
    def from_domain(cls, n: needs.Need) -> Need:
        return cls(
            key=n.code,
            code=n.code,
            category=OfferCategory(n.category),
            skill=Skill(n.skill) if n.skill else None,
            title=n.title,
            quantity=n.quantity,
            unit=n.unit,
            urgency=Urgency(n.urgency),
            status=NeedStatus(n.status),
            opened_on=n.opened_on,
            needed_by=n.needed_by,
            received=n.received,
            left=n.left,
            _domain=n,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Need | None]:
        found = await info.context.loaders.need.load_many(list(node_ids))
        return [cls.from_domain(n) if n else None for n in found]

    @strawberry.field(description="The organisation that asks.")
    async def organization(self, info: Info) -> Organization | None:
        found = await info.context.loaders.organization.load(self._domain.organization_bin)
        return Organization.from_domain(found) if found else None

    @strawberry.field(description="The project it is for, if any.")
    async def project(self, info: Info) -> ProjectRef | None:
        from api.types.project import Project

        if self._domain.project_code is None:
            return None
        found = await info.context.loaders.project.load(self._domain.project_code)
        return Project.from_domain(found) if found else None

    @strawberry.field(description="Where it is needed.")
    async def territory(self, info: Info) -> TerritoryRef | None:
        from api.types.territory import Territory

        if self._domain.kato is None:
            return None
        found = await info.context.loaders.territory.load(self._domain.kato)
        return Territory.from_domain(found) if found else None


@strawberry.type(description="An offer, or part of it, given to a need.")
class Handover(relay.Node):
    key: relay.NodeID[str]
    date: dt.date
    quantity: int
    value_kzt: Tenge | None
    _offer: strawberry.Private[str]
    _need: strawberry.Private[str]

    @classmethod
    def from_domain(cls, h: handovers.Handover) -> Handover:
        return cls(
            key=h.key,
            date=h.date,
            quantity=h.quantity,
            value_kzt=None if h.value_kzt is None else Tenge(h.value_kzt),
            _offer=h.offer_code,
            _need=h.need_code,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Handover | None]:
        found = await info.context.loaders.handover.load_many(list(node_ids))
        return [cls.from_domain(h) if h else None for h in found]

    @strawberry.field(
        name="key", description="`offer|need|date`: one handover per offer, need and day."
    )
    def natural_key(self) -> str:
        return self.key

    @strawberry.field
    async def offer(self, info: Info) -> Offer | None:
        found = await info.context.loaders.offer.load(self._offer)
        return Offer.from_domain(found) if found else None

    @strawberry.field
    async def need(self, info: Info) -> Need | None:
        found = await info.context.loaders.need.load(self._need)
        return Need.from_domain(found) if found else None


@strawberry.type
class InKindItem:
    category: OfferCategory
    quantity: int


@strawberry.type(
    description="What an organisation received in kind through its needs: tenge and items by "
    "category (flats are counted, not only priced)."
)
class InKind:
    value_kzt: Tenge
    items: list[InKindItem]

    @classmethod
    def from_domain(cls, found: handovers.InKind) -> InKind:
        return cls(
            value_kzt=Tenge(found.value_kzt),
            items=[InKindItem(category=OfferCategory(i.category), quantity=i.quantity)
                   for i in found.items],
        )  # fmt: skip
