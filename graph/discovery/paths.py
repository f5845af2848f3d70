"""How two organisations are connected: the shortest chains of real relationships, in words.

A *hop* joins two organisations that are partners (in force), take part in the same project (not
cancelled), have projects funded by the same akimat (projects each is accountable for), or are
supported by the same akimat. Archived organisations are never on a chain.

The search is a bidirectional breadth-first search, one read per level: each read expands the
organisations of one side's frontier to their partners and to the projects and akimats they
touch, and each project or akimat to its organisations *once* per side, so a hub (the regional
akimat funds most of the region) costs one expansion, not one per organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any, LiteralString

from graph.analytics.scope import native
from graph.db import Database
from graph.discovery.reasons import OrgRef
from graph.errors import InvalidInput, NotFound
from graph.i18n import Text, t, tp
from graph.i18n.values import Joined
from graph.rules import check_first
from graph.vocab import PartnershipBasis

__all__ = ["MAX_HOPS", "ConnectionPath", "Hop", "HopKind", "connection"]

MAX_HOPS = 6
_ENUMERATED = 500
"""Shortest chains looked at before the best ``first`` are picked (there can be thousands)."""


class HopKind(StrEnum):
    PARTNERSHIP = "partnership"
    PROJECT = "project"
    SUPPORTER = "supporter"
    FUNDER = "funder"


_PREFERENCE = {HopKind.PARTNERSHIP: 0, HopKind.PROJECT: 1, HopKind.SUPPORTER: 2, HopKind.FUNDER: 3}
"""Closer ties first when there are several shortest chains."""


@dataclass(frozen=True, slots=True)
class Hop:
    kind: HopKind
    source: OrgRef
    target: OrgRef
    text: Text
    """The hop in words, e.g. "partners since 2019 (memorandum)"."""
    key: str | None = None
    """The project code or akimat code the hop goes through."""
    name: str | None = None
    """The project title or akimat name."""
    since: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ConnectionPath:
    organizations: tuple[OrgRef, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def text(self) -> Text:
        """The chain in one line: "A — partners since 2019 — B — both ... — C"."""
        parts: list[Text | str] = [self.organizations[0].name]
        for hop in self.hops:
            parts += [hop.text, hop.target.name]
        return Joined(parts, " — ")


def _basis(basis: str) -> Text | str:
    """What a partnership rests on, in words; free text that is no known basis as it is."""
    known = PartnershipBasis.of(basis)
    if known is PartnershipBasis.JOINT_PROJECT:
        return tp("partnership basis", "joint project")
    if known is PartnershipBasis.MEMORANDUM:
        return tp("partnership basis", "memorandum")
    if known is PartnershipBasis.MENTORING:
        return tp("partnership basis", "mentoring")
    if known is PartnershipBasis.INFORMAL:
        return tp("partnership basis", "informal")
    if known is PartnershipBasis.SUGGESTION:
        return tp("partnership basis", "after a suggestion")
    return basis


@dataclass(frozen=True, slots=True)
class _Link:
    kind: HopKind
    key: str
    name: str | None
    since: dt.date | None = None
    basis: str | None = None

    def text(self) -> Text:
        if self.kind is HopKind.PARTNERSHIP:
            basis = _basis(self.basis) if self.basis and self.basis.strip() else None
            if self.since and basis:
                return t("partners since {year} ({basis})", year=self.since.year, basis=basis)
            if self.since:
                return t("partners since {year}", year=self.since.year)
            return t("partners ({basis})", basis=basis) if basis else t("partners")
        if self.kind is HopKind.PROJECT:
            return t(
                "both take part in project «{title}» ({code})",
                title=self.name or self.key,
                code=self.key,
            )
        if self.kind is HopKind.SUPPORTER:
            return t("both supported by {akimat}", akimat=self.name or self.key)
        return t("both have projects funded by {akimat}", akimat=self.name or self.key)


@dataclass(slots=True)
class _Side:
    """One end of the search: how far each organisation is, and how it was reached."""

    level: dict[str, int]
    parents: dict[str, list[tuple[str, _Link]]] = field(default_factory=dict)
    frontier: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    """Projects and akimats already expanded (``kind:key``)."""
    depth: int = 0


_ENDS: LiteralString = """
UNWIND $bins AS b
OPTIONAL MATCH (o:Organization {bin: b})
RETURN b AS bin, o IS NOT NULL AS found, coalesce(o.archived, false) AS archived
"""

_EXPAND: LiteralString = """
UNWIND $frontier AS b
MATCH (o:Organization {bin: b})
CALL (o) {
  MATCH (o)-[r:PARTNERS_WITH]-(x:Organization)
  WHERE r.until IS NULL AND x <> o AND NOT coalesce(x.archived, false)
  RETURN 'partnership' AS kind, x.bin AS key, null AS name, r.since AS since, r.basis AS basis
  UNION
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project) WHERE coalesce(p.status, '') <> 'cancelled'
  RETURN 'project' AS kind, p.code AS key, p.title AS name, null AS since, null AS basis
  UNION
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[:FUNDS]-(k:Akimat)
  RETURN 'funder' AS kind, k.code AS key, k.name AS name, null AS since, null AS basis
  UNION
  MATCH (k:Akimat)-[:SUPPORTS]->(o)
  RETURN 'supporter' AS kind, k.code AS key, k.name AS name, null AS since, null AS basis
}
WITH kind, key, name, since, basis, collect(o.bin) AS froms
WHERE kind = 'partnership' OR NOT (kind + ':' + key) IN $seen
CALL (kind, key) {
  WITH kind, key WHERE kind = 'partnership'
  RETURN [key] AS members
  UNION
  WITH kind, key WHERE kind = 'project'
  RETURN COLLECT { MATCH (:Project {code: key})<-[:PARTICIPATES_IN]-(m:Organization)
                   WHERE NOT coalesce(m.archived, false) RETURN DISTINCT m.bin } AS members
  UNION
  WITH kind, key WHERE kind = 'funder'
  RETURN COLLECT { MATCH (:Akimat {code: key})-[:FUNDS]->(:Project)
                         <-[:PARTICIPATES_IN {role: 'accountable'}]-(m:Organization)
                   WHERE NOT coalesce(m.archived, false) RETURN DISTINCT m.bin } AS members
  UNION
  WITH kind, key WHERE kind = 'supporter'
  RETURN COLLECT { MATCH (:Akimat {code: key})-[:SUPPORTS]->(m:Organization)
                   WHERE NOT coalesce(m.archived, false) RETURN DISTINCT m.bin } AS members
}
RETURN kind, key, name, since, basis, froms, members
"""

_NAMES: LiteralString = """
UNWIND $bins AS b MATCH (o:Organization {bin: b}) RETURN o.bin AS bin, o.name AS name
"""


def _expand(db: Database, side: _Side) -> None:
    """Grow ``side`` by one level."""
    records = db.read(_EXPAND, frontier=sorted(side.frontier), seen=sorted(side.seen))
    depth = side.depth + 1
    reached: set[str] = set()
    for r in records:
        kind = HopKind(r["kind"])
        link = _Link(kind, r["key"], r["name"], native(r["since"]), r["basis"])
        if kind is not HopKind.PARTNERSHIP:
            side.seen.add(f"{kind.value}:{link.key}")
        for source in r["froms"]:
            for member in r["members"]:
                if member == source or side.level.get(member, depth) < depth:
                    continue
                side.level[member] = depth
                side.parents.setdefault(member, []).append((source, link))
                reached.add(member)
    side.frontier, side.depth = reached, depth


def _chains(side: _Side, bin: str) -> Iterator[list[tuple[str, _Link, str]]]:
    """Shortest chains from the side's start to ``bin`` as (from, link, to) steps."""
    if side.level[bin] == 0:
        yield []
        return
    parents = sorted(side.parents[bin], key=lambda p: (_PREFERENCE[p[1].kind], p[0], p[1].key))
    for parent, link in parents:
        for head in _chains(side, parent):
            yield [*head, (parent, link, bin)]


