"""Candidates bounded by their neighbourhood: the same first suggestions as ranking the region,
and fresh facts only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.analytics.cache import ProjectionCache
from graph.db import Database
from graph.discovery import ReasonKind, suggest_partners
from graph.discovery.attributes import region_attributes
from graph.discovery.candidates import groups, top
from graph.discovery.region import region_snapshot
from graph.discovery.scoring import Filters, organization_centre, rank
from graph.discovery.suggestions import neighbourhood, suggest_for_project
from graph.edits.links import save_partnership
from tests.graph.discovery.conftest import HOUSE, TERENKOL, VETERANS

_TIED = """
MATCH (a:Organization {bin: $a}), (b:Organization {bin: $b})
RETURN EXISTS { (a)-[r:PARTNERS_WITH]-(b) WHERE r.until IS NULL }
    OR EXISTS { (a)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b)
                WHERE coalesce(p.status, '') <> 'cancelled' } AS tied
"""


def _tied(db: Database, a: str, b: str) -> bool:
    return bool(db.read(_TIED, a=a, b=b)[0]["tied"])


def test_the_first_suggestions_are_those_of_the_whole_region(demo: Database) -> None:
    """For every third organisation of the demo region and several page sizes and filters, the
    candidates generated around it give the first suggestions ranking every organisation of the
    region gives (the old whole-graph walk), scores included."""
    region = region_snapshot(demo)
    cache = ProjectionCache()
    cases: list[tuple[dict[str, object], Filters]] = [
        ({}, Filters()),
        ({"include_partners": True}, Filters(include_partners=True)),
        ({"kinds": ["youth_group"]}, Filters(kinds=frozenset({"youth_group"}))),
        ({"territory": TERENKOL}, Filters(territories=region.territories.under(TERENKOL))),
    ]
    compared = 0
    for bin in sorted(region.profiles)[::3]:
        centre = organization_centre(region, bin)
        for kwargs, filters in cases:
            whole = [(e.profile.bin, round(e.score, 9)) for e in rank(region, centre, filters)]
            for first in (1, 10, 100):
                found = suggest_partners(demo, bin, first=first, cache=cache, **kwargs)  # type: ignore[arg-type]
                got = [(s.organization.bin, round(s.score, 9)) for s in found]
                assert got == whole[:first], (bin, kwargs, first)
                compared += 1
    assert compared > 1000


def test_groups_leave_out_what_cannot_be_first(demo: Database) -> None:
    """The groups are needed: the House of NGOs' first suggestion is found without scoring
    every group, and the groups' bounds are in decreasing order."""
    snapshot, centre = neighbourhood(demo, HOUSE)
    attributes = region_attributes(demo)
    found = groups(snapshot, centre, attributes)
    assert [g.bound for g in found] == sorted((g.bound for g in found), reverse=True)
    best = top(snapshot, centre, attributes, Filters(), 1)
    assert [e.profile.bin for e in best] == [rank(snapshot, centre, Filters())[0].profile.bin]
    assert best[0].score > found[-1].bound


def test_project_suggestions_are_those_of_the_whole_region(demo: Database) -> None:
    codes = [
        r["code"]
        for r in demo.read("MATCH (p:Project) RETURN p.code AS code ORDER BY code LIMIT 12")
    ]
    for code in codes:
        ten = suggest_for_project(demo, code, first=10)
        hundred = suggest_for_project(demo, code, first=100)
        assert [(s.organization.bin, s.score) for s in ten] == [
            (s.organization.bin, s.score) for s in hundred[:10]
        ]


@pytest.fixture
def fresh(demo: Database) -> Iterator[str]:
    """The veterans' first suggestion, made a partner just now (removed afterwards)."""
    bin = suggest_partners(demo, VETERANS, first=1)[0].organization.bin
    save_partnership(demo, VETERANS, bin, basis="memorandum", actor="test")
    yield bin
    demo.write(
        "MATCH (:Organization {bin: $a})-[r:PARTNERS_WITH]-(:Organization {bin: $b}) DELETE r",
        a=VETERANS,
        b=bin,
    )


def test_a_partnership_just_created_is_never_suggested(demo: Database) -> None:
    cache = ProjectionCache()
    bin = suggest_partners(demo, VETERANS, first=1, cache=cache)[0].organization.bin
    save_partnership(demo, VETERANS, bin, basis="memorandum", actor="test")
    try:
        after = suggest_partners(demo, VETERANS, first=100, cache=cache)
        assert bin not in {s.organization.bin for s in after}
        back = suggest_partners(demo, bin, first=100, cache=cache)
        assert VETERANS not in {s.organization.bin for s in back}
        marked = suggest_partners(demo, VETERANS, first=100, include_partners=True, cache=cache)
        assert bin in {s.organization.bin for s in marked if s.already_partners}
    finally:
        demo.write(
            "MATCH (:Organization {bin: $a})-[r:PARTNERS_WITH]-(:Organization {bin: $b}) DELETE r",
            a=VETERANS,
            b=bin,
        )


def test_reasons_cite_true_facts_after_a_write(demo: Database, fresh: str) -> None:
    """Right after a new partnership, every common partner and shared project cited is a tie in
    the database, and every suggestion tied to the new partner cites it as a common partner."""
    for suggestion in suggest_partners(demo, VETERANS, first=50, cache=ProjectionCache()):
        other = suggestion.organization.bin
        cited: set[str] = set()
        for reason in suggestion.reasons:
            if reason.kind is ReasonKind.COMMON_PARTNERS:
                cited = {z.bin for z in reason.organizations}
                assert all(_tied(demo, VETERANS, z) and _tied(demo, other, z) for z in cited)
            if reason.kind is ReasonKind.SHARED_PROJECTS:
                assert _tied(demo, VETERANS, other)
        assert (fresh in cited) == _tied(demo, fresh, other), other
