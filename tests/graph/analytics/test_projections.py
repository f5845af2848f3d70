from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import pytest

from graph.analytics.projections import funding_graph, org_project_graph, partnership_graph
from graph.db import Database, QueryStats
from graph.errors import InvalidInput
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH, Tables, sample_tables

MENTORING = {"type": "partnership", "since": dt.date(2019, 5, 9), "basis": "mentoring"}
P2 = {"type": "project", "code": "P-2", "title": "Наследники победы"}


def test_partnership_graph_weights_and_reasons(sample_db: Database) -> None:
    G = partnership_graph(sample_db)
    assert sorted(G.nodes) == sorted([CLUB, VETERANS, YOUTH])
    assert list(G.edges) == [(VETERANS, YOUTH)] or list(G.edges) == [(YOUTH, VETERANS)]
    edge = G.edges[VETERANS, YOUTH]
    assert edge["weight"] == 1.5  # a partnership (1.0) and one shared project (0.5)
    assert edge["partnership"] is True and edge["shared_projects"] == 1
    assert edge["reasons"] == [MENTORING, P2]
    assert G.degree(CLUB) == 0  # isolated organisations are nodes too


def test_partnership_graph_node_attributes(sample_db: Database) -> None:
    G = partnership_graph(sample_db)
    assert G.nodes[YOUTH] == {
        "bin": YOUTH,
        "name": "Жастар Теренколь",
        "kind": "youth_group",
        "legal_form": "public_association",
        "founded_year": 2018,
        "staff": 0,
        "volunteers": 12,
        "synthetic": False,
        "kato": "553630000",
        "district_kato": "553610000",
        "district_name": "Теренкольский район",
        "settlement": "rural",
    }
    assert G.nodes[CLUB]["district_kato"] == "551010000"
    assert G.nodes[CLUB]["settlement"] == "urban"


@pytest.mark.parametrize(
    ("territories", "nodes", "edges"),
    [
        (["553610000"], {YOUTH}, 0),  # the district holds the youth group's rural okrug
        (["553630000"], {YOUTH}, 0),
        (["551010000"], {CLUB, VETERANS}, 0),  # the tie leaves with the youth group
        (["551010000", "553610000"], {CLUB, VETERANS, YOUTH}, 1),
        (["550000000"], {CLUB, VETERANS, YOUTH}, 1),
        (["559999999"], set(), 0),
    ],
)
def test_territory_filter_includes_sub_territories(
    sample_db: Database, territories: list[str], nodes: set[str], edges: int
) -> None:
    G = partnership_graph(sample_db, territories=territories)
    assert set(G.nodes) == nodes
    assert G.number_of_edges() == edges


def test_kind_filter(sample_db: Database) -> None:
    G = partnership_graph(sample_db, kinds=["veterans_union", "youth_group"])
    assert set(G.nodes) == {VETERANS, YOUTH} and G.number_of_edges() == 1
    assert set(partnership_graph(sample_db, kinds="volunteer_club").nodes) == {CLUB}


@pytest.mark.parametrize(
    ("years", "weight"),
    [
        (None, 1.5),
        (2021, 1.5),  # partnership in force and P-2 ran in 2021
        ((2019, 2020), 1.0),  # partnership only
        (2018, None),  # before the partnership; P-1 has one participant
    ],
)
def test_year_filter(sample_db: Database, years: object, weight: float | None) -> None:
    G = partnership_graph(sample_db, years=years)  # type: ignore[arg-type]
    assert len(G) == 3
    if weight is None:
        assert G.number_of_edges() == 0
    else:
        assert G.edges[VETERANS, YOUTH]["weight"] == weight


def test_ended_partnerships_count_only_inside_a_year_window(
    load_tables: Callable[[Tables], Database],
) -> None:
    tables = sample_tables()
    tables["partnerships"][0].append("until")
    tables["partnerships"][1].append("2020-12-31")
    db = load_tables(tables)
    now = partnership_graph(db).edges[VETERANS, YOUTH]
    assert (now["weight"], now["reasons"]) == (0.5, [P2])  # ended: the joint project remains
    in_2020 = partnership_graph(db, years=2020).edges[VETERANS, YOUTH]
    assert (in_2020["weight"], in_2020["reasons"]) == (1.0, [MENTORING])


def test_shared_projects_add_up_and_cancelled_ones_do_not_count(
    load_tables: Callable[[Tables], Database],
) -> None:
    tables = sample_tables()
    header = tables["projects"][0]
    tables["projects"][0] = [*header, "status"]
    tables["projects"][1:] = [[*row, ""] for row in tables["projects"][1:]]
    tables["projects"] += [
        ["P-3", "Память", "patriotic_education", "553610000", "2022-01-01", "2022-12-31",
         "1000", "10", "10", "completed"],
        ["P-4", "Отменён", "youth", "553610000", "2022-01-01", "2022-12-31",
         "1000", "10", "0", "cancelled"],
    ]  # fmt: skip
    tables["participations"] += [
        ["P-3", YOUTH, "accountable"],
        ["P-3", VETERANS, "partner"],
        ["P-3", CLUB, "partner"],
        ["P-4", YOUTH, "accountable"],
        ["P-4", CLUB, "partner"],
    ]
    G = partnership_graph(load_tables(tables))
    edge = G.edges[VETERANS, YOUTH]
    assert edge["weight"] == 2.0 and edge["shared_projects"] == 2
    assert [r.get("code") for r in edge["reasons"]] == [None, "P-2", "P-3"]
    assert G.edges[CLUB, YOUTH]["weight"] == 0.5  # P-3 only: P-4 was cancelled
    assert G.edges[CLUB, VETERANS]["reasons"] == [
        {"type": "project", "code": "P-3", "title": "Память"}
    ]


