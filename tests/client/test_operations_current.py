"""The portal operations and the README's examples are valid and use nothing deprecated.

The slow check (``test_generated_client.py``) proves they still run; this one, without Node or a
database, keeps them on the current vocabulary: an example that teaches a deprecated field teaches
every new client to migrate later. Checked against the committed ``schema.graphql`` with
graphql-core's standard rules plus ``NoDeprecatedCustomRule``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    Node,
    Source,
    Visitor,
    build_schema,
    parse,
    specified_rules,
    validate,
    visit,
)
from graphql.validation import NoDeprecatedCustomRule

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPERATIONS = sorted((HERE / "operations").glob("*.graphql"))
FENCE = re.compile(r"^```graphql\n(.*?)^```", re.MULTILINE | re.DOTALL)
"""A README example, as readme.ts extracts it for codegen."""


@cache
def schema() -> GraphQLSchema:
    return build_schema((ROOT / "schema.graphql").read_text())


def readme_examples(text: str) -> list[Source]:
    """Each ```graphql block, padded with blank lines so that its line numbers are the README's."""
    return [
        Source("\n" * text.count("\n", 0, m.start(1)) + m.group(1), "README.md")
        for m in FENCE.finditer(text)
    ]


def operation_files() -> list[Source]:
    return [Source(path.read_text(), str(path.relative_to(ROOT))) for path in OPERATIONS]


def shared_fragments(sources: list[Source]) -> dict[str, FragmentDefinitionNode]:
    """Fragments by name: codegen reads all documents as one set, so a file may use another's."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    for source in sources:
        with suppress(GraphQLError):  # a file that does not parse is reported on its own
            for definition in parse(source).definitions:
                if isinstance(definition, FragmentDefinitionNode):
                    fragments[definition.name.value] = definition
    return fragments


class _Spreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.append(node.name.value)


def _spread_names(node: Node) -> list[str]:
    spreads = _Spreads()
    visit(node, spreads)
    return spreads.names


def problems(
    source: Source, fragments: Mapping[str, FragmentDefinitionNode] | None = None
) -> list[str]:
    """Parse errors, validation errors and deprecated uses in ``source``, given the ``fragments``
    it may spread from other files, each as ``file:line:column: message``."""

    def located(error: GraphQLError) -> str:
        where = error.locations[0] if error.locations else None
        file = error.source.name if error.source else source.name
        return f"{file}:{where.line}:{where.column}: {error.message}" if where else error.message

    try:
        document = parse(source)
    except GraphQLError as error:
        return [located(error)]
    definitions = list(document.definitions)
    defined = {d.name.value for d in definitions if isinstance(d, FragmentDefinitionNode)}
    wanted = [name for d in definitions for name in _spread_names(d)]
    while wanted:
        name = wanted.pop()
        if name not in defined and fragments and name in fragments:
            defined.add(name)
            definitions.append(fragments[name])
            wanted += _spread_names(fragments[name])
    whole = DocumentNode(definitions=tuple(definitions))
    return [
        located(error)
        for error in validate(schema(), whole, [*specified_rules, NoDeprecatedCustomRule])
    ]


def test_there_is_something_to_check() -> None:
    assert len(OPERATIONS) >= 6, OPERATIONS
    assert readme_examples((ROOT / "README.md").read_text())


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.name)
def test_each_operation_is_valid_and_current(path: Path) -> None:
    sources = operation_files()
    [source] = [s for s in sources if s.name == str(path.relative_to(ROOT))]
    found = problems(source, shared_fragments(sources))
    assert found == [], "\n".join(found)


def test_each_readme_example_is_valid_and_current() -> None:
    examples = readme_examples((ROOT / "README.md").read_text())
    found = [problem for example in examples for problem in problems(example)]
    assert found == [], "\n".join(found)


ROLE = "Use `accessLevel`: the role as an enum."


def test_problems_name_the_file_the_place_and_the_deprecated_field() -> None:
    assert problems(Source("query Q {\n  viewer { role }\n}\n", "x.graphql")) == [
        "x.graphql:2:12: The field Viewer.role is deprecated. " + ROLE
    ]
    [unknown] = problems(Source("query Q { viewer { rol } }", "x.graphql"))
    assert unknown.startswith("x.graphql:1:20: Cannot query field 'rol' on type 'Viewer'.")
    [syntax] = problems(Source("query Q {", "x.graphql"))
    assert syntax.startswith("x.graphql:1:10: Syntax Error")
    [example] = readme_examples("text\n\n```graphql\n{ viewer { role } }\n```\n")
    assert problems(example)[0].startswith("README.md:4:12: The field Viewer.role is deprecated.")


def test_a_fragment_from_another_file_is_found_and_checked_where_it_is() -> None:
    card = Source("fragment Card on Viewer {\n  role\n}\n", "card.graphql")
    page = Source("query Q { viewer { ...Card } }", "page.graphql")
    assert problems(page) == ["page.graphql:1:23: Unknown fragment 'Card'."]
    assert problems(page, shared_fragments([card, page])) == [
        "card.graphql:2:3: The field Viewer.role is deprecated. " + ROLE
    ]
