"""Who is central: degree, strength, brokers (betweenness), PageRank and k-cores.

All functions take the graph ``G`` first; on the partnership graph ``weight`` is the tie
strength of :func:`~graph.analytics.projections.partnership_graph` (higher = closer).
Betweenness, PageRank and k-cores of undirected graphs run in igraph
(:mod:`graph.analytics.compiled`) and agree with networkx to float tolerance; directed graphs,
weighted path lengths and self-loops take the networkx (or pure-Python) path.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from graph.analytics.compiled import Compiled

__all__ = [
    "betweenness",
    "centrality_table",
    "core_number",
    "degree",
    "pagerank",
    "weighted_degree",
]


def degree(G: nx.Graph) -> dict[Hashable, int]:
    """Number of ties of each node (partners and co-participants, counted once each).

    Examples
    --------
    >>> degree(nx.path_graph(3))
    {0: 1, 1: 2, 2: 1}
    """
    return {n: int(d) for n, d in G.degree()}


def weighted_degree(G: nx.Graph, *, weight: str = "weight") -> dict[Hashable, float]:
    """Strength: the sum of the weights of a node's ties (a tie without ``weight`` counts 1).

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R., & Vespignani, A. (2004). The
       architecture of complex weighted networks. PNAS 101(11), 3747–3752.

    Examples
    --------
    >>> G = nx.Graph([(0, 1, {"weight": 1.5}), (1, 2, {"weight": 0.5})])
    >>> weighted_degree(G)
    {0: 1.5, 1: 2.0, 2: 0.5}
    """
    return {n: float(d) for n, d in G.degree(weight=weight)}


def betweenness(
    G: nx.Graph,
    *,
    normalized: bool = True,
    distance: str | None = None,
    k: int | None = None,
    seed: int | None = None,
) -> dict[Hashable, float]:
    """Betweenness centrality: the share of shortest paths between others that pass through a
    node, i.e. how much an organisation *brokers* between parts of the network.

    Parameters
    ----------
    G : networkx.Graph
    normalized : bool
        Divide by the number of pairs, so values are in [0, 1].
    distance : str or None
        Edge attribute read as a *length*. Tie weights are strengths, not lengths, so the
        default ``None`` counts hops.
    k, seed : int or None
        Estimate from ``k`` sampled sources (reproducible with ``seed``) on large graphs: the
        sources and the rescaling of :func:`networkx.betweenness_centrality`, so the same ``k``
        and ``seed`` give networkx's estimate. Its error is bounded in ``docs/scaling.md``.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       Sociometry 40(1), 35–41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163–177.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if distance is None and _compilable(G):
        return Compiled(G, None).betweenness(normalized=normalized, k=k, seed=seed)
    values = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=distance, seed=seed)
    return {n: float(v) for n, v in values.items()}


def _compilable(G: nx.Graph) -> bool:
    """Undirected, simple and without self-loops: the graphs igraph answers for here."""
    return not G.is_directed() and not G.is_multigraph() and nx.number_of_selfloops(G) == 0


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    tol: float = 1.0e-10,
    max_iter: int = 1000,
) -> dict[Hashable, float]:
    """PageRank by power iteration: a node is central when central nodes tie to it.

    A random walker follows a tie with probability ``alpha`` (choosing ties in proportion to
    their ``weight``) and jumps to a uniformly random node otherwise; nodes without ties
    (isolated organisations) send their walker to a random node. The values sum to 1.
    Undirected graphs without self-loops are solved by igraph (PRPACK, a direct solver: the
    same values as networkx to ~1e-10); directed graphs and ``alpha=1`` by power iteration here
    in pure Python (:func:`networkx.pagerank` needs SciPy), following ties along their
    direction; ``tol`` and ``max_iter`` bound that iteration.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When ``max_iter`` power iterations do not reach ``tol``.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R., & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.

    Examples
    --------
    >>> pr = pagerank(nx.star_graph(2))
    >>> round(pr[0], 4), round(pr[1], 4), round(sum(pr.values()), 6)
    (0.4865, 0.2568, 1.0)
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if alpha < 1 and _compilable(G):
        return Compiled(G, weight).pagerank(alpha=alpha, weighted=weight is not None)
    strength: dict[Any, float] = {}
    for node in G:
        strength[node] = sum(_w(d, weight) for d in G.adj[node].values())
    dangling = [node for node, s in strength.items() if s == 0]
    x = dict.fromkeys(G, 1.0 / n)
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[d] for d in dangling) / n
        x = dict.fromkeys(G, base)
        for node, s in strength.items():
            if s == 0:
                continue
            share = alpha * last[node] / s
            for neighbour, data in G.adj[node].items():
                x[neighbour] += share * _w(data, weight)
        if sum(abs(x[node] - last[node]) for node in x) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def _w(data: dict[str, Any], weight: str | None) -> float:
    return 1.0 if weight is None else float(data.get(weight, 1.0))


def core_number(G: nx.Graph) -> dict[Hashable, int]:
    """The k-core each node belongs to: the largest k such that the node is in a subgraph where
    every node has at least k ties. Self-loops are ignored.

    References
    ----------
    .. [1] Seidman, S. B. (1983). Network structure and minimum degree. Social Networks 5(3),
       269–287.

    Examples
    --------
    >>> G = nx.complete_graph(3)
    >>> G.add_edge(2, 3)
    >>> core_number(G)
    {0: 2, 1: 2, 2: 2, 3: 1}
    """
    if _compilable(G):
        return Compiled(G, None).core_number()
    loops = list(nx.selfloop_edges(G))
    H = G
    if loops:
        H = nx.Graph(G)
        H.remove_edges_from(loops)
    return {n: int(c) for n, c in nx.core_number(H).items()}


def centrality_table(
    G: nx.Graph,
    *,
    weight: str = "weight",
    alpha: float = 0.85,
    k: int | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """One row per node: ``degree``, ``weighted_degree``, ``betweenness`` (normalised, hops),
    ``pagerank`` and ``core_number``; see the functions of the same names.

    Examples
    --------
    >>> table = centrality_table(nx.path_graph(3))
    >>> table["betweenness"].tolist(), table["core_number"].tolist()
    ([0.0, 1.0, 0.0], [1, 1, 1])
    """
    compiled = Compiled(G, weight) if alpha < 1 and _compilable(G) else None
    return _centrality_table(G, compiled, weight=weight, alpha=alpha, k=k, seed=seed)


def _centrality_table(
    G: nx.Graph,
    compiled: Compiled | None,
    *,
    weight: str = "weight",
    alpha: float = 0.85,
    k: int | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """:func:`centrality_table` with igraph's copy of ``G`` (weights read from ``weight``)
    made by the caller, who may use it for more (``None``: networkx's path)."""
    nodes = list(G)
    columns: dict[str, Mapping[Hashable, float]] = {
        "degree": degree(G),
        "weighted_degree": weighted_degree(G, weight=weight),
    }
    if compiled is not None:  # one igraph copy for the three heavy measures
        columns |= {
            "betweenness": compiled.betweenness(k=k, seed=seed),
            "pagerank": compiled.pagerank(alpha=alpha),
            "core_number": compiled.core_number(),
        }
    else:
        columns |= {
            "betweenness": betweenness(G, k=k, seed=seed),
            "pagerank": pagerank(G, alpha=alpha, weight=weight),
            "core_number": core_number(G),
        }
    return pd.DataFrame(
        {name: [values[n] for n in nodes] for name, values in columns.items()},
        index=pd.Index(nodes, name="node"),
    )
