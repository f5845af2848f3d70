"""Neo4j to networkx: the three graphs the analyses run on, each built by one streamed query.

Each query returns one record per organisation in scope: its attributes as plain columns and
its ties (partnerships, projects, funds) as lists on the same record; pairs of co-participants
are formed here, not by a self-join in Cypher. That keeps the driver's work to one record per
organisation (with ``neo4j-rust-ext`` decoding them) instead of a record and a map per tie.

Every function takes ``db`` first and the filters of :class:`~graph.analytics.scope.Scope` as
keywords (``years``, ``territories``, ``kinds``, ``include_archived``); the scope semantics are
documented there. Nodes and edges are added in sorted order, so algorithms with a fixed seed give
the same answer on the same data.

Node keys: an organisation is its BIN; in the bipartite and funding graphs a project is
``"project:<code>"``, an akimat ``"akimat:<code>"`` and a donor ``"donor:<code>"``, so keys never
collide. In the docstring examples ``db`` holds the small sample region of the test suite.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Any, LiteralString

import neo4j
import networkx as nx

from graph.analytics.scope import (
    FUNDER_KEY,
    FUNDER_TYPE,
    ORG_SCOPE,
    PARTNERSHIP_IN_WINDOW,
    PROJECT_IN_WINDOW,
    Scope,
    YearsArg,
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

# -- the rows every projection reads -----------------------------------------------------------

ORG_COLUMNS: LiteralString = """
o.bin, o.name, o.kind, o.legal_form, o.founded_year, o.staff, o.volunteers,
coalesce(o.synthetic, false), t.kato, district.kato, district.name, settlement
"""
"""The organisation's node attributes as plain columns, in the order of :data:`_ORG_KEYS`:
one record per organisation, its ties as lists on the same record, so the driver hydrates
100,000 records at country scale rather than a record (and a map) per tie."""

_ORG_KEYS = (
    "bin",
    "name",
    "kind",
    "legal_form",
    "founded_year",
    "staff",
    "volunteers",
    "synthetic",
    "kato",
    "district_kato",
    "district_name",
    "settlement",
)
_WIDTH = len(_ORG_KEYS)


def _day(text: str | None) -> dt.date | None:
    """A date the query sent as ISO text: the driver's own ``Date`` costs some 10 µs to make
    and convert, seconds for the 600,000 dates of the projections at 100k organisations."""
    return None if text is None else dt.date.fromisoformat(text)


def _org(record: Sequence[Any]) -> dict[str, Any]:
    # zip stops after the attributes (slicing a Record would build another Record)
    return dict(zip(_ORG_KEYS, record))  # noqa: B905


# -- partnership graph ---------------------------------------------------------------------------

_PARTNERSHIP_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
RETURN """
    + ORG_COLUMNS
    + """,
  [(o)-[r:PARTNERS_WITH]->(x:Organization) WHERE """
    + PARTNERSHIP_IN_WINDOW
    + """ | [x.bin, toString(r.since), r.basis]] AS partners,
  [(o)-[:PARTICIPATES_IN]->(p:Project) WHERE coalesce(p.status, '') <> 'cancelled' AND """
    + PROJECT_IN_WINDOW
    + """ | [p.code, p.title]] AS projects
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
        (``{"type": "project", "code": str, "title": str}``; one dict per project, shared by
        the ties it makes: read, do not modify).

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


def _build_partnership_graph(records: Iterator[neo4j.Record]) -> nx.Graph:
    nodes: dict[str, dict[str, Any]] = {}
    partners: list[tuple[str, list[list[Any]]]] = []
    members: defaultdict[str, list[str]] = defaultdict(list)
    titles: dict[str, Any] = {}
    for record in records:
        bin_ = record[0]
        nodes[bin_] = _org(record)
        if ties := record[_WIDTH]:
            partners.append((bin_, ties))
        for code, title in record[_WIDTH + 1]:
            members[code].append(bin_)
            titles[code] = title
    # Pairs are keyed by one int, i * n + j for the organisations' positions i < j in BIN
    # order: they sort as the pairs of BINs would, several times faster than tuples of text.
    order = sorted(nodes)
    position = {b: i for i, b in enumerate(order)}
    n = len(order)
    partnerships: dict[int, dict[str, Any]] = {}
    for bin_, ties in partners:
        i = position[bin_]
        for other, since, basis in ties:
            j = position.get(other)
            if j is None or j == i:
                continue
            pair = i * n + j if i < j else j * n + i
            if pair not in partnerships:
                partnerships[pair] = {"type": "partnership", "since": _day(since), "basis": basis}
    # Pairs of each project's participants in scope: the self-join done here, not in Cypher,
    # so a project of n participants costs n list items rather than n² records.
    shared: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for code in sorted(members):
        reason = {"type": "project", "code": code, "title": titles[code]}
        for i, j in combinations(sorted({position[b] for b in members[code]}), 2):
            shared[i * n + j].append(reason)
    G = nx.Graph()
    G.add_nodes_from((b, nodes[b]) for b in order)
    G.add_edges_from(
        _partnership_edges(order, sorted(partnerships.keys() | shared.keys()), partnerships, shared)
    )
    return G


def _partnership_edges(
    order: list[str],
    pairs: list[int],
    partnerships: dict[int, dict[str, Any]],
    shared: dict[int, list[dict[str, Any]]],
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    n = len(order)
    none: list[dict[str, Any]] = []
    for pair in pairs:
        i, j = divmod(pair, n)
        partnership = partnerships.get(pair)
        projects = shared.get(pair, none)
        yield (
            order[i],
            order[j],
            {
                "weight": PARTNERSHIP_WEIGHT * (partnership is not None)
                + PROJECT_WEIGHT * len(projects),
                "partnership": partnership is not None,
                "shared_projects": len(projects),
                "reasons": [partnership, *projects] if partnership else list(projects),
            },
        )


# -- organisation–project graph ------------------------------------------------------------------

_ORG_PROJECT_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
RETURN """
    + ORG_COLUMNS
    + """,
  [(o)-[r:PARTICIPATES_IN]->(p:Project) WHERE """
    + PROJECT_IN_WINDOW
    + """ | [p.code, r.role, p.title, toString(p.start_date), toString(p.end_date), p.status,
          p.budget_kzt, p.beneficiaries_target, p.beneficiaries_reached,
          COLLECT { MATCH (p)-[:SERVES]->(s:Territory) RETURN s.kato }[0]]] AS roles
"""
)
_PROJECT_KEYS = (
    "title",
    "start_date",
    "end_date",
    "status",
    "budget_kzt",
    "beneficiaries_target",
    "beneficiaries_reached",
    "kato",
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
        bin_ = record[0]
        orgs[bin_] = {"type": "organization", "bipartite": 0} | _org(record)
        for code, role, title, start, end, *data in record[_WIDTH]:
            key = project_key(code)
            if key not in projects:
                projects[key] = {"type": "project", "bipartite": 1, "code": code} | dict(
                    zip(_PROJECT_KEYS, (title, _day(start), _day(end), *data), strict=True)
                )
            roles[bin_, key].add(role)
    G = nx.Graph()
    G.add_nodes_from(sorted(orgs.items()))
    G.add_nodes_from(sorted(projects.items()))
    G.add_edges_from(
        (bin_, key, {"role": ordered[0], "roles": ordered})
        for (bin_, key), held in sorted(roles.items())
        for ordered in [_ordered(held)]
    )
    return G


_ROLE_VALUES = tuple(r.value for r in ROLE_ORDER)  # an enum's .value is a call: read it once


def _ordered(held: set[str]) -> list[str]:
    if len(held) == 1:
        return list(held)
    ordered: list[str] = [r for r in _ROLE_VALUES if r in held]
    return ordered + sorted(held - set(ordered))


# -- funding graph -------------------------------------------------------------------------------

_FUNDING_GRAPH: LiteralString = (
    ORG_SCOPE
    + """
RETURN """
    + ORG_COLUMNS
    + """,
  [(o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project) WHERE """
    + PROJECT_IN_WINDOW
    + """ | [p.code, p.title, toString(p.start_date), toString(p.end_date), p.status, p.budget_kzt,
          [(p)<-[r:FUNDS]-(f) | ["""
    + FUNDER_KEY
    + """, """
    + FUNDER_TYPE
    + """, f.name, f.code, f.bin, f.kind, f.level,
                                 r.mechanism, r.year, coalesce(r.amount_kzt, 0)]]]] AS projects
"""
)

_FUNDED_KEYS = ("title", "start_date", "end_date", "status", "budget_kzt")
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
        bin_ = record[0]
        orgs[bin_] = {"type": "organization"} | _org(record)
        for code, title, start, end, *data, funds in record[_WIDTH]:
            key = project_key(code)
            accountable[key] = bin_
            if key in projects:  # the same project twice: its flows are counted once
                continue
            projects[key] = {"type": "project", "code": code} | dict(
                zip(_FUNDED_KEYS, (title, _day(start), _day(end), *data), strict=True)
            )
            for funder, *attributes, mechanism, year, amount in funds:
                if funder not in funders:  # the same node's properties every time
                    funders[funder] = {
                        k: v
                        for k, v in zip(_FUNDER_ATTRIBUTES, attributes, strict=True)
                        if v is not None
                    }
                flows[funder, key].append(
                    {"mechanism": mechanism, "year": year, "amount_kzt": amount}
                )
    G = nx.DiGraph()
    G.add_nodes_from(sorted(orgs.items()))
    G.add_nodes_from(sorted((k, v) for k, v in funders.items() if k not in orgs))
    G.add_nodes_from(sorted(projects.items()))
    totals: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    G.add_edges_from(_funding_edges(flows, totals))
    accountable_role = Role.ACCOUNTABLE.value
    G.add_edges_from(
        (key, bin_, {"role": accountable_role, "amount_kzt": amount, "state_kzt": state})
        for key, bin_ in sorted(accountable.items())
        for amount, state in [totals.get(key, (0, 0))]
    )
    return G


def _funding_edges(
    flows: dict[tuple[str, str], list[dict[str, Any]]], totals: defaultdict[str, list[int]]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Funder → project edges in order, adding each project's money into ``totals``."""
    for (funder, key), items in sorted(flows.items()):
        if len(items) > 1:
            items.sort(key=lambda f: (f["year"] or 0, f["mechanism"] or "", f["amount_kzt"]))
            mechanisms = sorted({f["mechanism"] for f in items})
        else:
            mechanisms = [items[0]["mechanism"]]
        amount = sum(f["amount_kzt"] for f in items)
        state = sum(f["amount_kzt"] for f in items if f["mechanism"] in _STATE)
        total = totals[key]
        total[0] += amount
        total[1] += state
        yield (
            funder,
            key,
            {
                "amount_kzt": amount,
                "state_kzt": state,
                "mechanisms": mechanisms,
                "flows": items,
            },
        )


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
