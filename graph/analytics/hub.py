"""The House of NGOs hub as research data: where in-kind help goes, how long a need waits, which
needs stay unmet, who channels citizens' gifts, and activity before and after the House's trainings.

Four readers turn the graph into tables — one row per handover (:func:`handover_table`), per
need (:func:`need_table`), per service (:func:`service_table`) and per organisation and year
(:func:`yearly_activity`); they take the filters every analytics function takes
(``territories``, ``kinds``, ``include_archived`` select organisations, the receiving one for
handovers and needs; ``years`` selects handover, need or service dates). Everything else is a
pure function of those tables, so a notebook can filter a table before passing it on and the
arithmetic is tested on frames small enough to check by hand.

Places: a handover or need is counted where it is needed (the need's territory), its
``district_*`` the first-level territory above that and ``settlement`` the nearest settlement
type on the way up; the offer's place is ``offer_district_*`` and ``offer_settlement``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

import pandas as pd

from graph.analytics.scope import ORG_SCOPE, Scope, YearsArg, native
from graph.db import Database
from graph.errors import InvalidInput
from graph.i18n import t
from graph.vocab import GiverKind, NeedStatus, OfferCategory, ServiceKind, Urgency

__all__ = [
    "CATEGORIES",
    "TrainingComparison",
    "days_to_handover",
    "first_training",
    "gift_channels",
    "handover_delays",
    "handover_table",
    "in_kind_flow",
    "need_table",
    "service_table",
    "training_before_after",
    "unmet_needs",
    "yearly_activity",
]

CATEGORIES: tuple[str, ...] = tuple(c.value for c in OfferCategory)
"""The in-kind categories, each counted in its own unit (flats and houses one by one)."""

_PLACE: LiteralString = """
WITH *, head([path = (nt)-[:PART_OF*0..]->(top) WHERE NOT EXISTS { (top)-[:PART_OF]->() }
              | nodes(path)]) AS nchain
WITH *, CASE WHEN size(nchain) >= 2 THEN nchain[-2] END AS ndistrict,
     head([x IN nchain WHERE x.settlement IS NOT NULL | x.settlement]) AS nsettlement
"""
"""Binds the district and settlement type of territory ``nt`` (where a need is)."""

_HANDOVERS: LiteralString = (
    ORG_SCOPE
    + """
MATCH (o)-[:HAS_NEED]->(n:Need)<-[h:GIVEN_TO]-(f:Offer)
WHERE ($first_year IS NULL OR h.date.year >= $first_year)
  AND ($last_year IS NULL OR h.date.year <= $last_year)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(nt:Territory)
"""
    + _PLACE
    + """
OPTIONAL MATCH (f)-[:LOCATED_IN]->(ft:Territory)
WITH *, head([path = (ft)-[:PART_OF*0..]->(top) WHERE NOT EXISTS { (top)-[:PART_OF]->() }
              | nodes(path)]) AS fchain
RETURN h.date AS date, h.quantity AS quantity, h.value_kzt AS value_kzt,
       f.code AS offer_code, f.category AS category, f.giver_kind AS giver_kind,
       CASE WHEN size(fchain) >= 2 THEN fchain[-2].kato END AS offer_district_kato,
       head([x IN fchain WHERE x.settlement IS NOT NULL | x.settlement]) AS offer_settlement,
       n.code AS need_code, n.opened_on AS opened_on,
       o.bin AS bin, o.name AS name, o.kind AS kind, settlement AS org_settlement,
       nt.kato AS kato, ndistrict.kato AS district_kato, ndistrict.name AS district_name,
       nsettlement AS settlement
