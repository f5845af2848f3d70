"""``labels``: what people read for each enum value, in the language of the request.

A frontend fetches them once per language and caches them; enum values themselves never change
with the language. The texts are :mod:`graph.labels`; this module only says which of its
vocabularies each GraphQL enum shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import strawberry
from strawberry.types.enum import StrawberryEnumDefinition

from api.context import Context
from graph.errors import InvalidInput
from graph.focus_areas import FOCUS_AREAS
from graph.i18n import t
from graph.labels import VOCABULARIES

Info = strawberry.Info[Context, None]

FOCUS_AREA = "FocusArea"
"""Not an enum: its values are the focus area codes as ``FocusArea.code`` shows them."""

VOCABULARY_OF: Mapping[str, str] = MappingProxyType(
    {
        "AccessLevel": "AccessLevel",
        "ActivityComponent": "ActivityComponent",
        "AkimatLevel": "AkimatLevel",
        "AkimatTie": "AkimatTie",
        "Complement": "Complement",
        "ComplementKind": "Complement",
        "DuplicateReasonKind": "DuplicateReasonKind",
        "FlagKind": "FlagKind",
        FOCUS_AREA: "FocusArea",
        "FocusAreaCode": "FocusArea",
        "FundingGroup": "FundingGroup",
        "FundingMechanism": "Mechanism",
        "GiverKind": "GiverKind",
        "HopKind": "HopKind",
        "LegalForm": "LegalForm",
        "MembershipKind": "PersonRelation",
        "MergeAction": "MergeAction",
        "NeedStatus": "NeedStatus",
        "OfferCategory": "OfferCategory",
        "OfferStatus": "OfferStatus",
        "OrganizationKind": "OrgKind",
        "OrganizationSortField": "OrgSort",
        "ParticipationRole": "Role",
        "PartnershipBasis": "PartnershipBasis",
        "ProjectSortField": "ProjectSort",
        "ProjectStatus": "ProjectStatus",
        "Settlement": "Settlement",
        "MatchCandidateKind": "MatchCandidateKind",
        "MatchReasonKind": "MatchReasonKind",
        "ServiceKind": "ServiceKind",
        "Skill": "Skill",
        "SortDirection": "SortDirection",
        "SuggestionOutcomeKind": "OutcomeKind",
        "SuggestionReasonKind": "ReasonKind",
        "SupportForm": "SupportForm",
        "SupportKind": "SupportKind",
        "TerritoryType": "TerritoryType",
        "Urgency": "Urgency",
    }
)
"""GraphQL type name → its vocabulary in :data:`graph.labels.VOCABULARIES`."""


@strawberry.type(
    description="What people read for one enum value, in the language of the request "
    "(`Accept-Language`). The value itself is the same in every language."
)
class Label:
    type: str = strawberry.field(
        description="The GraphQL enum type, e.g. `OrganizationKind`; `FocusArea` for focus "
        "area codes."
    )
    value: str = strawberry.field(
        description="The value as GraphQL shows it: `NGO`; for `FocusArea` the `code`."
    )
    label: str = strawberry.field(description="A short label, e.g. «ҮЕҰ», «НКО» or «NGO».")
    description: str | None = strawberry.field(
        description="A sentence more where the label alone could mislead; null otherwise."
    )


def enum_values(schema: strawberry.Schema, type_name: str) -> list[tuple[str, str]]:
    """(value as GraphQL shows it, value as stored) for each value of ``type_name``."""
    if type_name == FOCUS_AREA:
        return [(area.code, area.code) for area in FOCUS_AREAS]
    definition = schema.get_type_by_name(type_name)
    assert isinstance(definition, StrawberryEnumDefinition), type_name
    return [(value.name, str(value.value)) for value in definition.values]


def labels_of(schema: strawberry.Schema, type_name: str) -> list[Label]:
    vocabulary = VOCABULARIES[VOCABULARY_OF[type_name]]
    found = []
    for shown, stored in enum_values(schema, type_name):
        entry = vocabulary[stored]
        description = entry.description.render() if entry.description else None
        label = entry.label.render()
        found.append(Label(type=type_name, value=shown, label=label, description=description))
    return found


@strawberry.type
class LabelQuery:
    @strawberry.field(
        description="Labels of enum values (and of focus area codes, type `FocusArea`) in the "
        "language of `Accept-Language`: every enum when `types` is null, else the types named. "
        "Fetch once per language and cache. An unknown type name is BAD_USER_INPUT."
    )
    def labels(self, info: Info, types: list[str] | None = None) -> list[Label]:
        names = sorted(VOCABULARY_OF) if types is None else list(dict.fromkeys(types))
        unknown = [name for name in names if name not in VOCABULARY_OF]
        if unknown:
            raise InvalidInput(
                t(
                    "no labels for {names}; the types with labels are: {known}",
                    names=", ".join(unknown),
                    known=", ".join(sorted(VOCABULARY_OF)),
                ),
                field="types",
            )
        return [label for name in names for label in labels_of(info.schema, name)]
