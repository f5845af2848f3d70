"""The committed SDL is the contract with frontend teams: it matches, and never breaks silently.

Each release keeps its SDL as ``schema/releases/<version>.graphql``. The live schema may differ
from the newest of them only by changes that break no client, or by removing what that release had
already marked ``@deprecated`` (deprecate first, remove at least one release later; see
docs/schema-evolution.md).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from graphql import (
    DEFAULT_DEPRECATION_REASON,
    BreakingChangeType,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    GraphQLUnionType,
    build_schema,
    find_breaking_changes,
    get_named_type,
)

from api.schema import create_schema

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema.graphql"
RELEASES = ROOT / "schema" / "releases"

ACCEPTED: Mapping[str, str] = {}
"""Breaking changes made on purpose since the last release, by graphql-core's description, each
with why and how clients migrate (said again in CHANGELOG.md). Emptied when a release is cut."""

_REMOVALS = {
    BreakingChangeType.TYPE_REMOVED,
    BreakingChangeType.FIELD_REMOVED,
    BreakingChangeType.ARG_REMOVED,
    BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
}
"""Judged member by member below rather than by graphql-core's wording, which varies by version."""


def _version(path: Path) -> tuple[int, int, int]:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)\.graphql", path.name)
    assert match, f"{path}: a kept release is named <major>.<minor>.<patch>.graphql"
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def newest_release(releases: Path = RELEASES) -> Path:
    kept = sorted(releases.glob("*.graphql"), key=_version)
    assert kept, f"no release SDL kept in {releases}"
    return kept[-1]


def _user_types(schema: GraphQLSchema) -> dict[str, GraphQLNamedType]:
    return {n: t for n, t in schema.type_map.items() if not n.startswith("__")}


def _members(schema: GraphQLSchema) -> dict[str, bool]:
    """Every field, argument, input field and enum value, by path, with whether it is deprecated."""
    members: dict[str, bool] = {}
    for name, type_ in _user_types(schema).items():
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                members[f"{name}.{field_name}"] = field.deprecation_reason is not None
                for arg_name, arg in field.args.items():
                    path = f"{name}.{field_name}({arg_name}:)"
                    members[path] = arg.deprecation_reason is not None
        elif isinstance(type_, GraphQLInputObjectType):
            for field_name, input_field in type_.fields.items():
                members[f"{name}.{field_name}"] = input_field.deprecation_reason is not None
        elif isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                members[f"{name}.{value_name}"] = value.deprecation_reason is not None
    return members


