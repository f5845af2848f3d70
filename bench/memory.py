"""Time and peak memory of one call, measured in a fresh child process.

A fresh process makes the peak resident set (``getrusage``'s ``ru_maxrss``) belong to the call
alone: the baseline is the resident set just before it (interpreter, driver, pandas imported).
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Measured:
    value: Any
    seconds: float
    base_mb: float
    """Resident set just before the call."""
    peak_mb: float
    """Peak resident set of the process during (and before) the call."""

    @property
    def delta_mb(self) -> float:
        return max(0.0, self.peak_mb - self.base_mb)

    def figures(self) -> dict[str, float]:
        return {
            "seconds": round(self.seconds, 2),
            "base_rss_mb": round(self.base_mb, 1),
            "peak_rss_mb": round(self.peak_mb, 1),
            "delta_rss_mb": round(self.delta_mb, 1),
        }


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(fn: Callable[..., R], args: tuple[Any, ...]) -> tuple[R, float, float, float]:
    base = resident_mb()
    began = time.perf_counter()
    value = fn(*args)
    seconds = time.perf_counter() - began
    return value, seconds, base, _peak_mb()


def in_child(fn: Callable[..., Any], *args: Any, timeout: float | None = None) -> Measured:
    """Run ``fn(*args)`` in a spawned process; ``fn`` and its result must pickle.

    Raises :class:`multiprocessing.TimeoutError` after ``timeout`` seconds (the child is ended).
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:  # leaving the block terminates the child, finished or not
        value, seconds, base, peak = pool.apply_async(_child, (fn, args)).get(timeout)
    return Measured(value, seconds, base, peak)
