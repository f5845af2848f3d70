"""What the generator builds with: weighted choices, the demo's calendar, places, organisations,
projects and the world that holds them while the tables are written."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

from graph.vocab import LegalForm, Mechanism, OrgKind, ProjectStatus, Settlement, TerritoryType

Row = dict[str, str]
T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed weighted choice: one ``random()`` per pick, which matters at 100,000 orgs."""

    __slots__ = ("_cumulative", "_items")

    def __init__(self, weights: dict[T, float]) -> None:
        self._items = tuple(weights)
        self._cumulative = tuple(accumulate(weights.values()))

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect(self._cumulative, rng.random() * self._cumulative[-1])]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Weighted):
            return NotImplemented
        return (self._items, self._cumulative) == (other._items, other._cumulative)

    def __hash__(self) -> int:
        return hash((self._items, self._cumulative))


# -- time ----------------------------------------------------------------------------------------

TODAY = dt.date(2025, 11, 1)
"""The demo's "now": project status and partnership dates are relative to it."""
FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR = 2016, 2025
LAST_DAY = dt.date(LAST_PROJECT_YEAR, 12, 31)
FIRST_PARTNERSHIP = dt.date(2012, 1, 1)


@cache
def iso(day: dt.date) -> str:
    """Date text, shared between rows: a few thousand distinct days among a million cells."""
    return day.isoformat()


@cache
def year_text(year: int) -> str:
    return str(year)


def day_between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A uniform day in [low, high]; low when the range is empty."""
    return low + dt.timedelta(days=int(rng.random() * (max(0, (high - low).days) + 1)))


# -- places --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Area:
    """A first-level unit: a city of regional significance or a district."""

    kato: str
    name_kk: str
    of_ru: str
    """Genitive, for «Акимат города Павлодара» and «Совет ветеранов Баянаульского района»."""
    is_city: bool
    population: int
    children_population: int
    """People in the rural okrugs and villages under it."""


@dataclass(frozen=True, slots=True)
class Place:
    kato: str
    name: str
    name_kk: str
    type: TerritoryType
    parent: str
    settlement: str
    population: int
    area: Area | None
    aliases: tuple[str, ...] = ()


# -- organisations and projects ------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Org:
    """An organisation: the columns of its row, then the hidden traits that drive the rest."""

    index: int
    bin: str
    name: str
    """As registered: Russian, or Kazakh for a Kazakh-named organisation."""
    name_ru: str
    name_kk: str
    aliases: tuple[str, ...]
    kind: OrgKind
    legal_form: LegalForm
    place: Place
    area: Area
    founded: int
    focus: tuple[str, ...]
    staff: int
    volunteers: int
    synthetic: bool
    profile: str
    strong: bool
    kazakh: bool
    """Writes its names and titles in Kazakh."""
    projects: int
    """Projects it will lead."""
    first_project_year: int
    urban: bool = field(init=False)
    led: int = 0

    def __post_init__(self) -> None:
        self.urban = self.place.settlement == Settlement.URBAN

    def row(self) -> Row:
        return {
            "bin": self.bin,
            "name": self.name,
            "kind": self.kind.value,
            "legal_form": self.legal_form.value,
            "kato": self.place.kato,
            "founded_year": str(self.founded),
            "focus_areas": ";".join(sorted(self.focus)),
            "staff": str(self.staff),
            "volunteers": str(self.volunteers),
            "name_ru": self.name_ru,
            "name_kk": self.name_kk,
            "aliases": ";".join(self.aliases),
            "synthetic": "true" if self.synthetic else "false",
            "archived": "false",
        }


@dataclass(slots=True)
class Project:
    lead: Org
    title: str
    title_ru: str
    title_kk: str
    focus: str
    place: Place
    start: dt.date
    end: dt.date
    target: int
    reached: str
    status: ProjectStatus
    others: list[Org]
    sources: dict[tuple[str, Mechanism], int]
    """(funder, mechanism) -> tenge over the whole period."""


@dataclass(slots=True)
class World:
    """Everything generated so far, and the pools partners and funders are drawn from."""

    rng: random.Random
    orgs: list[Org]
    everyone: list[Org]
    """Organisations others may pick as partners or donors (all but the self-funded club)."""
    by_area: dict[str, list[Org]]
    youth_by_area: dict[str, list[Org]]
    veterans_by_area: dict[str, list[Org]]
    foundations: list[Org]
    foundation_by_bin: dict[str, Org]
    rural_by_focus: dict[str, list[Org]]
    projects: list[Row] = field(default_factory=list)
    participations: list[Row] = field(default_factory=list)
    fundings: list[Row] = field(default_factory=list)
    shared: dict[tuple[int, int], tuple[int, dt.date]] = field(default_factory=dict)
    """(org index, org index) -> (projects together, first start date)."""
