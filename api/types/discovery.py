"""Partner discovery for coordinators: suggestions with reasons, connection paths, activity."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.types.focus_area import FocusArea
from api.types.organization import Organization
from graph import discovery
from graph.discovery import Complement, DuplicateReasonKind, HopKind, OutcomeKind, ReasonKind

strawberry.enum(ReasonKind, name="SuggestionReasonKind")
strawberry.enum(Complement, name="Complement")
strawberry.enum(HopKind, name="HopKind")
strawberry.enum(OutcomeKind, name="SuggestionOutcomeKind")
strawberry.enum(DuplicateReasonKind, name="DuplicateReasonKind")


@strawberry.type(description="An organisation named in a reason, by BIN and name.")
class OrgRef:
    bin: str
    name: str


@strawberry.type
class ProjectRef:
    code: str
    title: str


@strawberry.type
class AkimatRef:
    code: str
    name: str
    relation: str = strawberry.field(description="funds or supports")


@strawberry.type(description="Why an organisation is suggested; `text` is for people.")
class SuggestionReason:
    kind: ReasonKind
    contribution: float = strawberry.field(description="Its share of the score.")
    text: str
    focus_areas: list[FocusArea]
    organizations: list[OrgRef] = strawberry.field(description="Common partners.")
    projects: list[ProjectRef]
    akimats: list[AkimatRef]
    territory_kato: str | None
    complement: Complement | None

    @classmethod
    def from_domain(cls, r: discovery.Reason) -> SuggestionReason:
        return cls(
            kind=r.kind,
            contribution=r.contribution,
            text=r.text,
            focus_areas=[FocusArea.of(c) for c in r.focus_areas],
            organizations=[OrgRef(bin=o.bin, name=o.name) for o in r.organizations],
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
            organizations=[OrgRef(bin=o.bin, name=o.name) for o in p.organizations],
            hops=[
                Hop(
                    kind=h.kind,
                    source=OrgRef(bin=h.source.bin, name=h.source.name),
                    target=OrgRef(bin=h.target.bin, name=h.target.name),
                    text=h.text,
                    key=h.key,
                    name=h.name,
                    since=h.since,
                )
                for h in p.hops
            ],
        )


@strawberry.type(description="A part of the activity score; contributions add up to it.")
class ActivityPart:
    name: str = strawberry.field(description="projects, partners, volunteers or results")
    value: float | None = strawberry.field(description="The raw figure (None: no data).")
    score: float
    weight: float
    contribution: float


@strawberry.type(description="An active organisation, and whether its akimat supports it.")
class ActiveOrganization:
    organization: Organization
    score: float
    components: list[ActivityPart]
    supported_by_territory_akimat: bool
    support_forms: list[str]
    supported_by: list[str] = strawberry.field(description="Codes of supporting akimats.")
    reference_year: int | None
    window_years: int

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
                )
                for c in a.components
            ],
            supported_by_territory_akimat=a.supported_by_territory_akimat,
            support_forms=list(a.support_forms),
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
            organization=OrgRef(bin=o.organization.bin, name=o.organization.name),
            partner=OrgRef(bin=o.partner.bin, name=o.partner.name),
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
    territory_kato: str | None
    projects: list[ProjectRef]

    @classmethod
    def from_domain(cls, d: discovery.DuplicatePair) -> DuplicatePair:
        return cls(
            first=OrgRef(bin=d.first.bin, name=d.first.name),
            second=OrgRef(bin=d.second.bin, name=d.second.name),
            score=d.score,
            name_similarity=d.name_similarity,
            matched_names=list(d.matched_names),
            reasons=[
                DuplicateReason(kind=r.kind, contribution=r.contribution, text=r.text)
                for r in d.reasons
            ],
            territory_kato=d.territory_kato,
            projects=[ProjectRef(code=p.code, title=p.title) for p in d.projects],
        )
