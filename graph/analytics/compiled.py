"""The heavy measures on igraph's compiled graph, answering in networkx's terms.

Notebooks hand :mod:`graph.analytics` networkx graphs and get dicts keyed by node; underneath,
betweenness, PageRank, k-cores and communities run in igraph (C) on a copy of the graph made
once per call. python-igraph was measured against rustworkx on the 10k graph and chosen: it
computes betweenness from a *subset of sources* (rustworkx has no sampled betweenness, and exact
betweenness at 100,000 organisations is about 5·10¹⁰ steps), has Leiden communities on the
same graph, and its PageRank (PRPACK) and coreness are the textbook
algorithms networkx implements, so results are the same to float tolerance
(``tests/graph/analytics/test_classic_networks.py``).

Sampled betweenness draws its sources exactly as :func:`networkx.betweenness_centrality` does
(``random.Random(seed).sample(list(G), k)``) and rescales as networkx 3.6 does, so with the same
``k`` and ``seed`` the two give the same estimate.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Sequence
from typing import Any

import igraph as ig  # type: ignore[import-untyped]  # no stubs: its values are Any
import networkx as nx

__all__ = ["LEIDEN_ITERATIONS", "Compiled", "compile_graph"]

LEIDEN_ITERATIONS = 2
"""Passes of Leiden (igraph's default). On the 10k graph two passes reached modularity 0.452 in
0.1 s of CPU, against networkx's Louvain 0.442 in 3.2 s; iterating until stable reached 0.459
in 1.8 s."""
_RNG = threading.Lock()


class Compiled:
    """An undirected networkx graph as an igraph graph: vertex ``i`` is ``nodes[i]``; edge
    weights read from ``weight`` (1.0 where absent), self-loops dropped.

    Examples
    --------
    >>> compiled = Compiled(nx.path_graph(3))
    >>> compiled.betweenness(), compiled.core_number()
    ({0: 0.0, 1: 1.0, 2: 0.0}, {0: 1, 1: 1, 2: 1})
    """

    def __init__(self, G: nx.Graph, weight: str | None = "weight") -> None:
        if G.is_directed() or G.is_multigraph():
            raise nx.NetworkXNotImplemented("the compiled measures need an undirected simple graph")
        self.nodes: list[Hashable] = list(G)
        index = {v: i for i, v in enumerate(self.nodes)}
        edges: list[tuple[int, int]] = []
        weights: list[float] = []
        # G.edges' order (each tie from the earlier of its ends), read from the adjacency
        # directly: an edge view costs a call per tie, seconds at country scale.
        adj = G.adj
        for i, u in enumerate(self.nodes):
            for v, data in adj[u].items():
                j = index[v]
                if j > i:
                    edges.append((i, j))
                    weights.append(1.0 if weight is None else float(data.get(weight, 1.0)))
        self.graph = ig.Graph(n=len(self.nodes), edges=edges)
        self.graph.es["weight"] = weights

    def keyed(self, values: Sequence[Any]) -> dict[Hashable, Any]:
        return dict(zip(self.nodes, values, strict=True))

    def betweenness(
        self, *, normalized: bool = True, k: int | None = None, seed: int | None = None
    ) -> dict[Hashable, float]:
        """Hop-count betweenness, exact or from ``k`` sampled sources (networkx's estimator)."""
        n = len(self.nodes)
        if k is not None and not 0 < k <= n:
            raise ValueError(f"k must be between 1 and the number of nodes ({n}), not {k}")
        if k == n:
            k = None
        sources: list[int] | None = None
        if k is not None:
            rng = random.Random(seed)
            picked = rng.sample(self.nodes, k)
            position = {v: i for i, v in enumerate(self.nodes)}
            sources = [position[v] for v in picked]
        # igraph counts each unordered pair once: twice that is Brandes' sum over sources.
        raw = self.graph.betweenness(directed=False, sources=sources)
        return self.keyed(_rescale([2.0 * b for b in raw], n, normalized, sources))

    def pagerank(self, *, alpha: float = 0.85, weighted: bool = True) -> dict[Hashable, float]:
        values = self.graph.pagerank(
            directed=False, damping=alpha, weights="weight" if weighted else None
        )
        return self.keyed([float(v) for v in values])

    def core_number(self) -> dict[Hashable, int]:
        return self.keyed([int(c) for c in self.graph.coreness()])

    def leiden(
        self, *, weighted: bool = True, resolution: float = 1.0, seed: int = 0
    ) -> list[frozenset[Hashable]]:
        """Leiden communities maximising modularity at ``resolution``; reproducible: igraph
        draws from one process-wide generator, set to ``random.Random(seed)`` for the call."""
        with _RNG:
            ig.set_random_number_generator(random.Random(seed))
            try:
                clustering = self.graph.community_leiden(
                    objective_function="modularity",
                    weights="weight" if weighted else None,
                    resolution=resolution,
                    n_iterations=LEIDEN_ITERATIONS,
                )
            finally:
                ig.set_random_number_generator(random)
        return [frozenset(self.nodes[i] for i in members) for members in clustering]


def compile_graph(G: nx.Graph, weight: str | None = "weight") -> Compiled:
    return Compiled(G, weight)


def _rescale(raw: list[float], n: int, normalized: bool, sources: list[int] | None) -> list[float]:
    """networkx 3.6's ``_rescale`` for undirected betweenness without endpoints."""
    N = n - 1
    if N < 2:
        return raw
    if sources is None:
        scale = 1 / (N * (N - 1)) if normalized else N / (N * 2)
        return [b * scale for b in raw]
    k = len(sources)
    nan = float("nan")
    if normalized:
        scale_source = 1 / ((k - 1) * (N - 1)) if k > 1 else nan
        scale_other = 1 / (k * (N - 1))
    else:
        scale_source = N / ((k - 1) * 2) if k > 1 else nan
        scale_other = N / (k * 2)
    chosen = set(sources)
    return [b * (scale_source if i in chosen else scale_other) for i, b in enumerate(raw)]
