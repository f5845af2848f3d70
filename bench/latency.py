"""Latency of one call under 1 or N client threads: percentiles per run, medians over runs.

Loops are bounded in count and in time (``budget`` seconds per measurement: a thread starts no
new call after it, but each thread makes at least one).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile, as ``bench/suggestions.py`` computes it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True, slots=True)
class Run:
    ms: tuple[float, ...]
    seconds: float

    @property
    def p50(self) -> float:
        return percentile(self.ms, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 0.95)

    @property
    def throughput(self) -> float:
        return len(self.ms) / self.seconds if self.seconds else 0.0


def measure(call: Callable[[int], Any], *, threads: int, count: int, budget: float) -> Run:
    """Make ``count`` calls ``call(i)`` spread over ``threads`` threads; milliseconds each."""
    times: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + budget

    def worker(w: int) -> None:
        mine: list[float] = []
        for i in range(w, count, threads):
            if mine and time.perf_counter() > deadline:
                break
            began = time.perf_counter()
            call(i)
            mine.append(1000 * (time.perf_counter() - began))
        with lock:
            times.extend(mine)

    began = time.perf_counter()
    if threads == 1:
        worker(0)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(worker, range(threads)))
    return Run(tuple(times), time.perf_counter() - began)


def summary(runs: Sequence[Run]) -> dict[str, float]:
    """Medians over runs of each run's p50 and p95 (and the calls made)."""
    return {
        "p50_ms": round(statistics.median(r.p50 for r in runs), 1),
        "p95_ms": round(statistics.median(r.p95 for r in runs), 1),
        "p50_runs_ms": [round(r.p50, 1) for r in runs],  # type: ignore[dict-item]
        "calls": sum(len(r.ms) for r in runs),
        "per_second": round(statistics.median(r.throughput for r in runs), 1),
    }
