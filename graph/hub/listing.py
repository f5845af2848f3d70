"""What the hub's records (offers, needs, services) share: fetched by code, paged by keyset under
a filter, counted, and filtered by territory including everything under it.

Each record module declares one :class:`Listing` and binds its functions, so the three read
paths are written once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, LiteralString, TypeVar

from graph.db import Database
from graph.filters import Field, Filter, Op, compile_filter
from graph.keyset import Sort, seek
from graph.pagination import Page, PageRequest, build_page

__all__ = ["Listing", "located_under"]

T = TypeVar("T")


def located_under(var: LiteralString) -> Field:
    """A filter on KATO codes that matches a record located in a territory or anywhere under it."""
    template: LiteralString = (
        "EXISTS { MATCH (" + var + ")-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->"
        "(" + var + "_w:Territory) WHERE " + var + "_w.kato IN {p} }"
    )
    return Field(templates={Op.IN: template}, ops=frozenset({Op.IN}))


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """The read paths of one label whose records are keyed by ``code``."""

    label: LiteralString
    var: LiteralString
    """The variable ``projection``, ``fields`` and ``sort`` refer to."""
    projection: LiteralString
    build: Callable[[dict[str, Any]], T]
    fields: Mapping[str, Field]
    sort: Sort

    def by_codes(self, db: Database, codes: list[str]) -> dict[str, T]:
        query = (
            f"UNWIND $codes AS code MATCH ({self.var}:{self.label} {{code: code}}) "
            f"RETURN {self.var}.code AS code, {self.projection} AS record"
        )
        records = db.read(query, codes=list(dict.fromkeys(codes)))
        return {r["code"]: self.build(r["record"]) for r in records}

    def page(self, db: Database, request: PageRequest, *, where: Filter | None = None) -> Page[T]:
        """One keyset page of the records matching ``where``, in the listing's order."""
        v = self.var
        condition, params = compile_filter(where, self.fields)
        seek_condition, order, seek_params = seek(self.sort, f"{v}.code", request)
        query = (  # composed from fixed fragments; values are parameters
            f"MATCH ({v}:{self.label}) WHERE {condition} "
            f"WITH {v}, {self.sort.expression} AS k WHERE {seek_condition} "
            f"ORDER BY {order} LIMIT $limit "
            f"RETURN k, {v}.code AS id, {self.projection} AS record"
        )
        records = db.read(query, **params, **seek_params)
        return build_page([(r["k"], r["id"], self.build(r["record"])) for r in records], request)

    def count(self, db: Database, *, where: Filter | None = None) -> int:
        condition, params = compile_filter(where, self.fields)
        query = f"MATCH ({self.var}:{self.label}) WHERE {condition} RETURN count(*) AS n"
        return int(db.read(query, **params)[0]["n"])
