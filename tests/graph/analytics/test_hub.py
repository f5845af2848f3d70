"""The hub's research functions on tables small enough to check by hand."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
import pytest

import graph.research_labels
from graph.analytics import hub as gh
from graph.errors import InvalidInput
from graph.research_hub_labels import HUB_HEADERS, HUB_WORDS
from graph.research_labels import HEADERS, TEXTS

d = dt.date


def _handovers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district_name": ["North", "North", "South", "South", "South"],
            "settlement": ["urban", "urban", "rural", "rural", "rural"],
            "offer_settlement": ["urban", "rural", "urban", "urban", "rural"],
            "category": ["flat", "goods", "house", "flat", "money"],
            "quantity": [1, 30, 1, 1, 50_000],
            "value_kzt": [10_000_000, 90_000, 5_000_000, 8_000_000, 50_000],
            "giver_kind": ["citizen", "business", "citizen", "citizen", "citizen"],
            "bin": ["A", "A", "B", "C", "C"],
            "name": ["a", "a", "b", "c", "c"],
            "kind": ["ngo", "ngo", "volunteer_club", "ngo", "ngo"],
            "org_settlement": ["urban", "urban", "rural", "urban", "urban"],
        }
    )


def test_in_kind_flow_counts_tenge_and_items() -> None:
    flow = gh.in_kind_flow(_handovers(), by="district_name")
    assert list(flow.columns) == ["handovers", "value_kzt", *gh.CATEGORIES]
    assert list(flow.index) == ["South", "North"]  # most tenge first
    assert flow.loc["South"].to_dict() == {
        "handovers": 3,
        "value_kzt": 13_050_000,
        "flat": 1,
        "house": 1,
        "goods": 0,
        "money": 50_000,
        "skill": 0,
        "volunteer_time": 0,
        "premises": 0,
        "transport": 0,
    }
    assert flow.loc["North", ["flat", "goods"]].tolist() == [1, 30]


def test_in_kind_flow_from_where_to_where() -> None:
    flow = gh.in_kind_flow(_handovers(), by=["offer_settlement", "settlement"])
    assert flow.loc[("urban", "rural"), "flat"] == 1
    assert flow.loc[("urban", "rural"), "house"] == 1
    assert flow.loc[("rural", "urban"), "goods"] == 30
    assert int(flow["handovers"].sum()) == 5


def test_in_kind_flow_of_nothing_and_of_a_wrong_table() -> None:
    empty = gh.in_kind_flow(_handovers().iloc[:0], by="settlement")
    assert empty.empty and "flat" in empty.columns
    with pytest.raises(InvalidInput, match="district_kato"):
        gh.in_kind_flow(_handovers(), by="district_kato")


def _needs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category": ["flat", "flat", "flat", "flat", "goods", "goods"],
            "district_name": ["North", "South", "South", "South", "North", "North"],
            "quantity": [1, 1, 1, 1, 100, 10],
            "given": [1, 1, 0, 0, 40, 10],
            "status": ["met", "met", "open", "closed", "partly_met", "met"],
            "urgency": ["critical", "low", "critical", "high", "medium", "low"],
            "opened_on": [d(2021, 1, 1), d(2021, 1, 1), d(2022, 5, 1), d(2020, 1, 1),
                          d(2021, 3, 1), d(2021, 3, 1)],
            "first_handover": [d(2021, 1, 11), d(2021, 4, 11), None, None, d(2021, 3, 5),
                               d(2021, 3, 2)],
        },
        index=["N1", "N2", "N3", "N4", "N5", "N6"],
    )  # fmt: skip


def test_days_to_handover_leaves_out_needs_still_waiting() -> None:
    assert gh.days_to_handover(_needs()).to_dict() == {"N1": 10, "N2": 100, "N5": 4, "N6": 1}


def test_handover_delays_by_category() -> None:
    delays = gh.handover_delays(_needs())
    assert delays.loc["flat", ["needs", "reached"]].tolist() == [4, 2]
    assert delays.loc["flat", "share_reached"] == 0.5
    assert delays.loc["flat", "median_days"] == 55.0
    assert delays.loc["flat", ["q1_days", "q3_days"]].tolist() == [32.5, 77.5]
    assert delays.loc["goods", "median_days"] == 2.5


def test_unmet_needs_by_category_and_place() -> None:
    unmet = gh.unmet_needs(_needs())
    assert unmet.loc["flat"].to_dict() == {
        "needs": 4,
        "unmet": 2,
        "share_unmet": 0.5,
        "still_open": 1,
        "closed_unmet": 1,
        "urgent_open": 1,
    }
    assert unmet.loc["goods", ["unmet", "still_open", "urgent_open"]].tolist() == [1, 1, 0]
    places = gh.unmet_needs(_needs(), by=["district_name", "category"])
    assert places.loc[("South", "flat"), "unmet"] == 2
    assert places.loc[("North", "flat"), "unmet"] == 0


def test_gift_channels_of_citizens() -> None:
    channels = gh.gift_channels(_handovers())
    assert list(channels.index) == ["A", "C", "B"]
    assert channels.loc["A", ["handovers", "value_kzt", "flat"]].tolist() == [1, 10_000_000, 1]
    assert channels.loc["C", ["handovers", "value_kzt", "flat"]].tolist() == [2, 8_050_000, 1]
    assert channels.loc["B", "house"] == 1
    assert math.isclose(channels["share"].sum(), 1.0)
    assert math.isclose(channels["cumulative_share"].iloc[-1], 1.0)
    business = gh.gift_channels(_handovers(), "Business")
    assert list(business.index) == ["A"] and business.loc["A", "share"] == 1.0


def test_gift_channels_names_a_wrong_giver_kind() -> None:
    with pytest.raises(InvalidInput, match="giver_kind must be one of citizen"):
        gh.gift_channels(_handovers(), "neighbour")


def test_first_training_is_the_earliest_training() -> None:
    services = pd.DataFrame(
        {
            "bin": ["A", "A", "B", "B", "C"],
            "kind": ["consultation", "training", "training", "training", "legal"],
            "year": [2019, 2022, 2024, 2021, 2020],
        }
    )
    assert gh.first_training(services).to_dict() == {"A": 2022, "B": 2021}


def _activity(
    rows: dict[str, list[int]], first_year: int = 2018, **about: dict[str, object]
) -> pd.DataFrame:
    frames = []
    for bin_, values in rows.items():
        frame = pd.DataFrame(
            {"bin": bin_, "year": range(first_year, first_year + len(values)), "activity": values}
        )
        for column, by_bin in about.items():
            frame[column] = by_bin[bin_]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def test_training_before_after_is_a_difference_in_differences() -> None:
    #              2018 2019 2020 2021 2022 2023
    activity = _activity(
        {
            "T1": [1, 1, 5, 3, 3, 0],  # first trained 2020: before 1, after 3
            "T2": [0, 2, 2, 0, 4, 4],  # first trained 2021: before 2, after 4
            "L": [2, 2, 2, 2, 2, 9],  # first trained 2023: untrained through 2022 only
            "U": [0, 0, 1, 1, 2, 2],  # never trained
        }
    )
    first = pd.Series({"T1": 2020, "T2": 2021, "L": 2023})
    result = gh.training_before_after(activity, first, window=2)
    assert list(result.cohorts.index) == [2020, 2021]  # 2023's after window leaves the data
    groups = result.organisations.groupby("cohort")["bin"].apply(sorted).to_dict()
    assert groups == {2020: ["L", "T1", "U"], 2021: ["T2", "U"]}  # T2 trained inside 2020's
    c2020, c2021 = result.cohorts.loc[2020], result.cohorts.loc[2021]
    assert (c2020["trained"], c2020["untrained"]) == (1, 2)
    assert c2020[["trained_before", "trained_after", "trained_change"]].tolist() == [1, 3, 2]
    assert c2020["untrained_change"] == pytest.approx((0 + 1.5) / 2)  # L 2 → 2, U 0 → 1.5
    assert c2020["difference"] == pytest.approx(1.25)
    assert (c2021["trained"], c2021["untrained"]) == (1, 1)  # L is trained in 2021's after
    assert c2021["untrained_change"] == pytest.approx(1.5)  # U 0.5 → 2
    assert c2021["difference"] == pytest.approx(0.5)
    summary = result.summary.loc["all"]
    assert (summary["trained"], summary["untrained"]) == (2, 3)
    assert summary["difference"] == pytest.approx((1.25 + 0.5) / 2)
    rows = result.organisations.set_index(["cohort", "bin"])
    assert rows.loc[(2020, "T1"), ["before", "after", "change"]].tolist() == [1.0, 3.0, 2.0]
    shorter = gh.training_before_after(activity, first, window=2, last_year=2022)
    assert list(shorter.cohorts.index) == [2020]


def test_training_before_after_leaves_out_the_too_young_and_compares_within_groups() -> None:
    activity = _activity(
        {"T": [0, 0, 1, 4, 4], "Y": [0, 0, 3, 3, 3], "R": [1, 1, 0, 1, 1], "S": [1, 1, 1, 3, 3]},
        founded_year={"T": 2000, "Y": 2019, "R": 2000, "S": 2000},
        settlement={"T": "rural", "Y": "rural", "R": "rural", "S": "urban"},
    )
    first = pd.Series({"T": 2020})
    result = gh.training_before_after(activity, first, window=2)
    assert set(result.organisations["bin"]) == {"T", "R", "S"}  # Y founded in the window
    within = gh.training_before_after(activity, first, window=2, by="settlement")
    assert list(within.summary.index) == ["rural"]  # no trained urban organisation
    assert within.summary.loc["rural", "untrained"] == 1
    assert within.summary.loc["rural", "difference"] == pytest.approx(4.0 - 0.0)
    assert result.summary.loc["all", "untrained_change"] == pytest.approx((0 + 2) / 2)


def test_training_before_after_refuses_a_window_under_a_year() -> None:
    activity = _activity({"T": [0, 1, 2]})
    with pytest.raises(InvalidInput, match="window"):
        gh.training_before_after(activity, pd.Series({"T": 2019}), window=0)
    with pytest.raises(InvalidInput, match="partnerships"):
        gh.training_before_after(activity, pd.Series({"T": 2019}), measure="partnerships")


def test_notebook_6_texts_are_listed_once_and_translated() -> None:
    source = Path(graph.research_labels.__file__).read_text(encoding="utf-8")
    own = set(re.findall(r'^    "([^"]+)": t\(', source, flags=re.MULTILINE))
    assert not own & set(HUB_HEADERS), "a hub header would replace one of research_labels'"
    assert all(HEADERS[code] is text for code, text in HUB_HEADERS.items())
    assert all(TEXTS[text.msgid] is text for text in HUB_WORDS)
