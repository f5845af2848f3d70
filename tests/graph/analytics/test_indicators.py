from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pandas as pd
import pytest

from graph.analytics.indicators import (
    REVENUE_TYPES,
    FlagThresholds,
    activity_scores,
    flags,
    herfindahl,
    indicator_tables,
    result_orientation,
    revenue_by_type,
    self_funded,
    state_dependency,
)
from graph.db import Database, QueryStats
from graph.errors import InvalidInput
from graph.vocab import STATE_MECHANISMS, Mechanism
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH, Tables, sample_tables

LOG101 = math.log(101)


def test_state_dependency_of_the_sample(sample_db: Database) -> None:
    table = state_dependency(sample_db)
    assert list(table.index) == sorted([CLUB, VETERANS, YOUTH])
    veterans = table.loc[VETERANS]
    assert veterans["funding_kzt"] == veterans["state_kzt"] == 2_500_000
    assert veterans["state_share"] == 1.0  # the Afghan veterans' union: 100% state funded
    assert veterans["hhi"] == 1.0 and veterans["funders"] == 1
    assert veterans["revenue_hhi"] == 1.0 and veterans["revenue_types"] == 1
    assert veterans["state_social_order_kzt"] == 2_500_000
    assert not veterans["self_funded"]
    club = table.loc[CLUB]
    assert club["state_share"] == 0.0  # Клуб добряков: no state money
    assert club["self_funded"]
    assert club["funding_kzt"] == 143_000_000
    assert club["hhi"] == pytest.approx((100**2 + 43**2) / 143**2)
    # In-kind help (contributions) and own income (earned income): two revenue types.
    assert club["revenue_hhi"] == pytest.approx((100**2 + 43**2) / 143**2)
    assert club["revenue_types"] == 2
    assert (club["in_kind_kzt"], club["own_income_kzt"]) == (100_000_000, 43_000_000)
    youth = table.loc[YOUTH]
    assert youth["funding_kzt"] == 0 and math.isnan(youth["state_share"])
    assert math.isnan(youth["hhi"]) and not youth["self_funded"]
    assert math.isnan(youth["revenue_hhi"]) and youth["revenue_types"] == 0
    assert youth["district_kato"] == "553610000" and youth["settlement"] == "rural"
    assert youth["territories"] == ["553630000", "553610000", "550000000"]


def test_state_dependency_follows_the_filters(sample_db: Database) -> None:
    in_2018 = state_dependency(sample_db, years=2018)
    assert in_2018.loc[VETERANS, "funding_kzt"] == 0
    assert in_2018.loc[CLUB, "funding_kzt"] == 143_000_000
    assert list(state_dependency(sample_db, territories="553610000").index) == [YOUTH]
    assert self_funded(sample_db).index.tolist() == [CLUB]
    assert self_funded(sample_db, kinds="veterans_union").empty


def test_result_orientation_of_the_sample(sample_db: Database) -> None:
    table = result_orientation(sample_db)
    veterans = table.loc[VETERANS]
    assert veterans["completed_projects"] == 1
    assert veterans["reach_ratio"] == 0.75  # 150 of 200
    assert veterans["kzt_per_beneficiary"] == pytest.approx(2_500_000 / 150)
    club = table.loc[CLUB]
    assert club["reach_ratio"] == 1.2  # 120 of 100
    assert club["kzt_per_beneficiary"] == pytest.approx(143_000_000 / 120)
    youth = table.loc[YOUTH]  # implements P-2 but is not accountable for it
    assert youth["completed_projects"] == 0 and math.isnan(youth["reach_ratio"])


def test_only_completed_projects_count_for_results(
    load_tables: Callable[[Tables], Database],
) -> None:
    tables = sample_tables()
    tables["projects"][0].append("status")
    tables["projects"][1].append("active")
    tables["projects"][2].append("")
    table = result_orientation(load_tables(tables))
    assert table.loc[CLUB, "completed_projects"] == 0
    assert math.isnan(table.loc[CLUB, "kzt_per_beneficiary"])
    assert table.loc[VETERANS, "completed_projects"] == 1


def test_activity_score_by_hand(sample_db: Database) -> None:
    # Reference year = 2021 (the latest project), window 2019-2021.
    table = activity_scores(sample_db)
    assert set(table["reference_year"]) == {2021}
    veterans = table.loc[VETERANS]
    # P-2 (1 of 3 a year), one partner (1/5), 40 volunteers (log scale), P-2 reached 150/200.
    assert veterans["recent_projects"] == 1 and veterans["partners"] == 1
    assert veterans["projects_score"] == pytest.approx(1 / 3)
    assert veterans["partners_score"] == pytest.approx(1 / 5)
    assert veterans["volunteers_score"] == pytest.approx(math.log(41) / LOG101)
    assert veterans["results_score"] == pytest.approx(0.75)
    expected = 0.4 / 3 + 0.2 * 0.2 + 0.2 * math.log(41) / LOG101 + 0.2 * 0.75
    assert veterans["activity"] == pytest.approx(expected)
    youth = table.loc[YOUTH]  # results count for every role, here implementing P-2
    assert youth["results_score"] == pytest.approx(0.75)
    assert youth["volunteers"] == 12  # the member p-1 is not a volunteer
    club = table.loc[CLUB]  # P-1 (2018) is before the window
    assert club["recent_projects"] == 0 and club["partners"] == 0
    assert club["volunteers_score"] == 1.0  # 250 volunteers
    assert club["activity"] == pytest.approx(0.2)
    assert table["activity"].between(0, 1).all()


