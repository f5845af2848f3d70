"""The match score of a need and what could meet it (an offer, or a volunteer): pure functions.

For a need ``n`` and a supply ``s`` (an offer, or a volunteer for needs of category ``skill`` or
``volunteer_time``):

==================  ======  ================================================================
component           weight  value
==================  ======  ================================================================
same category       0.30    1 — a requirement, not a preference: another category (or, for
                            ``skill``, another skill) never matches
nearby              0.25    1 in the same locality (the same territory, or one inside the
                            other below the district), 0.6 in the same district or city,
                            0.2 in the same region
quantity            0.20    ``min(1, left / still needed)`` in the same unit (0 in another
                            unit); a volunteer gives ``hours_per_month`` when the need counts
                            hours, else one person
in time             0.12    0 when the supply is ready only after ``needed_by``; else
                            ``0.5 ** (days until ready / half-life)``, the half-life by the
                            need's urgency: 7 days critical, 30 high, 90 medium, 365 low
history             0.08    ``1 - 0.5 ** k`` for ``k`` earlier handovers from the same giver
                            to the need's organisation; 1 when a volunteer already volunteers
                            for it
urgency             0.05    1 critical, 2/3 high, 1/3 medium, 0 low
==================  ======  ================================================================

``score`` = the sum of the contributions (weight × value) of the reasons, in [0, 1]. The score of
a pair is the same whichever side asks, so a need's best offer and an offer's best need agree.
Withdrawn, reserved, handed-over and expired offers (``available_until`` before today), offers
with nothing left, and needs that are met or closed never match.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from graph.i18n import Text, t, tn
from graph.i18n.values import Day
from graph.vocab import NeedStatus, OfferCategory, OfferStatus, TerritoryType, Urgency

__all__ = [
    "HALF_LIFE_DAYS",
    "HOUR_UNITS",
    "PROXIMITY",
    "URGENCY",
    "WEIGHTS",
    "CandidateKind",
    "MatchReason",
    "MatchReasonKind",
    "NeedFacts",
    "PlaceStep",
    "Proximity",
    "SupplyFacts",
    "compatible",
    "proximity",
    "score",
]


class CandidateKind(StrEnum):
    """What a match is: an offer or a volunteer for a need, a need for an offer."""

    OFFER = "offer"
    VOLUNTEER = "volunteer"
    NEED = "need"


class MatchReasonKind(StrEnum):
    SAME_CATEGORY = "same_category"
    NEARBY = "nearby"
    QUANTITY = "quantity"
    IN_TIME = "in_time"
    HISTORY = "history"
    URGENCY = "urgency"


WEIGHTS: Mapping[MatchReasonKind, float] = MappingProxyType(
    {
        MatchReasonKind.SAME_CATEGORY: 0.30,
        MatchReasonKind.NEARBY: 0.25,
        MatchReasonKind.QUANTITY: 0.20,
        MatchReasonKind.IN_TIME: 0.12,
        MatchReasonKind.HISTORY: 0.08,
        MatchReasonKind.URGENCY: 0.05,
    }
)
"""Weights of the components; they sum to 1, so the score is in [0, 1]. Set by hand: the
category is a requirement, so it is a floor every match shares; after it, distance matters most
(a flat in the same district can be handed over; moving a family across the region is a last
resort), then how much of the need it covers, then whether it comes in time; an earlier handover
between the same parties (trust, a known route) and the need's urgency order otherwise equal
candidates."""


class Proximity(StrEnum):
    SAME_LOCALITY = "same_locality"
    SAME_DISTRICT = "same_district"
    SAME_REGION = "same_region"


PROXIMITY: Mapping[Proximity, float] = MappingProxyType(
    {Proximity.SAME_LOCALITY: 1.0, Proximity.SAME_DISTRICT: 0.6, Proximity.SAME_REGION: 0.2}
)
"""A district's centre is a few dozen kilometres from its villages; another district of the
region can be three hundred: the value falls steeply past the district."""

HALF_LIFE_DAYS: Mapping[Urgency, float] = MappingProxyType(
    {Urgency.CRITICAL: 7.0, Urgency.HIGH: 30.0, Urgency.MEDIUM: 90.0, Urgency.LOW: 365.0}
)
"""How many days of waiting for a supply halve its ``in time`` value: a critical need cannot
wait a week, a low one can wait a year."""

URGENCY: Mapping[Urgency, float] = MappingProxyType(
    {Urgency.CRITICAL: 1.0, Urgency.HIGH: 2 / 3, Urgency.MEDIUM: 1 / 3, Urgency.LOW: 0.0}
)
"""An offer goes first where it is most urgently needed."""

HOUR_UNITS = frozenset({"ч", "час", "часа", "часов", "сағ", "сағат", "h", "hour", "hours"})
"""Units that count hours: a volunteer's ``hours_per_month`` is compared with them."""

_MATCHING_OFFER = OfferStatus.OFFERED.value
_OPEN_NEEDS = frozenset({NeedStatus.OPEN.value, NeedStatus.PARTLY_MET.value})
_FIRST_LEVEL = frozenset({TerritoryType.DISTRICT.value, TerritoryType.CITY.value})


