"""What people read for each value of a closed vocabulary, in Kazakh, Russian and English.

Codes (``ngo``, ``state_grant``) are for machines and files; a coordinator reads «ҮЕҰ» or «НКО».
Each vocabulary maps its stored values to a :class:`Label`: a short label and, where the label
alone could mislead, a description. Labels are :class:`graph.i18n.Text` with the vocabulary's name
as context (``tp("OrgKind", "Foundation")`` and ``tp("LegalForm", "Foundation")`` are translated
apart), so translators find them in ``graph/i18n/locales/<kk|ru>/labels.po``. Focus areas keep
their names beside the data (:mod:`graph.focus_areas`) and are served from there.

The API lists these per GraphQL enum (``labels`` query); a test fails when an enum value has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.focus_areas import FOCUS_AREAS
from graph.i18n import Language, Text, current_language, tp
from graph.vocab import (
    AkimatLevel,
    FlagKind,
    GiverKind,
    LegalForm,
    Mechanism,
    NeedStatus,
    OfferCategory,
    OfferStatus,
    OrgKind,
    PartnershipBasis,
    PersonRelation,
    ProjectStatus,
    Role,
    ServiceKind,
    Settlement,
    Skill,
    SupportForm,
    SupportKind,
    TerritoryType,
    Urgency,
)

__all__ = ["VOCABULARIES", "Label", "Names", "Vocabulary"]


@dataclass(frozen=True, slots=True)
class Names:
    """A label kept in each language beside the data (a focus area's name), shown like a Text."""

    ru: str
    kk: str
    en: str

    def render(self, language: Language | None = None) -> str:
        lang = language or current_language()
        return {Language.RU: self.ru, Language.KK: self.kk, Language.EN: self.en}[lang]

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Label:
    label: Text | Names
    description: Text | None = None


Vocabulary = Mapping[str, Label]
"""A vocabulary's labels by stored value (an enum member of :mod:`graph.vocab` is its value)."""


def _plain(**labels: Text) -> dict[str, Label]:
    return {value: Label(label) for value, label in labels.items()}


_ORG_KINDS: dict[str, Label] = {
    OrgKind.NGO: Label(
        tp("OrgKind", "NGO"), tp("OrgKind", "A non-governmental non-profit organisation")
    ),
    OrgKind.VETERANS_UNION: Label(tp("OrgKind", "Veterans' union")),
    OrgKind.YOUTH_GROUP: Label(tp("OrgKind", "Youth organisation")),
    OrgKind.RESOURCE_CENTER: Label(
        tp("OrgKind", "Resource centre"),
        tp("OrgKind", "Trains and advises other organisations, like the House of NGOs"),
    ),
    OrgKind.FOUNDATION: Label(tp("OrgKind", "Foundation")),
    OrgKind.VOLUNTEER_CLUB: Label(tp("OrgKind", "Volunteer club")),
    OrgKind.INITIATIVE_GROUP: Label(
        tp("OrgKind", "Initiative group"),
        tp("OrgKind", "People acting together without a registered legal entity (no BIN yet)"),
    ),
}

_LEGAL_FORMS: dict[str, Label] = {
    LegalForm.PUBLIC_ASSOCIATION: Label(tp("LegalForm", "Public association")),
    LegalForm.PRIVATE_INSTITUTION: Label(tp("LegalForm", "Private institution")),
    LegalForm.FOUNDATION: Label(tp("LegalForm", "Foundation")),
    LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: Label(
        tp("LegalForm", "Association of legal entities")
    ),
    LegalForm.NON_PROFIT_JSC: Label(tp("LegalForm", "Non-profit joint-stock company")),
    LegalForm.NO_LEGAL_ENTITY: Label(tp("LegalForm", "Without a legal entity")),
}

_ROLES: dict[str, Label] = {
    Role.FUNDING: Label(
        tp("Role", "Funding organisation"), tp("Role", "Provides the money for the project")
    ),
    Role.ACCOUNTABLE: Label(
        tp("Role", "Accountable organisation"),
        tp("Role", "Answers for the project and its results"),
    ),
    Role.EXTENDING: Label(
        tp("Role", "Managing organisation"),
        tp("Role", "Manages the funder's money and passes it on to those who carry out the work"),
    ),
    Role.IMPLEMENTING: Label(
        tp("Role", "Implementing organisation"), tp("Role", "Carries out the project's work")
    ),
    Role.PARTNER: Label(tp("Role", "Partner")),
}

_MECHANISMS: dict[str, Label] = {
    Mechanism.STATE_SOCIAL_ORDER: Label(
        tp("Mechanism", "State social order"),
        tp("Mechanism", "An akimat orders social services from an NGO and pays for them"),
    ),
    Mechanism.STATE_GRANT: Label(
        tp("Mechanism", "State grant"),
        tp("Mechanism", "Budget money for an NGO's own project, won in a competition"),
    ),
    Mechanism.NGO_AWARD: Label(
        tp("Mechanism", "NGO award"), tp("Mechanism", "The state award for NGOs")
    ),
    Mechanism.PRIVATE_DONATION: Label(tp("Mechanism", "Private donation")),
    Mechanism.IN_KIND: Label(
        tp("Mechanism", "In-kind help"),
        tp("Mechanism", "Goods, premises or work given instead of money, at their value"),
    ),
    Mechanism.OWN_INCOME: Label(tp("Mechanism", "Own income")),
}

_AKIMAT_LEVELS: dict[str, Label] = {
    AkimatLevel.REGION: Label(tp("AkimatLevel", "Regional akimat")),
    AkimatLevel.CITY: Label(tp("AkimatLevel", "City akimat")),
    AkimatLevel.DISTRICT: Label(tp("AkimatLevel", "District akimat")),
    AkimatLevel.RURAL_OKRUG: Label(tp("AkimatLevel", "Office of the rural district akim")),
}

_TERRITORY_TYPES: dict[str, Label] = {
    TerritoryType.REGION: Label(tp("TerritoryType", "Region")),
    TerritoryType.CITY: Label(tp("TerritoryType", "City")),
    TerritoryType.DISTRICT: Label(tp("TerritoryType", "District")),
    TerritoryType.RURAL_OKRUG: Label(tp("TerritoryType", "Rural district")),
    TerritoryType.SETTLEMENT: Label(tp("TerritoryType", "Settlement")),
}

_SETTLEMENTS: dict[str, Label] = {
    Settlement.URBAN: Label(tp("Settlement", "Urban area")),
    Settlement.RURAL: Label(tp("Settlement", "Rural area")),
}

_PROJECT_STATUSES: dict[str, Label] = {
    ProjectStatus.PLANNED: Label(tp("ProjectStatus", "Planned")),
    ProjectStatus.ACTIVE: Label(tp("ProjectStatus", "Under way")),
    ProjectStatus.COMPLETED: Label(tp("ProjectStatus", "Completed")),
    ProjectStatus.CANCELLED: Label(tp("ProjectStatus", "Cancelled")),
}

_PERSON_RELATIONS: dict[str, Label] = {
    PersonRelation.VOLUNTEER: Label(tp("PersonRelation", "Volunteer")),
    PersonRelation.MEMBER: Label(tp("PersonRelation", "Member")),
}

_PARTNERSHIP_BASES: dict[str, Label] = {
    PartnershipBasis.JOINT_PROJECT: Label(tp("PartnershipBasis", "Joint project")),
    PartnershipBasis.MEMORANDUM: Label(tp("PartnershipBasis", "Memorandum of cooperation")),
    PartnershipBasis.MENTORING: Label(tp("PartnershipBasis", "Mentoring")),
    PartnershipBasis.INFORMAL: Label(tp("PartnershipBasis", "Informal cooperation")),
    PartnershipBasis.SUGGESTION: Label(
        tp("PartnershipBasis", "From a suggestion"),
        tp("PartnershipBasis", "Began with a partner suggestion of this system"),
    ),
    PartnershipBasis.OTHER: Label(
        tp("PartnershipBasis", "Other"),
        tp("PartnershipBasis", "A basis recorded in other words; the record keeps them"),
    ),
}

_SUPPORT_FORMS: dict[str, Label] = {
    SupportForm.PREMISES: Label(tp("SupportForm", "Premises")),
    SupportForm.INFORMATION: Label(tp("SupportForm", "Information support")),
    SupportForm.CONSULTING: Label(tp("SupportForm", "Consulting")),
    SupportForm.GRANT_SUPPORT: Label(tp("SupportForm", "Grant support")),
    SupportForm.OTHER: Label(
        tp("SupportForm", "Other"),
        tp("SupportForm", "A form recorded in other words; the record keeps them"),
    ),
}

_SUPPORT_KINDS: dict[str, Label] = {
    SupportKind.GRANT: Label(tp("SupportKind", "Grant")),
    SupportKind.PREMISES: Label(tp("SupportKind", "Premises")),
    SupportKind.INFORMATION: Label(
        tp("SupportKind", "Information support"),
        tp("SupportKind", "News and announcements of the organisation in the akimat's media"),
    ),
    SupportKind.TRANSPORT: Label(tp("SupportKind", "Transport")),
    SupportKind.TRAINING: Label(
        tp("SupportKind", "Training and consulting"),
        tp("SupportKind", "Courses, seminars and advice for the organisation's people"),
    ),
    SupportKind.AWARD: Label(
        tp("SupportKind", "Award"),
        tp("SupportKind", "An award, a letter of thanks or a certificate of honour"),
    ),
    SupportKind.OTHER: Label(tp("SupportKind", "Other support")),
}

_FLAG_KINDS: dict[str, Label] = {
    FlagKind.STATE_FUNDED_LOW_REACH: Label(
        tp("FlagKind", "State-funded, low reach"),
        tp(
            "FlagKind",
            "Mostly state-budget money, while completed projects reached fewer people than "
            "they targeted",
        ),
    ),
    FlagKind.SELF_FUNDED: Label(
        tp("FlagKind", "Without budget money"),
        tp("FlagKind", "Funded by own income, donations or in-kind help, not the state budget"),
    ),
    FlagKind.SINGLE_FUNDER: Label(
        tp("FlagKind", "One funder"),
        tp("FlagKind", "Almost all of its funding comes from one funder"),
    ),
    FlagKind.HIGH_COST_PER_BENEFICIARY: Label(
        tp("FlagKind", "High cost per person reached"),
        tp("FlagKind", "Several times the median funding per person reached"),
    ),
    FlagKind.TARGETS_MET: Label(
        tp("FlagKind", "Targets met"),
        tp("FlagKind", "Completed projects reached at least the people they targeted"),
    ),
    FlagKind.NO_RECENT_PROJECTS: Label(
        tp("FlagKind", "No recent projects"),
        tp("FlagKind", "No active or completed project in recent years"),
    ),
    FlagKind.NO_PARTNERS: Label(
        tp("FlagKind", "No partners"), tp("FlagKind", "No partnership in force")
    ),
}

_OFFER_CATEGORIES: dict[str, Label] = {
    OfferCategory.FLAT: Label(tp("OfferCategory", "Flat")),
    OfferCategory.HOUSE: Label(tp("OfferCategory", "House")),
    OfferCategory.GOODS: Label(
        tp("OfferCategory", "Goods"), tp("OfferCategory", "Clothes, food, furniture, equipment")
    ),
    OfferCategory.MONEY: Label(tp("OfferCategory", "Money")),
    OfferCategory.SKILL: Label(
        tp("OfferCategory", "Skill"), tp("OfferCategory", "Work a person can do, such as legal "
                                                          "advice or teaching")
    ),
    OfferCategory.VOLUNTEER_TIME: Label(tp("OfferCategory", "Volunteer time")),
    OfferCategory.PREMISES: Label(tp("OfferCategory", "Premises")),
    OfferCategory.TRANSPORT: Label(tp("OfferCategory", "Transport")),
}  # fmt: skip

_OFFER_STATUSES: dict[str, Label] = {
    OfferStatus.OFFERED: Label(tp("OfferStatus", "Offered")),
    OfferStatus.RESERVED: Label(
        tp("OfferStatus", "Reserved"), tp("OfferStatus", "Kept for a need, not yet handed over")
    ),
    OfferStatus.HANDED_OVER: Label(
        tp("OfferStatus", "Handed over"), tp("OfferStatus", "All of it has been handed over")
    ),
    OfferStatus.WITHDRAWN: Label(
        tp("OfferStatus", "Withdrawn"), tp("OfferStatus", "The giver took the offer back")
    ),
}

_GIVER_KINDS: dict[str, Label] = {
    GiverKind.CITIZEN: Label(tp("GiverKind", "Citizen")),
    GiverKind.ORGANIZATION: Label(tp("GiverKind", "Organisation")),
    GiverKind.BUSINESS: Label(tp("GiverKind", "Business")),
    GiverKind.AKIMAT: Label(tp("GiverKind", "Akimat")),
}

_URGENCIES: dict[str, Label] = {
    Urgency.LOW: Label(tp("Urgency", "Low")),
    Urgency.MEDIUM: Label(tp("Urgency", "Medium")),
    Urgency.HIGH: Label(tp("Urgency", "High")),
    Urgency.CRITICAL: Label(tp("Urgency", "Critical")),
}

_NEED_STATUSES: dict[str, Label] = {
    NeedStatus.OPEN: Label(tp("NeedStatus", "Open")),
    NeedStatus.PARTLY_MET: Label(
        tp("NeedStatus", "Partly met"), tp("NeedStatus", "Some of it has been handed over")
    ),
    NeedStatus.MET: Label(tp("NeedStatus", "Met")),
    NeedStatus.CLOSED: Label(
        tp("NeedStatus", "Closed"), tp("NeedStatus", "Closed by the organisation, met or not")
    ),
}

_SKILLS: dict[str, Label] = {
    Skill.LEGAL: Label(tp("Skill", "Legal help")),
    Skill.ACCOUNTING: Label(tp("Skill", "Accounting")),
    Skill.IT: Label(tp("Skill", "Computers and the internet")),
    Skill.TEACHING: Label(tp("Skill", "Teaching")),
    Skill.MEDICAL: Label(tp("Skill", "Medical help")),
    Skill.PSYCHOLOGY: Label(tp("Skill", "Psychological help")),
    Skill.SOCIAL_WORK: Label(tp("Skill", "Social work")),
    Skill.CONSTRUCTION: Label(tp("Skill", "Construction and repair")),
    Skill.DRIVING: Label(tp("Skill", "Driving")),
    Skill.COOKING: Label(tp("Skill", "Cooking")),
    Skill.TRANSLATION: Label(tp("Skill", "Translation")),
    Skill.DESIGN: Label(tp("Skill", "Design")),
    Skill.MEDIA: Label(tp("Skill", "Media and social networks")),
    Skill.EVENTS: Label(tp("Skill", "Organising events")),
    Skill.SPORTS: Label(tp("Skill", "Sport and coaching")),
}

# Vocabularies of other modules, by their stored values: importing those modules here would tie
# this table to discovery, tokens and sorting code; the API's test checks every value is here.
_ACCESS_LEVELS = {
    "viewer": Label(tp("AccessLevel", "Viewer"), tp("AccessLevel", "Reads public data")),
    "coordinator": Label(
        tp("AccessLevel", "Coordinator"),
        tp("AccessLevel", "Also creates and updates organisations, projects and partnerships"),
    ),
    "steward": Label(
        tp("AccessLevel", "Steward"),
        tp(
            "AccessLevel",
            "The House of NGOs' staff: also records offers, handovers and services, and reads "
            "citizen givers' and volunteers' personal data",
        ),
    ),
    "admin": Label(
        tp("AccessLevel", "Administrator"),
        tp("AccessLevel", "Also reads the audit log and volunteers' names"),
    ),
}

_REASON_KINDS = _plain(
    shared_projects=tp("ReasonKind", "Shared projects"),
    common_partners=tp("ReasonKind", "Common partners"),
    complementary_kinds=tp("ReasonKind", "Kinds that complement each other"),
    same_territory=tp("ReasonKind", "Same territory"),
    shared_focus=tp("ReasonKind", "Shared focus areas"),
    same_akimat=tp("ReasonKind", "Same akimat"),
    former_partners=tp("ReasonKind", "Former partners"),
    complementary_resources=tp("ReasonKind", "Resources that complement each other"),
)

_COMPLEMENTS = {
    "mentoring": Label(
        tp("Complement", "Mentoring"),
        tp("Complement", "A veterans' union and a youth organisation: mentoring, patriotic "
                         "education"),
    ),
    "resource_centre": Label(
        tp("Complement", "Resource centre"),
        tp("Complement", "A resource centre and an organisation it can train and advise"),
    ),
    "urban_rural": Label(
        tp("Complement", "Urban and rural"),
        tp("Complement", "An experienced urban organisation and a rural one with few staff, "
                         "working on the same problem"),
    ),
}  # fmt: skip

_MATCH_CANDIDATES = _plain(
    offer=tp("MatchCandidateKind", "Offer"),
    volunteer=tp("MatchCandidateKind", "Volunteer"),
    need=tp("MatchCandidateKind", "Need"),
)

_MATCH_REASONS = _plain(
    same_category=tp("MatchReasonKind", "Same category"),
    nearby=tp("MatchReasonKind", "Nearby"),
    quantity=tp("MatchReasonKind", "Enough of it"),
    in_time=tp("MatchReasonKind", "In time"),
    history=tp("MatchReasonKind", "Handed over before"),
    urgency=tp("MatchReasonKind", "Urgency"),
)

_HOP_KINDS = _plain(
    partnership=tp("HopKind", "Partnership"),
    project=tp("HopKind", "Joint project"),
    supporter=tp("HopKind", "Supporting akimat"),
    funder=tp("HopKind", "Common funder"),
)

_OUTCOME_KINDS = _plain(
    contacted=tp("OutcomeKind", "Contacted"),
    partnered=tp("OutcomeKind", "Became partners"),
    declined=tp("OutcomeKind", "Declined"),
)

_DUPLICATE_REASON_KINDS = {
    "similar_name": Label(tp("DuplicateReasonKind", "Similar name")),
    "same_territory": Label(tp("DuplicateReasonKind", "Same territory")),
    "shared_people": Label(tp("DuplicateReasonKind", "Same members and volunteers")),
    "same_profile": Label(
        tp("DuplicateReasonKind", "Same profile"),
        tp("DuplicateReasonKind", "Same kind of organisation, founded the same year"),
    ),
    "shared_projects": Label(tp("DuplicateReasonKind", "Same projects")),
}

_MERGE_ACTIONS = {
    "move": Label(
        tp("MergeAction", "Moved"),
        tp("MergeAction", "Moved to the organisation kept, as it is"),
    ),
    "combine": Label(
        tp("MergeAction", "Combined"),
        tp("MergeAction", "Joined with the same relationship of the organisation kept"),
    ),
    "drop": Label(
        tp("MergeAction", "Dropped"),
        tp("MergeAction", "Not carried over: the kept organisation's territory stays, or the two "
                          "were partners of each other"),
    ),
}  # fmt: skip

_ORGANIZATION_SORTS = _plain(
    name=tp("OrgSort", "Name"),
    founded_year=tp("OrgSort", "Year founded"),
    funding_received=tp("OrgSort", "Funding received"),
    activity=tp("OrgSort", "Activity"),
)

_PROJECT_SORTS = _plain(
    start_date=tp("ProjectSort", "Start date"),
    title=tp("ProjectSort", "Title"),
    budget_kzt=tp("ProjectSort", "Budget"),
)

_FUNDING_GROUPS = _plain(
    mechanism=tp("FundingGroup", "Funding mechanism"),
    year=tp("FundingGroup", "Year"),
    funder=tp("FundingGroup", "Funder"),
)

# The labels ``ActivityPart.label`` shows (graph/discovery/activity.py): one text, one translation.
_ACTIVITY_COMPONENTS = {
    "projects": Label(
        tp("activity score", "Projects"),
        tp("ActivityComponent", "Active or completed projects in the window"),
    ),
    "partners": Label(
        tp("activity score", "Partners"),
        tp("ActivityComponent", "Partnerships in force in the reference year"),
    ),
    "volunteers": Label(tp("activity score", "Volunteers")),
    "results": Label(
        tp("activity score", "Results"),
        tp("ActivityComponent", "People reached by completed projects, against their targets"),
    ),
}

_AKIMAT_TIES = _plain(
    funds=tp("AkimatTie", "Funds both"),
    supports=tp("AkimatTie", "Supports both"),
)

_SORT_DIRECTIONS = _plain(
    asc=tp("SortDirection", "Ascending"),
    desc=tp("SortDirection", "Descending"),
)

_SERVICE_KINDS: dict[str, Label] = {
    ServiceKind.CONSULTATION: Label(tp("ServiceKind", "Consultation")),
    ServiceKind.TRAINING: Label(
        tp("ServiceKind", "Training"),
        tp("ServiceKind", "A seminar or course; its participants are counted"),
    ),
    ServiceKind.LEGAL: Label(tp("ServiceKind", "Legal help")),
    ServiceKind.ACCOUNTING: Label(tp("ServiceKind", "Accounting help")),
    ServiceKind.FUNDRAISING: Label(
        tp("ServiceKind", "Fundraising"),
        tp("ServiceKind", "Help with grant applications and raising money"),
    ),
    ServiceKind.PREMISES: Label(tp("ServiceKind", "Premises")),
    ServiceKind.MEDIA: Label(tp("ServiceKind", "Media support")),
}

_FOCUS_AREAS = {a.code: Label(Names(a.name_ru, a.name_kk, a.name_en)) for a in FOCUS_AREAS}

VOCABULARIES: Mapping[str, Vocabulary] = MappingProxyType(
    {
        "OrgKind": _ORG_KINDS,
        "LegalForm": _LEGAL_FORMS,
        "Role": _ROLES,
        "Mechanism": _MECHANISMS,
        "AkimatLevel": _AKIMAT_LEVELS,
        "TerritoryType": _TERRITORY_TYPES,
        "Settlement": _SETTLEMENTS,
        "ProjectStatus": _PROJECT_STATUSES,
        "PersonRelation": _PERSON_RELATIONS,
        "PartnershipBasis": _PARTNERSHIP_BASES,
        "SupportForm": _SUPPORT_FORMS,
        "SupportKind": _SUPPORT_KINDS,
        "FlagKind": _FLAG_KINDS,
        "AccessLevel": _ACCESS_LEVELS,
        "ReasonKind": _REASON_KINDS,
        "Complement": _COMPLEMENTS,
        "HopKind": _HOP_KINDS,
        "OutcomeKind": _OUTCOME_KINDS,
        "DuplicateReasonKind": _DUPLICATE_REASON_KINDS,
        "MergeAction": _MERGE_ACTIONS,
        "OrgSort": _ORGANIZATION_SORTS,
        "ProjectSort": _PROJECT_SORTS,
        "FundingGroup": _FUNDING_GROUPS,
        "ActivityComponent": _ACTIVITY_COMPONENTS,
        "AkimatTie": _AKIMAT_TIES,
        "SortDirection": _SORT_DIRECTIONS,
        "FocusArea": _FOCUS_AREAS,
        "Skill": _SKILLS,
        "ServiceKind": _SERVICE_KINDS,
        "OfferCategory": _OFFER_CATEGORIES,
        "OfferStatus": _OFFER_STATUSES,
        "GiverKind": _GIVER_KINDS,
        "Urgency": _URGENCIES,
        "NeedStatus": _NEED_STATUSES,
        "MatchCandidateKind": _MATCH_CANDIDATES,
        "MatchReasonKind": _MATCH_REASONS,
    }
)
"""Every vocabulary by name (the context of its labels in the catalogues)."""
