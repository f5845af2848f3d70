"""Matching against the real Neo4j: offers and volunteers for needs, needs for offers."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, LiteralString

import pytest

from graph.db import Database
from graph.errors import InvalidInput, NotFound
from graph.hub import matching
from graph.hub.match_score import CandidateKind, MatchReasonKind
from graph.hub.matching import Match, matches_for_need, matches_for_offer
from tests.graph.plans import operators

TODAY = date(2024, 3, 1)
CLUB = "940140000385"  # asks for flats for the families it serves
VETERANS = "990140004654"
BUSINESS = "180840012345"

# Written to the model of docs/data-model.md, "The House of NGOs hub".
_TERRITORIES: LiteralString = """
UNWIND $rows AS row
CREATE (t:Territory {kato: row.kato, name: row.name, name_kk: row.name_kk, type: row.type,
                     settlement: row.settlement})
WITH t, row
OPTIONAL MATCH (p:Territory {kato: row.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (t)-[:PART_OF]->(p))
"""
_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Territory {kato: row.kato})
CREATE (o:Organization {bin: row.bin, name: row.name, kind: 'ngo'})-[:LOCATED_IN]->(t)
"""
_NEEDS: LiteralString = """
UNWIND $rows AS row
MATCH (org:Organization {bin: row.org}), (t:Territory {kato: row.kato})
CREATE (org)-[:HAS_NEED]->(n:Need {code: row.code, category: row.category, skill: row.skill,
        title: row.code, quantity: row.quantity, unit: row.unit, urgency: row.urgency,
        opened_on: date('2024-01-15'), needed_by: row.needed_by, status: row.status})
        -[:LOCATED_IN]->(t)
"""
_OFFERS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Territory {kato: row.kato})
CREATE (o:Offer {code: row.code, category: row.category, skill: row.skill, title: row.code,
        quantity: row.quantity, unit: row.unit, available_from: row.available_from,
        available_until: row.available_until, status: row.status,
        giver_kind: row.giver_kind})-[:LOCATED_IN]->(t)
WITH o, row
OPTIONAL MATCH (b:Business {bin: row.business})
OPTIONAL MATCH (g:Organization {bin: row.organization})
FOREACH (x IN [y IN [b, g] WHERE y IS NOT NULL] | CREATE (x)-[:OFFERS]->(o))
"""
_HANDOVERS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Offer {code: row.offer}), (n:Need {code: row.need})
CREATE (o)-[:GIVEN_TO {date: row.date, quantity: row.quantity}]->(n)
"""
_VOLUNTEERS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Territory {kato: row.kato})
CREATE (v:Person:Volunteer {id: row.id, display_name: row.id, skills: row.skills,
        hours_per_month: row.hours, consent: true, erased_at: row.erased_at})-[:LOCATED_IN]->(t)