@dataclass(frozen=True, slots=True)
class PlaceStep:
    """One territory on the way from a place up to the region."""

    kato: str
    name: Text | str
    type: str


@dataclass(frozen=True, slots=True)
class NeedFacts:
    code: str
    category: str
    skill: str | None
    remaining: int
    """The quantity minus what has been handed over to it."""
    unit: str
    urgency: str
    needed_by: date | None
    status: str
    place: tuple[PlaceStep, ...]
    """Its territory, then each one above it up to the region."""
    org_bin: str
    org_name: Text | str


@dataclass(frozen=True, slots=True)
class SupplyFacts:
    kind: CandidateKind
    key: str
    """An offer's code or a volunteer's id."""
    category: str | None
    """An offer's category; ``None`` for a volunteer."""
    skills: frozenset[str]
    """An offer's skill (category ``skill``) or a volunteer's skills."""
    left: int
    """An offer's quantity minus what has been handed over; a volunteer's hours a month (0
    when unknown)."""
    unit: str | None
    available_from: date | None
    available_until: date | None
    status: str | None
    """An offer's status; ``None`` for a volunteer."""
    place: tuple[PlaceStep, ...]


@dataclass(frozen=True, slots=True)
class MatchReason:
    """Why a candidate matches, in words and in typed details."""

    kind: MatchReasonKind
    contribution: float
    """Weight × value: what this reason adds to the score."""
    text: Text
    params: Mapping[str, str | int | float]
    """The facts behind the text (codes, quantities, ISO dates, KATO)."""


def _unit(unit: str | None) -> str:
    return (unit or "").strip().lower().rstrip(".")


def proximity(
    a: tuple[PlaceStep, ...], b: tuple[PlaceStep, ...]
) -> tuple[Proximity, PlaceStep] | None:
    """How near two places are, and the territory that says so; ``None`` when they share none
    (or one has no place).

    The same locality: the same settlement, rural okrug or city, or one inside the other below
    the district (a village of the okrug). The same district (or city): under one first-level
    territory, named. The same region: only the region above both.

    >>> region, district = PlaceStep("1", "R", "region"), PlaceStep("11", "D", "district")
    >>> okrug, village = PlaceStep("111", "O", "rural_okrug"), PlaceStep("1111", "V", "settlement")
    >>> other = PlaceStep("12", "E", "district")
    >>> [proximity((village, okrug, district, region), b)[0].value
    ...  for b in [(okrug, district, region), (district, region), (other, region)]]
    ['same_locality', 'same_district', 'same_region']
    """
    if not a or not b:
        return None
    above_b = {s.kato for s in b}
    common = next((s for s in a if s.kato in above_b), None)
    if common is None:
        return None
    if common.type == TerritoryType.REGION.value:
        return Proximity.SAME_REGION, common
    if a[0].kato == b[0].kato and common.type != TerritoryType.DISTRICT.value:
        return Proximity.SAME_LOCALITY, common
    if common.kato in (a[0].kato, b[0].kato) and common.type not in _FIRST_LEVEL:
        return Proximity.SAME_LOCALITY, common
    above = a[a.index(common) :]  # a town typed ``city`` may lie inside a district
    return Proximity.SAME_DISTRICT, next((s for s in above if s.type in _FIRST_LEVEL), common)


def compatible(need: NeedFacts, supply: SupplyFacts) -> bool:
    """Whether the supply is of what the need asks for (the requirement, before any score)."""
    if supply.kind is CandidateKind.VOLUNTEER:
        if need.category == OfferCategory.SKILL.value:
            return need.skill is not None and need.skill in supply.skills
        return need.category == OfferCategory.VOLUNTEER_TIME.value
    if supply.category != need.category:
        return False
    return need.category != OfferCategory.SKILL.value or (
        need.skill is not None and need.skill in supply.skills
    )


def _available(need: NeedFacts, supply: SupplyFacts, today: date) -> bool:
    if need.status not in _OPEN_NEEDS or need.remaining <= 0:
        return False
    if supply.kind is CandidateKind.OFFER and (
        supply.status != _MATCHING_OFFER or supply.left <= 0
    ):
        return False
    return supply.available_until is None or supply.available_until >= today


def _category_text(need: NeedFacts, supply: SupplyFacts) -> Text:
    if supply.kind is CandidateKind.VOLUNTEER:
        if need.category == OfferCategory.SKILL.value:
            return t("A volunteer with the skill needed")
        return t("A volunteer who can give the time needed")
    if need.category == OfferCategory.SKILL.value:
        return t("The skill offered is the skill needed")
    return t("What is offered is what is needed")


_Part = tuple[float, Text, dict[str, str | int | float]]
"""A component's value, its text and the facts behind it."""