ORDER BY date, offer_code, need_code
"""
)

_HANDOVER_COLUMNS = [
    "date",
    "year",
    "quantity",
    "value_kzt",
    "offer_code",
    "category",
    "giver_kind",
    "offer_district_kato",
    "offer_settlement",
    "need_code",
    "opened_on",
    "bin",
    "name",
    "kind",
    "org_settlement",
    "kato",
    "district_kato",
    "district_name",
    "settlement",
]


def handover_table(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """One row per handover (``GIVEN_TO``) to a need of an organisation in scope, handed over in
    ``years``: ``date, year, quantity, value_kzt`` (tenge, 0 when the offer had no value),
    the offer's ``offer_code, category, giver_kind, offer_district_kato, offer_settlement``, the
    need's ``need_code, opened_on``, the receiving organisation's ``bin, name, kind,
    org_settlement`` and where the need is: ``kato, district_kato, district_name, settlement``.
    """
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    rows = []
    for record in db.read(_HANDOVERS, **scope.params()):
        row = {key: native(value) for key, value in dict(record).items()}
        row["year"] = row["date"].year
        row["value_kzt"] = int(row["value_kzt"] or 0)
        rows.append(row)
    return pd.DataFrame(rows, columns=_HANDOVER_COLUMNS)


_NEEDS: LiteralString = (
    ORG_SCOPE
    + """
MATCH (o)-[:HAS_NEED]->(n:Need)
WHERE ($first_year IS NULL OR n.opened_on.year >= $first_year)
  AND ($last_year IS NULL OR n.opened_on.year <= $last_year)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(nt:Territory)
"""
    + _PLACE
    + """
WITH *, COLLECT { MATCH (:Offer)-[h:GIVEN_TO]->(n) RETURN h ORDER BY h.date } AS given
RETURN n.code AS code, n.category AS category, n.urgency AS urgency, n.status AS status,
       n.quantity AS quantity, reduce(s = 0, h IN given | s + h.quantity) AS given,
       reduce(s = 0, h IN given | s + coalesce(h.value_kzt, 0)) AS value_kzt,
       n.opened_on AS opened_on, n.needed_by AS needed_by,
       head(given).date AS first_handover,
       o.bin AS bin, o.name AS name, o.kind AS kind, settlement AS org_settlement,
       nt.kato AS kato, ndistrict.kato AS district_kato, ndistrict.name AS district_name,
       nsettlement AS settlement
ORDER BY code
"""
)

_NEED_COLUMNS = [
    "code",
    "category",
    "urgency",
    "status",
    "quantity",
    "given",
    "value_kzt",
    "opened_on",
    "needed_by",
    "first_handover",
    "bin",
    "name",
    "kind",
    "org_settlement",
    "kato",
    "district_kato",
    "district_name",
    "settlement",
]


def need_table(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """One row per need of an organisation in scope opened in ``years``, indexed by ``code``:
    ``category, urgency, status, quantity, given`` (handed over so far), ``value_kzt`` (of the
    handovers), ``opened_on, needed_by, first_handover`` (dates; ``None`` when nothing was
    given), the organisation's ``bin, name, kind, org_settlement`` and where the need is:
    ``kato, district_kato, district_name, settlement``."""
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    rows = [
        {key: native(value) for key, value in dict(record).items()}
        for record in db.read(_NEEDS, **scope.params())
    ]
    return pd.DataFrame(rows, columns=_NEED_COLUMNS).set_index("code")


_SERVICES: LiteralString = (
    ORG_SCOPE
    + """
MATCH (o)-[:RECEIVED]->(s:Service)
WHERE ($kind IS NULL OR s.kind = $kind)
  AND ($first_year IS NULL OR s.date.year >= $first_year)
  AND ($last_year IS NULL OR s.date.year <= $last_year)
RETURN s.code AS code, s.kind AS kind, s.topic AS topic, s.date AS date, s.hours AS hours,
       s.participants AS participants,
       COLLECT { MATCH (p:Organization)-[:PROVIDED]->(s) RETURN p.bin }[0] AS provider_bin,
       o.bin AS bin, o.name AS name, settlement
