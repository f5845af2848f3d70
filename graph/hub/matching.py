"""Matching for the House of NGOs: what could meet a need, and which needs an offer could meet.

Two reads per request: the need (or offer) asked about, then its candidates. Candidates are found
through the ``(category, status)`` indexes (``need_category_status``, ``offer_category_status``),
expired and spent offers and met needs dropped in Cypher, and at most :data:`CANDIDATE_POOL` of
them read — the nearest first, by how many territories their places share. Volunteers (for needs
of category ``skill`` or ``volunteer_time``) are read by their label: a region has hundreds, not
millions. Each candidate is scored by :func:`graph.hub.match_score.score` (the formula is there
and in docs/matching.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.db import Database
from graph.errors import NotFound
from graph.hub.match_score import (
    CandidateKind,
    MatchReason,
    NeedFacts,
    PlaceStep,
    SupplyFacts,
    score,
)
from graph.i18n import t
from graph.i18n.values import Localized
from graph.rules import check_first
from graph.vocab import NeedStatus, OfferCategory, OfferStatus

__all__ = ["CANDIDATE_POOL", "Match", "matches_for_need", "matches_for_offer"]

CANDIDATE_POOL = 500
"""How many candidates of the category are scored at most, the nearest first: far more than a
page, so the nearest are never cut off by a cap, and bounded when a category grows large."""

_OPEN_NEEDS = [NeedStatus.OPEN.value, NeedStatus.PARTLY_MET.value]
_VOLUNTEER_NEEDS = frozenset({OfferCategory.SKILL.value, OfferCategory.VOLUNTEER_TIME.value})


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate for a need (an offer or a volunteer) or for an offer (a need)."""

    kind: CandidateKind
    code: str
    """The offer's or need's code, or the volunteer's id."""
    score: float
    """In [0, 1]: the sum of the reasons' contributions."""
    reasons: tuple[MatchReason, ...]


# Each territory from a place up to the region, nearest first (``t`` may be null: no place).
_PLACE: LiteralString = """COLLECT { MATCH p = (t)-[:PART_OF*0..]->(x:Territory)
            RETURN x {.kato, .name, .name_ru, .name_kk, .type} ORDER BY length(p) }"""
# What has been handed over (not an aggregate: Neo4j would take it for the outer query's).
_NEED_GIVEN: LiteralString = (
    "reduce(s = 0, q IN COLLECT { MATCH (:Offer)-[h:GIVEN_TO]->(n) RETURN h.quantity } | s + q)"
)
_OFFER_GIVEN: LiteralString = (
    "reduce(s = 0, q IN COLLECT { MATCH (o)-[h:GIVEN_TO]->(:Need) RETURN h.quantity } | s + q)"
)

_NEED: LiteralString = (
    """
MATCH (n:Need {code: $code})
OPTIONAL MATCH (n)-[:LOCATED_IN]->(t:Territory)
RETURN n {.code, .category, .skill, .unit, .urgency, .needed_by, .status} AS need,
  n.quantity - """
    + _NEED_GIVEN
    + """ AS remaining,
  COLLECT { MATCH (org:Organization)-[:HAS_NEED]->(n)
            RETURN org {.bin, .name, .name_ru, .name_kk} }[0] AS org,
  """
    + _PLACE
    + " AS place"
)

_OFFERS_FOR_NEED: LiteralString = (
    """
MATCH (o:Offer)
WHERE o.category = $category AND o.status = $status
  AND ($skill IS NULL OR o.skill = $skill)
  AND (o.available_until IS NULL OR o.available_until >= $today)
  AND NOT EXISTS { MATCH (:Organization {bin: $org})-[:OFFERS]->(o) }
WITH o, o.quantity - """
    + _OFFER_GIVEN
    + """ AS left
WHERE left > 0
OPTIONAL MATCH (o)-[:LOCATED_IN]->(t:Territory)
WITH o, left, """
    + _PLACE
    + """ AS place
WITH o, left, place, size([x IN place WHERE x.kato IN $near]) AS shared
ORDER BY shared DESC, o.code
LIMIT $pool
RETURN o {.code, .category, .skill, .unit, .available_from, .available_until, .status} AS offer,
  left, place,
  COUNT { MATCH (g)-[:OFFERS]->(o)
          MATCH (g)-[:OFFERS]->(:Offer)-[:GIVEN_TO]->(:Need)
                <-[:HAS_NEED]-(:Organization {bin: $org}) } AS history
"""
)

