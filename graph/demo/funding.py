"""Where a project's money comes from: a state share by the lead's profile, the rest private."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from graph.demo.model import Org, World
from graph.demo.reference import REFERENCE
from graph.demo.territories import REGION_KATO, akimat_code
from graph.importer.tables import CITIZENS
from graph.vocab import Mechanism

_WEIGHTS = REFERENCE.weights
_PRIVATE_MECHANISMS = (Mechanism.OWN_INCOME, Mechanism.PRIVATE_DONATION, Mechanism.IN_KIND)


def thousands(amount: float) -> int:
    """Whole thousands of tenge, as budgets are planned."""
    return 1000 * round(amount / 1000)


def _state_share(rng: random.Random, profile: str) -> float:
    if profile == "budget":
        return 1.0 if rng.random() < 0.7 else rng.uniform(0.85, 0.95)
    if profile == "self":
        return 0.0
    if profile == "mixed":
        return rng.uniform(0.3, 0.7)
    return rng.choice((0.0, 0.5, 1.0))


def _private_funder(world: World, lead: Org, mechanism: Mechanism) -> str:
    """Citizens mostly; a foundation donates, or a local organisation gives in kind."""
    rng = world.rng
    if mechanism is Mechanism.OWN_INCOME:
        return lead.bin
    if mechanism is Mechanism.PRIVATE_DONATION and world.foundations and rng.random() < 0.35:
        donor = rng.choice(world.foundations)
    elif mechanism is Mechanism.IN_KIND and rng.random() < 0.3:
        donor = rng.choice(world.by_area[lead.area.kato])
    else:
        return CITIZENS
    return CITIZENS if donor is lead else donor.bin


def funding_sources(world: World, lead: Org, budget: int) -> dict[tuple[str, Mechanism], int]:
    """(funder, mechanism) -> tenge: the state's share through an akimat, the rest private."""
    rng = world.rng
    sources: dict[tuple[str, Mechanism], int] = {}
    state = thousands(budget * _state_share(rng, lead.profile))
    if state:
        akimat = lead.area.kato if rng.random() < 0.75 else REGION_KATO
        sources[akimat_code(akimat), _WEIGHTS.state_mechanisms.pick(rng)] = state
    rest = budget - state
    if not rest:
        return sources
    low, high = _WEIGHTS.private_sources[lead.profile]
    mechanisms = rng.sample(_PRIVATE_MECHANISMS, rng.randint(low, high))
    for number, mechanism in enumerate(mechanisms, 1):
        amount = rest if number == len(mechanisms) else thousands(rest * rng.uniform(0.2, 0.6))
        rest -= amount
        if amount:
            key = (_private_funder(world, lead, mechanism), mechanism)
            sources[key] = sources.get(key, 0) + amount
    return sources


def yearly(amount: int, start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    """Split an amount over the calendar years of a period, in proportion to its days."""
    if start.year == end.year:
        yield start.year, amount
        return
    total = (end - start).days + 1
    left = amount
    for year in range(start.year, end.year):
        days = (dt.date(year, 12, 31) - max(start, dt.date(year, 1, 1))).days + 1
        share = amount * days // total
        left -= share
        if share:
            yield year, share
    if left:
        yield end.year, left
