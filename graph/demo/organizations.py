"""Organisations: the real ones from ``real_organizations.toml`` and the invented ones.

Hidden per-organisation traits drive the numbers: *capacity* (strong or weak; most urban
organisations are strong and most rural ones weak, but not all) and *profile* (``budget``,
``self``, ``mixed``, ``dormant``), drawn with the weights of ``generator.toml``.
"""

from __future__ import annotations

import random

from graph.demo.model import FIRST_PROJECT_YEAR, Area, Org, Place, World
from graph.demo.reference import REFERENCE, RealOrg
from graph.demo.territories import AREAS, PLACE_BY_KATO, PLACES, org_spots
from graph.focus_areas import FOCUS_AREAS
from graph.identifiers import bin_check_digit
from graph.vocab import LegalForm, OrgKind, Settlement

_NAMES = REFERENCE.names
_WEIGHTS = REFERENCE.weights
ALL_FOCUS = tuple(f.code for f in FOCUS_AREAS)
REAL = {org.role: org for org in REFERENCE.real_organizations}
CLUB, VETERANS, HOUSE = REAL["club"], REAL["veterans"], REAL["house"]
"""The self-funded club, the veterans who mentor youth groups, the House of NGOs."""


def _new_bin(rng: random.Random, founded: int, used: set[str]) -> str:
    """A valid, unused BIN: registration YYMM, 4 (legal entity), 0 (head office), a serial."""
    while True:
        first11 = f"{founded % 100:02d}{rng.randint(1, 12):02d}40{rng.randrange(100_000):05d}"
        check = bin_check_digit(first11)
        candidate = f"{first11}{check}"
        if check is not None and candidate not in used:
            used.add(candidate)
            return candidate


def _founded_year(rng: random.Random, kind: OrgKind, urban: bool) -> int:
    if kind is OrgKind.VETERANS_UNION:
        low, mode = 1990, 1998
    elif kind is OrgKind.YOUTH_GROUP:
        low, mode = 2008, 2019
    else:
        low, mode = (1992, 2008) if urban else (2002, 2016)
    return round(rng.triangular(low, 2025, mode))


def _focus_areas(rng: random.Random, kind: OrgKind, urban: bool) -> tuple[str, ...]:
    if kind is OrgKind.NGO:
        picked = rng.sample(ALL_FOCUS, rng.randint(1, 3))
        if not urban and "rural_development" not in picked and rng.random() < 0.4:
            picked.insert(0, "rural_development")
        return tuple(picked)
    always, extra = _WEIGHTS.kind_focus[kind]
    return always + tuple(rng.sample(extra, rng.randint(1, 2)))


def _profile(rng: random.Random, kind: OrgKind, urban: bool, strong: bool) -> str:
    if kind is OrgKind.YOUTH_GROUP and rng.random() < 0.25:
        return "dormant"
    return _WEIGHTS.profiles[urban, strong].pick(rng)


def _project_count(rng: random.Random, profile: str, strong: bool) -> int:
    if profile == "dormant":
        return int(rng.random() < 0.3)
    count = rng.randint(2, 5) if profile == "budget" else rng.randint(1, 3)
    return count if strong else max(1, count - rng.randint(0, 1))


def _org_names(
    rng: random.Random, kind: OrgKind, legal: LegalForm, focus: str, area: Area, kazakh: bool
) -> tuple[str, str, str, tuple[str, ...]]:
    """(name, name_ru, name_kk, aliases). A Kazakh-named organisation has its Kazakh name as
    ``name_kk`` too, and a Russian one in 30 %; a Russian-named one keeps both languages in 45 %
    (the bilingual records), else only the registered name."""
    kinds = _NAMES.kind_names
    ru, kk = rng.choice(kinds[kind]) if kind in kinds else _NAMES.ngo_names[focus]
    parts = {"w": rng.choice(_NAMES.brands), "of": area.of_ru, "kk": area.name_kk}
    core_ru, core_kk = ru.format(**parts), kk.format(**parts)
    prefix_ru, prefix_kk = _NAMES.legal_prefixes[legal]
    name_ru, name_kk = f'{prefix_ru} "{core_ru}"', f'"{core_kk}" {prefix_kk}'
    if kazakh:
        return name_kk, name_ru if rng.random() < 0.3 else "", name_kk, ()
    aliases = (core_ru,) if rng.random() < 0.06 else ()
    bilingual = rng.random() < 0.45
    return name_ru, name_ru if bilingual else "", name_kk if bilingual else "", aliases


