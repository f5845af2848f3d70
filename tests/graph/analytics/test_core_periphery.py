from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest

from graph.analytics.core_periphery import (
    EXHAUSTIVE_LIMIT,
    core_periphery,
    core_periphery_null,
    zone_share,
)


def _correlation(G: nx.Graph, core: set[object], off_diagonal: str) -> float:
    """Pearson correlation with the ideal pattern, computed from scratch over node pairs."""
    observed, ideal = [], []
    for u, v in itertools.combinations(G, 2):
        in_core = (u in core) + (v in core)
        if in_core == 1 and off_diagonal == "ignore":
            continue
        observed.append(1.0 if G.has_edge(u, v) else 0.0)
        ideal.append(1.0 if in_core == 2 or (in_core == 1 and off_diagonal == "ones") else 0.0)
    if np.std(observed) == 0 or np.std(ideal) == 0:
        return math.nan
    return float(np.corrcoef(observed, ideal)[0, 1])


def _perfect(core: int, periphery: int) -> nx.Graph:
    """A core clique; each periphery node tied to one or two core nodes, never to another."""
    G = nx.complete_graph(core)
    for i in range(periphery):
        node = core + i
        G.add_edge(node, i % core)
        if i % 2:
            G.add_edge(node, (i + 1) % core)
    return G


def test_recovers_the_core_of_a_perfect_structure() -> None:
    G = _perfect(5, 9)
    result = core_periphery(G)
    assert result.core == frozenset(range(5))
    assert result.periphery == frozenset(range(5, 14))
    assert result.correlation == pytest.approx(1.0)
    assert result.coreness[0] == 1.0 and result.coreness[13] == 0.0


def test_recovers_the_core_when_core_periphery_ties_count_as_ideal() -> None:
    # The complete split graph is the perfect pattern of the "ones" model.
    G = nx.complete_graph(4)
    G.add_edges_from((p, c) for p in range(4, 10) for c in range(4))
    result = core_periphery(G, off_diagonal="ones")
    assert result.core == frozenset(range(4))
    assert result.correlation == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("off_diagonal", ["ignore", "ones"])
def test_search_result_is_a_local_optimum(seed: int, off_diagonal: str) -> None:
    G = nx.gnm_random_graph(18, 40, seed=seed)
    result = core_periphery(G, off_diagonal=off_diagonal, method="search")  # type: ignore[arg-type]
    core = set(result.core)
    assert result.correlation == pytest.approx(_correlation(G, core, off_diagonal))
    for node in G:
        moved = core ^ {node}
        neighbour = _correlation(G, moved, off_diagonal)
        assert math.isnan(neighbour) or neighbour <= result.correlation + 1e-9


@pytest.mark.parametrize("off_diagonal", ["ignore", "ones"])
def test_same_partition_whatever_order_the_graph_was_built_in(off_diagonal: str) -> None:
    """Many nodes tie on gain; the first by rank (degree, then name) must move every time."""
    G = nx.relabel_nodes(nx.barabasi_albert_graph(400, 2, seed=3), lambda v: f"org{v}")
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(G, reverse=True))
    shuffled.add_edges_from(sorted(G.edges, reverse=True))
    first = core_periphery(G, off_diagonal=off_diagonal)  # type: ignore[arg-type]
    again = core_periphery(shuffled, off_diagonal=off_diagonal)  # type: ignore[arg-type]
    assert first.core == again.core and first.correlation == again.correlation
    assert 0 < len(first.core) < 400


def test_core_periphery_pairs_do_not_count_by_default() -> None:
    # Clique 0-3; node 7 tied to 0 and to four leaves. With core {0,1,2,3}: 16 counted pairs,
    # 10 ties, 6 ideal, 6 hits: rho = (16*6 - 10*6) / sqrt(10*6*6*10) = 0.6. With core
    # {0,1,2,7} node 3's ties become core-periphery pairs (not counted) and so do 7's leaves:
    # 4 ties, 4 hits, rho = (16*4 - 4*6) / sqrt(4*12*6*10) = 0.745, the better partition.
    G = nx.complete_graph(4)
    G.add_edges_from([(7, 8), (7, 9), (7, 10), (7, 11), (7, 0)])
    result = core_periphery(G)
    assert result.core == frozenset({0, 1, 2, 7})
    assert result.correlation == pytest.approx(40 / math.sqrt(2880))
    assert _correlation(G, {0, 1, 2, 3}, "ignore") == pytest.approx(0.6)


def test_deterministic_and_graphs_without_ties() -> None:
    G = nx.karate_club_graph()
    assert core_periphery(G) == core_periphery(G)
    empty = core_periphery(nx.empty_graph(3))
    assert empty.core == frozenset() and math.isnan(empty.correlation)