ORDER BY date, code
"""
)


def service_table(
    db: Database,
    *,
    kind: ServiceKind | str | None = None,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """One row per service (of ``kind``, e.g. ``training``; all without) received in ``years`` by
    an organisation in scope: ``code, kind, topic, date, year, hours, participants,
    provider_bin``, the recipient's ``bin, name, settlement``. ``kinds`` are organisation
    kinds, as everywhere in :mod:`graph.analytics`."""
    chosen = _service_kind(kind)
    scope = Scope.of(
        years=years, territories=territories, kinds=kinds, include_archived=include_archived
    )
    rows = []
    for record in db.read(_SERVICES, **scope.params(), kind=chosen):
        row = {key: native(value) for key, value in dict(record).items()}
        row["year"] = row["date"].year
        rows.append(row)
    columns = ["code", "kind", "topic", "date", "year", "hours", "participants", "provider_bin"]
    return pd.DataFrame(rows, columns=[*columns, "bin", "name", "settlement"])


def _service_kind(kind: ServiceKind | str | None) -> str | None:
    if kind is None:
        return None
    try:
        return ServiceKind(str(kind).strip().lower()).value
    except ValueError:
        raise InvalidInput(
            t(
                "kind must be one of {allowed}, got {value!r}",
                allowed=", ".join(k.value for k in ServiceKind),
                value=kind,
            ),
            field="kind",
        ) from None


_ACTIVITY: LiteralString = (
    ORG_SCOPE
    + """
RETURN o.bin AS bin, o.name AS name, o.kind AS kind, settlement, o.founded_year AS founded_year,
       coalesce(o.synthetic, false) AS synthetic,
       COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(p:Project) WHERE p.start_date IS NOT NULL
                 RETURN DISTINCT {code: p.code, year: p.start_date.year} } AS projects,
       COLLECT { MATCH (o)-[r:PARTNERS_WITH]-(x:Organization) WHERE r.since IS NOT NULL
                 AND x <> o RETURN DISTINCT {partner: x.bin, year: r.since.year} } AS partners
ORDER BY bin
"""
)


def yearly_activity(
    db: Database,
    *,
    years: YearsArg = None,
    territories: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """One row per organisation in scope and year in ``years`` (default: the first to the last
    year any project started or partnership began): ``bin, year, name, kind, settlement,
    founded_year, synthetic`` (invented by the demo generator), ``projects`` (projects it takes
    part in that started that year), ``partnerships`` (partnerships that began that year) and
    ``activity`` (their sum). Years
    without either are rows of zeros, so means over a window count the quiet years."""
    scope = Scope.of(territories=territories, kinds=kinds, include_archived=include_archived)
    window = Scope.of(years=years).years
    orgs, events = [], []
    for record in db.read(_ACTIVITY, **scope.params()):
        row = dict(record)
        for project in row.pop("projects"):
            events.append((row["bin"], project["year"], "projects"))
        for partner in row.pop("partners"):
            events.append((row["bin"], partner["year"], "partnerships"))
        orgs.append(row)
    columns = ["bin", "year", "name", "kind", "settlement", "founded_year", "synthetic"]
    columns += ["projects", "partnerships", "activity"]
    if not orgs:
        return pd.DataFrame(columns=columns)
    seen = [year for _, year, _ in events]
    first, last = window or (min(seen, default=0), max(seen, default=0))
    counts = (
        pd.DataFrame(events, columns=["bin", "year", "what"])
        .value_counts()
        .unstack("what", fill_value=0)
        .reindex(columns=["projects", "partnerships"], fill_value=0)
    )
    grid = pd.MultiIndex.from_product(
        [[o["bin"] for o in orgs], range(first, last + 1)], names=["bin", "year"]
    )
    table = counts.reindex(grid, fill_value=0).astype("int64").reset_index()
    table["activity"] = table["projects"] + table["partnerships"]
    about = pd.DataFrame(orgs).set_index("bin")
    table = table.join(about, on="bin")
    return table[columns]


# -- in-kind flow --------------------------------------------------------------------------------


def in_kind_flow(
    handovers: pd.DataFrame, by: str | Sequence[str] = "district_name"
) -> pd.DataFrame:
    """In-kind help by ``by`` (columns of :func:`handover_table`): ``handovers`` (how many),
    ``value_kzt`` (tenge) and, for each category of :data:`CATEGORIES`, the quantity handed over
    in its own unit — ``flat`` and ``house`` count dwellings, so flats are counted, not only
    their money. Largest value first.

    Examples
    --------
    >>> rows = pd.DataFrame({"settlement": ["urban", "rural", "rural"],
    ...                      "category": ["flat", "flat", "goods"], "quantity": [1, 2, 40],
    ...                      "value_kzt": [9_000_000, 14_000_000, 120_000]})
    >>> in_kind_flow(rows, by="settlement")[["handovers", "value_kzt", "flat", "goods", "house"]]
                handovers  value_kzt  flat  goods  house
    settlement
    rural               2   14120000     2     40      0
    urban               1    9000000     1      0      0
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(handovers, [*keys, "category", "quantity", "value_kzt"])
    frame = handovers.assign(handovers=1)
    totals = frame.groupby(keys)[["handovers", "value_kzt"]].sum()
    items = frame.pivot_table(
        index=keys, columns="category", values="quantity", aggfunc="sum", fill_value=0
    ).reindex(columns=list(CATEGORIES), fill_value=0)
    items.columns.name = None
    table = totals.join(items).fillna(0).astype("int64")
    return table.sort_values(["value_kzt", "handovers"], ascending=False)


