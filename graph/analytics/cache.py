"""Reuse projections and derived tables until the graph changes.

Every write bumps the graph version (:func:`graph.schema.versions`); an entry is keyed by the
database, that version and the arguments, so it is served until the next write. The cache is
bounded (least recently used entries go first), thread-safe (the API calls from worker threads)
and hands out *frozen* graphs (:func:`networkx.freeze`): a caller cannot change what others
share.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar, cast

import networkx as nx

from graph.analytics.projections import (
    scoped_funding_graph,
    scoped_org_project_graph,
    scoped_partnership_graph,
)
from graph.analytics.scope import Scope, YearsArg
from graph.db import Database
from graph.schema import versions

__all__ = ["ProjectionCache"]

T = TypeVar("T")
_MISSING = object()


class ProjectionCache:
    """A bounded, thread-safe cache of projections and tables keyed by the graph version.

    Parameters
    ----------
    maxsize : int
        Entries kept; the least recently used goes first. Entries of older graph versions are
        dropped as soon as a newer version is seen.

    Notes
    -----
    Each lookup costs one small read (the graph version). Two threads missing the same key at
    once may both build it; the first stored result is the one every caller gets.

    Examples
    --------
    >>> cache = ProjectionCache(maxsize=8)
    >>> G = cache.partnership_graph(db)
    >>> cache.partnership_graph(db) is G, cache.hits, cache.misses
    (True, 1, 1)
    >>> nx.is_frozen(G)
    True
    """

    def __init__(self, maxsize: int = 32) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple[Hashable, int | None, Hashable], object] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, db: Database, key: Hashable, build: Callable[[], T]) -> T:
        """The value cached for ``key`` at the current graph version, built when missing."""
        version = versions(db)[1]
        # The driver and database name identify the graph; a per-request ``Database`` (e.g.
        # one counting its queries) shares the entries of the connection it comes from.
        graph = (db.driver, db.name)
        full = (graph, version, key)
        with self._lock:
            value = self._entries.get(full, _MISSING)
            if value is not _MISSING:
                self._entries.move_to_end(full)
                self.hits += 1
                return cast(T, value)  # stored by a ``build`` for this same key
            self.misses += 1
        built = build()
        with self._lock:
            value = self._entries.get(full, _MISSING)
            if value is not _MISSING:  # another thread stored it meanwhile
                return cast(T, value)
            for stale in [k for k in self._entries if k[0] == graph and k[1] != version]:
                del self._entries[stale]
            self._entries[full] = built
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return built

    def partnership_graph(
        self,
        db: Database,
        *,
        years: YearsArg = None,
        territories: str | Iterable[str] | None = None,
        kinds: str | Iterable[str] | None = None,
        include_archived: bool = False,
    ) -> nx.Graph:
        """:func:`~graph.analytics.projections.partnership_graph`, cached and frozen."""
        scope = Scope.of(
            years=years, territories=territories, kinds=kinds, include_archived=include_archived
        )
        return self.scoped(db, "partnership_graph", scope)

    def org_project_graph(
        self,
        db: Database,
        *,
        years: YearsArg = None,
        territories: str | Iterable[str] | None = None,
        kinds: str | Iterable[str] | None = None,
        include_archived: bool = False,
    ) -> nx.Graph:
        """:func:`~graph.analytics.projections.org_project_graph`, cached and frozen."""
        scope = Scope.of(
            years=years, territories=territories, kinds=kinds, include_archived=include_archived
        )
        return self.scoped(db, "org_project_graph", scope)

    def funding_graph(
        self,
        db: Database,
        *,
        years: YearsArg = None,
        territories: str | Iterable[str] | None = None,
        kinds: str | Iterable[str] | None = None,
        include_archived: bool = False,
    ) -> nx.DiGraph:
        """:func:`~graph.analytics.projections.funding_graph`, cached and frozen."""
        scope = Scope.of(
            years=years, territories=territories, kinds=kinds, include_archived=include_archived
        )
        return self.scoped(db, "funding_graph", scope)

    def scoped(self, db: Database, projection: str, scope: Scope) -> Any:
        """A projection by name (``partnership_graph``, ``org_project_graph``,
        ``funding_graph``) for an already validated :class:`Scope`."""
        build = _PROJECTIONS[projection]
        return self.get(db, (projection, scope), lambda: nx.freeze(build(db, scope)))


_PROJECTIONS: dict[str, Callable[[Database, Scope], Any]] = {
    "partnership_graph": scoped_partnership_graph,
    "org_project_graph": scoped_org_project_graph,
    "funding_graph": scoped_funding_graph,
}
