"""Neo4j to networkx: the three graphs the analyses run on, each built by one streamed query.

Every function takes ``db`` first and the filters of :class:`~graph.analytics.scope.Scope` as
keywords (``years``, ``territories``, ``kinds``, ``include_archived``); the scope semantics are
documented there. Nodes and edges are added in sorted order, so algorithms with a fixed seed give
the same answer on the same data.

Node keys: an organisation is its BIN; in the bipartite and funding graphs a project is
``"project:<code>"``, an akimat ``"akimat:<code>"`` and a donor ``"donor:<code>"``, so keys never
collide. In the docstring examples ``db`` holds the small sample region of the test suite.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, LiteralString

import neo4j
import networkx as nx

from graph.analytics.scope import (
    FUNDER_KEY,
    FUNDER_TYPE,
    ORG_PROPERTIES,
    ORG_SCOPE,
    PARTNERSHIP_IN_WINDOW,
    PROJECT_IN_WINDOW,
    Scope,
    YearsArg,
    native,
    native_map,
    project_key,
)
from graph.db import Database
from graph.vocab import STATE_MECHANISMS, Role

__all__ = [
    "PARTNERSHIP_WEIGHT",
    "PROJECT_WEIGHT",
    "funding_graph",
    "money_flows",
    "org_project_graph",
    "partnership_graph",
]

PARTNERSHIP_WEIGHT = 1.0
"""Weight an explicit partnership adds to a tie."""
PROJECT_WEIGHT = 0.5
"""Weight each shared project adds to a tie: two joint projects weigh as much as a partnership."""

ROLE_ORDER: tuple[Role, ...] = (
    Role.ACCOUNTABLE,
    Role.IMPLEMENTING,
    Role.PARTNER,
    Role.EXTENDING,
    Role.FUNDING,
)
"""When an organisation holds several roles in one project, the bipartite edge's ``role`` is
the first of these it holds; ``roles`` lists them all."""

# -- partnership graph ---------------------------------------------------------------------------

_PARTNERSHIP_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
CALL (o, t, district, settlement) {
  RETURN 'node' AS row, null AS other, """
    + ORG_PROPERTIES
    + """ AS data
  UNION ALL
  MATCH (o)-[r:PARTNERS_WITH]->(x:Organization)
  WHERE """
    + PARTNERSHIP_IN_WINDOW
    + """
  RETURN 'partnership' AS row, x.bin AS other, {since: r.since, basis: r.basis} AS data
  UNION ALL
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(x:Organization)
  WHERE o.bin < x.bin AND coalesce(p.status, '') <> 'cancelled' AND """
    + PROJECT_IN_WINDOW
    + """
  RETURN DISTINCT 'project' AS row, x.bin AS other, {code: p.code, title: p.title} AS data
}
RETURN o.bin AS bin, row, other, data
"""
)


