"""The first suggestions without scoring the region: candidates in order of what they can reach.

At 10,000 organisations a candidate pool holds thousands of organisations (the same district
working on the same problem, every resource centre, rural groups on the same problem for an
experienced urban NGO); at 100,000 tens of thousands. A coordinator asks for the first ten.
:func:`top` gives exactly ``rank(snapshot, centre, filters)[:first]`` while scoring only:

* every organisation in *contact* with the centre (:meth:`~graph.discovery.scoring.Centre.
  reachable`: its ties, former partners and the ties of its ties that are not hubs) — a few
  hundred at most, read by the neighbourhood query;
* then the other candidates in *groups* taken from the indexes of
  :class:`~graph.discovery.attributes.Attributes` — the same locality, the same district or
  elsewhere; sharing a focus area or not; of a complementary kind, across the urban–rural line or
  neither; tied to a hub the centre is tied to or not; backed by an akimat backing the centre or
  not — best bound first, until the ``first``-th score found so far beats the bound of every
  group left.

Without contact the scorer admits a candidate only for geography with a focus or a complementary
kind, or a complementary kind with a focus (:func:`~graph.discovery.scoring.assess`), and its
score can only come from the attribute features and common partners that are hubs. A group's
bound is the score of a member with every feature it could have at its largest, added in the
order the scorer adds them (rounded addition is monotone, so no member scores above it); a group
left out therefore holds no one among the first, ties by BIN included. The scoring function and
its features are unchanged: evaluation figures (:mod:`graph.discovery.evaluation`, which ranks
every candidate) are unaffected.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from graph.discovery.attributes import Attributes
from graph.discovery.scoring import (
    RESOURCE_STAFF,
    RESOURCE_VOLUNTEERS,
    SAME_DISTRICT,
    SAME_LOCALITY,
    WEIGHTS,
    Centre,
    Complement,
    Evidence,
    Filters,
    ReasonKind,
    akimat_value,
    assess,
    complement,
    complementary_kinds,
    urban_rural_partner,
)
from graph.discovery.snapshot import Snapshot

__all__ = ["Group", "groups", "top"]

_ORDER = (
    ReasonKind.SHARED_PROJECTS,
    ReasonKind.COMMON_PARTNERS,
    ReasonKind.SHARED_FOCUS,
    ReasonKind.COMPLEMENTARY_KINDS,
    ReasonKind.SAME_TERRITORY,
    ReasonKind.SAME_AKIMAT,
    ReasonKind.FORMER_PARTNERS,
    ReasonKind.COMPLEMENTARY_RESOURCES,
)
"""The order in which :func:`~graph.discovery.scoring.assess` adds the contributions: a bound
summed in the same order is never below a member's score (rounded addition is monotone)."""


@dataclass(frozen=True, slots=True)
class Group:
    """Candidates without contact that share the features their bound is made of."""

    bound: float
    """The largest score a member can have."""
    members: Callable[[], set[str]]
    """Computed only when the group is scored."""
    name: str


def _bound(values: dict[ReasonKind, float]) -> float:
    """The score of feature ``values``, added as :func:`~graph.discovery.scoring.assess`
    adds them."""
    total = 0.0
    for kind in _ORDER:
        if values.get(kind, 0.0) > 0:
            total += WEIGHTS[kind] * values[kind]
    return min(1.0, total)


