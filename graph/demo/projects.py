"""Projects with their participations and fundings, led by every organisation in turn.

Budget-dependent organisations lead many projects with weak results, self-funded ones fewer with
good results; co-participants come from a believable pool (veterans with youth groups, neighbours,
the regional centre), and every pair that works together is noted for the partnerships.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

from graph.demo.funding import funding_sources, thousands, yearly
from graph.demo.model import (
    FIRST_PROJECT_YEAR,
    LAST_DAY,
    LAST_PROJECT_YEAR,
    TODAY,
    Org,
    Place,
    Project,
    World,
    day_between,
    iso,
    year_text,
)
from graph.demo.organizations import CLUB, HOUSE
from graph.demo.reference import REFERENCE
from graph.demo.territories import PLACE_BY_KATO, RURAL_PLACES
from graph.vocab import OrgKind, ProjectStatus, Role, TerritoryType

_TITLES = REFERENCE.names.project_titles
_WEIGHTS = REFERENCE.weights


def _status(rng: random.Random, start: dt.date, end: dt.date) -> ProjectStatus:
    if start > TODAY:
        return ProjectStatus.PLANNED
    if end >= TODAY:
        return ProjectStatus.ACTIVE
    return ProjectStatus.CANCELLED if rng.random() < 0.01 else ProjectStatus.COMPLETED


def _result_ratio(rng: random.Random, org: Org) -> float:
    """Reached / target of a finished project: weak for budget absorbers and weak capacity."""
    if org.profile == "budget":
        ratio = rng.uniform(0.3, 0.75) if rng.random() < 0.8 else rng.uniform(0.7, 1.0)
    elif org.profile == "self":
        ratio = rng.uniform(0.85, 1.08)
    elif org.profile == "mixed":
        ratio = rng.uniform(0.6, 1.02)
    else:
        ratio = rng.uniform(0.2, 0.8)
    if not org.strong:
        ratio *= rng.uniform(0.7, 0.95)
    return min(ratio, 1.1)


def _reached(
    rng: random.Random, org: Org, status: ProjectStatus, start: dt.date, end: dt.date, target: int
) -> str:
    if status in (ProjectStatus.PLANNED, ProjectStatus.CANCELLED):
        return ""
    ratio = _result_ratio(rng, org)
    if status is ProjectStatus.ACTIVE:
        ratio *= (TODAY - start).days / max(1, (end - start).days)
    return str(int(target * ratio))


def _budget(rng: random.Random, org: Org) -> int:
    median = (3_000_000 if org.strong else 1_000_000) * (1.5 if org.urban else 1.0)
    if org.profile == "budget":
        median *= 1.4
    value = median * rng.lognormvariate(0, 0.8)
    return thousands(min(30_000_000, max(500_000, value)))


def _project_place(rng: random.Random, org: Org) -> Place:
    """Usually the lead's own territory; urban NGOs sometimes serve a village."""
    if org.urban and rng.random() < 0.12:
        return rng.choice(RURAL_PLACES)
    if not org.urban and org.place.type is not TerritoryType.DISTRICT and rng.random() < 0.15:
        return PLACE_BY_KATO[org.area.kato]
    return org.place


def _partner_pool(world: World, lead: Org, place: Place) -> list[Org]:
    """Where a co-participant comes from: veterans with youth, neighbours, the city."""
    r = world.rng.random()
    area = lead.area.kato
    if lead.bin == HOUSE.bin:
        return world.everyone
    if lead.kind is OrgKind.VETERANS_UNION and world.youth_by_area[area] and r < 0.7:
        return world.youth_by_area[area]
    if "patriotic_education" in lead.focus and world.veterans_by_area[area] and r < 0.5:
        return world.veterans_by_area[area]
    if place.area is not None and place.area is not lead.area and r < 0.5:
        return world.by_area[place.area.kato]
    if r < (0.65 if lead.urban else 0.5):
        return world.by_area[area]
    if not lead.urban and r < 0.8:
        return world.by_area[_WEIGHTS.regional_centre]
    return world.everyone


def _co_participants(world: World, lead: Org, place: Place) -> list[Org]:
    rng = world.rng
    chosen: list[Org] = []
    for _ in range(_WEIGHTS.co_participants[lead.strong].pick(rng)):
        pool = _partner_pool(world, lead, place)
        candidate = rng.choice(pool) if pool else lead
        if candidate is not lead and candidate not in chosen:
            chosen.append(candidate)
    return chosen


