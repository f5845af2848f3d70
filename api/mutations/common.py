"""What the mutations share: who may call them, the closed sets their inputs use, the shared
shape of an object a payload returns."""

from __future__ import annotations

from enum import StrEnum

import strawberry
from strawberry.permission import BasePermission

from api.context import Context
from api.permissions import IsCoordinator
from api.types.common import PartnershipBasis

__all__ = ["COORDINATOR", "FocusAreaCode", "Info", "PartnershipBasis", "codes"]

Info = strawberry.Info[Context, None]
COORDINATOR: list[type[BasePermission]] = [IsCoordinator]


@strawberry.enum(description="The codes of the fixed taxonomy of focus areas (`focusAreas`).")
class FocusAreaCode(StrEnum):
    SOCIAL_SUPPORT = "social_support"
    HOUSING_HELP = "housing_help"
    CHILDREN_FAMILIES = "children_families"
    DISABILITY = "disability"
    ELDERLY = "elderly"
    YOUTH = "youth"
    PATRIOTIC_EDUCATION = "patriotic_education"
    VETERANS = "veterans"
    HEALTH = "health"
    EDUCATION = "education"
    ECOLOGY = "ecology"
    CULTURE = "culture"
    SPORT = "sport"
    VOLUNTEERING = "volunteering"
    CIVIC_ENGAGEMENT = "civic_engagement"
    LEGAL_AID = "legal_aid"
    RURAL_DEVELOPMENT = "rural_development"
    NGO_CAPACITY = "ngo_capacity"


def codes(values: list[FocusAreaCode] | None) -> list[str] | None:
    return None if values is None else [v.value for v in values]