def _union(index: Mapping[str, frozenset[str]], keys: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for key in keys:
        found |= index.get(key, frozenset())
    return found


def groups(snapshot: Snapshot, centre: Centre, attributes: Attributes) -> list[Group]:
    """The groups of candidates without contact the scorer could admit, best bound first."""
    a = centre.profile
    kato = set(attributes.by_kato.get(a.kato, ())) if a.kato is not None else set()
    district = (
        set(attributes.by_district.get(a.district, ())) - kato if a.district is not None else set()
    )
    focus = _union(attributes.by_focus, a.focus_areas)
    kind = _union(attributes.by_kind, complementary_kinds(a.kind))
    across_of = urban_rural_partner(a)
    across = set(attributes.by_urban_rural.get(across_of, ())) - kind if across_of else set()
    profiles = attributes.profiles

    def crosses(b: str) -> bool:  # the urban–rural complement, founding years included
        return complement(a, profiles[b], shared_focus=True) is Complement.URBAN_RURAL

    hubs = _union({h: snapshot.neighbours(h) for h in centre.hubs}, centre.hubs)
    hub_weights = 0.0  # added as the scorer adds them: by BIN
    for h in sorted(centre.hubs):
        hub_weights += 1.0 / math.log(len(snapshot.neighbours(h)))
    own = a.supported_by | a.funded_by
    backed = _union(attributes.by_akimat, own)
    akimat = max((akimat_value(snapshot, c) for c in own), default=0.0)
    # resources complete each other only if the centre has staff to lend or volunteers to offer
    resources = (a.staff or 0) >= RESOURCE_STAFF or (a.volunteers or 0) >= RESOURCE_VOLUNTEERS

    def far() -> set[str]:
        return (focus & (kind | across)) - kato - district

    places: tuple[tuple[str, float, Callable[[], set[str]]], ...] = (
        ("locality", SAME_LOCALITY, lambda: kato),
        ("district", SAME_DISTRICT, lambda: district),
        ("elsewhere", 0.0, far),
    )
    out: list[Group] = []
    for place, closeness, where in places:
        for shares in (True, False):
            for side in ("kind", "across", "other"):
                completes = side == "kind" or (side == "across" and shares)
                if not ((closeness and (shares or completes)) or (completes and shares)):
                    continue  # the scorer admits none of them without contact
                chosen = _members(where, focus, shares, kind, across, side, crosses)
                name = f"{place}/{'focus' if shares else 'no focus'}/{side}"
                for tied in (True, False) if hubs else (False,):
                    for shared in (True, False) if backed else (False,):
                        values = {
                            ReasonKind.COMMON_PARTNERS: 1.0 - math.exp(-hub_weights)
                            if tied
                            else 0.0,
                            ReasonKind.SHARED_FOCUS: 1.0 if shares else 0.0,
                            ReasonKind.COMPLEMENTARY_KINDS: 1.0 if completes else 0.0,
                            ReasonKind.SAME_TERRITORY: closeness,
                            ReasonKind.SAME_AKIMAT: akimat if shared else 0.0,
                            ReasonKind.COMPLEMENTARY_RESOURCES: 1.0 if resources else 0.0,
                        }
                        members = _split(chosen, hubs if hubs else None, tied)
                        members = _split(members, backed if backed else None, shared)
                        label = name + ("/hub" if tied else "") + ("/akimat" if shared else "")
                        out.append(Group(_bound(values), members, label))
    out.sort(key=lambda g: -g.bound)
    return out


def _members(
    where: Callable[[], set[str]],
    focus: set[str],
    shares: bool,
    kind: set[str],
    across: set[str],
    side: str,
    crosses: Callable[[str], bool],
) -> Callable[[], set[str]]:
    @cache
    def members() -> set[str]:
        found = where() & focus if shares else where() - focus
        if side == "kind":
            return found & kind
        crossing = {b for b in found & across if crosses(b)} if shares else set()
        return crossing if side == "across" else found - kind - crossing

    return members


def _split(
    members: Callable[[], set[str]], among: set[str] | None, inside: bool
) -> Callable[[], set[str]]:
    """``members`` inside or outside ``among`` (all of them when there is no ``among``)."""

    def split() -> set[str]:
        if among is None:
            return members()
        return members() & among if inside else members() - among

    return split


def top(
    snapshot: Snapshot,
    centre: Centre,
    attributes: Attributes,
    filters: Filters,
    first: int,
) -> list[Evidence]:
    """``rank(snapshot, centre, filters, detailed=first)[:first]``, scoring the contacts and
    then groups of other candidates only while one of them could still be among the first.

    ``snapshot`` must hold every profile of ``attributes`` (the whole region's) and the ties of
    the centre and of each organisation tied to it (:func:`~graph.discovery.suggestions.
    neighbourhood`).
    """
    found: list[Evidence] = []
    seen: set[str] = set()
    profiles = attributes.profiles

    def score(bins: Iterable[str]) -> None:
        for b in set(bins) - seen:  # the order does not matter: ``top`` sorts what it finds
            seen.add(b)
            profile = profiles.get(b)
            if profile is None or not filters.admit(profile):
                continue
            evidence = assess(
                snapshot, centre, profile, include_partners=filters.include_partners, detail=False
            )
            if evidence is not None and evidence.score > 0:
                found.append(evidence)

    score(centre.reachable(snapshot))
    for group in _unfinished(groups(snapshot, centre, attributes), found, first):
        score(group.members())
    best = heapq.nsmallest(first, found, key=lambda e: (-e.score, e.profile.bin))
    detailed = [
        assess(snapshot, centre, e.profile, include_partners=filters.include_partners) for e in best
    ]
    return [e for e in detailed if e is not None]  # always all: the same evidence, detailed


def _unfinished(groups: list[Group], found: list[Evidence], first: int) -> Iterator[Group]:
    """The groups, best bound first, while a member could still be among the first ``first``
    (``found`` grows as the caller scores each group)."""
    for group in groups:
        if len(found) >= first:
            last = heapq.nsmallest(first, found, key=lambda e: (-e.score, e.profile.bin))[-1]
            if last.score > group.bound:
                return  # the bounds only decrease from here
        yield group
