from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from api.compiled import ready
from api.context import Context
from api.loaders import held
from api.permissions import IsAdmin, IsCoordinator
from api.types.common import (
    Connection,
    Counted,
    FlagKind,
    FundingMechanism,
    LegalForm,
    OrganizationKind,
    PageInfo,
    ParticipationRole,
    PartnershipBasis,
    connection,
)
from api.types.focus_area import FocusArea
from api.types.scalars import Tenge
from api.types.source import SOURCED, SOURCES, Source, source_fields
from graph import funding, organizations, relations, territories
from graph.analytics.reports import metrics_from
from graph.i18n import current_language
from graph.names import display_name
from graph.pagination import Page, PageRequest

if TYPE_CHECKING:
    from api.discovery import SuggestionFilter
    from api.types.discovery import SuggestionConnection, SuggestionOutcomeConnection
    from api.types.funding import Funding
    from api.types.hub import Handover, InKind, Need, Offer
    from api.types.metrics import Flag, OrganizationMetrics
    from api.types.person import MembershipConnection
    from api.types.project import Project
    from api.types.services import ServiceConnection, ServiceWhere
    from api.types.support import SupportRecordConnection
    from api.types.territory import Territory
    from api.types.volunteers import VolunteersSummary

Info = strawberry.Info[Context, None]
ProjectRef = Annotated["Project", strawberry.lazy("api.types.project")]
TerritoryRef = Annotated["Territory", strawberry.lazy("api.types.territory")]
FundingRef = Annotated["Funding", strawberry.lazy("api.types.funding")]
MetricsRef = Annotated["OrganizationMetrics", strawberry.lazy("api.types.metrics")]
FlagRef = Annotated["Flag", strawberry.lazy("api.types.metrics")]
MembershipsRef = Annotated["MembershipConnection", strawberry.lazy("api.types.person")]
SuggestionsRef = Annotated["SuggestionConnection", strawberry.lazy("api.types.discovery")]
OutcomesRef = Annotated["SuggestionOutcomeConnection", strawberry.lazy("api.types.discovery")]
FilterRef = Annotated["SuggestionFilter", strawberry.lazy("api.discovery")]
SupportsRef = Annotated["SupportRecordConnection", strawberry.lazy("api.types.support")]
VolunteersRef = Annotated["VolunteersSummary", strawberry.lazy("api.types.volunteers")]
ServicesRef = Annotated["ServiceConnection", strawberry.lazy("api.types.services")]
ServiceWhereRef = Annotated["ServiceWhere", strawberry.lazy("api.types.services")]
NeedRef = Annotated["Need", strawberry.lazy("api.types.hub")]
OfferRef = Annotated["Offer", strawberry.lazy("api.types.hub")]
HandoverRef = Annotated["Handover", strawberry.lazy("api.types.hub")]
InKindRef = Annotated["InKind", strawberry.lazy("api.types.hub")]


DISPLAY_NAME = (
    "The name in the reader's language (`Accept-Language`): Kazakh → `nameKk`, Russian → "
    "`nameRu`, falling back to `name` as registered; English → `name` (no transliteration)."
)


def page_request(
    info: Info, first: int | None, after: str | None, last: int | None, before: str | None
) -> PageRequest:
    return PageRequest.parse(
        first=first,
        after=after,
        last=last,
        before=before,
        maximum=info.context.settings.max_page_size,
    )


@strawberry.type(description="How an organisation is funded, over the projects it leads.")
class FundingProfile:
    total_kzt: Tenge
    state_kzt: Tenge
    state_share: float | None = strawberry.field(
        description="State money ÷ all money (null without funding). A pattern to look at, "
        "not a verdict."
    )
    funders: int
    by_mechanism: list[MechanismAmount]


@strawberry.type
class MechanismAmount:
    mechanism: FundingMechanism
    amount_kzt: Tenge


@strawberry.type
class ParticipationEdge:
    cursor: str
    node: ProjectRef
    role: ParticipationRole
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)


@strawberry.type
class ParticipationConnection(Counted):
    edges: list[ParticipationEdge]


