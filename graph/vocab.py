"""Closed vocabularies of the model. File values are their snake_case ``value``s.

Labels and relationship types that vary at run time come only from these enums, never from input.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar


class OrgKind(StrEnum):
    NGO = "ngo"
    VETERANS_UNION = "veterans_union"
    YOUTH_GROUP = "youth_group"
    RESOURCE_CENTER = "resource_center"
    FOUNDATION = "foundation"
    VOLUNTEER_CLUB = "volunteer_club"
    INITIATIVE_GROUP = "initiative_group"
    """People acting together without a legal entity (no BIN): ``graph.edits.groups``."""

    @property
    def label(self) -> str:
        """The extra Neo4j label a node of this kind carries beside ``Organization``."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrgKind.NGO: "NGO",
    OrgKind.VETERANS_UNION: "VeteransUnion",
    OrgKind.YOUTH_GROUP: "YouthGroup",
    OrgKind.RESOURCE_CENTER: "ResourceCenter",
    OrgKind.FOUNDATION: "Foundation",
    OrgKind.VOLUNTEER_CLUB: "VolunteerClub",
    OrgKind.INITIATIVE_GROUP: "InitiativeGroup",
}
KIND_LABELS: frozenset[str] = frozenset(_KIND_LABELS.values())


class LegalForm(StrEnum):
    PUBLIC_ASSOCIATION = "public_association"
    PRIVATE_INSTITUTION = "private_institution"
    FOUNDATION = "foundation"
    ASSOCIATION_OF_LEGAL_ENTITIES = "association_of_legal_entities"
    NON_PROFIT_JSC = "non_profit_jsc"
    NO_LEGAL_ENTITY = "no_legal_entity"
    """An initiative group's: it has not registered a legal entity."""


class Role(StrEnum):
    """IATI organisation roles in an activity."""

    FUNDING = "funding"
    ACCOUNTABLE = "accountable"
    EXTENDING = "extending"
    IMPLEMENTING = "implementing"
    PARTNER = "partner"


class Mechanism(StrEnum):
    STATE_SOCIAL_ORDER = "state_social_order"
    STATE_GRANT = "state_grant"
    NGO_AWARD = "ngo_award"
    PRIVATE_DONATION = "private_donation"
    IN_KIND = "in_kind"
    OWN_INCOME = "own_income"

    @property
    def is_state(self) -> bool:
        return self in STATE_MECHANISMS


STATE_MECHANISMS = frozenset(
    {Mechanism.STATE_SOCIAL_ORDER, Mechanism.STATE_GRANT, Mechanism.NGO_AWARD}
)


class AkimatLevel(StrEnum):
    REGION = "region"
    CITY = "city"
    DISTRICT = "district"
    RURAL_OKRUG = "rural_okrug"


class TerritoryType(StrEnum):
    REGION = "region"
    CITY = "city"
    DISTRICT = "district"
    RURAL_OKRUG = "rural_okrug"
    SETTLEMENT = "settlement"


class Settlement(StrEnum):
    URBAN = "urban"
    RURAL = "rural"


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class PersonRelation(StrEnum):
    VOLUNTEER = "volunteer"
    MEMBER = "member"


class PartnershipBasis(StrEnum):
    """What a partnership rests on. The file column is free text, so values outside this set read
    as ``OTHER`` (see :meth:`of`); the text itself stays on the relationship."""

    JOINT_PROJECT = "joint_project"
    MEMORANDUM = "memorandum"
    MENTORING = "mentoring"
    INFORMAL = "informal"
    SUGGESTION = "suggestion"
    OTHER = "other"

    @classmethod
    def of(cls, text: str | None) -> PartnershipBasis | None:
        return _closest(cls, text)


class SupportForm(StrEnum):
    """How an akimat supports an organisation; free text in files, so ``OTHER`` for the rest."""

    PREMISES = "premises"
    INFORMATION = "information"
    CONSULTING = "consulting"
    GRANT_SUPPORT = "grant_support"
    OTHER = "other"

    @classmethod
    def of(cls, text: str | None) -> SupportForm | None:
        return _closest(cls, text)


