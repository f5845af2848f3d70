"""The demo's reference data: the files in ``graph/demo/data/`` read, checked and typed.

Territories, the real organisations, name parts, project titles and the generator's weights live
in those files so a researcher can read and change them without reading code (their README says
what each holds). A wrong file stops the generator with the file, the line or key, and the
problem, before anything is generated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from importlib.resources.abc import Traversable
from string import Formatter
from typing import Any, NamedTuple, TypeVar

from graph.demo.model import Weighted
from graph.focus_areas import FOCUS_AREAS
from graph.identifiers import is_valid_bin, is_valid_kato
from graph.importer.tables import CITIZENS
from graph.vocab import LegalForm, Mechanism, OrgKind, Role, TerritoryType

__all__ = ["DATA_DIR", "DemoDataError", "ReferenceData", "load"]

DATA_DIR: Traversable = files("graph.demo").joinpath("data")
PROFILES = ("budget", "self", "mixed", "dormant")
ROLES = ("club", "veterans", "house")
"""The parts real organisations play in the generator (see real_organizations.toml)."""
_FOCUS = frozenset(f.code for f in FOCUS_AREAS)
_NAME_PARTS = frozenset({"w", "of", "kk"})
E = TypeVar("E", bound=StrEnum)
Row = dict[str, str]


class DemoDataError(ValueError):
    """A demo data file is wrong; the message starts with the file and the line or key."""


# -- what the files hold -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Territory:
    kato: str
    parent_kato: str
    type: TerritoryType
    name: str
    name_kk: str
    name_genitive: str
    population: int
    aliases: tuple[str, ...]


class Gift(NamedTuple):
    """One source of a fixed project; ``funder`` None is the organisation itself."""

    funder: str | None
    mechanism: Mechanism
    amount: int


class FixedProject(NamedTuple):
    title: str
    """In Russian, as the club reported it."""
    title_kk: str
    focus: str
    start: dt.date
    end: dt.date
    target: int
    reached: int
    sources: tuple[Gift, ...]


@dataclass(frozen=True, slots=True)
class RealOrg:
    """An organisation named in the article; all are strong."""

    role: str
    bin: str
    name: str
    name_kk: str
    aliases: tuple[str, ...]
    kind: OrgKind
    legal_form: LegalForm
    kato: str
    founded: int
    focus: tuple[str, ...]
    staff: int
    volunteers: int
    profile: str
    projects: int
    first_project_year: int
    fixed_projects: tuple[FixedProject, ...]


@dataclass(frozen=True, slots=True)
class Names:
    brands: tuple[str, ...]
    first_names: tuple[str, ...]
    initials: str
    legal_prefixes: dict[LegalForm, tuple[str, str]]
    """(Russian, Kazakh) abbreviation of each legal form."""
    ngo_names: dict[str, tuple[str, str]]
    """(Russian, Kazakh) name pattern of an NGO by its first focus area."""
    kind_names: dict[OrgKind, tuple[tuple[str, str], ...]]
    """(Russian, Kazakh) name patterns of the other kinds."""
    project_titles: dict[str, tuple[tuple[str, str], ...]]
    """(Russian, Kazakh) project titles by focus area."""


@dataclass(frozen=True, slots=True)
class Weights:
    regional_centre: str
    district_centre_share: float
    urban_density: dict[str, float]
    kinds: Weighted[OrgKind]
    legal_forms: dict[OrgKind, Weighted[LegalForm]]
    profiles: dict[tuple[bool, bool], Weighted[str]]
    """By (urban, strong)."""
    kind_focus: dict[OrgKind, tuple[tuple[str, ...], tuple[str, ...]]]
    """(always, one or two of) by kind."""
    durations: Weighted[tuple[int, int]]
    co_participants: dict[bool, Weighted[int]]
    """By strong."""
    state_mechanisms: Weighted[Mechanism]
    private_sources: dict[str, tuple[int, int]]
    co_roles: Weighted[str]
    support_forms: dict[str, float]


@dataclass(frozen=True, slots=True)
class ReferenceData:
    territories: tuple[Territory, ...]
    real_organizations: tuple[RealOrg, ...]
    names: Names
    weights: Weights


def load(directory: Traversable = DATA_DIR) -> ReferenceData:
    """Read and check every data file in ``directory``; raise :class:`DemoDataError` if wrong."""
    territories = _territories(directory)
    areas = {t.kato for t in territories if t.type in (TerritoryType.CITY, TerritoryType.DISTRICT)}
    return ReferenceData(
        territories=territories,
        real_organizations=_real_organizations(directory, areas),
        names=_names(directory),
        weights=_weights(directory, territories),
    )


# -- reading and checking ------------------------------------------------------------------------


def _csv(directory: Traversable, name: str, columns: tuple[str, ...]) -> list[tuple[str, Row]]:
    """(where, row) per line: exactly ``columns`` in the header, every row complete."""
    text = _text(directory, name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(reader.fieldnames or ())
    if header != columns:
        raise DemoDataError(f"{name}:1: the header must be {','.join(columns)}, not {header!r}")
    rows = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row or None in row.values():
            raise DemoDataError(f"{where}: expected {len(columns)} cells")
        rows.append((where, row))
    return rows


def _text(directory: Traversable, name: str) -> str:
    try:
        return directory.joinpath(name).read_text(encoding="utf-8-sig")  # Excel writes a BOM
    except FileNotFoundError:
        raise DemoDataError(f"{name}: missing from {directory}") from None
    except UnicodeDecodeError as error:
        raise DemoDataError(f"{name}: not UTF-8 ({error})") from None


def _toml(directory: Traversable, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_text(directory, name))
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{name}: {error}") from None


def _enum(enum: type[E], value: object, where: str) -> E:
    try:
        return enum(str(value))
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise DemoDataError(
            f"{where}: unknown value {value!r}; expected one of: {allowed}"
        ) from None


def _focus(value: object, where: str) -> str:
    if value not in _FOCUS:
        raise DemoDataError(f"{where}: unknown focus area {value!r}")
    return str(value)


def _count(value: object, where: str, *, low: int = 0) -> int:
    if isinstance(value, str):
        value = int(value) if value.isdigit() else value
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise DemoDataError(f"{where}: {value!r} is not a whole number ≥ {low}")
    return value


def _text_of(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DemoDataError(f"{where}: expected non-empty text, got {value!r}")
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: expected a list of texts, got {value!r}")
    return tuple(_text_of(item, f"{where}[{number}]") for number, item in enumerate(value))


_GROUP = {OrgKind.INITIATIVE_GROUP.value, LegalForm.NO_LEGAL_ENTITY.value}
"""The demo invents no initiative groups (they have no BIN): their kind and form need no data."""


def _table(value: object, where: str, keys: set[str] | None = None) -> dict[str, Any]:
    """A TOML table; with ``keys``, exactly those keys (a typo is an error, not a default)."""
    if not isinstance(value, dict):
        raise DemoDataError(f"{where}: expected a table, got {value!r}")
    if keys is not None and set(value) != keys:
        missing, unknown = sorted(keys - set(value)), sorted(set(value) - keys)
        raise DemoDataError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    return value


def _weights_of(enum: type[E], value: object, where: str) -> dict[E, float]:
    table = _table(value, where)
    if not table:
        raise DemoDataError(f"{where}: no entries")
    return {
        _enum(enum, key, f"{where}.{key}"): _weight(w, f"{where}.{key}") for key, w in table.items()
    }


def _weight(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise DemoDataError(f"{where}: a weight must be a positive number, got {value!r}")
    return value


def _pattern(value: str, where: str) -> str:
    """A name pattern may use only the parts {w}, {of} and {kk}."""
    try:
        fields = {field for _, field, _, _ in Formatter().parse(value) if field is not None}
    except ValueError as error:
        raise DemoDataError(f"{where}: {error}") from None
    if not fields <= _NAME_PARTS:
        raise DemoDataError(
            f"{where}: unknown parts {sorted(fields - _NAME_PARTS)}; use {{w}}, {{of}}, {{kk}}"
        )
    return value


# -- territories.csv -----------------------------------------------------------------------------

_TERRITORY_COLUMNS = (
    "kato",
    "parent_kato",
    "type",
    "name",
    "name_kk",
    "name_genitive",
    "population",
    "aliases",
)
_PARENT_TYPES = {
    TerritoryType.REGION: (),
    TerritoryType.CITY: (TerritoryType.REGION,),
    TerritoryType.DISTRICT: (TerritoryType.REGION,),
    TerritoryType.RURAL_OKRUG: (TerritoryType.CITY, TerritoryType.DISTRICT),
    TerritoryType.SETTLEMENT: (TerritoryType.CITY, TerritoryType.DISTRICT),
}


def _territories(directory: Traversable) -> tuple[Territory, ...]:
    """In file order: the region first, and every place after its parent."""
    seen: dict[str, Territory] = {}
    for where, row in _csv(directory, "territories.csv", _TERRITORY_COLUMNS):
        kato, parent = row["kato"], row["parent_kato"]
        kind = _enum(TerritoryType, row["type"], f"{where}: type")
        if not is_valid_kato(kato):
            raise DemoDataError(f"{where}: kato {kato!r} is not nine digits")
        if kato in seen:
            raise DemoDataError(f"{where}: kato {kato} is listed twice")
        allowed = _PARENT_TYPES[kind]
        if (parent in seen and seen[parent].type not in allowed) or (
            parent not in seen and allowed
        ):
            raise DemoDataError(
                f"{where}: parent_kato {parent!r} must be a {' or '.join(allowed) or 'nothing'} "
                "listed above"
            )
        if not allowed and parent:
            raise DemoDataError(f"{where}: the region has no parent_kato")
        first_level = kind in (TerritoryType.REGION, TerritoryType.CITY, TerritoryType.DISTRICT)
        if first_level != bool(row["name_genitive"]):
            raise DemoDataError(
                f"{where}: name_genitive is for the region, cities and districts (only and all)"
            )
        seen[kato] = Territory(
            kato=kato,
            parent_kato=parent,
            type=kind,
            name=_text_of(row["name"], f"{where}: name"),
            name_kk=_text_of(row["name_kk"], f"{where}: name_kk"),
            name_genitive=row["name_genitive"],
            population=_count(row["population"], f"{where}: population", low=1),
            aliases=tuple(row["aliases"].split(";")) if row["aliases"] else (),
        )
    territories = tuple(seen.values())
    regions = [t for t in territories if t.type is TerritoryType.REGION]
    if len(regions) != 1 or territories[0] is not regions[0]:
        raise DemoDataError("territories.csv: the first row, and only it, must be the region")
    return territories


# -- real_organizations.toml ---------------------------------------------------------------------

_ORG_KEYS = {
    "role",
    "bin",
    "name",
    "name_kk",
    "aliases",
    "kind",
    "legal_form",
    "kato",
    "founded",
    "focus_areas",
    "staff",
    "volunteers",
    "profile",
    "projects",
    "first_project_year",
}
_PROJECT_KEYS = {"title", "title_kk", "focus_areas", "start", "end", "target", "reached", "sources"}


def _real_organizations(directory: Traversable, areas: set[str]) -> tuple[RealOrg, ...]:
    """``areas``: the KATO codes of the cities and districts, where a real organisation may be."""
    name = "real_organizations.toml"
    entries = _toml(directory, name).get("organization")
    if not isinstance(entries, list):
        raise DemoDataError(f"{name}: expected [[organization]] tables")
    orgs = []
    for number, entry in enumerate(entries):
        where = f"{name}: organization[{number}]"
        has_projects = isinstance(entry, dict) and "project" in entry
        table = _table(entry, where, _ORG_KEYS | ({"project"} if has_projects else set()))
        role = table["role"]
        if role not in ROLES:
            raise DemoDataError(f"{where}.role: {role!r} is not one of {', '.join(ROLES)}")
        if has_projects and role != "club":
            raise DemoDataError(f"{where}: only the club has fixed projects")
        bin_ = _text_of(table["bin"], f"{where}.bin")
        if not is_valid_bin(bin_):
            raise DemoDataError(f"{where}.bin: {bin_!r} is not a valid BIN")
        if table["kato"] not in areas:
            raise DemoDataError(
                f"{where}.kato: {table['kato']!r} is not a city or district in territories.csv"
            )
        if table["profile"] not in PROFILES:
            raise DemoDataError(f"{where}.profile: {table['profile']!r} is not one of {PROFILES}")
        projects = table.get("project", [])
        orgs.append(
            RealOrg(
                role=role,
                bin=bin_,
                name=_text_of(table["name"], f"{where}.name"),
                name_kk=_text_of(table["name_kk"], f"{where}.name_kk"),
                aliases=_texts(table["aliases"], f"{where}.aliases"),
                kind=_enum(OrgKind, table["kind"], f"{where}.kind"),
                legal_form=_enum(LegalForm, table["legal_form"], f"{where}.legal_form"),
                kato=table["kato"],
                founded=_count(table["founded"], f"{where}.founded", low=1900),
                focus=tuple(
                    _focus(code, f"{where}.focus_areas")
                    for code in _texts(table["focus_areas"], f"{where}.focus_areas")
                ),
                staff=_count(table["staff"], f"{where}.staff"),
                volunteers=_count(table["volunteers"], f"{where}.volunteers"),
                profile=table["profile"],
                projects=_count(table["projects"], f"{where}.projects"),
                first_project_year=_count(
                    table["first_project_year"], f"{where}.first_project_year", low=1900
                ),
                fixed_projects=tuple(
                    _fixed_project(p, f"{where}.project[{n}]")
                    for n, p in enumerate(projects if isinstance(projects, list) else [projects])
                ),
            )
        )
    roles = [org.role for org in orgs]
    if sorted(roles) != sorted(ROLES):
        raise DemoDataError(f"{name}: each role ({', '.join(ROLES)}) once, not {roles}")
    if len({org.bin for org in orgs}) != len(orgs):
        raise DemoDataError(f"{name}: a BIN is listed twice")
    return tuple(orgs)


def _fixed_project(value: object, where: str) -> FixedProject:
    table = _table(value, where, _PROJECT_KEYS)
    start, end = table["start"], table["end"]
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        raise DemoDataError(f"{where}: start and end must be dates (2018-01-15), start first")
    focus = [_focus(c, f"{where}.focus_areas") for c in _texts(table["focus_areas"], where)]
    sources = table["sources"]
    if not isinstance(sources, list) or not sources:
        raise DemoDataError(f"{where}.sources: expected a list of sources")
    return FixedProject(
        title=_text_of(table["title"], f"{where}.title"),
        title_kk=_text_of(table["title_kk"], f"{where}.title_kk"),
        focus=";".join(focus),
        start=start,
        end=end,
        target=_count(table["target"], f"{where}.target", low=1),
        reached=_count(table["reached"], f"{where}.reached"),
        sources=tuple(_gift(s, f"{where}.sources[{n}]") for n, s in enumerate(sources)),
    )


def _gift(value: object, where: str) -> Gift:
    funded_by_others = isinstance(value, dict) and "funder" in value
    table = _table(
        value, where, {"mechanism", "amount_kzt"} | ({"funder"} if funded_by_others else set())
    )
    funder = table.get("funder")
    if funder is not None and funder != CITIZENS:
        raise DemoDataError(
            f"{where}.funder: {funder!r}; use {CITIZENS!r} or leave it out (own money)"
        )
    return Gift(
        funder=funder,
        mechanism=_enum(Mechanism, table["mechanism"], f"{where}.mechanism"),
        amount=_count(table["amount_kzt"], f"{where}.amount_kzt", low=1),
    )


# -- names.toml, organization_names.csv, project_titles.csv --------------------------------------


def _names(directory: Traversable) -> Names:
    name = "names.toml"
    table = _table(
        _toml(directory, name), name, {"brands", "first_names", "initials", "legal_prefixes"}
    )
    initials = _text_of(table["initials"], f"{name}: initials")
    prefixes = _table(
        table["legal_prefixes"], f"{name}: legal_prefixes", {f.value for f in LegalForm} - _GROUP
    )
    legal_prefixes = {}
    for form, value in prefixes.items():
        where = f"{name}: legal_prefixes.{form}"
        pair = _table(value, where, {"ru", "kk"})
        legal_prefixes[LegalForm(form)] = (
            _text_of(pair["ru"], f"{where}.ru"),
            _text_of(pair["kk"], f"{where}.kk"),
        )
    ngo_names, kind_names = _organization_names(directory)
    return Names(
        brands=_texts(table["brands"], f"{name}: brands"),
        first_names=_texts(table["first_names"], f"{name}: first_names"),
        initials=initials,
        legal_prefixes=legal_prefixes,
        ngo_names=ngo_names,
        kind_names=kind_names,
        project_titles=_project_titles(directory),
    )


def _organization_names(
    directory: Traversable,
) -> tuple[dict[str, tuple[str, str]], dict[OrgKind, tuple[tuple[str, str], ...]]]:
    """NGOs are named by their first focus area (one pattern each); other kinds pick a pattern."""
    name = "organization_names.csv"
    ngo: dict[str, tuple[str, str]] = {}
    kinds: dict[OrgKind, list[tuple[str, str]]] = {}
    for where, row in _csv(directory, name, ("kind", "focus_area", "name", "name_kk")):
        kind = _enum(OrgKind, row["kind"], f"{where}: kind")
        pair = (
            _pattern(_text_of(row["name"], f"{where}: name"), f"{where}: name"),
            _pattern(_text_of(row["name_kk"], f"{where}: name_kk"), f"{where}: name_kk"),
        )
        if kind is OrgKind.NGO:
            focus = _focus(row["focus_area"], f"{where}: focus_area")
            if focus in ngo:
                raise DemoDataError(f"{where}: a second NGO name for {focus!r}")
            ngo[focus] = pair
        elif row["focus_area"]:
            raise DemoDataError(f"{where}: focus_area is only for NGOs")
        else:
            kinds.setdefault(kind, []).append(pair)
    if missing := sorted(_FOCUS - set(ngo)):
        raise DemoDataError(f"{name}: no NGO name for focus areas {missing}")
    return ngo, {kind: tuple(pairs) for kind, pairs in kinds.items()}


def _project_titles(directory: Traversable) -> dict[str, tuple[tuple[str, str], ...]]:
    name = "project_titles.csv"
    titles: dict[str, list[tuple[str, str]]] = {}
    for where, row in _csv(directory, name, ("focus_area", "title", "title_kk")):
        focus = _focus(row["focus_area"], f"{where}: focus_area")
        pair = (
            _text_of(row["title"], f"{where}: title"),
            _text_of(row["title_kk"], f"{where}: title_kk"),
        )
        titles.setdefault(focus, []).append(pair)
    if missing := sorted(_FOCUS - set(titles)):
        raise DemoDataError(f"{name}: no title for focus areas {missing}")
    return {focus: tuple(pairs) for focus, pairs in titles.items()}


# -- generator.toml ------------------------------------------------------------------------------


def _weights(directory: Traversable, territories: tuple[Territory, ...]) -> Weights:
    name = "generator.toml"
    top = _table(
        _toml(directory, name), name, {"regional_centre", "organizations", "projects", "supports"}
    )
    cities = {t.kato for t in territories if t.type is TerritoryType.CITY}
    centre = top["regional_centre"]
    if centre not in cities:
        raise DemoDataError(f"{name}: regional_centre {centre!r} is not a city in territories.csv")
    at = f"{name}: organizations"
    orgs = _table(
        top["organizations"],
        at,
        {"district_centre_share", "urban_density", "kinds", "legal_forms", "profiles", "focus"},
    )
    share = orgs["district_centre_share"]
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise DemoDataError(f"{at}.district_centre_share: a share in [0, 1], got {share!r}")
    density = _table(orgs["urban_density"], f"{at}.urban_density", cities)
    legal = _table(orgs["legal_forms"], f"{at}.legal_forms", {k.value for k in OrgKind} - _GROUP)
    profiles = _table(
        orgs["profiles"],
        f"{at}.profiles",
        {"urban_strong", "urban_weak", "rural_strong", "rural_weak"},
    )
    focus = _table(
        orgs["focus"], f"{at}.focus", {k.value for k in OrgKind} - {OrgKind.NGO} - _GROUP
    )
    pt = f"{name}: projects"
    projects = _table(
        top["projects"],
        pt,
        {"durations", "co_participants", "state_mechanisms", "private_sources", "co_roles"},
    )
    co = _table(projects["co_participants"], f"{pt}.co_participants", {"strong", "weak"})
    private = _table(projects["private_sources"], f"{pt}.private_sources", set(PROFILES))
    co_roles = _weights_of(Role, projects["co_roles"], f"{pt}.co_roles")
    supports = _table(top["supports"], f"{name}: supports", {"forms"})
    support_forms = _table(supports["forms"], f"{name}: supports.forms")
    return Weights(
        regional_centre=centre,
        district_centre_share=share,
        urban_density={k: _weight(v, f"{at}.urban_density.{k}") for k, v in density.items()},
        kinds=Weighted(_weights_of(OrgKind, orgs["kinds"], f"{at}.kinds")),
        legal_forms={
            OrgKind(kind): Weighted(_weights_of(LegalForm, forms, f"{at}.legal_forms.{kind}"))
            for kind, forms in legal.items()
        },
        profiles={
            (key.startswith("urban"), key.endswith("strong")): Weighted(
                _profile_weights(value, f"{at}.profiles.{key}")
            )
            for key, value in profiles.items()
        },
        kind_focus={
            OrgKind(kind): _kind_focus(value, f"{at}.focus.{kind}") for kind, value in focus.items()
        },
        durations=Weighted(_durations(projects["durations"], f"{pt}.durations")),
        co_participants={
            key == "strong": Weighted(_weight_list(value, f"{pt}.co_participants.{key}"))
            for key, value in co.items()
        },
        state_mechanisms=Weighted(
            _weights_of(Mechanism, projects["state_mechanisms"], f"{pt}.state_mechanisms")
        ),
        private_sources={
            profile: _range(value, f"{pt}.private_sources.{profile}")
            for profile, value in private.items()
        },
        co_roles=Weighted({role.value: weight for role, weight in co_roles.items()}),
        support_forms={
            form: _weight(weight, f"{name}: supports.forms.{form}")
            for form, weight in support_forms.items()
        },
    )


def _profile_weights(value: object, where: str) -> dict[str, float]:
    table = _table(value, where)
    if not table or not set(table) <= set(PROFILES):
        raise DemoDataError(f"{where}: weights of {', '.join(PROFILES)}, got {sorted(table)}")
    return {profile: _weight(w, f"{where}.{profile}") for profile, w in table.items()}


def _kind_focus(value: object, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = _table(value, where, {"always", "some_of"})
    always = tuple(_focus(c, f"{where}.always") for c in _texts(table["always"], where))
    some = tuple(_focus(c, f"{where}.some_of") for c in _texts(table["some_of"], where))
    if len(some) < 2:
        raise DemoDataError(f"{where}.some_of: at least two focus areas to pick one or two from")
    return always, some


def _durations(value: object, where: str) -> dict[tuple[int, int], float]:
    if not isinstance(value, list) or not value:
        raise DemoDataError(f"{where}: expected a list of {{ days = [shortest, longest], weight }}")
    durations: dict[tuple[int, int], float] = {}
    for number, entry in enumerate(value):
        at = f"{where}[{number}]"
        item = _table(entry, at, {"days", "weight"})
        days = item["days"]
        if not isinstance(days, list) or len(days) != 2:
            raise DemoDataError(f"{at}.days: expected [shortest, longest]")
        shortest, longest = (_count(d, f"{at}.days", low=1) for d in days)
        if longest < shortest:
            raise DemoDataError(f"{at}.days: the shortest first")
        durations[shortest, longest] = _weight(item["weight"], f"{at}.weight")
    return durations


def _weight_list(value: object, where: str) -> dict[int, float]:
    """Weights of 0, 1, 2, ... as a list."""
    if not isinstance(value, list) or not value:
        raise DemoDataError(f"{where}: expected a list of weights (of 0, 1, 2, ...)")
    return {number: _weight(w, f"{where}[{number}]") for number, w in enumerate(value)}


def _range(value: object, where: str) -> tuple[int, int]:
    """[min, max] kinds of non-state money: 1 to 3 (own income, donations, in kind)."""
    if not isinstance(value, list) or len(value) != 2:
        raise DemoDataError(f"{where}: expected [min, max]")
    low, high = (_count(v, where, low=1) for v in value)
    if not low <= high <= 3:
        raise DemoDataError(f"{where}: expected 1 ≤ min ≤ max ≤ 3")
    return low, high


REFERENCE = load()
"""The package's own data files, read once."""
