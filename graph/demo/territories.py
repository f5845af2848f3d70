"""Territories and akimats: the real region from ``territories.csv``, as places and table rows.

Conventions: the region's ``settlement`` is empty (mixed); districts and everything under them are
``rural``; cities are ``urban`` and a city's ``population`` includes the rural okrugs under it
(Ekibastuz, Aksu), so its urban population is its own minus its children's.
"""

from __future__ import annotations

from graph.demo.model import Area, Place, Row, Weighted
from graph.demo.reference import REFERENCE, Territory
from graph.vocab import AkimatLevel, Settlement, TerritoryType


def build_places(territories: tuple[Territory, ...]) -> tuple[Place, ...]:
    """Every territory in file order; places under a city or district share its :class:`Area`."""
    areas: dict[str, Area] = {}
    places: list[Place] = []
    for t in territories:
        if t.type is TerritoryType.REGION:
            area, settlement = None, ""
        elif t.type in (TerritoryType.CITY, TerritoryType.DISTRICT):
            children = sum(c.population for c in territories if c.parent_kato == t.kato)
            area = areas[t.kato] = Area(
                kato=t.kato,
                name_kk=t.name_kk,
                of_ru=t.name_genitive,
                is_city=t.type is TerritoryType.CITY,
                population=t.population,
                children_population=children,
            )
            settlement = (Settlement.URBAN if area.is_city else Settlement.RURAL).value
        else:
            area, settlement = areas[t.parent_kato], Settlement.RURAL.value
        places.append(
            Place(
                t.kato,
                t.name,
                t.name_kk,
                t.type,
                parent=t.parent_kato,
                settlement=settlement,
                population=t.population,
                area=area,
                aliases=t.aliases,
            )
        )
    return tuple(places)


def territory_rows(places: tuple[Place, ...]) -> list[Row]:
    return [
        {
            "kato": p.kato,
            "name": p.name,
            "type": p.type.value,
            "parent_kato": p.parent,
            "settlement": p.settlement,
            "population": str(p.population),
            "name_ru": p.name,  # the names in territories.csv are the official Russian ones
            "name_kk": p.name_kk,
            "aliases": ";".join(p.aliases),
        }
        for p in places
    ]


def akimat_code(kato: str) -> str:
    return f"akimat-{kato}"


def akimat_rows(territories: tuple[Territory, ...]) -> list[Row]:
    """The region's akimat, each city's and district's, then each rural okrug's."""
    levels = {
        TerritoryType.REGION: AkimatLevel.REGION,
        TerritoryType.CITY: AkimatLevel.CITY,
        TerritoryType.DISTRICT: AkimatLevel.DISTRICT,
    }
    rows = [
        _akimat(t.kato, f"Акимат {t.name_genitive}", t.name_kk, levels[t.type])
        for t in territories  # the region comes first
        if t.type in levels
    ]
    for t in territories:
        if t.type is TerritoryType.RURAL_OKRUG:
            adjective = t.name.split(" ", 1)[0]  # «Майкарагайский сельский округ»
            name = f"Аппарат акима {adjective[:-2]}ого сельского округа"
            rows.append(_akimat(t.kato, name, f"{t.name_kk} әкімінің", AkimatLevel.RURAL_OKRUG))
    return rows


def _akimat(kato: str, name: str, kk_owner: str, level: AkimatLevel) -> Row:
    """kk_owner is the Kazakh possessor: «Аққулы ауданы» gives «Аққулы ауданының әкімдігі»."""
    okrug = level is AkimatLevel.RURAL_OKRUG
    return {
        "code": akimat_code(kato),
        "name": name,
        "level": level.value,
        "kato": kato,
        "name_ru": name,
        "name_kk": f"{kk_owner} аппараты" if okrug else f"{kk_owner}ның әкімдігі",
    }


def org_spots(
    places: tuple[Place, ...], urban_density: dict[str, float], district_centre_share: float
) -> Weighted[Place]:
    """Where organisations are registered: population × density, cities far denser."""
    weights: dict[Place, float] = {}
    for place in places:
        area = place.area
        if area is None:
            continue
        if place.type is TerritoryType.CITY:
            urban = place.population - area.children_population
            weights[place] = urban * urban_density[place.kato]
        elif place.type is TerritoryType.DISTRICT:
            weights[place] = place.population * district_centre_share
        else:
            share = 1.0 if area.is_city else 1 - district_centre_share
            weights[place] = place.population * share
    return Weighted(weights)


PLACES = build_places(REFERENCE.territories)
REGION_KATO = PLACES[0].kato
PLACE_BY_KATO = {p.kato: p for p in PLACES}
AREAS = tuple(p.area for p in PLACES if p.area is not None and p.area.kato == p.kato)
"""Cities and districts in file order."""
RURAL_PLACES = tuple(p for p in PLACES if p.settlement == Settlement.RURAL)
OKRUGS = frozenset(p.kato for p in PLACES if p.type is TerritoryType.RURAL_OKRUG)
"""Rural okrugs have an akimat of their own."""