def _quantity(need: NeedFacts, supply: SupplyFacts) -> _Part | None:
    needed, unit = need.remaining, need.unit
    params: dict[str, str | int | float] = {"needed": needed, "unit": unit}
    if supply.kind is CandidateKind.VOLUNTEER:
        if _unit(unit) in HOUR_UNITS:
            hours = supply.left
            text = t(
                "{hours} hours a month for {needed} {unit} needed",
                hours=hours,
                needed=needed,
                unit=unit,
            )
            return min(1.0, hours / needed), text, params | {"hours": hours}
        text = t("One volunteer for {needed} {unit} needed", needed=needed, unit=unit)
        return min(1.0, 1 / needed), text, params | {"people": 1}
    if _unit(supply.unit) != _unit(unit):
        return None  # 40 kg for 3 pieces: not comparable
    left = supply.left
    text = (
        t("Enough: {left} {unit} for {needed} {unit} needed", left=left, needed=needed, unit=unit)
        if left >= needed
        else t(
            "Part of it: {left} {unit} for {needed} {unit} needed",
            left=left,
            needed=needed,
            unit=unit,
        )
    )
    return min(1.0, left / needed), text, params | {"left": left}


def _in_time(need: NeedFacts, supply: SupplyFacts, today: date) -> _Part | None:
    ready = max(today, supply.available_from or today)
    params: dict[str, str | int | float] = {"ready": ready.isoformat()}
    deadline = need.needed_by
    if deadline is not None:
        params["needed_by"] = deadline.isoformat()
        if ready > deadline:
            return None
    wait = (ready - today).days
    value = 0.5 ** (wait / HALF_LIFE_DAYS[Urgency(need.urgency)])
    if deadline is None:
        text = t("Available now") if wait == 0 else t("Available from {date}", date=Day(ready))
    elif wait == 0:
        text = t("Available now, before the deadline {deadline}", deadline=Day(deadline))
    else:
        text = t(
            "Available from {date}, before the deadline {deadline}",
            date=Day(ready),
            deadline=Day(deadline),
        )
    return value, text, params | {"days": wait}


def _nearby(need: NeedFacts, supply: SupplyFacts) -> _Part | None:
    found = proximity(need.place, supply.place)
    if found is None:
        return None
    level, where = found
    params: dict[str, str | int | float] = {"level": level.value, "kato": where.kato}
    if level is Proximity.SAME_LOCALITY:
        text = t("In the same place: {place}", place=where.name)
    elif level is Proximity.SAME_DISTRICT and where.type == TerritoryType.CITY.value:
        text = t("In the same city: {place}", place=where.name)
    elif level is Proximity.SAME_DISTRICT:
        text = t("In the same district: {place}", place=where.name)
    else:
        text = t("In the same region: {place}", place=where.name)
    return PROXIMITY[level], text, params


def _history(need: NeedFacts, supply: SupplyFacts, history: int) -> _Part:
    params: dict[str, str | int | float] = {"organization": need.org_bin}
    if supply.kind is CandidateKind.VOLUNTEER:
        return 1.0, t("Already volunteers for {organization}", organization=need.org_name), params
    text = tn(
        "{n} earlier handover from this giver to {organization}",
        "{n} earlier handovers from this giver to {organization}",
        history,
        organization=need.org_name,
    )
    return 1.0 - 0.5**history, text, params | {"handovers": history}


def _urgency_text(urgency: Urgency) -> Text:
    if urgency is Urgency.CRITICAL:
        return t("The need is critical")
    if urgency is Urgency.HIGH:
        return t("The need is urgent")
    return t("The need is of medium urgency")


def score(
    need: NeedFacts, supply: SupplyFacts, *, history: int = 0, today: date
) -> tuple[float, tuple[MatchReason, ...]] | None:
    """The score of ``supply`` for ``need`` and its reasons, largest contribution first;
    ``None`` when they do not match (another category, a closed need, a spent, withdrawn or
    expired offer). ``history``: earlier handovers from the offer's giver to the need's
    organisation, or 1 when the volunteer already volunteers for it."""
    if not compatible(need, supply) or not _available(need, supply, today):
        return None
    urgency = Urgency(need.urgency)
    found: list[tuple[MatchReasonKind, float, Text, Mapping[str, str | int | float]]] = []
    category: dict[str, str | int | float] = {"category": need.category}
    if need.skill is not None:
        category["skill"] = need.skill
    found.append((MatchReasonKind.SAME_CATEGORY, 1.0, _category_text(need, supply), category))
    for kind, part in (
        (MatchReasonKind.NEARBY, _nearby(need, supply)),
        (MatchReasonKind.QUANTITY, _quantity(need, supply)),
        (MatchReasonKind.IN_TIME, _in_time(need, supply, today)),
    ):
        if part is not None:
            found.append((kind, *part))
    if history > 0:
        found.append((MatchReasonKind.HISTORY, *_history(need, supply, history)))
    found.append(
        (
            MatchReasonKind.URGENCY,
            URGENCY[urgency],
            _urgency_text(urgency),
            {"urgency": urgency.value},
        )
    )
    reasons = [
        MatchReason(kind, WEIGHTS[kind] * value, text, MappingProxyType(dict(params)))
        for kind, value, text, params in found
        if value > 0
    ]
    order = list(MatchReasonKind)
    reasons.sort(key=lambda r: (-r.contribution, order.index(r.kind)))
    total = math.fsum(r.contribution for r in reasons)
    return min(1.0, total), tuple(reasons)
