"""The article's questions about each organisation, one query each, as pandas tables.

* **State-budget dependency**: what share of an organisation's funding comes through state
  mechanisms, and how concentrated it is (Herfindahl–Hirschman index) over revenue types, as
  Chang & Tuckman define revenue concentration, and over individual funders.
* **Self-funded**: some funding, none of it from the state budget.
* **Result orientation**: beneficiaries reached ÷ targeted — or, where projects have result
  indicators, their actual against target — on projects whose results are due, tenge paid per
  beneficiary reached, and the share of the tenge paid that bought results on target.
* **Activity score**: recent projects, partners, volunteers and results, each in [0, 1].

Funding is attributed to the organisation *accountable* for a project: every ``FUNDS`` into
that project, whoever the funder (an akimat, another organisation, the organisation itself
through ``own_income``, or the citizens donor). State share = state mechanisms
(:data:`~graph.vocab.STATE_MECHANISMS`) ÷ all.

These are indicators: they *flag patterns worth a look* ("a high state share together with
few of the targeted people reached"), never verdicts about an organisation — the data cannot
see the kind of help given, how hard the target group is to reach, or what was not recorded.
:func:`flags` words them that way.

Every table is indexed by BIN and starts with ``name, kind, kato, district_kato,
district_name, settlement, territories`` (the KATO codes from the organisation's territory up
to the region). Filters are those of :mod:`graph.analytics.scope`; in the examples ``db``
holds the sample region of the test suite.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

import neo4j
import pandas as pd

from graph.analytics.scope import (
    FUNDER_KEY,
    ORG_IDENTITY,
    ORG_SCOPE,
    PROJECT_IN_WINDOW,
    Scope,
    YearsArg,
    native_map,
)
from graph.db import Database
from graph.errors import InvalidInput
from graph.i18n import Text, t
from graph.i18n.values import decimal, percent, period
from graph.results import ProjectResult, achievement, reach_ratio
from graph.vocab import STATE_MECHANISMS, Mechanism

__all__ = [
    "ACTIVITY_WEIGHTS",
    "PARTNERS_FOR_FULL_SCORE",
    "REVENUE_TYPES",
    "VOLUNTEERS_FOR_FULL_SCORE",
    "Flag",
    "FlagThresholds",
    "activity_scores",
    "flags",
    "herfindahl",
    "indicator_tables",
    "result_orientation",
    "revenue_by_type",
    "self_funded",
    "state_dependency",
]

IDENTITY_COLUMNS = (
    "name",
    "kind",
    "kato",
    "district_kato",
    "district_name",
    "settlement",
    "territories",
)
_IDENTITY = ("bin", *IDENTITY_COLUMNS)
_STATE = frozenset(m.value for m in STATE_MECHANISMS)


def _table(rows: list[dict[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    columns = ["bin", *IDENTITY_COLUMNS, *columns]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.set_index("bin").sort_index()


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


# -- state-budget dependency ---------------------------------------------------------------------

REVENUE_TYPES: Mapping[Mechanism, str] = {
    Mechanism.STATE_SOCIAL_ORDER: "government",
    Mechanism.STATE_GRANT: "government",
    Mechanism.NGO_AWARD: "government",
    Mechanism.PRIVATE_DONATION: "contributions",
    Mechanism.IN_KIND: "contributions",
    Mechanism.OWN_INCOME: "earned_income",
}
"""The revenue type of each funding mechanism, for revenue concentration.

