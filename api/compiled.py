"""Compiled completion: an object and everything selected below it, answered in one recursion.

Once a page's query has read what its selection asks (``api/lookahead.py``), completing the page
is bookkeeping: some 1,100 fields for 20 organisations with their projects and partners, each of
which graphql-core resolves with a resolve info, argument coercion, dispatch and, for async
resolvers, a coroutine and a future. A *plan* is compiled once per type and selection of a parsed
document (parsed documents are cached, so a known query compiles once) and then completes an
object directly:

- attributes are read and coerced exactly as graphql-core completes them;
- synchronous resolvers that take nothing but the object (``displayName``) are called directly;
- fields registered with :func:`ready` (territory, projects, partners) take what the request
  already holds: the pages and territories the look-ahead primed into the loaders.

Anything a plan cannot do the same way makes it step aside for that object, and graphql-core
completes it as before, with its errors: at compile time a directive, an abstract type, a repeated
response key, a field with other resolvers; at run time a ready field whose answer is not there
yet, a null where the schema forbids one, a value its type cannot coerce, any exception. Stepping
aside is safe because a plan only reads what is in hand: it writes nothing and starts no query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from keyword import iskeyword
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    NamedTypeNode,
    SelectionSetNode,
    Undefined,
)
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"
"""Where Strawberry keeps its own definition of a GraphQL type or field (``extensions``)."""


class NotReady(Exception):
    """The request does not hold this answer yet: graphql-core resolves the field as usual."""


Ready = Callable[[Any, dict[str, Any], Any], Any]
"""``(object, arguments by GraphQL name, context) -> value``, or raises :class:`NotReady`."""

_READY: dict[tuple[str, str], Ready] = {}


def ready(type_name: str, field_name: str) -> Callable[[Ready], Ready]:
    """Register how ``type_name.field_name`` answers from what the request already holds.

    The function must answer exactly as the field's resolver would, so both should share the code
    that builds the value (only where the data comes from differs)."""

    def register(fn: Ready) -> Ready:
        _READY[(type_name, field_name)] = fn
        return fn

    return register


class Run:
    """One execution's state for its plans: the context and the arguments of each field node."""

    __slots__ = ("_args", "context", "variables")

    def __init__(self, context: Any, variables: VariableValues) -> None:
        self.context = context
        self.variables = variables
        self._args: dict[int, dict[str, Any]] = {}

    def args(self, node: FieldNode, field: GraphQLField) -> dict[str, Any]:
        """The node's arguments (variables substituted, defaults applied), once per request."""
        found = self._args.get(id(node))
        if found is None:
            found = self._args[id(node)] = get_argument_values(field, node, self.variables)
        return found


Value = Callable[[Any, Run], Any]
"""Reads or completes one value of one field for an object."""


@dataclass(frozen=True, slots=True)
class _Step:
    """One field of a plan."""

    key: str
    """The response key (an alias, or the field's name)."""
    attr: str | None
    """The attribute holding the raw value, when reading it is all the field does."""
    read: Value | None
    """Otherwise, how to read the raw value."""
    done: Value
    """How to complete the raw value."""
    as_is: type | None = None
    """A leaf's values of this type are their own completion (``str`` for ``String``)."""
    names: dict[Any, str] | None = None
    """An enum leaf: its members' names, for values of type ``members``."""
    members: type | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """How to complete one object type under one selection: a function generated once for it,
    reading each field as an attribute, a registered ready answer or a direct call, with the
    common leaves (a string, an enum member) completed inline."""

    type_name: str
    steps: tuple[_Step, ...]
    complete: Value

    @classmethod
    def of(cls, type_: GraphQLObjectType, steps: tuple[_Step, ...]) -> Plan:
        return cls(type_.name, steps, _generate(type_, steps))


