"""Which part of the graph an analysis looks at, and the Cypher that selects it.

A :class:`Scope` is the validated, hashable form of the filters every projection and indicator
takes (``years``, ``territories``, ``kinds``, ``include_archived``); being hashable it is also the
cache key of a projection. The Cypher fragments here are literal strings joined with ``+`` so
queries stay ``LiteralString``; values always travel as ``$parameters``.

Filter semantics, shared by every function of :mod:`graph.analytics`:

* ``territories``: KATO codes; an organisation is in scope when it is located in one of them or in
  any territory under one of them (``PART_OF*``).
* ``kinds``: :class:`~graph.vocab.OrgKind` values.
* ``years``: an inclusive range ``(first, last)`` (or one year). A project is in the window when
  the years it ran, ``start_date.year`` to ``coalesce(end_date, start_date).year``, overlap the
  range. Without ``years`` an explicit partnership counts while it has not ended (no ``until``);
  with ``years`` it counts when it was in force at some time in the range
  (``since.year <= last`` and ``until`` empty or ``until.year >= first``; no ``since`` = long
  standing).
* ``include_archived``: archived organisations are left out unless this is true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.errors import InvalidInput
from graph.i18n import t
from graph.rules import parse_kinds, parse_territories
from graph.vocab import OrgKind

__all__ = ["Scope", "YearsArg"]

YearsArg = int | tuple[int, int] | None
"""``None`` (all years), one year, or an inclusive ``(first, last)`` range."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Validated filters; build with :meth:`of`, which accepts the loose forms callers pass.

    Examples
    --------
    >>> scope = Scope.of(years=2021, territories="553610000", kinds=["Youth_Group"])
    >>> scope.years, scope.territories, [k.value for k in scope.kinds]
    ((2021, 2021), ('553610000',), ['youth_group'])
    >>> Scope.of(years=(2021, 2018))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.InvalidInput: years must be one year or a (first, last) pair ... got (2021, 2018)
    """

    years: tuple[int, int] | None = None
    territories: tuple[str, ...] | None = None
    kinds: tuple[OrgKind, ...] | None = None
    include_archived: bool = False

    @classmethod
    def of(
        cls,
        *,
        years: YearsArg = None,
        territories: str | Iterable[str] | None = None,
        kinds: str | Iterable[str] | None = None,
        include_archived: bool = False,
    ) -> Scope:
        return cls(
            years=_years(years),
            territories=parse_territories(territories),
            kinds=parse_kinds(kinds),
            include_archived=bool(include_archived),
        )

    def params(self) -> dict[str, Any]:
        """The ``$parameters`` the fragments of this module read."""
        first, last = self.years if self.years else (None, None)
        return {
            "first_year": first,
            "last_year": last,
            "territories": list(self.territories) if self.territories else None,
            "kinds": [k.value for k in self.kinds] if self.kinds else None,
            "include_archived": self.include_archived,
        }


def _years(years: YearsArg) -> tuple[int, int] | None:
    if years is None:
        return None
    if isinstance(years, int) and not isinstance(years, bool):
        return (years, years)
    if (
        isinstance(years, tuple | list)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and years[0] <= years[1]
    ):
        return (int(years[0]), int(years[1]))
    raise InvalidInput(
        t(
            "years must be one year or a (first, last) pair with first <= last, got {years!r}",
            years=years,
        ),
        field="years",
    )


# -- Cypher fragments ----------------------------------------------------------------------------

ORG_SCOPE: LiteralString = """
MATCH (o:Organization)-[:LOCATED_IN]->(t:Territory)
WHERE ($include_archived OR NOT coalesce(o.archived, false))
  AND ($kinds IS NULL OR o.kind IN $kinds)
WITH *, head([path = (t)-[:PART_OF*0..]->(top) WHERE NOT EXISTS { (top)-[:PART_OF]->() }
              | nodes(path)]) AS chain
WHERE $territories IS NULL OR any(x IN chain WHERE x.kato IN $territories)
WITH *, CASE WHEN size(chain) >= 2 THEN chain[-2] END AS district,
     head([x IN chain WHERE x.settlement IS NOT NULL | x.settlement]) AS settlement
"""
"""Binds ``o`` (organisation in scope), ``t`` (its territory), ``chain`` (territories from ``t``
up to the region), ``district`` (the first-level territory: a city or a district) and
``settlement`` (the nearest ``settlement`` on the chain). Uses ``WITH *`` so variables bound
before it pass through."""

ORG_IDENTITY: LiteralString = """
o.bin AS bin, o.name AS name, o.kind AS kind, t.kato AS kato, district.kato AS district_kato,
district.name AS district_name, settlement, [x IN chain | x.kato] AS territories
"""
"""The columns every per-organisation indicator table starts with."""

ORG_PROPERTIES: LiteralString = """
{name: o.name, kind: o.kind, legal_form: o.legal_form, founded_year: o.founded_year,
 staff: o.staff, volunteers: o.volunteers, synthetic: coalesce(o.synthetic, false),
 kato: t.kato, district_kato: district.kato, district_name: district.name,
 settlement: settlement}
"""
"""Node attributes of an organisation in every projection (the node key is its BIN)."""

PROJECT_IN_WINDOW: LiteralString = """
($first_year IS NULL OR coalesce(p.end_date, p.start_date).year >= $first_year)
AND ($last_year IS NULL OR p.start_date.year <= $last_year)
"""
"""True when project ``p`` ran in the ``years`` window (always true without one)."""

PARTNERSHIP_IN_WINDOW: LiteralString = """
CASE WHEN $first_year IS NULL THEN r.until IS NULL
     ELSE (r.since IS NULL OR r.since.year <= $last_year)
          AND (r.until IS NULL OR r.until.year >= $first_year) END
"""
"""True when partnership ``r`` counts: not ended, or in force during the ``years`` window."""

FUNDER_KEY: LiteralString = """
CASE WHEN f:Akimat THEN 'akimat:' + f.code WHEN f:Donor THEN 'donor:' + f.code ELSE f.bin END
"""
"""The node key of funder ``f``: a BIN for organisations, ``akimat:<code>``, ``donor:<code>``."""

FUNDER_TYPE: LiteralString = """
CASE WHEN f:Akimat THEN 'akimat' WHEN f:Donor THEN 'donor' ELSE 'organization' END
"""


def project_key(code: str) -> str:
    """The node key of a project in the bipartite and funding graphs."""
    return f"project:{code}"


def native(value: Any) -> Any:
    """Neo4j temporal values as :mod:`datetime` ones; everything else unchanged."""
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        result = to_native()
        if isinstance(result, dt.date | dt.datetime | dt.time | dt.timedelta):
            return result
    return value


def native_map(data: dict[str, Any]) -> dict[str, Any]:
    return {key: native(value) for key, value in data.items()}