Tuckman and Chang measure concentration over an organisation's revenue *sources* as its
accounts split them (government support, private contributions, earned income from fees,
sales and dues, investment income), not over the payers: a hundred donors are one source. The
mechanisms map onto those sources: state social order, state grant and NGO award are all
state-budget money (government); private donations and in-kind help are contributions (in
cash or in kind); own income is earned income. The vocabulary has no investment income. In US
accounts a government *contract* counts as programme-service revenue; here the state social
order is kept with government because the question the index serves is dependency on the
state budget.
"""


def herfindahl(amounts: Iterable[float]) -> float:
    """The Herfindahl–Hirschman index ``sum of s_i**2`` of the shares ``s_i`` of ``amounts``: 1
    when all comes from one, ``1/n`` for ``n`` equal parts; ``nan`` when the total is 0.

    Examples
    --------
    >>> herfindahl([50, 50]), herfindahl([7]), herfindahl([])
    (0.5, 1.0, nan)
    """
    values = [float(a) for a in amounts]
    if any(a < 0 for a in values):
        raise ValueError("herfindahl needs amounts of 0 or more")
    total = sum(values)
    return sum((a / total) ** 2 for a in values) if total else math.nan


def revenue_by_type(
    amounts: Mapping[str, float], types: Mapping[Mechanism, str] = REVENUE_TYPES
) -> dict[str, float]:
    """Funding by mechanism code summed into revenue types (:data:`REVENUE_TYPES`).

    Examples
    --------
    >>> revenue_by_type({"state_grant": 60, "state_social_order": 20, "own_income": 20})
    {'government': 80, 'earned_income': 20}
    """
    by_type: dict[str, float] = {}
    for code, amount in amounts.items():
        try:
            kind = types[Mechanism(code)]
        except ValueError:
            raise ValueError(f"unknown funding mechanism {code!r}") from None
        by_type[kind] = by_type.get(kind, 0) + amount
    return by_type


_FUNDING_CALL: LiteralString = (
    """
