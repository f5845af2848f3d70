"""Seriktes against @neo4j/graphql on the same Neo4j: three questions, the same answers, timed.

The peer is the library a team would pick instead: @neo4j/graphql 7 on Apollo Server 5, one Node
process (``bench/peer/``: ``server.mjs``, ``schema.graphql``, pinned by ``package-lock.json``;
``npm ci`` runs there when ``node_modules`` is missing). Both servers read the graph the importer
wrote. Each question is asked of both, the answers are normalised (enum spellings, the peer's
edge ``properties``) and must be equal — same organisations, names, order and counts — or the
benchmark stops. Then both are timed, interleaved (the side that goes first alternates between
runs), with 1 and 8 client threads; the CPU time the server processes and Neo4j spent during each
measurement, divided by the requests made, says where each side's time goes.

The questions, as Seriktes' ordering defines them (``graph.organizations.page`` and
``graph.relations``): organisations by ``sort_ru`` (the Russian collation key, the default
reader's alphabet) then BIN; an organisation's projects by start date, newest first, then code
and role; its partners in force (``until`` unset, not archived) by ``sort_ru`` then BIN.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from bench.api_latency import GraphQLClient
from bench.api_server import Served
from bench.canonical import ORGANIZATION_PAGE, Fixture
from bench.instance import Connection, free_port
from bench.latency import Run, measure, summary

PEER_DIR = Path(__file__).resolve().parent / "peer"
THREADS = (1, 8)
SIDES = ("seriktes", "peer")
KINDS = ("ngo", "veterans_union", "youth_group", "resource_center", "foundation", "volunteer_club")
"""The six kinds counted by question (c) (initiative groups are not registered organisations)."""


class AnswersDiffer(RuntimeError):
    """Seriktes and the peer answered one question differently: the timing would mean nothing."""


# -- the three questions ---------------------------------------------------------------------------

_PEER_PROJECTS = (
    "projectsConnection(first: $nested, sort: [{node: {startDate: DESC}}, {node: {code: DESC}}, "
    "{edge: {role: DESC}}]) { edges { properties { role } node { code title startDate status } } }"
)
_PEER_PARTNERS = (
    "partnersConnection(first: $nested, "
    "where: {edge: {until: {eq: null}}, node: {archived: {eq: false}}}, "
    "sort: [{node: {sortRu: ASC}}, {node: {bin: ASC}}]) "
    "{ edges { properties { since } node { bin name kind } } }"
)
PEER_PAGE = (
    "query OrganizationPage($first: Int!, $nested: Int!) {\n"
    "  organizationsConnection(first: $first,\n"
    '    where: {kind: {eq: "youth_group"}, archived: {eq: false}},\n'
    "    sort: [{sortRu: ASC}, {bin: ASC}]) {\n"
    "    pageInfo { hasNextPage endCursor }\n"
    "    edges { node {\n"
    "      bin name kind foundedYear\n"
    "      territory { kato name }\n"
    f"      {_PEER_PROJECTS}\n"
    f"      {_PEER_PARTNERS}\n"
    "    } }\n"
    "  }\n"
    "}"
)
SERIKTES_ORGANIZATION = """
query Organization($bin: String!, $nested: Int!) {
  organization(bin: $bin) {
    bin name kind
    projects(first: $nested) { edges { role node { code title startDate status } } }
    partners(first: $nested) { edges { since node { bin name kind } } }
  }
}"""
PEER_ORGANIZATION = (
    "query Organization($bin: String!, $nested: Int!) {\n"
    "  organizations(where: {bin: {eq: $bin}}) {\n"
    "    bin name kind\n"
    f"    {_PEER_PROJECTS}\n"
    f"    {_PEER_PARTNERS}\n"
    "  }\n"
    "}"
)
SERIKTES_COUNTS = (
    "query KindCounts {\n"
    + "".join(
        f"  {kind}: organizations(where: {{kind: {{eq: {kind.upper()}}}}}) {{ totalCount }}\n"
        for kind in KINDS
    )
    + "}"
)
PEER_COUNTS = (
    "query KindCounts {\n"
    + "".join(
        f"  {kind}: organizationsConnection("
        f'where: {{kind: {{eq: "{kind}"}}, archived: {{eq: false}}}}) '
        "{ aggregate { count { nodes } } }\n"
        for kind in KINDS
    )
    + "}"
)


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def _projects(edges: list[dict[str, Any]], role: Callable[[dict[str, Any]], str]) -> list[Any]:
    return [
        [
            e["node"]["code"],
            e["node"]["title"],
            e["node"]["startDate"],
            _lower(e["node"]["status"]),
            _lower(role(e)),
        ]
        for e in edges
    ]


def _partners(edges: list[dict[str, Any]], since: Callable[[dict[str, Any]], Any]) -> list[Any]:
    return [
        [e["node"]["bin"], e["node"]["name"], _lower(e["node"]["kind"]), since(e)] for e in edges
    ]


def _seriktes_org(node: dict[str, Any]) -> dict[str, Any]:
    """One organisation as Seriktes answers it, in the shape both sides are compared in."""
    org: dict[str, Any] = {"bin": node["bin"], "name": node["name"], "kind": _lower(node["kind"])}
    if "foundedYear" in node:
        org["founded_year"] = node["foundedYear"]
    if "territory" in node:
        t = node["territory"]
        org["territory"] = [t["kato"], t["name"]] if t else None
    org["projects"] = _projects(node["projects"]["edges"], lambda e: e["role"])
    org["partners"] = _partners(node["partners"]["edges"], lambda e: e["since"])
    return org


def _peer_org(node: dict[str, Any]) -> dict[str, Any]:
    """One organisation as the peer answers it (relationship properties under ``properties``;
    a relationship is always a list, so the one territory is the list's first)."""
    org: dict[str, Any] = {"bin": node["bin"], "name": node["name"], "kind": _lower(node["kind"])}
    if "foundedYear" in node:
        org["founded_year"] = node["foundedYear"]
    if "territory" in node:
        ts = node["territory"]
        org["territory"] = [ts[0]["kato"], ts[0]["name"]] if ts else None
    org["projects"] = _projects(
        node["projectsConnection"]["edges"], lambda e: e["properties"]["role"]
    )
    org["partners"] = _partners(
        node["partnersConnection"]["edges"], lambda e: e["properties"]["since"]
    )
    return org


def seriktes_page(data: dict[str, Any]) -> dict[str, Any]:
    page = data["organizations"]
    return {
        "has_next_page": page["pageInfo"]["hasNextPage"],
        "organizations": [_seriktes_org(e["node"]) for e in page["edges"]],
    }


def peer_page(data: dict[str, Any]) -> dict[str, Any]:
    page = data["organizationsConnection"]
    return {
        "has_next_page": page["pageInfo"]["hasNextPage"],
        "organizations": [_peer_org(e["node"]) for e in page["edges"]],
    }


def seriktes_organization(data: dict[str, Any]) -> dict[str, Any] | None:
    node = data["organization"]
    return _seriktes_org(node) if node else None


def peer_organization(data: dict[str, Any]) -> dict[str, Any] | None:
    nodes = data["organizations"]
    if len(nodes) > 1:
        raise AnswersDiffer(f"the peer found {len(nodes)} organisations with one BIN")
    return _peer_org(nodes[0]) if nodes else None


def seriktes_counts(data: dict[str, Any]) -> dict[str, int]:
    return {kind: data[kind]["totalCount"] for kind in KINDS}


def peer_counts(data: dict[str, Any]) -> dict[str, int]:
    return {kind: data[kind]["aggregate"]["count"]["nodes"] for kind in KINDS}


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two normalised answers differ, as ``path: a ≠ b`` lines (empty when equal)."""
    where = path or "answer"
    if isinstance(a, dict) and isinstance(b, dict):
        found: list[str] = []
        for key in sorted(a.keys() | b.keys()):
            if key not in a or key not in b:
                side = "peer" if key in b else "Seriktes"
                found.append(f"{where}.{key}: only on the {side} side")
            else:
                found += differences(a[key], b[key], f"{path}.{key}" if path else key)
        return found
    if isinstance(a, list) and isinstance(b, list):
        found = [f"{where}: {len(a)} items ≠ {len(b)}"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found += differences(x, y, f"{path}[{i}]")
        return found
    return [] if a == b else [f"{where}: {a!r} ≠ {b!r}"]


def describe_answer(answer: Any) -> str:
    """What an answer holds, for the report: how many organisations and nested items."""
    if answer is None:
        return "no organisation"
    if "organizations" in answer:
        orgs = answer["organizations"]
        nested = sum(len(o["projects"]) + len(o["partners"]) for o in orgs)
        return f"{len(orgs)} organisations, {nested} projects and partners"
    if "projects" in answer:
        return f"{len(answer['projects'])} projects, {len(answer['partners'])} partners"
    return ", ".join(f"{k} {v}" for k, v in answer.items())


@dataclass(frozen=True, slots=True)
class PeerQuery:
    key: str
    title: str
    seriktes: str
    peer: str
    variables: Callable[[Fixture], dict[str, Any]]
    seriktes_answer: Callable[[dict[str, Any]], Any]
    peer_answer: Callable[[dict[str, Any]], Any]


QUERIES: tuple[PeerQuery, ...] = (
    PeerQuery(
        "page",
        "a. first 20 youth groups + territory, projects(5), partners(5) (request 1)",
        ORGANIZATION_PAGE,
        PEER_PAGE,
        lambda f: {"first": 20, "nested": 5},
        seriktes_page,
        peer_page,
    ),
    PeerQuery(
        "organization",
        "b. one organisation (most partnerships) + projects(10), partners(10)",
        SERIKTES_ORGANIZATION,
        PEER_ORGANIZATION,
        lambda f: {"bin": f.hub, "nested": 10},
        seriktes_organization,
        peer_organization,
    ),
    PeerQuery(
        "counts",
        "c. organisations of each of six kinds, counted (six aliases)",
        SERIKTES_COUNTS,
        PEER_COUNTS,
        lambda f: {},
        seriktes_counts,
        peer_counts,
    ),
)


# -- the peer server -------------------------------------------------------------------------------


def node_missing() -> str | None:
    """Why the peer cannot run here (no ``node`` or ``npm``), or ``None``."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not found on PATH" if missing else None


def install(log: Callable[[str], None] = print) -> None:
    """``npm ci`` in ``bench/peer`` unless its ``node_modules`` is there."""
    if (PEER_DIR / "node_modules" / "@neo4j" / "graphql").exists():
        return
    log("  npm ci in bench/peer ...")
    command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(command, cwd=PEER_DIR, check=True, stdin=subprocess.DEVNULL)


def versions() -> dict[str, str]:
    """The installed versions of the peer's packages and of Node."""
    found = {"node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout}
    for package in ("@neo4j/graphql", "@apollo/server", "neo4j-driver"):
        manifest = PEER_DIR / "node_modules" / package / "package.json"
        found[package] = json.loads(manifest.read_text())["version"]
    return {k: v.strip() for k, v in found.items()}


@contextmanager
def peer_serving(
    conn: Connection, log: Path, *, port: int | None = None, timeout: float = 120.0
) -> Iterator[Served]:
    """Yield the running peer (URL and pid); it is stopped (by its pid) on exit."""
    port = port or free_port(18800)
    env = os.environ | conn.env() | {"PEER_PORT": str(port), "NODE_ENV": "production"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["node", "server.mjs"],
            cwd=PEER_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"the peer exited with {proc.returncode}; see {log}")
                try:
                    answer = httpx2.post(
                        f"{url}/graphql", json={"query": "{ __typename }"}, timeout=2
                    )
                    if answer.status_code == 200:
                        break
                except httpx2.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the peer did not answer within {timeout:.0f} s; see {log}")
                time.sleep(0.3)
            yield Served(url, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# -- CPU time of a process and its descendants -----------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def parse_stat(text: str) -> tuple[int, float]:
    """``(parent pid, user + system CPU seconds)`` from the text of ``/proc/<pid>/stat``.

    The command name (field 2) may hold spaces and parentheses, so fields are counted from the
    last ``)``: the state is field 3, the parent 4, utime 14 and stime 15.
    """
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK


def tree_cpu_seconds(roots: Sequence[int]) -> float:
    """CPU seconds used so far by ``roots`` and every process below them (Linux ``/proc``)."""
    table: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            table[int(entry.name)] = parse_stat((entry / "stat").read_text())
        except (OSError, ValueError):  # gone meanwhile
            continue
    return subtree_total(table, roots)


def subtree_total(table: dict[int, tuple[int, float]], roots: Sequence[int]) -> float:
    """The sum of the values of ``roots`` and their descendants in ``{pid: (ppid, value)}``."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, seen, todo = 0.0, set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo += children.get(pid, [])
    return total


# -- the measurement -------------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> float | None:
    """``a ÷ b`` to two places, ``None`` when either is missing or ``b`` is 0."""
    return round(a / b, 2) if a is not None and b else None


def _sender(
    client: GraphQLClient, document: str, variables: dict[str, Any]
) -> Callable[[int], Any]:
    """One request of a timed batch (the batch passes each call its index)."""
    return lambda _i: client.send(document, variables)


def _check(query: PeerQuery, clients: dict[str, GraphQLClient], fixture: Fixture) -> dict[str, Any]:
    variables = query.variables(fixture)
    seriktes = query.seriktes_answer(clients["seriktes"].send(query.seriktes, variables)["data"])
    peer = query.peer_answer(clients["peer"].send(query.peer, variables)["data"])
    found = differences(seriktes, peer)
    if found:
        shown = "\n  ".join(found[:20])
        more = f"\n  … and {len(found) - 20} more" if len(found) > 20 else ""
        raise AnswersDiffer(f"{query.title}: Seriktes and the peer differ:\n  {shown}{more}")
    return {"equal": True, "answer": describe_answer(seriktes)}


def run_peer(
    seriktes: Served,
    peer: Served,
    neo4j_pid: int | None,
    fixture: Fixture,
    *,
    runs: int,
    count: dict[int, int],
    budget: float,
    workers: int,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Check the answers equal, warm both, then time both interleaved; figures per question."""
    clients = {"seriktes": GraphQLClient(seriktes.url, ""), "peer": GraphQLClient(peer.url, "")}
    pids = {"seriktes": seriktes.pid, "peer": peer.pid}
    documents = {q.key: {"seriktes": q.seriktes, "peer": q.peer} for q in QUERIES}
    checked: dict[str, dict[str, Any]] = {}
    for query in QUERIES:
        checked[query.key] = _check(query, clients, fixture)
        for side in SIDES:  # warm plan caches and both sides' connections (8 at once)
            measure(
                _sender(clients[side], documents[query.key][side], query.variables(fixture)),
                threads=8,
                count=16,
                budget=budget,
            )
        log(f"  {query.key}: answers equal ({checked[query.key]['answer']})")

    timings: dict[str, dict[str, dict[int, list[Run]]]] = {
        q.key: {side: {t: [] for t in THREADS} for side in SIDES} for q in QUERIES
    }
    cpu: dict[str, dict[str, dict[int, list[float]]]] = {  # [server s, neo4j s, calls]
        q.key: {side: {t: [0.0, 0.0, 0.0] for t in THREADS} for side in SIDES} for q in QUERIES
    }
    for run in range(runs):
        order = SIDES if run % 2 == 0 else SIDES[::-1]
        for query in QUERIES:
            variables = query.variables(fixture)
            for threads in THREADS:
                for side in order:
                    client, document = clients[side], documents[query.key][side]
                    server_before = tree_cpu_seconds([pids[side]])
                    neo4j_before = tree_cpu_seconds([neo4j_pid]) if neo4j_pid else 0.0
                    timed = measure(
                        _sender(client, document, variables),
                        threads=threads,
                        count=count[threads],
                        budget=budget,
                    )
                    spent = cpu[query.key][side][threads]
                    spent[0] += tree_cpu_seconds([pids[side]]) - server_before
                    if neo4j_pid:
                        spent[1] += tree_cpu_seconds([neo4j_pid]) - neo4j_before
                    spent[2] += len(timed.ms)
                    timings[query.key][side][threads].append(timed)
            s, p = (timings[query.key][side][1][-1] for side in SIDES)
            log(
                f"  run {run + 1}/{runs} {query.key:<12} p50 Seriktes {s.p50:7.1f} ms  "
                f"peer {p.p50:7.1f} ms"
            )
    for query in QUERIES:  # still the same answers after the load
        _check(query, clients, fixture)

    results: dict[str, Any] = {}
    for query in QUERIES:
        entry: dict[str, Any] = {"title": query.title, "check": checked[query.key]}
        for threads in THREADS:
            sides = {side: summary(timings[query.key][side][threads]) for side in SIDES}
            where = {}
            for side in SIDES:
                server_s, neo4j_s, calls = cpu[query.key][side][threads]
                where[side] = {
                    "server_cpu_ms": round(1000 * server_s / calls, 1) if calls else None,
                    "neo4j_cpu_ms": round(1000 * neo4j_s / calls, 1)
                    if calls and neo4j_pid
                    else None,
                }
            entry[f"threads_{threads}"] = sides | {
                "ratio_p50": ratio(sides["seriktes"]["p50_ms"], sides["peer"]["p50_ms"]),
                "ratio_per_second": ratio(
                    sides["seriktes"]["per_second"], sides["peer"]["per_second"]
                ),
                "cpu_per_request": where,
            }
        results[query.key] = entry
    return {
        "queries": results,
        "seriktes_workers": workers,
        "peer_versions": versions(),
        "documents": {q.key: {"seriktes": q.seriktes, "peer": q.peer} for q in QUERIES},
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
