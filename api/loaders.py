"""Per-request loaders: the keys sibling resolvers ask for together are one Cypher query.

Each loader is Strawberry's ``DataLoader``, which sends its batch on the event loop's next tick.
graphql-core starts the resolvers of every item of a list in one ``gather``, so all items of a page
ask before that tick comes: a nested field costs one query per position in the selection, whatever
the page size. ``graph/`` is synchronous; ``in_thread`` is the one place the API crosses into it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from api.compiled import NotReady
from graph import (
    funding,
    organizations,
    people,
    projects,
    relations,
    results,
    supports,
    territories,
)
from graph.analytics.cache import ProjectionCache
from graph.analytics.flagged import flags_by_bin
from graph.analytics.indicators import Flag
from graph.db import Database
from graph.filters import Filter
from graph.hub import handovers, needs, offers, services, volunteers
from graph.pagination import Page, PageRequest

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")
Params = tuple[tuple[str, Any], ...]


async def in_thread(fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a synchronous graph call in a worker thread, keeping the event loop free."""
    return await run_in_threadpool(fn, *args, **kwargs)


def _found(fetch: Callable[[list[K]], Mapping[K, V]]) -> DataLoader[K, V | None]:
    """A loader for lookups by key: ``None`` where nothing has that key."""

    async def load(keys: list[K]) -> list[V | None]:
        found = await in_thread(fetch, keys)
        return [found.get(key) for key in keys]

    return DataLoader(load)


def _answered(fetch: Callable[[list[K]], Mapping[K, V]]) -> DataLoader[K, V]:
    """A loader for fetches that answer every key (pages, counts, profiles)."""

    async def load(keys: list[K]) -> list[V | BaseException]:
        found = await in_thread(fetch, keys)
        missing = LookupError  # a fetch that skips a key is a bug: that resolver errs, not all
        return [found[key] if key in found else missing(f"no value for {key!r}") for key in keys]

    return DataLoader(load)


def held(loader: DataLoader[K, V], key: K) -> V:
    """What ``loader`` already holds for ``key`` (primed, or loaded earlier in the request);
    :class:`~api.compiled.NotReady` when it would have to load it."""
    future = loader.cache_map.get(key) if loader.cache else None
    if future is None or not future.done() or future.cancelled() or future.exception():
        raise NotReady(key)
    return future.result()


@dataclass(frozen=True, slots=True)
class PageKey:
    """A parent and the page asked of its relation; equal requests share one query."""

    parent: str
    request: PageRequest
    params: Params = ()


class RelationLoader(Generic[T]):
    """Pages and counts of one relation for many parents, one query per distinct request."""

    def __init__(self, db: Database, relation: relations.Relation[T]) -> None:
        self._db = db
        self._relation = relation
        self.pages: DataLoader[PageKey, Page[T]] = _answered(self._pages)
        self.counts: DataLoader[tuple[str, Params], int] = _answered(self._counts)

    async def page(
        self, parent: str, request: PageRequest, params: Params = ()
    ) -> tuple[Page[T], Callable[[], Awaitable[int]]]:
        """The parent's page, and a count to run only if ``totalCount`` is selected."""
        page = await self.pages.load(PageKey(parent, request, params))
        return page, partial(self.counts.load, (parent, params))

    def held(
        self, parent: str, request: PageRequest, params: Params = ()
    ) -> tuple[Page[T], Callable[[], Awaitable[int]]]:
        """:meth:`page`, from what the request already holds (or :class:`NotReady`)."""
        page = held(self.pages, PageKey(parent, request, params))
        return page, partial(self.counts.load, (parent, params))

    def _pages(self, keys: list[PageKey]) -> dict[PageKey, Page[T]]:
        groups: dict[tuple[PageRequest, Params], list[str]] = defaultdict(list)
        for key in keys:
            groups[(key.request, key.params)].append(key.parent)
        found: dict[PageKey, Page[T]] = {}
        for (request, params), parents in groups.items():
            pages = relations.pages(self._db, self._relation, parents, request, **dict(params))
            found.update({PageKey(p, request, params): page for p, page in pages.items()})
        return found

    def _counts(self, keys: list[tuple[str, Params]]) -> dict[tuple[str, Params], int]:
        groups: dict[Params, list[str]] = defaultdict(list)
        for parent, params in keys:
            groups[params].append(parent)
        found: dict[tuple[str, Params], int] = {}
        for params, parents in groups.items():
            counts = relations.counts(self._db, self._relation, parents, **dict(params))
            found.update({(p, params): n for p, n in counts.items()})
        return found


