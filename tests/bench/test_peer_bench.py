"""The pure parts of the comparison with @neo4j/graphql: answers normalised and compared, CPU
time read from ``/proc``, the report's table and verdicts."""

from __future__ import annotations

import os
from typing import Any

import pytest

from bench import peer_bench
from bench.peer_bench import (
    KINDS,
    describe_answer,
    differences,
    parse_stat,
    peer_counts,
    peer_organization,
    peer_page,
    ratio,
    seriktes_counts,
    seriktes_organization,
    seriktes_page,
    subtree_total,
    tree_cpu_seconds,
)
from bench.report import _peer, peer_verdicts


def _seriktes_node(bin: str, name: str) -> dict[str, Any]:
    return {
        "bin": bin,
        "name": name,
        "kind": "YOUTH_GROUP",
        "foundedYear": 2017,
        "territory": {"kato": "552233000", "name": "Майкарагайский сельский округ"},
        "projects": {
            "edges": [
                {
                    "role": "IMPLEMENTING",
                    "node": {
                        "code": "PRJ-2025-000232",
                        "title": "Зелёный город",
                        "startDate": "2025-10-16",
                        "status": "ACTIVE",
                    },
                }
            ]
        },
        "partners": {
            "edges": [
                {
                    "since": "2021-10-23",
                    "node": {"bin": "110440688989", "name": "ОО", "kind": "NGO"},
                }
            ]
        },
    }


def _peer_node(bin: str, name: str) -> dict[str, Any]:
    return {
        "bin": bin,
        "name": name,
        "kind": "youth_group",
        "foundedYear": 2017,
        "territory": [{"kato": "552233000", "name": "Майкарагайский сельский округ"}],
        "projectsConnection": {
            "edges": [
                {
                    "properties": {"role": "implementing"},
                    "node": {
                        "code": "PRJ-2025-000232",
                        "title": "Зелёный город",
                        "startDate": "2025-10-16",
                        "status": "active",
                    },
                }
            ]
        },
        "partnersConnection": {
            "edges": [
                {
                    "properties": {"since": "2021-10-23"},
                    "node": {"bin": "110440688989", "name": "ОО", "kind": "ngo"},
                }
            ]
        },
    }


