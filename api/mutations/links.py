"""Fundings, partnerships and suggestion outcomes (Relay style: one ``input``, a payload)."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.relay import GlobalID

from api.mutations.common import COORDINATOR, Info, PartnershipBasis
from api.references import natural_key
from api.types.common import FundingMechanism
from api.types.discovery import SuggestionOutcome
from api.types.funding import Funding
from api.types.organization import Organization
from api.types.project import Project
from api.types.scalars import Tenge
from api.types.source import (
    SOURCED,
    SOURCES,
    SOURCES_INPUT,
    Source,
    SourceInput,
    source_fields,
    to_domain,
)
from graph import discovery, edits
from graph.discovery import OutcomeKind
from graph.errors import NotFound
from graph.i18n import t
from graph.pagination import PageRequest

__all__ = ["LinkMutation", "Partnership"]

_ORGANIZATION = "Its ID or BIN."


async def _organization(info: Info, bin: str) -> Organization:
    found = await info.context.loaders.organization.load(bin)
    if found is None:
        raise NotFound(t("no organisation with BIN {bin}", bin=bin))
    return Organization.from_domain(found)


async def _project(info: Info, code: str) -> Project:
    found = await info.context.loaders.project.load(code)
    if found is None:
        raise NotFound(t("no project with code {code}", code=code))
    return Project.from_domain(found)


def _bin(value: str, field: str) -> str:
    return natural_key(value, "Organization", field=field)


# -- fundings -------------------------------------------------------------------------------------


@strawberry.input(
    description="How much a funder commits to a project by a mechanism in a year, and what of it "
    "was paid; a null payment field stays as recorded."
)
class SetFundingInput:
    project: strawberry.ID = strawberry.field(description="Its ID or code.")
    funder: strawberry.ID = strawberry.field(
        description="An akimat's or organisation's ID, or an akimat code, BIN or donor code "
        "(e.g. 'citizens')."
    )
    mechanism: FundingMechanism
    year: int
    amount_kzt: Tenge = strawberry.field(
        description="The amount committed (a state social order contract's sum)."
    )
    disbursed_kzt: Tenge | None = strawberry.field(
        default=None, description="Paid so far, at most the amount committed."
    )
    committed_on: dt.date | None = strawberry.field(
        default=None, description="When it was committed (the contract or decision date)."
    )
    disbursed_on: dt.date | None = strawberry.field(
        default=None, description="When the last payment was made."
    )
    sources: list[SourceInput] | None = strawberry.field(default=None, description=SOURCES_INPUT)


@strawberry.type
class SetFundingPayload:
    funding: Funding
    previous_amount_kzt: Tenge | None = strawberry.field(
        description="The amount before, null when the funding is new."
    )
    project: Project


async def _funding(info: Info, code: str, funder: str, mechanism: str, year: int) -> Funding:
    """The funding as written, read back through the project's fundings (a handful a project)."""
    after: str | None = None
    while True:
        page, _ = await info.context.loaders.project_fundings.page(
            code, PageRequest.parse(first=100, after=after)
        )
        for cursor, f in page.items:
            if (f.funder_key, f.mechanism, f.year) == (funder, mechanism, year):
                return Funding.from_domain(f)
            after = cursor
        if not page.has_next:
            raise NotFound(
                t(
                    "no funding of {code} by {funder} ({mechanism}, {year})",
                    code=code,
                    funder=funder,
                    mechanism=mechanism,
                    year=year,
                )
            )


# -- partnerships ---------------------------------------------------------------------------------


@strawberry.type(description="Two organisations working together (one per pair, either order).")
class Partnership:
    id: strawberry.ID = strawberry.field(description="The same ID whichever side is asked.")
    organization: Organization = strawberry.field(description="The side the input named first.")
    partner: Organization
    since: dt.date | None
    until: dt.date | None = strawberry.field(description="Set when the partnership ended.")
    basis: PartnershipBasis | None = strawberry.field(
        description="What it rests on; null when unknown or free text from an import."
    )
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)

    @staticmethod
    def identifier(bin_a: str, bin_b: str) -> strawberry.ID:
        low, high = sorted((bin_a, bin_b))
        return strawberry.ID(str(GlobalID("Partnership", f"{low}-{high}")))


def _basis(value: str | None) -> PartnershipBasis | None:
    return PartnershipBasis.of(value)


async def _partnership(
    info: Info, bin: str, partner: str, state: edits.PartnershipState
) -> tuple[Partnership, Organization, Organization]:
    org, other = await _organization(info, bin), await _organization(info, partner)
    partnership = Partnership(
        id=Partnership.identifier(bin, partner),
        organization=org,
        partner=other,
        since=state.since,
        until=state.until,
        basis=_basis(state.basis),
        **source_fields(state.sources),
    )
    return partnership, org, other


@strawberry.input
class RecordPartnershipInput:
    organization: strawberry.ID = strawberry.field(description=_ORGANIZATION)
    partner: strawberry.ID = strawberry.field(description=_ORGANIZATION)
    since: dt.date | None = None
    basis: PartnershipBasis | None = None
    sources: list[SourceInput] | None = strawberry.field(default=None, description=SOURCES_INPUT)


