"""Organization.metrics and Territory.report on the demo region, from the cached projection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from tests.api.conftest import Api, make_client


@pytest.fixture(scope="module")
def demo_api(session_db: Database) -> Iterator[Api]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:5]
    with make_client(session_db, ApiSettings(db_stats=True)) as client:
        yield Api(client)


CLUB = """{ search(query: "клуб добряков", first: 1) { organization {
  metrics { stateShare selfFunded fundingHhi revenueHhi flags { code message }
            activity { score projects partners volunteers results referenceYear windowYears }
            centrality { degree betweenness pagerank } community communitySize }
} } }"""


def test_organization_metrics(demo_api: Api) -> None:
    metrics = demo_api.data(CLUB)["search"][0]["organization"]["metrics"]
    assert metrics["stateShare"] == 0 and metrics["selfFunded"] is True
    assert "self_funded" in {f["code"] for f in metrics["flags"]}
    # No state money: at most two revenue types (contributions, earned income) of three.
    assert 0.5 - 1e-9 <= metrics["revenueHhi"] <= 1
    activity = metrics["activity"]
    assert 0 <= activity["score"] <= 1
    weighted = (
        0.4 * activity["projects"]
        + 0.2 * activity["partners"]
        + 0.2 * activity["volunteers"]
        + 0.2 * activity["results"]
    )
    assert activity["score"] == pytest.approx(weighted)
    assert metrics["centrality"]["degree"] > 0


def test_the_projection_is_reused_until_the_graph_changes(demo_api: Api) -> None:
    demo_api.data(CLUB)  # warm
    again = demo_api(CLUB)["extensions"]["db"]["queries"]
    assert again <= 3  # the search, the organisation's version check; no projection rebuilt


REPORT = """{ territory(kato: "553610000") { name report {
  organizations organizationsPer10k byKind { key count } stateShare
  topYouthGroups { name activity rankInDistrict supportedByDistrictAkimat }
} } }"""


def test_territory_report(demo_api: Api) -> None:
    territory = demo_api.data(REPORT)["territory"]
    report = territory["report"]
    assert report["organizations"] == sum(k["count"] for k in report["byKind"])
    ranks = [y["rankInDistrict"] for y in report["topYouthGroups"]]
    assert ranks == sorted(ranks)
    activities = [y["activity"] for y in report["topYouthGroups"]]
    assert activities == sorted(activities, reverse=True)
