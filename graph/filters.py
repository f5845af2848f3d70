"""Typed filters compiled to a Cypher ``WHERE`` with parameters.

A filter is a tree of ``Cond`` (field, operator, value) under ``All``/``AnyOf``/``Not``. Each entity
module declares its fields as Cypher templates (fixed text written here in code, with ``{p}`` where
the parameter goes); values only ever travel as ``$parameters``. Only fields an index or a cheap
traversal can serve are declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, LiteralString

from graph.errors import InvalidInput
from graph.i18n import t


class Op(StrEnum):
    EQ = "eq"
    IN = "in"
    CONTAINS = "contains"
    STARTS_WITH = "startsWith"
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    SOME = "some"
    NONE = "none"


_OPERATORS: dict[Op, LiteralString] = {
    Op.EQ: "{e} = {p}",
    Op.IN: "{e} IN {p}",
    Op.CONTAINS: "toLower({e}) CONTAINS toLower({p})",
    Op.STARTS_WITH: "toLower({e}) STARTS WITH toLower({p})",
    Op.LT: "{e} < {p}",
    Op.LTE: "{e} <= {p}",
    Op.GT: "{e} > {p}",
    Op.GTE: "{e} >= {p}",
}


@dataclass(frozen=True, slots=True)
class Field:
    """A filterable field: a Cypher expression, or whole templates per operator."""

    expression: LiteralString | None = None
    templates: Mapping[Op, LiteralString] = field(default_factory=dict)
    ops: frozenset[Op] = frozenset({Op.EQ, Op.IN})

    def render(self, op: Op, param: LiteralString) -> LiteralString:
        if op not in self.ops:
            raise InvalidInput(t("operator {op} is not available here", op=op.value))
        if op in self.templates:
            return self.templates[op].replace("{p}", param)
        assert self.expression is not None
        return _OPERATORS[op].format(e=self.expression, p=param)


@dataclass(frozen=True, slots=True)
class Cond:
    field: str
    op: Op
    value: Any


@dataclass(frozen=True, slots=True)
class All:
    parts: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Filter


Filter = Cond | All | AnyOf | Not

MAX_CONDITIONS = 50

_DIGITS: tuple[LiteralString, ...] = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")


def _numeral(n: int) -> LiteralString:
    """``str(n)`` as a ``LiteralString``, so a parameter name keeps the query literal."""
    return "".join(_DIGITS[int(d)] for d in str(n))


def compile_filter(
    where: Filter | None, fields: Mapping[str, Field], *, prefix: LiteralString = "w"
) -> tuple[LiteralString, dict[str, Any]]:
    """``(cypher, params)``; ``cypher`` is ``"true"`` for no filter."""
    params: dict[str, Any] = {}

    def walk(node: Filter) -> LiteralString:
        if len(params) >= MAX_CONDITIONS:
            raise InvalidInput(
                t("a filter may hold at most {maximum} conditions", maximum=MAX_CONDITIONS)
            )
        if isinstance(node, Cond):
            spec = fields.get(node.field)
            if spec is None:
                raise InvalidInput(t("cannot filter on {field}", field=node.field))
            name = prefix + _numeral(len(params))
            params[name] = node.value
            return "(" + spec.render(node.op, "$" + name) + ")"
        if isinstance(node, Not):
            return "(NOT " + walk(node.part) + ")"
        joiner = " AND " if isinstance(node, All) else " OR "
        if not node.parts:
            return "true" if isinstance(node, All) else "false"
        return "(" + joiner.join(walk(p) for p in node.parts) + ")"

    return ("true" if where is None else walk(where)), params
