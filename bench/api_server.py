"""``seriktes serve`` in a subprocess, pointed at the bench instance, with query counting on.

It runs with the README's settings for this machine: one worker per core (``--workers``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

from bench.instance import Connection, free_port

ROOT = Path(__file__).resolve().parent.parent


WORKERS = min(os.cpu_count() or 1, 4)
"""The README's recommendation: one worker per core (2 on the benchmark machine)."""


@dataclass(frozen=True, slots=True)
class Served:
    url: str
    pid: int
    """The ``seriktes serve`` process; its workers are its children."""


@contextmanager
def serving(
    conn: Connection, log: Path, *, port: int | None = None, workers: int = WORKERS
) -> Iterator[Served]:
    """Yield the running API (URL and pid); the server is stopped (by its pid) on exit."""
    port = port or free_port(18700)
    env = os.environ | conn.env() | {"SERIKTES_DB_STATS": "1", "SERIKTES_ENV": "development"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                # not `-m api.cli`: uvicorn's spawned workers re-run a `-m` main module and die
                *(sys.executable, "-c", "import sys; from api.cli import main; sys.exit(main())"),
                "serve",
                *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            # each worker applies the schema at start: on a loaded machine that takes minutes
            wait_healthy(url, proc, timeout=600.0, log=log)
            yield Served(url, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(
    url: str, proc: subprocess.Popen[bytes], *, timeout: float = 90.0, log: Path | None = None
) -> None:
    """Return once ``url``'s ``/health`` answers 200; fail when the process exits or time is up."""
    see = f"; see {log}" if log else ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the API exited with {proc.returncode}{see}")
        try:
            if httpx2.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the API did not answer on {url} within {timeout:.0f}s{see}")