# -- time from need to handover ------------------------------------------------------------------


def days_to_handover(needs: pd.DataFrame) -> pd.Series:
    """Days from ``opened_on`` to ``first_handover`` for each need of :func:`need_table` that
    received anything (needs still waiting are left out: read the result with
    :func:`handover_delays`' ``reached`` share, since a median over met needs alone flatters).

    Examples
    --------
    >>> import datetime as dt
    >>> needs = pd.DataFrame({"opened_on": [dt.date(2020, 1, 1), dt.date(2020, 3, 1)],
    ...                       "first_handover": [dt.date(2020, 1, 31), None]}, index=["A", "B"])
    >>> days_to_handover(needs).to_dict()
    {'A': 30}
    """
    _require(needs, ["opened_on", "first_handover"])
    reached = needs.dropna(subset=["first_handover"])
    days = pd.to_datetime(reached["first_handover"]) - pd.to_datetime(reached["opened_on"])
    return days.dt.days.astype("int64").rename("days")


def handover_delays(needs: pd.DataFrame, by: str | Sequence[str] = "category") -> pd.DataFrame:
    """How long needs wait for their first handover, by ``by``: ``needs``, ``reached`` (with a
    handover), ``share_reached``, and over the reached ones ``median_days``, ``q1_days`` and
    ``q3_days`` (quartiles). Ordered by ``by``.

    Examples
    --------
    >>> import datetime as dt
    >>> d = dt.date
    >>> needs = pd.DataFrame({"category": ["flat", "flat", "flat", "goods"],
    ...                       "opened_on": [d(2020, 1, 1)] * 4,
    ...                       "first_handover": [d(2020, 1, 11), d(2020, 1, 31), None,
    ...                                          d(2020, 1, 3)]})
    >>> handover_delays(needs)[["needs", "reached", "share_reached", "median_days"]]
              needs  reached  share_reached  median_days
    category
    flat          3        2       0.666667         20.0
    goods         1        1       1.000000          2.0
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(needs, keys)
    days = days_to_handover(needs)
    frame = needs[keys].assign(days=days.reindex(needs.index))
    grouped = frame.groupby(keys)["days"]
    table = pd.DataFrame(
        {
            "needs": grouped.size(),
            "reached": grouped.count(),
            "median_days": grouped.median(),
            "q1_days": grouped.quantile(0.25),
            "q3_days": grouped.quantile(0.75),
        }
    )
    table.insert(2, "share_reached", table["reached"] / table["needs"])
    return table


# -- unmet needs ---------------------------------------------------------------------------------

_STILL_OPEN = frozenset({NeedStatus.OPEN.value, NeedStatus.PARTLY_MET.value})
_URGENT = frozenset({Urgency.HIGH.value, Urgency.CRITICAL.value})


def unmet_needs(needs: pd.DataFrame, by: str | Sequence[str] = "category") -> pd.DataFrame:
    """Needs not (fully) met, by ``by`` (columns of :func:`need_table`): ``needs``, ``unmet``
    (less handed over than asked), ``share_unmet``, ``still_open`` (unmet and still ``open`` or
    ``partly_met``), ``closed_unmet`` (closed by the organisation without all of it) and
    ``urgent_open`` (still open with urgency ``high`` or ``critical``). Most unmet first.

    Examples
    --------
    >>> needs = pd.DataFrame({"category": ["flat", "flat", "flat", "goods"],
    ...                       "quantity": [1, 1, 1, 50], "given": [1, 0, 0, 20],
    ...                       "status": ["met", "open", "closed", "partly_met"],
    ...                       "urgency": ["high", "critical", "low", "low"]})
    >>> unmet_needs(needs)
              needs  unmet  share_unmet  still_open  closed_unmet  urgent_open
    category
    flat          3      2     0.666667           1             1            1
    goods         1      1     1.000000           1             0            0
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(needs, [*keys, "quantity", "given", "status", "urgency"])
    unmet = needs["given"] < needs["quantity"]
    still_open = unmet & needs["status"].isin(_STILL_OPEN)
    frame = needs[keys].assign(
        needs=1,
        unmet=unmet.astype("int64"),
        still_open=still_open.astype("int64"),
        closed_unmet=(unmet & (needs["status"] == NeedStatus.CLOSED.value)).astype("int64"),
        urgent_open=(still_open & needs["urgency"].isin(_URGENT)).astype("int64"),
    )
    table = frame.groupby(keys)[["needs", "unmet", "still_open", "closed_unmet", "urgent_open"]]
    result = table.sum()
    result.insert(2, "share_unmet", result["unmet"] / result["needs"])
    return result.sort_values(["unmet", "needs"], ascending=False)