def partnership_graph(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> nx.Graph:
    """The organisation–organisation graph of partnerships and joint projects.

    Two organisations in scope are tied when they have an explicit partnership that counts
    (not ended; with ``years``, in force during the window) or took part in the same project
    (any role; cancelled projects do not count; with ``years``, projects that ran in the window).
    Organisations without ties are isolated nodes.

    Parameters
    ----------
    db : Database
    years, territories, kinds, include_archived
        Filters, see :mod:`graph.analytics.scope`.

    Returns
    -------
    networkx.Graph
        Node key: the BIN. Node attributes: ``bin, name, kind, legal_form, founded_year, staff,
        volunteers, synthetic, kato`` (where it is located), ``district_kato, district_name``
        (the first-level territory: one of the 3 cities or 10 districts) and ``settlement``
        (``"urban"``/``"rural"``, the nearest one on the ``PART_OF`` chain). Edge attributes:
        ``weight`` = :data:`PARTNERSHIP_WEIGHT` (1.0) for an explicit partnership plus
        :data:`PROJECT_WEIGHT` (0.5) per shared project; ``partnership`` (bool);
        ``shared_projects`` (int); ``reasons``: the partnership first
        (``{"type": "partnership", "since": date, "basis": str}``) then the projects by code
        (``{"type": "project", "code": str, "title": str}``).

    Examples
    --------
    >>> G = partnership_graph(db)
    >>> sorted(G.nodes)
    ['180240012342', '940140000385', '990140004654']
    >>> G.edges["990140004654", "180240012342"]["weight"]
    1.5
    >>> [r["type"] for r in G.edges["990140004654", "180240012342"]["reasons"]]
    ['partnership', 'project']
    >>> partnership_graph(db, years=2018).number_of_edges()
    0
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return scoped_partnership_graph(db, scope)


def scoped_partnership_graph(db: Database, scope: Scope) -> nx.Graph:
    return db.stream(_PARTNERSHIP_GRAPH, _build_partnership_graph, **scope.params())


def _reason_order(reason: dict[str, Any]) -> tuple[int, str]:
    return (0, "") if reason["type"] == "partnership" else (1, str(reason.get("code")))


def _build_partnership_graph(records: Iterator[neo4j.Record]) -> nx.Graph:
    nodes: dict[str, dict[str, Any]] = {}
    ties: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        bin_, row, other = record["bin"], record["row"], record["other"]
        if row == "node":
            nodes[bin_] = {"bin": bin_, **native_map(record["data"])}
        elif other is not None and other != bin_:
            pair = (bin_, other) if bin_ < other else (other, bin_)
            ties[pair].append({"type": row, **native_map(record["data"])})
    G = nx.Graph()
    G.add_nodes_from(sorted(nodes.items()))
    for (a, b), reasons in sorted(ties.items()):
        if a not in nodes or b not in nodes:
            continue
        partnership = any(r["type"] == "partnership" for r in reasons)
        projects = sorted(
            {r["code"]: r for r in reasons if r["type"] == "project"}.values(),
            key=_reason_order,
        )
        first_partnership = [r for r in reasons if r["type"] == "partnership"][:1]
        G.add_edge(
            a,
            b,
            weight=PARTNERSHIP_WEIGHT * partnership + PROJECT_WEIGHT * len(projects),
            partnership=partnership,
            shared_projects=len(projects),
            reasons=first_partnership + projects,
        )
    return G


# -- organisation–project graph ------------------------------------------------------------------

_ORG_PROJECT_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
CALL (o, t, district, settlement) {
  RETURN 'node' AS row, null AS project, null AS role, """
    + ORG_PROPERTIES
    + """ AS data
  UNION ALL
  MATCH (o)-[r:PARTICIPATES_IN]->(p:Project)
  WHERE """
    + PROJECT_IN_WINDOW
    + """
  RETURN 'role' AS row, p.code AS project, r.role AS role,
         {title: p.title, start_date: p.start_date, end_date: p.end_date, status: p.status,
          budget_kzt: p.budget_kzt, beneficiaries_target: p.beneficiaries_target,
          beneficiaries_reached: p.beneficiaries_reached,
          kato: COLLECT { MATCH (p)-[:SERVES]->(s:Territory) RETURN s.kato }[0]} AS data
}
RETURN o.bin AS bin, row, project, role, data
"""
)


