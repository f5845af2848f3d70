"""The read side of the schema: thin resolvers that parse arguments, call ``graph``, map results."""

from __future__ import annotations

import asyncio
from enum import Enum
from functools import partial
from typing import Annotated, TypeAlias

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api import lookahead
from api.context import Context
from api.discovery import DiscoveryQuery
from api.filters import OrganizationWhere, ProjectWhere, organization_filter, project_filter
from api.hub import HubQuery
from api.labels import LabelQuery
from api.loaders import CountKey
from api.permissions import IsAdmin
from api.references import NODE_TYPES, natural_key
from api.types.common import AccessLevel, Connection, FundingMechanism, OrganizationKind, connection
from api.types.discovery import AuditEvent, AuditEventConnection
from api.types.focus_area import FocusArea, all_focus_areas
from api.types.funding import Funder, funder_of
from api.types.organization import Organization, page_request
from api.types.project import Project
from api.types.scalars import Tenge
from api.types.territory import Akimat, Territory
from graph import audit, dashboards, edits, organizations, projects, search, territories
from graph.analytics.flagged import mentions_flags, resolve_flags
from graph.analytics.reports import activity_from
from graph.edits import groups
from graph.errors import InvalidInput
from graph.i18n import t
from graph.keyset import seek
from graph.names import is_exact
from graph.pagination import Page
from graph.rules import check_first

Info = strawberry.Info[Context, None]
REGION = strawberry.ID("550000000")
"""KATO code of Pavlodar region, the default root of dashboards."""
MAX_QUERY = 200
"""Characters in one search query."""

strawberry.enum(organizations.OrgSort, name="OrganizationSortField")
strawberry.enum(projects.ProjectSort, name="ProjectSortField")
strawberry.enum(dashboards.FundingGroup, name="FundingGroup")
OrganizationSortField: TypeAlias = organizations.OrgSort
ProjectSortField: TypeAlias = projects.ProjectSort
FundingGroup: TypeAlias = dashboards.FundingGroup


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input
class OrganizationOrder:
    field: OrganizationSortField = organizations.OrgSort.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class ProjectOrder:
    field: ProjectSortField = projects.ProjectSort.START_DATE
    direction: SortDirection = SortDirection.DESC


@strawberry.type(description="A search result: the organisation, its rank and the name matched.")
class SearchHit:
    organization: Organization
    score: float = strawberry.field(
        deprecation_reason="Use `relevance`: this is the raw Lucene score, unbounded."
    )
    relevance: float = strawberry.field(
        description="In [0, 1]: the score ÷ the best score of this search; 1 for an exact name."
    )
    matched_name: str = strawberry.field(description="The name or alias closest to the query.")


SearchNode = Annotated[
    Organization | Territory | Project,
    strawberry.union("SearchNode", description="What `searchAll` finds."),
]


@strawberry.type(
    description="A result of `searchAll`: an organisation, territory or project, its rank and "
    "the name (or former name, or title) matched."
)
class SearchResult:
    node: SearchNode
    relevance: float = strawberry.field(
        description="In [0, 1]: 1 for an exact name in any alphabet; otherwise how close the "
        "matched name is to the query."
    )
    matched_name: str = strawberry.field(
        description="The name, former name or title closest to the query."
    )


def _search_node(
    node: organizations.Organization | territories.Territory | projects.Project,
) -> Organization | Territory | Project:
    if isinstance(node, organizations.Organization):
        return Organization.from_domain(node)
    if isinstance(node, territories.Territory):
        return Territory.from_domain(node)
    return Project.from_domain(node)


def relevance(score: float, best: float, *, exact: bool) -> float:
    """A Lucene score on the [0, 1] scale every other score uses; an exact name is 1."""
    if exact or best <= 0:
        return 1.0
    return min(score / best, 1.0)


@strawberry.type
class KindCount:
    territory: str = strawberry.field(description="KATO code of the territory.")
    territory_name: str
    kind: OrganizationKind
    count: int


@strawberry.type(description="Organisations of one kind in one territory.")
class TerritoryKindCount:
    territory_kato: str = strawberry.field(description="KATO code of `territory`.")
    kind: OrganizationKind
    count: int

    @strawberry.field
    async def territory(self, info: Info) -> Territory:
        found = await info.context.loaders.territory.load(self.territory_kato)
        assert found is not None  # the count came from this territory
        return Territory.from_domain(found)