# -- who channels citizens' gifts ----------------------------------------------------------------


def gift_channels(
    handovers: pd.DataFrame, giver_kind: GiverKind | str = GiverKind.CITIZEN
) -> pd.DataFrame:
    """The organisations that receive gifts from givers of ``giver_kind`` (citizens by default),
    indexed by ``bin``: ``name, kind, org_settlement, handovers, value_kzt, flat, house``
    (dwellings received), ``share`` (of those givers' tenge) and ``cumulative_share``; largest
    first, so the head says how few organisations channel most of it.

    Examples
    --------
    >>> rows = pd.DataFrame({"giver_kind": ["citizen", "citizen", "citizen", "business"],
    ...                      "bin": ["A", "A", "B", "B"], "name": ["a", "a", "b", "b"],
    ...                      "kind": ["ngo"] * 4, "org_settlement": ["urban"] * 4,
    ...                      "category": ["flat", "goods", "goods", "money"],
    ...                      "quantity": [1, 10, 5, 100], "value_kzt": [600, 100, 300, 100]})
    >>> gift_channels(rows)[["handovers", "value_kzt", "flat", "share", "cumulative_share"]]
         handovers  value_kzt  flat  share  cumulative_share
    bin
    A            2        700     1    0.7               0.7
    B            1        300     0    0.3               1.0
    """
    try:
        kind = GiverKind(str(giver_kind).strip().lower()).value
    except ValueError:
        raise InvalidInput(
            t(
                "giver_kind must be one of {allowed}, got {value!r}",
                allowed=", ".join(k.value for k in GiverKind),
                value=giver_kind,
            ),
            field="giver_kind",
        ) from None
    about = ["name", "kind", "org_settlement"]
    _require(handovers, ["giver_kind", "bin", *about, "category", "quantity", "value_kzt"])
    gifts = handovers[handovers["giver_kind"] == kind]
    flow = in_kind_flow(gifts, by="bin")[["handovers", "value_kzt", "flat", "house"]]
    table = gifts.drop_duplicates("bin").set_index("bin")[about].join(flow, how="right")
    total = table["value_kzt"].sum()
    table["share"] = table["value_kzt"] / total if total else math.nan
    table = table.sort_values(["value_kzt", "handovers"], ascending=False, kind="stable")
    table["cumulative_share"] = table["share"].cumsum()
    return table