def _emit(world: World, project: Project) -> None:
    """Write one project with its participations and fundings; note who worked together."""
    code = f"PRJ-{project.start.year}-{len(world.projects) + 1:06d}"
    start, end, lead = project.start, project.end, project.lead
    world.projects.append(
        {
            "code": code,
            "title": project.title,
            "focus_area": project.focus,
            "kato": project.place.kato,
            "start_date": iso(start),
            "end_date": iso(end),
            "budget_kzt": str(sum(project.sources.values())),
            "beneficiaries_target": str(project.target),
            "beneficiaries_reached": project.reached,
            "status": project.status.value,
            "title_ru": project.title_ru,
            "title_kk": project.title_kk,
        }
    )
    lead.led += 1
    roles = [(lead, Role.ACCOUNTABLE.value)]
    roles += [(other, _WEIGHTS.co_roles.pick(world.rng)) for other in project.others]
    for funder, _ in project.sources:
        donor = world.foundation_by_bin.get(funder)
        if donor is not None and len(roles) < 5 and all(org is not donor for org, _ in roles):
            roles.append((donor, Role.FUNDING.value))
    for org, role in roles:
        world.participations.append({"project_code": code, "org_bin": org.bin, "role": role})
    for (funder, mechanism), amount in project.sources.items():
        for year, share in yearly(amount, start, end):
            world.fundings.append(
                {
                    "funder": funder,
                    "project_code": code,
                    "amount_kzt": str(share),
                    "mechanism": mechanism.value,
                    "year": year_text(year),
                }
            )
    for pair in combinations(sorted(org.index for org, _ in roles), 2):
        count, first = world.shared.get(pair, (0, start))
        world.shared[pair] = (count + 1, min(first, start))


def _title(rng: random.Random, org: Org, focus: str, place: Place) -> tuple[str, str, str]:
    """(title, title_ru, title_kk): the title in the organisation's language; in Russian and in
    Kazakh when it keeps its own name in that language."""
    ru, kk = rng.choice(_TITLES[focus])
    if rng.random() < 0.3:
        ru, kk = f"{ru} ({place.name})", f"{kk} ({place.name_kk})"
    return kk if org.kazakh else ru, ru if org.name_ru else "", kk if org.name_kk else ""


def _generic_project(world: World, lead: Org, year: int, *, within_year: bool = False) -> None:
    rng = world.rng
    start = day_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
    shortest, longest = _WEIGHTS.durations.pick(rng)
    end = min(start + dt.timedelta(days=rng.randint(shortest, longest)), LAST_DAY)
    if within_year:
        end = min(end, dt.date(year, 12, 31))
    two = len(lead.focus) > 1 and rng.random() < 0.2
    focus = rng.sample(lead.focus, 2 if two else 1)
    place = _project_place(rng, lead)
    budget = _budget(rng, lead)
    target = max(5, round(budget / rng.uniform(8_000, 60_000)))
    status = _status(rng, start, end)
    title, title_ru, title_kk = _title(rng, lead, focus[0], place)
    project = Project(
        lead=lead,
        title=title,
        title_ru=title_ru,
        title_kk=title_kk,
        focus=";".join(sorted(focus)),
        place=place,
        start=start,
        end=end,
        target=target,
        reached=_reached(rng, lead, status, start, end, target),
        status=status,
        others=_co_participants(world, lead, place),
        sources=funding_sources(world, lead, budget),
    )
    _emit(world, project)


def _club_projects(world: World, club: Org) -> None:
    """A self-funded project a year, and the fixed projects (the article's 143 million in 2018)."""
    fixed_years = {fixed.start.year for fixed in CLUB.fixed_projects}
    for year in range(FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR + 1):
        if year not in fixed_years:
            _generic_project(world, club, year, within_year=True)
    for fixed in CLUB.fixed_projects:
        project = Project(
            lead=club,
            title=fixed.title,
            title_ru=fixed.title,
            title_kk=fixed.title_kk,
            focus=fixed.focus,
            place=club.place,
            start=fixed.start,
            end=fixed.end,
            target=fixed.target,
            reached=str(fixed.reached),
            status=ProjectStatus.COMPLETED,
            others=[],
            sources={(g.funder or club.bin, g.mechanism): g.amount for g in fixed.sources},
        )
        _emit(world, project)


def all_projects(world: World) -> None:
    """Every organisation's projects, in organisation order, into ``world``'s tables."""
    rng = world.rng
    for org in world.orgs:
        if org.bin == CLUB.bin:
            _club_projects(world, org)
            continue
        first = org.first_project_year
        last = max(first, 2019) if org.profile == "dormant" else LAST_PROJECT_YEAR
        for year in sorted(rng.randint(first, last) for _ in range(org.projects)):
            _generic_project(world, org, year)
