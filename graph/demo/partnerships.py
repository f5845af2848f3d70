"""Partnerships from a believable process with noise, never from a score.

Two worlds (:data:`WORLDS`), selected by ``world``:

* ``"demo"`` (the default): organisations that worked together often stay partners; veterans'
  unions mentor youth groups; the House of NGOs works with many; experienced urban NGOs take on
  rural ones; some ties have no recorded reason. These are the very rules the partner scorer
  (:mod:`graph.discovery.scoring`) rewards, so suggestions evaluated here are checked against
  the process they were written for.
* ``"focus"``: partners meet through the problem they work on, anywhere in the region — each
  organisation picks partners among those sharing a focus area, the likelier the closer a latent
  "outlook" no data records — whatever their projects, kind, size or district. A process the
  scorer's features do not encode (only its 0.06 weight on shared focus areas touches it), for
  reporting weights chosen on the other world.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from graph.demo.model import FIRST_PARTNERSHIP, TODAY, Org, Row, World, day_between, iso
from graph.demo.organizations import HOUSE, VETERANS
from graph.vocab import OrgKind

WORLDS = ("demo", "focus")
"""The partnership processes :func:`partnerships` can follow (see the module docstring)."""


class _Ties:
    """Partnerships keyed by unordered pair; the first reason two organisations met wins."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.edges: dict[tuple[int, int], Row] = {}

    def add(self, a: Org, b: Org, basis: str, around: dt.date | None = None) -> None:
        """Tie a and b (no-op when already tied); ``around`` is when they first worked together."""
        key = (a.index, b.index) if a.index < b.index else (b.index, a.index)
        if a is b or key in self.edges:
            return
        rng = self.rng
        floor = max(FIRST_PARTNERSHIP, dt.date(max(a.founded, b.founded), 1, 1))
        ceiling = TODAY - dt.timedelta(days=1)
        if around is None:
            since = day_between(rng, floor, ceiling)
        else:
            since = min(max(floor, around - dt.timedelta(days=rng.randint(0, 120))), ceiling)
        until = ""
        if rng.random() < 0.07:
            end = since + dt.timedelta(days=rng.randint(200, 2000))
            until = iso(end) if end < TODAY else ""
        low, high = sorted((a.bin, b.bin))
        self.edges[key] = {
            "org_bin_a": low,
            "org_bin_b": high,
            "since": iso(since),
            "basis": basis,
            "until": until,
        }


def partnerships(world: World, process: str = "demo") -> list[Row]:
    """The partnership rows of ``world`` by ``process`` (one of :data:`WORLDS`)."""
    if process not in WORLDS:
        raise ValueError(f"unknown demo world {process!r}: one of {', '.join(WORLDS)}")
    if process == "focus":
        return _by_focus(world)
    rng = world.rng
    ties = _Ties(rng)
    orgs = world.orgs
    # (1) working together: the more shared projects, the likelier a lasting partnership
    for (a, b), (count, first) in world.shared.items():
        if rng.random() < 1 - 0.6**count:
            basis = "joint_project" if rng.random() < 0.75 else "memorandum"
            ties.add(orgs[a], orgs[b], basis, around=first)
    all_youth = [org for pool in world.youth_by_area.values() for org in pool]
    for org in orgs:
        if org.kind is OrgKind.VETERANS_UNION and all_youth:
            _mentor_youth(world, ties, org, all_youth)
        elif org.kind is OrgKind.RESOURCE_CENTER:
            _resource_centre_ties(world, ties, org)
        elif _experienced_urban(org):
            _urban_rural_ties(world, ties, org)
    # (5) noise: acquaintances with no recorded reason
    for _ in range(len(orgs) // 25):
        someone = rng.choice(world.everyone)
        pool = world.by_area[someone.area.kato] if rng.random() < 0.6 else world.everyone
        ties.add(someone, rng.choice(pool), "informal")
    return list(ties.edges.values())


def _mentor_youth(world: World, ties: _Ties, veterans: Org, all_youth: list[Org]) -> None:
    """(2) Veterans' unions mentor 1–3 youth groups, mostly nearby (patriotic education)."""
    rng = world.rng
    local = world.youth_by_area[veterans.area.kato]
    count = 5 if veterans.bin == VETERANS.bin else rng.randint(1, 3)
    for _ in range(count):
        pool = local if local and rng.random() < 0.8 else all_youth
        ties.add(veterans, rng.choice(pool), "mentoring")


def _resource_centre_ties(world: World, ties: _Ties, centre: Org) -> None:
    """(3) The House of NGOs works with a sizeable share of NGOs; local centres with a few."""
    rng = world.rng
    if centre.bin == HOUSE.bin:
        for org in world.everyone:
            if rng.random() < (0.3 if org.urban else 0.12):
                ties.add(centre, org, "memorandum" if rng.random() < 0.6 else "informal")
        return
    local = world.by_area[centre.area.kato]
    for org in rng.sample(local, min(len(local), rng.randint(3, 10))):
        ties.add(centre, org, "memorandum")


def _experienced_urban(org: Org) -> bool:
    return (
        org.urban
        and org.founded <= 2012
        and org.staff >= 5
        and org.kind in (OrgKind.NGO, OrgKind.VOLUNTEER_CLUB, OrgKind.FOUNDATION)
    )


def _urban_rural_ties(world: World, ties: _Ties, org: Org) -> None:
    """(4) Some experienced urban NGOs take on rural NGOs working on the same problem."""
    rng = world.rng
    if rng.random() >= 0.35:
        return
    rural = world.rural_by_focus[rng.choice(org.focus)]
    for other in rng.sample(rural, min(len(rural), rng.randint(1, 3))):
        ties.add(org, other, "mentoring" if rng.random() < 0.5 else "memorandum")


def _by_focus(world: World) -> list[Row]:
    """Partners through a shared problem across the region, weighted by a latent outlook.

    Each organisation makes 0–4 attempts (about as many ties as the demo world); an attempt
    takes a focus area of its own, then a partner among every organisation working on it, with
    weight ``exp(-8 × |outlook difference|)`` — an affinity of people, not of any attribute
    the data holds. Dates are uniform between the later founding and the demo's today.
    """
    rng = world.rng
    ties = _Ties(rng)
    outlook = {org.index: rng.random() for org in world.everyone}
    by_focus: dict[str, list[Org]] = {}
    for org in world.everyone:
        for area in org.focus:
            by_focus.setdefault(area, []).append(org)
    for org in world.everyone:
        for _ in range(rng.randint(0, 4)):
            if not org.focus:
                break
            pool = [o for o in by_focus[rng.choice(org.focus)] if o is not org]
            if not pool:
                continue
            weights = [math.exp(-8 * abs(outlook[o.index] - outlook[org.index])) for o in pool]
            other = rng.choices(pool, weights)[0]
            ties.add(org, other, "memorandum" if rng.random() < 0.5 else "informal")
    return list(ties.edges.values())