# -- trainings and activity ----------------------------------------------------------------------


def first_training(services: pd.DataFrame) -> pd.Series:
    """The year of each organisation's first training, from :func:`service_table` rows (of
    kind ``training``; other kinds are ignored), indexed by ``bin``.

    Examples
    --------
    >>> rows = pd.DataFrame({"bin": ["A", "A", "B", "C"], "kind": ["training"] * 3 + ["legal"],
    ...                      "year": [2023, 2021, 2022, 2019]})
    >>> first_training(rows).to_dict()
    {'A': 2021, 'B': 2022}
    """
    _require(services, ["bin", "kind", "year"])
    trainings = services[services["kind"] == ServiceKind.TRAINING.value]
    return trainings.groupby("bin")["year"].min().astype("int64").rename("first_training")


@dataclass(frozen=True, slots=True)
class TrainingComparison:
    """Activity before and after a first training, against untrained organisations over the
    same years (see :func:`training_before_after`).

    ``organisations``: one row per cohort and organisation compared — ``cohort`` (the year of
    the first training), ``bin``, ``group`` (``trained`` or ``untrained``), the ``by`` column
    when given, ``before``, ``after`` (mean yearly measure in the windows) and ``change``.
    ``cohorts``: per cohort (and ``by`` value) ``trained, untrained`` (how many),
    ``trained_before, trained_after, untrained_before, untrained_after`` (means),
    ``trained_change, untrained_change`` and ``difference`` (trained change − untrained change).
    ``summary``: the same columns over all cohorts, each cohort weighted by its trained
    organisations, per ``by`` value (or one row ``all``); its counts add up the cohorts, so an
    untrained organisation counts once in each cohort it is compared in.
    """

    organisations: pd.DataFrame
    cohorts: pd.DataFrame
    summary: pd.DataFrame
    window: int
    measure: str


_MEANS = ["before", "after", "change"]


