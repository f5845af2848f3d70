"""Recording what an akimat gives an organisation, and ending it (Relay style)."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.mutations.common import COORDINATOR, Info
from api.references import natural_key
from api.types.organization import Organization
from api.types.scalars import Tenge
from api.types.source import SOURCES_INPUT, SourceInput, to_domain
from api.types.support import Support, SupportKind
from api.types.territory import Akimat
from graph import edits, supports
from graph.errors import NotFound
from graph.i18n import t

__all__ = ["SupportMutation"]


@strawberry.input(description="An akimat's support of an organisation.")
class RecordSupportInput:
    akimat: strawberry.ID = strawberry.field(description="The akimat's ID or code.")
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    kind: SupportKind
    since: dt.date = strawberry.field(description="When it began (or begins).")
    until: dt.date | None = strawberry.field(
        default=None, description="When it ended or ends; null while it is open."
    )
    amount_kzt: Tenge | None = strawberry.field(
        default=None, description="Its value in tenge, when it has one (a grant, an award)."
    )
    note: str | None = None
    sources: list[SourceInput] | None = strawberry.field(default=None, description=SOURCES_INPUT)


@strawberry.input(description="The support to end: its akimat, organisation, kind and start.")
class EndSupportInput:
    akimat: strawberry.ID = strawberry.field(description="The akimat's ID or code.")
    organization: strawberry.ID = strawberry.field(description="Its ID or BIN.")
    kind: SupportKind
    since: dt.date | None = strawberry.field(
        description="When it began; null for a support imported without a start."
    )
    until: dt.date | None = strawberry.field(default=None, description="Today when null.")


@strawberry.type
class RecordSupportPayload:
    support: Support
    organization: Organization
    akimat: Akimat


@strawberry.type
class EndSupportPayload:
    support: Support
    organization: Organization
    akimat: Akimat


async def _ends(info: Info, support: supports.Support) -> tuple[Organization, Akimat]:
    """Both ends as they are after the edit (it found both; nothing here deletes them)."""
    org = await info.context.loaders.organization.load(support.organization_bin)
    akimat = await info.context.loaders.akimat.load(support.akimat_code)
    if org is None or akimat is None:
        raise NotFound(t("no organisation with BIN {bin}", bin=support.organization_bin))
    return Organization.from_domain(org), Akimat.from_domain(akimat)


@strawberry.type
class SupportMutation:
    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Record that an akimat supports an organisation: one kind, from one date "
        "(the same akimat, organisation, kind and `since` again updates `until`, the amount "
        "and the note). A token limited to a territory records supports only of akimats and "
        "organisations under it.",
    )
    async def record_support(
        self, info: Info, input: RecordSupportInput
    ) -> RecordSupportPayload | None:
        found = await info.context.run(
            edits.record_support,
            info.context.db,
            akimat=natural_key(input.akimat, "Akimat", field="akimat"),
            bin=natural_key(input.organization, "Organization", field="organization"),
            kind=input.kind.value,
            since=input.since,
            until=input.until,
            amount_kzt=input.amount_kzt,
            note=input.note,
            source_list=to_domain(input.sources),
            actor=info.context.viewer.actor,
        )
        org, akimat = await _ends(info, found)
        return RecordSupportPayload(
            support=Support.from_domain(found), organization=org, akimat=akimat
        )

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="End a support: its `until` becomes the date given (today by default).",
    )
    async def end_support(self, info: Info, input: EndSupportInput) -> EndSupportPayload | None:
        found = await info.context.run(
            edits.end_support,
            info.context.db,
            akimat=natural_key(input.akimat, "Akimat", field="akimat"),
            bin=natural_key(input.organization, "Organization", field="organization"),
            kind=input.kind.value,
            since=input.since,
            until=input.until,
            actor=info.context.viewer.actor,
        )
        org, akimat = await _ends(info, found)
        return EndSupportPayload(
            support=Support.from_domain(found), organization=org, akimat=akimat
        )
