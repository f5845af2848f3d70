"""The match score as a pure function: requirements, components, reasons adding up to the score."""

from __future__ import annotations

import doctest
import math
from dataclasses import replace
from datetime import date, timedelta

import pytest

from graph.hub import match_score
from graph.hub.match_score import (
    WEIGHTS,
    CandidateKind,
    MatchReasonKind,
    NeedFacts,
    PlaceStep,
    Proximity,
    SupplyFacts,
    proximity,
    score,
)
from graph.i18n import Language

TODAY = date(2024, 3, 1)
REGION = PlaceStep("550000000", "Павлодарская область", "region")
TERENKOL = PlaceStep("553610000", "Теренкольский район", "district")
OKRUG = PlaceStep("553633000", "Бобровский сельский округ", "rural_okrug")
VILLAGE = PlaceStep("553633100", "село Бобровка", "settlement")
AKKULY = PlaceStep("552210000", "Аккулинский район", "district")
PAVLODAR = PlaceStep("551010000", "г. Павлодар", "city")
OTHER_OKRUG = PlaceStep("553635000", "Другой сельский округ", "rural_okrug")
CITY_OKRUG = PlaceStep("551033000", "Кенжекольский сельский округ", "rural_okrug")

IN_VILLAGE = (VILLAGE, OKRUG, TERENKOL, REGION)

NEED = NeedFacts(
    code="ND-1",
    category="flat",
    skill=None,
    remaining=1,
    unit="шт",
    urgency="critical",
    needed_by=TODAY + timedelta(days=30),
    status="open",
    place=IN_VILLAGE,
    org_bin="940140000385",
    org_name="Клуб добряков Павлодара",
)
OFFER = SupplyFacts(
    kind=CandidateKind.OFFER,
    key="OF-1",
    category="flat",
    skills=frozenset(),
    left=1,
    unit="шт.",
    available_from=None,
    available_until=None,
    status="offered",
    place=IN_VILLAGE,
)
VOLUNTEER = SupplyFacts(
    kind=CandidateKind.VOLUNTEER,
    key="V-1",
    category=None,
    skills=frozenset({"legal", "it"}),
    left=8,
    unit=None,
    available_from=None,
    available_until=None,
    status=None,
    place=(TERENKOL, REGION),
)
SKILL_NEED = replace(NEED, category="skill", skill="legal", remaining=10, unit="ч")


def _reasons(need: NeedFacts, supply: SupplyFacts, **kw: int) -> dict[MatchReasonKind, float]:
    found = score(need, supply, today=TODAY, **kw)
    assert found is not None
    return {r.kind: r.contribution for r in found[1]}


def test_weights_sum_to_one() -> None:
    assert math.fsum(WEIGHTS.values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    ("other", "level", "where"),
    [
        ((VILLAGE, OKRUG, TERENKOL, REGION), Proximity.SAME_LOCALITY, VILLAGE),
        ((OKRUG, TERENKOL, REGION), Proximity.SAME_LOCALITY, OKRUG),
        ((TERENKOL, REGION), Proximity.SAME_DISTRICT, TERENKOL),
        (
            (OTHER_OKRUG, TERENKOL, REGION),
            Proximity.SAME_DISTRICT,
            TERENKOL,
        ),
        ((AKKULY, REGION), Proximity.SAME_REGION, REGION),
        ((PAVLODAR, REGION), Proximity.SAME_REGION, REGION),
    ],
)
def test_proximity_through_the_territory_tree(
    other: tuple[PlaceStep, ...], level: Proximity, where: PlaceStep
) -> None:
    assert proximity(IN_VILLAGE, other) == (level, where)
    assert proximity(other, IN_VILLAGE) is not None
    assert proximity(other, IN_VILLAGE)[0] is level  # type: ignore[index]


def test_a_city_is_one_locality_but_not_its_rural_okrugs() -> None:
    city = (PAVLODAR, REGION)
    assert proximity(city, city) == (Proximity.SAME_LOCALITY, PAVLODAR)
    assert proximity(city, (CITY_OKRUG, PAVLODAR, REGION)) == (Proximity.SAME_DISTRICT, PAVLODAR)
    assert proximity((TERENKOL, REGION), (TERENKOL, REGION))[0] is Proximity.SAME_DISTRICT  # type: ignore[index]
    town = PlaceStep("553611000", "г. Теренколь", "city")  # a town inside the district
    assert proximity((town, TERENKOL, REGION), IN_VILLAGE) == (Proximity.SAME_DISTRICT, TERENKOL)
    assert proximity((), city) is None
    assert proximity((AKKULY,), (PAVLODAR,)) is None


def test_a_near_perfect_match_and_contributions_adding_up() -> None:
    found = score(NEED, OFFER, history=3, today=TODAY)
    assert found is not None
    total, reasons = found
    assert {r.kind for r in reasons} == set(MatchReasonKind)
    assert total == pytest.approx(1.0 - WEIGHTS[MatchReasonKind.HISTORY] * 0.5**3)
    assert total == math.fsum(r.contribution for r in reasons)
    contributions = [r.contribution for r in reasons]
    assert contributions == sorted(contributions, reverse=True)
    assert all(str(r.text) for r in reasons)


