"""Partner discovery for coordinators: suggestions with reasons, connection paths, activity."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.context import Context
from api.types.common import Connection, Edge, PageInfo
from api.types.focus_area import FocusArea
from api.types.organization import Organization
from api.types.support import SupportKind
from graph import discovery
from graph.analytics.refresh import Computed
from graph.audit import AuditRecord
from graph.discovery import Complement, DuplicateReasonKind, HopKind, OutcomeKind, ReasonKind
from graph.pagination import Page

if TYPE_CHECKING:
    from api.types.project import Project
    from api.types.territory import Akimat, Territory

Info = strawberry.Info[Context, None]
ProjectType = Annotated["Project", strawberry.lazy("api.types.project")]
TerritoryType = Annotated["Territory", strawberry.lazy("api.types.territory")]
AkimatType = Annotated["Akimat", strawberry.lazy("api.types.territory")]

strawberry.enum(ReasonKind, name="SuggestionReasonKind")
strawberry.enum(Complement, name="Complement")
strawberry.enum(HopKind, name="HopKind")
strawberry.enum(OutcomeKind, name="SuggestionOutcomeKind")
strawberry.enum(DuplicateReasonKind, name="DuplicateReasonKind")


@strawberry.enum(description="Why two kinds of organisation complement each other.")
class ComplementKind(Enum):
    MENTORING = "mentoring"
    RESOURCE_CENTER = "resource_centre"
    URBAN_RURAL = "urban_rural"


@strawberry.enum(description="A part of the activity score.")
class ActivityComponent(Enum):
    PROJECTS = "projects"
    PARTNERS = "partners"
    VOLUNTEERS = "volunteers"
    RESULTS = "results"


@strawberry.enum(description="How an akimat is tied to both organisations.")
class AkimatTie(Enum):
    FUNDS = "funds"
    SUPPORTS = "supports"


async def _territory(info: Info, kato: str | None) -> Territory | None:
    from api.types.territory import Territory

    if kato is None:
        return None
    found = await info.context.loaders.territory.load(kato)
    return Territory.from_domain(found) if found else None


@strawberry.type(description="An organisation named in a reason, by BIN and name.")
class OrgRef:
    bin: str
    name: str

    @strawberry.field(description="The organisation's global ID (as `Organization.id`).")
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Organization", self.bin)

    @strawberry.field(description="The organisation itself (null if it is gone).")
    async def organization(self, info: Info) -> Organization | None:
        found = await info.context.loaders.organization.load(self.bin)
        return Organization.from_domain(found) if found else None

    @classmethod
    def of(cls, ref: discovery.OrgRef) -> OrgRef:
        return cls(bin=ref.bin, name=ref.name)


@strawberry.type
class ProjectRef:
    code: str
    title: str

    @strawberry.field(description="The project's global ID (as `Project.id`).")
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Project", self.code)

    @strawberry.field(description="The project itself (null if it is gone).")
    async def project(self, info: Info) -> ProjectType | None:
        from api.types.project import Project

        found = await info.context.loaders.project.load(self.code)
        return Project.from_domain(found) if found else None


@strawberry.type
class AkimatRef:
    code: str
    name: str
    relation: str = strawberry.field(
        description="funds or supports", deprecation_reason="Use `tie`: the same as an enum."
    )

    @strawberry.field(description="The akimat's global ID (as `Akimat.id`).")
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Akimat", self.code)

    @strawberry.field
    def tie(self) -> AkimatTie:
        return AkimatTie(self.relation)

    @strawberry.field(description="The akimat itself (null if it is gone).")
    async def akimat(self, info: Info) -> AkimatType | None:
        from api.types.territory import Akimat

        found = await info.context.loaders.akimat.load(self.code)
        return Akimat.from_domain(found) if found else None


@strawberry.type(description="Why an organisation is suggested; `text` is for people.")
class SuggestionReason:
    kind: ReasonKind
    contribution: float = strawberry.field(description="Its share of the score.")
    text: str
    focus_areas: list[FocusArea]
    organizations: list[OrgRef] = strawberry.field(description="Common partners.")
    projects: list[ProjectRef]
    akimats: list[AkimatRef]
    territory_kato: str | None = strawberry.field(
        deprecation_reason="Use `territory { kato }`: the territory as an object."
    )
    complement: Complement | None = strawberry.field(
        deprecation_reason="Use `complementKind`: RESOURCE_CENTER spelt as everywhere else."
    )

    @strawberry.field(description="The territory the two share (TERRITORY reasons).")
    async def territory(self, info: Info) -> TerritoryType | None:
        return await _territory(info, self.territory_kato)

    @strawberry.field(description="How the kinds complement each other (COMPLEMENTARY_KINDS).")
    def complement_kind(self) -> ComplementKind | None:
        return ComplementKind(self.complement.value) if self.complement else None

    @classmethod
    def from_domain(cls, r: discovery.Reason) -> SuggestionReason:
        return cls(
            kind=r.kind,
            contribution=r.contribution,
            text=str(r.text),
            focus_areas=[FocusArea.of(c) for c in r.focus_areas],
            organizations=[OrgRef.of(o) for o in r.organizations],
            projects=[ProjectRef(code=p.code, title=p.title) for p in r.projects],
            akimats=[AkimatRef(code=a.code, name=a.name, relation=a.relation) for a in r.akimats],
            territory_kato=r.territory_kato,
            complement=r.complement,
        )


@strawberry.type(description="A ranked suggestion: score in [0, 1] and the reasons behind it.")
class Suggestion:
    organization: Organization
    score: float
    reasons: list[SuggestionReason]
    already_partners: bool

    @classmethod
    def from_domain(cls, s: discovery.Suggestion) -> Suggestion:
        return cls(
            organization=Organization.from_domain(s.organization),
            score=s.score,
            reasons=[SuggestionReason.from_domain(r) for r in s.reasons],
            already_partners=s.already_partners,
        )


@strawberry.type(description="One step of a chain: how two organisations are linked.")
class Hop:
    kind: HopKind
    source: OrgRef
    target: OrgRef
    text: str = strawberry.field(description='e.g. "both implement project P-12 (…)"')
    key: str | None = strawberry.field(description="The project code or akimat code.")
    name: str | None
    since: dt.date | None


@strawberry.type(description="A shortest chain of real relationships between two organisations.")
class ConnectionPath:
    organizations: list[OrgRef]
    hops: list[Hop]

    @classmethod
    def from_domain(cls, p: discovery.ConnectionPath) -> ConnectionPath:
        return cls(
            organizations=[OrgRef.of(o) for o in p.organizations],
            hops=[
                Hop(
                    kind=h.kind,
                    source=OrgRef.of(h.source),
                    target=OrgRef.of(h.target),
                    text=str(h.text),
                    key=h.key,
                    name=h.name,
                    since=h.since,
                )
                for h in p.hops
            ],
        )


@strawberry.type(description="A part of the activity score; contributions add up to it.")
class ActivityPart:
    name: str = strawberry.field(
        description="projects, partners, volunteers or results",
        deprecation_reason="Use `component`: the same as an enum.",
    )
    value: float | None = strawberry.field(description="The raw figure (None: no data).")
    score: float
    weight: float
    contribution: float
    label: str = strawberry.field(description='The component\'s name, e.g. "Projects".')
    text: str = strawberry.field(
        description="The raw figure in words and what gives the full component, e.g. "
        '"2 active or completed projects in 2019–2021 (one a year gives the full score)".'
    )

    @strawberry.field
    def component(self) -> ActivityComponent:
        return ActivityComponent(self.name)


@strawberry.type(description="An active organisation, and whether its akimat supports it.")
class ActiveOrganization:
    organization: Organization
    score: float
    components: list[ActivityPart]
    supported_by_territory_akimat: bool = strawberry.field(
        description="The akimat of the territory asked for has a support of it in force today "
        "(`recordSupport`)."
    )
    support_forms: list[str] = strawberry.field(
        deprecation_reason="Use `supportKinds`: the same as enums."
    )
    support_kinds: list[SupportKind] = strawberry.field(
        description="The kinds of support the territory's akimat gives it today."
    )
    supported_by: list[str] = strawberry.field(
        description="Codes of supporting akimats.",
        deprecation_reason="Use `supporters`: the akimats as objects.",
    )
    reference_year: int | None
    window_years: int

    @strawberry.field(description="The akimats supporting it, by code.")
    async def supporters(self, info: Info) -> list[AkimatType]:
        from api.types.territory import Akimat

        found = await info.context.loaders.akimat.load_many(self.supported_by)
        return [Akimat.from_domain(a) for a in found if a is not None]

    @classmethod
    def from_domain(cls, a: discovery.ActiveOrganization) -> ActiveOrganization:
        return cls(
            organization=Organization.from_domain(a.organization),
            score=a.score,
            components=[
                ActivityPart(
                    name=c.name,
                    value=c.value,
                    score=c.score,
                    weight=c.weight,
                    contribution=c.contribution,
                    label=str(c.label),
                    text=str(c.text),
                )
                for c in a.components
            ],
            supported_by_territory_akimat=a.supported_by_territory_akimat,
            support_forms=list(a.support_kinds),
            support_kinds=[SupportKind(k) for k in a.support_kinds],
            supported_by=list(a.supported_by),
            reference_year=a.reference_year,
            window_years=a.window,
        )


@strawberry.type(description="What a coordinator did with a suggestion.")
class SuggestionOutcome:
    id: str
    at: dt.datetime
    actor: str
    outcome: OutcomeKind
    note: str | None
    organization: OrgRef
    partner: OrgRef
    partnership_created: bool

    @classmethod
    def from_domain(cls, o: discovery.Outcome) -> SuggestionOutcome:
        return cls(
            id=o.id,
            at=o.at,
            actor=o.actor,
            outcome=o.outcome,
            note=o.note,
            organization=OrgRef.of(o.organization),
            partner=OrgRef.of(o.partner),
            partnership_created=o.partnership_created,
        )


@strawberry.type
class DuplicateReason:
    kind: DuplicateReasonKind
    contribution: float
    text: str


@strawberry.type(description="Two records that are probably the same organisation.")
class DuplicatePair:
    first: OrgRef
    second: OrgRef
    score: float
    name_similarity: float
    matched_names: list[str]
    reasons: list[DuplicateReason]
    territory_kato: str | None = strawberry.field(
        deprecation_reason="Use `territory { kato }`: the territory as an object."
    )
    projects: list[ProjectRef]

    @strawberry.field(description="Where both are located (the closest common territory).")
    async def territory(self, info: Info) -> TerritoryType | None:
        return await _territory(info, self.territory_kato)

    @classmethod
    def from_domain(cls, d: discovery.DuplicatePair) -> DuplicatePair:
        return cls(
            first=OrgRef.of(d.first),
            second=OrgRef.of(d.second),
            score=d.score,
            name_similarity=d.name_similarity,
            matched_names=list(d.matched_names),
            reasons=[
                DuplicateReason(kind=r.kind, contribution=r.contribution, text=str(r.text))
                for r in d.reasons
            ],
            territory_kato=d.territory_kato,
            projects=[ProjectRef(code=p.code, title=p.title) for p in d.projects],
        )


@strawberry.type(description="A change someone made: who, when, before → after.")
class AuditEvent:
    id: strawberry.ID
    at: dt.datetime
    actor: str
    action: str
    target: str = strawberry.field(description="What changed: a BIN, project code or pair.")
    before: JSON | None
    after: JSON | None

    @classmethod
    def from_domain(cls, r: AuditRecord) -> AuditEvent:
        return cls(
            id=strawberry.ID(r.id),
            at=r.at,
            actor=r.actor,
            action=r.action,
            target=r.target,
            before=JSON(r.before) if r.before is not None else None,
            after=JSON(r.after) if r.after is not None else None,
        )


AuditEventConnection = Connection[AuditEvent]

_RANKED = (
    "A page of a ranking. Cursors are positions in the ranking (offset cursors over a "
    "deterministic order), so a page after a write may repeat or skip an item; the ranking "
    "reaches its best 100."
)


@strawberry.type(description=_RANKED)
class SuggestionConnection:
    page_info: PageInfo
    edges: list[Edge[Suggestion]]

    @classmethod
    def of(cls, page: Page[discovery.Suggestion]) -> SuggestionConnection:
        return cls(
            page_info=PageInfo.of(page),
            edges=[Edge(cursor=c, node=Suggestion.from_domain(s)) for c, s in page.items],
        )


@strawberry.type(description=_RANKED)
class ActiveOrganizationConnection:
    page_info: PageInfo
    edges: list[Edge[ActiveOrganization]]
    graph_version: int | None = strawberry.field(
        description="The graph version the activity scores were computed from: writes after it "
        "are not in them yet (a recomputation runs in the background after writes)."
    )
    computed_at: dt.datetime = strawberry.field(description="When the scores were computed.")

    @classmethod
    def of(
        cls, page: Page[discovery.ActiveOrganization], fresh: Computed[Any]
    ) -> ActiveOrganizationConnection:
        return cls(
            page_info=PageInfo.of(page),
            edges=[Edge(cursor=c, node=ActiveOrganization.from_domain(a)) for c, a in page.items],
            graph_version=fresh.graph_version,
            computed_at=fresh.computed_at,
        )


@strawberry.type(description=_RANKED)
class DuplicatePairConnection:
    page_info: PageInfo
    edges: list[Edge[DuplicatePair]]

    @classmethod
    def of(cls, page: Page[discovery.DuplicatePair]) -> DuplicatePairConnection:
        return cls(
            page_info=PageInfo.of(page),
            edges=[Edge(cursor=c, node=DuplicatePair.from_domain(d)) for c, d in page.items],
        )


@strawberry.type(
    description="Outcomes newest first. Cursors are positions (offset cursors); the 100 newest "
    "are reachable."
)
class SuggestionOutcomeConnection:
    page_info: PageInfo
    edges: list[Edge[SuggestionOutcome]]

    @classmethod
    def of(cls, page: Page[discovery.Outcome]) -> SuggestionOutcomeConnection:
        return cls(
            page_info=PageInfo.of(page),
            edges=[Edge(cursor=c, node=SuggestionOutcome.from_domain(o)) for c, o in page.items],
        )
