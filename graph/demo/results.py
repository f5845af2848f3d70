"""What was paid of the state's money and what projects reported against their indicators.

State money (social orders, grants, awards) is committed per year and recorded as paid: in full
for past years, in part for the demo's current year (as far as the year has gone), not yet for
later years. Projects on state money report two indicators, people reached and events held,
against targets, as an akimat asks of a social order. Nothing here draws from the world's random
stream, so every other table stays as it was for a seed; the events' spread comes from the
project's code.
"""

from __future__ import annotations

import datetime as dt
import zlib

from graph.demo.funding import thousands
from graph.demo.model import TODAY, Project, Row, iso
from graph.vocab import STATE_MECHANISMS, Mechanism, ProjectStatus

__all__ = ["indicator_rows", "payment"]

_NO_PAYMENT: Row = {"disbursed_kzt": "", "committed_on": "", "disbursed_on": ""}


def payment(project: Project, mechanism: Mechanism, year: int, amount: int) -> Row:
    """The payment columns of one year's funding (empty unless state money on a project that
    ran)."""
    if mechanism not in STATE_MECHANISMS or project.status not in (
        ProjectStatus.ACTIVE,
        ProjectStatus.COMPLETED,
    ):
        return _NO_PAYMENT
    first = max(project.start, dt.date(year, 1, 1))
    last = min(project.end, dt.date(year, 12, 31))
    committed = {"committed_on": iso(first)}
    if project.status is ProjectStatus.COMPLETED or last < TODAY:
        return committed | {"disbursed_kzt": str(amount), "disbursed_on": iso(last)}
    if first > TODAY:
        return committed | {"disbursed_kzt": "", "disbursed_on": ""}
    share = (TODAY - first).days / max(1, (last - first).days)
    paid = min(amount, thousands(amount * share))
    return committed | {"disbursed_kzt": str(paid), "disbursed_on": iso(TODAY)}


def indicator_rows(code: str, project: Project) -> list[Row]:
    """People reached and events held against targets, for a project on state money."""
    if project.status not in (ProjectStatus.ACTIVE, ProjectStatus.COMPLETED):
        return []
    if not any(mechanism in STATE_MECHANISMS for _, mechanism in project.sources):
        return []
    kazakh = project.lead.kazakh
    period = {"period_start": iso(project.start), "period_end": iso(project.end)}
    events = max(2, project.target // 20)
    held = ""
    if project.reached:
        spread = 0.8 + (zlib.crc32(code.encode()) % 41) / 100  # 0.8 .. 1.2, fixed per project
        held = str(round(events * min(1.1, int(project.reached) / project.target * spread)))
    return [
        {
            "project_code": code,
            "code": "beneficiaries",
            "title": "Қамтылған алушылар" if kazakh else "Охват благополучателей",
            "unit": "адам" if kazakh else "человек",
            "baseline": "",
            "target": str(project.target),
            "actual": project.reached,
        }
        | period,
        {
            "project_code": code,
            "code": "events",
            "title": "Өткізілген іс-шаралар" if kazakh else "Проведённые мероприятия",
            "unit": "іс-шара" if kazakh else "мероприятий",
            "baseline": "",
            "target": str(events),
            "actual": held,
        }
        | period,
    ]