def test_partial_quantity_earns_partial_credit() -> None:
    four = replace(NEED, remaining=4)
    assert _reasons(four, OFFER)[MatchReasonKind.QUANTITY] == pytest.approx(0.2 * 0.25)
    plenty = replace(OFFER, left=9)
    assert _reasons(four, plenty)[MatchReasonKind.QUANTITY] == pytest.approx(0.2)
    in_kg = replace(OFFER, unit="кг")
    assert MatchReasonKind.QUANTITY not in _reasons(NEED, in_kg)


def test_nearer_scores_higher() -> None:
    same_district = replace(OFFER, place=(OTHER_OKRUG, TERENKOL, REGION))
    other_district = replace(OFFER, place=(AKKULY, REGION))
    here, near, far = (score(NEED, o, today=TODAY) for o in (OFFER, same_district, other_district))
    assert here and near and far
    assert here[0] > near[0] > far[0]
    assert _reasons(NEED, other_district)[MatchReasonKind.NEARBY] == pytest.approx(0.25 * 0.2)


@pytest.mark.parametrize("status", ["withdrawn", "reserved", "handed_over"])
def test_only_offered_offers_match(status: str) -> None:
    assert score(NEED, replace(OFFER, status=status), today=TODAY) is None


def test_expired_spent_and_other_category_never_match() -> None:
    assert (
        score(NEED, replace(OFFER, available_until=TODAY - timedelta(days=1)), today=TODAY) is None
    )
    assert score(NEED, replace(OFFER, available_until=TODAY), today=TODAY) is not None
    assert score(NEED, replace(OFFER, left=0), today=TODAY) is None
    assert score(NEED, replace(OFFER, category="house"), today=TODAY) is None


@pytest.mark.parametrize("status", ["met", "closed"])
def test_met_and_closed_needs_never_match(status: str) -> None:
    assert score(replace(NEED, status=status), OFFER, today=TODAY) is None
    assert score(replace(NEED, status="partly_met"), OFFER, today=TODAY) is not None


def test_time_against_urgency_and_deadline() -> None:
    week = replace(OFFER, available_from=TODAY + timedelta(days=7))
    assert _reasons(NEED, week)[MatchReasonKind.IN_TIME] == pytest.approx(0.12 * 0.5)
    low = replace(NEED, urgency="low")
    assert _reasons(low, week)[MatchReasonKind.IN_TIME] == pytest.approx(0.12 * 0.5 ** (7 / 365))
    late = replace(OFFER, available_from=TODAY + timedelta(days=31))
    assert MatchReasonKind.IN_TIME not in _reasons(NEED, late)
    assert MatchReasonKind.URGENCY not in _reasons(low, OFFER)
    assert _reasons(NEED, OFFER)[MatchReasonKind.URGENCY] == pytest.approx(0.05)


def test_skills_must_match() -> None:
    legal = replace(OFFER, category="skill", skills=frozenset({"legal"}), unit="ч", left=20)
    assert score(SKILL_NEED, legal, today=TODAY) is not None
    it = replace(legal, skills=frozenset({"it"}))
    assert score(SKILL_NEED, it, today=TODAY) is None


def test_a_volunteer_with_the_skill_matches_a_skill_need() -> None:
    found = score(SKILL_NEED, VOLUNTEER, history=1, today=TODAY)
    assert found is not None
    total, reasons = found
    kinds = {r.kind: r for r in reasons}
    assert kinds[MatchReasonKind.QUANTITY].contribution == pytest.approx(0.2 * 8 / 10)
    assert kinds[MatchReasonKind.HISTORY].contribution == pytest.approx(0.08)
    assert "Already volunteers for" in str(kinds[MatchReasonKind.HISTORY].text)
    assert total == math.fsum(r.contribution for r in reasons)
    assert score(replace(SKILL_NEED, skill="medical"), VOLUNTEER, today=TODAY) is None
    assert score(NEED, VOLUNTEER, today=TODAY) is None  # volunteers give no flats
    time_need = replace(NEED, category="volunteer_time", remaining=2, unit="чел")
    one = _reasons(time_need, VOLUNTEER)
    assert one[MatchReasonKind.QUANTITY] == pytest.approx(0.2 * 0.5)


def test_reasons_read_in_kazakh_and_russian() -> None:
    found = score(
        NEED, replace(OFFER, place=(OTHER_OKRUG, TERENKOL, REGION)), history=2, today=TODAY
    )
    assert found is not None
    texts = {r.kind: r.text for r in found[1]}
    near = texts[MatchReasonKind.NEARBY]
    assert near.render(Language.EN) == "In the same district: Теренкольский район"
    assert near.render(Language.RU) == "В том же районе: Теренкольский район"
    assert near.render(Language.KK) == "Сол ауданда: Теренкольский район"
    history = texts[MatchReasonKind.HISTORY]
    assert history.render(Language.RU).endswith(": 2 раза")
    assert "2 рет" in history.render(Language.KK)
    assert dict(found[1][0].params) == {"category": "flat"}


def test_docstring_examples() -> None:
    result = doctest.testmod(match_score, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