@dataclass(frozen=True, slots=True, eq=False)
class CountKey:
    """One ``organizations`` field's filter, to count with the others of its request."""

    where: Filter | None
    include_archived: bool


class Loaders:
    """Created fresh for every request (in ``get_context``), so no cache outlives its caller."""

    def __init__(self, db: Database, analytics: ProjectionCache | None = None) -> None:
        def relation(r: relations.Relation[T]) -> RelationLoader[T]:
            return RelationLoader(db, r)

        def flags(bins: list[str]) -> dict[str, tuple[Flag, ...]]:
            found = flags_by_bin(db, cache=analytics)
            return {b: found.get(b, ()) for b in bins}

        self.organization = _found(partial(organizations.by_bins, db))

        async def count_organizations(keys: list[CountKey]) -> list[int]:
            selections = [(k.where, k.include_archived) for k in keys]
            return await in_thread(organizations.counts, db, selections)

        self.organization_count = DataLoader(count_organizations)
        """``totalCount`` of every ``organizations`` alias of a request, in one query."""
        self.project = _found(partial(projects.by_codes, db))
        self.territory = _found(partial(territories.by_katos, db))
        self.akimat = _found(partial(territories.akimats_by_codes, db))
        self.person = _found(partial(people.by_ids, db))
        self.akimats_governing = _answered(partial(territories.akimats_governing, db))
        self.funding_profile = _answered(partial(funding.profiles, db))
        self.flags = _answered(flags)
        """An organisation's flags, from the process-wide analytics cache (one look-up a page)."""
        self.organization_projects = relation(relations.ORGANIZATION_PROJECTS)
        self.organization_partners = relation(relations.ORGANIZATION_PARTNERS)
        self.organization_fundings = relation(relations.ORGANIZATION_FUNDINGS)
        self.organization_people = relation(relations.ORGANIZATION_PEOPLE)
        self.project_participants = relation(relations.PROJECT_PARTICIPANTS)
        self.project_fundings = relation(relations.PROJECT_FUNDINGS)
        self.project_indicators = relation(results.PROJECT_INDICATORS)
        self.territory_children = relation(relations.TERRITORY_CHILDREN)
        self.territory_organizations = relation(relations.TERRITORY_ORGANIZATIONS)
        self.akimat_supported = relation(relations.AKIMAT_SUPPORTED)
        self.support = _found(partial(supports.by_keys, db))
        self.organization_supports = relation(supports.ORGANIZATION_SUPPORTS)
        self.akimat_supports = relation(supports.AKIMAT_SUPPORTS)
        self.volunteer = _found(partial(volunteers.by_ids, db))
        self.organization_volunteers = relation(volunteers.ORGANIZATION_VOLUNTEERS)
        self.service = _found(partial(services.by_codes, db))
        self.organization_services_received = relation(services.ORGANIZATION_SERVICES_RECEIVED)
        self.organization_services_provided = relation(services.ORGANIZATION_SERVICES_PROVIDED)
        self.offer = _found(partial(offers.by_codes, db))
        self.need = _found(partial(needs.by_codes, db))
        self.handover = _found(partial(handovers.by_keys, db))
        self.citizen_giver = _found(partial(offers.citizen_givers, db))
        """Personal data: only the steward-guarded fields of ``CitizenGiver`` load it."""
        self.in_kind = _answered(partial(handovers.in_kind_totals, db))
        self.organization_needs = relation(needs.ORGANIZATION_NEEDS)
        self.organization_offers = relation(offers.ORGANIZATION_OFFERS)
        self.organization_handovers = relation(handovers.ORGANIZATION_HANDOVERS)
