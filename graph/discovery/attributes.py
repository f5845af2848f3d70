"""What every organisation *is* — kind, place, size, focus areas, akimats — read once per graph
version and shared by every suggestion.

Attributes of the whole region are what candidates are chosen from (at 10,000 organisations a
Pavlodar NGO has thousands of neighbours working on the same problem), so reading them for each
request would cost more than scoring. They change only when the graph does: with a
:class:`~graph.analytics.cache.ProjectionCache` (the API keeps one per process) they are built
once per graph version; without one, on every call. Ties (partnerships, projects, declined pairs)
are never taken from here: suggestions read them fresh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.analytics.cache import ProjectionCache
from graph.db import Database
from graph.discovery.scoring import complementary_kinds, urban_rural_partner
from graph.discovery.snapshot import AkimatInfo, Profile, TerritoryTree

__all__ = ["TERRITORIES", "Attributes", "region_attributes", "territory_tree"]

TERRITORIES: LiteralString = """COLLECT { MATCH (t:Territory)
  RETURN {kato: t.kato, name: t.name, settlement: t.settlement,
          parent: COLLECT { MATCH (t)-[:PART_OF]->(p:Territory) RETURN p.kato }[0]} }"""
"""Every territory with its parent, for :meth:`TerritoryTree.from_rows`."""

_ATTRIBUTES: LiteralString = (
    """
RETURN COLLECT { MATCH (x:Organization) WHERE NOT coalesce(x.archived, false)
                 RETURN [x.bin, x.name, x.kind, x.founded_year, x.staff, x.volunteers]
               } AS organizations,
       COLLECT { MATCH (t:Territory)<-[:LOCATED_IN]-(x:Organization)
                 WITH t, collect(x.bin) AS bins RETURN [t.kato, bins] } AS places,
       COLLECT { MATCH (f:FocusArea)<-[:WORKS_ON]-(x:Organization)
                 WITH f, collect(x.bin) AS bins RETURN [f.code, bins] } AS focus,
       """
    + TERRITORIES
    + """ AS territories,
       COLLECT { MATCH (k:Akimat)
                 RETURN {code: k.code, name: k.name, level: k.level,
                         supports: COLLECT { MATCH (k)-[:SUPPORTS]->(o:Organization)
                                             WHERE NOT coalesce(o.archived, false)
                                             RETURN o.bin },
                         funds: COLLECT { MATCH (k)-[:FUNDS]->(:Project)
                                          <-[:PARTICIPATES_IN {role: 'accountable'}]-
                                          (o:Organization)
                                          WHERE NOT coalesce(o.archived, false)
                                          RETURN DISTINCT o.bin }} } AS akimats