@strawberry.type(description="A partner, with the partnership's properties on the edge.")
class PartnerEdge:
    cursor: str
    node: Organization
    since: dt.date | None
    basis: str | None = strawberry.field(
        deprecation_reason="Use `partnershipBasis`: the basis as an enum (OTHER for other words)."
    )
    partnership_basis: PartnershipBasis | None = strawberry.field(
        description="What the partnership rests on (null when not recorded)."
    )
    until: dt.date | None = strawberry.field(description="Set when the partnership has ended.")
    sources: list[Source] = strawberry.field(default_factory=list, description=SOURCES)
    sourced: bool = strawberry.field(default=False, description=SOURCED)


@strawberry.type
class PartnerConnection(Counted):
    edges: list[PartnerEdge]


@strawberry.type(
    description="A civil-society organisation, identified by its BIN, or an initiative group by "
    "its key (IG-…) until it registers."
)
class Organization(relay.Node):
    key: relay.NodeID[str]
    bin: str = strawberry.field(
        description="Business identification number (12 digits); an initiative group without one "
        "answers its key (IG-…) here, so see `registeredBin`."
    )
    name: str = strawberry.field(description="Name as registered (usually Russian).")
    name_kk: str | None = strawberry.field(description="Kazakh name.")
    name_ru: str | None = strawberry.field(description="Russian name.")
    aliases: list[str]
    kind: OrganizationKind
    legal_form: LegalForm
    founded_year: int | None
    staff: int | None
    volunteers_count: int | None
    synthetic: bool = strawberry.field(description="Invented for the demo region.")
    archived: bool
    _kato: strawberry.Private[str | None]
    _focus: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, org: organizations.Organization) -> Organization:
        return cls(
            key=org.bin,
            bin=org.bin,
            name=org.name,
            name_kk=org.name_kk,
            name_ru=org.name_ru,
            aliases=list(org.aliases),
            kind=OrganizationKind(org.kind),
            legal_form=LegalForm(org.legal_form),
            founded_year=org.founded_year,
            staff=org.staff,
            volunteers_count=org.volunteers,
            synthetic=org.synthetic,
            archived=org.archived,
            _kato=org.kato,
            _focus=org.focus_areas,
        )

    @strawberry.field(description=DISPLAY_NAME)
    def display_name(self) -> str:
        return display_name(current_language(), self.name, self.name_ru, self.name_kk)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        found = await info.context.loaders.organization.load_many(list(node_ids))
        return [cls.from_domain(o) if o else None for o in found]

    @strawberry.field(
        name="key",
        description="What names it in every input: its BIN, or an initiative group's key (IG-…).",
    )
    def natural_key(self) -> str:
        return self.bin

    @strawberry.field(description="Its BIN; null for an initiative group that has none yet.")
    def registered_bin(self) -> str | None:
        return None if self.kind is OrganizationKind.INITIATIVE_GROUP else self.bin

    @strawberry.field
    async def territory(self, info: Info) -> TerritoryRef | None:
        if self._kato is None:
            return None
        return _territory(await info.context.loaders.territory.load(self._kato))

    @strawberry.field
    def focus_areas(self) -> list[FocusArea]:
        return [FocusArea.of(code) for code in self._focus]

    @strawberry.field(description="Projects it takes part in, newest first; the role on the edge.")
    async def projects(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ParticipationConnection:
        page, count = await info.context.loaders.organization_projects.page(
            self.bin, page_request(info, first, after, last, before)
        )
        return _participations(page, count)

    @strawberry.field(description="Partners by name; ended partnerships only when asked.")
    async def partners(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        include_ended: bool = False,
    ) -> PartnerConnection:
        params = (("include_ended", include_ended),)
        page, count = await info.context.loaders.organization_partners.page(
            self.bin, page_request(info, first, after, last, before), params
        )
        return _partners(page, count)

    @strawberry.field(
        description="What akimats give it (premises, grants, training...), the latest first; "
        "supports that ended or have not begun only with `includeEnded`."
    )
    async def supported_by(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        include_ended: bool = False,
    ) -> SupportsRef:
        from api.types.support import support_connection

        page, count = await info.context.loaders.organization_supports.page(
            self.bin,
            page_request(info, first, after, last, before),
            (("include_ended", include_ended),),
        )
        return support_connection(page, count)

    @strawberry.field(description="Money into the projects it leads, newest year first.")
    async def fundings_received(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[FundingRef]:
        from api.types.funding import Funding

        page, count = await info.context.loaders.organization_fundings.page(
            self.bin, page_request(info, first, after, last, before)
        )
        return connection(page, Funding.from_domain, count)

    @strawberry.field
    async def funding_profile(self, info: Info) -> FundingProfile:
        return _funding_profile(await info.context.loaders.funding_profile.load(self.bin))

    @strawberry.field(
        description="Network position, funding, results and activity, as last computed "
        "(`graphVersion`, `computedAt`: recomputed in the background after writes); flags are "
        "patterns worth a look, not verdicts."
    )
    async def metrics(self, info: Info) -> MetricsRef:
        from api.types.metrics import OrganizationMetrics

        computed = await info.context.run(info.context.refresher.analysis)
        return OrganizationMetrics.from_domain(metrics_from(computed.value, self.bin), computed)

    @strawberry.field(
        description="Patterns worth a look, never verdicts (as in `metrics`, without the network "
        "measures): what `organizations(where: {flags: …})` filters by. None when archived."
    )
    async def flags(self, info: Info) -> list[FlagRef]:
        from api.types.metrics import Flag

        found = await info.context.loaders.flags.load(self.bin)
        return [Flag(code=f.code, kind=FlagKind(f.code), message=str(f.message)) for f in found]

    @strawberry.field(
        description="Volunteers and members (personal data: admins only).",
        permission_classes=[IsAdmin],
        deprecation_reason="Use `members`: the same, but null alone without an admin token.",
    )
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> MembershipsRef:
        return await self._memberships(info, page_request(info, first, after, last, before))

    async def _memberships(self, info: Info, request: PageRequest) -> MembershipConnection:
        from api.types.person import membership_connection

        page, count = await info.context.loaders.organization_people.page(self.bin, request)
        return membership_connection(page, count)

    @strawberry.field(
        description="Volunteers and members (personal data: admins only; null otherwise).",
        permission_classes=[IsAdmin],
    )
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> MembershipsRef | None:
        return await self._memberships(info, page_request(info, first, after, last, before))

    @strawberry.field(
        description="Organisations to work with, best first, each with a score in [0, 1] and "
        "typed reasons (shared projects, common partners, complementary kinds...). Existing "
        "partners, archived organisations and declined pairs are left out."
    )
    async def partner_suggestions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: FilterRef | None = None,
    ) -> SuggestionsRef | None:
        from api.discovery import organization_suggestions

        return await organization_suggestions(info, self.bin, first, after, filter)

    @strawberry.field(
        description="What coordinators did with suggestions to or of it, newest first "
        "(coordinators; null otherwise).",
        permission_classes=[IsCoordinator],
    )
    async def suggestion_outcomes(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> OutcomesRef | None:
        from api.discovery import suggestion_outcomes

        return await suggestion_outcomes(info, self.bin, first, after)

    @strawberry.field(description="What it asks the House of NGOs for, the latest first.")
    async def needs(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[NeedRef]:
        from api.types.hub import Need

        page, count = await info.context.loaders.organization_needs.page(
            self.bin, page_request(info, first, after, last, before)
        )
        return connection(page, Need.from_domain, count)

    @strawberry.field(description="What it offers through the House of NGOs, the latest first.")
    async def offers_given(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[OfferRef]:
        from api.types.hub import Offer

        page, count = await info.context.loaders.organization_offers.page(
            self.bin, page_request(info, first, after, last, before)
        )
        return connection(page, Offer.from_domain, count)

    @strawberry.field(description="What was handed over to its needs, the latest first.")
    async def handovers_received(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[HandoverRef]:
        from api.types.hub import Handover

        page, count = await info.context.loaders.organization_handovers.page(
            self.bin, page_request(info, first, after, last, before)
        )
        return connection(page, Handover.from_domain, count)

    @strawberry.field(
        description="What it received in kind through its needs: tenge and items by category."
    )
    async def in_kind(self, info: Info) -> InKindRef:
        from api.types.hub import InKind

        return InKind.from_domain(await info.context.loaders.in_kind.load(self.bin))

    @strawberry.field(
        description="Its volunteers: the count for everyone, the people for stewards and admins."
    )
    def volunteers(self) -> VolunteersRef:
        from api.types.volunteers import VolunteersSummary

        return VolunteersSummary(_bin=self.bin)

    @strawberry.field(
        description="What resource centres (the House of NGOs) did for it, the newest first."
    )
    async def services_received(
        self,
        info: Info,
        where: ServiceWhereRef | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ServicesRef:
        from api.types.services import service_connection

        page, count = await info.context.loaders.organization_services_received.page(
            self.bin, page_request(info, first, after, last, before), _service_params(where)
        )
        return service_connection(page, count)

    @strawberry.field(description="What it did for others as a resource centre, the newest first.")
    async def services_provided(
        self,
        info: Info,
        where: ServiceWhereRef | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ServicesRef:
        from api.types.services import service_connection

        page, count = await info.context.loaders.organization_services_provided.page(
            self.bin, page_request(info, first, after, last, before), _service_params(where)
        )
        return service_connection(page, count)


def _service_params(where: ServiceWhere | None) -> tuple[tuple[str, object], ...]:
    from graph.hub.services import filters

    return filters() if where is None else where.params()


def _territory(found: territories.Territory | None) -> TerritoryRef | None:
    from api.types.territory import Territory

    return Territory.from_domain(found) if found else None


def _funding_profile(profile: funding.FundingProfile) -> FundingProfile:
    return FundingProfile(
        total_kzt=Tenge(profile.total_kzt),
        state_kzt=Tenge(profile.state_kzt),
        state_share=profile.state_share,
        funders=profile.funders,
        by_mechanism=[
            MechanismAmount(mechanism=FundingMechanism(m), amount_kzt=Tenge(a))
            for m, a in sorted(profile.by_mechanism.items())
        ],
    )


def _participations(
    page: Page[relations.Participation], count: Callable[[], Awaitable[int]]
) -> ParticipationConnection:
    from api.types.project import Project

    return ParticipationConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[
            ParticipationEdge(
                cursor=c,
                node=Project.from_domain(p.project),
                role=ParticipationRole(p.role),
                **source_fields(p.sources),
            )
            for c, p in page.items
        ],
    )


def _partners(
    page: Page[relations.Partnership], count: Callable[[], Awaitable[int]]
) -> PartnerConnection:
    return PartnerConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[
            PartnerEdge(
                cursor=c,
                node=Organization.from_domain(p.partner),
                since=p.since,
                basis=p.basis,
                partnership_basis=PartnershipBasis.of(p.basis),
                until=p.until,
                **source_fields(p.sources),
            )
            for c, p in page.items
        ],
    )


# What a page's look-ahead already read, for compiled plans (api/compiled.py)


def _held_request(context: Context, args: dict[str, Any]) -> PageRequest:
    return PageRequest.parse(
        first=args.get("first"),
        after=args.get("after"),
        last=args.get("last"),
        before=args.get("before"),
        maximum=context.settings.max_page_size,
    )


@ready("Organization", "territory")
def _held_territory(org: Organization, _args: dict[str, Any], context: Context) -> Any:
    return None if org._kato is None else _territory(held(context.loaders.territory, org._kato))


@ready("Organization", "fundingProfile")
def _held_funding_profile(org: Organization, _args: dict[str, Any], context: Context) -> Any:
    return _funding_profile(held(context.loaders.funding_profile, org.bin))


@ready("Organization", "projects")
def _held_projects(org: Organization, args: dict[str, Any], context: Context) -> Any:
    loader = context.loaders.organization_projects
    return _participations(*loader.held(org.bin, _held_request(context, args)))


@ready("Organization", "partners")
def _held_partners(org: Organization, args: dict[str, Any], context: Context) -> Any:
    params = (("include_ended", args["includeEnded"]),)
    loader = context.loaders.organization_partners
    return _partners(*loader.held(org.bin, _held_request(context, args), params))
