"""Pass one of an import: every row checked before anything is written.

Streams each source once, keeping only keys (for uniqueness and references), never the rows.
References may point at rows in the files or at what the database already holds.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.db import Database
from graph.i18n import Text, t
from graph.importer.hub import HubChecker
from graph.importer.problems import WHAT, Problem
from graph.importer.progress import Tick, no_progress
from graph.importer.reader import ImportFileError, Source
from graph.importer.tables import CITIZENS, EXTRA_COLUMN, Table, support_values
from graph.results import check_target
from graph.rules import GROUP_KEY, Parser, not_before, year_outside
from graph.sources import row_problem
from graph.vocab import STATE_MECHANISMS, LegalForm, Mechanism, OrgKind, TerritoryType

RESERVED_PROPERTIES = frozenset(
    {"search_text", "sort_kk", "sort_ru", "sort_en", "id", "key", "label", "props", "type",
     "labels", "created_at"}
)  # fmt: skip
"""Extra columns may not use these names: the model uses them itself."""


PROGRESS_EVERY = 1000
"""Rows between two progress ticks."""


@dataclass(frozen=True, slots=True)
class Row:
    where: str
    values: dict[str, Any]
    """Every column of the table; ``None`` for an empty cell or a column the file lacks."""
    extra: dict[str, str]
    present: frozenset[str]
    """Columns the file has: a column it lacks leaves that property as it was."""


_REFERENCES = frozenset(
    {"kato", "parent_kato", "org_bin", "org_bin_a", "org_bin_b", "project_code", "funder",
     "akimat_code", "offer_code", "need_code", "giver_bin", "giver_code", "provider_bin",
     "recipient_bin", "person_id"}
)  # fmt: skip
"""Columns naming another row: their values are interned like keys (see :func:`parse_rows`)."""


_IMMUTABLE = (str, int, float, dt.date, type(None))
"""Parsed values safe to hand out to several rows (an enum member is a ``str``)."""
_MEMO_KEYS = 500_000
"""Distinct cells remembered for a key or reference column (a BIN checked once, not per row)."""
_MEMO_OTHER = 4_096
"""... and for any other column: enough for those with few values (kinds, dates, years)."""


class _Column:
    """A column's parser remembering what it parsed: a key or reference cell recurs in many
    rows (a BIN in every participation, funding, partnership), and parsing it is most of the
    time of a pass. A key's value is interned, so every row naming it shares one string and the
    key sets hold no copies. Errors are never remembered: each bad cell is reported."""

    __slots__ = ("_intern", "_limit", "_memo", "_parse", "required")

    def __init__(self, parse: Parser, required: bool, key: bool) -> None:
        self._parse, self.required, self._intern = parse, required, key
        self._memo: dict[str, Any] = {}
        self._limit = _MEMO_KEYS if key else _MEMO_OTHER

    def parse(self, cell: str) -> Any:
        memo = self._memo
        if cell in memo:
            return memo[cell]
        value = self._parse(cell)
        if type(value) is str and self._intern:
            value = sys.intern(value)
        if isinstance(value, _IMMUTABLE) and len(memo) < self._limit:
            memo[cell] = value
        return value


@dataclass(slots=True)
class ValidationReport:
    errors: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_rows(
    source: Source, report: ValidationReport | None = None, progress: Tick = no_progress
) -> Iterator[Row]:
    """Parsed rows of one source; cell errors go to ``report`` (or raise when it is ``None``).
    ``progress`` counts every row read, a bad one too."""
    table = source.table
    names = table.column_names
    keys = _REFERENCES | frozenset(table.key)
    columns = {c.name: _Column(c.parse, c.required, c.name in keys) for c in table.columns}
    read = 0
    for raw in source.rows():
        read += 1
        if read % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
        values: dict[str, Any] = {}
        extra: dict[str, str] = {}
        problems: list[Problem] = []
        for name, cell in raw.cells.items():
            column = columns.get(name)
            if column is None:
                extra[name] = cell
                continue
            if not cell:
                if column.required:
                    problems.append(Problem.of(raw.where, name, "required_empty"))
                values[name] = None
                continue
            try:
                values[name] = column.parse(cell)
            except ValueError as exc:
                problems.append(Problem.rule(raw.where, name, exc))
        if problems:
            if report is None:
                raise ImportFileError(*problems)
            report.errors.extend(problems)
            continue
        present = frozenset(values)
        for name in names:
            values.setdefault(name, None)
        yield Row(raw.where, values, {k: v for k, v in extra.items() if v}, present)
    progress(read % PROGRESS_EVERY)


def _check_header(source: Source) -> list[Problem]:
    header = source.header()
    table = source.table
    where = f"{source.label}:1"
    errors: list[Problem] = []
    missing = [c.name for c in table.columns if c.required and c.name not in header]
    if missing:
        errors.append(Problem.of(where, "", "missing_columns", columns=", ".join(missing)))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(Problem.of(where, name, "column_twice"))
        seen.add(name)
        if name in table.column_names or not name:
            continue
        if not EXTRA_COLUMN.fullmatch(name) or name in RESERVED_PROPERTIES:
            reserved = ", ".join(sorted(RESERVED_PROPERTIES))
            errors.append(
                Problem.of(where, name, "unknown_column", table=table.name, reserved=reserved)
            )
    return errors


@dataclass(slots=True)
class _Ref:
    where: str
    column: str
    kind: str
    key: str


# Look-ups of keys the files do not hold; labels are fixed here, never taken from input.
_EXISTING: dict[str, LiteralString] = {
    "territory": "UNWIND $keys AS k MATCH (n:Territory {kato: k}) RETURN n.kato AS key",
    "akimat": "UNWIND $keys AS k MATCH (n:Akimat {code: k}) RETURN n.code AS key",
    "organization": "UNWIND $keys AS k MATCH (n:Organization {bin: k}) RETURN n.bin AS key",
    "project": "UNWIND $keys AS k MATCH (n:Project {code: k}) RETURN n.code AS key",
    "offer": "UNWIND $keys AS k MATCH (n:Offer {code: k}) RETURN n.code AS key",
    "need": "UNWIND $keys AS k MATCH (n:Need {code: k}) RETURN n.code AS key",
}
_PROJECT_FACTS: LiteralString = """
UNWIND $codes AS c MATCH (p:Project {code: c})
RETURN p.code AS code, p.start_date.year AS first, coalesce(p.end_date.year, 9999) AS last,
       COLLECT { MATCH (o:Organization)-[:PARTICIPATES_IN]->(p) RETURN DISTINCT o.bin } AS bins