def _real_org(spec: RealOrg, index: int) -> Org:
    place = PLACE_BY_KATO[spec.kato]
    assert place.area is not None  # the loader allows only cities and districts
    return Org(
        index=index,
        bin=spec.bin,
        name=spec.name,
        name_ru=spec.name,  # the real organisations are registered under Russian names
        name_kk=spec.name_kk,
        aliases=spec.aliases,
        kind=spec.kind,
        legal_form=spec.legal_form,
        place=place,
        area=place.area,
        founded=spec.founded,
        focus=spec.focus,
        staff=spec.staff,
        volunteers=spec.volunteers,
        synthetic=False,
        profile=spec.profile,
        strong=True,
        kazakh=False,
        projects=spec.projects,
        first_project_year=spec.first_project_year,
    )


def _synthetic_org(rng: random.Random, index: int, place: Place, used: set[str]) -> Org:
    area = place.area
    assert area is not None
    urban = place.settlement == Settlement.URBAN
    kind = _WEIGHTS.kinds.pick(rng)
    legal = _WEIGHTS.legal_forms[kind].pick(rng)
    strong = rng.random() < (0.8 if urban else 0.25)
    founded = _founded_year(rng, kind, urban)
    focus = _focus_areas(rng, kind, urban)
    profile = _profile(rng, kind, urban, strong)
    if strong:
        staff = min(60, (1 if urban else 2) + int(rng.expovariate(1 / (7 if urban else 3))))
        volunteers = int(rng.expovariate(1 / (45 if urban else 15)))
    else:
        staff, volunteers = rng.randint(0, 3), int(rng.expovariate(1 / 6))
    kazakh = rng.random() < (0.25 if urban else 0.4)
    name, name_ru, name_kk, aliases = _org_names(rng, kind, legal, focus[0], area, kazakh)
    return Org(
        index=index,
        bin=_new_bin(rng, founded, used),
        name=name,
        name_ru=name_ru,
        name_kk=name_kk,
        aliases=aliases,
        kind=kind,
        legal_form=legal,
        place=place,
        area=area,
        founded=founded,
        focus=focus,
        staff=staff,
        volunteers=volunteers,
        synthetic=True,
        profile=profile,
        strong=strong,
        kazakh=kazakh,
        projects=_project_count(rng, profile, strong),
        first_project_year=max(FIRST_PROJECT_YEAR, founded),
    )


def organizations(rng: random.Random, count: int) -> list[Org]:
    """The real organisations, then ``count`` invented ones placed by population and density."""
    real = REFERENCE.real_organizations
    orgs = [_real_org(spec, index) for index, spec in enumerate(real)]
    used = {spec.bin for spec in real}
    spots = org_spots(PLACES, _WEIGHTS.urban_density, _WEIGHTS.district_centre_share)
    for _ in range(count):
        orgs.append(_synthetic_org(rng, len(orgs), spots.pick(rng), used))
    return orgs


def world(rng: random.Random, orgs: list[Org]) -> World:
    """The pools partners and donors are drawn from; the self-funded club is in none of them."""
    everyone = [o for o in orgs if o.bin != CLUB.bin]
    by_area: dict[str, list[Org]] = {area.kato: [] for area in AREAS}
    youth: dict[str, list[Org]] = {area.kato: [] for area in AREAS}
    veterans: dict[str, list[Org]] = {area.kato: [] for area in AREAS}
    rural_by_focus: dict[str, list[Org]] = {code: [] for code in ALL_FOCUS}
    for org in everyone:
        by_area[org.area.kato].append(org)
        if org.kind is OrgKind.YOUTH_GROUP:
            youth[org.area.kato].append(org)
        elif org.kind is OrgKind.VETERANS_UNION:
            veterans[org.area.kato].append(org)
        if not org.urban:
            for code in org.focus:
                rural_by_focus[code].append(org)
    foundations = [o for o in everyone if o.kind is OrgKind.FOUNDATION]
    return World(
        rng,
        orgs,
        everyone,
        by_area,
        youth,
        veterans,
        foundations,
        {o.bin: o for o in foundations},
        rural_by_focus,
    )
