"""The filter compiler, directly: Cypher text from code, values only as parameters."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput
from graph.filters import MAX_CONDITIONS, All, AnyOf, Cond, Field, Not, Op, compile_filter

FIELDS = {
    "name": Field("o.name", ops=frozenset({Op.EQ, Op.CONTAINS, Op.STARTS_WITH})),
    "year": Field("o.founded_year", ops=frozenset({Op.EQ, Op.LT, Op.GTE})),
    "focus": Field(
        templates={
            Op.SOME: "EXISTS { (o)-[:WORKS_ON]->(f) WHERE f.code IN {p} }",
            Op.NONE: "NOT EXISTS { (o)-[:WORKS_ON]->(f) WHERE f.code IN {p} }",
        },
        ops=frozenset({Op.SOME, Op.NONE}),
    ),
}


def test_no_filter_is_true() -> None:
    assert compile_filter(None, FIELDS) == ("true", {})


@pytest.mark.parametrize(
    ("where", "cypher", "params"),
    [
        (Cond("name", Op.EQ, "Клуб"), "(o.name = $w0)", {"w0": "Клуб"}),
        (Cond("name", Op.CONTAINS, "клуб"), "(toLower(o.name) CONTAINS toLower($w0))",
         {"w0": "клуб"}),
        (Cond("year", Op.GTE, 2010), "(o.founded_year >= $w0)", {"w0": 2010}),
        (Cond("focus", Op.SOME, ["youth"]),
         "(EXISTS { (o)-[:WORKS_ON]->(f) WHERE f.code IN $w0 })", {"w0": ["youth"]}),
        (All((Cond("name", Op.EQ, "a"), Not(Cond("year", Op.LT, 2000)))),
         "((o.name = $w0) AND (NOT (o.founded_year < $w1)))", {"w0": "a", "w1": 2000}),
        (AnyOf((Cond("name", Op.EQ, "a"), Cond("name", Op.EQ, "b"))),
         "((o.name = $w0) OR (o.name = $w1))", {"w0": "a", "w1": "b"}),
        (All(()), "true", {}),
        (AnyOf(()), "false", {}),
    ],
)  # fmt: skip
def test_compiles(where: object, cypher: str, params: dict[str, object]) -> None:
    assert compile_filter(where, FIELDS) == (cypher, params)  # type: ignore[arg-type]


def test_the_prefix_names_the_parameters() -> None:
    assert compile_filter(Cond("name", Op.EQ, "a"), FIELDS, prefix="p") == (
        "(o.name = $p0)",
        {"p0": "a"},
    )


def test_values_never_reach_the_text() -> None:
    hostile = "') DETACH DELETE o //"
    cypher, params = compile_filter(Cond("name", Op.STARTS_WITH, hostile), FIELDS)
    assert hostile not in cypher
    assert params == {"w0": hostile}


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (Cond("bin", Op.EQ, "1"), "cannot filter on bin"),
        (Cond("year", Op.CONTAINS, "1"), "operator contains is not available"),
        (AnyOf(tuple(Cond("name", Op.EQ, str(i)) for i in range(MAX_CONDITIONS + 1))),
         f"at most {MAX_CONDITIONS} conditions"),
    ],
)  # fmt: skip
def test_refuses(where: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        compile_filter(where, FIELDS)  # type: ignore[arg-type]
