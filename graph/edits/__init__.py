"""Coordinators' edits: each one audited write (:func:`graph.audit.audited_write`) that checks,
writes, audits and bumps the version.

Values are judged by the rule book the importer uses (:mod:`graph.rules`), so a BIN or an amount
is judged the same way in a file and in the API; errors name the field in this package's
snake_case words (``focus_areas``). Organisations are archived, never deleted, except a
duplicate merged into the one kept (:mod:`graph.edits.merge`).
"""

from __future__ import annotations

from graph.edits.links import (
    PartnershipState,
    record_funding,
    save_partnership,
    set_participation,
)
from graph.edits.merge import (
    MergeAction,
    Merged,
    MergePlan,
    merge_organizations,
    merged_into,
    plan_merge,
)
from graph.edits.organizations import (
    OrganizationFields,
    archive_organization,
    create_organization,
    update_organization,
)
from graph.edits.projects import ProjectFields, save_project
from graph.edits.results import IndicatorFields, SetIndicator, remove_indicator, set_indicator
from graph.edits.supports import end_support, record_support

__all__ = [
    "IndicatorFields",
    "MergeAction",
    "MergePlan",
    "Merged",
    "OrganizationFields",
    "PartnershipState",
    "ProjectFields",
    "SetIndicator",
    "archive_organization",
    "create_organization",
    "end_support",
    "merge_organizations",
    "merged_into",
    "plan_merge",
    "record_funding",
    "record_support",
    "remove_indicator",
    "save_partnership",
    "save_project",
    "set_indicator",
    "set_participation",
    "update_organization",
]
