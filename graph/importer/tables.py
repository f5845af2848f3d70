"""The import contract: which tables exist, their columns, and how each cell is parsed.

One ``Table`` per file (``organizations.csv`` or ``organizations.xlsx``). Cells arrive as text
(XLSX values are turned into the text a CSV would hold); parsers raise ``ValueError`` whose message
is shown to the coordinator as ``file:line: column: message``. More columns than these are allowed
and kept as properties (see ``EXTRA_COLUMN``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.identifiers import normalize_bin
from graph.rules import (
    Parser,
    bin_,
    boolean,
    code,
    date,
    enum,
    focus_codes,
    kato,
    text,
    whole,
    year,
)
from graph.vocab import (
    AkimatLevel,
    LegalForm,
    Mechanism,
    OrgKind,
    PersonRelation,
    ProjectStatus,
    Role,
    Settlement,
    TerritoryType,
)

EXTRA_COLUMN = re.compile(r"[a-z][a-z0-9_]{0,62}")
"""Extra columns must be snake_case names; they become properties of the row's node."""

CITIZENS = "citizens"
"""The ``funder`` of anonymous private donations and in-kind gifts from residents."""


# -- cell parsers: one value each in graph.rules; the lists only files hold ----------------------


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def text_list(value: str) -> list[str]:
    return [text(part) for part in split_list(value)]


def focus_list(value: str) -> list[str]:
    return focus_codes(split_list(value))


# -- the contract --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    parse: Parser
    required: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    """Columns that identify a row: a file may hold each key once, and import merges on it."""
    required_file: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, parse: Parser, required: bool = False) -> Column:
    return Column(name, parse, required)


TERRITORIES = Table(
    "territories",
    (
        _c("kato", kato, True),
        _c("name", text, True),
        _c("type", enum(TerritoryType), True),
        _c("parent_kato", kato),
        _c("settlement", enum(Settlement)),
        _c("population", whole),
        _c("name_kk", text),
        _c("aliases", text_list),
    ),
    key=("kato",),
)
AKIMATS = Table(
    "akimats",
    (
        _c("code", code, True),
        _c("name", text, True),
        _c("level", enum(AkimatLevel), True),
        _c("kato", kato, True),
        _c("name_kk", text),
    ),
    key=("code",),
)
ORGANIZATIONS = Table(
    "organizations",
    (
        _c("bin", bin_, True),
        _c("name", text, True),
        _c("kind", enum(OrgKind), True),
        _c("legal_form", enum(LegalForm), True),
        _c("kato", kato, True),
        _c("founded_year", year),
        _c("focus_areas", focus_list),
        _c("staff", whole),
        _c("volunteers", whole),
        _c("name_kk", text),
        _c("aliases", text_list),
        _c("synthetic", boolean),
        _c("archived", boolean),
    ),
    key=("bin",),
)
PROJECTS = Table(
    "projects",
    (
        _c("code", code, True),
        _c("title", text, True),
        _c("focus_area", focus_list, True),
        _c("kato", kato, True),
        _c("start_date", date, True),
        _c("end_date", date),
        _c("budget_kzt", whole),
        _c("beneficiaries_target", whole),
        _c("beneficiaries_reached", whole),
        _c("status", enum(ProjectStatus)),
    ),
    key=("code",),
)
PARTICIPATIONS = Table(
    "participations",
    (
        _c("project_code", code, True),
        _c("org_bin", bin_, True),
        _c("role", enum(Role), True),
    ),
    key=("project_code", "org_bin", "role"),
)


def funder(value: str) -> str:
    """An akimat code, ``citizens``, or a BIN (spaces a spreadsheet adds are dropped)."""
    digits = normalize_bin(value)
    return digits if digits.isdigit() else code(value)


FUNDINGS = Table(
    "fundings",
    (
        _c("funder", funder, True),
        _c("project_code", code, True),
        _c("amount_kzt", whole, True),
        _c("mechanism", enum(Mechanism), True),
        _c("year", year, True),
    ),
    key=("funder", "project_code", "mechanism", "year"),
)
PARTNERSHIPS = Table(
    "partnerships",
    (
        _c("org_bin_a", bin_, True),
        _c("org_bin_b", bin_, True),
        _c("since", date),
        _c("basis", text),
        _c("until", date),
    ),
    key=("org_bin_a", "org_bin_b"),
)
SUPPORTS = Table(
    "supports",
    (
        _c("akimat_code", code, True),
        _c("org_bin", bin_, True),
        _c("since_year", year),
        _c("form", text),
    ),
    key=("akimat_code", "org_bin"),
)
PEOPLE = Table(
    "people",
    (
        _c("person_id", code, True),
        _c("display_name", text, True),
        _c("org_bin", bin_, True),
        _c("relation", enum(PersonRelation), True),
        _c("since", date),
    ),
    key=("person_id", "org_bin", "relation"),
)

TABLES: tuple[Table, ...] = (
    TERRITORIES,
    AKIMATS,
    ORGANIZATIONS,
    PROJECTS,
    PARTICIPATIONS,
    FUNDINGS,
    PARTNERSHIPS,
    SUPPORTS,
    PEOPLE,
)
"""In dependency order: a table refers only to tables before it."""

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
