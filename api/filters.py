"""``where:`` inputs in the style of ``@neo4j/graphql`` v7, turned into graph filters.

Each input field maps to one declared graph field (``graph.organizations.FIELDS``...); operators
left unset are ignored; ``AND``/``OR``/``NOT`` nest.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from api.types.common import (
    FlagKind,
    FundingMechanism,
    LegalForm,
    OrganizationKind,
    ProjectStatus,
    Settlement,
)
from graph.analytics.flagged import FLAGS
from graph.filters import All, AnyOf, Cond, Filter, Not, Op


@strawberry.input(description="Text comparisons (case-insensitive for contains/startsWith).")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    contains: str | None = None
    starts_with: str | None = None


@strawberry.input
class IntFilter:
    eq: int | None = None
    in_: list[int] | None = strawberry.field(default=None, name="in")
    lt: int | None = None
    lte: int | None = None
    gt: int | None = None
    gte: int | None = None


@strawberry.input
class FloatRange:
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None


@strawberry.input
class DateRange:
    lt: dt.date | None = None
    lte: dt.date | None = None
    gt: dt.date | None = None
    gte: dt.date | None = None


@strawberry.input
class KindFilter:
    eq: OrganizationKind | None = None
    in_: list[OrganizationKind] | None = strawberry.field(default=None, name="in")


@strawberry.input
class LegalFormFilter:
    eq: LegalForm | None = None
    in_: list[LegalForm] | None = strawberry.field(default=None, name="in")


@strawberry.input(description="KATO codes; matches the territory and everything under it.")
class TerritoryFilter:
    in_: list[str] = strawberry.field(name="in")


@strawberry.input(description="Relationship filter on focus-area codes.")
class FocusAreaFilter:
    some: list[str] | None = None
    none: list[str] | None = None


@strawberry.input(description="Relationship filter on partners' BINs (active partnerships).")
class PartnerFilter:
    some: list[str] | None = None
    none: list[str] | None = None


@strawberry.input(
    description="The flags `Organization.flags` shows (patterns worth a look, never verdicts): "
    "`some` of these, `none` of these. Archived organisations carry none."
)
class FlagFilter:
    some: list[FlagKind] | None = None
    none: list[FlagKind] | None = None


@strawberry.input
class OrganizationWhere:
    AND: list[OrganizationWhere] | None = None
    OR: list[OrganizationWhere] | None = None
    NOT: OrganizationWhere | None = None
    bin: StringFilter | None = None
    name: StringFilter | None = None
    kind: KindFilter | None = None
    legal_form: LegalFormFilter | None = None
    founded_year: IntFilter | None = None
    territory: TerritoryFilter | None = None
    settlement: Settlement | None = strawberry.field(
        default=None, description="Urban or rural (nearest territory up the tree that says so)."
    )
    focus_areas: FocusAreaFilter | None = None
    partners: PartnerFilter | None = None
    has_state_funding: bool | None = None
    state_funding_share: FloatRange | None = strawberry.field(
        default=None, description="State money ÷ all money into the projects it leads, 0..1."
    )
    flags: FlagFilter | None = None


@strawberry.input
class ProjectWhere:
    AND: list[ProjectWhere] | None = None
    OR: list[ProjectWhere] | None = None
    NOT: ProjectWhere | None = None
    code: StringFilter | None = None
    title: StringFilter | None = None
    status: list[ProjectStatus] | None = None
    start_date: DateRange | None = None
    end_date: DateRange | None = None
    active_in_year: int | None = strawberry.field(
        default=None, description="Running at some point in this year."
    )
    focus_areas: list[str] | None = None
    territory: TerritoryFilter | None = strawberry.field(
        default=None, description="Beneficiary territory, including everything under it."
    )
    funders: list[str] | None = strawberry.field(
        default=None, description="Akimat codes, organisation BINs or 'citizens'."
    )
    mechanisms: list[FundingMechanism] | None = None
    participants: list[str] | None = strawberry.field(default=None, description="BINs.")


_OPS = {
    "eq": Op.EQ, "in_": Op.IN, "contains": Op.CONTAINS, "starts_with": Op.STARTS_WITH,
    "lt": Op.LT, "lte": Op.LTE, "gt": Op.GT, "gte": Op.GTE, "some": Op.SOME, "none": Op.NONE,
}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _operators(field: str, spec: Any) -> list[Filter]:
    return [
        Cond(field, op, _plain(getattr(spec, attr)))
        for attr, op in _OPS.items()
        if getattr(spec, attr, None) is not None
    ]


def _combine(parts: list[Filter], where: Any, convert: Any) -> Filter | None:
    parts += [convert(w) for w in where.AND or []]
    if where.OR:
        alternatives = [convert(w) for w in where.OR]
        if all(a is not None for a in alternatives):  # an empty alternative matches everything
            parts.append(AnyOf(tuple(alternatives)))
    if where.NOT is not None:
        negated = convert(where.NOT)
        parts.append(Not(negated) if negated is not None else AnyOf(()))  # NOT {}: nothing
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else All(tuple(parts))


def organization_filter(where: OrganizationWhere | None) -> Filter | None:
    if where is None:
        return None
    parts: list[Filter] = []
    for name in ("bin", "name", "kind", "legal_form", "founded_year", "focus_areas", "territory"):
        spec = getattr(where, name)
        if spec is not None:
            parts += _operators(name, spec)
    if where.partners is not None:
        parts += _operators("partner", where.partners)
    if where.settlement is not None:
        parts.append(Cond("settlement", Op.EQ, where.settlement.value))
    if where.has_state_funding is not None:
        parts.append(Cond("has_state_funding", Op.EQ, where.has_state_funding))
    if where.state_funding_share is not None:
        parts += _operators("state_funding_share", where.state_funding_share)
    if where.flags is not None:
        parts += _operators(FLAGS, where.flags)
    return _combine(parts, where, organization_filter)


def project_filter(where: ProjectWhere | None) -> Filter | None:
    if where is None:
        return None
    parts: list[Filter] = []
    for name in ("code", "title", "start_date", "end_date", "territory"):
        spec = getattr(where, name)
        if spec is not None:
            parts += _operators(name, spec)
    lists = {
        "status": where.status,
        "focus_area": where.focus_areas,
        "funder": where.funders,
        "mechanism": where.mechanisms,
        "participant": where.participants,
    }
    parts += [Cond(name, Op.IN, _plain(value)) for name, value in lists.items() if value]
    if where.active_in_year is not None:
        parts.append(Cond("active_in_year", Op.EQ, where.active_in_year))
    return _combine(parts, where, project_filter)