_VOLUNTEERS_FOR_NEED: LiteralString = (
    """
MATCH (v:Volunteer)
WHERE v.erased_at IS NULL AND ($skill IS NULL OR $skill IN v.skills)
OPTIONAL MATCH (v)-[:LOCATED_IN]->(t:Territory)
WITH v, """
    + _PLACE
    + """ AS place
WITH v, place, size([x IN place WHERE x.kato IN $near]) AS shared
ORDER BY shared DESC, v.id
LIMIT $pool
RETURN v.id AS id, v.skills AS skills, v.hours_per_month AS hours, place,
  EXISTS { MATCH (v)-[:VOLUNTEERS_FOR]->(:Organization {bin: $org}) } AS volunteers_for
"""
)

_OFFER: LiteralString = (
    """
MATCH (o:Offer {code: $code})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(t:Territory)
RETURN o {.code, .category, .skill, .unit, .available_from, .available_until, .status} AS offer,
  o.quantity - """
    + _OFFER_GIVEN
    + """ AS left,
  """
    + _PLACE
    + """ AS place,
  COLLECT { MATCH (g:Organization)-[:OFFERS]->(o) RETURN g.bin }[0] AS giver_bin,
  COLLECT { MATCH (g)-[:OFFERS]->(o)
            MATCH (g)-[:OFFERS]->(:Offer)-[:GIVEN_TO]->(:Need)<-[:HAS_NEED]-(r:Organization)
            WITH r.bin AS bin, count(*) AS n RETURN {bin: bin, n: n} } AS history
"""
)

_NEEDS_FOR_OFFER: LiteralString = (
    """
MATCH (n:Need)
WHERE n.category = $category AND n.status IN $statuses
  AND ($skill IS NULL OR n.skill = $skill)
WITH n, n.quantity - """
    + _NEED_GIVEN
    + """ AS remaining
WHERE remaining > 0
MATCH (org:Organization)-[:HAS_NEED]->(n)
WHERE $giver IS NULL OR org.bin <> $giver
OPTIONAL MATCH (n)-[:LOCATED_IN]->(t:Territory)
WITH n, remaining, org, """
    + _PLACE
    + """ AS place
WITH n, remaining, org, place, size([x IN place WHERE x.kato IN $near]) AS shared
ORDER BY shared DESC, n.code
LIMIT $pool
RETURN n {.code, .category, .skill, .unit, .urgency, .needed_by, .status} AS need, remaining,
  org {.bin, .name, .name_ru, .name_kk} AS org, place
"""
)


def _day(value: Any) -> date | None:
    return value.to_native() if value is not None else None


def _localized(row: dict[str, Any]) -> Localized:
    """A name as :func:`graph.names.display_name` shows it, rendered when read."""
    name: str = row["name"]
    return Localized(name, ru=row.get("name_ru") or name, kk=row.get("name_kk") or name)


def _place(rows: list[dict[str, Any]]) -> tuple[PlaceStep, ...]:
    return tuple(PlaceStep(r["kato"], _localized(r), r["type"]) for r in rows)


def _need(row: dict[str, Any], remaining: int, org: dict[str, Any] | None, place: Any) -> NeedFacts:
    return NeedFacts(
        code=row["code"],
        category=row["category"],
        skill=row.get("skill"),
        remaining=remaining,
        unit=row["unit"],
        urgency=row["urgency"],
        needed_by=_day(row.get("needed_by")),
        status=row["status"],
        place=_place(place),
        org_bin=org["bin"] if org else "",
        org_name=_localized(org) if org else "",
    )