class SupportKind(StrEnum):
    """What an akimat gives an organisation it supports (a support record's ``kind``)."""

    GRANT = "grant"
    PREMISES = "premises"
    INFORMATION = "information"
    TRANSPORT = "transport"
    TRAINING = "training"
    AWARD = "award"
    OTHER = "other"

    @classmethod
    def of_form(cls, text: str | None) -> SupportKind | None:
        """The kind an older file's free-text ``form`` names: a kind by its value, one of
        :class:`SupportForm` (``consulting`` is training, ``grant_support`` a grant), else
        ``OTHER``; ``None`` for no text."""
        found = _closest(cls, text)
        if found is not cls.OTHER:
            return found
        form = SupportForm.of(text)
        return None if form is None else _KIND_OF_FORM[form]

    @property
    def form(self) -> SupportForm:
        """The form of support this kind was called before kinds (the deprecated API field)."""
        return next((f for f, k in _KIND_OF_FORM.items() if k is self), SupportForm.OTHER)


_KIND_OF_FORM = {
    SupportForm.PREMISES: SupportKind.PREMISES,
    SupportForm.INFORMATION: SupportKind.INFORMATION,
    SupportForm.CONSULTING: SupportKind.TRAINING,
    SupportForm.GRANT_SUPPORT: SupportKind.GRANT,
    SupportForm.OTHER: SupportKind.OTHER,
}


class FlagKind(StrEnum):
    """The neutral indicator flags of ``graph.analytics.indicators.flags``."""

    STATE_FUNDED_LOW_REACH = "state_funded_low_reach"
    SELF_FUNDED = "self_funded"
    SINGLE_FUNDER = "single_funder"
    HIGH_COST_PER_BENEFICIARY = "high_cost_per_beneficiary"
    TARGETS_MET = "targets_met"
    NO_RECENT_PROJECTS = "no_recent_projects"
    NO_PARTNERS = "no_partners"


class OfferCategory(StrEnum):
    """What is offered, or needed: the House of NGOs' categories (offers and needs share them)."""

    FLAT = "flat"
    HOUSE = "house"
    GOODS = "goods"
    MONEY = "money"
    SKILL = "skill"
    VOLUNTEER_TIME = "volunteer_time"
    PREMISES = "premises"
    TRANSPORT = "transport"


class OfferStatus(StrEnum):
    OFFERED = "offered"
    RESERVED = "reserved"
    HANDED_OVER = "handed_over"
    """All of the offer's quantity has been handed over (set by handovers, not by hand)."""
    WITHDRAWN = "withdrawn"


class GiverKind(StrEnum):
    """Who offers: a citizen's name and contact are personal data (kept only with consent)."""

    CITIZEN = "citizen"
    ORGANIZATION = "organization"
    BUSINESS = "business"
    AKIMAT = "akimat"


class Urgency(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class NeedStatus(StrEnum):
    OPEN = "open"
    PARTLY_MET = "partly_met"
    """Some of the quantity has been handed over (set by handovers)."""
    MET = "met"
    """All of it has been handed over (set by handovers)."""
    CLOSED = "closed"
    """Closed by the organisation, met or not."""


class Skill(StrEnum):
    """What a volunteer can do, and what a need or offer of category ``skill`` is about."""

    LEGAL = "legal"
    ACCOUNTING = "accounting"
    IT = "it"
    TEACHING = "teaching"
    MEDICAL = "medical"
    PSYCHOLOGY = "psychology"
    SOCIAL_WORK = "social_work"
    CONSTRUCTION = "construction"
    DRIVING = "driving"
    COOKING = "cooking"
    TRANSLATION = "translation"
    DESIGN = "design"
    MEDIA = "media"
    EVENTS = "events"
    SPORTS = "sports"


class ServiceKind(StrEnum):
    """What a resource centre (the House of NGOs) does for an organisation or initiative group."""

    CONSULTATION = "consultation"
    TRAINING = "training"
    LEGAL = "legal"
    ACCOUNTING = "accounting"
    FUNDRAISING = "fundraising"
    PREMISES = "premises"
    MEDIA = "media"


E = TypeVar("E", bound=StrEnum)


def _closest(enum: type[E], text: str | None) -> E | None:
    """``text`` as a member of ``enum`` (case, spaces and hyphens aside), else its ``OTHER``."""
    if text is None or not text.strip():
        return None
    value = "_".join(text.strip().lower().replace("-", " ").split())
    return enum(value) if value in enum._value2member_map_ else enum("other")
