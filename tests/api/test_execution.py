"""The lean execution context answers exactly as Strawberry's own: values, nulls and errors."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import pytest
import strawberry

from api.execution import LeanExecutionContext


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    DARK_BLUE = "dark_blue"


@strawberry.type
class Leaf:
    name: str
    nickname: str | None
    colour: Colour
    shades: list[Colour]
    tags: list[str]
    since: dt.date | None
    count: int

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    def cut(self, length: int = 2) -> str:
        return self.name[:length]


def _leaf(**changes: Any) -> Leaf:
    values: dict[str, Any] = {
        "name": "Жастар",
        "nickname": None,
        "colour": Colour.DARK_BLUE,
        "shades": [Colour.RED, Colour.DARK_BLUE],
        "tags": ["youth", "sport"],
        "since": dt.date(2021, 3, 4),
        "count": 7,
    }
    return Leaf(**(values | changes))


BROKEN: dict[str, Any] = {
    "name": None,  # null for a non-null field
    "colour": "purple",  # not a value of the enum
    "count": "seven",  # not an Int
    "tags": ["youth", None],  # a null item of [String!]
    "shades": 5,  # not a list
}


@strawberry.type
class Query:
    @strawberry.field
    def leaves(self) -> list[Leaf | None]:  # a bad item is null, its siblings stay
        return [_leaf(), _leaf(nickname="Ж", since=None, tags=[]), *map(_bad, BROKEN)]

    @strawberry.field
    def one(self) -> Leaf:
        return _leaf(count=-3)


def _bad(field: str) -> Leaf:
    return _leaf(**{field: BROKEN[field]})


DOCUMENT = """{
  leaves { name nickname colour shades tags since count shout cut(length: 3) alias: name }
  one { ...F }
}
fragment F on Leaf { name count __typename }"""


def _run(context: type | None) -> dict[str, Any]:
    schema = strawberry.Schema(query=Query, execution_context_class=context)
    result = schema.execute_sync(DOCUMENT)
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or [])
    return {"data": result.data, "errors": errors}


def test_same_answers_and_errors_as_strawberry() -> None:
    lean, plain = _run(LeanExecutionContext), _run(None)
    assert lean == plain
    # the document does reach every case: good leaves, and each kind of bad value
    assert lean["data"] is not None
    assert lean["data"]["leaves"][0]["colour"] == "DARK_BLUE"
    assert lean["data"]["leaves"][0]["since"] == "2021-03-04"
    assert lean["data"]["leaves"][1]["tags"] == []
    assert len(lean["errors"]) == len(BROKEN)
    assert lean["data"]["one"] == {"name": "Жастар", "count": -3, "__typename": "Leaf"}


@pytest.mark.parametrize("field", sorted(BROKEN))
def test_a_bad_value_is_reported_at_its_path(field: str) -> None:
    messages = {path: message for message, path in _run(LeanExecutionContext)["errors"]}
    index = 2 + list(BROKEN).index(field)
    assert any(path[:3] == ("leaves", index, field) for path in messages), messages