def _in_use(schema: GraphQLSchema) -> set[str]:
    """Types a client can reach from the roots without touching anything deprecated."""
    roots: list[GraphQLType] = [
        t for t in (schema.query_type, schema.mutation_type, schema.subscription_type) if t
    ]
    roots += [arg.type for d in schema.directives for arg in d.args.values()]
    seen: set[str] = set()
    while roots:
        type_ = get_named_type(roots.pop())
        if type_.name in seen:
            continue
        seen.add(type_.name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            roots += type_.interfaces
            for field in type_.fields.values():
                if field.deprecation_reason is None:
                    roots.append(field.type)
                    roots += [a.type for a in field.args.values() if a.deprecation_reason is None]
            if isinstance(type_, GraphQLInterfaceType):
                roots += schema.get_possible_types(type_)
        elif isinstance(type_, GraphQLUnionType):
            roots += type_.types
        elif isinstance(type_, GraphQLInputObjectType):
            roots += [f.type for f in type_.fields.values() if f.deprecation_reason is None]
    return seen


def _owner(path: str) -> str:
    return path.split(".", 1)[0]


def _field(path: str) -> str:
    return path.split("(", 1)[0]


def unacceptable_changes(
    old: GraphQLSchema, new: GraphQLSchema, accepted: Iterable[str] = ()
) -> list[str]:
    """Breaking changes from ``old`` to ``new`` that the deprecation policy does not allow.

    Removing a field, argument, input field or enum value is allowed when ``old`` marked it
    ``@deprecated``, and removing a type when clients could reach it only through such members;
    every other breaking change is reported, unless its description is in ``accepted``.
    """
    accepted = set(accepted)
    problems = [
        f"{change.type.name}: {change.description}"
        for change in find_breaking_changes(old, new)
        if change.type not in _REMOVALS and change.description not in accepted
    ]
    in_use = _in_use(old)
    gone_types = set(_user_types(old)) - set(_user_types(new))
    problems += [
        f"TYPE_REMOVED: {name} was removed while still in use without deprecated fields."
        for name in sorted(gone_types & in_use)
    ]
    old_members, new_members = _members(old), _members(new)
    for path, deprecated in old_members.items():
        if path in new_members or _owner(path) in gone_types:
            continue
        if "(" in path and _field(path) not in new_members:
            continue  # the field went with its arguments: judged as the field
        if not deprecated and _owner(path) in in_use:
            problems.append(f"REMOVED: {path} was removed without being deprecated first.")
    return problems


def live_schema() -> GraphQLSchema:
    return create_schema()._schema


def test_committed_schema_is_the_live_schema() -> None:
    live = create_schema().as_str() + "\n"
    assert COMMITTED.read_text() == live, "run: seriktes schema -o schema.graphql"


def test_nothing_breaks_clients_of_the_last_release() -> None:
    release = newest_release()
    old = build_schema(release.read_text())
    problems = unacceptable_changes(old, live_schema(), ACCEPTED)
    assert problems == [], (
        f"breaking changes since {release.name}; deprecate instead of removing or changing "
        "(docs/schema-evolution.md):\n" + "\n".join(problems)
    )


def test_kept_releases_are_named_by_version_up_to_the_current_one() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert _version(newest_release()) <= _version(Path(f"{project}.graphql"))
    for release in RELEASES.glob("*.graphql"):
        build_schema(release.read_text())  # each one is a whole, valid schema


def test_every_deprecation_says_what_to_use_instead() -> None:
    schema = live_schema()
    reasons: dict[str, str | None] = {}
    for name, type_ in _user_types(schema).items():
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                reasons[f"{name}.{field_name}"] = field.deprecation_reason
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                for arg_name, arg in field.args.items():
                    reasons[f"{name}.{field_name}({arg_name}:)"] = arg.deprecation_reason
        if isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                reasons[f"{name}.{value_name}"] = value.deprecation_reason
    vague = [
        p for p, r in reasons.items() if r is not None and r in ("", DEFAULT_DEPRECATION_REASON)
    ]
    assert vague == []


# The policy on tiny schemas.

BASE = """
type Query {
  organization(bin: String!, legacy: Int @deprecated(reason: "Use bin.")): Organization
  old: Legacy @deprecated(reason: "Use organization.")
  search(kind: Kind): [Organization!]!
}
type Organization {
  id: ID!
  name: String!
  volunteers: Int @deprecated(reason: "Use staff.")
  staff: Int
}
type Legacy { code: String! }
enum Kind {
  NGO
  YOUTH_GROUP
  RESOURCE_CENTRE @deprecated(reason: "Use RESOURCE_CENTER.")
  RESOURCE_CENTER
}
"""


def _changed(old: str, new: str, accepted: Iterable[str] = ()) -> list[str]:
    return unacceptable_changes(build_schema(old), build_schema(new), accepted)


def _without(sdl: str, *parts: str) -> str:
    for part in parts:
        assert part in sdl, part
        sdl = sdl.replace(part, "", 1)
    return sdl


def test_an_unchanged_or_extended_schema_passes() -> None:
    assert _changed(BASE, BASE) == []
    assert _changed(BASE, BASE.replace("  staff: Int\n", "  staff: Int\n  founded: Int\n")) == []


def test_removing_a_field_that_was_not_deprecated_fails() -> None:
    assert _changed(BASE, _without(BASE, "  name: String!\n")) == [
        "REMOVED: Organization.name was removed without being deprecated first."
    ]


def test_removing_a_deprecated_field_passes() -> None:
    assert (
        _changed(BASE, _without(BASE, '  volunteers: Int @deprecated(reason: "Use staff.")\n'))
        == []
    )


def test_changing_a_fields_type_fails_even_when_deprecated() -> None:
    for old, new in [("staff: Int", "staff: String"), ("volunteers: Int", "volunteers: Float")]:
        problems = _changed(BASE, BASE.replace(old, new))
        assert len(problems) == 1
        assert problems[0].startswith("FIELD_CHANGED_KIND:"), problems


def test_making_a_field_nullable_fails_unless_accepted() -> None:
    new = BASE.replace("name: String!", "name: String")
    [problem] = _changed(BASE, new)
    assert problem.startswith("FIELD_CHANGED_KIND:") and "Organization.name" in problem
    description = problem.split(": ", 1)[1]
    assert _changed(BASE, new, accepted=[description]) == []


def test_enum_values_and_arguments_follow_the_same_rule() -> None:
    deprecated_value = '  RESOURCE_CENTRE @deprecated(reason: "Use RESOURCE_CENTER.")\n'
    assert _changed(BASE, _without(BASE, deprecated_value)) == []
    assert _changed(BASE, _without(BASE, "  YOUTH_GROUP\n")) == [
        "REMOVED: Kind.YOUTH_GROUP was removed without being deprecated first."
    ]
    assert _changed(BASE, _without(BASE, ', legacy: Int @deprecated(reason: "Use bin.")')) == []
    assert _changed(BASE, BASE.replace("search(kind: Kind)", "search")) == [
        "REMOVED: Query.search(kind:) was removed without being deprecated first."
    ]


def test_a_type_reached_only_through_a_deprecated_field_goes_with_it() -> None:
    new = _without(
        BASE,
        ' old: Legacy @deprecated(reason: "Use organization.")',
        "type Legacy { code: String! }",
    )
    assert _changed(BASE, new) == []


def test_a_type_still_in_use_cannot_go() -> None:
    new = BASE.replace("search(kind: Kind)", "search").replace("enum Kind", "enum Unused")
    problems = _changed(BASE, new)
    assert (
        "TYPE_REMOVED: Kind was removed while still in use without deprecated fields." in problems
    )


@pytest.mark.parametrize("name", ["0.1.graphql", "v0.1.0.graphql", "latest.graphql"])
def test_a_release_file_must_be_named_by_its_version(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(BASE)
    with pytest.raises(AssertionError, match=r"named <major>\.<minor>\.<patch>\.graphql"):
        newest_release(tmp_path)


def test_the_newest_release_is_compared_by_version_not_by_name(tmp_path: Path) -> None:
    for version in ("0.9.0", "0.10.0", "0.2.5"):
        (tmp_path / f"{version}.graphql").write_text(BASE)
    assert newest_release(tmp_path).name == "0.10.0.graphql"