def training_before_after(
    activity: pd.DataFrame,
    first: pd.Series,
    *,
    window: int = 2,
    measure: str = "activity",
    by: str | None = None,
    last_year: int | None = None,
) -> TrainingComparison:
    """Mean yearly ``measure`` (a column of :func:`yearly_activity`) in the ``window`` years
    before an organisation's first training (``first``: :func:`first_training`) and in the
    ``window`` years after it (the training's own year left out), against organisations not
    trained by the end of those years, over the same calendar years — a difference in
    differences per cohort of first-training year.

    Only cohorts whose windows lie inside the data (up to ``last_year``, default the last year
    of ``activity``) are compared, and only organisations founded by the first year of the
    ``before`` window (when ``founded_year`` is known), so a young organisation's first projects
    are not read as growth. With ``by`` (e.g. ``settlement``) trained organisations are compared
    with untrained ones of the same value.

    This measures association, not effect: who is trained is chosen (selection), an
    organisation trained after a quiet spell tends back to its usual level anyway (regression to
    the mean), and nobody knows what a trained organisation would have done untrained (no
    counterfactual). Card & Krueger (1994) is the classic difference-in-differences.

    Examples
    --------
    >>> activity = pd.DataFrame({"bin": ["T"] * 5 + ["U"] * 5, "year": list(range(2018, 2023)) * 2,
    ...                          "activity": [1, 1, 0, 3, 3, 1, 1, 0, 2, 2]})
    >>> result = training_before_after(activity, pd.Series({"T": 2020}), window=2)
    >>> result.summary[["trained", "untrained", "trained_change", "untrained_change",
    ...                 "difference"]]
         trained  untrained  trained_change  untrained_change  difference
    all        1          1             2.0               1.0         1.0
    """
    if window < 1:
        raise InvalidInput(t("window must be at least one year"), field="window")
    keys = ["bin", "year", measure] + ([by] if by else [])
    _require(activity, keys)
    wide = activity.pivot_table(index="bin", columns="year", values=measure, aggfunc="sum")
    last = int(activity["year"].max()) if last_year is None else last_year
    earliest = int(activity["year"].min())
    about = activity.drop_duplicates("bin").set_index("bin")
    founded = about["founded_year"] if "founded_year" in about else pd.Series(dtype="float64")
    trained_in = first.reindex(wide.index)
    rows: list[dict[str, Any]] = []
    for cohort in sorted(int(y) for y in first.dropna().unique()):
        if cohort - window < earliest or cohort + window > last:
            continue
        before = wide[list(range(cohort - window, cohort))].mean(axis=1)
        after = wide[list(range(cohort + 1, cohort + window + 1))].mean(axis=1)
        old_enough = founded.reindex(wide.index).fillna(cohort - window) <= cohort - window
        trained = (trained_in == cohort) & old_enough
        untrained = (trained_in.isna() | (trained_in > cohort + window)) & old_enough
        for group, chosen in (("trained", trained), ("untrained", untrained)):
            for bin_ in wide.index[chosen]:
                row = {"cohort": cohort, "bin": bin_, "group": group}
                if by:
                    row[by] = about.at[bin_, by]
                row |= {"before": before[bin_], "after": after[bin_]}
                row["change"] = row["after"] - row["before"]
                rows.append(row)
    organisations = pd.DataFrame(
        rows, columns=["cohort", "bin", "group", *([by] if by else []), *_MEANS]
    )
    cohorts = _cohort_means(organisations, by)
    return TrainingComparison(organisations, cohorts, _summary(cohorts, by), window, measure)


_COHORT_COLUMNS = [
    "trained",
    "untrained",
    "trained_before",
    "trained_after",
    "untrained_before",
    "untrained_after",
    "trained_change",
    "untrained_change",
    "difference",
]


def _cohort_means(organisations: pd.DataFrame, by: str | None) -> pd.DataFrame:
    keys = ["cohort", *([by] if by else [])]
    means = organisations.pivot_table(
        index=keys, columns="group", values=_MEANS, aggfunc="mean"
    ).reindex(columns=pd.MultiIndex.from_product([_MEANS, ["trained", "untrained"]]))
    sizes = (
        organisations.groupby([*keys, "group"])
        .size()
        .unstack("group", fill_value=0)
        .reindex(columns=["trained", "untrained"], fill_value=0)
    )
    table = pd.DataFrame(index=sizes.index)
    table["trained"] = sizes["trained"]
    table["untrained"] = sizes["untrained"]
    for group in ("trained", "untrained"):
        for what in _MEANS:
            table[f"{group}_{what}"] = means[(what, group)] if len(means) else math.nan
    table["difference"] = table["trained_change"] - table["untrained_change"]
    table = table[table["trained"] > 0]
    return table[_COHORT_COLUMNS]


def _summary(cohorts: pd.DataFrame, by: str | None) -> pd.DataFrame:
    groups = cohorts.groupby(level=by) if by else [("all", cohorts)]
    rows = {}
    for key, part in groups:
        compared = part.dropna(subset=["untrained_change"])
        weights = compared["trained"]
        row: dict[str, float] = {
            "trained": float(compared["trained"].sum()),
            "untrained": float(compared["untrained"].sum()),
        }
        for column in _COHORT_COLUMNS[2:]:
            total = weights.sum()
            row[column] = float((compared[column] * weights).sum() / total) if total else math.nan
        rows[key] = row
    table = pd.DataFrame.from_dict(rows, orient="index", columns=_COHORT_COLUMNS)
    return table.astype({"trained": "int64", "untrained": "int64"})


def _require(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns and c != frame.index.name]
    if missing:
        raise InvalidInput(
            t("the table lacks the columns {columns}", columns=", ".join(missing)), field="table"
        )
