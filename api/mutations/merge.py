"""Merging an organisation registered twice into the one to keep (admins; Relay style)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.mutations.common import Info
from api.permissions import IsSteward
from api.references import NODE_TYPES, natural_key
from api.types.discovery import OrgRef
from api.types.organization import Organization
from graph import edits
from graph.edits.merge import End, MergeAction, MergePlan, MergeStep

__all__ = ["MergeMutation"]

strawberry.enum(
    MergeAction,
    name="MergeAction",
    description="What a merge does with one relationship of the organisation merged.",
)


@strawberry.input(description="Two records of one organisation: the one to keep and the other.")
class MergeOrganizationsInput:
    keep: strawberry.ID = strawberry.field(
        description="The organisation that stays: its ID or BIN."
    )
    merge: strawberry.ID = strawberry.field(
        description="The duplicate: its ID or BIN. Its relationships move to `keep`, its BIN "
        "and names become aliases of `keep`, and it is deleted."
    )
    dry_run: bool = strawberry.field(
        default=False, description="Only say what would happen; write nothing."
    )


@strawberry.type(description="The other end of a relationship a merge moves.")
class MergeEnd:
    kind: str = strawberry.field(
        description="Its label: Organization, Project, Territory, Akimat, Person, FocusArea, "
        "SuggestionOutcome, MergedOrganization…"
    )
    key: str = strawberry.field(description="Its BIN, code, KATO code or id.")
    name: str | None

    @strawberry.field(description="Its global ID, when the API has objects of its kind.")
    def id(self) -> relay.GlobalID | None:
        return relay.GlobalID(self.kind, self.key) if self.kind in NODE_TYPES else None

    @classmethod
    def of(cls, end: End) -> MergeEnd:
        return cls(kind=end.label, key=end.key, name=end.name)


@strawberry.type(
    name="MergeStep",
    description="One relationship of the organisation merged, and what happens to it.",
)
class MergeStepType:
    type: str = strawberry.field(
        description="The relationship type, e.g. PARTICIPATES_IN, FUNDS, PARTNERS_WITH."
    )
    action: MergeAction
    other: MergeEnd
    properties: JSON = strawberry.field(
        description="Its properties on the organisation merged (dates as ISO text)."
    )
    conflicts: list[str] = strawberry.field(
        description="Properties `keep`'s relationship has with another value: keep's stays."
    )

    @classmethod
    def of(cls, step: MergeStep) -> MergeStepType:
        return cls(
            type=step.type,
            action=step.action,
            other=MergeEnd.of(step.other),
            properties=JSON(_plain(step.properties)),
            conflicts=list(step.conflicts),
        )


@strawberry.type(description="The relationships of one type a merge moves, combines or drops.")
class MergeGroup:
    type: str
    moved: int
    combined: int
    dropped: int
    steps: list[MergeStepType]


@strawberry.type(
    name="MergePlan",
    description="What a merge does: every relationship of `merge` with the other end, by type; "
    "the same for a dry run and for the merge done.",
)
class MergePlanType:
    keep: OrgRef
    merge: OrgRef = strawberry.field(description="Null `organization` once it is merged.")
    moved: int = strawberry.field(description="Relationships re-pointed to `keep` as they are.")
    combined: int = strawberry.field(
        description="Relationships joined with `keep`'s relationship of the same key (the same "
        "project and role, funding row, partner, akimat, person, focus area or territory)."
    )
    dropped: int = strawberry.field(
        description="Relationships not carried over: `merge`'s territory when `keep` has its "
        "own, a partnership of the two with each other (both kept in the audit entry)."
    )
    relationships: list[MergeGroup]
    aliases_added: list[str] = strawberry.field(
        description="Names and the BIN of `merge` that become aliases of `keep`."
    )
    properties_filled: list[str] = strawberry.field(
        description="Properties `keep` lacked and takes from `merge` (snake_case)."
    )

    @classmethod
    def of(cls, plan: MergePlan) -> MergePlanType:
        groups = [
            MergeGroup(
                type=kind,
                moved=sum(1 for s in steps if s.action is MergeAction.MOVE),
                combined=sum(1 for s in steps if s.action is MergeAction.COMBINE),
                dropped=sum(1 for s in steps if s.action is MergeAction.DROP),
                steps=[MergeStepType.of(s) for s in steps],
            )
            for kind, steps in plan.by_type().items()
        ]
        return cls(
            keep=OrgRef(bin=plan.keep.bin, name=plan.keep.name),
            merge=OrgRef(bin=plan.merge.bin, name=plan.merge.name),
            moved=plan.count(MergeAction.MOVE),
            combined=plan.count(MergeAction.COMBINE),
            dropped=plan.count(MergeAction.DROP),
            relationships=groups,
            aliases_added=list(plan.aliases_added),
            properties_filled=list(plan.properties_filled),
        )


@strawberry.type
class MergeOrganizationsPayload:
    organization: Organization = strawberry.field(
        description="`keep`: after the merge, or as it is now for a dry run."
    )
    merged_organization_id: relay.GlobalID = strawberry.field(
        description="The ID of `merge`, deleted unless this was a dry run (a client's cache "
        "drops it)."
    )
    dry_run: bool
    plan: MergePlanType


def _plain(value: Any) -> Any:
    """Neo4j values as JSON (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


@strawberry.type
class MergeMutation:
    @strawberry.mutation(
        permission_classes=[IsSteward],
        description="Merge an organisation registered twice into the one to keep (stewards of the "
        "House of NGOs and admins): its "
        "projects, fundings, partners, supports, people and suggestion outcomes move to `keep` "
        "without doubling what `keep` already has; its BIN and names become aliases of `keep` "
        "(`organization(bin:)` with the old BIN gives `keep`); one audit entry. `dryRun` says "
        "what would happen and writes nothing.",
    )
    async def merge_organizations(
        self, info: Info, input: MergeOrganizationsInput
    ) -> MergeOrganizationsPayload | None:
        keep = natural_key(input.keep, "Organization", field="keep")
        merge = natural_key(input.merge, "Organization", field="merge")
        db = info.context.db
        if input.dry_run:
            plan = await info.context.run(edits.plan_merge, db, keep, merge)
            organization = plan.keep
        else:
            merged = await info.context.run(
                edits.merge_organizations, db, keep, merge, actor=info.context.viewer.actor
            )
            plan, organization = merged.plan, merged.organization
        return MergeOrganizationsPayload(
            organization=Organization.from_domain(organization),
            merged_organization_id=relay.GlobalID("Organization", merge),
            dry_run=input.dry_run,
            plan=MergePlanType.of(plan),
        )