@strawberry.input
class ClosePartnershipInput:
    organization: strawberry.ID = strawberry.field(description=_ORGANIZATION)
    partner: strawberry.ID = strawberry.field(description=_ORGANIZATION)
    until: dt.date | None = strawberry.field(default=None, description="Today when null.")


@strawberry.type
class RecordPartnershipPayload:
    partnership: Partnership
    organization: Organization
    partner: Organization


@strawberry.type
class ClosePartnershipPayload:
    partnership: Partnership
    organization: Organization
    partner: Organization


# -- suggestion outcomes --------------------------------------------------------------------------


@strawberry.input
class ReportSuggestionOutcomeInput:
    organization: strawberry.ID = strawberry.field(
        description="The organisation advised: its ID or BIN."
    )
    partner: strawberry.ID = strawberry.field(
        description="The organisation suggested to it: its ID or BIN."
    )
    outcome: OutcomeKind
    note: str | None = None


@strawberry.type
class ReportSuggestionOutcomePayload:
    suggestion_outcome: SuggestionOutcome
    partnership: Partnership | None = strawberry.field(
        description="The partnership a `PARTNERED` outcome started; null when none was started."
    )
    organization: Organization
    partner: Organization


@strawberry.type
class LinkMutation:
    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Set the amount a funder commits to a project by a mechanism in a year, and "
        "what of it was paid.",
    )
    async def set_funding(self, info: Info, input: SetFundingInput) -> SetFundingPayload | None:
        code = natural_key(input.project, "Project", field="project")
        funder = natural_key(input.funder, "Akimat", "Organization", field="funder")
        previous = await info.context.run(
            edits.record_funding,
            info.context.db,
            funder=funder,
            project_code=code,
            amount_kzt=input.amount_kzt,
            mechanism=input.mechanism.value,
            year=input.year,
            actor=info.context.viewer.actor,
            disbursed_kzt=input.disbursed_kzt,
            committed_on=input.committed_on,
            disbursed_on=input.disbursed_on,
            source_list=to_domain(input.sources),
        )
        funding = await _funding(info, code, funder, input.mechanism.value, input.year)
        return SetFundingPayload(
            funding=funding,
            previous_amount_kzt=None if previous is None else Tenge(previous),
            project=await _project(info, code),
        )

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Record a partnership (one per pair, in either order); starts it again when "
        "it had ended.",
    )
    async def record_partnership(
        self, info: Info, input: RecordPartnershipInput
    ) -> RecordPartnershipPayload | None:
        bin = _bin(input.organization, "organization")
        partner = _bin(input.partner, "partner")
        state = await info.context.run(
            edits.save_partnership,
            info.context.db,
            bin,
            partner,
            since=input.since,
            basis=None if input.basis is None else input.basis.value,
            actor=info.context.viewer.actor,
            source_list=to_domain(input.sources),
        )
        partnership, org, other = await _partnership(info, bin, partner, state)
        return RecordPartnershipPayload(partnership=partnership, organization=org, partner=other)

    @strawberry.mutation(permission_classes=COORDINATOR, description="End a partnership.")
    async def close_partnership(
        self, info: Info, input: ClosePartnershipInput
    ) -> ClosePartnershipPayload | None:
        bin = _bin(input.organization, "organization")
        partner = _bin(input.partner, "partner")
        state = await info.context.run(
            edits.save_partnership,
            info.context.db,
            bin,
            partner,
            until=input.until,
            end=True,
            actor=info.context.viewer.actor,
        )
        partnership, org, other = await _partnership(info, bin, partner, state)
        return ClosePartnershipPayload(partnership=partnership, organization=org, partner=other)

    @strawberry.mutation(
        permission_classes=COORDINATOR,
        description="Report what you did with a suggestion: contacted, partnered (starts the "
        "partnership) or declined (never suggested again for that pair).",
    )
    async def report_suggestion_outcome(
        self, info: Info, input: ReportSuggestionOutcomeInput
    ) -> ReportSuggestionOutcomePayload | None:
        bin = _bin(input.organization, "organization")
        partner = _bin(input.partner, "partner")
        found = await info.context.run(
            discovery.record_outcome,
            info.context.db,
            bin,
            partner,
            input.outcome.value,
            input.note,
            actor=info.context.viewer.actor,
        )
        org, other = await _organization(info, bin), await _organization(info, partner)
        partnership = None
        if found.partnership_created:
            partnership = Partnership(
                id=Partnership.identifier(bin, partner),
                organization=org,
                partner=other,
                since=dt.date.today(),  # as graph.discovery.record_outcome sets it
                until=None,
                basis=PartnershipBasis.SUGGESTION,
            )
        return ReportSuggestionOutcomePayload(
            suggestion_outcome=SuggestionOutcome.from_domain(found),
            partnership=partnership,
            organization=org,
            partner=other,
        )