"""


_HUB_KEYS = {"offers": "offer", "needs": "need"}
"""Hub tables other rows refer to, by the kind of key."""


class _Checker:
    """Keys seen so far and references still to resolve, across all tables of one import."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, str | None] = {}
        self.places: dict[str, str] = {}
        self.project_years: dict[str, tuple[int, int]] = {}
        self.participants: set[tuple[str, str]] = set()
        self.pending: list[_Ref] = []
        self.own_income: list[tuple[str, str, str]] = []
        self.funding_years: list[tuple[str, str, int]] = []
        self.hub = HubChecker(self.ref_key)

    def ref(self, row: Row, column: str, kind: str) -> None:
        self.ref_key(row.where, column, kind, row.values.get(column))

    def ref_key(self, where: str, column: str, kind: str, key: str | None) -> None:
        if key is not None and key not in self.keys[kind]:
            self.pending.append(_Ref(where, column, kind, key))

    def check(self, table: Table, row: Row) -> Iterable[Problem]:
        v = row.values
        name = table.name
        if mismatch := row_problem(v):
            yield Problem.rule(row.where, *mismatch)
        if name == "territories":
            self.keys["territory"].add(v["kato"])
            self.parents[v["kato"]] = v["parent_kato"]
            self.places[v["kato"]] = row.where
            self.ref(row, "parent_kato", "territory")
            if v["parent_kato"] == v["kato"]:
                yield Problem.of(row.where, "parent_kato", "own_parent")
            if v["parent_kato"] is None and v["type"] != TerritoryType.REGION:
                yield Problem.of(row.where, "parent_kato", "parent_required")
        elif name == "akimats":
            self.keys["akimat"].add(v["code"])
            self.ref(row, "kato", "territory")
        elif name == "organizations":
            self.keys["organization"].add(v["bin"])
            self.ref(row, "kato", "territory")
            group = (
                v["kind"] == OrgKind.INITIATIVE_GROUP,
                v["legal_form"] == LegalForm.NO_LEGAL_ENTITY,
            )
            if (GROUP_KEY.fullmatch(v["bin"]) is not None) != group[0]:
                yield Problem.of(row.where, "kind", "group_key")
            elif group[0] != group[1]:
                yield Problem.of(row.where, "legal_form", "group_key")
        elif name == "projects":
            self.keys["project"].add(v["code"])
            self.ref(row, "kato", "territory")
            start, end = v["start_date"], v["end_date"]
            if problem := not_before(start, end, "start_date"):
                yield _before(row.where, "end_date", problem, end, "start_date", start)
            self.project_years[v["code"]] = (start.year, end.year if end else 9999)
        elif name == "participations":
            self.ref(row, "project_code", "project")
            self.ref(row, "org_bin", "organization")
            self.participants.add((v["project_code"], v["org_bin"]))
        elif name == "fundings":
            yield from self._check_funding(row)
        elif name == "partnerships":
            if v["org_bin_a"] == v["org_bin_b"]:
                yield Problem.of(row.where, "org_bin_b", "self_partnership")
            if problem := not_before(v["since"], v["until"], "since"):
                yield _before(row.where, "until", problem, v["until"], "since", v["since"])
            self.ref(row, "org_bin_a", "organization")
            self.ref(row, "org_bin_b", "organization")
        elif name == "supports":
            since = support_values(v)["since"]
            if problem := not_before(since, v["until"], "since"):
                yield _before(row.where, "until", problem, v["until"], "since", since)
            self.ref(row, "akimat_code", "akimat")
            self.ref(row, "org_bin", "organization")
        elif name == "people":
            self.ref(row, "org_bin", "organization")
        elif name == "indicators":
            yield from self._check_indicator(row)
        else:
            if name in _HUB_KEYS:
                self.keys[_HUB_KEYS[name]].add(v["code"])
            yield from self.hub.check(name, row.where, v)

    def _check_funding(self, row: Row) -> Iterable[Problem]:
        v = row.values
        funder, mechanism = v["funder"], Mechanism(v["mechanism"])
        self.ref(row, "project_code", "project")
        if mechanism in STATE_MECHANISMS:
            self.ref(row, "funder", "akimat")
        elif mechanism == Mechanism.OWN_INCOME:
            self.ref(row, "funder", "organization")
            if (v["project_code"], funder) not in self.participants:  # maybe in the database
                self.own_income.append((row.where, v["project_code"], funder))
        elif funder != CITIZENS:
            self.ref(row, "funder", "organization")
        if v["project_code"] in self.project_years:  # checked now, not kept for later
            yield from _years(row.where, v["year"], self.project_years[v["project_code"]])
        else:
            self.funding_years.append((row.where, v["project_code"], v["year"]))
        committed, disbursed = v["amount_kzt"], v["disbursed_kzt"]
        if committed is not None and disbursed is not None and disbursed > committed:
            yield Problem.of(
                row.where, "disbursed_kzt", "disbursed_over_committed",
                disbursed=disbursed, committed=committed,
            )  # fmt: skip
        start, end = v["committed_on"], v["disbursed_on"]
        if problem := not_before(start, end, "committed_on"):
            yield _before(row.where, "disbursed_on", problem, end, "committed_on", start)

    def _check_indicator(self, row: Row) -> Iterable[Problem]:
        v = row.values
        self.ref(row, "project_code", "project")
        start, end = v["period_start"], v["period_end"]
        if problem := not_before(start, end, "period_start"):
            yield _before(row.where, "period_end", problem, end, "period_start", start)
        if not check_target(v["baseline"], v["target"]):
            yield Problem.of(row.where, "target", "target_equals_baseline")

    def resolve(self, db: Database | None) -> Iterable[Problem]:
        yield from self._cycles()
        missing = [r for r in self.pending if not self._known(r)]
        found: dict[str, set[str]] = defaultdict(set)
        if db is not None and missing:
            wanted: dict[str, set[str]] = defaultdict(set)
            for r in missing:
                wanted[r.kind].add(r.key)
            for kind, keys in wanted.items():
                found[kind] = {rec["key"] for rec in db.read(_EXISTING[kind], keys=sorted(keys))}
        for r in missing:
            if r.key not in found[r.kind]:
                yield Problem.of(
                    r.where, r.column, "unknown_reference", what=WHAT[r.kind], key=r.key
                )
        yield from self._project_facts(db)
        yield from self.hub.resolve(db)

    def _known(self, r: _Ref) -> bool:
        return r.key in self.keys[r.kind]

    def _cycles(self) -> Iterable[Problem]:
        for start in self.parents:
            seen = {start}
            node = self.parents.get(start)
            while node is not None and node in self.parents:
                if node in seen:
                    yield Problem.of(self.places[start], "parent_kato", "parent_cycle")
                    break
                seen.add(node)
                node = self.parents[node]

    def _project_facts(self, db: Database | None) -> Iterable[Problem]:
        """Checks that need a project's period and participants, from the files or the database."""
        years = dict(self.project_years)
        participants = set(self.participants)
        outside = {p for _, p, _ in self.funding_years if p not in years}
        outside |= {p for _, p, f in self.own_income if (p, f) not in participants}
        if db is not None and outside:
            for rec in db.read(_PROJECT_FACTS, codes=sorted(outside)):
                years.setdefault(rec["code"], (rec["first"], rec["last"]))
                participants.update((rec["code"], b) for b in rec["bins"])
        for where, project, year in self.funding_years:
            yield from _years(where, year, years.get(project, (year, year)))
        for where, project, funder in self.own_income:
            if (project, funder) not in participants:
                yield Problem.of(
                    where, "funder", "own_income_not_participant", project=project, funder=funder
                )


