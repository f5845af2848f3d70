"""The article's instruction to district akimats: find and support the most active organisations,
especially youth organisations.

The score is :func:`graph.analytics.indicators.activity_scores` — the one definition of activity
in the code base — broken down into its weighted components, with whether the akimat governing
the territory already supports each organisation (a support record in force today,
:mod:`graph.supports`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, LiteralString

import pandas as pd

from graph import rules
from graph.analytics.indicators import (
    ACTIVITY_WEIGHTS,
    PARTNERS_FOR_FULL_SCORE,
    VOLUNTEERS_FOR_FULL_SCORE,
    activity_scores,
)
from graph.db import Database
from graph.errors import InvalidInput
from graph.i18n import Text, t, tn, tp
from graph.i18n.values import percent, period
from graph.organizations import Organization, by_bins
from graph.rules import check_first, parse_kinds
from graph.vocab import OrgKind

__all__ = ["ActiveOrganization", "ActivityComponent", "active_organizations"]

_RAW = {
    "projects": "recent_projects",
    "partners": "partners",
    "volunteers": "volunteers",
    "results": "reach",
}
"""The raw value behind each component, as :func:`activity_scores` names it."""


@dataclass(frozen=True, slots=True)
class ActivityComponent:
    name: str
    """``projects``, ``partners``, ``volunteers`` or ``results``."""
    value: float | None
    """The raw value: recent projects, partners, volunteers, reached ÷ targeted (None: no
    data)."""
    score: float
    """The component in [0, 1]."""
    weight: float
    contribution: float
    """``weight × score``; the contributions add up to the activity score."""
    label: Text
    """The component's name for people: "Projects"."""
    text: Text
    """What the raw value is and what gives the full component, in words."""


@dataclass(frozen=True, slots=True)
class ActiveOrganization:
    organization: Organization
    score: float
    components: tuple[ActivityComponent, ...]
    supported_by_territory_akimat: bool
    """The akimat governing the territory asked for has a support of it in force today."""
    support_kinds: tuple[str, ...]
    """The kinds of those supports (:class:`~graph.vocab.SupportKind` values)."""
    supported_by: tuple[str, ...]
    """Codes of every akimat with a support of it in force."""
    reference_year: int | None
    window: int


_TERRITORY: LiteralString = """
MATCH (t:Territory {kato: $kato})
RETURN COLLECT { MATCH (k:Akimat)-[:GOVERNS]->(t) RETURN k.code } AS akimats
"""


def _label(name: str) -> Text:
    if name == "projects":
        return tp("activity score", "Projects")
    if name == "partners":
        return tp("activity score", "Partners")
    if name == "volunteers":
        return tp("activity score", "Volunteers")
    return tp("activity score", "Results")


def _explanation(name: str, value: float | None, reference_year: int | None, window: int) -> Text:
    """The raw value of a component in words, with what gives the full component."""
    n = int(value or 0)
    if name == "projects":
        if reference_year is None:
            return t("No active or completed projects on record")
        return tn(
            "{n} active or completed project in {years} (one a year gives the full score)",
            "{n} active or completed projects in {years} (one a year gives the full score)",
            n,
            years=period(reference_year, window),
        )
    if name == "partners":
        if reference_year is None:
            return tn(
                "{n} partner in force ({full} or more give the full score)",
                "{n} partners in force ({full} or more give the full score)",
                n,
                full=PARTNERS_FOR_FULL_SCORE,
            )
        return tn(
            "{n} partner in {year} ({full} or more give the full score)",
            "{n} partners in {year} ({full} or more give the full score)",
            n,
            year=reference_year,
            full=PARTNERS_FOR_FULL_SCORE,
        )
    if name == "volunteers":
        return tn(
            "{n} volunteer ({full} or more give the full score)",
            "{n} volunteers ({full} or more give the full score)",
            n,
            full=VOLUNTEERS_FOR_FULL_SCORE,
        )
    if value is None:
        return t("No completed project with a target and a reported result")
    return t(
        "Completed projects reached {share} of the people they targeted (reaching all of "
        "them gives the full score)",
        share=percent(value),
    )


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def active_organizations(
    db: Database,
    *,
    territory: str,
    kinds: str | Iterable[str] | None = None,
    first: int = 10,
    reference_year: int | None = None,
    window: int = 3,
    scores: pd.DataFrame | None = None,
) -> list[ActiveOrganization]:
    """The most active organisations located at or under ``territory`` (a KATO code), best
    first; when ``kinds`` asks for youth groups among other kinds, youth groups come first.

    The score and its components are those of
    :func:`~graph.analytics.indicators.activity_scores` (``reference_year`` and ``window`` as
    there). ``scores``, that table for the whole region already computed (the API passes the
    last one its :class:`~graph.analytics.refresh.Refresher` computed), is filtered instead of
    read; its reference year and window then apply. Raises :class:`InvalidInput` (``field``:
    ``territory``, ``kinds``, ``first``).
    """
    check_first(first)
    if territory is None:
        raise InvalidInput(t("required"), field="territory")
    rules.checked(rules.kato, territory, field="territory")
    wanted = parse_kinds(kinds)
    found = db.read(_TERRITORY, kato=territory)
    if not found:
        raise InvalidInput(
            t("no territory with KATO code {kato}", kato=territory), field="territory"
        )
    governing = set(found[0]["akimats"])
    if scores is None:
        table = activity_scores(
            db,
            reference_year=reference_year,
            window=window,
            territories=territory,
            kinds=[k.value for k in wanted] if wanted else None,
        )
    else:  # the region's scores: the same as the scoped read (the reference year is the data's)
        inside = [territory in chain for chain in scores["territories"]]
        table = scores[inside]
        if wanted:
            table = table[table["kind"].isin([k.value for k in wanted])]
    youth_first = wanted is not None and len(wanted) > 1 and OrgKind.YOUTH_GROUP in wanted
    rows = [{"bin": bin_, **row} for bin_, row in table.to_dict("index").items()]
    rows.sort(
        key=lambda r: (
            youth_first and r["kind"] != OrgKind.YOUTH_GROUP.value,
            -r["activity"],
            r["name"] or "",
            r["bin"],
        )
    )
    rows = rows[:first]
    orgs = by_bins(db, [r["bin"] for r in rows])
    total = sum(ACTIVITY_WEIGHTS.values())
    out = []
    for r in rows:
        if r["bin"] not in orgs:
            continue
        year, window_years = _number_int(r["reference_year"]), int(r["window"])
        components = tuple(
            ActivityComponent(
                name=name,
                value=_number(r[_RAW[name]]),
                score=float(r[f"{name}_score"]),
                weight=weight / total,
                contribution=weight / total * float(r[f"{name}_score"]),
                label=_label(name),
                text=_explanation(name, _number(r[_RAW[name]]), year, window_years),
            )
            for name, weight in ACTIVITY_WEIGHTS.items()
        )
        mine = [s for s in r["supported_by"] if s.get("code") in governing]
        out.append(
            ActiveOrganization(
                organization=orgs[r["bin"]],
                score=float(r["activity"]),
                components=components,
                supported_by_territory_akimat=bool(mine),
                support_kinds=tuple(sorted({str(s["kind"]) for s in mine if s.get("kind")})),
                supported_by=tuple(sorted({s["code"] for s in r["supported_by"]})),
                reference_year=year,
                window=window_years,
            )
        )
    return out


def _number_int(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else int(number)
