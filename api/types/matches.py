"""Matches of the House of NGOs: offers and volunteers for a need, needs for an offer
(:mod:`graph.hub.matching`), each with a score and the reasons that add up to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry
from strawberry.scalars import JSON

from api.context import Context
from api.permissions import IsSteward
from graph.hub import match_score, matching

if TYPE_CHECKING:
    from api.types.hub import Need, Offer
    from api.types.volunteers import Volunteer

Info = strawberry.Info[Context, None]
OfferRef = Annotated["Offer", strawberry.lazy("api.types.hub")]
NeedRef = Annotated["Need", strawberry.lazy("api.types.hub")]
VolunteerRef = Annotated["Volunteer", strawberry.lazy("api.types.volunteers")]

strawberry.enum(
    match_score.CandidateKind,
    name="MatchCandidateKind",
    description="What a match is: an offer or a volunteer for a need, a need for an offer.",
)
strawberry.enum(
    match_score.MatchReasonKind,
    name="MatchReasonKind",
    description="The parts of a match's score (docs/matching.md gives their weights).",
)
MatchCandidateKind: TypeAlias = match_score.CandidateKind
MatchReasonKind: TypeAlias = match_score.MatchReasonKind


@strawberry.type(description="Why a candidate matches: one part of its score, in words.")
class MatchReason:
    kind: MatchReasonKind
    contribution: float = strawberry.field(
        description="What this reason adds to the score; a match's contributions add up to it."
    )
    text: str = strawberry.field(description="The reason in the language of the request.")
    details: JSON = strawberry.field(
        description="The facts behind the text: codes, quantities, ISO dates, KATO codes."
    )

    @classmethod
    def from_domain(cls, r: match_score.MatchReason) -> MatchReason:
        details = JSON(dict(r.params))
        return cls(kind=r.kind, contribution=r.contribution, text=str(r.text), details=details)


@strawberry.type(
    description="A candidate and how well it fits: `score` in [0, 1] is the sum of the reasons' "
    "contributions. Exactly one of `offer`, `need`, `volunteer` is set, by `kind`."
)
class Match:
    kind: MatchCandidateKind
    score: float
    reasons: list[MatchReason]
    _code: strawberry.Private[str]

    @classmethod
    def from_domain(cls, m: matching.Match) -> Match:
        reasons = [MatchReason.from_domain(r) for r in m.reasons]
        return cls(kind=m.kind, score=m.score, reasons=reasons, _code=m.code)

    @strawberry.field(description="The offer, for a match of kind OFFER.")
    async def offer(self, info: Info) -> OfferRef | None:
        from api.types.hub import Offer

        if self.kind is not match_score.CandidateKind.OFFER:
            return None
        found = await info.context.loaders.offer.load(self._code)
        return Offer.from_domain(found) if found else None

    @strawberry.field(description="The need, for a match of kind NEED.")
    async def need(self, info: Info) -> NeedRef | None:
        from api.types.hub import Need

        if self.kind is not match_score.CandidateKind.NEED:
            return None
        found = await info.context.loaders.need.load(self._code)
        return Need.from_domain(found) if found else None

    @strawberry.field(
        description="The volunteer, for a match of kind VOLUNTEER (personal data: stewards and "
        "admins; anyone else sees the match and its reasons, and null here).",
        permission_classes=[IsSteward],
    )
    async def volunteer(self, info: Info) -> VolunteerRef | None:
        from api.types.volunteers import Volunteer

        if self.kind is not match_score.CandidateKind.VOLUNTEER:
            return None
        found = await info.context.loaders.volunteer.load(self._code)
        return Volunteer.from_domain(found) if found else None
