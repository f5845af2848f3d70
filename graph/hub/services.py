"""Services: what a resource centre (the House of NGOs) does for an organisation or a group.

A ``Service {code, kind, topic, date, hours, participants}`` node between its provider
``-[:PROVIDED]->`` and its recipient ``-[:RECEIVED]->`` (docs/data-model.md): a node, not a
relationship, so a training has a code to cite and both ends read it alike. Lists are filtered by
kind and by a date range and run newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from graph.keyset import Sort
from graph.relations import Relation

__all__ = [
    "ORGANIZATION_SERVICES_PROVIDED",
    "ORGANIZATION_SERVICES_RECEIVED",
    "PROJECTION",
    "Service",
    "by_codes",
    "filters",
]


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    kind: str
    topic: str
    date: dt.date
    hours: int | float
    provider: str
    """The provider's BIN."""
    recipient: str
    """The recipient's BIN, or an initiative group's key (``IG-…``)."""
    participants: int | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Service:
        return cls(
            code=row["code"],
            kind=row["kind"],
            topic=row["topic"],
            date=row["date"].to_native(),
            hours=row["hours"],
            provider=row["provider"],
            recipient=row["recipient"],
            participants=row.get("participants"),
        )


PROJECTION: LiteralString = (
    "s {.code, .kind, .topic, .date, .hours, .participants, "
    "provider: COLLECT { MATCH (p:Organization)-[:PROVIDED]->(s) RETURN p.bin }[0], "
    "recipient: COLLECT { MATCH (r:Organization)-[:RECEIVED]->(s) RETURN r.bin }[0]}"
)
"""A service bound as ``s``, as :meth:`Service.from_record` reads it."""

_BY_CODES: LiteralString = (
    "UNWIND $codes AS code MATCH (s:Service {code: code}) RETURN " + PROJECTION + " AS s"
)


def by_codes(db: Database, codes: list[str]) -> dict[str, Service]:
    found = (
        Service.from_record(r["s"]) for r in db.read(_BY_CODES, codes=list(dict.fromkeys(codes)))
    )
    return {s.code: s for s in found}


_FILTER: LiteralString = (
    "($kinds IS NULL OR s.kind IN $kinds) "
    "AND ($date_from IS NULL OR s.date >= $date_from) AND ($date_to IS NULL OR s.date <= $date_to)"
)


def filters(
    kinds: tuple[str, ...] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> tuple[tuple[str, Any], ...]:
    """The parameters of a filtered list (``None``: no bound); hashable, for the API's loaders."""
    return (("kinds", kinds), ("date_from", date_from), ("date_to", date_to))


_NEWEST = Sort("toString(s.date)", descending=True)

ORGANIZATION_SERVICES_RECEIVED: Relation[Service] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:RECEIVED]->(s:Service)",
    condition=_FILTER,
    sort=_NEWEST,
    id="s.code",
    returns=PROJECTION,
    build=Service.from_record,
)
"""What an organisation received, newest first (parameters: :func:`filters`)."""
ORGANIZATION_SERVICES_PROVIDED: Relation[Service] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:PROVIDED]->(s:Service)",
    condition=_FILTER,
    sort=_NEWEST,
    id="s.code",
    returns=PROJECTION,
    build=Service.from_record,
)
"""What an organisation (a resource centre) provided, newest first."""