def org_project_graph(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> nx.Graph:
    """The bipartite graph of organisations and the projects they take part in.

    Every organisation in scope is a node (``bipartite=0``), with or without projects; a project
    (``bipartite=1``) is a node when an organisation in scope takes part in it during the
    ``years`` window, whatever its status.

    Returns
    -------
    networkx.Graph
        Organisations keyed by BIN with the attributes of :func:`partnership_graph` plus
        ``type="organization"``; projects keyed ``"project:<code>"`` with ``type="project"``,
        ``code, title, start_date, end_date, status, budget_kzt, beneficiaries_target,
        beneficiaries_reached, kato`` (the territory served). Edge attributes: ``role``
        (the first of :data:`ROLE_ORDER` held) and ``roles`` (all, in that order).

    Examples
    --------
    >>> B = org_project_graph(db)
    >>> sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 1)
    ['project:P-1', 'project:P-2']
    >>> B.edges["180240012342", "project:P-2"]["role"]
    'implementing'
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return scoped_org_project_graph(db, scope)


def scoped_org_project_graph(db: Database, scope: Scope) -> nx.Graph:
    return db.stream(_ORG_PROJECT_GRAPH, _build_org_project_graph, **scope.params())


def _build_org_project_graph(records: Iterator[neo4j.Record]) -> nx.Graph:
    orgs: dict[str, dict[str, Any]] = {}
    projects: dict[str, dict[str, Any]] = {}
    roles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        bin_ = record["bin"]
        if record["row"] == "node":
            orgs[bin_] = {"type": "organization", "bipartite": 0, "bin": bin_}
            orgs[bin_] |= native_map(record["data"])
            continue
        code = record["project"]
        key = project_key(code)
        projects[key] = {"type": "project", "bipartite": 1, "code": code}
        projects[key] |= native_map(record["data"])
        roles[bin_, key].add(record["role"])
    G = nx.Graph()
    G.add_nodes_from(sorted(orgs.items()))
    G.add_nodes_from(sorted(projects.items()))
    for (bin_, key), held in sorted(roles.items()):
        ordered: list[str] = [r.value for r in ROLE_ORDER if r.value in held]
        ordered += sorted(held - set(ordered))
        G.add_edge(bin_, key, role=ordered[0], roles=ordered)
    return G


# -- funding graph -------------------------------------------------------------------------------

_FUNDING_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
CALL (o, t, district, settlement) {
  RETURN 'node' AS row, null AS project, null AS funder, """
    + ORG_PROPERTIES
    + """ AS data
  UNION ALL
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)
  WHERE """
    + PROJECT_IN_WINDOW
    + """
  RETURN 'project' AS row, p.code AS project, null AS funder,
         {title: p.title, start_date: p.start_date, end_date: p.end_date, status: p.status,
          budget_kzt: p.budget_kzt} AS data
  UNION ALL
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)<-[r:FUNDS]-(f)
  WHERE """
    + PROJECT_IN_WINDOW
    + """
  RETURN 'funds' AS row, p.code AS project, """
    + FUNDER_KEY
    + """ AS funder,
         {type: """
    + FUNDER_TYPE
    + """, name: f.name, code: f.code, bin: f.bin, kind: f.kind, level: f.level,
          mechanism: r.mechanism, year: r.year, amount_kzt: coalesce(r.amount_kzt, 0)} AS data
}
RETURN o.bin AS bin, row, project, funder, data
"""
)

_FUNDER_ATTRIBUTES = ("type", "name", "code", "bin", "kind", "level")
_STATE = frozenset(m.value for m in STATE_MECHANISMS)