WITH v, row
UNWIND row.orgs AS bin
MATCH (o:Organization {bin: bin})
CREATE (v)-[:VOLUNTEERS_FOR]->(o)
"""

_TERRITORY_ROWS = [
    ("550000000", "Павлодарская область", "Павлодар облысы", "region", None, None),
    ("551010000", "г. Павлодар", "Павлодар қаласы", "city", "550000000", "urban"),
    ("553610000", "Теренкольский район", "Теренкөл ауданы", "district", "550000000", "rural"),
    ("553631100", "село Теренколь", "Теренкөл ауылы", "settlement", "553610000", "rural"),
    ("553633000", "Бобровский с.о.", "Бобров а.о.", "rural_okrug", "553610000", "rural"),
    ("552210000", "Аккулинский район", "Аққулы ауданы", "district", "550000000", "rural"),
]


def _offer(code: str, kato: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"code": code, "kato": kato, "category": "flat", "skill": None}
    row |= {"quantity": 1}
    row |= {"unit": "шт", "available_from": None, "available_until": None, "status": "offered"}
    row |= {"giver_kind": "citizen", "business": None, "organization": None}
    return row | extra


def _need(code: str, kato: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"code": code, "kato": kato, "org": CLUB, "category": "flat"}
    row |= {"skill": None}
    row |= {"quantity": 1, "unit": "шт", "urgency": "high", "status": "open"}
    return row | {"needed_by": TODAY + timedelta(days=60)} | extra


@pytest.fixture
def hub(db: Database) -> Iterator[Database]:
    """A rural district's flat need, flats offered near and far, and what must never match."""
    keys = ("kato", "name", "name_kk", "type", "parent", "settlement")
    db.write(_TERRITORIES, rows=[dict(zip(keys, r, strict=True)) for r in _TERRITORY_ROWS])
    orgs = [(CLUB, "Клуб добряков Павлодара", "551010000")]
    orgs += [(VETERANS, "Союз ветеранов Афганистана", "551010000")]
    db.write(_ORGANIZATIONS, rows=[{"bin": b, "name": n, "kato": k} for b, n, k in orgs])
    db.write("CREATE (:Business {bin: $bin, name: 'ТОО «Строй»'})", bin=BUSINESS)
    village, okrug, district, other = "553631100", "553633000", "553610000", "552210000"
    db.write(
        _NEEDS,
        rows=[
            _need("ND-FLAT", village),
            _need("ND-OLD", village, status="met"),
            _need("ND-CLOSED", okrug, status="closed"),
            _need("ND-MET", okrug, status="open", org=VETERANS),
            _need("ND-LEGAL", village, category="skill", skill="legal", quantity=10, unit="ч"),
        ],
    )
    yesterday = TODAY - timedelta(days=1)
    db.write(
        _OFFERS,
        rows=[
            _offer("OF-NEAR", okrug),
            _offer("OF-FAR", other, giver_kind="business", business=BUSINESS),
            _offer("OF-CITY", "551010000", available_from=TODAY + timedelta(days=10)),
            _offer("OF-WITHDRAWN", village, status="withdrawn"),
            _offer("OF-EXPIRED", village, available_until=yesterday),
            _offer("OF-HANDED", village, status="handed_over"),
            _offer("OF-SPENT", village),  # its quantity is given, its status not yet updated
            _offer("OF-HOUSE", village, category="house"),
            _offer("OF-OWN", village, giver_kind="organization", organization=CLUB),
            _offer("OF-OLD", other, status="handed_over", giver_kind="business", business=BUSINESS),
            _offer("OF-LEGAL", "551010000", category="skill", skill="legal", quantity=20, unit="ч"),
            _offer("OF-IT", village, category="skill", skill="it", quantity=20, unit="ч"),
        ],
    )
    db.write(
        _HANDOVERS,
        rows=[
            {"offer": "OF-OLD", "need": "ND-OLD", "date": date(2023, 5, 1), "quantity": 1},
            {"offer": "OF-SPENT", "need": "ND-MET", "date": date(2024, 2, 1), "quantity": 1},
        ],
    )
    vol = {"skills": ["legal"], "hours": 8, "kato": district, "orgs": [CLUB], "erased_at": None}
    db.write(
        _VOLUNTEERS,
        rows=[
            vol | {"id": "V-LAWYER"},
            vol | {"id": "V-CITY", "kato": "551010000", "orgs": [], "hours": 20},
            vol | {"id": "V-IT", "skills": ["it"]},
            vol | {"id": "V-ERASED", "erased_at": date(2024, 1, 1)},
        ],
    )
    yield db


def _codes(found: list[Match]) -> list[str]:
    return [m.code for m in found]


