"""Cypher for keyset pages: the seek condition and the order, from a whitelisted sort key.

Sort expressions come from code (each entity module's ``SORTS``, :func:`by_name`), never from
input; the cursor's values travel as parameters. An alphabetical order compares the collation keys
of one language (:mod:`graph.collation`), so its cursors name the language and a cursor of
another order is refused rather than compared with keys it was never made for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.collation import SORT_PROPERTY
from graph.errors import InvalidInput
from graph.i18n import Language, current_language, t
from graph.pagination import PageRequest, Position


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort key: a Cypher expression over the row variable, never null (coalesce it)."""

    expression: LiteralString
    descending: bool = False
    language: Language | None = None
    """Set for an alphabetical order: the language whose keys ``expression`` reads."""

    @property
    def order(self) -> str | None:
        """What the cursors of this sort carry and must carry back."""
        return None if self.language is None else self.language.value


def by_name(variable: LiteralString, language: Language, descending: bool = False) -> Sort:
    """Alphabetical by the name a reader of ``language`` sees, for a node bound as ``variable``
    (an organisation or project; nodes written before keys existed sort first)."""
    key = "coalesce(" + variable + "." + SORT_PROPERTY[language] + ", '')"
    return Sort(key, descending, language)


@dataclass(frozen=True, slots=True)
class ByName:
    """Alphabetical in the reader's language, chosen when a page is asked for (:func:`by_name`)."""

    variable: LiteralString
    descending: bool = False

    def sort(self, language: Language | None = None) -> Sort:
        return by_name(self.variable, language or current_language(), self.descending)


def seek(
    sort: Sort, id_expr: LiteralString, request: PageRequest, *, prefix: LiteralString = ""
) -> tuple[LiteralString, LiteralString, dict[str, Any]]:
    """``(condition, order by, params)`` for rows bound as ``k`` (sort value) and ``id_expr``.

    Rows are ordered by (k, id) in the sort's direction; a backward page runs the query in the
    opposite direction and is reversed by :func:`graph.pagination.build_page`. The parameters
    are named ``{prefix}limit``, ``{prefix}after_k``...: a prefix keeps several pages apart in one
    query (:func:`graph.relations.subqueries`).
    """
    descending = sort.descending != request.backward
    direction = "DESC" if descending else "ASC"
    conditions: list[LiteralString] = []
    params: dict[str, Any] = {prefix + "limit": request.limit + 1}
    bounds: tuple[tuple[LiteralString, Position | None, bool], ...] = (
        ("after", request.after, True),
        ("before", request.before, False),
    )
    for name, position, toward_end in bounds:
        if position is None:
            continue
        if position.order != sort.order:
            raise InvalidInput(
                t(
                    "this cursor belongs to another order (another sort or another language's "
                    "alphabet); ask for the first page again"
                ),
                field=name,
            )
        # "after" in display order means "greater" for ascending sorts
        greater = toward_end != sort.descending
        conditions.append(_beyond(position, prefix + name, id_expr, greater, params))
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
