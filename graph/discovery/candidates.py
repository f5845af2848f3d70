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
  neither; tied to a hub the centre is tied to or not — best bound first, until the ``first``-th
  score found so far beats the bound of every group left.

Without contact the scorer admits a candidate only for geography with a focus or a complementary
kind, or a complementary kind with a focus (:func:`~graph.discovery.scoring.assess`), and its
score can only come from the attribute features and common partners that are hubs; each group's
bound is the largest such score one of its members could have, so no group left out could hold
one of the first. The scoring function and its features are unchanged: evaluation figures
(:mod:`graph.discovery.evaluation`, which ranks every candidate) are unaffected.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graph.discovery.attributes import Attributes
from graph.discovery.scoring import (
    SAME_DISTRICT,
    SAME_LOCALITY,
    WEIGHTS,
    Centre,
    Evidence,
    Filters,
    ReasonKind,
    akimat_value,
    assess,
    complementary_kinds,
    urban_rural_partner,
)
from graph.discovery.snapshot import Snapshot

__all__ = ["Group", "groups", "top"]

_SLACK = 1e-9
"""Added to every bound: a sum in another order may differ in its last bits."""


@dataclass(frozen=True, slots=True)
class Group:
    """Candidates without contact that share the features their bound is made of."""

    bound: float
    """The largest score a member can have."""
    members: Callable[[], set[str]]
    """Computed only when the group is scored."""
    name: str


def _common_hub_bound(snapshot: Snapshot, centre: Centre) -> float:
    """Common partners when every hub the centre is tied to is one (the most a candidate
    without contact can get from Adamic–Adar)."""
    total = sum(1.0 / math.log(len(snapshot.neighbours(h))) for h in centre.hubs)
    return WEIGHTS[ReasonKind.COMMON_PARTNERS] * (1.0 - math.exp(-total)) if total else 0.0


def groups(snapshot: Snapshot, centre: Centre, attributes: Attributes) -> list[Group]:
    """The groups of candidates without contact the scorer could admit, best bound first."""
    a = centre.profile
    kato = set(attributes.by_kato.get(a.kato, ())) if a.kato is not None else set()
    district = (
        set(attributes.by_district.get(a.district, ())) - kato if a.district is not None else set()
    )
    focus: set[str] = set()
    for code in a.focus_areas:
        focus |= attributes.by_focus.get(code, frozenset())
    kind: set[str] = set()
    for k in complementary_kinds(a.kind):
        kind |= attributes.by_kind.get(k, frozenset())
    across_of = urban_rural_partner(a)
    across = set(attributes.by_settlement.get(across_of, ())) - kind if across_of else set()
    hubs: set[str] = set()
    for h in centre.hubs:
        hubs |= snapshot.neighbours(h)
    own = a.supported_by | a.funded_by
    extra = WEIGHTS[ReasonKind.COMPLEMENTARY_RESOURCES]
    if own:
        extra += WEIGHTS[ReasonKind.SAME_AKIMAT] * max(akimat_value(snapshot, c) for c in own)
    common = _common_hub_bound(snapshot, centre)

    def far() -> set[str]:
        return (focus & (kind | across)) - kato - district

    places: tuple[tuple[str, float, Callable[[], set[str]]], ...] = (
        ("locality", SAME_LOCALITY, lambda: kato),
        ("district", SAME_DISTRICT, lambda: district),
        ("elsewhere", 0.0, far),
    )
    kinds = (("kind", kind), ("across", across), ("other", None))
    out: list[Group] = []
    for place, closeness, where in places:
        for shares in (True, False):
            for complement, members in kinds:
                completes = complement == "kind" or (complement == "across" and shares)
                if not ((closeness and (shares or completes)) or (completes and shares)):
                    continue  # the scorer admits none of them without contact
                bound = WEIGHTS[ReasonKind.SAME_TERRITORY] * closeness + extra + _SLACK
                bound += WEIGHTS[ReasonKind.SHARED_FOCUS] if shares else 0.0
                bound += WEIGHTS[ReasonKind.COMPLEMENTARY_KINDS] if completes else 0.0
                chosen = _members(where, focus, shares, kind, across, members)
                name = f"{place}/{'focus' if shares else 'no focus'}/{complement}"
                out.append(Group(bound + common, _split(chosen, hubs, True), name + "/hub"))
                out.append(Group(bound, _split(chosen, hubs, False), name))
    out.sort(key=lambda g: -g.bound)
    return out


def _members(
    where: Callable[[], set[str]],
    focus: set[str],
    shares: bool,
    kind: set[str],
    across: set[str],
    complement: set[str] | None,
) -> Callable[[], set[str]]:
    def members() -> set[str]:
        found = where() & focus if shares else where() - focus
        return found & complement if complement is not None else found - kind - across

    return members


def _split(members: Callable[[], set[str]], hubs: set[str], tied: bool) -> Callable[[], set[str]]:
    def split() -> set[str]:
        return members() & hubs if tied else members() - hubs

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
                return
        yield group
