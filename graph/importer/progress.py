"""Progress of long work (import, demo load, export): rows done, rows/s and time left.

On a terminal a tqdm bar (a well-kept library, not hand-drawn ``\\r``); otherwise — a log, a CI
job, a pipe — a plain line every few seconds and one at the end, so a 10-minute import is never
silent and never floods the log. ``quiet`` shows nothing. Lines go to stderr: stdout keeps the
results a script may read.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from graph.i18n import Text, t
from graph.importer.reader import CsvSource, MemorySource, Source

Tick = Callable[[int], None]
"""Told how many more rows are done (a bar's ``update``)."""

EVERY_SECONDS = 5.0
"""Seconds between two plain lines."""


Meter = Callable[[Text, int | None], AbstractContextManager[Tick]]
"""Makes a ``Tick`` for one phase of work (its label, its rows): :func:`progress` with its
options bound, or :func:`silent`."""


def no_progress(rows: int) -> None:
    """Progress that goes nowhere: the default of every function that can report it."""


@contextmanager
def silent(label: Text, total: int | None) -> Iterator[Tick]:
    """The ``Meter`` that shows nothing (library calls, tests, the API)."""
    yield no_progress


def meter(*, quiet: bool = False, stream: TextIO | None = None) -> Meter:
    """A ``Meter`` showing :func:`progress` on ``stream`` (stderr), or nothing when ``quiet``."""
    return functools.partial(progress, quiet=quiet, stream=stream)


def estimate_rows(sources: Sequence[Source]) -> int | None:
    """Rows the sources hold, for the time left: lines of a CSV (a quoted cell may span lines,
    so it is an estimate), rows in memory; ``None`` when a source cannot tell cheaply (XLSX)."""
    total = 0
    for source in sources:
        if isinstance(source, MemorySource):
            total += len(source.data)
        elif isinstance(source, CsvSource):
            total += max(_lines(source.path) - 1, 0)
        else:
            return None
    return total


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


@contextmanager
def progress(
    label: Text,
    total: int | None,
    *,
    quiet: bool = False,
    stream: TextIO | None = None,
    every: float | None = None,
) -> Iterator[Tick]:
    """A ``Tick`` for ``total`` rows (``None``: not known, so no time left is shown); plain
    lines every ``every`` seconds (:data:`EVERY_SECONDS`)."""
    out = sys.stderr if stream is None else stream
    if quiet:
        yield no_progress
    elif out.isatty():
        with tqdm(total=total, desc=str(label), unit=" rows", unit_scale=True, file=out) as bar:

            def tick(rows: int) -> None:
                bar.update(rows)

            yield tick
    else:
        lines = _Lines(str(label), total, out, EVERY_SECONDS if every is None else every)
        yield lines.update
        if lines.shown:  # work done within a few seconds needs no line
            lines.line()


class _Lines:
    """Plain lines, at most one per ``every`` seconds, and the last one when the work ends
    (if it lasted long enough to show any)."""

    def __init__(self, label: str, total: int | None, out: TextIO, every: float) -> None:
        self.label, self.total, self.out, self.every = label, total, out, every
        self.done = 0
        self.shown = False
        self.began = self.last = time.monotonic()

    def update(self, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if now - self.last >= self.every:
            self.line(now)

    def line(self, now: float | None = None) -> None:
        self.last = time.monotonic() if now is None else now
        self.shown = True
        elapsed = max(self.last - self.began, 1e-9)
        rate = self.done / elapsed
        print(self.text(rate), file=self.out, flush=True)

    def text(self, rate: float) -> str:
        done, per_s = f"{self.done:,}", f"{rate:,.0f}"
        if self.total is None:
            return str(t("{label}: {done} rows, {rate} rows/s", label=self.label, done=done,
                         rate=per_s))  # fmt: skip
        total = f"{self.total:,}"
        left = f"{max(self.total - self.done, 0) / rate:.0f}" if rate > 0 else "?"
        line = t(
            "{label}: {done} of {total} rows, {rate} rows/s, {left} s left",
            label=self.label,
            done=done,
            total=total,
            rate=per_s,
            left=left,
        )
        return str(line)
