"""Keyset pagination: cursors hold the sort key and a stable id, never an offset.

A cursor stays valid while data is written: the next page starts after the (sort value, id) pair
the cursor names, wherever that row now sits. Cursors are opaque (base64 JSON) and checked.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, LiteralString, TypeVar

from graph.errors import InvalidInput
from graph.i18n import t
from graph.rules import MAX_PAGE_SIZE, check_page_size

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Position:
    """Where a page starts: after (or before) the row with this sort value and id."""

    value: Any
    id: str
    order: str | None = None
    """The language of an alphabetical order (its sort values are that language's keys)."""


_CURSOR_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""One encoder for every cursor: ``json.dumps`` with options builds a new one per call (half
the cost of a cursor, and a page with nested pages makes one per item)."""


def encode_cursor(value: Any, id: str, order: str | None = None) -> str:
    parts = [value, id] if order is None else [value, id, order]
    return base64.urlsafe_b64encode(_CURSOR_JSON.encode(parts).encode()).decode()


def decode_cursor(cursor: str, *, field: str) -> Position:
    try:
        value, id, *order = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, binascii.Error):
        raise _not_a_cursor(cursor, field) from None
    if not isinstance(id, str) or not isinstance(value, str | int | float | None):
        raise _not_a_cursor(cursor, field)
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise _not_a_cursor(cursor, field)
    if len(order) > 1 or not all(isinstance(o, str) for o in order):
        raise _not_a_cursor(cursor, field)
    return Position(value, id, order[0] if order else None)


def _not_a_cursor(cursor: str, field: str) -> InvalidInput:
    return InvalidInput(t("{cursor!r} is not a cursor this API issued", cursor=cursor), field=field)


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A validated request: ``limit`` rows forward after ``after`` or backward before ``before``."""

    limit: int
    after: Position | None = None
    before: Position | None = None
    backward: bool = False

    @classmethod
    def parse(
        cls,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        default: int = 20,
        maximum: int = MAX_PAGE_SIZE,
    ) -> PageRequest:
        check_page_size(first, last, maximum=maximum)
        backward = last is not None or (before is not None and first is None)
        size = last if backward else first
        return cls(
            limit=default if size is None else size,  # 0 is a size: an empty page
            after=decode_cursor(after, field="after") if after else None,
            before=decode_cursor(before, field="before") if before else None,
            backward=backward,
        )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[tuple[str, T]]
    """(cursor, item) in display order."""
    has_next: bool
    has_previous: bool


def build_page(
    rows: list[tuple[Any, str, T]], request: PageRequest, *, order: str | None = None
) -> Page[T]:
    """Turn ``limit + 1`` fetched rows (sort value, id, item) into a page in display order;
    ``order`` goes into every cursor (see :attr:`Position.order`)."""
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    if request.backward:
        rows.reverse()
    items = [(encode_cursor(value, id, order), item) for value, id, item in rows]
    if request.backward:
        return Page(items, has_next=request.before is not None, has_previous=more)
    return Page(items, has_next=more, has_previous=request.after is not None)


@dataclass(frozen=True, slots=True)
class Subqueries:
    """``CALL (parent) {…}`` clauses run for each row of a page, and the columns they add.

    What a GraphQL selection will ask of each row next (its nested pages, its territory), read
    in the page's own query rather than in one more round-trip per field
    (:func:`graph.relations.subqueries`).
    """

    text: LiteralString
    columns: LiteralString
    """``", nested_0, territory"``: appended to the page query's ``RETURN``."""
    params: dict[str, Any]