CALL (o) {
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)<-[r:FUNDS]-(f)
  WHERE """
    + PROJECT_IN_WINDOW
    + """
  RETURN collect({funder: """
    + FUNDER_KEY
    + """, mechanism: r.mechanism, amount: coalesce(r.amount_kzt, 0)}) AS flows,
         count(DISTINCT p) AS funded_projects
}
"""
)
_FUNDING: LiteralString = (
    ORG_SCOPE + _FUNDING_CALL + "RETURN " + ORG_IDENTITY + ", flows, funded_projects"
)
MECHANISM_COLUMNS = tuple(f"{m.value}_kzt" for m in Mechanism)


def state_dependency(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """Each organisation's funding by source: state share and revenue concentration.

    Columns after the identity ones: ``funding_kzt`` (all funding attributed to it),
    ``state_kzt``, ``state_share`` = state ÷ all (``nan`` without funding);
    ``revenue_hhi`` = revenue concentration as Chang & Tuckman define it, the
    Herfindahl–Hirschman index over the shares of each revenue type (:data:`REVENUE_TYPES`:
    government, contributions, earned income; 1 = one type, 1/3 = the three equal);
    ``revenue_types`` (types with money); ``hhi`` = the funder-level index over the shares of
    each *funder* (1 = a single funder, 1/n = n equal funders; the organisation paying from its
    own income counts as one funder, so it is not the reference's measure);
    ``funders``, ``funded_projects``, ``self_funded`` (some funding, no state money) and one
    ``<mechanism>_kzt`` column per :class:`~graph.vocab.Mechanism`. Indices are ``nan``
    without funding. With ``years``, projects that ran in the window bring all their funding.

    References
    ----------
    .. [1] Tuckman, H. P., & Chang, C. F. (1991). A methodology for measuring the financial
       vulnerability of charitable nonprofit organizations. Nonprofit and Voluntary Sector
       Quarterly 20(4), 445–460. Chang, C. F., & Tuckman, H. P. (1991). Financial
       vulnerability and attrition as measures of nonprofit performance. Annals of Public and
       Cooperative Economics 62(4), 655–672.
    .. [2] Chang, C. F., & Tuckman, H. P. (1994). Revenue diversification among non-profits.
       Voluntas 5(3), 273–290.
    .. [3] Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54(5),
       761.

    Examples
    --------
    >>> table = state_dependency(db)
    >>> print(table.loc["990140004654", "state_share"])  # the Afghan veterans' union
    1.0
    >>> print(table.loc["940140000385", "state_share"], table.loc["940140000385", "self_funded"])
    0.0 True
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return _dependency_table(
        [dict(record) | _funding(record["flows"]) for record in db.read(_FUNDING, **scope.params())]
    )


def _funding(flows: list[dict[str, Any]]) -> dict[str, Any]:
    """The funding columns of :func:`state_dependency` from one organisation's flows."""
    total = sum(f["amount"] for f in flows)
    state = sum(f["amount"] for f in flows if f["mechanism"] in _STATE)
    by_funder: defaultdict[str, int] = defaultdict(int)
    by_mechanism: defaultdict[str, int] = defaultdict(int)
    for f in flows:
        by_funder[f["funder"]] += f["amount"]
        by_mechanism[f["mechanism"]] += f["amount"]
    types = revenue_by_type(by_mechanism)
    row = {
        "funding_kzt": total,
        "state_kzt": state,
        "state_share": _ratio(state, total),
        "revenue_hhi": herfindahl(types.values()),
        "revenue_types": sum(1 for a in types.values() if a > 0),
        "hhi": herfindahl(by_funder.values()),
        "funders": len(by_funder),
        "self_funded": total > 0 and state == 0,
    }
    row |= {f"{m.value}_kzt": by_mechanism.get(m.value, 0) for m in Mechanism}
    return row


def _dependency_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = (
        "funding_kzt",
        "state_kzt",
        "state_share",
        "revenue_hhi",
        "revenue_types",
        "hhi",
        "funders",
        "funded_projects",
    )
    return _table(rows, (*columns, "self_funded", *MECHANISM_COLUMNS))


def self_funded(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """The rows of :func:`state_dependency` with some funding and no state-budget money,
    largest funding first.

    Examples
    --------
    >>> self_funded(db)["name"].tolist()
    ['Клуб добряков Павлодара']
    """
    table = state_dependency(
        db, years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return table[table["self_funded"]].sort_values("funding_kzt", ascending=False)


# -- result orientation --------------------------------------------------------------------------

PAID_IN_FULL: LiteralString = """
(p.status = 'active' AND EXISTS { ()-[p_f:FUNDS]->(p) }
 AND NOT EXISTS { ()-[p_f:FUNDS]->(p)
                  WHERE p_f.disbursed_kzt IS NULL
                     OR p_f.disbursed_kzt < coalesce(p_f.amount_kzt, 0) })
"""
"""True when project ``p`` is running and every funding of it is recorded as paid in full: its
results are due although it has not ended."""

PROJECT_RESULT: LiteralString = """
{target: p.beneficiaries_target, reached: p.beneficiaries_reached,
 committed: reduce(s = 0, a IN COLLECT { MATCH ()-[p_f:FUNDS]->(p) RETURN p_f.amount_kzt }
                   | s + coalesce(a, 0)),
 paid: reduce(s = 0, a IN COLLECT { MATCH ()-[p_f:FUNDS]->(p)
                                    RETURN coalesce(p_f.disbursed_kzt, p_f.amount_kzt) }
              | s + coalesce(a, 0)),
 indicators: COLLECT { MATCH (p)-[:HAS_INDICATOR]->(p_i:Indicator)
                       WHERE p_i.target IS NOT NULL AND p_i.actual IS NOT NULL
                       RETURN [p_i.baseline, p_i.target, p_i.actual] }}
"""
"""What project ``p`` reported: people targeted and reached, money committed and paid
(disbursed where recorded, else committed) and its judged indicators."""

_RESULTS_CALL: LiteralString = (
    """
CALL (o) {
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)
  WHERE (p.status = 'completed' OR """
    + PAID_IN_FULL
    + """) AND """
    + PROJECT_IN_WINDOW
    + """
  WITH DISTINCT p
  RETURN count(CASE WHEN p.status = 'completed' THEN p END) AS completed_projects,
         count(CASE WHEN p.status = 'active' THEN p END) AS paid_projects,
         collect("""
    + PROJECT_RESULT
    + """) AS projects
}
"""
)
_RESULTS: LiteralString = (
    ORG_SCOPE
    + _RESULTS_CALL
    + "RETURN "
    + ORG_IDENTITY
    + ", completed_projects, paid_projects, projects"
)


def _project_result(row: Mapping[str, Any]) -> ProjectResult:
    return ProjectResult(row["target"], row["reached"], achievement(row["indicators"]))


def _headcount(result: ProjectResult) -> bool:
    return bool(result.target) and result.reached is not None


def _achieved_share(projects: list[Mapping[str, Any]], results: list[ProjectResult]) -> float:
    """Σ paid × how far each measured project got (capped at its target) ÷ Σ paid."""
    paid = achieved = 0.0
    for row, result in zip(projects, results, strict=True):
        if not result.measured or not row["paid"]:
            continue
        got = result.achievement
        if got is None:
            got = min(1.0, (result.reached or 0) / (result.target or 1))
        paid += row["paid"]
        achieved += row["paid"] * got
    return _ratio(achieved, paid)


def result_orientation(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """Results of the projects each organisation is accountable for, where results are due.

    Results are *due* on a completed project, and on an active one whose every funding is
    recorded as paid in full (``disbursed_kzt`` equal to the committed ``amount_kzt``): the money
    is spent, so the results can be asked for; a contract paid in part is still at work.

    Columns after the identity ones: ``completed_projects`` and ``paid_projects`` (active, paid
    in full); ``beneficiaries_target`` and ``reached_of_target`` (over those projects with a
    people target and a reported headcount); ``indicator_projects`` (those with indicators that
    have a target and an actual); ``reach_ratio`` by :func:`graph.results.reach_ratio` —
    people reached ÷ targeted as before where no project has indicators, else the mean of each
    project's achievement (its indicators' actual against target, see
    :func:`graph.results.achievement`) — above 1 only when headcounts exceeded targets, ``nan``
    without data; ``beneficiaries_reached`` (all those projects); ``funding_kzt`` (committed to
    them) and ``paid_kzt`` (disbursed where recorded, else committed); ``kzt_per_beneficiary`` =
    paid ÷ people reached (``nan`` when nobody is reported); ``achieved_share``, results per
    tenge: of the tenge paid into measured projects, the share that bought results on target
    (each project's money times how far it got toward its targets, capped at 1). Cost per
    person depends on the kind of help (a flat costs more than a meal), so compare like with
    like.

    Examples
    --------
    >>> table = result_orientation(db)
    >>> print(table.loc["990140004654", "reach_ratio"])  # 150 of 200 reached
    0.75
    >>> print(round(table.loc["990140004654", "kzt_per_beneficiary"], 2))
    16666.67
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    return _results_table(
        [
            dict(record) | _results(record["projects"])
            for record in db.read(_RESULTS, **scope.params())
        ]
    )


def _results(projects: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The columns of :func:`result_orientation` from one organisation's projects."""
    results = [_project_result(p) for p in projects]
    counted = [r for r in results if _headcount(r)]
    row = {
        "beneficiaries_target": sum(r.target or 0 for r in counted),
        "reached_of_target": sum(r.reached or 0 for r in counted),
        "indicator_projects": sum(r.achievement is not None for r in results),
        "reach_ratio": reach_ratio(results),
        "beneficiaries_reached": sum(p["reached"] or 0 for p in projects),
        "funding_kzt": sum(p["committed"] for p in projects),
        "paid_kzt": sum(p["paid"] for p in projects),
        "achieved_share": _achieved_share(projects, results),
    }
    row["kzt_per_beneficiary"] = _ratio(row["paid_kzt"], row["beneficiaries_reached"])
    return row


def _results_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = (
        "completed_projects",
        "paid_projects",
        "beneficiaries_target",
        "reached_of_target",
        "indicator_projects",
        "reach_ratio",
        "beneficiaries_reached",
        "funding_kzt",
        "paid_kzt",
        "kzt_per_beneficiary",
        "achieved_share",
    )
    return _table(rows, columns)


# -- activity ------------------------------------------------------------------------------------

ACTIVITY_WEIGHTS: Mapping[str, float] = {
    "projects": 0.4,
    "partners": 0.2,
    "volunteers": 0.2,
    "results": 0.2,
}
"""Default weights of the activity components (normalised to sum 1)."""
PARTNERS_FOR_FULL_SCORE = 5
"""Partnerships in force that give the full partners component."""
VOLUNTEERS_FOR_FULL_SCORE = 100
"""Volunteers that give the full volunteers component (log scale below it)."""

_REFERENCE_YEAR: LiteralString = """
CALL () {
  OPTIONAL MATCH (p:Project) WHERE p.status IN ['active', 'completed']
  RETURN max(p.start_date.year) AS latest
}
WITH coalesce($reference_year, latest) AS ref
"""
_ACTIVITY_CALLS: LiteralString = (
    """
CALL (o, ref) {
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project)
  WHERE p.status IN ['active', 'completed'] AND p.start_date.year <= ref
    AND coalesce(p.end_date, p.start_date).year > ref - $window
  WITH DISTINCT p
  WITH p, coalesce(p.status = 'completed' AND coalesce(p.end_date, p.start_date).year <= ref,
                   false) OR """
    + PAID_IN_FULL
    + """ AS due
  RETURN count(p) AS recent_projects,
         collect(CASE WHEN due THEN """
    + PROJECT_RESULT
    + """ END) AS recent_results
}
CALL (o, ref) {
  MATCH (o)-[r:PARTNERS_WITH]-(x:Organization)
  WHERE x <> o AND ($include_archived OR NOT coalesce(x.archived, false))
    AND CASE WHEN ref IS NULL THEN r.until IS NULL
             ELSE (r.since IS NULL OR r.since.year <= ref)
                  AND (r.until IS NULL OR r.until.year >= ref) END
  RETURN count(DISTINCT x) AS partners
}
"""
)
_ACTIVITY_COLUMNS: LiteralString = """
       ref AS reference_year, o.staff AS staff, o.volunteers AS volunteers_listed,
       COUNT { (:Person)-[:VOLUNTEERS_FOR]->(o) } AS volunteers_named,
       recent_projects, recent_results, partners,
       COLLECT { MATCH (a:Akimat)-[s:SUPPORTS]->(o)
                 WHERE (s.since IS NULL OR s.since <= date())
                   AND (s.until IS NULL OR s.until >= date())
                 RETURN {code: a.code, level: a.level, kind: s.kind, since: s.since,
                         kato: COLLECT { MATCH (a)-[:GOVERNS]->(g:Territory) RETURN g.kato }[0]}
               } AS supported_by
"""
_ACTIVITY: LiteralString = (
    _REFERENCE_YEAR
    + ORG_SCOPE
    + _ACTIVITY_CALLS
    + "RETURN "
    + ORG_IDENTITY
    + ", "
    + _ACTIVITY_COLUMNS
)


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    given = dict(ACTIVITY_WEIGHTS if weights is None else weights)
    if set(given) != set(ACTIVITY_WEIGHTS) or any(w < 0 for w in given.values()):
        raise InvalidInput(
            t(
                "weights must give a non-negative number for each of {names}",
                names=sorted(ACTIVITY_WEIGHTS),
            ),
            field="weights",
        )
    total = sum(given.values())
    if total <= 0:
        raise InvalidInput(t("weights must not all be zero"), field="weights")
    return {k: w / total for k, w in given.items()}


def activity_scores(
    db: Database,
    *,
    reference_year: int | None = None,
    window: int = 3,
    weights: Mapping[str, float] | None = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """How active each organisation was in the ``window`` years up to ``reference_year``.

    The reference year defaults to the latest start year of an active or completed project
    in the data — never today's date — so the same data always gives the same scores. The
    window is the years ``reference_year - window + 1`` to ``reference_year``. Four components,
    each in [0, 1]:

    ``projects_score`` = min(1, recent projects ÷ ``window``)
        Active or completed projects it took part in (any role) that ran in the window: one
        a year gives the full component.
    ``partners_score`` = min(1, partners ÷ :data:`PARTNERS_FOR_FULL_SCORE`)
        Distinct organisations with a partnership in force in the reference year.
    ``volunteers_score`` = min(1, ln(1 + v) ÷ ln(1 + :data:`VOLUNTEERS_FOR_FULL_SCORE`))
        ``v`` = the larger of the ``volunteers`` it reports and the people linked to it by
        ``VOLUNTEERS_FOR``; a log scale, so the first volunteers count most.
    ``results_score`` = min(1, reach)
        ``reach`` is :func:`graph.results.reach_ratio` (reached ÷ targeted, or indicators'
        actual against target where they exist) over the projects above that were completed by
        the reference year, or are active and paid in full; 0 when none reported a result.

    ``activity`` = the weighted mean of the components (:data:`ACTIVITY_WEIGHTS`: projects
    0.4, the others 0.2 each), so it is in [0, 1]. The table also holds the raw values
    (``recent_projects``, ``partners``, ``volunteers``, ``recent_target``,
    ``recent_reached``, ``reach``), ``staff``, ``reference_year``, ``window`` and
    ``supported_by``: the supports in force today (``code, level, kato`` governed of the
    akimat, ``kind, since`` of the support; :mod:`graph.supports`).

    Examples
    --------
    >>> table = activity_scores(db)  # the sample's latest project year is 2021
    >>> veterans = table.loc["990140004654"]
    >>> print(veterans["recent_projects"], veterans["partners"], veterans["volunteers"])
    1 1 40
    >>> print(round(veterans["activity"], 3))  # 0.4/3 + 0.2*1/5 + 0.2*ln(41)/ln(101) + 0.2*0.75
    0.484
    """
    if window < 1:
        raise InvalidInput(t("window must be at least one year"), field="window")
    share = _weights(weights)
    scope = Scope.of(territories=territories, kinds=kinds, include_archived=include_archived)
    params = scope.params() | {"reference_year": reference_year, "window": window}
    return _activity_table(
        [_activity(dict(record), window, share) for record in db.read(_ACTIVITY, **params)]
    )


def _activity(row: dict[str, Any], window: int, share: Mapping[str, float]) -> dict[str, Any]:
    """A record of :data:`_ACTIVITY` as the row of :func:`activity_scores` (changed in place)."""
    volunteers = max(row.pop("volunteers_listed") or 0, row.pop("volunteers_named"))
    results = [_project_result(p) for p in row.pop("recent_results")]
    counted = [r for r in results if _headcount(r)]
    row["recent_target"] = sum(r.target or 0 for r in counted)
    row["recent_reached"] = sum(r.reached or 0 for r in counted)
    reach = reach_ratio(results)
    components = {
        "projects": min(1.0, row["recent_projects"] / window),
        "partners": min(1.0, row["partners"] / PARTNERS_FOR_FULL_SCORE),
        "volunteers": min(1.0, math.log1p(volunteers) / math.log1p(VOLUNTEERS_FOR_FULL_SCORE)),
        "results": 0.0 if math.isnan(reach) else min(1.0, reach),
    }
    row |= {
        "window": window,
        "volunteers": volunteers,
        "reach": reach,
        "supported_by": [native_map(s) for s in row["supported_by"]],
    }
    row |= {f"{name}_score": value for name, value in components.items()}
    row["activity"] = sum(share[name] * value for name, value in components.items())
    return row


def _activity_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = (
        "activity",
        "projects_score",
        "partners_score",
        "volunteers_score",
        "results_score",
        "recent_projects",
        "partners",
        "volunteers",
        "recent_target",
        "recent_reached",
        "reach",
        "staff",
        "reference_year",
        "window",
        "supported_by",
    )
    return _table(rows, columns)


# -- the three in one read -----------------------------------------------------------------------

_INDICATORS: LiteralString = (
    _REFERENCE_YEAR
    + ORG_SCOPE
    + _FUNDING_CALL
    + _RESULTS_CALL
    + _ACTIVITY_CALLS
    + "RETURN "
    + ORG_IDENTITY
    + ", flows, funded_projects, completed_projects, paid_projects, projects, "
    + _ACTIVITY_COLUMNS
)


def indicator_tables(
    db: Database, *, reference_year: int | None = None, window: int = 3
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`state_dependency`, :func:`result_orientation` and :func:`activity_scores` of
    the whole region (default weights, archived organisations left out) from one query: the
    same tables, each organisation's place and identity found and sent once instead of three
    times.

    Examples
    --------
    >>> dependency, results, activity = indicator_tables(db)
    >>> dependency.equals(state_dependency(db)), results.equals(result_orientation(db))
    (True, True)
    """
    if window < 1:
        raise InvalidInput(t("window must be at least one year"), field="window")
    share = _weights(None)
    params = Scope().params() | {"reference_year": reference_year, "window": window}

    def tables(
        records: Iterator[neo4j.Record],
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        dependency, results, activity = [], [], []
        for record in records:
            row = dict(record)
            identity = {key: row[key] for key in _IDENTITY}
            dependency.append(
                identity
                | {"funded_projects": row.pop("funded_projects")}
                | _funding(row.pop("flows"))
            )
            results.append(
                identity
                | {
                    "completed_projects": row.pop("completed_projects"),
                    "paid_projects": row.pop("paid_projects"),
                }
                | _results(row.pop("projects"))
            )
            activity.append(_activity(row, window, share))
        return _dependency_table(dependency), _results_table(results), _activity_table(activity)

    # streamed: each record is dropped once its three rows are made
    return db.stream(_INDICATORS, tables, **params)


# -- flags ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FlagThresholds:
    high_state_share: float = 0.8
    low_reach: float = 0.75
    single_funder_hhi: float = 0.9
    cost_multiple: float = 3.0
    """Cost per beneficiary at least this many times the median of organisations with data."""


@dataclass(frozen=True, slots=True)
class Flag:
    """A pattern worth a look, in neutral words; ``code`` is stable, ``message`` is for
    people (shown in the reader's language when read, so flags can be cached)."""

    code: str
    message: Text


def _numbers(frame: pd.DataFrame | None, column: str) -> dict[Any, float]:
    """A column as ``{bin: float}``, ``nan`` for missing values; read once per table, since a
    cell look-up per organisation (``frame.at``) took seconds at country scale."""
    if frame is None or column not in frame.columns:
        return {}
    return {
        b: math.nan if value is None or pd.isna(value) else float(value)
        for b, value in zip(frame.index, frame[column].tolist(), strict=True)
    }


def _values(frame: pd.DataFrame | None, column: str) -> dict[Any, Any]:
    if frame is None:
        return {}
    return dict(zip(frame.index, frame[column].tolist(), strict=True))


def flags(
    dependency: pd.DataFrame | None = None,
    results: pd.DataFrame | None = None,
    activity: pd.DataFrame | None = None,
    *,
    thresholds: FlagThresholds | None = None,
) -> dict[str, tuple[Flag, ...]]:
    """Neutral flags per organisation from the tables of :func:`state_dependency`,
    :func:`result_orientation` and :func:`activity_scores` (any may be left out).

    ======================================  ==================================================
    ``state_funded_low_reach``              state share ≥ 0.8 and reach ratio < 0.75
                                            (indicators' actual against target where
                                            they exist, see :func:`result_orientation`)
    ``self_funded``                         some funding, none from the state budget
    ``single_funder``                       funder HHI ≥ 0.9
    ``high_cost_per_beneficiary``           ≥ 3 × the median tenge per person reached
    ``targets_met``                         reach ratio ≥ 1
    ``no_recent_projects``                  no active or completed project in the window
    ``no_partners``                         no partnership in force in the reference year
    ======================================  ==================================================

    A flag is an invitation to look closer, not a finding: the message says what the data
    shows and stops there.

    Examples
    --------
    >>> dependency = pd.DataFrame(
    ...     {"state_share": [0.95, 0.0], "hhi": [1.0, 0.5], "funding_kzt": [10, 20],
    ...      "self_funded": [False, True]}, index=["A", "B"])
    >>> results = pd.DataFrame({"reach_ratio": [0.5, 1.2]}, index=["A", "B"])
    >>> [f.code for f in flags(dependency, results)["A"]]
    ['state_funded_low_reach', 'single_funder']
    >>> [f.code for f in flags(dependency, results)["B"]]
    ['self_funded', 'targets_met']
    """
    limits = thresholds or FlagThresholds()
    frames = [f for f in (dependency, results, activity) if f is not None]
    bins = sorted({b for f in frames for b in f.index})
    median_cost = math.nan
    if results is not None and "kzt_per_beneficiary" in results.columns:
        median_cost = float(results["kzt_per_beneficiary"].dropna().median())
    shares, hhis = _numbers(dependency, "state_share"), _numbers(dependency, "hhi")
    reaches = _numbers(results, "reach_ratio")
    indicator_projects = _numbers(results, "indicator_projects")
    costs = _numbers(results, "kzt_per_beneficiary")
    self_funding = _values(dependency, "self_funded")
    recent, partners = _numbers(activity, "recent_projects"), _numbers(activity, "partners")
    references, windows = _values(activity, "reference_year"), _values(activity, "window")
    nan = math.nan
    out: dict[str, tuple[Flag, ...]] = {}
    for b in bins:
        found: list[Flag] = []
        share = shares.get(b, nan)
        reach = reaches.get(b, nan)
        by_indicators = indicator_projects.get(b, nan) > 0
        if share >= limits.high_state_share and reach < limits.low_reach:
            found.append(
                Flag(
                    "state_funded_low_reach",
                    t(
                        "State-budget money is {share} of its funding and its projects with "
                        "results due came {reach} of the way to their indicators' targets; worth "
                        "a look at the project reports before drawing conclusions.",
                        share=percent(share),
                        reach=percent(reach),
                    )
                    if by_indicators
                    else t(
                        "State-budget money is {share} of its funding and its completed projects "
                        "reached {reach} of the people they targeted; worth a look at the project "
                        "reports before drawing conclusions.",
                        share=percent(share),
                        reach=percent(reach),
                    ),
                )
            )
        if self_funding.get(b, False):
            found.append(
                Flag(
                    "self_funded",
                    t(
                        "Its projects are funded without state-budget money "
                        "(own income, donations, in-kind help)."
                    ),
                )
            )
        hhi = hhis.get(b, nan)
        if hhi >= limits.single_funder_hhi:
            found.append(
                Flag(
                    "single_funder",
                    t(
                        "Almost all of its funding comes from one funder (HHI {hhi}); a change "
                        "at that funder would affect it most.",
                        hhi=decimal(hhi, digits=2),
                    ),
                )
            )
        cost = costs.get(b, nan)
        if median_cost > 0 and cost >= limits.cost_multiple * median_cost:
            found.append(
                Flag(
                    "high_cost_per_beneficiary",
                    t(
                        "Funding per person reached is {multiple} times the median of "
                        "organisations with data; the kind of help given may explain it.",
                        multiple=decimal(cost / median_cost, digits=1),
                    ),
                )
            )
        if reach >= 1.0:
            found.append(
                Flag(
                    "targets_met",
                    t("Projects with results due met every indicator's target.")
                    if by_indicators
                    else t(
                        "Completed projects reached {reach} of the people they targeted.",
                        reach=percent(reach),
                    ),
                )
            )
        if b in windows:
            ref, window = references[b], windows[b]
            if recent.get(b, nan) == 0:
                found.append(
                    Flag(
                        "no_recent_projects",
                        t("No active or completed projects on record.")
                        if pd.isna(ref)
                        else t(
                            "No active or completed projects in {years}.",
                            years=period(int(ref), int(window)),
                        ),
                    )
                )
            if partners.get(b, nan) == 0:
                found.append(
                    Flag(
                        "no_partners",
                        t("No partnership recorded.")
                        if pd.isna(ref)
                        else t("No partnership recorded in {year}.", year=int(ref)),
                    )
                )
        out[b] = tuple(found)
    return out
