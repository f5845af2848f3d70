"""Profile the API process while it answers one canonical request many times (pyinstrument).

    python -m bench.profile_api --scale demo --request org_page --calls 200

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
import time
from pathlib import Path

from bench.api_latency import GraphQLClient, make_fixture
from bench.api_server import wait_healthy
from bench.canonical import REQUESTS
from bench.instance import connection, free_port, kept_instance

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="demo")
    parser.add_argument("--request", default="org_page", choices=[r.key for r in REQUESTS])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    print(f"wrote {profile(args.scale, args.request, args.calls)}")


if __name__ == "__main__":
    main()
