"""The import contract: which tables exist, their columns, and how each cell is parsed.

One ``Table`` per file (``organizations.csv`` or ``organizations.xlsx``). Cells arrive as text
(XLSX values are turned into the text a CSV would hold); parsers raise ``ValueError`` whose message
is shown to the coordinator as ``file:line: column: message``. More columns than these are allowed
and kept as properties (see ``EXTRA_COLUMN``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.focus_areas import FOCUS_AREA_CODES
from graph.identifiers import bin_check_digit, is_valid_kato, normalize_bin
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

Parser = Callable[[str], Any]

EXTRA_COLUMN = re.compile(r"[a-z][a-z0-9_]{0,62}")
"""Extra columns must be snake_case names; they become properties of the row's node."""

CITIZENS = "citizens"
"""The ``funder`` of anonymous private donations and in-kind gifts from residents."""


# -- cell parsers --------------------------------------------------------------------------------


def text(value: str) -> str:
    if len(value) > 500:
        raise ValueError(f"text is {len(value)} characters long; at most 500 are allowed")
    return value


def code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}", value):
        raise ValueError(f"{value!r} is not a code (letters, digits, '-', '_', '.'; max 64)")
    return value


def bin_(value: str) -> str:
    digits = normalize_bin(value)
    if not re.fullmatch(r"\d{12}", digits):
        raise ValueError(f"BIN must be 12 digits, got {value!r}")
    check = bin_check_digit(digits[:11])
    if check is None or check != int(digits[11]):
        raise ValueError(f"BIN {digits} fails the check digit")
    return digits


def kato(value: str) -> str:
    if not is_valid_kato(value):
        raise ValueError(f"KATO code must be 9 digits, got {value!r}")
    return value


def whole(value: str) -> int:
    """A non-negative whole number; spaces as thousands separators (Excel ru-RU) are fine."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", value)
    if not re.fullmatch(r"\d+", cleaned):
        raise ValueError(f"expected a non-negative whole number, got {value!r}")
    return int(cleaned)


def year(value: str) -> int:
    number = whole(value)
    if not 1900 <= number <= dt.date.today().year + 10:
        raise ValueError(f"year {number} is out of range")
    return number


def date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO date like 2021-03-01, got {value!r}") from None


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in {"true", "yes", "1", "да", "иә"}:
        return True
    if lowered in {"false", "no", "0", "нет", "жоқ"}:
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def enum(kind: type[StrEnum]) -> Parser:
    def parse(value: str) -> str:
        try:
            return kind(value.lower()).value
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise ValueError(f"unknown value {value!r}; expected one of: {allowed}") from None

    return parse


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def text_list(value: str) -> list[str]:
    return [text(part) for part in split_list(value)]


def focus_list(value: str) -> list[str]:
    codes = [part.lower() for part in split_list(value)]
    unknown = [c for c in codes if c not in FOCUS_AREA_CODES]
    if unknown:
        raise ValueError(
            f"unknown focus area {', '.join(map(repr, unknown))}; "
            f"expected codes from: {', '.join(sorted(FOCUS_AREA_CODES))}"
        )
    return sorted(set(codes))


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