def _paths(start: _Side, end: _Side, meets: list[str]) -> Iterator[list[tuple[str, _Link, str]]]:
    for meet in meets:
        for head in _chains(start, meet):
            for tail in _chains(end, meet):
                yield head + [(b, link, a) for a, link, b in reversed(tail)]


def connection(
    db: Database, from_bin: str, to_bin: str, *, max_hops: int = 4, first: int = 10
) -> list[ConnectionPath]:
    """The shortest chains (at most ``max_hops`` hops, 1–6) from one organisation to another,
    closest ties first (partnerships, then projects, then akimats); empty when there is none
    that short. At most ``first`` chains are returned.

    Raises :class:`NotFound` for an unknown organisation and :class:`InvalidInput` (``field``
    ``max_hops``, ``first``, ``from_bin``/``to_bin`` for the same or an archived organisation).
    """
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidInput(
            t("between 1 and {maximum} hops, got {hops}", maximum=MAX_HOPS, hops=max_hops),
            field="max_hops",
        )
    check_first(first)
    if from_bin == to_bin:
        raise InvalidInput(t("the two organisations are the same"), field="to_bin")
    ends = {r["bin"]: r for r in db.read(_ENDS, bins=[from_bin, to_bin])}
    for bin, argument in ((from_bin, "from_bin"), (to_bin, "to_bin")):
        if not ends[bin]["found"]:
            raise NotFound(t("no organisation with BIN {bin}", bin=bin))
        if ends[bin]["archived"]:
            raise InvalidInput(t("organisation {bin} is archived", bin=bin), field=argument)
    start = _Side({from_bin: 0}, frontier={from_bin})
    finish = _Side({to_bin: 0}, frontier={to_bin})
    meets: list[str] = []
    while start.depth + finish.depth < max_hops and start.frontier and finish.frontier:
        side = start if len(start.frontier) <= len(finish.frontier) else finish
        _expand(db, side)
        common = start.level.keys() & finish.level.keys()
        if common:
            best = min(start.level[m] + finish.level[m] for m in common)
            meets = sorted(m for m in common if start.level[m] + finish.level[m] == best)
            break
    if not meets:
        return []
    steps = list(islice(_paths(start, finish, meets), _ENUMERATED))
    steps.sort(key=lambda chain: (sum(_PREFERENCE[k.kind] for _, k, _ in chain), _kinds(chain)))
    steps = steps[:first]
    bins = sorted({b for chain in steps for a, _, c in chain for b in (a, c)})
    names = {r["bin"]: r["name"] for r in db.read(_NAMES, bins=bins)}
    return [_path(chain, names) for chain in steps]


def _kinds(chain: list[tuple[str, _Link, str]]) -> list[int]:
    return [_PREFERENCE[link.kind] for _, link, _ in chain]


def _path(chain: list[tuple[str, _Link, str]], names: dict[str, Any]) -> ConnectionPath:
    def ref(bin: str) -> OrgRef:
        return OrgRef(bin, names.get(bin) or bin)

    hops = tuple(
        Hop(
            kind=link.kind,
            source=ref(a),
            target=ref(b),
            text=link.text(),
            key=None if link.kind is HopKind.PARTNERSHIP else link.key,
            name=None if link.kind is HopKind.PARTNERSHIP else link.name,
            since=link.since,
        )
        for a, link, b in chain
    )
    return ConnectionPath((ref(chain[0][0]), *(h.target for h in hops)), hops)