def test_activity_reference_year_window_and_weights(sample_db: Database) -> None:
    in_2018 = activity_scores(sample_db, reference_year=2018)
    assert in_2018.loc[CLUB, "recent_projects"] == 1
    assert in_2018.loc[CLUB, "results_score"] == 1.0  # 120 of 100, capped
    assert in_2018.loc[VETERANS, "partners"] == 0  # the partnership began in 2019
    wide = activity_scores(sample_db, window=4)
    assert wide.loc[CLUB, "recent_projects"] == 1  # 2018-2021
    assert wide.loc[VETERANS, "projects_score"] == pytest.approx(1 / 4)
    only_volunteers = activity_scores(
        sample_db, weights={"projects": 0, "partners": 0, "volunteers": 2, "results": 0}
    )
    assert only_volunteers.loc[CLUB, "activity"] == 1.0
    with pytest.raises(InvalidInput):
        activity_scores(sample_db, weights={"projects": 1})
    with pytest.raises(InvalidInput):
        activity_scores(sample_db, window=0)


def test_activity_lists_akimat_support(sample_db: Database) -> None:
    table = activity_scores(sample_db, kinds="youth_group")
    assert list(table.index) == [YOUTH]
    assert table.loc[YOUTH, "supported_by"] == [
        {
            "code": "akimat-553610000",
            "level": "district",
            "kind": "premises",
            "since": dt.date(2020, 1, 1),
            "kato": "553610000",
        }
    ]


def test_activity_without_projects(db: Database) -> None:
    assert activity_scores(db).empty


def test_flags_by_hand() -> None:
    dependency = pd.DataFrame(
        {
            "state_share": [0.9, 0.0, math.nan],
            "hhi": [0.95, 0.4, math.nan],
            "self_funded": [False, True, False],
        },
        index=["A", "B", "C"],
    )
    results = pd.DataFrame(
        {"reach_ratio": [0.5, 1.1, math.nan], "kzt_per_beneficiary": [900.0, 100.0, 200.0]},
        index=["A", "B", "C"],
    )
    found = flags(dependency, results)
    assert [f.code for f in found["A"]] == [
        "state_funded_low_reach",
        "single_funder",
        "high_cost_per_beneficiary",  # 900 >= 3 x the median 200
    ]
    assert [f.code for f in found["B"]] == ["self_funded", "targets_met"]
    assert found["C"] == ()
    message = str(found["A"][0].message)
    assert "90%" in message and "50%" in message
    lenient = flags(dependency, results, thresholds=FlagThresholds(high_state_share=0.95))
    assert "state_funded_low_reach" not in [f.code for f in lenient["A"]]


def test_flags_of_the_sample(sample_db: Database) -> None:
    found = flags(
        state_dependency(sample_db), result_orientation(sample_db), activity_scores(sample_db)
    )
    codes = {b: [f.code for f in fs] for b, fs in found.items()}
    # The veterans: 100% state, but 75% reached is not below the 0.75 threshold.
    assert codes[VETERANS] == ["single_funder"]
    assert codes[CLUB] == ["self_funded", "targets_met", "no_recent_projects", "no_partners"]
    assert codes[YOUTH] == []
    assert found[CLUB][2].code == "no_recent_projects"
    assert str(found[CLUB][2].message) == "No active or completed projects in 2019–2021."


def test_flag_messages_are_neutral(sample_db: Database) -> None:
    found = flags(
        state_dependency(sample_db), result_orientation(sample_db), activity_scores(sample_db)
    )
    words = " ".join(str(f.message).lower() for fs in found.values() for f in fs)
    for verdict in ("fraud", "abuse", "bad", "poor", "fail", "waste", "absorb"):
        assert verdict not in words


def test_each_indicator_is_one_query(sample_db: Database) -> None:
    for indicator in (state_dependency, result_orientation, activity_scores):
        stats = QueryStats()
        indicator(sample_db.counting(stats), territories="550000000")
        assert stats.queries == 1, indicator.__name__


def test_revenue_concentration_is_over_types_not_funders() -> None:
    # Three akimats each give a third by state grant: three funders, one revenue type.
    assert herfindahl([1, 1, 1]) == pytest.approx(1 / 3)
    assert herfindahl(revenue_by_type({"state_grant": 3}).values()) == 1.0
    # Own income 50 and two donors 25 each: funder-level 0.5² + 2·0.25² = 0.375; by type
    # earned income 50 and contributions 50: 0.5.
    assert herfindahl([50, 25, 25]) == pytest.approx(0.375)
    by_type = revenue_by_type({"own_income": 50, "private_donation": 50})
    assert by_type == {"earned_income": 50, "contributions": 50}
    assert herfindahl(by_type.values()) == 0.5
    # Every mechanism has a type; the three state mechanisms are one (government).
    assert set(REVENUE_TYPES) == set(Mechanism)
    assert {REVENUE_TYPES[m] for m in STATE_MECHANISMS} == {"government"}
    assert math.isnan(herfindahl([0, 0]))
    with pytest.raises(ValueError, match="mechanism 'lottery'"):
        revenue_by_type({"lottery": 1})
    with pytest.raises(ValueError, match="0 or more"):
        herfindahl([-1, 2])


@pytest.mark.parametrize(("reference_year", "window"), [(None, 3), (2019, 1), (2021, 5)])
def test_indicator_tables_are_the_three_in_one_query(
    sample_db: Database, reference_year: int | None, window: int
) -> None:
    stats = QueryStats()
    dependency, results, activity = indicator_tables(
        sample_db.counting(stats), reference_year=reference_year, window=window
    )
    assert stats.queries == 1
    pd.testing.assert_frame_equal(dependency, state_dependency(sample_db))
    pd.testing.assert_frame_equal(results, result_orientation(sample_db))
    pd.testing.assert_frame_equal(
        activity, activity_scores(sample_db, reference_year=reference_year, window=window)
    )
    with pytest.raises(InvalidInput):
        indicator_tables(sample_db, window=0)
