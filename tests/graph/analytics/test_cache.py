from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest

from graph.analytics.cache import ProjectionCache
from graph.analytics.reports import region_analysis, region_indicators, territory_report
from graph.db import Database, QueryStats
from graph.schema import BUMP_GRAPH_VERSION, versions
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH, Tables, load, sample_tables


def test_same_object_until_a_write_bumps_the_version(
    sample_db: Database, load_tables: Callable[[Tables], Database]
) -> None:
    cache = ProjectionCache()
    first = cache.partnership_graph(sample_db)
    assert cache.partnership_graph(sample_db) is first
    assert (cache.hits, cache.misses) == (1, 1)
    assert nx.is_frozen(first)
    with pytest.raises(nx.NetworkXError):
        first.add_edge(CLUB, VETERANS)

    tables = sample_tables()
    tables["partnerships"].append([CLUB, YOUTH, "2021-01-01", "memorandum"])
    version = versions(sample_db)[1]
    load_tables(tables)
    assert versions(sample_db)[1] == version + 1
    second = cache.partnership_graph(sample_db)
    assert second is not first
    assert second.has_edge(CLUB, YOUTH) and not first.has_edge(CLUB, YOUTH)
    assert cache.partnership_graph(sample_db) is second
    assert len(cache) == 1  # the entry of the old version is gone


def test_a_write_that_changes_nothing_keeps_the_entry(sample_db: Database, tmp_path: Path) -> None:
    cache = ProjectionCache()
    first = cache.funding_graph(sample_db)
    load(sample_db, tmp_path / "again")  # the same files again: nothing written, no bump
    assert cache.funding_graph(sample_db) is first
    sample_db.write(BUMP_GRAPH_VERSION)
    assert cache.funding_graph(sample_db) is not first


def test_filters_are_part_of_the_key(sample_db: Database) -> None:
    cache = ProjectionCache()
    whole = cache.partnership_graph(sample_db)
    rural = cache.partnership_graph(sample_db, territories=["553610000"])
    assert rural is not whole and set(rural) == {YOUTH}
    # Equal filters written differently share an entry.
    assert cache.partnership_graph(sample_db, territories="553610000") is rural
    assert cache.partnership_graph(sample_db, kinds=["ngo", "youth_group"]) is (
        cache.partnership_graph(sample_db, kinds=["youth_group", "ngo"])
    )
    assert cache.org_project_graph(sample_db) is not whole


def test_the_cache_is_bounded(sample_db: Database) -> None:
    cache = ProjectionCache(maxsize=2)
    a = cache.partnership_graph(sample_db, years=2018)
    cache.partnership_graph(sample_db, years=2019)
    cache.partnership_graph(sample_db, years=2020)
    assert len(cache) == 2
    assert cache.partnership_graph(sample_db, years=2018) is not a  # evicted, built again
    with pytest.raises(ValueError):
        ProjectionCache(maxsize=0)


def test_threads_share_one_projection(sample_db: Database) -> None:
    cache = ProjectionCache()
    with ThreadPoolExecutor(max_workers=8) as pool:
        graphs = list(pool.map(lambda _: cache.partnership_graph(sample_db), range(32)))
    assert len({id(g) for g in graphs}) == 1
    assert len(cache) == 1
    assert cache.hits + cache.misses == 32


def test_derived_tables_are_cached_too(sample_db: Database) -> None:
    cache = ProjectionCache()
    analysis = region_analysis(sample_db, cache=cache)
    assert region_analysis(sample_db, cache=cache) is analysis
    assert analysis.graph is cache.partnership_graph(sample_db)
    assert region_analysis(sample_db, cache=cache, reference_year=2018) is not analysis
    cache.clear()
    assert len(cache) == 0
    assert region_analysis(sample_db, cache=cache) is not analysis


def test_a_territory_report_builds_only_the_indicators(sample_db: Database) -> None:
    """No network measures (betweenness dominates at country scale) behind a report."""
    cache = ProjectionCache()
    report = territory_report(sample_db, "553610000", cache=cache)
    assert report.organizations == 1
    assert len(cache) == 1  # region_indicators alone: no partnership graph, no region_analysis
    assert territory_report(sample_db, "553610000", cache=cache) is report  # kept, not redone
    assert territory_report(sample_db, "553610000", cache=cache, top=1) is not report
    indicators = region_indicators(sample_db, cache=cache)
    analysis = region_analysis(sample_db, cache=cache)  # reuses the same indicators
    assert analysis.flags is indicators.flags and analysis.youth is indicators.youth
    shared = indicators.organizations.columns
    assert analysis.organizations[shared].equals(indicators.organizations)


def test_per_request_connections_share_the_entries(sample_db: Database) -> None:
    cache = ProjectionCache()
    first = cache.partnership_graph(sample_db)
    stats = QueryStats()
    assert cache.partnership_graph(sample_db.counting(stats)) is first
    assert stats.queries == 1  # a hit costs one small read: the graph version
