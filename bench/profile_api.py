"""Profile the API process while it answers one canonical request many times (pyinstrument).

    python -m bench.profile_api --scale demo --request org_page --calls 200
    python -m bench.profile_api --scale 10k --compare 877e5cb --calls 60

``--compare REV`` instead times the API at git revision ``REV`` (exported to a temporary
directory) against the working tree's, interleaved call by call on the same kept instance, with
the raw Cypher of each request beside them: the before/after of a change to the API, measured in
one run. It adds the peer's three kinds of query (a filtered page with nested lists, one
organisation with projects and partners, six per-kind counts).

Reuses the data a previous ``python -m bench --scale <scale>`` left in ``.seriktes/bench-<scale>``,
runs ``seriktes serve`` under ``pyinstrument`` (the event-loop thread: parsing, validation,
resolvers, serialisation; database calls run in worker threads and show as awaits), sends the
calls one at a time, stops the server with SIGINT and writes ``bench/out/profile-<scale>-<request>
.txt`` (and ``.html``, ``.pyisession``). Needs ``pip install pyinstrument``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.api_latency import GraphQLClient, make_fixture
from bench.api_server import wait_healthy
from bench.canonical import REQUESTS, Fixture
from bench.instance import connection, free_port, kept_instance
from bench.latency import percentile

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def profile(scale: str, request_key: str, calls: int) -> Path:
    request = next(r for r in REQUESTS if r.key == request_key)
    with kept_instance(ROOT / ".seriktes", scale) as server:
        conn = connection(server)
        db = conn.open()
        fixture = make_fixture(db)
        port = free_port(18750)
        out = OUT / f"profile-{scale}-{request_key}"
        env = os.environ | conn.env() | {"SERIKTES_DB_STATS": "1"}
        command = [
            sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", f"{out}.pyisession",
            "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
        ]  # fmt: skip
        log = OUT / f"profile-{scale}.log"
        with log.open("wb") as handle:
            proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_healthy(url, proc, log=log)
                client = GraphQLClient(url, fixture.token)
                for i in range(5):
                    client.post(request, request.variables(fixture, i))
                began = time.perf_counter()
                for i in range(calls):
                    client.post(request, request.variables(fixture, i))
                per_call = 1000 * (time.perf_counter() - began) / calls
                print(f"{calls} calls, {per_call:.1f} ms each")
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=120)
        db.close()
    for renderer, suffix in (("text", "txt"), ("html", "html")):
        subprocess.run(
            [sys.executable, "-m", "pyinstrument", "--load", f"{out}.pyisession",
             "-r", renderer, "--show-all", "-o", f"{out}.{suffix}"],
            check=False,
        )  # fmt: skip
    return Path(f"{out}.txt")


PEER_ONE = """
query PeerOne($bin: String!) {
  organization(bin: $bin) {
    bin name kind
    projects(first: 10) { edges { role node { code title startDate status } } }
    partners(first: 10) { edges { since node { bin name kind } } }
  }
}"""
_KINDS = ("NGO", "VETERANS_UNION", "YOUTH_GROUP", "RESOURCE_CENTER", "FOUNDATION", "VOLUNTEER_CLUB")
PEER_COUNTS = (
    "query PeerCounts {\n"
    + "\n".join(
        f"  {k.lower()}: organizations(where: {{kind: {{eq: {k}}}}}) {{ totalCount }}"
        for k in _KINDS
    )
    + "\n}"
)


Compared = tuple[str, str, dict[str, Any], Callable[..., Any] | None]


def _documents(fixture: Fixture) -> list[Compared]:
    """(key, document, variables, raw call) of the requests compared."""
    page, full = REQUESTS[0], REQUESTS[1]
    return [
        ("org_page", page.document, page.variables(fixture, 0), page.raw),
        ("org_full", full.document, full.variables(fixture, 0), full.raw),
        ("peer_one", PEER_ONE, {"bin": fixture.hub}, None),
        ("peer_counts", PEER_COUNTS, {}, None),
    ]


def _server(python: str, cwd: Path, env: dict[str, str], log: Path) -> tuple[Any, str]:
    port = free_port(18760)
    command = [python, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    handle = log.open("wb")
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=handle)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc, log=log)
    return proc, url


def compare(scale: str, rev: str, calls: int) -> None:
    """The API at ``rev`` against the working tree's, interleaved, raw Cypher beside them."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="seriktes-before-") as before_dir:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", before_dir], input=archive.stdout, check=True)
        with kept_instance(ROOT / ".seriktes", scale) as server:
            conn = connection(server)
            db = conn.open()
            fixture = make_fixture(db)
            env = os.environ | conn.env() | {"SERIKTES_DB_STATS": "1"}
            procs = {}
            try:
                for side, cwd in (("before", Path(before_dir)), ("after", ROOT)):
                    side_env = env | {"PYTHONPATH": str(cwd)}
                    procs[side] = _server(sys.executable, cwd, side_env, OUT / f"cmp-{side}.log")
                print(f"load average at start: {os.getloadavg()}")
                clients = {s: GraphQLClient(url, fixture.token) for s, (_, url) in procs.items()}
                for key, document, variables, raw in _documents(fixture):
                    times: dict[str, list[float]] = {"before": [], "after": [], "raw": []}
                    trips: dict[str, int] = {}
                    answers: dict[str, Any] = {}
                    for i in range(calls + 5):
                        for side, client in clients.items():
                            began = time.perf_counter()
                            body = client.send(document, variables)
                            if i >= 5:
                                times[side].append(1000 * (time.perf_counter() - began))
                            trips[side] = body["extensions"]["db"]["queries"]
                            answers[side] = body["data"]
                        if raw is not None:
                            began = time.perf_counter()
                            raw(db, fixture, 0)
                            if i >= 5:
                                times["raw"].append(1000 * (time.perf_counter() - began))
                    same = answers["before"] == answers["after"]
                    line = f"{key:<12}"
                    for side in ("before", "after", "raw"):
                        if times[side]:
                            p50, p95 = percentile(times[side], 0.5), percentile(times[side], 0.95)
                            line += f"  {side} p50 {p50:6.1f} p95 {p95:6.1f}"
                    if times["raw"]:
                        raw50 = percentile(times["raw"], 0.5)
                        line += "  ratio " + " → ".join(
                            f"{percentile(times[s], 0.5) / raw50:.2f}" for s in ("before", "after")
                        )
                    line += f"  round-trips {trips['before']} → {trips['after']}"
                    line += "  same answers" if same else "  ANSWERS DIFFER"
                    print(line, flush=True)
                print(f"load average at end: {os.getloadavg()}")
            finally:
                for proc, _ in procs.values():
                    proc.send_signal(signal.SIGINT)
                    proc.wait(timeout=60)
                db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="demo")
    parser.add_argument("--request", default="org_page", choices=[r.key for r in REQUESTS])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--compare", metavar="REV", help="time the API at REV against this tree's")
    args = parser.parse_args()
    if args.compare:
        compare(args.scale, args.compare, args.calls)
        return
    print(f"wrote {profile(args.scale, args.request, args.calls)}")


if __name__ == "__main__":
    main()
