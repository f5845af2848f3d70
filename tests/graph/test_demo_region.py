"""The demo region in Neo4j, written through the importer: the article's questions answerable."""

from __future__ import annotations

import pytest

from graph import funding
from graph.db import Database
from graph.demo_load import load_demo


@pytest.fixture(scope="module")
def demo(session_db: Database) -> Database:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    return session_db


def test_thirteen_first_level_territories(demo: Database) -> None:
    rows = demo.read(
        "MATCH (t:Territory)-[:PART_OF]->(:Territory {kato: '550000000'}) "
        "RETURN t.type AS type, count(*) AS n ORDER BY type"
    )
    assert {r["type"]: r["n"] for r in rows} == {"city": 3, "district": 10}


def test_the_real_organisations_are_there_and_not_marked_synthetic(demo: Database) -> None:
    rows = demo.read("MATCH (o:Organization) RETURN o.name AS name, o.synthetic AS synthetic")
    real = sorted(r["name"] for r in rows if not r["synthetic"])
    assert real == [
        "Дом НПО Павлодарской области",
        "Клуб добряков Павлодара",
        "Павлодарский областной союз ветеранов Афганистана и локальных войн",
    ]
    assert sum(1 for r in rows if r["synthetic"]) == 300  # every invented one is marked


def test_an_urban_rural_gap(demo: Database) -> None:
    rows = demo.read(
        """MATCH (t:Territory) WHERE t.settlement IS NOT NULL
           OPTIONAL MATCH (o:Organization)-[:LOCATED_IN]->(t)
           WITH t.settlement AS s, t, count(o) AS orgs, avg(o.staff) AS staff
           RETURN s, sum(orgs) AS orgs, sum(t.population) AS people, avg(staff) AS staff"""
    )
    by = {r["s"]: r for r in rows}
    density = {s: by[s]["orgs"] / by[s]["people"] * 10_000 for s in by}
    assert density["urban"] > density["rural"]
    assert by["urban"]["staff"] > by["rural"]["staff"]


def test_budget_dependent_and_self_funded_organisations(demo: Database) -> None:
    bins = [r["bin"] for r in demo.read("MATCH (o:Organization) RETURN o.bin AS bin")]
    shares = [p.state_share for p in funding.profiles(demo, bins).values() if p.total_kzt]
    assert sum(1 for s in shares if s is not None and s >= 0.8) >= 10
    assert sum(1 for s in shares if s == 0) >= 10
    club = demo.read(
        "MATCH (o:Organization {name: 'Клуб добряков Павлодара'}) RETURN o.bin AS bin"
    )[0]["bin"]
    profile = funding.profiles(demo, [club])[club]
    assert profile.state_kzt == 0 and profile.total_kzt >= 143_000_000


def test_loading_twice_changes_nothing(demo: Database) -> None:
    again = load_demo(demo)
    assert all(t.created == 0 and t.updated == 0 for t in again.tables.values())