def test_archived_organisations_are_left_out_by_default(
    load_tables: Callable[[Tables], Database],
) -> None:
    tables = sample_tables()
    tables["organizations"][0].append("archived")
    for row, flag in zip(tables["organizations"][1:], ["true", "false", "false"], strict=True):
        row.append(flag)
    db = load_tables(tables)
    assert set(partnership_graph(db).nodes) == {VETERANS, YOUTH}
    assert CLUB in partnership_graph(db, include_archived=True)
    assert CLUB not in org_project_graph(db)


def test_bad_filters_raise_invalid_input(sample_db: Database) -> None:
    with pytest.raises(InvalidInput):
        partnership_graph(sample_db, territories=["Павлодар"])
    with pytest.raises(InvalidInput):
        funding_graph(sample_db, kinds=["charity"])


def test_org_project_graph_is_bipartite_with_roles(
    load_tables: Callable[[Tables], Database],
) -> None:
    tables = sample_tables()
    tables["participations"].append(["P-2", VETERANS, "funding"])  # a second role
    B = org_project_graph(load_tables(tables))
    assert nx.is_bipartite(B)
    orgs = {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    assert orgs == {CLUB, VETERANS, YOUTH}
    assert B.nodes["project:P-2"] | {} == {
        "type": "project",
        "bipartite": 1,
        "code": "P-2",
        "title": "Наследники победы",
        "start_date": dt.date(2021, 3, 1),
        "end_date": dt.date(2021, 11, 30),
        "status": "completed",
        "budget_kzt": 2_500_000,
        "beneficiaries_target": 200,
        "beneficiaries_reached": 150,
        "kato": "553610000",
    }
    assert B.edges[VETERANS, "project:P-2"] == {
        "role": "accountable",
        "roles": ["accountable", "funding"],
    }
    assert B.edges[YOUTH, "project:P-2"]["role"] == "implementing"
    assert B.edges[CLUB, "project:P-1"]["role"] == "accountable"
    assert set(org_project_graph(load_tables(tables), years=2018)) == orgs | {"project:P-1"}


def test_funding_graph_flows(sample_db: Database) -> None:
    F = funding_graph(sample_db)
    assert F.nodes["akimat:akimat-553610000"]["type"] == "akimat"
    assert F.nodes["akimat:akimat-553610000"]["level"] == "district"
    assert F.nodes["donor:citizens"]["type"] == "donor"
    assert F.edges["akimat:akimat-553610000", "project:P-2"] == {
        "amount_kzt": 2_500_000,
        "state_kzt": 2_500_000,
        "mechanisms": ["state_social_order"],
        "flows": [{"mechanism": "state_social_order", "year": 2021, "amount_kzt": 2_500_000}],
    }
    assert F.edges["project:P-2", VETERANS] == {
        "role": "accountable",
        "amount_kzt": 2_500_000,
        "state_kzt": 2_500_000,
    }
    # The club pays into its own project: a two-edge cycle.
    assert F.edges[CLUB, "project:P-1"]["mechanisms"] == ["own_income"]
    assert F.edges["project:P-1", CLUB]["amount_kzt"] == 143_000_000
    assert F.edges["project:P-1", CLUB]["state_kzt"] == 0
    assert F.edges["donor:citizens", "project:P-1"]["amount_kzt"] == 100_000_000
    assert YOUTH in F and F.degree(YOUTH) == 0  # accountable for nothing


def test_funding_graph_filters_follow_the_accountable_organisation(sample_db: Database) -> None:
    rural = funding_graph(sample_db, territories="553610000")
    assert set(rural) == {YOUTH}  # P-2 serves the district but the veterans are in Pavlodar
    veterans = funding_graph(sample_db, kinds="veterans_union")
    assert set(veterans) == {VETERANS, "project:P-2", "akimat:akimat-553610000"}
    assert set(funding_graph(sample_db, years=2019)) == {CLUB, VETERANS, YOUTH}


def test_empty_graph(db: Database) -> None:
    assert partnership_graph(db).number_of_nodes() == 0
    assert funding_graph(db).number_of_nodes() == 0


@pytest.mark.parametrize("projection", [partnership_graph, org_project_graph, funding_graph])
def test_each_projection_is_one_round_trip(
    sample_db: Database, projection: Callable[..., nx.Graph]
) -> None:
    stats = QueryStats()
    projection(sample_db.counting(stats), years=(2018, 2021), territories="550000000")
    assert stats.queries == 1
