"""Leaf fields that are plain attributes, completed without graphql-core's per-field machinery.

Most of a page's fields are attributes read off an object already built (an organisation's
``bin``, ``name``, ``kind``; a project's ``title``, a partner edge's ``since``): a page of 20
organisations with their projects and partners is about 1,100 fields, of which 900 are such
leaves. For each, graphql-core builds a resolve info (Strawberry's, with 14 members), coerces
arguments, calls Strawberry's wrapper and completes the value through four dispatching calls:
some 20 µs a field, half of the page's time in Python. Here a leaf whose Strawberry field has no
resolver, no permission, no extension and no arguments is read and coerced directly, exactly as
graphql-core would complete it. Anything else, or anything unusual about the value (a null where
the schema says non-null, a value the type cannot coerce), goes the usual way, so errors are
reported as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.compiled import Document, Plan, Run, compile_object


@dataclass(frozen=True, slots=True)
class _Leaf:
    read: Callable[[Any, None], Any]
    """Strawberry's resolver of a field without one of its own: reads the attribute."""
    type: GraphQLLeafType
    non_null: bool
    listed: bool
    """A list of leaves (``[String!]!``): each item non-null."""


_UNUSUAL = object()
"""What :func:`_complete` answers when graphql-core must complete the value (and say why)."""


def _leaf(field_type: GraphQLOutputType, read: Callable[[Any, None], Any]) -> _Leaf | None:
    """The fast path's view of a field's type: a leaf, or a list of non-null leaves."""
    non_null = isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if is_leaf_type(inner):
        return _Leaf(read, inner, non_null, listed=False)
    if isinstance(inner, GraphQLList) and isinstance(inner.of_type, GraphQLNonNull):
        item = inner.of_type.of_type
        if is_leaf_type(item):
            return _Leaf(read, item, non_null, listed=True)
    return None


def _complete(leaf: _Leaf, value: Any) -> Any:
    """``value`` completed as graphql-core completes a leaf, or :data:`_UNUSUAL`."""
    if value is None or value is Undefined:
        return _UNUSUAL if leaf.non_null else None
    if isinstance(value, Exception):  # graphql-core raises it, as the field's error
        return _UNUSUAL
    coerce = leaf.type.coerce_output_value
    if not leaf.listed:
        coerced = coerce(value)
        return _UNUSUAL if coerced is None or coerced is Undefined else coerced
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        return _UNUSUAL
    items = [coerce(v) if v is not None else None for v in value]
    return _UNUSUAL if any(i is None or i is Undefined for i in items) else items


_PlanKey = tuple[GraphQLObjectType, tuple[int, ...]]
MAX_PLANS = 4096
"""Plans kept (one per object type and selection of each cached document); then they start over."""


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution, with plain leaf fields read and coerced in one step, and objects
    completed by compiled plans where one applies (``api/compiled.py``)."""

    _leaves: dict[tuple[GraphQLObjectType, str], _Leaf | None] = {}  # noqa: RUF012
    """Per (type, field): whether the fast path applies. Types are few and live with the schema."""
    _plans: dict[_PlanKey, tuple[FieldDetailsList, Plan | None]] = {}  # noqa: RUF012
    """Per (type, field nodes of a parsed document): its plan, and the nodes (keeping their ids)."""
    _run: Run | None = None

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        plan = self._plan(return_type, field_details_list)
        if plan is not None:
            run = self._run
            if run is None:
                run = self._run = Run(self.context_value, self.variable_values)
            try:
                return plan.complete(result, run)
            except Exception:  # graphql-core completes it, errors included
                pass
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plan(self, type_: GraphQLObjectType, field_details_list: FieldDetailsList) -> Plan | None:
        key = (type_, tuple(id(d.node) for d in field_details_list))
        found = self._plans.get(key)
        if found is not None and all(
            a.node is b.node for a, b in zip(found[0], field_details_list, strict=True)
        ):
            return found[1]
        if len(self._plans) >= MAX_PLANS:
            self._plans.clear()
        selections = [d.node.selection_set for d in field_details_list]
        plan = compile_object(type_, selections, Document(self.schema, self.fragments))
        self._plans[key] = (field_details_list, plan)
        return plan

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        middleware = self.middleware_manager  # Strawberry's, empty unless an extension resolves
        if not node.arguments and (middleware is None or not middleware.middlewares):
            key = (parent_type, node.name.value)
            leaf = self._leaves.get(key, _UNUSUAL)
            if leaf is _UNUSUAL:
                leaf = self._leaves[key] = self._plain_leaf(parent_type, node.name.value)
            if leaf is not None:
                assert isinstance(leaf, _Leaf)
                try:
                    completed = _complete(leaf, leaf.read(source, None))
                except Exception:
                    completed = _UNUSUAL
                if completed is not _UNUSUAL:
                    return completed
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def _plain_leaf(self, parent_type: GraphQLObjectType, name: str) -> _Leaf | None:
        field_def = self.schema.get_field(parent_type, name)
        if field_def is None or field_def.args:
            return None
        resolve = field_def.resolve
        # Strawberry marks the resolver of a field with no resolver, permission or extension
        if resolve is None or not getattr(resolve, "_is_default", False):
            return None
        return _leaf(field_def.type, resolve)