def test_share_of_rural_organisations_in_core_and_periphery() -> None:
    G = _perfect(4, 6)
    nx.set_node_attributes(G, "urban", "settlement")
    for node in (0, 5, 6, 7):
        G.nodes[node]["settlement"] = "rural"
    G.nodes[9]["settlement"] = None  # unknown: not counted
    share = zone_share(G, core_periphery(G))
    assert (share.core, share.core_size) == (1 / 4, 4)
    assert (share.periphery, share.periphery_size) == (3 / 5, 5)
    assert zone_share(G, core_periphery(G), value="urban").core == 3 / 4


def test_directed_graphs_are_refused() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        core_periphery(nx.DiGraph([(0, 1)]))


def test_florentine_families_exhaustive_optimum() -> None:
    """Issue 17: the review's optimum of the variant that ignores core–periphery pairs,
    ρ 0.423 with core {Medici, Ridolfi, Tornabuoni}; the old local search stopped at 0.380."""
    G = nx.florentine_families_graph()
    assert len(G) == 15 < EXHAUSTIVE_LIMIT
    result = core_periphery(G)
    assert result.exhaustive
    assert result.core == {"Medici", "Ridolfi", "Tornabuoni"}
    assert result.correlation == pytest.approx(0.42258, abs=1e-5)
    assert result.correlation == pytest.approx(_correlation(G, set(result.core), "ignore"))
    # The local search alone (no restarts) is the old answer, and restarts never do worse.
    plain = core_periphery(G, method="search", restarts=0)
    assert plain.correlation == pytest.approx(0.38006, abs=1e-5)
    assert plain.correlation <= core_periphery(G, method="search").correlation <= 0.42258


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("off_diagonal", ["ignore", "ones"])
def test_exhaustive_matches_brute_force(seed: int, off_diagonal: str) -> None:
    G = nx.gnm_random_graph(9, 14, seed=seed)
    best = max(
        (
            r
            for k in range(1, 9)
            for c in itertools.combinations(G, k)
            if not math.isnan(r := _correlation(G, set(c), off_diagonal))
        ),
    )
    result = core_periphery(G, off_diagonal=off_diagonal)  # type: ignore[arg-type]
    assert result.exhaustive and result.correlation == pytest.approx(best)


def test_search_with_restarts_is_seeded() -> None:
    G = nx.relabel_nodes(nx.gnm_random_graph(60, 150, seed=5), str)
    first = core_periphery(G, seed=7)
    assert not first.exhaustive
    assert first == core_periphery(G, seed=7)
    assert first.correlation >= core_periphery(G, restarts=0).correlation
    assert first.correlation == pytest.approx(_correlation(G, set(first.core), "ignore"))


def test_bad_methods_are_refused() -> None:
    with pytest.raises(ValueError, match="method"):
        core_periphery(nx.path_graph(4), method="greedy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2\\*\\*30"):
        core_periphery(nx.path_graph(30), method="exhaustive")
    with pytest.raises(ValueError, match="restarts"):
        core_periphery(nx.path_graph(4), restarts=-1)


def test_null_rejects_a_planted_core_and_not_a_random_graph() -> None:
    # A clique of 8 with 40 periphery nodes, each tied to one core node and paired with one
    # other periphery node: rewiring keeps the degrees but breaks the clique.
    rng = random.Random(1)
    G = nx.complete_graph(8)
    G.add_edges_from((8 + i, rng.randrange(8)) for i in range(40))
    G.add_edges_from((8 + i, 9 + i) for i in range(0, 40, 2))
    planted = core_periphery_null(G, permutations=19)
    assert planted.p_value == pytest.approx(1 / 20)  # no rewired graph reaches it
    assert planted.null_mean < planted.correlation
    random_graph = core_periphery_null(nx.gnm_random_graph(30, 60, seed=2), permutations=19)
    assert random_graph.p_value > 0.1
    assert random_graph == core_periphery_null(nx.gnm_random_graph(30, 60, seed=2), permutations=19)


def test_null_of_a_graph_that_cannot_be_rewired() -> None:
    # A star's degree sequence has one graph: every null graph is the star, p = 1.
    result = core_periphery_null(nx.star_graph(5), permutations=4)
    assert result.null == (result.correlation,) * 4 and result.p_value == 1.0
    with pytest.raises(ValueError, match="at least 4 nodes"):
        core_periphery_null(nx.path_graph(3))
    with pytest.raises(ValueError, match="permutations"):
        core_periphery_null(nx.path_graph(5), permutations=0)