def _adds_up(found: list[Match]) -> None:
    for m in found:
        assert 0 < m.score <= 1
        assert m.score == math.fsum(r.contribution for r in m.reasons)
        assert m.score == pytest.approx(sum(r.contribution for r in m.reasons), abs=1e-12)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_a_flat_in_the_district_ranks_above_one_in_another(hub: Database) -> None:
    found = matches_for_need(hub, "ND-FLAT", today=TODAY)
    assert _codes(found) == ["OF-NEAR", "OF-FAR", "OF-CITY"]
    assert {m.kind for m in found} == {CandidateKind.OFFER}
    _adds_up(found)
    near, far, city = ({r.kind: r for r in m.reasons} for m in found)
    assert str(near[MatchReasonKind.NEARBY].text) == "In the same district: Теренкольский район"
    assert near[MatchReasonKind.NEARBY].params["level"] == "same_district"
    assert far[MatchReasonKind.NEARBY].params == {"level": "same_region", "kato": "550000000"}
    assert str(far[MatchReasonKind.HISTORY].text) == (
        "1 earlier handover from this giver to Клуб добряков Павлодара"
    )
    assert far[MatchReasonKind.HISTORY].params["handovers"] == 1
    assert MatchReasonKind.HISTORY not in near
    assert str(near[MatchReasonKind.QUANTITY].text) == "Enough: 1 шт for 1 шт needed"
    assert str(city[MatchReasonKind.IN_TIME].text).startswith("Available from March 11, 2024")
    assert near[MatchReasonKind.IN_TIME].contribution > city[MatchReasonKind.IN_TIME].contribution


def test_withdrawn_expired_spent_and_own_offers_never_appear(hub: Database) -> None:
    found = set(_codes(matches_for_need(hub, "ND-FLAT", first=100, today=TODAY)))
    never = {"OF-WITHDRAWN", "OF-EXPIRED", "OF-HANDED", "OF-SPENT", "OF-HOUSE", "OF-OWN", "OF-OLD"}
    assert found.isdisjoint(never)
    # the day it expires it still matches; the next it does not
    expires = TODAY - timedelta(days=1)
    assert "OF-EXPIRED" in _codes(matches_for_need(hub, "ND-FLAT", today=expires))


def test_a_volunteer_with_the_skill_matches_a_skill_need(hub: Database) -> None:
    found = matches_for_need(hub, "ND-LEGAL", today=TODAY)
    assert _codes(found) == ["V-LAWYER", "OF-LEGAL", "V-CITY"]
    kinds = [m.kind for m in found]
    assert kinds == [CandidateKind.VOLUNTEER, CandidateKind.OFFER, CandidateKind.VOLUNTEER]
    _adds_up(found)
    lawyer = {r.kind: r for r in found[0].reasons}
    assert str(lawyer[MatchReasonKind.SAME_CATEGORY].text) == "A volunteer with the skill needed"
    assert str(lawyer[MatchReasonKind.HISTORY].text) == (
        "Already volunteers for Клуб добряков Павлодара"
    )
    assert str(lawyer[MatchReasonKind.QUANTITY].text) == "8 hours a month for 10 ч needed"


def test_needs_for_an_offer(hub: Database) -> None:
    found = matches_for_offer(hub, "OF-NEAR", today=TODAY)
    assert _codes(found) == ["ND-FLAT"]  # closed, met and fully given needs never appear
    _adds_up(found)
    far = matches_for_offer(hub, "OF-FAR", today=TODAY)
    assert _codes(far) == ["ND-FLAT"]
    assert far[0].score == matches_for_need(hub, "ND-FLAT", today=TODAY)[1].score
    for code in ("OF-WITHDRAWN", "OF-EXPIRED", "OF-HANDED", "OF-SPENT"):
        assert matches_for_offer(hub, code, today=TODAY) == []
    assert matches_for_need(hub, "ND-CLOSED", today=TODAY) == []
    assert _codes(matches_for_offer(hub, "OF-OWN", today=TODAY)) == []  # the club's own need


def test_unknown_codes_and_bad_first(hub: Database) -> None:
    with pytest.raises(NotFound, match="ND-NONE"):
        matches_for_need(hub, "ND-NONE")
    with pytest.raises(NotFound, match="OF-NONE"):
        matches_for_offer(hub, "OF-NONE")
    with pytest.raises(InvalidInput):
        matches_for_need(hub, "ND-FLAT", first=0)


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (matching._OFFERS_FOR_NEED, "Offer(category, status)"),  # offer_category_status
        (matching._NEEDS_FOR_OFFER, "Need(category, status)"),  # need_category_status
    ],
)
def test_candidates_come_from_the_category_status_index(
    hub: Database, query: LiteralString, index: str
) -> None:
    planned = operators(hub, query)
    seeks = [d for op, d in planned if op.startswith("NodeIndexSeek")]
    assert any(index in d for d in seeks), planned
