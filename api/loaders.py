"""Per-request DataLoaders: every key asked for in one tick of the event loop is one Cypher query.

``graph`` is synchronous (notebooks and the CLI use it too); loaders run it in worker threads so the
event loop keeps serving other requests while Neo4j answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from graph import funding, organizations, people, projects, relations, territories
from graph.db import Database
from graph.pagination import Page, PageRequest

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")
Params = tuple[tuple[str, Any], ...]


def _by_key(
    db: Database, fetch: Callable[[Database, list[Any]], dict[Any, V]]
) -> DataLoader[Any, V | None]:
    async def load(keys: Sequence[Any]) -> list[V | None]:
        found = await run_in_threadpool(fetch, db, list(keys))
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True, slots=True)
class PageKey:
    """A parent and the page asked of its relation; equal requests share one query."""

    parent: str
    request: PageRequest
    params: tuple[tuple[str, Any], ...] = ()


class RelationLoader(Generic[T]):
    """Pages and counts of one relation for many parents, batched per distinct request."""

    def __init__(self, db: Database, relation: relations.Relation[T]) -> None:
        self._db = db
        self._relation = relation
        self.pages: DataLoader[PageKey, Page[T]] = DataLoader(load_fn=self._load_pages)
        self.counts: DataLoader[tuple[str, tuple[tuple[str, Any], ...]], int] = DataLoader(
            load_fn=self._load_counts
        )

    async def _load_pages(self, keys: Sequence[PageKey]) -> list[Page[T]]:
        groups: dict[tuple[PageRequest, tuple[tuple[str, Any], ...]], list[str]] = defaultdict(list)
        for key in keys:
            groups[(key.request, key.params)].append(key.parent)
        results: dict[PageKey, Page[T]] = {}
        for (request, params), parents in groups.items():
            found = await run_in_threadpool(
                relations.pages, self._db, self._relation, parents, request, **dict(params)
            )
            for parent, page in found.items():
                results[PageKey(parent, request, params)] = page
        return [results[k] for k in keys]

    async def _load_counts(
        self, keys: Sequence[tuple[str, tuple[tuple[str, Any], ...]]]
    ) -> list[int]:
        groups: dict[tuple[tuple[str, Any], ...], list[str]] = defaultdict(list)
        for parent, params in keys:
            groups[params].append(parent)
        results: dict[tuple[str, Params], int] = {}
        for params, parents in groups.items():
            found = await run_in_threadpool(
                relations.counts, self._db, self._relation, parents, **dict(params)
            )
            results.update({(p, params): n for p, n in found.items()})
        return [results[k] for k in keys]


class Loaders:
    """Created fresh for every request, so nothing cached leaks between callers."""

    def __init__(self, db: Database) -> None:
        self.organization = _by_key(db, organizations.by_bins)
        self.project = _by_key(db, projects.by_codes)
        self.territory = _by_key(db, territories.by_katos)
        self.akimat = _by_key(db, territories.akimats_by_codes)
        self.funding_profile = _by_key(db, funding.profiles)
        self.person = _by_key(db, people.by_ids)
        self.akimats_governing = DataLoader(load_fn=self._governing(db))
        self.organization_projects = RelationLoader(db, relations.ORGANIZATION_PROJECTS)
        self.organization_partners = RelationLoader(db, relations.ORGANIZATION_PARTNERS)
        self.organization_fundings = RelationLoader(db, relations.ORGANIZATION_FUNDINGS)
        self.organization_people = RelationLoader(db, relations.ORGANIZATION_PEOPLE)
        self.project_participants = RelationLoader(db, relations.PROJECT_PARTICIPANTS)
        self.project_fundings = RelationLoader(db, relations.PROJECT_FUNDINGS)
        self.territory_children = RelationLoader(db, relations.TERRITORY_CHILDREN)
        self.territory_organizations = RelationLoader(db, relations.TERRITORY_ORGANIZATIONS)
        self.akimat_supported = RelationLoader(db, relations.AKIMAT_SUPPORTED)

    @staticmethod
    def _governing(db: Database) -> Callable[[Sequence[str]], Any]:
        async def load(katos: Sequence[str]) -> list[list[territories.Akimat]]:
            found = await run_in_threadpool(territories.akimats_governing, db, list(katos))
            return [found[k] for k in katos]

        return load
