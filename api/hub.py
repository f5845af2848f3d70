"""The House of NGOs hub's queries: offers and needs, filtered, one keyset page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from api.context import Context
from api.filters import TerritoryFilter
from api.types.common import Connection, connection
from api.types.hub import GiverKind, Need, NeedStatus, Offer, OfferCategory, OfferStatus, Urgency
from api.types.matches import Match
from api.types.organization import page_request
from graph.filters import All, AnyOf, Cond, Filter, Not, Op
from graph.hub import matching, needs, offers
from graph.hub.listing import Listing
from graph.pagination import PageRequest

__all__ = ["HubQuery", "NeedWhere", "OfferWhere", "need_filter", "offer_filter"]

Info = strawberry.Info[Context, None]
R = TypeVar("R")
N = TypeVar("N")


async def _listed(
    info: Info,
    listing: Listing[R],
    request: PageRequest,
    where: Filter | None,
    wrap: Callable[[R], N],
) -> Connection[N]:
    """One keyset page of a hub listing (offers, needs), counted only when asked."""
    db = info.context.db
    page = await info.context.run(listing.page, db, request, where=where)

    async def count() -> int:
        return await info.context.run(listing.count, db, where=where)

    return connection(page, wrap, count)


_TERRITORY = "KATO codes: the territory and everything under it."


@strawberry.input(description="Offers matching all of the fields given.")
class OfferWhere:
    AND: list[OfferWhere] | None = None
    OR: list[OfferWhere] | None = None
    NOT: OfferWhere | None = None
    category: list[OfferCategory] | None = None
    status: list[OfferStatus] | None = None
    giver_kind: list[GiverKind] | None = None
    territory: TerritoryFilter | None = strawberry.field(default=None, description=_TERRITORY)
    givers: list[str] | None = strawberry.field(
        default=None, description="BINs of organisations or businesses, or akimat codes."
    )


@strawberry.input(description="Needs matching all of the fields given.")
class NeedWhere:
    AND: list[NeedWhere] | None = None
    OR: list[NeedWhere] | None = None
    NOT: NeedWhere | None = None
    category: list[OfferCategory] | None = None
    status: list[NeedStatus] | None = None
    urgency: list[Urgency] | None = None
    territory: TerritoryFilter | None = strawberry.field(default=None, description=_TERRITORY)
    organizations: list[str] | None = strawberry.field(default=None, description="BINs.")


def _combine(parts: list[Filter], where: Any, convert: Any) -> Filter | None:
    """The fields given, ``AND``, ``OR`` and ``NOT`` as one filter (the rules of
    :mod:`api.filters`: an empty alternative matches everything, ``NOT {}`` nothing)."""
    parts += [f for f in (convert(w) for w in where.AND or []) if f is not None]
    if where.OR:
        alternatives = [convert(w) for w in where.OR]
        if all(a is not None for a in alternatives):
            parts.append(AnyOf(tuple(alternatives)))
    if where.NOT is not None:
        negated = convert(where.NOT)
        parts.append(Not(negated) if negated is not None else AnyOf(()))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else All(tuple(parts))


def _lists(values: dict[str, list[Any] | None]) -> list[Filter]:
    return [
        Cond(name, Op.IN, [getattr(v, "value", v) for v in found])
        for name, found in values.items()
        if found is not None
    ]


def offer_filter(where: OfferWhere | None) -> Filter | None:
    if where is None:
        return None
    parts = _lists(
        {
            "category": where.category,
            "status": where.status,
            "giver_kind": where.giver_kind,
            "giver": where.givers,
            "territory": None if where.territory is None else where.territory.in_,
        }
    )
    return _combine(parts, where, offer_filter)


def need_filter(where: NeedWhere | None) -> Filter | None:
    if where is None:
        return None
    parts = _lists(
        {
            "category": where.category,
            "status": where.status,
            "urgency": where.urgency,
            "organization": where.organizations,
            "territory": None if where.territory is None else where.territory.in_,
        }
    )
    return _combine(parts, where, need_filter)


@strawberry.type
class HubQuery:
    @strawberry.field(description="An offer by its code.")
    async def offer(self, info: Info, code: str) -> Offer | None:
        found = await info.context.loaders.offer.load(code)
        return Offer.from_domain(found) if found else None

    @strawberry.field(description="A need by its code.")
    async def need(self, info: Info, code: str) -> Need | None:
        found = await info.context.loaders.need.load(code)
        return Need.from_domain(found) if found else None

    @strawberry.field(description="Offers, the latest code first, one keyset page at a time.")
    async def offers(
        self,
        info: Info,
        where: OfferWhere | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Offer]:
        request = page_request(info, first, after, last, before)
        return await _listed(info, offers.LISTING, request, offer_filter(where), Offer.from_domain)

    @strawberry.field(
        description="Needs, the most recently opened first, one keyset page at a time."
    )
    async def needs(
        self,
        info: Info,
        where: NeedWhere | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Need]:
        request = page_request(info, first, after, last, before)
        return await _listed(info, needs.LISTING, request, need_filter(where), Need.from_domain)

    @strawberry.field(
        description="What could meet a need: available offers of its category (and, for SKILL "
        "and VOLUNTEER_TIME, volunteers), best first, each with a score in [0, 1] and the "
        "reasons that add up to it. Withdrawn, handed-over and expired offers never match. "
        "At most `first` (100)."
    )
    async def matches_for_need(self, info: Info, need: str, first: int = 10) -> list[Match] | None:
        found = await info.context.run(
            matching.matches_for_need, info.context.db, need, first=first
        )
        return [Match.from_domain(m) for m in found]

    @strawberry.field(
        description="Which open needs an offer could meet, best first, with a score in [0, 1] "
        "and its reasons. At most `first` (100)."
    )
    async def matches_for_offer(
        self, info: Info, offer: str, first: int = 10
    ) -> list[Match] | None:
        found = await info.context.run(
            matching.matches_for_offer, info.context.db, offer, first=first
        )
        return [Match.from_domain(m) for m in found]
