"""The hub's readers on the demo region in the real Neo4j: the tables hold what the graph holds,
and the patterns ``graph/demo/hub.py`` plants are there to be found."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from graph.analytics import hub as gh
from graph.db import Database
from graph.demo.hub import CLUB_BIN, FIRST_YEAR, RURAL_TRAINING_FROM
from graph.demo_load import load_demo
from graph.errors import InvalidInput


@pytest.fixture(scope="module")
def demo_db(session_db: Database) -> Iterator[Database]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors
    yield session_db


def test_one_row_per_handover_with_its_value(demo_db: Database) -> None:
    handovers = gh.handover_table(demo_db, include_archived=True)
    count, value = demo_db.read(
        "MATCH (:Offer)-[h:GIVEN_TO]->(:Need) RETURN count(h) AS n, sum(h.value_kzt) AS v"
    )[0]
    assert len(handovers) == count > 100
    assert handovers["value_kzt"].sum() == value
    assert handovers["settlement"].isin(["urban", "rural"]).all()
    assert handovers["district_name"].notna().all() and handovers["offer_settlement"].notna().all()
    assert (handovers["date"] >= handovers["opened_on"]).all()
    in_2018 = gh.handover_table(demo_db, years=FIRST_YEAR)
    assert len(in_2018) and (in_2018["year"] == FIRST_YEAR).all()


def test_the_2018_flats_and_houses_went_through_the_club(demo_db: Database) -> None:
    handovers = gh.handover_table(demo_db, years=FIRST_YEAR)
    dwellings = handovers[handovers["category"].isin(["flat", "house"])]
    assert set(dwellings["giver_kind"]) == {"citizen"} and set(dwellings["bin"]) == {CLUB_BIN}
    channels = gh.gift_channels(handovers)
    club = channels.loc[CLUB_BIN]
    assert channels.index[0] == CLUB_BIN
    assert (club["flat"], club["house"], club["value_kzt"]) == (6, 4, 78_500_000)
    flow = gh.in_kind_flow(dwellings, by="bin")
    assert flow.loc[CLUB_BIN, ["flat", "house"]].tolist() == [6, 4]


def test_needs_with_what_was_given(demo_db: Database) -> None:
    needs = gh.need_table(demo_db, include_archived=True)
    assert len(needs) == demo_db.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"]
    assert (needs["given"] <= needs["quantity"]).all()
    met = needs["given"] >= needs["quantity"]
    assert (needs.loc[met, "status"].isin(["met", "closed"])).all()
    assert (needs.loc[needs["given"] == 0, "first_handover"].isna()).all()
    handovers = gh.handover_table(demo_db, include_archived=True)
    assert needs["given"].sum() == handovers["quantity"].sum()
    days = gh.days_to_handover(needs)
    assert len(days) == (needs["given"] > 0).sum() and (days >= 0).all()
    unmet = gh.unmet_needs(needs)
    assert unmet["needs"].sum() == len(needs) and unmet["unmet"].sum() == (~met).sum()


def test_trainings_turn_rural_from_the_planted_year(demo_db: Database) -> None:
    trainings = gh.service_table(demo_db, kind="training", include_archived=True)
    assert len(trainings) and set(trainings["kind"]) == {"training"}
    rural = trainings["settlement"] == "rural"
    later = trainings["year"] >= RURAL_TRAINING_FROM
    assert rural[later].mean() > 2 * rural[~later].mean()
    everything = gh.service_table(demo_db, include_archived=True)
    assert len(everything) == demo_db.read("MATCH (s:Service) RETURN count(s) AS n")[0]["n"]
    with pytest.raises(InvalidInput, match="kind must be one of consultation"):
        gh.service_table(demo_db, kind="party")


def test_yearly_activity_and_the_before_after_comparison(demo_db: Database) -> None:
    activity = gh.yearly_activity(demo_db, years=(2016, 2025))
    organisations = demo_db.read(
        "MATCH (o:Organization) WHERE NOT coalesce(o.archived, false) RETURN count(o) AS n"
    )[0]["n"]
    assert len(activity) == organisations * 10
    projects = demo_db.read(
        """MATCH (o:Organization)-[:PARTICIPATES_IN]->(p:Project)
           WHERE NOT coalesce(o.archived, false) AND 2016 <= p.start_date.year <= 2025
           RETURN count(DISTINCT [o.bin, p.code]) AS n"""
    )[0]["n"]
    assert activity["projects"].sum() == projects
    assert (activity["activity"] == activity["projects"] + activity["partnerships"]).all()
    first = gh.first_training(gh.service_table(demo_db, kind="training"))
    comparison = gh.training_before_after(activity, first, window=2, by="settlement")
    assert set(comparison.summary.index) == {"urban", "rural"}
    compared = comparison.organisations
    assert (compared.groupby(["cohort", "bin"]).size() == 1).all()
    trained = compared[compared["group"] == "trained"]
    assert (trained["cohort"] == first.reindex(trained["bin"]).to_numpy()).all()
    assert pd.api.types.is_float_dtype(comparison.summary["difference"])