def _generate(type_: GraphQLObjectType, steps: tuple[_Step, ...]) -> Value:
    """The plan's function. Only schema-made Python identifiers are written into its code; the
    document's aliases and everything else are bound as constants."""
    scope: dict[str, Any] = {"NotReady": NotReady, "check": type_.is_type_of}
    entries: list[str] = []
    for i, step in enumerate(steps):
        scope[f"K{i}"], scope[f"D{i}"], scope[f"R{i}"] = step.key, step.done, step.read
        if step.attr is not None and step.attr.isidentifier() and not iskeyword(step.attr):
            read = f"value.{step.attr}"
        elif step.attr is not None:
            scope[f"A{i}"] = step.attr
            read = f"getattr(value, A{i})"
        else:
            read = f"R{i}(value, run)"
        if step.as_is is not None:
            scope[f"T{i}"] = step.as_is
            entries.append(f"K{i}: (x if type(x := {read}) is T{i} else D{i}(x, run))")
        elif step.names is not None:
            scope[f"E{i}"], scope[f"N{i}"] = step.members, step.names
            entries.append(
                f"K{i}: (N{i}[x] if type(x := {read}) is E{i} and x in N{i} else D{i}(x, run))"
            )
        else:
            entries.append(f"K{i}: D{i}({read}, run)")
    body = ",\n        ".join(entries)
    source = (
        "def complete(value, run):\n"
        "    if check is not None and not check(value, None):\n"
        "        raise NotReady(value)\n"
        f"    return {{\n        {body}\n    }}\n"
    )
    exec(compile(source, f"<plan for {type_.name}>", "exec"), scope)
    complete: Value = scope["complete"]
    return complete


@dataclass(frozen=True, slots=True)
class Document:
    """What a plan needs of the schema and of the executed document besides the selection."""

    schema: GraphQLSchema
    fragments: Mapping[str, Any]
    """The document's fragments by name (as graphql-core's execution context holds them)."""

    def applies(self, condition: NamedTypeNode | None, type_: GraphQLObjectType) -> bool | None:
        """Whether a fragment on ``condition`` applies to objects of ``type_`` (as graphql-core
        decides it); None when the condition names no type of the schema."""
        if condition is None or condition.name.value == type_.name:
            return True
        named = self.schema.get_type(condition.name.value)
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            return self.schema.is_sub_type(named, type_)
        return False if isinstance(named, GraphQLObjectType) else None


def compile_object(
    type_: GraphQLObjectType, selections: Iterable[SelectionSetNode | None], document: Document
) -> Plan | None:
    """The plan for objects of ``type_`` under ``selections``, or None when one cannot do it."""
    steps: list[_Step] = []
    keys: set[str] = set()
    for node in _fields(type_, selections, document):
        if node is None:
            return None
        key = node.alias.value if node.alias else node.name.value
        if key in keys:  # the same key twice: graphql-core merges them; plans do not
            return None
        keys.add(key)
        step = _step(type_, node, key, document)
        if step is None:
            return None
        steps.append(step)
    return Plan.of(type_, tuple(steps))


def _fields(
    type_: GraphQLObjectType, selections: Iterable[SelectionSetNode | None], document: Document
) -> Iterable[FieldNode | None]:
    """The field nodes selected on ``type_``, through the fragments that apply to it; None for
    anything a plan leaves to graphql-core."""
    for selection_set in selections:
        if selection_set is None:
            yield None
            continue
        for selection in selection_set.selections:
            if selection.directives:  # @skip, @include, @defer depend on the request
                yield None
            elif isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                applies = document.applies(selection.type_condition, type_)
                if applies is None:
                    yield None
                elif applies:
                    yield from _fields(type_, [selection.selection_set], document)
            elif isinstance(selection, FragmentSpreadNode):
                found = document.fragments.get(selection.name.value)
                fragment = getattr(found, "definition", found)  # graphql-core 3.3 wraps it
                if not isinstance(fragment, FragmentDefinitionNode):
                    yield None
                    continue
                applies = document.applies(fragment.type_condition, type_)
                if applies is None:
                    yield None
                elif applies:
                    yield from _fields(type_, [fragment.selection_set], document)
            else:
                yield None


