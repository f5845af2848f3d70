from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pandas as pd
import pytest

from graph.analytics.regional import (
    territory_table,
    urban_rural_gap,
    veterans_youth_ties,
    youth_activity_ranking,
    youth_ranking,
)
from graph.db import Database
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH, Tables, sample_tables


def test_territory_populations(sample_db: Database) -> None:
    table = territory_table(sample_db)
    assert table.loc["553610000", "own_population"] == 21_000 - 5_000
    assert table.loc["553630000", "own_population"] == 5_000
    assert table.loc["553630000", "settlement"] == "rural"
    assert table.loc["553630000", "district_kato"] == "553610000"
    assert table.loc["551010000", "district_kato"] == "551010000"
    assert table.loc["550000000", "settlement"] is None or pd.isna(
        table.loc["550000000", "settlement"]
    )


def test_urban_rural_gap_of_the_sample(sample_db: Database) -> None:
    gap = urban_rural_gap(sample_db)
    urban, rural = gap.by_settlement.loc["urban"], gap.by_settlement.loc["rural"]
    assert (urban["organizations"], urban["population"]) == (2, 360_000)
    assert urban["per_10k"] == pytest.approx(2 / 36)
    assert urban["mean_staff"] == 3.0  # 4 and 2
    assert urban["funding_kzt"] == 145_500_000
    assert urban["state_share"] == pytest.approx(2.5 / 145.5)
    assert urban["funding_per_head"] == pytest.approx(145_500_000 / 360_000)
    # The district's own 16,000 plus its okrug's 5,000.
    assert (rural["organizations"], rural["population"]) == (1, 21_000)
    assert rural["per_10k"] == pytest.approx(1 / 2.1)
    assert rural["funding_kzt"] == 0 and math.isnan(rural["state_share"])
    assert rural["mean_activity"] == pytest.approx(
        activity_of_youth := 0.4 / 3 + 0.2 * 0.2 + 0.2 * math.log(13) / math.log(101) + 0.2 * 0.75
    )
    assert list(gap.by_district.index) == ["551010000", "553610000"]
    terenkol = gap.by_district.loc["553610000"]
    assert terenkol["district_name"] == "Теренкольский район"
    assert (terenkol["organizations"], terenkol["population"]) == (1, 21_000)
    assert terenkol["mean_activity"] == pytest.approx(activity_of_youth)


def test_urban_rural_gap_by_kind(sample_db: Database) -> None:
    gap = urban_rural_gap(sample_db, kinds=["youth_group"])
    assert gap.by_settlement["organizations"].tolist() == [0, 1]
    assert math.isnan(gap.by_settlement.loc["urban", "mean_activity"])


def test_youth_ranking_of_the_sample(sample_db: Database) -> None:
    ranking = youth_activity_ranking(sample_db)
    assert ranking[["district_kato", "rank", "bin"]].values.tolist() == [["553610000", 1, YOUTH]]
    row = ranking.iloc[0]
    assert row["supported_by_district_akimat"]
    assert row["district_support_forms"] == ["premises"]
    assert row["supported_by"] == ["akimat-553610000"]
    assert youth_activity_ranking(sample_db, territories="551010000").empty


def test_youth_ranking_by_hand() -> None:
    def support(kato: str) -> list[dict[str, object]]:
        return [{"code": f"akimat-{kato}", "kato": kato, "level": "district", "form": "grant"}]

    activity = pd.DataFrame(
        {
            "kind": ["youth_group"] * 4 + ["ngo"],
            "name": ["B", "A", "C", "D", "E"],
            "district_kato": ["1", "1", "1", "2", "1"],
            "district_name": ["One", "One", "One", "Two", "One"],
            "settlement": ["rural"] * 5,
            "activity": [0.5, 0.5, 0.9, 0.1, 1.0],
            "projects_score": [0.0] * 5,
            "partners_score": [0.0] * 5,
            "volunteers_score": [0.0] * 5,
            "results_score": [0.0] * 5,
            "supported_by": [support("1"), [], support("2"), support("2"), []],
        },
        index=pd.Index(["b", "a", "c", "d", "e"], name="bin"),
    )
    ranking = youth_ranking(activity)
    assert ranking[["district_kato", "rank", "name"]].values.tolist() == [
        ["1", 1, "C"],
        ["1", 2, "A"],  # equal scores share the rank, ordered by name
        ["1", 2, "B"],
        ["2", 1, "D"],
    ]
    # C is supported by another district's akimat, not by its own.
    assert ranking["supported_by_district_akimat"].tolist() == [False, False, True, True]


def test_veterans_youth_ties_of_the_sample(sample_db: Database) -> None:
    ties = veterans_youth_ties(sample_db)
    assert ties.to_dict("records") == [
        {
            "veterans_bin": VETERANS,
            "veterans_name": "Союз ветеранов Афганистана",
            "veterans_district_kato": "551010000",
            "youth_bin": YOUTH,
            "youth_name": "Жастар Теренколь",
            "youth_district_kato": "553610000",
            "partnership": True,
            "basis": "mentoring",
            "since": dt.date(2019, 5, 9),
            "shared_projects": ["P-2"],
            "same_district": False,
        }
    ]
    assert veterans_youth_ties(sample_db, years=2018).empty
    assert veterans_youth_ties(sample_db, years=2020)["shared_projects"].tolist() == [[]]


def test_ties_through_projects_only(load_tables: Callable[[Tables], Database]) -> None:
    tables = sample_tables()
    tables["partnerships"] = tables["partnerships"][:1]
    tables["participations"].append(["P-1", VETERANS, "partner"])
    tables["participations"].append(["P-1", YOUTH, "partner"])
    ties = veterans_youth_ties(load_tables(tables))
    assert ties[["partnership", "shared_projects"]].values.tolist() == [[False, ["P-1", "P-2"]]]
    assert CLUB not in set(ties["veterans_bin"])
