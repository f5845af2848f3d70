"""Handovers: an offer, or part of it, given to a need (``GIVEN_TO {date, quantity, value_kzt}``),
and what they add up to for the receiving organisation (its in-kind totals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from graph.keyset import Sort
from graph.relations import Relation

__all__ = [
    "ORGANIZATION_HANDOVERS",
    "RETURNS",
    "Handover",
    "InKind",
    "InKindItem",
    "by_keys",
    "in_kind_totals",
    "key_of",
    "parse_key",
]


@dataclass(frozen=True, slots=True)
class Handover:
    offer_code: str
    need_code: str
    date: dt.date
    quantity: int
    value_kzt: int | None = None

    @property
    def key(self) -> str:
        return key_of(self.offer_code, self.need_code, self.date)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Handover:
        return cls(
            offer_code=row["offer"],
            need_code=row["need"],
            date=row["date"].to_native(),
            quantity=row["quantity"],
            value_kzt=row.get("value_kzt"),
        )


def key_of(offer: str, need: str, date: dt.date) -> str:
    """``offer|need|YYYY-MM-DD``: one handover (one per offer, need and day)."""
    return f"{offer}|{need}|{date.isoformat()}"


def parse_key(key: str) -> tuple[str, str, dt.date] | None:
    """The parts of a :func:`key_of` key, ``None`` when ``key`` is not one."""
    parts = key.split("|")
    if len(parts) != 3 or not all(parts):
        return None
    try:
        return parts[0], parts[1], dt.date.fromisoformat(parts[2])
    except ValueError:
        return None


RETURNS: LiteralString = (
    "{offer: o.code, need: n.code, date: r.date, quantity: r.quantity, value_kzt: r.value_kzt}"
)
"""The map of a handover ``(o:Offer)-[r:GIVEN_TO]->(n:Need)``."""

ORGANIZATION_HANDOVERS: Relation[Handover] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:HAS_NEED]->(n:Need)<-[r:GIVEN_TO]-(o:Offer)",
    condition="true",
    sort=Sort("toString(r.date)", descending=True),
    id="o.code + '|' + n.code + '|' + toString(r.date)",
    returns=RETURNS,
    build=Handover.from_record,
)
"""What an organisation received through its needs, the latest first."""


_BY_KEYS: LiteralString = (
    "UNWIND $keys AS k MATCH (o:Offer {code: k.offer})-[r:GIVEN_TO {date: k.date}]->"
    "(n:Need {code: k.need}) RETURN " + RETURNS + " AS h"
)


def by_keys(db: Database, keys: list[str]) -> dict[str, Handover]:
    """Handovers by :func:`key_of` key; keys that are not keys, or of no handover, left out."""
    parsed = [p for p in map(parse_key, dict.fromkeys(keys)) if p is not None]
    wanted = [{"offer": o, "need": n, "date": d} for o, n, d in parsed]
    found = (Handover.from_record(r["h"]) for r in db.read(_BY_KEYS, keys=wanted))
    return {h.key: h for h in found}


@dataclass(frozen=True, slots=True)
class InKindItem:
    category: str
    quantity: int


@dataclass(frozen=True, slots=True)
class InKind:
    """What an organisation received in kind: tenge, and items by category (flats are counted,
    not only priced)."""

    value_kzt: int
    items: tuple[InKindItem, ...]


_IN_KIND: LiteralString = """
UNWIND $bins AS bin
MATCH (org:Organization {bin: bin})
CALL (org) {
  OPTIONAL MATCH (org)-[:HAS_NEED]->(n:Need)<-[r:GIVEN_TO]-(:Offer)
  WITH n.category AS category, sum(r.quantity) AS quantity, sum(coalesce(r.value_kzt, 0)) AS value
  ORDER BY category
  RETURN sum(value) AS value_kzt,
         collect(CASE WHEN category IS NOT NULL
                 THEN {category: category, quantity: quantity} END) AS items
}
RETURN bin, value_kzt, items
"""


def in_kind_totals(db: Database, bins: list[str]) -> dict[str, InKind]:
    """Each organisation's in-kind total over the handovers to its needs (zero when none)."""
    found = {
        r["bin"]: InKind(
            int(r["value_kzt"] or 0),
            tuple(InKindItem(i["category"], int(i["quantity"])) for i in r["items"]),
        )
        for r in db.read(_IN_KIND, bins=list(dict.fromkeys(bins)))
    }
    return {b: found.get(b, InKind(0, ())) for b in bins}
