"""Offers: what citizens, businesses, organisations and akimats give through the House of NGOs.

An offer's giver is read without personal data: a citizen giver's name and contact are read only
by :func:`citizen_givers`, which the API calls for stewards and admins alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from graph.filters import Field, Op
from graph.hub.listing import Listing, located_under
from graph.keyset import Sort
from graph.relations import Relation

__all__ = [
    "FIELDS",
    "LISTING",
    "ORGANIZATION_OFFERS",
    "PROJECTION",
    "CitizenGiver",
    "Offer",
    "by_codes",
    "citizen_givers",
    "count",
    "page",
]


def _day(value: Any) -> dt.date | None:
    return value.to_native() if value is not None else None


@dataclass(frozen=True, slots=True)
class Offer:
    code: str
    category: str
    title: str
    quantity: int
    unit: str
    status: str
    giver_kind: str
    kato: str | None
    skill: str | None = None
    value_kzt: int | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    giver_key: str | None = None
    """The giving organisation's BIN, business's BIN or akimat's code; none for a citizen."""
    giver_name: str | None = None
    """A business's name (not personal data); none for every other giver."""
    giver_named: bool = False
    """A citizen giver agreed to be known: their name and contact are kept (stewards read them)."""
    giver_erased_at: dt.datetime | None = None
    given: int = 0
    """Handed over so far (the sum of its handovers' quantities)."""

    @property
    def left(self) -> int:
        return max(self.quantity - self.given, 0)

    def expired(self, day: dt.date | None = None) -> bool:
        """Past its ``available_until``: never matched, never handed over."""
        day = day or dt.date.today()
        return self.available_until is not None and self.available_until < day

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Offer:
        giver = row.get("giver") or {}
        erased = row.get("giver_erased_at")
        return cls(
            code=row["code"],
            category=row["category"],
            title=row["title"],
            quantity=row["quantity"],
            unit=row["unit"],
            status=row["status"],
            giver_kind=row["giver_kind"],
            kato=row.get("kato"),
            skill=row.get("skill"),
            value_kzt=row.get("value_kzt"),
            available_from=_day(row.get("available_from")),
            available_until=_day(row.get("available_until")),
            giver_key=giver.get("key"),
            giver_name=giver.get("name"),
            giver_named=bool(giver.get("citizen")),
            giver_erased_at=erased.to_native() if erased is not None else None,
            given=int(row.get("given") or 0),
        )


PROJECTION: LiteralString = """o {.code, .category, .skill, .title, .quantity, .unit, .value_kzt,
    .available_from, .available_until, .status, .giver_kind, .giver_erased_at,
    kato: COLLECT { MATCH (o)-[:LOCATED_IN]->(o_t:Territory) RETURN o_t.kato }[0],
    giver: COLLECT { MATCH (o_g)-[:OFFERS]->(o)
                     RETURN {key: CASE WHEN o_g:Citizen THEN null ELSE coalesce(o_g.bin, o_g.code)
                                  END,
                             name: CASE WHEN o_g:Business THEN o_g.name END,
                             citizen: o_g:Citizen} }[0],
    given: reduce(o_s = 0, o_q IN COLLECT { MATCH (o)-[o_h:GIVEN_TO]->(:Need)
                                          RETURN o_h.quantity } | o_s + o_q)}"""
"""The map every query returns for an offer bound as ``o``: no personal data in it."""

_IN: frozenset[Op] = frozenset({Op.EQ, Op.IN})
FIELDS: dict[str, Field] = {
    "code": Field("o.code"),
    "category": Field("o.category", ops=_IN),
    "status": Field("o.status", ops=_IN),
    "giver_kind": Field("o.giver_kind", ops=_IN),
    "skill": Field("o.skill", ops=_IN),
    "territory": located_under("o"),
    "giver": Field(
        templates={
            Op.IN: "EXISTS { MATCH (o_x)-[:OFFERS]->(o) WHERE coalesce(o_x.bin, o_x.code) IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
}
"""Filters of :func:`page`: ``territory`` takes KATO codes and matches everything under them."""

NEWEST: Sort = Sort("o.code", descending=True)
"""By code, the latest first (the House's codes carry the year: ``OF-2018-001``)."""

LISTING: Listing[Offer] = Listing("Offer", "o", PROJECTION, Offer.from_record, FIELDS, NEWEST)
by_codes = LISTING.by_codes
page = LISTING.page
"""One keyset page of offers matching ``where``, the latest code first."""
count = LISTING.count


ORGANIZATION_OFFERS: Relation[Offer] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:OFFERS]->(o:Offer)",
    condition="true",
    sort=NEWEST,
    id="o.code",
    returns=PROJECTION,
    build=Offer.from_record,
)
"""The offers an organisation gives, the latest code first."""


@dataclass(frozen=True, slots=True)
class CitizenGiver:
    """A citizen giver's personal data: for stewards and admins only."""

    offer_code: str
    name: str | None
    contact: str | None


_CITIZENS: LiteralString = """
UNWIND $codes AS code
MATCH (c:Citizen)-[:OFFERS]->(o:Offer {code: code})
RETURN o.code AS code, c.name AS name, c.contact AS contact
"""


def citizen_givers(db: Database, codes: list[str]) -> dict[str, CitizenGiver]:
    """The named citizen givers of these offers (none for anonymous or erased ones). Only the
    API's steward-guarded fields call this."""
    records = db.read(_CITIZENS, codes=list(dict.fromkeys(codes)))
    return {r["code"]: CitizenGiver(r["code"], r["name"], r["contact"]) for r in records}