@strawberry.type(description="Money grouped by one of mechanism, year or funder (the others null).")
class FundingTotal:
    key: str = strawberry.field(
        description="The mechanism, year or funder (code or BIN).",
        deprecation_reason="Use `mechanism`, `year` or `funder`, the one set by `groupBy`.",
    )
    mechanism: FundingMechanism | None
    year: int | None
    amount_kzt: Tenge
    projects: int
    _funder: strawberry.Private[dashboards.FundingTotal | None]

    @strawberry.field(description="Set when grouped by funder.")
    async def funder(self, info: Info) -> Funder | None:
        f = self._funder
        if f is None or f.funder_kind is None:
            return None
        return await funder_of(info, kind=f.funder_kind, key=f.key, name=f.funder_name or f.key)


@strawberry.type
class FocusAreaCount:
    focus_area: FocusArea
    projects: int
    budget_kzt: Tenge


@strawberry.type(description="Aggregates for dashboards, computed in the database.")
class Dashboard:
    @strawberry.field(
        description="Organisations per kind in each territory directly under `territory`.",
        deprecation_reason="Use `kindCounts`: the territory as an object, taken by ID or KATO.",
    )
    async def organizations_by_kind(
        self, info: Info, territory: str = "550000000"
    ) -> list[KindCount]:
        rows = await info.context.run(
            dashboards.organizations_by_kind, info.context.db, root=territory
        )
        return [
            KindCount(
                territory=r.territory_kato,
                territory_name=r.territory_name,
                kind=OrganizationKind(r.kind),
                count=r.count,
            )
            for r in rows
        ]

    @strawberry.field(
        description="Organisations per kind in each territory directly under `territory` (a "
        "Territory ID or KATO code; the region by default). Unknown territory: empty."
    )
    async def kind_counts(
        self, info: Info, territory: strawberry.ID = REGION
    ) -> list[TerritoryKindCount]:
        rows = await info.context.run(
            dashboards.organizations_by_kind,
            info.context.db,
            root=natural_key(territory, "Territory", field="territory"),
        )
        return [
            TerritoryKindCount(
                territory_kato=r.territory_kato, kind=OrganizationKind(r.kind), count=r.count
            )
            for r in rows
        ]

    @strawberry.field(description="Whole tenge by mechanism, year or funder.")
    async def funding_totals(
        self,
        info: Info,
        group_by: FundingGroup,
        territory: str | None = None,
        first_year: int | None = None,
        last_year: int | None = None,
    ) -> list[FundingTotal]:
        rows = await info.context.run(
            dashboards.funding_totals,
            info.context.db,
            group_by=dashboards.FundingGroup(group_by),
            territory=territory,
            first_year=first_year,
            last_year=last_year,
        )
        group = dashboards.FundingGroup(group_by)
        return [
            FundingTotal(
                key=r.key,
                mechanism=FundingMechanism(r.key) if group is FundingGroup.MECHANISM else None,
                year=int(r.key) if group is FundingGroup.YEAR else None,
                amount_kzt=Tenge(r.amount_kzt),
                projects=r.projects,
                _funder=r if group is FundingGroup.FUNDER else None,
            )
            for r in rows
        ]

    @strawberry.field
    async def projects_by_focus_area(
        self, info: Info, territory: str | None = None, year: int | None = None
    ) -> list[FocusAreaCount]:
        rows = await info.context.run(
            dashboards.projects_by_focus_area, info.context.db, territory=territory, year=year
        )
        return [
            FocusAreaCount(
                focus_area=FocusArea.of(r.code), projects=r.projects, budget_kzt=Tenge(r.budget_kzt)
            )
            for r in rows
        ]


@strawberry.type(description="A change a coordinator made: who, when, before → after.")
class AuditEntry:
    id: str
    at: str
    actor: str
    action: str
    target: str
    before: JSON | None
    after: JSON | None


@strawberry.type
class Viewer:
    authenticated: bool
    name: str | None
    role: str | None = strawberry.field(
        deprecation_reason="Use `accessLevel`: the role as an enum."
    )
    access_level: AccessLevel | None = strawberry.field(description="Null without a token.")
    _territory: strawberry.Private[str | None] = None

    @strawberry.field(
        description="The territory this token's writes are limited to (it and everything under "
        "it); null for region-wide tokens and without a token."
    )
    async def territory(self, info: Info) -> Territory | None:
        if self._territory is None:
            return None
        found = await info.context.loaders.territory.load(self._territory)
        return Territory.from_domain(found) if found else None


def _too_long(query: str) -> InvalidInput:
    return InvalidInput(
        t("a search query is at most {maximum} characters", maximum=MAX_QUERY), field="query"
    )


async def _node(info: Info, id: relay.GlobalID) -> relay.Node | None:
    """Resolve through the type's loader; an ID of a type we do not have is an input error."""
    try:
        kind = id.resolve_type(info)
    except (KeyError, ValueError, AssertionError):
        raise InvalidInput(t("{id} is not an ID of this API", id=id), field="id") from None
    found = await kind.resolve_nodes(info=info, node_ids=[id.node_id], required=False)  # type: ignore[misc]
    return next(iter(found), None)


