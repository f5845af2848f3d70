"""What akimats give organisations: support records, read by organisation, by akimat or by key.

A support is an ``(:Akimat)-[:SUPPORTS {kind, since, until, amount_kzt, note}]->(:Organization)``
relationship, one per akimat, organisation, ``kind`` and ``since``: an akimat may lend premises
and give a grant to the same organisation, or give a grant again in another year. It stays a
relationship, like a funding row (``FUNDS`` keyed by mechanism and year), because it joins two
nodes and has nothing of its own to point at; every reader of ``SUPPORTS`` (discovery, the
activity score, merging, export) keeps working. A support is *in force* on a day when it has
begun (``since`` empty or not after it) and not ended (``until`` empty or not before it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import sources
from graph.db import Database
from graph.keyset import Sort
from graph.relations import Relation
from graph.sources import Source

__all__ = [
    "AKIMAT_SUPPORTS",
    "IN_FORCE",
    "ORGANIZATION_SUPPORTS",
    "Support",
    "by_keys",
    "key_of",
    "parse_key",
]


@dataclass(frozen=True, slots=True)
class Support:
    akimat_code: str
    organization_bin: str
    kind: str
    since: dt.date | None
    until: dt.date | None = None
    amount_kzt: int | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    """Where the fact came from; empty when nobody has said (:mod:`graph.sources`)."""

    @property
    def key(self) -> str:
        return key_of(self.akimat_code, self.organization_bin, self.kind, self.since)

    def in_force(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or self.until >= day
        )

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Support:
        def day(value: Any) -> dt.date | None:
            return value.to_native() if value is not None else None

        return cls(
            akimat_code=row["akimat"],
            organization_bin=row["bin"],
            kind=row["kind"],
            since=day(row.get("since")),
            until=day(row.get("until")),
            amount_kzt=row.get("amount_kzt"),
            note=row.get("note"),
            sources=sources.from_record(row),
        )


def key_of(akimat: str, bin: str, kind: str, since: dt.date | None) -> str:
    """``akimat|BIN|kind|YYYY-MM-DD`` (the date empty when unknown): one support's key."""
    return "|".join((akimat, bin, kind, since.isoformat() if since else ""))


def parse_key(key: str) -> tuple[str, str, str, dt.date | None] | None:
    """The parts of a :func:`key_of` key, ``None`` when ``key`` is not one."""
    parts = key.split("|")
    if len(parts) != 4 or not all(parts[:3]):
        return None
    try:
        since = dt.date.fromisoformat(parts[3]) if parts[3] else None
    except ValueError:
        return None
    return parts[0], parts[1], parts[2], since


IN_FORCE: LiteralString = (
    "(r.since IS NULL OR r.since <= date()) AND (r.until IS NULL OR r.until >= date())"
)
"""A support ``r`` in force today."""
_PROPERTIES: LiteralString = (
    "kind: r.kind, since: r.since, until: r.until, amount_kzt: r.amount_kzt, note: r.note, "
    "source_urls: r.source_urls, source_titles: r.source_titles, source_dates: r.source_dates}"
)
_REST_OF_KEY: LiteralString = "'|' + r.kind + '|' + coalesce(toString(r.since), '')"
_NEWEST = Sort("coalesce(toString(r.since), '')", descending=True)

ORGANIZATION_SUPPORTS: Relation[Support] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(a:Akimat)-[r:SUPPORTS]->(parent)",
    condition="$include_ended OR " + IN_FORCE,
    sort=_NEWEST,
    id="a.code + '|' + parent.bin + " + _REST_OF_KEY,
    returns="{akimat: a.code, bin: parent.bin, " + _PROPERTIES,
    build=Support.from_record,
)
"""An organisation's supports, the latest first; ended ones only with ``include_ended``."""
AKIMAT_SUPPORTS: Relation[Support] = Relation(
    parent="(parent:Akimat {code: key})",
    pattern="(parent)-[r:SUPPORTS]->(o:Organization)",
    condition="NOT coalesce(o.archived, false) AND ($include_ended OR " + IN_FORCE + ")",
    sort=_NEWEST,
    id="parent.code + '|' + o.bin + " + _REST_OF_KEY,
    returns="{akimat: parent.code, bin: o.bin, " + _PROPERTIES,
    build=Support.from_record,
)
"""An akimat's supports of organisations not archived, the latest first."""

_BY_KEYS: LiteralString = (
    """
UNWIND $keys AS k
MATCH (a:Akimat {code: k.akimat})-[r:SUPPORTS {kind: k.kind}]->(o:Organization {bin: k.bin})
WHERE r.since = k.since OR (r.since IS NULL AND k.since IS NULL)
RETURN {akimat: a.code, bin: o.bin, """
    + _PROPERTIES
    + " AS s"
)


def by_keys(db: Database, keys: list[str]) -> dict[str, Support]:
    """Supports by :func:`key_of` key; keys that are not keys, or of no support, are left out."""
    parsed = [p for p in map(parse_key, dict.fromkeys(keys)) if p is not None]
    wanted = [{"akimat": a, "bin": b, "kind": k, "since": s} for a, b, k, s in parsed]
    found = (Support.from_record(r["s"]) for r in db.read(_BY_KEYS, keys=wanted))
    return {s.key: s for s in found}
