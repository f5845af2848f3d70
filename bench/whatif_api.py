"""The API with parse and validation caching, measured against the API as it is.

    python -m bench.whatif_api --scale 10k       # after `python -m bench --scale 10k`

Nothing in ``api/`` is changed: ``serve`` starts ``seriktes serve`` with
``api.app.create_schema`` replaced by :func:`cached_schema`, the proposal for
``api/schema.py``: Strawberry's ``ParserCache`` and ``ValidationCache``, and the depth and alias
limits added as rule classes built once. (``QueryDepthLimiter`` and ``MaxAliasesLimiter`` build
a new rule class in every instance, and the schema creates instances per request, so a
validation cache keyed by the rules would never hit.) Both servers run side by side on the
graph a previous ``python -m bench --scale <scale>`` left; each request is timed on one client
thread, alternating servers, and the medians go to ``bench/out/whatif-api-<scale>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def cached_schema(settings: Any = None) -> Any:
    """``api.schema.create_schema`` with parsing and validation cached across requests."""
    from strawberry.extensions import (
        AddValidationRules,
        DisableIntrospection,
        MaxTokensLimiter,
        ParserCache,
        ValidationCache,
    )
    from strawberry.extensions.max_aliases import create_validator as aliases_rule
    from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
    from strawberry.schema.config import StrawberryConfig

    from api.errors import ErrorCodes
    from api.extensions import CostLimit, DbStats
    from api.mutations import Mutation
    from api.query import Query
    from api.schema import Schema
    from api.settings import ApiSettings
    from api.types.organization import Organization
    from api.types.person import Person
    from api.types.project import Project
    from api.types.scalars import SCALARS
    from api.types.territory import Akimat, Territory

    settings = settings or ApiSettings()
    rules = [depth_rule(settings.max_depth, None, None), aliases_rule(settings.max_aliases)]
    extensions: list[Any] = [
        partial(ParserCache, maxsize=256),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(AddValidationRules, rules),
        partial(ValidationCache, maxsize=256),
        partial(CostLimit, limit=settings.max_cost),
        partial(ErrorCodes, production=settings.production),
    ]
    if settings.db_stats:
        extensions.append(DbStats)
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        types=[Organization, Project, Territory, Akimat, Person],
        extensions=extensions,
        config=StrawberryConfig(
            batching_config={"max_operations": settings.max_batch}, scalar_map=SCALARS
        ),
    )


def serve(argv: list[str]) -> int:
    """``seriktes serve`` with :func:`cached_schema`."""
    import api.app
    from api.cli import main

    api.app.create_schema = cached_schema  # type: ignore[assignment]
    return main(["serve", *argv])


def compare(scale: str, *, runs: int = 3, calls: int = 30) -> dict[str, Any]:
    from bench.api_latency import GraphQLClient, make_fixture
    from bench.api_server import _wait
    from bench.canonical import REQUESTS
    from bench.instance import connection, free_port, kept_instance
    from bench.latency import measure

    results: dict[str, Any] = {}
    with ExitStack() as stack:
        server = stack.enter_context(kept_instance(ROOT / ".seriktes", scale))
        conn = connection(server)
        db = conn.open()
        stack.callback(db.close)
        fixture = make_fixture(db)
        env = os.environ | conn.env() | {"SERIKTES_DB_STATS": "1"}
        clients = {}
        for name, module in (("as_is", "api.cli"), ("cached", "bench.whatif_api")):
            port = free_port(18800 if name == "as_is" else 18900)
            log = (OUT / f"whatif-{name}.log").open("wb")
            stack.callback(log.close)
            cmd = [
                sys.executable,
                "-m",
                module,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
            stack.callback(proc.wait, 30)
            stack.callback(proc.terminate)
            url = f"http://127.0.0.1:{port}"
            _wait(url, proc, OUT / f"whatif-{name}.log")
            clients[name] = GraphQLClient(url, fixture.token)
        for request in REQUESTS:
            for client in clients.values():
                for i in range(5):
                    client.post(request, request.variables(fixture, i))
        for request in REQUESTS:
            p50s: dict[str, list[float]] = {name: [] for name in clients}
            for _ in range(runs):
                for name, client in clients.items():
                    run = measure(
                        lambda i, c=client, r=request: c.post(r, r.variables(fixture, i)),
                        threads=1,
                        count=calls,
                        budget=20.0,
                    )
                    p50s[name].append(run.p50)
            as_is, cached = (statistics.median(p50s[n]) for n in ("as_is", "cached"))
            results[request.key] = {
                "as_is_p50_ms": round(as_is, 1),
                "cached_p50_ms": round(cached, 1),
                "saved_ms": round(as_is - cached, 1),
            }
            print(f"{request.key:<12} as is {as_is:7.1f} ms   cached {cached:7.1f} ms")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"whatif-api-{scale}.json").write_text(json.dumps(results, indent=1))
    return results


def main() -> None:
    if sys.argv[1:2] == ["serve"]:
        sys.exit(serve(sys.argv[2:]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="10k")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compare(args.scale, runs=args.runs)


if __name__ == "__main__":
    main()
