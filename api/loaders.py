"""Per-request loaders: every key asked for at one level of a selection is one Cypher query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from api.batching import Batcher, Loader
from graph import funding, organizations, people, projects, relations, territories
from graph.db import Database
from graph.pagination import Page, PageRequest

T = TypeVar("T")
Params = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class PageKey:
    """A parent and the page asked of its relation; equal requests share one query."""

    parent: str
    request: PageRequest
    params: Params = ()


class RelationLoader(Generic[T]):
    """Pages and counts of one relation for many parents, one query per distinct request."""

    def __init__(self, db: Database, batcher: Batcher, relation: relations.Relation[T]) -> None:
        self._db = db
        self._relation = relation
        self.pages: Loader[PageKey, Page[T]] = Loader(batcher, self._pages)
        self.counts: Loader[tuple[str, Params], int] = Loader(batcher, self._counts)

    async def page(
        self, parent: str, request: PageRequest, params: Params = ()
    ) -> tuple[Page[T], Callable[[], Awaitable[int]]]:
        """The parent's page, and a count to run only if ``totalCount`` is selected."""
        page = await self.pages.one(PageKey(parent, request, params))
        return page, partial(self.counts.one, (parent, params))

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


class Loaders:
    """Created fresh for every request, so nothing cached leaks between callers."""

    def __init__(self, db: Database, batcher: Batcher) -> None:
        def by_key(fetch: Callable[[Database, list[Any]], dict[Any, T]]) -> Loader[Any, T]:
            return Loader(batcher, partial(fetch, db))

        def relation(r: relations.Relation[T]) -> RelationLoader[T]:
            return RelationLoader(db, batcher, r)

        self.organization = by_key(organizations.by_bins)
        self.project = by_key(projects.by_codes)
        self.territory = by_key(territories.by_katos)
        self.akimat = by_key(territories.akimats_by_codes)
        self.akimats_governing = by_key(territories.akimats_governing)
        self.funding_profile = by_key(funding.profiles)
        self.person = by_key(people.by_ids)
        self.organization_projects = relation(relations.ORGANIZATION_PROJECTS)
        self.organization_partners = relation(relations.ORGANIZATION_PARTNERS)
        self.organization_fundings = relation(relations.ORGANIZATION_FUNDINGS)
        self.organization_people = relation(relations.ORGANIZATION_PEOPLE)
        self.project_participants = relation(relations.PROJECT_PARTICIPANTS)
        self.project_fundings = relation(relations.PROJECT_FUNDINGS)
        self.territory_children = relation(relations.TERRITORY_CHILDREN)
        self.territory_organizations = relation(relations.TERRITORY_ORGANIZATIONS)
        self.akimat_supported = relation(relations.AKIMAT_SUPPORTED)
