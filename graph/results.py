"""Result indicators of projects, IATI style: what a project set out to change, by how much, and
what it reported, per reporting period.

An :class:`Indicator` belongs to one project and is identified by the project, its ``code`` and
its period (``period_start``–``period_end``): the same indicator reported for 2023 and for 2024 is
two indicators with one code. ``baseline``, ``target`` and ``actual`` are non-negative numbers in
the indicator's ``unit`` (people, events, hectares, per cent...).

How reported results are judged against targets (:func:`progress`, :func:`achievement`,
:func:`reach_ratio`) lives here, next to the data, and is what the analytics
(:mod:`graph.analytics.indicators`) use.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.keyset import Sort
from graph.relations import Relation

__all__ = [
    "PROJECT_INDICATORS",
    "Indicator",
    "ProjectResult",
    "achievement",
    "check_target",
    "indicator_key",
    "progress",
    "reach_ratio",
]

Number = int | float


def indicator_key(project_code: str, code: str, start: dt.date, end: dt.date) -> str:
    """The stored key of an indicator: ``P-1|reach|2023-01-01|2023-12-31`` (codes hold no ``|``)."""
    return f"{project_code}|{code}|{start.isoformat()}|{end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    project_code: str
    code: str
    title: str
    period_start: dt.date
    period_end: dt.date
    unit: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    actual: Number | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Indicator:
        return cls(
            key=row["key"],
            project_code=row["project_code"],
            code=row["code"],
            title=row["title"],
            period_start=row["period_start"].to_native(),
            period_end=row["period_end"].to_native(),
            unit=row.get("unit"),
            baseline=row.get("baseline"),
            target=row.get("target"),
            actual=row.get("actual"),
        )


PROJECTION: LiteralString = """i {.key, .code, .title, .unit, .baseline, .target, .actual,
    .period_start, .period_end,
    project_code: COLLECT { MATCH (i_p:Project)-[:HAS_INDICATOR]->(i) RETURN i_p.code }[0]}"""
"""The map every query returns for an indicator bound as ``i``."""

PROJECT_INDICATORS: Relation[Indicator] = Relation(
    parent="(parent:Project {code: key})",
    pattern="(parent)-[:HAS_INDICATOR]->(i:Indicator)",
    condition="true",
    sort=Sort("i.code"),
    id="i.key",
    returns=PROJECTION,
    build=Indicator.from_record,
)
"""A project's indicators by code, then period (the key orders periods of one code by date)."""

# -- judging results against targets -------------------------------------------------------------


def check_target(baseline: Number | None, target: Number | None) -> bool:
    """Whether a target can be judged: it must differ from the baseline (0 when not given)."""
    return target is None or target != (baseline or 0)


def progress(baseline: Number | None, target: Number | None, actual: Number | None) -> float | None:
    """How far an indicator got from its baseline toward its target, in [0, 1].

    ``(actual − baseline) ÷ (target − baseline)``, the baseline 0 when not given, capped to
    [0, 1]. Measuring from the baseline makes "literacy from 60 % to 80 %, reached 70 %" half
    done (not 7/8), and works for targets below the baseline (fewer school drop-outs) too.
    ``None`` when there is no target or no actual yet, or the target equals the baseline.

    Examples
    --------
    >>> progress(None, 100, 40), progress(60, 80, 70), progress(100, 50, 75), progress(0, 10, 25)
    (0.4, 0.5, 0.5, 1.0)
    >>> progress(None, 100, None) is None
    True
    """
    if target is None or actual is None:
        return None
    base = baseline or 0
    if target == base:
        return None
    return min(1.0, max(0.0, (actual - base) / (target - base)))


def achievement(indicators: Iterable[tuple[Number | None, Number | None, Number | None]]) -> (
    float | None
):  # fmt: skip
    """A project's achievement: the mean :func:`progress` of its indicators (each reporting
    period counts once); ``None`` when none can be judged.

    The mean of capped ratios, not Σactual ÷ Σtarget: a project's indicators come in different
    units (people, events, hectares, per cent) that cannot be added, each indicator is a promise
    of its own, and the cap keeps an indicator exceeded twice over from hiding one missed.

    Examples
    --------
    >>> achievement([(None, 100, 40), (None, 10, 20)])  # 40 % and (capped) 100 %
    0.7
    >>> achievement([(None, 100, None)]) is None
    True
    """
    judged = [p for p in (progress(*i) for i in indicators) if p is not None]
    return sum(judged) / len(judged) if judged else None


@dataclass(frozen=True, slots=True)
class ProjectResult:
    """What one project reported: people targeted and reached, and its indicators' achievement."""

    target: int | None = None
    reached: int | None = None
    achievement: float | None = None

    @property
    def measured(self) -> bool:
        return self.achievement is not None or (bool(self.target) and self.reached is not None)


def reach_ratio(projects: Sequence[ProjectResult]) -> float:
    """An organisation's reach over its projects whose results are due (``nan`` without data).

    Without indicators this is people reached ÷ people targeted over the projects with both
    (above 1 when targets were exceeded), as it always was. Where indicators exist they speak for
    their project, and every measured project counts once: the mean of each project's
    :func:`achievement`, or ``min(1, reached ÷ targeted)`` for a project with only a headcount
    (capped like an indicator, so the two can be averaged). Each project counts once because
    indicator achievements have no common unit to weigh them by.

    Examples
    --------
    >>> reach_ratio([ProjectResult(200, 150), ProjectResult(100, 120)])  # 270 of 300
    0.9
    >>> reach_ratio([ProjectResult(achievement=0.4), ProjectResult(100, 120)])  # (0.4 + 1) / 2
    0.7
    """
    measured = [p for p in projects if p.measured]
    if not measured:
        return math.nan
    if all(p.achievement is None for p in measured):
        return sum(p.reached or 0 for p in measured) / sum(p.target or 0 for p in measured)
    ratios = [
        p.achievement if p.achievement is not None else min(1.0, (p.reached or 0) / (p.target or 1))
        for p in measured
    ]
    return sum(ratios) / len(ratios)
