"""Region analytics recomputed in the background, so no request waits for them.

:class:`Refresher` keeps the last computed :class:`~graph.analytics.reports.RegionIndicators`
and :class:`~graph.analytics.reports.RegionAnalysis`, each stamped with the graph version it
was computed from and when (:class:`Computed`). Readers take what is there at once; one worker
thread recomputes when the graph version moves on:

- **once per burst of writes**: after it sees a new version it waits until the version has
  stayed the same for ``quiet`` seconds (at most ``max_delay``) and computes once for all;
- **never twice at the same time**: only the worker computes; readers never do;
- **who notices a write**: every read nudges the worker (which then reads the version, at most
  once per ``quiet`` seconds), and with ``poll`` it also looks by itself, so writes made by
  other processes (the importer, other API workers) are noticed too.

Start-up is never blocked: :meth:`Refresher.start` only schedules the first computation (with
``warm``). Nothing is persisted: each process recomputes at start, in the background. Until
that first computation is done a reader waits for it, up to ``first_wait`` seconds, and then
gets :class:`NotReady` ("not yet computed", a retry later succeeds). Persisting the results in
Neo4j would save the minute after a restart at country scale at the price of a serialised form
of every table, graph and partition to keep in step with the code; restarts are rare, so the
simpler choice was made.

``exact`` readers (:meth:`Refresher.indicators` and :meth:`Refresher.analysis` with
``exact=True``) read the current version and wait until the worker has computed it (tests and
notebooks, which read what they just wrote); the worker then skips the quiet period.

The stamp is the version read *before* the computation started: the results include every
write up to it (and possibly a few later ones).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.analytics.cache import ProjectionCache
from graph.analytics.reports import (
    RegionAnalysis,
    RegionIndicators,
    region_analysis,
    region_indicators,
)
from graph.db import Database
from graph.errors import Unavailable
from graph.i18n import t
from graph.schema import versions

__all__ = ["Computed", "NotReady", "Refresher"]

T = TypeVar("T")
log = logging.getLogger("seriktes.analytics")


class NotReady(Unavailable):
    """The analytics were not yet computed since the process started; retry shortly."""


@dataclass(frozen=True, slots=True)
class Computed(Generic[T]):
    """A result and how fresh it is."""

    value: T
    graph_version: int | None
    """The graph version read before the computation started."""
    computed_at: dt.datetime
    """When the computation finished (UTC)."""


class Refresher:
    """The last computed region analytics of one database, refreshed by one worker thread.

    Parameters
    ----------
    db : Database
        The process's connection (the worker reads through it).
    cache : ProjectionCache, optional
        Shared with the rest of the process, so the projections and indicators the worker builds
        serve others at the same graph version (and the other way round).
    quiet : float
        Seconds the graph version must stay unchanged before a recomputation starts.
    max_delay : float
        A steady stream of writes postpones a recomputation at most this long.
    poll : float, optional
        Seconds between the worker's own looks at the graph version; ``None``: only when
        nudged by a reader.
    first_wait : float, optional
        How long a reader waits for the first computation before :class:`NotReady`;
        ``None``: as long as it takes.
    exact : bool
        The readers' default: wait for the current graph version (see above).

    Examples
    --------
    >>> refresher = Refresher(db, quiet=0.1)
    >>> refresher.start()
    >>> report = refresher.indicators(exact=True)
    >>> report.graph_version == versions(db)[1]
    True
    >>> refresher.stop()
    """

    def __init__(
        self,
        db: Database,
        cache: ProjectionCache | None = None,
        *,
        quiet: float = 0.5,
        max_delay: float = 30.0,
        poll: float | None = 5.0,
        first_wait: float | None = 30.0,
        exact: bool = False,
    ) -> None:
        if quiet < 0 or max_delay < 0 or (poll is not None and poll <= 0):
            raise ValueError("quiet and max_delay must be at least 0, poll above 0")
        self.db = db
        self.cache = cache if cache is not None else ProjectionCache()
        self.quiet = quiet
        self.max_delay = max_delay
        self.poll = poll
        self.first_wait = first_wait
        self.exact = exact
        self.computations = 0
        """Finished computations (each makes indicators then analysis)."""
        self._indicators: Computed[RegionIndicators] | None = None
        self._analysis: Computed[RegionAnalysis] | None = None
        self._error: BaseException | None = None
        self._wanted: int | None = None  # the newest version an exact reader waits for
        self._waiting = 0  # readers waiting: the worker then skips the quiet period
        self._nudged = False
        self._stopped = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------------

    def start(self, *, warm: bool = True) -> None:
        """Start the worker; with ``warm`` it computes at once (in the background)."""
        with self._changed:
            if self._thread is not None:
                raise RuntimeError("the refresher is already started")
            self._nudged = warm
            self._thread = threading.Thread(
                target=self._run, name="seriktes-analytics", daemon=True
            )
        self._thread.start()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Stop the worker; a computation under way is left to finish (it is not waited for
        beyond ``timeout``)."""
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- readers ---------------------------------------------------------------------------------

    def indicators(self, *, exact: bool | None = None) -> Computed[RegionIndicators]:
        """The last computed indicators (``exact``: see the module docstring)."""
        return self._read(lambda: self._indicators, self.exact if exact is None else exact)

    def analysis(self, *, exact: bool | None = None) -> Computed[RegionAnalysis]:
        """The last computed analysis (``exact``: see the module docstring)."""
        return self._read(lambda: self._analysis, self.exact if exact is None else exact)

    def nudge(self) -> None:
        """Ask the worker to look at the graph version (cheap; no read here)."""
        with self._changed:
            if not self._nudged:
                self._nudged = True
                self._changed.notify_all()

    def _read(self, slot: Callable[[], Computed[T] | None], exact: bool) -> Computed[T]:
        wanted = versions(self.db)[1] if exact else None
        deadline = None
        if not exact and self.first_wait is not None:
            deadline = time.monotonic() + self.first_wait
        with self._changed:
            found = slot()
            if found is not None and (not exact or _covers(found.graph_version, wanted)):
                self._nudge_locked()
                return found
            if self._thread is None or self._stopped:
                raise NotReady(t("analytics are not computed: the refresher is not running"))
            if exact:
                self._wanted = wanted if self._wanted is None else max(self._wanted, wanted or 0)
            self._error = None
            self._waiting += 1
            self._nudge_locked()
            try:
                while True:
                    found = slot()
                    if found is not None and (not exact or _covers(found.graph_version, wanted)):
                        return found
                    if self._error is not None:
                        raise self._error
                    if self._stopped:
                        raise NotReady(
                            t("analytics are not computed: the refresher is not running")
                        )
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        raise NotReady(
                            t("analytics are not yet computed since the start; retry shortly")
                        )
                    self._changed.wait(left)
            finally:
                self._waiting -= 1

    def _nudge_locked(self) -> None:
        if not self._nudged:
            self._nudged = True
            self._changed.notify_all()

    # -- the worker ------------------------------------------------------------------------------

    def _run(self) -> None:
        last_look = 0.0
        while True:
            with self._changed:
                while not (self._nudged or self._stopped):
                    if not self._changed.wait(self.poll):
                        break  # the poll interval passed: look anyway
                if self._stopped:
                    return
                self._nudged = False
                urgent = self._waiting > 0
            if not urgent:  # many nudges (a busy API) make at most one look per quiet period
                pause = self.quiet - (time.monotonic() - last_look)
                if pause > 0 and self._sleep(pause):
                    return
            last_look = time.monotonic()
            try:
                version = versions(self.db)[1]
                if self._fresh(version):
                    continue
                version = self._settled(version)
                if version is None:
                    return  # stopped while waiting
                if not self._fresh(version):
                    self._compute(version)
            except Exception as exc:  # kept and logged; retried at the next look
                with self._changed:
                    if self._stopped:
                        return
                    log.exception("analytics refresh failed")
                    self._error = exc
                    self._changed.notify_all()

    def _fresh(self, version: int | None) -> bool:
        with self._changed:
            done = self._analysis
            return done is not None and done.graph_version == version

    def _settled(self, version: int | None) -> int | None:
        """The version once it stopped moving for ``quiet`` seconds (``None``: stopped)."""
        started = time.monotonic()
        while time.monotonic() - started < self.max_delay:
            with self._changed:
                if self._waiting:  # someone waits: no point in waiting for quiet
                    return version
            if self._sleep(self.quiet):
                return None
            now = versions(self.db)[1]
            if now == version:
                return version
            version = now
        return version

    def _sleep(self, seconds: float) -> bool:
        """Sleep, waking early only to stop; whether the refresher stopped."""
        with self._changed:
            end = time.monotonic() + seconds
            while not self._stopped and (left := end - time.monotonic()) > 0:
                self._changed.wait(left)
            return self._stopped

    def _compute(self, version: int | None) -> None:
        started = time.perf_counter()
        indicators = region_indicators(self.db, cache=self.cache)
        self._publish(indicators=Computed(indicators, version, _now()))
        analysis = region_analysis(self.db, cache=self.cache)
        self._publish(analysis=Computed(analysis, version, _now()))
        log.info(
            "analytics computed for graph version %s in %.1f s",
            version,
            time.perf_counter() - started,
        )

    def _publish(
        self,
        *,
        indicators: Computed[RegionIndicators] | None = None,
        analysis: Computed[RegionAnalysis] | None = None,
    ) -> None:
        with self._changed:
            if indicators is not None:
                self._indicators = indicators
            if analysis is not None:
                self._analysis = analysis
                self.computations += 1
                if _covers(analysis.graph_version, self._wanted):
                    self._wanted = None
                else:
                    self._nudged = True  # an exact reader waits for a newer version
            self._error = None
            self._changed.notify_all()


def _covers(computed: int | None, wanted: int | None) -> bool:
    return wanted is None or (computed is not None and computed >= wanted)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