def funding_graph(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> nx.DiGraph:
    """Money flows: funders → projects → the accountable organisation.

    Funding is attributed to the organisation accountable for a project, so the scope filters
    select accountable organisations (every organisation in scope is a node); their projects in
    the ``years`` window and every funder of those projects (akimats, organisations, the
    citizens donor) follow, whatever the funder's own kind or place.

    Returns
    -------
    networkx.DiGraph
        Nodes carry ``type`` (``organization``, ``project``, ``akimat``, ``donor``). Funder →
        project edges: ``amount_kzt`` (total), ``state_kzt`` (through state mechanisms),
        ``mechanisms`` (sorted) and ``flows`` (``[{"mechanism", "year", "amount_kzt"}]``).
        Project → organisation edges: ``role="accountable"``, ``amount_kzt`` and ``state_kzt``
        (all the project's funding). An organisation paying into its own project
        (``own_income``) makes a two-edge cycle.

    Examples
    --------
    >>> F = funding_graph(db)
    >>> F.edges["akimat:akimat-553610000", "project:P-2"]["mechanisms"]
    ['state_social_order']
    >>> F.edges["project:P-1", "940140000385"]["amount_kzt"], F.nodes["donor:citizens"]["type"]
    (143000000, 'donor')
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return scoped_funding_graph(db, scope)


def scoped_funding_graph(db: Database, scope: Scope) -> nx.DiGraph:
    return db.stream(_FUNDING_GRAPH, _build_funding_graph, **scope.params())


def _build_funding_graph(records: Iterator[neo4j.Record]) -> nx.DiGraph:
    orgs: dict[str, dict[str, Any]] = {}
    projects: dict[str, dict[str, Any]] = {}
    accountable: dict[str, str] = {}
    funders: dict[str, dict[str, Any]] = {}
    flows: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        bin_, row, data = record["bin"], record["row"], native_map(record["data"])
        if row == "node":
            orgs[bin_] = {"type": "organization", "bin": bin_, **data}
        elif row == "project":
            key = project_key(record["project"])
            projects[key] = {"type": "project", "code": record["project"], **data}
            accountable[key] = bin_
        else:
            key, funder = project_key(record["project"]), record["funder"]
            funders[funder] = {k: data[k] for k in _FUNDER_ATTRIBUTES if data[k] is not None}
            flows[funder, key].append(
                {k: native(data[k]) for k in ("mechanism", "year", "amount_kzt")}
            )
    G = nx.DiGraph()
    G.add_nodes_from(sorted(orgs.items()))
    G.add_nodes_from(sorted((k, v) for k, v in funders.items() if k not in orgs))
    G.add_nodes_from(sorted(projects.items()))
    totals: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (funder, key), items in sorted(flows.items()):
        items.sort(key=lambda f: (f["year"] or 0, f["mechanism"] or "", f["amount_kzt"]))
        amount = sum(f["amount_kzt"] for f in items)
        state = sum(f["amount_kzt"] for f in items if f["mechanism"] in _STATE)
        totals[key][0] += amount
        totals[key][1] += state
        G.add_edge(
            funder,
            key,
            amount_kzt=amount,
            state_kzt=state,
            mechanisms=sorted({f["mechanism"] for f in items}),
            flows=items,
        )
    for key, bin_ in sorted(accountable.items()):
        amount, state = totals.get(key, [0, 0])
        G.add_edge(key, bin_, role=Role.ACCOUNTABLE.value, amount_kzt=amount, state_kzt=state)
    return G


def money_flows(F: nx.DiGraph) -> nx.DiGraph:
    """Funder → recipient ties from a :func:`funding_graph`: each project collapsed into the
    money it carries from its funders to its accountable organisation, so directed measures
    (Gould–Fernandez roles by :func:`graph.analytics.gould_fernandez_directed`) see who passes
    money to whom. Edges carry ``amount_kzt`` and ``state_kzt`` summed over the projects;
    nodes keep their attributes. An organisation funding its own project adds no tie.

    Examples
    --------
    >>> F = nx.DiGraph([("akimat:a", "project:P"), ("project:P", "111")])
    >>> F.nodes["project:P"]["type"] = "project"
    >>> F.edges["akimat:a", "project:P"].update(amount_kzt=5, state_kzt=5)
    >>> list(money_flows(F).edges(data=True))
    [('akimat:a', '111', {'amount_kzt': 5, 'state_kzt': 5})]
    """
    flows = nx.DiGraph()
    flows.add_nodes_from((n, d) for n, d in F.nodes(data=True) if d.get("type") != "project")
    for project, data in F.nodes(data=True):
        if data.get("type") != "project":
            continue
        recipients = list(F.successors(project))
        for funder in F.predecessors(project):
            edge = F.edges[funder, project]
            for recipient in recipients:
                if funder == recipient:
                    continue
                if not flows.has_edge(funder, recipient):
                    flows.add_edge(funder, recipient, amount_kzt=0, state_kzt=0)
                tie = flows.edges[funder, recipient]
                tie["amount_kzt"] += edge.get("amount_kzt", 0)
                tie["state_kzt"] += edge.get("state_kzt", 0)
    return flows
