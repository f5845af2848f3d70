"""Organisations by the flags they carry, for ``where: {flags: {some: [...]}}``.

The flags are those of :func:`graph.analytics.reports.region_indicators` — the same computation
and the same cache entry that ``Organization.flags`` and ``Organization.metrics.flags`` read — so
a filter and the flags it shows never disagree at one graph version. They are computed in Python
(pandas), so a flag condition cannot be Cypher of its own: :func:`resolve_flags` turns it into a
condition on the BINs that carry the flags, and the page query, its keyset cursors and its count
stay the same queries as for any other filter. Archived organisations have no flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.analytics.cache import ProjectionCache
from graph.analytics.indicators import Flag
from graph.analytics.reports import region_indicators
from graph.db import Database
from graph.filters import All, AnyOf, Cond, Filter, Not, Op
from graph.rules import checked, enum
from graph.vocab import FlagKind

__all__ = ["FLAGS", "flags_by_bin", "mentions_flags", "resolve_flags"]

FLAGS = "flags"
"""The field name of a flag condition: ``Cond(FLAGS, Op.SOME | Op.NONE, [codes])``."""


def flags_by_bin(db: Database, *, cache: ProjectionCache | None) -> Mapping[str, tuple[Flag, ...]]:
    """Every organisation's flags (archived ones have none), reused until the graph changes."""
    return region_indicators(db, cache=cache).flags


def mentions_flags(where: Filter | None) -> bool:
    """Whether ``where`` has a flag condition anywhere (so it needs :func:`resolve_flags`)."""
    if where is None:
        return False
    if isinstance(where, Cond):
        return where.field == FLAGS
    if isinstance(where, Not):
        return mentions_flags(where.part)
    return any(mentions_flags(p) for p in where.parts)


def _carrying(flagged: Mapping[str, tuple[Flag, ...]], codes: Iterable[str]) -> list[str]:
    wanted = {checked(enum(FlagKind), str(c), field="where.flags") for c in codes}
    return sorted(b for b, found in flagged.items() if any(f.code in wanted for f in found))


def _resolve(where: Filter, flagged: Mapping[str, tuple[Flag, ...]]) -> Filter:
    if isinstance(where, Cond):
        if where.field != FLAGS:
            return where
        carrying = Cond("bin", Op.IN, _carrying(flagged, where.value))
        return Not(carrying) if where.op is Op.NONE else carrying
    if isinstance(where, Not):
        return Not(_resolve(where.part, flagged))
    parts = tuple(_resolve(p, flagged) for p in where.parts)
    return All(parts) if isinstance(where, All) else AnyOf(parts)


def resolve_flags(
    db: Database, where: Filter | None, *, cache: ProjectionCache | None
) -> Filter | None:
    """``where`` with each flag condition replaced by one on the BINs carrying those flags
    (``some``: any of them; ``none``: none of them); without flag conditions, ``where`` itself
    and no work at all.

    Examples
    --------
    >>> wanted = Cond(FLAGS, Op.SOME, ["self_funded"])
    >>> resolve_flags(db, wanted, cache=None)
    Cond(field='bin', op=<Op.IN: 'in'>, value=['940140000385'])
    """
    if where is None or not mentions_flags(where):
        return where
    return _resolve(where, flags_by_bin(db, cache=cache))
