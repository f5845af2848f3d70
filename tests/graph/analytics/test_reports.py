from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.analytics.brokerage import BrokerageRoles
from graph.analytics.cache import ProjectionCache
from graph.analytics.reports import organization_metrics, region_analysis, territory_report
from graph.db import Database
from graph.errors import InvalidInput, NotFound
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH, Tables, sample_tables


def test_organization_metrics_of_the_veterans(sample_db: Database) -> None:
    metrics = organization_metrics(sample_db, VETERANS)
    assert (metrics.bin, metrics.kind) == (VETERANS, "veterans_union")
    assert metrics.centrality.degree == 1
    assert metrics.centrality.weighted_degree == 1.5
    assert metrics.centrality.betweenness == 0.0
    assert metrics.brokerage.constraint == 1.0  # one contact
    assert metrics.brokerage.by_kind == BrokerageRoles()
    assert metrics.community.size == 2 and metrics.community.in_core
    assert metrics.funding.state_share == 1.0
    assert metrics.funding.by_mechanism["state_social_order"] == 2_500_000
    assert metrics.results.reach_ratio == 0.75
    assert metrics.activity.reference_year == 2021
    assert metrics.activity.projects == pytest.approx(1 / 3)
    assert 0 <= metrics.activity.score <= 1
    assert [f.code for f in metrics.flags] == ["single_funder"]


def test_undefined_values_are_none(sample_db: Database) -> None:
    youth = organization_metrics(sample_db, YOUTH)
    assert youth.funding.state_share is None and youth.funding.hhi is None
    assert youth.results.reach_ratio is None
    club = organization_metrics(sample_db, "9401 4000 0385")  # spaces as people type them
    assert club.bin == CLUB
    assert club.brokerage.constraint is None  # isolated
    assert club.centrality.degree == 0 and club.community.size == 1
    assert club.funding.self_funded


def test_unknown_and_archived_organisations(load_tables: Callable[[Tables], Database]) -> None:
    tables = sample_tables()
    tables["organizations"][0].append("archived")
    for row, flag in zip(tables["organizations"][1:], ["true", "", ""], strict=True):
        row.append(flag)
    db = load_tables(tables)
    with pytest.raises(NotFound):
        organization_metrics(db, CLUB)
    with pytest.raises(NotFound):
        organization_metrics(db, "000000000000")
    assert organization_metrics(db, VETERANS).bin == VETERANS


def test_territory_report_of_a_district(sample_db: Database) -> None:
    report = territory_report(sample_db, "553610000")
    assert (report.name, report.type, report.settlement) == (
        "Теренкольский район",
        "district",
        "rural",
    )
    assert (report.population, report.organizations) == (21_000, 1)
    assert report.per_10k == pytest.approx(1 / 2.1)
    assert report.by_kind == {"youth_group": 1} and report.by_settlement == {"rural": 1}
    assert report.funding_kzt == 0 and report.state_share is None
    assert [y.bin for y in report.top_youth_groups] == [YOUTH]
    assert report.top_youth_groups[0].rank_in_district == 1
    assert report.top_youth_groups[0].supported_by_district_akimat


def test_territory_report_of_the_region(sample_db: Database) -> None:
    report = territory_report(sample_db, "550000000")
    assert report.organizations == 3 and report.population == 755_000
    assert report.by_kind == {"veterans_union": 1, "volunteer_club": 1, "youth_group": 1}
    assert report.by_settlement == {"rural": 1, "urban": 2}
    assert report.funding_kzt == 145_500_000 and report.state_kzt == 2_500_000
    assert report.funding_by_mechanism == {
        "state_social_order": 2_500_000,
        "state_grant": 0,
        "ngo_award": 0,
        "private_donation": 0,
        "in_kind": 100_000_000,
        "own_income": 43_000_000,
    }
    assert report.self_funded_organizations == 1
    assert report.flag_counts["self_funded"] == 1
    city = territory_report(sample_db, "551010000", top=0)
    assert city.organizations == 2 and city.top_youth_groups == ()


def test_territory_report_errors(sample_db: Database) -> None:
    with pytest.raises(InvalidInput):
        territory_report(sample_db, "Павлодар")
    with pytest.raises(NotFound):
        territory_report(sample_db, "559999999")


def test_repeated_calls_reuse_one_analysis(sample_db: Database) -> None:
    cache = ProjectionCache()
    organization_metrics(sample_db, CLUB, cache=cache)
    misses = cache.misses
    for bin_ in (CLUB, VETERANS, YOUTH):
        organization_metrics(sample_db, bin_, cache=cache)
    territory_report(sample_db, "553610000", cache=cache)
    assert cache.misses == misses
    assert region_analysis(sample_db, cache=cache).organizations.shape[0] == 3
