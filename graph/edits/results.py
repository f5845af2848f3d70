"""Setting and removing a project's result indicators, one audited write each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.errors import InvalidInput, NotFound
from graph.i18n import t
from graph.results import PROJECTION, Indicator, check_target, indicator_key
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches

__all__ = ["IndicatorFields", "SetIndicator", "remove_indicator", "set_indicator"]

MEASURES = ("baseline", "target", "actual")


@dataclass(frozen=True, slots=True)
class IndicatorFields:
    """An indicator as it should be: every field is set, ``None`` clears it."""

    title: str
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None


@dataclass(frozen=True, slots=True)
class SetIndicator:
    indicator: Indicator
    created: bool


_PROJECT: LiteralString = "MATCH (p:Project {code: $code}) RETURN p.code AS code"
_SNAPSHOT: LiteralString = (
    "MATCH (:Project {code: $code})-[:HAS_INDICATOR]->(i:Indicator {key: $key}) "
    "RETURN " + PROJECTION + " AS indicator"
)
_SET: LiteralString = """
MATCH (p:Project {code: $code})
MERGE (i:Indicator {key: $key})
SET i += $props
MERGE (p)-[:HAS_INDICATOR]->(i)
"""
_REMOVE: LiteralString = """
MATCH (:Project {code: $code})-[:HAS_INDICATOR]->(i:Indicator {key: $key})
DETACH DELETE i
"""


def _require_project(tx: Transaction, code: str) -> None:
    if tx.run(_PROJECT, code=code).single() is None:
        raise NotFound(t("no project with code {code}", code=code))


def _snapshot(tx: Transaction, code: str, key: str) -> dict[str, Any] | None:
    found = tx.run(_SNAPSHOT, code=code, key=key).single()
    return None if found is None else dict(found["indicator"])


def _period(start: dt.date, end: dt.date) -> None:
    if problem := rules.not_before(start, end, "period_start"):
        raise InvalidInput(problem, field="period_end")


def set_indicator(
    db: Database,
    project_code: str,
    code: str,
    period_start: dt.date,
    period_end: dt.date,
    fields: IndicatorFields,
    *,
    actor: Actor | str,
) -> SetIndicator:
    """Create or replace the indicator ``code`` of a project for one reporting period."""
    code = checked(rules.code, code, field="code")
    _period(period_start, period_end)
    props: dict[str, Any] = {
        "code": code,
        "title": clean_text(fields.title, field="title", required=True),
        "unit": clean_text(fields.unit, field="unit"),
        "period_start": period_start,
        "period_end": period_end,
    }
    for name in MEASURES:
        value = getattr(fields, name)
        props[name] = None if value is None else checked(rules.number, value, field=name)
    if not check_target(props["baseline"], props["target"]):
        raise InvalidInput(t("the target must differ from the baseline"), field="target")
    key = indicator_key(project_code, code, period_start, period_end)

    def work(tx: Transaction) -> Change[SetIndicator]:
        _require_project(tx, project_code)
        before = _snapshot(tx, project_code, key)
        tx.run(_SET, code=project_code, key=key, props=props).consume()
        after = _snapshot(tx, project_code, key)
        assert after is not None
        result = SetIndicator(Indicator.from_record(after), created=before is None)
        return Change(result, "set_indicator", key, before, after)

    return audited_write(db, actor, work, touches=Touches(projects=(project_code,)))


def remove_indicator(
    db: Database, project_code: str, code: str, period_start: dt.date, period_end: dt.date, *,
    actor: Actor | str,
) -> Indicator | None:  # fmt: skip
    """Remove a project's indicator for one period; the one removed, ``None`` when there was none
    (nothing is recorded then)."""
    key = indicator_key(project_code, code, period_start, period_end)

    def work(tx: Transaction) -> Change[Indicator | None]:
        _require_project(tx, project_code)
        before = _snapshot(tx, project_code, key)
        tx.run(_REMOVE, code=project_code, key=key).consume()
        removed = None if before is None else Indicator.from_record(before)
        return Change(removed, "remove_indicator", key, before, None)

    return audited_write(db, actor, work, touches=Touches(projects=(project_code,)))
