"""The background refresher: stale answers at once, one computation per burst, never two at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.analytics.refresh import NotReady, Refresher
from graph.analytics.reports import metrics_from, organization_metrics
from graph.db import Database
from graph.schema import BUMP_GRAPH_VERSION, versions
from tests.graph.analytics.conftest import CLUB


@pytest.fixture
def refresher(sample_db: Database) -> Iterator[Refresher]:
    found = Refresher(sample_db, quiet=1.0, poll=0.1)
    found.start()
    yield found
    found.stop()


def _wait_for(refresher: Refresher, version: int | None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while refresher.analysis().graph_version != version:
        assert time.monotonic() < deadline, f"graph version {version} not computed in time"
        time.sleep(0.05)


def test_the_results_are_those_of_a_direct_computation(
    refresher: Refresher, sample_db: Database
) -> None:
    computed = refresher.analysis(exact=True)
    assert computed.graph_version == versions(sample_db)[1]
    assert metrics_from(computed.value, CLUB) == organization_metrics(sample_db, CLUB)
    assert refresher.indicators().graph_version == computed.graph_version


def test_a_write_is_answered_from_the_last_version_at_once(
    refresher: Refresher, sample_db: Database
) -> None:
    first = refresher.analysis(exact=True)
    sample_db.write(BUMP_GRAPH_VERSION)
    assert refresher.analysis() is first  # quiet is 1 s: nothing recomputed yet
    fresh = refresher.analysis(exact=True)  # waits for the new version
    assert first.graph_version is not None and fresh.graph_version is not None
    assert fresh.graph_version == versions(sample_db)[1]
    assert fresh.graph_version > first.graph_version
    assert fresh.computed_at > first.computed_at


def test_a_burst_of_writes_is_computed_once(refresher: Refresher, sample_db: Database) -> None:
    refresher.analysis(exact=True)
    done = refresher.computations
    for _ in range(3):
        sample_db.write(BUMP_GRAPH_VERSION)
    _wait_for(refresher, versions(sample_db)[1])
    assert refresher.computations == done + 1


def test_readers_waiting_together_share_one_computation(
    refresher: Refresher, sample_db: Database
) -> None:
    refresher.analysis(exact=True)
    done = refresher.computations
    sample_db.write(BUMP_GRAPH_VERSION)
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda _: refresher.analysis(exact=True), range(8)))
    assert all(f is found[0] for f in found)
    assert found[0].graph_version == versions(sample_db)[1]
    assert refresher.computations == done + 1


def test_nothing_computed_yet_is_said_clearly(sample_db: Database) -> None:
    refresher = Refresher(sample_db, first_wait=0.0)
    with pytest.raises(NotReady, match="not running"):
        refresher.analysis()
    refresher.start(warm=False)  # start-up computes nothing and waits for nothing
    try:
        with pytest.raises(NotReady, match="not yet computed"):
            refresher.analysis()
    finally:
        refresher.stop()
