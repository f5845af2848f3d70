"""Cypher for keyset pages: the seek condition and the order, from a whitelisted sort key.

Sort expressions come from code (each entity module's ``SORTS``), never from input; the cursor's
values travel as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.pagination import PageRequest, Position


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort key: a Cypher expression over the row variable, never null (coalesce it)."""

    expression: LiteralString
    descending: bool = False


def seek(
    sort: Sort, id_expr: LiteralString, request: PageRequest
) -> tuple[LiteralString, LiteralString, dict[str, Any]]:
    """``(condition, order by, params)`` for rows bound as ``k`` (sort value) and ``id_expr``.

    Rows are ordered by (k, id) in the sort's direction; a backward page runs the query in the
    opposite direction and is reversed by :func:`graph.pagination.build_page`.
    """
    descending = sort.descending != request.backward
    direction = "DESC" if descending else "ASC"
    conditions: list[LiteralString] = []
    params: dict[str, Any] = {"limit": request.limit + 1}
    bounds: tuple[tuple[LiteralString, Position | None, bool], ...] = (
        ("after", request.after, True),
        ("before", request.before, False),
    )
    for name, position, toward_end in bounds:
        if position is None:
            continue
        # "after" in display order means "greater" for ascending sorts
        greater = toward_end != sort.descending
        conditions.append(_beyond(position, name, id_expr, greater, params))
    order = f"k {direction}, {id_expr} {direction}"
    return (" AND ".join(conditions) or "true"), order, params


def _beyond(
    position: Position,
    name: LiteralString,
    id_expr: LiteralString,
    greater: bool,
    params: dict[str, Any],
) -> LiteralString:
    params[f"{name}_k"] = position.value
    params[f"{name}_id"] = position.id
    cmp = ">" if greater else "<"
    return f"(k {cmp} ${name}_k OR (k = ${name}_k AND {id_expr} {cmp} ${name}_id))"
