from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.context import Context
from api.types.common import (
    Connection,
    Counted,
    PageInfo,
    ParticipationRole,
    ProjectStatus,
    connection,
)
from api.types.focus_area import FocusArea
from api.types.organization import Organization, page_request
from api.types.scalars import Tenge
from api.types.source import SOURCED, SOURCES, Source, source_fields
from graph import projects
from graph.i18n import current_language
from graph.names import display_name

if TYPE_CHECKING:
    from api.types.discovery import SuggestionConnection
    from api.types.funding import Funding
    from api.types.results import ProjectIndicator
    from api.types.territory import Territory

Info = strawberry.Info[Context, None]
TerritoryRef = Annotated["Territory", strawberry.lazy("api.types.territory")]
FundingRef = Annotated["Funding", strawberry.lazy("api.types.funding")]
IndicatorRef = Annotated["ProjectIndicator", strawberry.lazy("api.types.results")]
SuggestionsRef = Annotated["SuggestionConnection", strawberry.lazy("api.types.discovery")]


@strawberry.type
class ParticipantEdge:
    cursor: str
    node: Organization
    role: ParticipationRole
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)


@strawberry.type
class ParticipantConnection(Counted):
    edges: list[ParticipantEdge]


@strawberry.type(description="Reach against target for a project.")
class ProjectResults:
    beneficiaries_target: int | None
    beneficiaries_reached: int | None

    @strawberry.field(description="Reached ÷ targeted; null without a target.")
    def reach_ratio(self) -> float | None:
        if not self.beneficiaries_target or self.beneficiaries_reached is None:
            return None
        return self.beneficiaries_reached / self.beneficiaries_target


@strawberry.type(description="A social project: who runs it, who pays, whom it serves.")
class Project(relay.Node):
    key: relay.NodeID[str]
    code: str
    title: str = strawberry.field(description="Title as recorded (Russian or Kazakh).")
    title_ru: str | None = strawberry.field(description="Russian title.")
    title_kk: str | None = strawberry.field(description="Kazakh title.")
    start_date: dt.date
    end_date: dt.date | None
    status: ProjectStatus
    budget_kzt: Tenge | None
    results: ProjectResults
    _kato: strawberry.Private[str | None]
    _focus: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, project: projects.Project) -> Project:
        return cls(
            key=project.code,
            code=project.code,
            title=project.title,
            title_ru=project.title_ru,
            title_kk=project.title_kk,
            start_date=project.start_date,
            end_date=project.end_date,
            status=ProjectStatus(project.status),
            budget_kzt=None if project.budget_kzt is None else Tenge(project.budget_kzt),
            results=ProjectResults(
                beneficiaries_target=project.beneficiaries_target,
                beneficiaries_reached=project.beneficiaries_reached,
            ),
            _kato=project.kato,
            _focus=project.focus_areas,
        )

    @strawberry.field(
        description="The title in the reader's language (`Accept-Language`): Kazakh → "
        "`titleKk`, Russian → `titleRu`, falling back to `title` as recorded; English → `title`."
    )
    def display_title(self) -> str:
        return display_name(current_language(), self.title, self.title_ru, self.title_kk)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Project | None]:
        found = await info.context.loaders.project.load_many(list(node_ids))
        return [cls.from_domain(p) if p else None for p in found]

    @strawberry.field
    def focus_areas(self) -> list[FocusArea]:
        return [FocusArea.of(code) for code in self._focus]

    @strawberry.field(description="Where the project's beneficiaries live (may differ from the "
                      "organisations' own territory).")  # fmt: skip
    async def beneficiary_territory(self, info: Info) -> TerritoryRef | None:
        from api.types.territory import Territory

        if self._kato is None:
            return None
        found = await info.context.loaders.territory.load(self._kato)
        return Territory.from_domain(found) if found else None

    @strawberry.field(description="Organisations taking part, with their IATI role on the edge.")
    async def participants(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ParticipantConnection:
        page, count = await info.context.loaders.project_participants.page(
            self.code, page_request(info, first, after, last, before)
        )
        return ParticipantConnection(
            page_info=PageInfo.of(page),
            _count=count,
            edges=[
                ParticipantEdge(
                    cursor=c,
                    node=Organization.from_domain(p.organization),
                    role=ParticipationRole(p.role),
                    **source_fields(p.sources),
                )
                for c, p in page.items
            ],
        )

    @strawberry.field(description="Who pays, how much, by which mechanism, newest year first.")
    async def fundings(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[FundingRef]:
        from api.types.funding import Funding

        page, count = await info.context.loaders.project_fundings.page(
            self.code, page_request(info, first, after, last, before)
        )
        return connection(page, Funding.from_domain, count)

    @strawberry.field(
        description="Its result indicators (IATI style), by code, then reporting period."
    )
    async def indicators(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[IndicatorRef]:
        from api.types.results import ProjectIndicator

        page, count = await info.context.loaders.project_indicators.page(
            self.code, page_request(info, first, after, last, before)
        )
        return connection(page, ProjectIndicator.from_domain, count)

    @strawberry.field(description="Organisations to invite to it, best first (score in [0, 1]).")
    async def partner_suggestions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> SuggestionsRef | None:
        from api.discovery import project_suggestions

        return await project_suggestions(info, self.code, first, after)