def _pages(
    seriktes: list[dict[str, Any]], peer: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    info = {"hasNextPage": True, "endCursor": "opaque, never compared"}
    return (
        seriktes_page(
            {"organizations": {"pageInfo": info, "edges": [{"node": n} for n in seriktes]}}
        ),
        peer_page(
            {"organizationsConnection": {"pageInfo": info, "edges": [{"node": n} for n in peer]}}
        ),
    )


def test_the_same_page_in_both_spellings_is_equal() -> None:
    a, b = _pages([_seriktes_node("1", "А"), _seriktes_node("2", "Б")],
                  [_peer_node("1", "А"), _peer_node("2", "Б")])  # fmt: skip
    assert differences(a, b) == []
    assert a["organizations"][0]["territory"] == ["552233000", "Майкарагайский сельский округ"]
    assert describe_answer(a) == "2 organisations, 4 projects and partners"


def test_another_order_is_a_difference() -> None:
    a, b = _pages([_seriktes_node("1", "А"), _seriktes_node("2", "Б")],
                  [_peer_node("2", "Б"), _peer_node("1", "А")])  # fmt: skip
    found = differences(a, b)
    assert "organizations[0].bin: '1' ≠ '2'" in found
    assert "organizations[1].name: 'Б' ≠ 'А'" in found


def test_a_missing_nested_item_and_a_missing_territory_are_named() -> None:
    peer = _peer_node("1", "А")
    peer["partnersConnection"]["edges"] = []
    peer["territory"] = []
    a, b = _pages([_seriktes_node("1", "А")], [peer])
    found = differences(a, b)
    assert "organizations[0].partners: 1 items ≠ 0" in found
    assert any(f.startswith("organizations[0].territory:") for f in found)


def test_one_organisation_and_none() -> None:
    a = seriktes_organization({"organization": _seriktes_node("1", "А")})
    b = peer_organization({"organizations": [_peer_node("1", "А")]})
    assert differences(a, b) == []
    assert describe_answer(a) == "1 projects, 1 partners"
    assert differences(seriktes_organization({"organization": None}),
                       peer_organization({"organizations": []})) == []  # fmt: skip
    with pytest.raises(peer_bench.AnswersDiffer, match="2 organisations with one BIN"):
        peer_organization({"organizations": [_peer_node("1", "А"), _peer_node("1", "А")]})


def test_counts_compare_kind_by_kind() -> None:
    a = seriktes_counts({k: {"totalCount": n} for n, k in enumerate(KINDS)})
    b = peer_counts({k: {"aggregate": {"count": {"nodes": n}}} for n, k in enumerate(KINDS)})
    assert differences(a, b) == []
    b["foundation"] += 1
    assert differences(a, b) == ["foundation: 4 ≠ 5"]
    assert describe_answer(a).startswith("ngo 0, veterans_union 1")


def test_a_key_on_one_side_only() -> None:
    assert differences({"a": 1}, {"a": 1, "b": 2}) == ["answer.b: only on the peer side"]


def test_documents_ask_both_sides_the_same_kinds() -> None:
    for kind in KINDS:
        assert f"{kind}: organizations(where: {{kind: {{eq: {kind.upper()}}}}})" in (
            peer_bench.SERIKTES_COUNTS
        )
        assert f'{kind}: organizationsConnection(where: {{kind: {{eq: "{kind}"}}' in (
            peer_bench.PEER_COUNTS
        )
    assert "sort: [{sortRu: ASC}, {bin: ASC}]" in peer_bench.PEER_PAGE


def test_parse_stat_counts_fields_after_the_command_name() -> None:
    tick = os.sysconf("SC_CLK_TCK")
    fields = ["S", "77"] + ["0"] * 9 + [str(3 * tick), str(tick)] + ["0"] * 30
    text = "123 (a (weird) name) " + " ".join(fields)
    assert parse_stat(text) == (77, 4.0)


def test_subtree_total_sums_a_process_and_its_descendants_only() -> None:
    table = {1: (0, 1.0), 10: (1, 2.0), 11: (10, 4.0), 12: (10, 8.0), 20: (1, 16.0)}
    assert subtree_total(table, [10]) == 14.0
    assert subtree_total(table, [1]) == 31.0
    assert subtree_total(table, [99]) == 0.0


def test_tree_cpu_seconds_of_this_process_grows_with_work() -> None:
    before = tree_cpu_seconds([os.getpid()])
    sum(i * i for i in range(3_000_000))
    assert tree_cpu_seconds([os.getpid()]) > before


def test_ratio() -> None:
    assert ratio(51.0, 20.0) == 2.55
    assert ratio(None, 1.0) is None
    assert ratio(1.0, 0.0) is None


def _entry(p50: float, per_s: float) -> dict[str, Any]:
    side = {"p50_ms": 10.0, "p95_ms": 12.0, "per_second": 50.0}
    cpu = {"server_cpu_ms": 3.0, "neo4j_cpu_ms": 1.5}
    return {
        "title": "a. first 20 youth groups",
        "check": {"equal": True, "answer": "20 organisations, 150 projects and partners"},
        "threads_1": {"seriktes": side, "peer": side, "ratio_p50": p50, "ratio_per_second": 1.0,
                      "cpu_per_request": {"seriktes": cpu, "peer": cpu}},
        "threads_8": {"seriktes": side, "peer": side, "ratio_p50": 1.0, "ratio_per_second": per_s,
                      "cpu_per_request": {"seriktes": cpu, "peer": cpu}},
    }  # fmt: skip


def test_verdicts_are_met_at_the_bounds_and_missed_beyond() -> None:
    assert peer_verdicts(_entry(1.0, 1.0)) == ("met", "met")
    assert peer_verdicts(_entry(2.55, 0.23)) == (
        "missed (2.55× the peer's time)",
        "missed (0.23× its rate)",
    )


def test_the_report_table_shows_ratios_verdicts_and_where_time_goes() -> None:
    peer = {
        "queries": {"page": _entry(2.55, 0.23)},
        "seriktes_workers": 2,
        "peer_versions": {"@neo4j/graphql": "7.6.3", "@apollo/server": "5.5.1", "node": "v20"},
        "load_average_at_end": [3.1, 2.0, 1.5],
    }
    text = "\n".join(_peer(peer))
    assert "`seriktes serve --workers 2`" in text
    assert "@neo4j/graphql 7.6.3" in text
    assert "| **2.55** |" in text
    assert "missed (2.55× the peer's time)" in text
    assert "| 3.0; 3.0 | 1.5; 1.5 |" in text
    assert "(20 organisations, 150 projects and partners)" in text


def test_results_md_gets_the_table_and_the_targets(tmp_path: Any) -> None:
    import json

    from bench.report import write_results

    peer = {
        "queries": {"page": _entry(0.9, 1.2)},
        "seriktes_workers": 2,
        "peer_versions": {},
        "load_average_at_end": [1.0, 1.0, 1.0],
    }
    result = {
        "scale": "10k",
        "orgs": 10_000,
        "runs": 1,
        "neo4j_heap": "2g",
        "neo4j_pagecache": "1g",
        "data": {"total_rows": 1, "csv_mb": 1.0},
        "import": {"rows": 1, "importer": {"error": "skipped"}, "raw": None,
                   "validation_only": None},
        "peer": peer,
    }  # fmt: skip
    (tmp_path / "10k.json").write_text(json.dumps(result))
    text = write_results(tmp_path, tmp_path / "RESULTS.md").read_text()
    assert "### Against @neo4j/graphql" in text
    assert "p50 ≤ 1.0 (1 client): a. first 20 youth groups… | 10k | 0.9 | met |" in text
    assert "req/s ≥ 1.0 (8 clients): a. first 20 youth groups… | 10k | 1.2 | met |" in text
