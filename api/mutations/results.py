"""Setting and removing a project's result indicators (Relay style: one ``input``, a payload)."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.relay import GlobalID

from api.mutations.common import COORDINATOR, Info
from api.references import natural_key
from api.types.project import Project
from api.types.results import ProjectIndicator
from graph import edits
from graph.errors import NotFound
from graph.i18n import t
from graph.results import indicator_key

__all__ = ["ResultMutation"]

_PROJECT = "Its ID or code."


@strawberry.input(
    description="An indicator of a project for one reporting period, as it should be: it is "
    "created, or replaced whole (a null field clears it). Project, code and period identify it."
)
class SetProjectIndicatorInput:
    project: strawberry.ID = strawberry.field(description=_PROJECT)
    code: str = strawberry.field(description="The indicator's code in the project, e.g. 'reach'.")
    period_start: dt.date
    period_end: dt.date
    title: str
    unit: str | None = None
    baseline: float | None = None
    target: float | None = strawberry.field(default=None, description="Must differ from baseline.")
    actual: float | None = None


@strawberry.input(description="The indicator to remove: project, code and period.")
class RemoveProjectIndicatorInput:
    project: strawberry.ID = strawberry.field(description=_PROJECT)
    code: str
    period_start: dt.date
    period_end: dt.date


@strawberry.type
class SetProjectIndicatorPayload:
    indicator: ProjectIndicator
    created: bool = strawberry.field(description="True when the indicator is new.")
    project: Project


@strawberry.type
class RemoveProjectIndicatorPayload:
    removed_indicator_id: strawberry.ID | None = strawberry.field(
        description="The ID of the indicator removed; null when there was none."
    )
    project: Project


async def _project(info: Info, code: str) -> Project:
    found = await info.context.loaders.project.load(code)
    if found is None:
        raise NotFound(t("no project with code {code}", code=code))
    return Project.from_domain(found)


@strawberry.type
class ResultMutation:
    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Create or replace a project's result indicator for one reporting period; "
        "the analytics judge results by it (actual against target).",
    )
    async def set_project_indicator(
        self, info: Info, input: SetProjectIndicatorInput
    ) -> SetProjectIndicatorPayload | None:
        code = natural_key(input.project, "Project", field="project")
        found = await info.context.run(
            edits.set_indicator,
            info.context.db,
            code,
            input.code,
            input.period_start,
            input.period_end,
            edits.IndicatorFields(
                title=input.title,
                unit=input.unit,
                baseline=input.baseline,
                target=input.target,
                actual=input.actual,
            ),
            actor=info.context.viewer.actor,
        )
        return SetProjectIndicatorPayload(
            indicator=ProjectIndicator.from_domain(found.indicator),
            created=found.created,
            project=await _project(info, code),
        )

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Remove a project's result indicator for one reporting period (when there "
        "is none, a no-op).",
    )
    async def remove_project_indicator(
        self, info: Info, input: RemoveProjectIndicatorInput
    ) -> RemoveProjectIndicatorPayload | None:
        code = natural_key(input.project, "Project", field="project")
        removed = await info.context.run(
            edits.remove_indicator,
            info.context.db,
            code,
            input.code,
            input.period_start,
            input.period_end,
            actor=info.context.viewer.actor,
        )
        key = indicator_key(code, input.code, input.period_start, input.period_end)
        return RemoveProjectIndicatorPayload(
            removed_indicator_id=None
            if removed is None
            else strawberry.ID(str(GlobalID("ProjectIndicator", key))),
            project=await _project(info, code),
        )
