"""A query's cost, computed from the document before any Cypher runs.

Every field costs 1 for each time it will be resolved: a connection's children are resolved up to
``first``/``last`` times (the default page size when neither is given), so nesting multiplies.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)

DEFAULT_PAGE = 20


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: dict[str, Any] | None = None,
) -> int:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next(
        (
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ),
        None,
    )
    if chosen is None:
        return 0
    root = schema.get_root_type(chosen.operation)
    defaults = {
        d.variable.name.value: value_from_ast_untyped(d.default_value)
        for d in chosen.variable_definitions or []
        if d.default_value is not None
    }
    walker = _Walker(schema, fragments, defaults | (variables or {}))
    return walker.cost(chosen.selection_set, root, 1, frozenset())


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def cost(
        self, selections: SelectionSetNode | None, parent: Any, times: int, seen: frozenset[str]
    ) -> int:
        if selections is None:
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += self._field(node, parent, times, seen)
            elif isinstance(node, InlineFragmentNode):
                kind = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                total += self.cost(node.selection_set, kind, times, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                kind = self.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(fragment.selection_set, kind, times, seen | {name})
        return total

    def _field(self, node: FieldNode, parent: Any, times: int, seen: frozenset[str]) -> int:
        name = node.name.value
        if name.startswith("__"):
            return times  # introspection: graphql-core bounds its depth; it can be switched off
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return times
        definition = parent.fields.get(name)
        if definition is None:
            return times
        returned = get_named_type(definition.type)
        return times + self.cost(
            node.selection_set, returned, times * self._fan_out(node, returned), seen
        )

    def _fan_out(self, node: FieldNode, returned: Any) -> int:
        args = {
            a.name.value: value_from_ast_untyped(a.value, self.variables)
            for a in node.arguments or []
        }
        for key in ("first", "last"):
            if isinstance(args.get(key), int):
                return max(int(args[key]), 1)
        if isinstance(args.get("ids"), list):
            return max(len(args["ids"]), 1)
        if getattr(returned, "name", "").endswith("Connection"):
            return DEFAULT_PAGE
        return 1
