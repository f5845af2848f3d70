"""The keyset seek, directly: the Cypher condition, order and parameters of a page."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput
from graph.i18n import Language
from graph.keyset import Sort, by_name, seek
from graph.pagination import PageRequest, Position, decode_cursor, encode_cursor

NAME = Sort("coalesce(o.name, '')")
NEWEST = Sort("coalesce(o.founded_year, 0)", descending=True)


def test_the_first_page_has_no_condition() -> None:
    condition, order, params = seek(NAME, "o.bin", PageRequest.parse(first=5))
    assert (condition, order, params) == ("true", "k ASC, o.bin ASC", {"limit": 6})


@pytest.mark.parametrize(
    ("sort", "arguments", "condition", "order"),
    [
        # ascending, forward: after the cursor means greater
        (NAME, {"first": 2, "after": ("Б", "2")},
         "(k > $after_k OR (k = $after_k AND o.bin > $after_id))", "k ASC, o.bin ASC"),
        # descending, forward: after the cursor means smaller
        (NEWEST, {"first": 2, "after": (2001, "2")},
         "(k < $after_k OR (k = $after_k AND o.bin < $after_id))", "k DESC, o.bin DESC"),
        # ascending, backward: the query runs the other way from the cursor
        (NAME, {"last": 2, "before": ("Б", "2")},
         "(k < $before_k OR (k = $before_k AND o.bin < $before_id))", "k DESC, o.bin DESC"),
        (NEWEST, {"last": 2, "before": (2001, "2")},
         "(k > $before_k OR (k = $before_k AND o.bin > $before_id))", "k ASC, o.bin ASC"),
    ],
)  # fmt: skip
def test_seek_direction(
    sort: Sort, arguments: dict[str, object], condition: str, order: str
) -> None:
    cursors = {
        name: encode_cursor(*value)  # type: ignore[misc]
        for name, value in arguments.items()
        if name in {"after", "before"}
    }
    sizes = {name: value for name, value in arguments.items() if name in {"first", "last"}}
    request = PageRequest.parse(**sizes, **cursors)  # type: ignore[arg-type]
    found_condition, found_order, params = seek(sort, "o.bin", request)
    assert (found_condition, found_order) == (condition, order)
    name = "after" if "after" in cursors else "before"
    value, id = arguments[name]  # type: ignore[misc]
    assert params == {"limit": 3, f"{name}_k": value, f"{name}_id": id}


def test_both_cursors_bound_the_page_on_each_side() -> None:
    request = PageRequest.parse(
        first=10, after=encode_cursor("А", "1"), before=encode_cursor("Я", "9")
    )
    condition, _, params = seek(NAME, "o.bin", request)
    assert condition == (
        "(k > $after_k OR (k = $after_k AND o.bin > $after_id)) AND "
        "(k < $before_k OR (k = $before_k AND o.bin < $before_id))"
    )
    assert params == {"limit": 11, "after_k": "А", "after_id": "1", "before_k": "Я",
                      "before_id": "9"}  # fmt: skip


def test_cursor_values_travel_only_as_parameters() -> None:
    hostile = "x' OR 1=1 //"
    request = PageRequest.parse(first=1, after=encode_cursor(hostile, hostile))
    condition, order, params = seek(NAME, "o.bin", request)
    assert hostile not in condition + order
    assert params["after_k"] == params["after_id"] == hostile


def test_an_alphabetical_order_names_its_language_and_refuses_another() -> None:
    kazakh = by_name("o", Language.KK)
    assert (kazakh.expression, kazakh.order) == ("coalesce(o.sort_kk, '')", "kk")
    own = PageRequest.parse(first=2, after=encode_cursor("12", "1", "kk"))
    assert seek(kazakh, "o.bin", own)[2]["after_k"] == "12"
    for cursor in (encode_cursor("12", "1", "ru"), encode_cursor("12", "1")):
        request = PageRequest.parse(last=2, before=cursor)
        with pytest.raises(InvalidInput, match="another order") as refused:
            seek(kazakh, "o.bin", request)
        assert refused.value.field == "before"
    with pytest.raises(InvalidInput, match="another order"):  # and the other way round
        seek(NAME, "o.bin", own)


def test_a_cursor_carries_its_order() -> None:
    assert decode_cursor(encode_cursor("k", "id", "kk"), field="after") == Position("k", "id", "kk")
    assert decode_cursor(encode_cursor("k", "id"), field="after").order is None