def _offer(row: dict[str, Any], left: int, place: Any) -> SupplyFacts:
    return SupplyFacts(
        kind=CandidateKind.OFFER,
        key=row["code"],
        category=row["category"],
        skills=frozenset({row["skill"]}) if row.get("skill") else frozenset(),
        left=left,
        unit=row["unit"],
        available_from=_day(row.get("available_from")),
        available_until=_day(row.get("available_until")),
        status=row["status"],
        place=_place(place),
    )


def _ranked(found: list[Match], first: int) -> list[Match]:
    order = list(CandidateKind)
    found.sort(key=lambda m: (-m.score, order.index(m.kind), m.code))
    return found[:first]


def matches_for_need(
    db: Database, need_code: str, *, first: int = 10, today: date | None = None
) -> list[Match]:
    """Offers (and, for a need of category ``skill`` or ``volunteer_time``, volunteers) that
    could meet the need, best first, each with its reasons; none when the need is met or
    closed. ``today`` (default: the date now) decides what has expired."""
    check_first(first)
    today = today or date.today()
    rows = db.read(_NEED, code=need_code)
    if not rows:
        raise NotFound(t("no need with code {code} to match", code=need_code))
    row = rows[0]
    need = _need(row["need"], row["remaining"], row["org"], row["place"])
    if need.status not in _OPEN_NEEDS or need.remaining <= 0:
        return []
    params: dict[str, Any] = {
        "category": need.category,
        "skill": need.skill if need.category == OfferCategory.SKILL.value else None,
        "org": need.org_bin,
        "near": [s.kato for s in need.place],
        "pool": CANDIDATE_POOL,
    }
    found: list[Match] = []
    offers = db.read(_OFFERS_FOR_NEED, status=OfferStatus.OFFERED.value, today=today, **params)
    for r in offers:
        offer = _offer(r["offer"], r["left"], r["place"])
        scored = score(need, offer, history=r["history"], today=today)
        if scored is not None:
            found.append(Match(CandidateKind.OFFER, offer.key, *scored))
    if need.category in _VOLUNTEER_NEEDS:
        for r in db.read(_VOLUNTEERS_FOR_NEED, **params):
            volunteer = SupplyFacts(
                kind=CandidateKind.VOLUNTEER,
                key=r["id"],
                category=None,
                skills=frozenset(r["skills"] or ()),
                left=r["hours"] or 0,
                unit=None,
                available_from=None,
                available_until=None,
                status=None,
                place=_place(r["place"]),
            )
            scored = score(need, volunteer, history=int(r["volunteers_for"]), today=today)
            if scored is not None:
                found.append(Match(CandidateKind.VOLUNTEER, volunteer.key, *scored))
    return _ranked(found, first)


def matches_for_offer(
    db: Database, offer_code: str, *, first: int = 10, today: date | None = None
) -> list[Match]:
    """Open needs the offer could meet, best first, each with its reasons; none when the offer
    is withdrawn, reserved, handed over, spent or expired (see :func:`matches_for_need`)."""
    check_first(first)
    today = today or date.today()
    rows = db.read(_OFFER, code=offer_code)
    if not rows:
        raise NotFound(t("no offer with code {code} to match", code=offer_code))
    row = rows[0]
    offer = _offer(row["offer"], row["left"], row["place"])
    expired = offer.available_until is not None and offer.available_until < today
    if offer.status != OfferStatus.OFFERED.value or offer.left <= 0 or expired:
        return []
    history = {h["bin"]: h["n"] for h in row["history"]}
    needs = db.read(
        _NEEDS_FOR_OFFER,
        category=offer.category,
        statuses=_OPEN_NEEDS,
        skill=next(iter(offer.skills), None)
        if offer.category == OfferCategory.SKILL.value
        else None,
        giver=row["giver_bin"],
        near=[s.kato for s in offer.place],
        pool=CANDIDATE_POOL,
    )
    found: list[Match] = []
    for r in needs:
        need = _need(r["need"], r["remaining"], r["org"], r["place"])
        scored = score(need, offer, history=history.get(need.org_bin, 0), today=today)
        if scored is not None:
            found.append(Match(CandidateKind.NEED, need.code, *scored))
    return _ranked(found, first)
