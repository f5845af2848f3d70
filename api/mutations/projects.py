"""Adding and editing projects and who takes part in them (one ``input``, a payload)."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.mutations.common import COORDINATOR, FocusAreaCode, Info, codes
from api.references import natural_key
from api.types.common import ParticipationRole, ProjectStatus
from api.types.organization import Organization
from api.types.project import Project
from api.types.scalars import Tenge
from api.types.source import SOURCES_INPUT, SourceInput, to_domain
from graph import edits
from graph.errors import NotFound
from graph.i18n import t

__all__ = ["ProjectMutation"]

_TERRITORY = "Where the beneficiaries live: the territory's ID or KATO code."
_TITLE_RU = 'Russian title, kept apart from `title` ("" removes it).'
_TITLE_KK = 'Kazakh title, kept apart from `title` ("" removes it).'


def _kato(territory: str | None) -> str | None:
    if territory is None:
        return None
    return natural_key(territory, "Territory", field="beneficiary_territory")


@strawberry.input(description="A new project; what it must have is non-null.")
class AddProjectInput:
    code: str
    title: str
    focus_areas: list[FocusAreaCode] = strawberry.field(description="At least one.")
    start_date: dt.date
    beneficiary_territory: strawberry.ID = strawberry.field(description=_TERRITORY)
    end_date: dt.date | None = None
    budget_kzt: Tenge | None = None
    beneficiaries_target: int | None = None
    beneficiaries_reached: int | None = None
    status: ProjectStatus | None = strawberry.field(
        default=None, description="By default from the dates."
    )
    title_ru: str | None = strawberry.field(default=None, description=_TITLE_RU)
    title_kk: str | None = strawberry.field(default=None, description=_TITLE_KK)

    def fields(self) -> edits.ProjectFields:
        return edits.ProjectFields(
            title=self.title,
            focus_areas=codes(self.focus_areas),
            kato=_kato(self.beneficiary_territory),
            start_date=self.start_date,
            end_date=self.end_date,
            budget_kzt=self.budget_kzt,
            beneficiaries_target=self.beneficiaries_target,
            beneficiaries_reached=self.beneficiaries_reached,
            status=None if self.status is None else self.status.value,
            title_ru=self.title_ru,
            title_kk=self.title_kk,
        )


@strawberry.input(description="What to change in a project; a null field stays as it is.")
class EditProjectInput:
    project: strawberry.ID = strawberry.field(description="Its ID or code.")
    title: str | None = None
    focus_areas: list[FocusAreaCode] | None = None
    start_date: dt.date | None = None
    beneficiary_territory: strawberry.ID | None = strawberry.field(
        default=None, description=_TERRITORY
    )
    end_date: dt.date | None = None
    budget_kzt: Tenge | None = None
    beneficiaries_target: int | None = None
    beneficiaries_reached: int | None = None
    status: ProjectStatus | None = None
    title_ru: str | None = strawberry.field(default=None, description=_TITLE_RU)
    title_kk: str | None = strawberry.field(default=None, description=_TITLE_KK)

    def fields(self) -> edits.ProjectFields:
        return edits.ProjectFields(
            title=self.title,
            focus_areas=codes(self.focus_areas),
            kato=_kato(self.beneficiary_territory),
            start_date=self.start_date,
            end_date=self.end_date,
            budget_kzt=self.budget_kzt,
            beneficiaries_target=self.beneficiaries_target,
            beneficiaries_reached=self.beneficiaries_reached,
            status=None if self.status is None else self.status.value,
            title_ru=self.title_ru,
            title_kk=self.title_kk,
        )


@strawberry.input
class AddProjectParticipantInput:
    project: strawberry.ID = strawberry.field(description="Its ID or code.")
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    role: ParticipationRole
    sources: list[SourceInput] | None = strawberry.field(default=None, description=SOURCES_INPUT)


@strawberry.input
class RemoveProjectParticipantInput:
    project: strawberry.ID = strawberry.field(description="Its ID or code.")
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    role: ParticipationRole


@strawberry.type
class AddProjectPayload:
    project: Project


@strawberry.type
class EditProjectPayload:
    project: Project


@strawberry.type
class AddProjectParticipantPayload:
    project: Project
    organization: Organization
    role: ParticipationRole


@strawberry.type
class RemoveProjectParticipantPayload:
    project: Project
    organization: Organization


def _code(project: str) -> str:
    return natural_key(project, "Project", field="project")


def _bin(organization: str) -> str:
    return natural_key(organization, "Organization", field="organization")


async def _both(info: Info, code: str, bin: str) -> tuple[Project, Organization]:
    """The project and organisation as they are after the edit (both exist: it checked, and
    nothing is ever deleted)."""
    project = await info.context.loaders.project.load(code)
    org = await info.context.loaders.organization.load(bin)
    if project is None or org is None:
        raise NotFound(t("no project {code} or organisation {bin}", code=code, bin=bin))
    return Project.from_domain(project), Organization.from_domain(org)


@strawberry.type
class ProjectMutation:
    @strawberry.mutation(permission_classes=COORDINATOR)
    async def add_project(self, info: Info, input: AddProjectInput) -> AddProjectPayload | None:
        project = await info.context.run(
            edits.save_project,
            info.context.db,
            input.code,
            input.fields(),
            create=True,
            actor=info.context.viewer.actor,
        )
        return AddProjectPayload(project=Project.from_domain(project))

    @strawberry.mutation(permission_classes=COORDINATOR)
    async def edit_project(self, info: Info, input: EditProjectInput) -> EditProjectPayload | None:
        project = await info.context.run(
            edits.save_project,
            info.context.db,
            _code(input.project),
            input.fields(),
            create=False,
            actor=info.context.viewer.actor,
        )
        return EditProjectPayload(project=Project.from_domain(project))

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Give an organisation a role in a project (again is a no-op).",
    )
    async def add_project_participant(
        self, info: Info, input: AddProjectParticipantInput
    ) -> AddProjectParticipantPayload | None:
        code, bin = _code(input.project), _bin(input.organization)
        await info.context.run(
            edits.set_participation,
            info.context.db,
            code,
            bin,
            input.role.value,
            present=True,
            actor=info.context.viewer.actor,
            source_list=to_domain(input.sources),
        )
        project, org = await _both(info, code, bin)
        return AddProjectParticipantPayload(project=project, organization=org, role=input.role)

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Take an organisation's role in a project away (when it has none, a no-op).",
    )
    async def remove_project_participant(
        self, info: Info, input: RemoveProjectParticipantInput
    ) -> RemoveProjectParticipantPayload | None:
        code, bin = _code(input.project), _bin(input.organization)
        await info.context.run(
            edits.set_participation,
            info.context.db,
            code,
            bin,
            input.role.value,
            present=False,
            actor=info.context.viewer.actor,
        )
        project, org = await _both(info, code, bin)
        return RemoveProjectParticipantPayload(project=project, organization=org)
