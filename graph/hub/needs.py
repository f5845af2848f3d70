"""Needs: what organisations ask the House of NGOs for, for themselves, a project or the people
they serve (never with those people's personal data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.filters import Field, Op
from graph.hub.listing import Listing, located_under
from graph.keyset import Sort
from graph.relations import Relation

__all__ = [
    "FIELDS",
    "LISTING",
    "ORGANIZATION_NEEDS",
    "PROJECTION",
    "Need",
    "by_codes",
    "count",
    "page",
]


@dataclass(frozen=True, slots=True)
class Need:
    code: str
    category: str
    title: str
    quantity: int
    unit: str
    urgency: str
    status: str
    opened_on: dt.date
    organization_bin: str
    kato: str | None
    skill: str | None = None
    needed_by: dt.date | None = None
    project_code: str | None = None
    received: int = 0
    """Handed over to it so far (the sum of its handovers' quantities)."""

    @property
    def left(self) -> int:
        return max(self.quantity - self.received, 0)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Need:
        needed_by = row.get("needed_by")
        return cls(
            code=row["code"],
            category=row["category"],
            title=row["title"],
            quantity=row["quantity"],
            unit=row["unit"],
            urgency=row["urgency"],
            status=row["status"],
            opened_on=row["opened_on"].to_native(),
            organization_bin=row["bin"],
            kato=row.get("kato"),
            skill=row.get("skill"),
            needed_by=needed_by.to_native() if needed_by is not None else None,
            project_code=row.get("project"),
            received=int(row.get("received") or 0),
        )


PROJECTION: LiteralString = """n {.code, .category, .skill, .title, .quantity, .unit, .urgency,
    .opened_on, .needed_by, .status,
    bin: COLLECT { MATCH (n_o:Organization)-[:HAS_NEED]->(n) RETURN n_o.bin }[0],
    project: COLLECT { MATCH (n)-[:FOR_PROJECT]->(n_p:Project) RETURN n_p.code }[0],
    kato: COLLECT { MATCH (n)-[:LOCATED_IN]->(n_t:Territory) RETURN n_t.kato }[0],
    received: reduce(n_s = 0, n_q IN COLLECT { MATCH (:Offer)-[n_h:GIVEN_TO]->(n)
                                             RETURN n_h.quantity } | n_s + n_q)}"""
"""The map every query returns for a need bound as ``n``."""

_IN: frozenset[Op] = frozenset({Op.EQ, Op.IN})
FIELDS: dict[str, Field] = {
    "code": Field("n.code"),
    "category": Field("n.category", ops=_IN),
    "status": Field("n.status", ops=_IN),
    "urgency": Field("n.urgency", ops=_IN),
    "skill": Field("n.skill", ops=_IN),
    "needed_by": Field("n.needed_by", ops=frozenset({Op.LT, Op.LTE, Op.GT, Op.GTE})),
    "territory": located_under("n"),
    "organization": Field(
        templates={
            Op.IN: "EXISTS { MATCH (n_x:Organization)-[:HAS_NEED]->(n) WHERE n_x.bin IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
}
"""Filters of :func:`page`: ``territory`` takes KATO codes and matches everything under them."""

NEWEST: Sort = Sort("toString(n.opened_on)", descending=True)
"""The most recently recorded first (then by code)."""

LISTING: Listing[Need] = Listing("Need", "n", PROJECTION, Need.from_record, FIELDS, NEWEST)
by_codes = LISTING.by_codes
page = LISTING.page
"""One keyset page of needs matching ``where``, the most recently opened first."""
count = LISTING.count


ORGANIZATION_NEEDS: Relation[Need] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:HAS_NEED]->(n:Need)",
    condition="true",
    sort=NEWEST,
    id="n.code",
    returns=PROJECTION,
    build=Need.from_record,
)
"""An organisation's needs, the most recently opened first."""
