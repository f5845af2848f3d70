"""Partner suggestions against the demo region in Neo4j."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from graph.analytics.cache import ProjectionCache
from graph.db import Database, QueryStats
from graph.discovery import Complement, ReasonKind, record_outcome, suggest_partners
from graph.discovery.region import region_snapshot
from graph.discovery.scoring import Filters, organization_centre, rank
from graph.discovery.suggestions import neighbourhood, suggest_for_project
from graph.errors import InvalidInput, NotFound
from graph.organizations import Organization
from tests.graph.discovery.conftest import HOUSE, TERENKOL, VETERANS


def _active_partners(db: Database, bin: str) -> set[str]:
    rows = db.read(
        "MATCH (:Organization {bin: $bin})-[r:PARTNERS_WITH]-(x) WHERE r.until IS NULL "
        "RETURN x.bin AS bin",
        bin=bin,
    )
    return {r["bin"] for r in rows}


def test_youth_groups_for_the_afghan_war_veterans(demo: Database) -> None:
    found = suggest_partners(demo, VETERANS, first=10)
    assert len(found) == 10
    youth = [s for s in found if s.organization.kind == "youth_group"]
    assert len(youth) >= 3
    for suggestion in youth:
        kinds = {r.kind: r for r in suggestion.reasons}
        assert kinds[ReasonKind.COMPLEMENTARY_KINDS].complement is Complement.MENTORING
        assert kinds[ReasonKind.COMPLEMENTARY_KINDS].text
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    for suggestion in found:
        assert sum(r.contribution for r in suggestion.reasons) == pytest.approx(suggestion.score)


def test_no_partner_no_archived_no_self(demo: Database) -> None:
    candidate = suggest_partners(demo, VETERANS, first=1)[0].organization.bin
    demo.write("MATCH (o:Organization {bin: $bin}) SET o.archived = true", bin=candidate)
    try:
        found = {s.organization.bin for s in suggest_partners(demo, VETERANS, first=100)}
        assert candidate not in found
        assert VETERANS not in found
        assert found.isdisjoint(_active_partners(demo, VETERANS))
        with pytest.raises(InvalidInput):
            suggest_partners(demo, candidate)
    finally:
        demo.write("MATCH (o:Organization {bin: $bin}) SET o.archived = false", bin=candidate)


@pytest.fixture
def declined(demo: Database) -> Iterator[str]:
    """A top suggestion for the veterans, declined by a coordinator (removed afterwards)."""
    bin = suggest_partners(demo, VETERANS, first=1)[0].organization.bin
    outcome = record_outcome(demo, VETERANS, bin, "declined", "not now", actor="test")
    yield bin
    demo.write("MATCH (s:SuggestionOutcome {id: $id}) DETACH DELETE s", id=outcome.id)


def test_a_declined_pair_is_never_suggested_again(demo: Database, declined: str) -> None:
    assert declined not in {s.organization.bin for s in suggest_partners(demo, VETERANS, first=100)}
    assert VETERANS not in {s.organization.bin for s in suggest_partners(demo, declined, first=100)}


def test_partners_only_when_asked_for(demo: Database) -> None:
    partners = _active_partners(demo, VETERANS)
    found = suggest_partners(demo, VETERANS, first=100, include_partners=True)
    marked = {s.organization.bin for s in found if s.already_partners}
    assert marked and marked <= partners


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        ({"kinds": ["youth_group"]}, lambda o, _: o.kind == "youth_group"),
        ({"kinds": "Youth_Group"}, lambda o, _: o.kind == "youth_group"),
        ({"focus_areas": ["sport"]}, lambda o, _: "sport" in o.focus_areas),
        ({"territory": TERENKOL}, lambda o, rural: o.kato in rural["terenkol"]),
        ({"rural_only": True}, lambda o, rural: o.kato in rural["rural"]),
    ],
)
def test_filters(
    demo: Database,
    filters: dict[str, object],
    check: Callable[[Organization, dict[str, set[str]]], bool],
) -> None:
    rows = demo.read(
        "MATCH (t:Territory) RETURN t.kato AS kato, t.settlement AS settlement, "
        "EXISTS { (t)-[:PART_OF*0..]->(:Territory {kato: $terenkol}) } AS terenkol",
        terenkol=TERENKOL,
    )
    places = {
        "rural": {r["kato"] for r in rows if r["settlement"] == "rural"},
        "terenkol": {r["kato"] for r in rows if r["terenkol"]},
    }
    found = suggest_partners(demo, HOUSE, first=20, **filters)  # type: ignore[arg-type]
    assert found
    assert all(check(s.organization, places) for s in found)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kinds": ["spaceship"]}, "kinds"),
        ({"focus_areas": ["nonsense"]}, "focus_areas"),
        ({"territory": "12"}, "territory"),
        ({"territory": "559999999"}, "territory"),
        ({"first": 0}, "first"),
        ({"first": 1000}, "first"),
    ],
)
def test_wrong_filters_name_their_field(
    demo: Database, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        suggest_partners(demo, VETERANS, **kwargs)  # type: ignore[arg-type]
    assert error.value.field == field


def test_an_unknown_organisation_is_not_found(demo: Database) -> None:
    with pytest.raises(NotFound):
        suggest_partners(demo, "000000000000")


def test_users_get_what_the_evaluation_measures(demo: Database) -> None:
    """Two reads around one organisation rank exactly as the whole-region snapshot does."""
    region = region_snapshot(demo)
    for bin in sorted(region.profiles)[::7]:
        snapshot, centre = neighbourhood(demo, bin)
        for filters in (Filters(), Filters(include_partners=True)):
            local = [(e.profile.bin, round(e.score, 9)) for e in rank(snapshot, centre, filters)]
            whole = rank(region, organization_centre(region, bin), filters)
            assert local == [(e.profile.bin, round(e.score, 9)) for e in whole], bin


def test_few_round_trips(demo: Database) -> None:
    plain, cold, warm = QueryStats(), QueryStats(), QueryStats()
    cache = ProjectionCache()
    uncached = suggest_partners(demo.counting(plain), VETERANS)
    first = suggest_partners(demo.counting(cold), VETERANS, cache=cache)
    again = suggest_partners(demo.counting(warm), VETERANS, cache=cache)
    assert plain.queries == 3  # attributes, ties, results
    assert cold.queries == 4  # graph version, attributes, ties, results
    assert warm.queries == 3  # graph version, ties, results
    assert again == first == uncached


def test_organisations_to_invite_to_a_project(demo: Database) -> None:
    row = demo.read(
        "MATCH (p:Project)<-[:PARTICIPATES_IN]-(o:Organization) WITH p, collect(o.bin) AS bins "
        "WHERE size(bins) >= 2 RETURN p.code AS code, bins ORDER BY code LIMIT 1"
    )[0]
    found = suggest_for_project(demo, row["code"], first=10)
    assert found
    assert {s.organization.bin for s in found}.isdisjoint(row["bins"])
    assert all(0 < s.score <= 1 and s.reasons for s in found)
    with pytest.raises(NotFound):
        suggest_for_project(demo, "NO-SUCH-PROJECT")