@strawberry.type
class Query(DiscoveryQuery, LabelQuery, HubQuery):
    @strawberry.field(description="Any object by its global ID.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await _node(info, id)

    @strawberry.field(description="Objects by their global IDs (null where none exists).")
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        maximum = info.context.settings.max_page_size
        if len(ids) > maximum:
            raise InvalidInput(t("at most {maximum} ids at once", maximum=maximum), field="ids")
        return list(await asyncio.gather(*(_node(info, i) for i in ids)))

    @strawberry.field(
        description="An organisation by BIN, or an initiative group by key (IG-…); a BIN merged "
        "into another organisation (`mergeOrganizations`) gives the one it was merged into, a "
        "registered group's key the organisation it became."
    )
    async def organization(self, info: Info, bin: str) -> Organization | None:
        plan = lookahead.plan(info.context, lookahead.below(info.selected_fields))
        then = plan.subqueries
        if then is None and not plan.brief:
            found = await info.context.loaders.organization.load(bin)
        else:  # what the selection asks of it next, in the same query (api/lookahead.py)
            read = await info.context.run(
                organizations.by_bins_with, info.context.db, [bin], brief=plan.brief, then=then
            )
            found, row = read.get(bin, (None, {}))
            if found is not None:
                plan.prime(info.context, bin, row)
        if found is None:
            found = await info.context.run(edits.merged_into, info.context.db, bin)
        if found is None and groups.is_group_key(bin):
            found = await info.context.run(groups.registered_as, info.context.db, bin)
        return Organization.from_domain(found) if found else None

    @strawberry.field(description="Organisations, filtered and ordered, one keyset page at a time.")
    async def organizations(
        self,
        info: Info,
        where: OrganizationWhere | None = None,
        order_by: OrganizationOrder | None = None,
        include_archived: bool = False,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Organization]:
        request = page_request(info, first, after, last, before)
        db = info.context.db
        condition = organization_filter(where)
        if mentions_flags(condition):
            condition = await info.context.run(
                resolve_flags, db, condition, cache=info.context.analytics
            )
        order = order_by or OrganizationOrder()
        descending = order.direction is SortDirection.DESC
        sort = organizations.OrgSort(order.field)
        selected = lookahead.below(info.selected_fields)
        if "edges" not in selected and "pageInfo" not in selected:
            # counts alone (one alias per kind): no page to read; filter and cursors still checked
            organizations.condition(condition, include_archived)
            if sort is not organizations.OrgSort.ACTIVITY:
                seek(organizations.ordering(sort, descending), "o.bin", request)
            page: Page[organizations.Organization] = Page([], False, False)
        elif sort is organizations.OrgSort.ACTIVITY:
            computed = await info.context.run(info.context.refresher.indicators)
            scores = activity_from(computed.value)  # as last computed: no wait after writes
            page = await info.context.run(
                organizations.page_by_score, db, request, scores, where=condition,
                descending=descending, include_archived=include_archived,
            )  # fmt: skip
        else:  # the page and what its selection asks next, in one query (api/lookahead.py)
            plan = lookahead.plan(info.context, lookahead.nodes_of(info.selected_fields))
            page, rows = await info.context.run(
                organizations.page_with, db, request, where=condition, sort=sort,
                descending=descending, include_archived=include_archived, brief=plan.brief,
                then=plan.subqueries,
            )  # fmt: skip
            if rows:
                for _, org in page.items:
                    plan.prime(info.context, org.bin, rows[org.bin])

        count = partial(
            info.context.loaders.organization_count.load, CountKey(condition, include_archived)
        )
        return connection(page, Organization.from_domain, count)

    @strawberry.field(
        description="Full-text search over names and aliases in Russian and Kazakh; Latin "
        "transliteration and small typos also match. Ranked; the matched name is shown. "
        "At most 100 (`first`)."
    )
    async def search(self, info: Info, query: str, first: int = 10) -> list[SearchHit]:
        check_first(first, maximum=info.context.settings.max_page_size)
        if len(query) > MAX_QUERY:
            raise _too_long(query)
        hits = await info.context.run(organizations.search, info.context.db, query, first=first)
        best = max((h.score for h in hits), default=0.0)
        return [
            SearchHit(
                organization=Organization.from_domain(h.organization),
                score=h.score,
                relevance=relevance(h.score, best, exact=is_exact(query, h.matched_name)),
                matched_name=h.matched_name,
            )
            for h in hits
        ]

    @strawberry.field(
        description="Search over organisations, territories (former names too) and projects "
        "(titles), typed in Cyrillic, the 2021 Kazakh Latin alphabet or Russian-style Latin, "
        "with small typos and Russian or Kazakh word endings. An exact name first. At most 100 "
        "(`first`)."
    )
    async def search_all(self, info: Info, query: str, first: int = 10) -> list[SearchResult]:
        check_first(first, maximum=info.context.settings.max_page_size)
        if len(query) > MAX_QUERY:
            raise _too_long(query)
        found = await info.context.run(search.search_all, info.context.db, query, first=first)
        return [
            SearchResult(
                node=_search_node(f.node),
                relevance=1.0 if f.exact else min(round(f.closeness / 100, 4), 0.99),
                matched_name=f.matched_name,
            )
            for f in found
        ]

    @strawberry.field
    async def project(self, info: Info, code: str) -> Project | None:
        found = await info.context.loaders.project.load(code)
        return Project.from_domain(found) if found else None

    @strawberry.field
    async def projects(
        self,
        info: Info,
        where: ProjectWhere | None = None,
        order_by: ProjectOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Project]:
        request = page_request(info, first, after, last, before)
        condition = project_filter(where)
        order = order_by or ProjectOrder()
        db = info.context.db
        page = await info.context.run(
            projects.page,
            db,
            request,
            where=condition,
            sort=projects.ProjectSort(order.field),
            descending=order.direction is SortDirection.DESC,
        )

        async def count() -> int:
            return await info.context.run(projects.count, db, where=condition)

        return connection(page, Project.from_domain, count)

    @strawberry.field(description="A territory by KATO code.")
    async def territory(self, info: Info, kato: str) -> Territory | None:
        found = await info.context.loaders.territory.load(kato)
        return Territory.from_domain(found) if found else None

    @strawberry.field(description="The top of the territory tree (the region).")
    async def regions(self, info: Info) -> list[Territory]:
        found = await info.context.run(territories.roots, info.context.db)
        return [Territory.from_domain(t) for t in found]

    @strawberry.field
    async def akimat(self, info: Info, code: str) -> Akimat | None:
        found = await info.context.loaders.akimat.load(code)
        return Akimat.from_domain(found) if found else None

    @strawberry.field
    async def akimats(self, info: Info) -> list[Akimat]:
        found = await info.context.run(territories.all_akimats, info.context.db)
        return [Akimat.from_domain(a) for a in found]

    @strawberry.field(description="The fixed taxonomy of social problems.")
    def focus_areas(self) -> list[FocusArea]:
        return all_focus_areas()

    @strawberry.field
    def dashboard(self) -> Dashboard:
        return Dashboard()

    @strawberry.field(description="Who the API thinks you are.")
    def viewer(self, info: Info) -> Viewer:
        token = info.context.viewer.token
        return Viewer(
            authenticated=token is not None,
            name=token.name if token else None,
            role=token.role.value if token else None,
            access_level=token.role if token else None,
            _territory=token.territory if token else None,
        )

    @strawberry.field(
        description="Changes, newest first (admins).",
        permission_classes=[IsAdmin],
        deprecation_reason="Use `auditEntries`: a connection with DateTime `at`, null alone "
        "without an admin token.",
    )
    async def audit_log(
        self, info: Info, target: str | None = None, first: int = 50
    ) -> list[AuditEntry]:
        check_first(first, maximum=info.context.settings.max_page_size)
        found = await info.context.run(audit.audit_log, info.context.db, target=target, limit=first)
        return [
            AuditEntry(
                id=r.id,
                at=r.at.isoformat(),
                actor=r.actor,
                action=r.action,
                target=r.target,
                before=JSON(r.before) if r.before is not None else None,
                after=JSON(r.after) if r.after is not None else None,
            )
            for r in found
        ]

    @strawberry.field(
        description="Changes, newest first, one keyset page at a time (admins). `target`: the "
        "changed object's ID or its key (BIN, project code, or a BIN pair `a-b`); an "
        "organisation's changes include those of the BINs merged into it.",
        permission_classes=[IsAdmin],
    )
    async def audit_entries(
        self,
        info: Info,
        target: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> AuditEventConnection | None:
        request = page_request(info, first, after, last, before)
        key = _audit_target(target)
        db = info.context.db
        page = await info.context.run(audit.audit_page, db, request, target=key)

        async def count() -> int:
            return await info.context.run(audit.audit_count, db, target=key)

        return connection(page, AuditEvent.from_domain, count)


def _audit_target(target: str | None) -> str | None:
    """The audit log names targets by key; a global ID stands for its key."""
    return None if target is None else natural_key(target, *NODE_TYPES, field="target")