def _step(type_: GraphQLObjectType, node: FieldNode, key: str, document: Document) -> _Step | None:
    name = node.name.value
    if name == "__typename":
        type_name = type_.name
        return _Step(key, None, lambda _source, _run: type_name, _as_is)
    field = type_.fields.get(name)
    if field is None:
        return None
    read = _reader(type_, name, field, node)
    done = _completer(field.type, node, document)
    if read is None or done is None:
        return None
    leaf = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if isinstance(leaf, GraphQLScalarType):
        return _Step(key, *read, done, as_is=_AS_IS.get(leaf.name))
    members = getattr(leaf, "wrapped_cls", None)  # Strawberry's enum: the Python class
    if isinstance(members, type) and issubclass(members, Enum):
        names: dict[Any, str] = {}
        for name, value in leaf.values.items():  # as Strawberry looks a member up: by its value
            for member in members:
                if member.value == value.value:
                    names.setdefault(member, name)
        return _Step(key, *read, done, names=names, members=members)
    return _Step(key, *read, done)


def _reader(
    type_: GraphQLObjectType, name: str, field: GraphQLField, node: FieldNode
) -> tuple[str | None, Value | None] | None:
    """The attribute holding the field's raw value, or how to read it; None when only its
    resolver can."""
    registered = _READY.get((type_.name, name))
    if registered is not None:
        return None, lambda source, run: registered(source, run.args(node, field), run.context)
    resolve = field.resolve
    if resolve is None or field.args:
        return None
    strawberry_field = (field.extensions or {}).get(DEFINITION)
    if not isinstance(strawberry_field, StrawberryField):
        return None
    if getattr(resolve, "_is_default", False):  # Strawberry's mark: an attribute, nothing else
        if strawberry_field.default_resolver is getattr:
            return strawberry_field.python_name, None
        return None, lambda source, _run: resolve(source, None)
    resolver = strawberry_field.base_resolver
    if resolver is None or strawberry_field.extensions or strawberry_field.is_async:
        return None
    if resolver.arguments or resolver.info_parameter or resolver.self_parameter is None:
        return None
    method = resolver.wrapped_func  # ``def display_name(self) -> str``: the object alone
    if not callable(method):  # a classmethod or staticmethod ignores the object
        return None
    return None, lambda source, _run: method(source)


def _completer(field_type: GraphQLOutputType, node: FieldNode, document: Document) -> Value | None:
    """How to complete a raw value of ``field_type``, or None for types plans leave alone."""
    non_null = isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    complete: Value
    if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
        return _leaf(inner, non_null)
    if isinstance(inner, GraphQLList):
        item = _completer(inner.of_type, node, document)
        if item is None:
            return None
        complete = _items(item)
    elif isinstance(inner, GraphQLObjectType):
        plan = compile_object(inner, [node.selection_set], document)
        if plan is None:
            return None
        complete = plan.complete
    else:  # interfaces and unions: which type is graphql-core's to decide
        return None

    def nullable(value: Any, run: Run) -> Any:
        if value is None or value is Undefined:
            if non_null:
                raise NotReady(value)
            return None
        return complete(value, run)

    return nullable


def _items(item: Value) -> Value:
    def complete(value: Any, run: Run) -> Any:
        if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
            raise NotReady(value)
        return [item(v, run) for v in value]

    return complete


_AS_IS: dict[str, type] = {"String": str, "ID": str, "Boolean": bool, "Float": float}
"""Built-in scalars whose values of this Python type graphql-core passes through unchanged."""


def _leaf(type_: GraphQLScalarType | GraphQLEnumType, non_null: bool) -> Value:
    """A leaf completed as graphql-core completes it (plans look the common cases up first)."""
    coerce = type_.coerce_output_value

    def complete(value: Any, _run: Run) -> Any:
        if value is None or value is Undefined:
            if non_null:
                raise NotReady(value)
            return None
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotReady(value)
        return coerced

    return complete


def _as_is(value: Any, _run: Run) -> Any:
    return value