"""
)
"""One read. Places and focus areas are expanded from the territories and focus areas (few
nodes with many relationships), which is much cheaper than from each organisation; lists rather
than maps, which cost half as much to send. An akimat *supports* an organisation it has a
``SUPPORTS`` to and *funds* one whose accountable projects it funds."""


def _index(pairs: Iterable[tuple[str | None, str]]) -> dict[str, frozenset[str]]:
    found: defaultdict[str, set[str]] = defaultdict(set)
    for key, bin in pairs:
        if key is not None:
            found[key].add(bin)
    return {k: frozenset(v) for k, v in found.items()}


@dataclass(frozen=True, slots=True)
class Attributes:
    """Profiles of every organisation that is not archived, indexed for choosing candidates.
    Shared between threads: treat as read-only."""

    tree: TerritoryTree
    profiles: Mapping[str, Profile]
    akimats: tuple[AkimatInfo, ...]
    by_district: Mapping[str, frozenset[str]]
    by_kato: Mapping[str, frozenset[str]]
    by_focus: Mapping[str, frozenset[str]]
    by_kind: Mapping[str, frozenset[str]]
    by_settlement: Mapping[str, frozenset[str]]
    by_akimat: Mapping[str, frozenset[str]]
    """Organisations an akimat supports or funds, by its code."""
    by_urban_rural: Mapping[str, frozenset[str]]
    """Experienced urban organisations under ``urban``, rural ones with few staff under
    ``rural``: where :func:`~graph.discovery.scoring.urban_rural_partner` sends a centre."""

    @classmethod
    def of(
        cls, tree: TerritoryTree, profiles: Iterable[Profile], akimats: Iterable[AkimatInfo]
    ) -> Attributes:
        by_bin = {p.bin: p for p in profiles}
        values = by_bin.values()
        return cls(
            tree=tree,
            profiles=by_bin,
            akimats=tuple(akimats),
            by_district=_index((p.district, p.bin) for p in values),
            by_kato=_index((p.kato, p.bin) for p in values),
            by_focus=_index((code, p.bin) for p in values for code in p.focus_areas),
            by_kind=_index((p.kind, p.bin) for p in values),
            by_settlement=_index((p.settlement, p.bin) for p in values),
            by_akimat=_index(
                (code, p.bin) for p in values for code in p.supported_by | p.funded_by
            ),
            by_urban_rural=_index((_side(p), p.bin) for p in values),
        )

    @property
    def organizations(self) -> int:
        return len(self.profiles)

    def _union(self, index: Mapping[str, frozenset[str]], keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= index.get(key, frozenset())
        return found

    def pool(
        self,
        centre: Profile,
        *,
        contact: Iterable[str],
        kinds: Iterable[str],
        across: str | None,
    ) -> set[str]:
        """Organisations that may be candidates for ``centre`` — a superset; the scorer decides:
        in ``contact``, or in its district sharing a focus area or of a complementary kind
        (``kinds``), or sharing a focus area with a complementary kind or across the urban–rural
        line (``across``: the settlement an urban–rural partner would be in)."""
        if centre.district is not None:
            near = set(self.by_district.get(centre.district, ()))
        else:
            near = set(self.by_kato.get(centre.kato or "", ()))
        focus = self._union(self.by_focus, centre.focus_areas)
        kind = self._union(self.by_kind, kinds)
        far = kind | (set(self.by_settlement.get(across, ())) if across else set())
        found = set(contact) | (near & (focus | kind)) | (focus & far)
        return {b for b in found if b in self.profiles}

    def candidates(self, centre: Profile, contact: Iterable[str]) -> list[Profile]:
        """Profiles of every organisation that may be a candidate for ``centre`` (the scorer
        decides), by BIN: :meth:`pool` with the complementary kinds and urban–rural side of
        :mod:`graph.discovery.scoring`."""
        found = self.pool(
            centre,
            contact=contact,
            kinds=complementary_kinds(centre.kind),
            across=urban_rural_partner(centre),
        )
        return [self.profiles[b] for b in sorted(found - {centre.bin})]


def _side(profile: Profile) -> str | None:
    """Its settlement when it could complete someone across the urban–rural line (an
    experienced urban organisation, a rural one with few staff)."""
    return profile.settlement if urban_rural_partner(profile) is not None else None


def region_attributes(db: Database, *, cache: ProjectionCache | None = None) -> Attributes:
    """The attributes of the region: one read, or none when ``cache`` holds them for the
    current graph version (then only that version is read)."""
    if cache is not None:
        return cache.get(db, ("graph.discovery", "attributes"), lambda: region_attributes(db))
    return _attributes(db.read(_ATTRIBUTES)[0])


_TREE: LiteralString = "RETURN " + TERRITORIES + " AS territories"


def territory_tree(db: Database) -> TerritoryTree:
    """The territories alone (one small read)."""
    return TerritoryTree.from_rows(db.read(_TREE)[0]["territories"])


def _attributes(row: Mapping[str, Any]) -> Attributes:
    tree = TerritoryTree.from_rows(row["territories"])
    kato_of = {bin: kato for kato, bins in row["places"] for bin in bins}
    focus_of: defaultdict[str, set[str]] = defaultdict(set)
    for code, bins in row["focus"]:
        for bin in bins:
            focus_of[bin].add(code)
    supported_by: defaultdict[str, set[str]] = defaultdict(set)
    funded_by: defaultdict[str, set[str]] = defaultdict(set)
    for akimat in row["akimats"]:
        for bin in akimat["supports"]:
            supported_by[bin].add(akimat["code"])
        for bin in akimat["funds"]:
            funded_by[bin].add(akimat["code"])
    places = {k: (tree.district(k), tree.settlement(k)) for k in tree.parents}
    profiles = []
    for bin, name, kind, founded_year, staff, volunteers in row["organizations"]:
        kato = kato_of.get(bin)
        district, settlement = places.get(kato or "", (None, None))
        profiles.append(
            Profile(
                bin=bin,
                name=name or bin,
                kind=kind or "",
                kato=kato,
                district=district,
                district_name=tree.names.get(district) if district else None,
                settlement=settlement,
                founded_year=founded_year,
                staff=staff,
                volunteers=volunteers,
                focus_areas=frozenset(focus_of.get(bin, ())),
                supported_by=frozenset(supported_by.get(bin, ())),
                funded_by=frozenset(funded_by.get(bin, ())),
            )
        )
    akimats = [
        AkimatInfo(
            a["code"], a["name"] or a["code"], a["level"], len({*a["supports"], *a["funds"]})
        )
        for a in row["akimats"]
    ]
    return Attributes.of(tree, profiles, akimats)
