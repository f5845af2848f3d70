"""People: about 1.15 per organisation, minimal (a first name and an initial)."""

from __future__ import annotations

import datetime as dt
import random

from graph.demo.model import TODAY, Org, Row, Weighted, World, day_between, iso
from graph.demo.reference import REFERENCE
from graph.vocab import PersonRelation

_NAMES = REFERENCE.names


def people(world: World) -> list[Row]:
    """Placed where the volunteers and staff are; some also in another organisation nearby."""
    rng = world.rng
    homes = Weighted({org: 1 + org.volunteers + 2 * org.staff for org in world.orgs})
    rows: list[Row] = []
    for number in range(1, round(len(world.orgs) * 1.15) + 1):
        home = homes.pick(rng)
        person_id = f"p-{number:05d}"
        name = f"{rng.choice(_NAMES.first_names)} {rng.choice(_NAMES.initials)}."
        rows.append(_membership(rng, person_id, name, home))
        if rng.random() < 0.15:
            other = rng.choice(world.by_area[home.area.kato])
            if other is not home:
                rows.append(_membership(rng, person_id, name, other))
    return rows


def _membership(rng: random.Random, person_id: str, name: str, org: Org) -> Row:
    member = rng.random() < (0.4 if org.staff else 0.15)
    since = day_between(rng, dt.date(max(org.founded, 2010), 1, 1), TODAY - dt.timedelta(days=1))
    return {
        "person_id": person_id,
        "display_name": name,
        "org_bin": org.bin,
        "relation": (PersonRelation.MEMBER if member else PersonRelation.VOLUNTEER).value,
        "since": iso(since),
    }
