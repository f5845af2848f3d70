"""PageRequest.parse and build_page, directly: no database."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput
from graph.pagination import PageRequest, Position, build_page, decode_cursor, encode_cursor


def test_without_sizes_a_page_has_the_default_size() -> None:
    assert PageRequest.parse() == PageRequest(limit=20)
    assert PageRequest.parse(default=7).limit == 7


@pytest.mark.parametrize(
    ("arguments", "limit", "backward"),
    [
        ({"first": 0}, 0, False),
        ({"last": 0}, 0, True),
        ({"first": 5}, 5, False),
        ({"last": 5}, 5, True),
        ({"first": 100}, 100, False),
        ({"before": encode_cursor("b", "2")}, 20, True),
        ({"first": 3, "before": encode_cursor("b", "2")}, 3, False),
    ],
)
def test_sizes_and_direction(arguments: dict[str, object], limit: int, backward: bool) -> None:
    request = PageRequest.parse(**arguments)  # type: ignore[arg-type]
    assert (request.limit, request.backward) == (limit, backward)


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"first": 1, "last": 1}, "last", "either first or last"),
        ({"first": -1}, "first", "must not be negative"),
        ({"last": -1}, "last", "must not be negative"),
        ({"first": 101}, "first", "at most 100"),
        ({"last": 11, "maximum": 10}, "last", "at most 10"),
        ({"after": "not a cursor"}, "after", "not a cursor"),
        ({"before": encode_cursor("x", "1")[:-4]}, "before", "not a cursor"),
    ],
)
def test_wrong_arguments_name_their_field(
    arguments: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as error:
        PageRequest.parse(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field


@pytest.mark.parametrize("value", ["Аа", 17, 2.5, None])
def test_a_cursor_round_trips(value: object) -> None:
    cursor = encode_cursor(value, "id-1")
    assert decode_cursor(cursor, field="after") == Position(value, "id-1")
    assert PageRequest.parse(after=cursor).after == Position(value, "id-1")


def test_a_cursor_with_a_huge_number_is_refused() -> None:
    with pytest.raises(InvalidInput):
        decode_cursor(encode_cursor(2**70, "1"), field="after")


def _rows(n: int) -> list[tuple[str, str, str]]:
    return [(f"k{i}", f"id{i}", f"item{i}") for i in range(n)]


def test_a_forward_page_keeps_order_and_sees_more() -> None:
    page = build_page(_rows(4), PageRequest.parse(first=3))
    assert [item for _, item in page.items] == ["item0", "item1", "item2"]
    assert (page.has_next, page.has_previous) == (True, False)
    assert decode_cursor(page.items[0][0], field="after") == Position("k0", "id0")


def test_a_backward_page_is_shown_in_display_order() -> None:
    request = PageRequest.parse(last=2, before=encode_cursor("k9", "id9"))
    page = build_page(_rows(2), request)  # fetched in reverse: k0 is nearest the cursor
    assert [item for _, item in page.items] == ["item1", "item0"]
    assert (page.has_next, page.has_previous) == (True, False)


def test_an_empty_page() -> None:
    page = build_page(_rows(1), PageRequest.parse(first=0))
    assert page.items == []
    assert page.has_next
