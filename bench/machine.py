"""What the numbers were measured on."""

from __future__ import annotations

import datetime as dt
import os
import platform
from typing import Any

from graph.db import Database
from graph.server import NEO4J_VERSION


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def describe(db: Database | None = None) -> dict[str, Any]:
    neo4j_version = NEO4J_VERSION
    if db is not None:
        record = db.read("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
        neo4j_version = record[0]["v"]
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "neo4j": neo4j_version,
        "platform": platform.platform(),
        "load_average_at_start": _load(),
    }
