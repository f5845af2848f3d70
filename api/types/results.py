"""A project's result indicators (IATI style): target and actual per reporting period."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.relay import GlobalID

from graph import results


@strawberry.type(description="A reporting period: from `start` to `end`, both included.")
class Period:
    start: dt.date
    end: dt.date


@strawberry.type(
    description="What a project set out to change and what it reported, for one reporting "
    "period: `baseline`, `target` and `actual` in `unit`."
)
class ProjectIndicator:
    code: str = strawberry.field(description="The indicator's code in its project (e.g. 'reach').")
    title: str
    unit: str | None = strawberry.field(description="People, events, hectares, per cent…")
    baseline: float | None = strawberry.field(description="Where it started; 0 when null.")
    target: float | None
    actual: float | None = strawberry.field(description="Reported; null while not reported.")
    period: Period
    project_code: str
    _key: strawberry.Private[str]

    @strawberry.field(description="Project, code and period: the same indicator, one ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(GlobalID("ProjectIndicator", self._key)))

    @strawberry.field(
        description="(actual − baseline) ÷ (target − baseline), capped to [0, 1]: how far it got "
        "toward its target; null without a target or an actual."
    )
    def progress(self) -> float | None:
        return results.progress(self.baseline, self.target, self.actual)

    @classmethod
    def from_domain(cls, indicator: results.Indicator) -> ProjectIndicator:
        def number(value: float | None) -> float | None:
            return None if value is None else float(value)

        return cls(
            code=indicator.code,
            title=indicator.title,
            unit=indicator.unit,
            baseline=number(indicator.baseline),
            target=number(indicator.target),
            actual=number(indicator.actual),
            period=Period(start=indicator.period_start, end=indicator.period_end),
            project_code=indicator.project_code,
            _key=indicator.key,
        )