def validate(
    sources: list[Source], db: Database | None, progress: Tick = no_progress
) -> ValidationReport:
    """Check headers, cells, keys and references of all sources; nothing is written.

    The cyclic garbage collector is paused meanwhile: the key sets are millions of long-lived
    objects it would walk again and again (a third of the time at 100,000 organisations) and
    they hold no cycles.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _validate(sources, db, progress)
    finally:
        if paused:
            gc.enable()


def _validate(sources: list[Source], db: Database | None, progress: Tick) -> ValidationReport:
    report = ValidationReport()
    checker = _Checker()
    for source in sources:
        try:
            header_errors = _check_header(source)
            report.errors.extend(header_errors)
            if header_errors:
                continue
            first_seen: dict[Any, int] = {}  # the key (one value or a tuple): its first line
            count = 0
            for row in parse_rows(source, report, progress):
                count += 1
                key = _row_key(source.table, row)
                if key in first_seen:
                    report.errors.append(
                        Problem.of(
                            row.where,
                            ", ".join(source.table.key),
                            "duplicate_key",
                            first=t("line {number}", number=str(first_seen[key])),
                        )
                    )
                    continue
                first_seen[key] = int(row.where.rsplit(":", 1)[-1])
                report.errors.extend(checker.check(source.table, row))
            report.rows[source.table.name] = count
        except ImportFileError as exc:
            report.errors.extend(exc.problems)
    report.errors.extend(checker.resolve(db))
    return report


def _years(where: str, year: int, period: tuple[int, int]) -> Iterable[Problem]:
    """A funding's year outside its project's years (``9999``: no end)."""
    first, last = period
    if problem := year_outside(year, first, last):
        params = {"year": year, "first": first, "last": "" if last == 9999 else last}
        yield Problem(where, "year", "year_outside_project", problem, params)


def _before(
    where: str, column: str, problem: Text, end: Any, start_name: str, start: Any
) -> Problem:
    """An end before its start: the rule's text, its parts kept as parameters."""
    params = {"end": end, "start_name": start_name, "start": start}
    return Problem(where, column, "ends_before_start", problem, params)


def _row_key(table: Table, row: Row) -> Any:
    """The row's key: its one value, or a tuple of them."""
    values = row.values
    if len(table.key) == 1:
        return values[table.key[0]]
    if table.name == "supports":  # an older file's form and since_year stand for kind and since
        values = {**values, **support_values(values)}
    key = tuple(values[c] for c in table.key)
    if table.name == "partnerships":  # an unordered pair
        return tuple(sorted(key))
    return key
