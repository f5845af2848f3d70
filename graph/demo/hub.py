"""The House of NGOs hub of the demo region: offers, needs, handovers, volunteers and services.

The rules it plants, for notebooks to find (and to say the generator put them there):

- flats are offered mostly in the cities, houses mostly in villages; needs for both come from
  rural organisations too;
- in 2018 every flat and house was given through Клуб добряков Павлодара (the article): the
  citizens' gifts go to the club's needs of its housing project, worth its in-kind total;
- handovers follow need and offer in time, nearer offers first; more of the older needs are met;
- the House of NGOs (from its opening, 2019) gives consultations and trainings; from
  :data:`RURAL_TRAINING_FROM` on, its trainings go mostly to rural organisations.

Drawn from a random stream of its own (seeded from the demo's seed), after the other tables, so
those stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from graph.demo.model import TODAY, Org, Place, Row, Weighted, World, day_between, iso
from graph.demo.reference import REFERENCE
from graph.demo.territories import PLACES, akimat_code
from graph.identifiers import bin_check_digit
from graph.vocab import GiverKind, OfferCategory, ServiceKind, Skill, Urgency

__all__ = ["FIRST_YEAR", "RURAL_TRAINING_FROM", "hub_tables"]

FIRST_YEAR = 2018
MAX_OFFERS = 3000
"""About one offer per organisation, at most this many (a benchmark region stays quick to draw)."""
RURAL_TRAINING_FROM = 2022
"""From this year on, the House's trainings go four times as often to rural organisations as to
urban ones (before it, three times as often to urban ones): the growth of rural NGOs' capacity
a before/after comparison may find, planted here."""

_NAMES = REFERENCE.names
_REAL = {o.role: o for o in REFERENCE.real_organizations}
CLUB_BIN, HOUSE_BIN = _REAL["club"].bin, _REAL["house"].bin
CLUB_HOUSING_PROJECT = _REAL["club"].fixed_projects[0]
"""«Квартиры и дома для нуждающихся семей», 2018: 78.5 million tenge of citizens' gifts."""

_C = OfferCategory
_CATEGORIES = Weighted({_C.FLAT: 10, _C.HOUSE: 7, _C.GOODS: 30, _C.MONEY: 8, _C.SKILL: 12,
                        _C.VOLUNTEER_TIME: 12, _C.PREMISES: 6, _C.TRANSPORT: 9})  # fmt: skip
_URBAN_SHARE = {_C.FLAT: 0.8, _C.HOUSE: 0.25}
"""Of offers of a category, the share in a city; 0.55 for the rest."""
_QUANTITY = {
    _C.FLAT: (1, 1, "шт"), _C.HOUSE: (1, 1, "шт"), _C.GOODS: (10, 300, "шт"),
    _C.MONEY: (50_000, 2_000_000, "тг"), _C.SKILL: (5, 40, "ч"),
    _C.VOLUNTEER_TIME: (10, 120, "ч"), _C.PREMISES: (1, 12, "мес"), _C.TRANSPORT: (1, 10, "рейс"),
}  # fmt: skip
_UNIT_VALUE = {_C.FLAT: (6_000_000, 14_000_000), _C.HOUSE: (3_000_000, 9_000_000),
               _C.GOODS: (1_000, 8_000), _C.PREMISES: (60_000, 250_000)}  # fmt: skip
_OFFER_TITLES: dict[OfferCategory, tuple[str, ...]] = {
    _C.FLAT: ("1-комнатная квартира", "2-комнатная квартира", "3-комнатная квартира",
              "Екі бөлмелі пәтер"),
    _C.HOUSE: ("Жилой дом с участком", "Частный дом", "Ауылдағы тұрғын үй"),
    _C.GOODS: ("Зимняя одежда", "Продуктовые наборы", "Школьные принадлежности", "Мебель",
               "Бытовая техника", "Балаларға арналған киім", "Уголь на зиму"),
    _C.MONEY: ("Пожертвование на лечение", "Пожертвование семьям", "Қайырымдылық көмек"),
    _C.SKILL: ("Консультации специалиста", "Маман кеңесі", "Занятия с детьми"),
    _C.VOLUNTEER_TIME: ("Помощь на мероприятиях", "Помощь пожилым", "Еріктілер көмегі"),
    _C.PREMISES: ("Помещение для занятий", "Зал для мероприятий", "Кеңсе бөлмесі"),
    _C.TRANSPORT: ("Газель для перевозки вещей", "Автобус для поездки", "Жүк көлігі"),
}  # fmt: skip
_NEED_TITLES: dict[OfferCategory, tuple[str, ...]] = {
    _C.FLAT: ("Квартира для многодетной семьи", "Квартира для семьи с ребёнком с инвалидностью",
              "Көп балалы отбасына пәтер"),
    _C.HOUSE: ("Дом для семьи, потерявшей жильё", "Жас отбасына үй", "Дом для многодетной семьи"),
    _C.GOODS: ("Зимняя одежда для детей", "Продукты для малоимущих семей", "Мебель для центра",
               "Балаларға мектеп керек-жарақтары"),
    _C.MONEY: ("Сбор на реабилитацию", "Средства на проект", "Жобаға қаражат"),
    _C.SKILL: ("Консультация для организации", "Ұйымға маман көмегі", "Занятия для подростков"),
    _C.VOLUNTEER_TIME: ("Волонтёры на мероприятие", "Іс-шараға еріктілер", "Помощь в уходе"),
    _C.PREMISES: ("Помещение для кружков", "Іс-шараға зал", "Место для склада"),
    _C.TRANSPORT: ("Перевозка гуманитарной помощи", "Поездка детей на соревнования",
                   "Көмек тасымалдау"),
}  # fmt: skip
_HOUSING_FOCUS = frozenset({"housing_help", "social_support", "children_families", "disability"})
_GIVERS = {
    "housing": Weighted({GiverKind.CITIZEN: 85, GiverKind.BUSINESS: 8, GiverKind.AKIMAT: 7}),
    "other": Weighted({GiverKind.CITIZEN: 45, GiverKind.BUSINESS: 25,
                       GiverKind.ORGANIZATION: 20, GiverKind.AKIMAT: 10}),
}  # fmt: skip
_URGENCY = Weighted({Urgency.LOW: 2, Urgency.MEDIUM: 4, Urgency.HIGH: 3, Urgency.CRITICAL: 1})
_SKILLS = Weighted({s: w for s, w in zip(Skill, (5, 4, 4, 6, 3, 3, 5, 3, 4, 3, 2, 2, 3, 5, 3),
                                          strict=True)})  # fmt: skip
_BUSINESS_NAMES = ("Павлодар Строй", "Ертіс Сауда", "Север Агро", "Баянтау Тур", "Экибастуз Уголь",
                   "Иртыш Текстиль", "Нұр Құрылыс", "Степь Логистик", "Аксу Металл",
                   "Жасыл Дала", "Павлодар Фуд", "Құлагер Транс")  # fmt: skip
_SERVICES = Weighted({ServiceKind.CONSULTATION: 35, ServiceKind.TRAINING: 30,
                      ServiceKind.LEGAL: 10, ServiceKind.ACCOUNTING: 10,
                      ServiceKind.FUNDRAISING: 7, ServiceKind.PREMISES: 5,
                      ServiceKind.MEDIA: 3})  # fmt: skip
_TOPICS: dict[ServiceKind, tuple[str, ...]] = {
    ServiceKind.CONSULTATION: ("Регистрация общественного объединения", "Отчётность НКО",
                               "ҮЕҰ есептілігі", "Работа с волонтёрами"),
    ServiceKind.TRAINING: ("Как подать заявку на грант", "Проектный менеджмент",
                           "Грантқа өтінім жазу", "Социальные сети для НКО",
                           "Оценка результатов проекта"),
    ServiceKind.LEGAL: ("Устав и изменения в нём", "Трудовые договоры"),
    ServiceKind.ACCOUNTING: ("Налоговая отчётность НКО", "Бухгалтерия гранта"),
    ServiceKind.FUNDRAISING: ("Сбор средств у бизнеса", "Краудфандинг"),
    ServiceKind.PREMISES: ("Зал для собрания", "Кеңес залы"),
    ServiceKind.MEDIA: ("Пресс-релиз проекта", "Видеоролик о проекте"),
}  # fmt: skip
_HOURS = {ServiceKind.CONSULTATION: (1, 2), ServiceKind.TRAINING: (2, 8),
          ServiceKind.PREMISES: (2, 6)}  # fmt: skip


@dataclass(slots=True)
class _Item:
    """An offer or a need while handovers are drawn."""

    row: Row
    category: OfferCategory
    skill: str
    area: str
    start: dt.date
    end: dt.date | None
    left: int
    given: int = 0
    handovers: list[Row] = field(default_factory=list)


def hub_tables(
    world: World, *, seed: int, rural_training_from: int = RURAL_TRAINING_FROM
) -> dict[str, list[Row]]:
    """Rows of ``offers``, ``needs``, ``handovers``, ``volunteers`` and ``services`` for
    ``world``; the same world and seed give the same rows."""
    rng = random.Random(f"hub-{seed}")
    hub = _Hub(world, rng)
    hub.club_2018()
    size = min(len(world.orgs), MAX_OFFERS)
    hub.offers_and_needs(size, round(size * 0.9))
    hub.handovers()
    return {
        "offers": [o.row for o in hub.offers],
        "needs": [n.row for n in hub.needs],
        "handovers": [h for n in hub.needs for h in n.handovers],
        "volunteers": _volunteers(world, rng),
        "services": _services(world, rng, rural_training_from),
    }


class _Hub:
    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.offers: list[_Item] = []
        self.needs: list[_Item] = []
        self.by_bin = {o.bin: o for o in world.orgs}
        self.housing_orgs = [o for o in world.orgs if _HOUSING_FOCUS & set(o.focus)] or world.orgs
        self.strong = [o for o in world.orgs if o.strong] or world.orgs
        self.urban = [p for p in PLACES if p.settlement == "urban" and p.area is not None]
        self.rural = [p for p in PLACES if p.settlement == "rural" and p.area is not None]
        self.rural_by_area: dict[str, list[Place]] = defaultdict(list)
        for place in self.rural:
            self.rural_by_area[place.area.kato].append(place)  # type: ignore[union-attr]
        self.businesses = _businesses(rng, set(self.by_bin))
        self.projects = _led_projects(world)

    def _code(self, prefix: str, year: int, items: list[_Item]) -> str:
        return f"{prefix}-{year}-{len(items) + 1:04d}"

    def club_2018(self) -> None:
        """The article's year: citizens' flats and houses through the club's housing project,
        worth what the club reported as in-kind gifts."""
        rng = self.rng
        project = next(
            p["code"]
            for p in self.world.projects
            if p["title"] == CLUB_HOUSING_PROJECT.title and p["start_date"].startswith("2018")
        )
        gifts = [_C.FLAT] * 6 + [_C.HOUSE] * 4
        total = sum(s.amount for s in CLUB_HOUSING_PROJECT.sources)
        weights = [rng.uniform(*_UNIT_VALUE[c]) for c in gifts]
        values = [round(total * w / sum(weights), -4) for w in weights]
        values[-1] = total - sum(values[:-1])
        club = self.by_bin[CLUB_BIN]
        for category, value in zip(gifts, values, strict=True):
            opened = day_between(rng, dt.date(2018, 1, 15), dt.date(2018, 9, 30))
            place = self._place(category)
            need = self._need(club, category, opened, place.kato, quantity=1, project=project)
            offer = self._offer(category, opened + dt.timedelta(days=rng.randint(5, 40)),
                                giver=GiverKind.CITIZEN, place=place, quantity=1,
                                value=int(value))  # fmt: skip
            self._give(offer, need, offer.start + dt.timedelta(days=rng.randint(7, 60)), 1)

    def offers_and_needs(self, offers: int, needs: int) -> None:
        rng = self.rng
        for _ in range(offers):
            category = _CATEGORIES.pick(rng)
            year = rng.randint(FIRST_YEAR + (category in (_C.FLAT, _C.HOUSE)), TODAY.year)
            start = day_between(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), TODAY))
            self._offer(category, start)
        for _ in range(needs):
            category = _CATEGORIES.pick(rng)
            housing = category in (_C.FLAT, _C.HOUSE)
            org = rng.choice(self.housing_orgs if housing else self.world.orgs)
            year = rng.randint(max(FIRST_YEAR + housing, org.founded), TODAY.year)
            opened = day_between(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), TODAY))
            low, high, _ = _QUANTITY[category]
            quantity = rng.randint(low, high) if high > 1 else 1
            project = self._project_of(org, opened) if rng.random() < 0.3 else ""
            kato = org.place.kato
            villages = self.rural_by_area.get(org.area.kato, [])
            if housing and villages and rng.random() < 0.4:  # for a family in a village
                kato = rng.choice(villages).kato
            self._need(org, category, opened, kato, quantity=quantity, project=project)

    def _place(self, category: OfferCategory) -> Place:
        share = _URBAN_SHARE.get(category, 0.55)
        return self.rng.choice(self.urban if self.rng.random() < share else self.rural)

    def _offer(
        self,
        category: OfferCategory,
        start: dt.date,
        *,
        giver: GiverKind | None = None,
        place: Place | None = None,
        quantity: int | None = None,
        value: int | None = None,
    ) -> _Item:
        rng = self.rng
        housing = category in (_C.FLAT, _C.HOUSE)
        kind = giver or _GIVERS["housing" if housing else "other"].pick(rng)
        spot = place or self._place(category)
        low, high, unit = _QUANTITY[category]
        count = quantity or (rng.randint(low, high) if high > 1 else 1)
        if value is None and category in _UNIT_VALUE:
            value = int(round(count * rng.uniform(*_UNIT_VALUE[category]), -4))
        elif value is None and category is _C.MONEY:
            value = count
        skill = _SKILLS.pick(rng).value if category is _C.SKILL else ""
        row: Row = {
            "code": self._code("OF", start.year, self.offers),
            "category": category.value,
            "skill": skill,
            "title": rng.choice(_OFFER_TITLES[category]),
            "quantity": str(count),
            "unit": unit,
            "value_kzt": "" if value is None else str(int(value)),
            "kato": spot.kato,
            "giver_kind": kind.value,
            "available_from": iso(start),
            "available_until": "",
            "status": "",
        } | self._giver(kind, spot)
        end = None
        if not housing and rng.random() < 0.5:
            end = start + dt.timedelta(days=rng.randint(60, 365))
            row["available_until"] = iso(end)
        area = spot.area.kato if spot.area else spot.kato
        item = _Item(row, category, skill, area, start, end, count)
        self.offers.append(item)
        return item

    def _giver(self, kind: GiverKind, place: Place) -> Row:
        rng = self.rng
        columns = ("giver_bin", "giver_code", "giver_name", "giver_contact", "consent")
        row: Row = dict.fromkeys(columns, "")
        if kind is GiverKind.CITIZEN and rng.random() < 0.3:  # most givers stay unknown by face
            name = f"{rng.choice(_NAMES.first_names)} {rng.choice(_NAMES.initials)}."
            contact = f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(10, 99)}"
            row |= {"giver_name": name, "giver_contact": f"{contact} {rng.randint(10, 99)}",
                    "consent": "true"}  # fmt: skip
        elif kind is GiverKind.BUSINESS:
            bin_, name = rng.choice(self.businesses)
            row |= {"giver_bin": bin_, "giver_name": name}
        elif kind is GiverKind.ORGANIZATION:
            row["giver_bin"] = rng.choice(self.strong).bin
        elif kind is GiverKind.AKIMAT:
            row["giver_code"] = akimat_code(place.area.kato if place.area else place.kato)
        return row

    def _need(
        self,
        org: Org,
        category: OfferCategory,
        opened: dt.date,
        kato: str,
        *,
        quantity: int,
        project: str,
    ) -> _Item:
        rng = self.rng
        skill = _SKILLS.pick(rng).value if category is _C.SKILL else ""
        by = opened + dt.timedelta(days=rng.randint(30, 240)) if rng.random() < 0.6 else None
        row: Row = {
            "code": self._code("ND", opened.year, self.needs),
            "org_bin": org.bin,
            "project_code": project,
            "category": category.value,
            "skill": skill,
            "title": rng.choice(_NEED_TITLES[category]),
            "quantity": str(quantity),
            "unit": _QUANTITY[category][2],
            "kato": kato,
            "urgency": _URGENCY.pick(rng).value,
            "opened_on": iso(opened),
            "needed_by": iso(by) if by else "",
            "status": "",
        }
        item = _Item(row, category, skill, org.area.kato, opened, by, quantity)
        self.needs.append(item)
        return item

    def _project_of(self, org: Org, day: dt.date) -> str:
        running = [c for c, start, end in self.projects.get(org.bin, ()) if start <= day <= end]
        return running[0] if running else ""

    def _give(self, offer: _Item, need: _Item, day: dt.date, quantity: int) -> None:
        offer.left -= quantity
        offer.given += quantity
        need.left -= quantity
        need.given += quantity
        need.handovers.append({"offer_code": offer.row["code"], "need_code": need.row["code"],
                               "date": iso(day), "quantity": str(quantity),
                               "value_kzt": ""})  # fmt: skip

    def handovers(self) -> None:
        """Needs in the order they were opened take what suitable offers have left, nearer
        first; a need of an earlier year is likelier to be met."""
        rng = self.rng
        pool: dict[tuple[OfferCategory, str], list[_Item]] = defaultdict(list)
        for offer in self.offers:
            pool[offer.category, offer.skill].append(offer)
        for need in sorted(self.needs, key=lambda n: (n.start, n.row["code"])):
            if need.left <= 0 or rng.random() > 0.35 + 0.06 * (TODAY.year - need.start.year):
                continue
            candidates = [
                o for o in pool[need.category, need.skill]
                if o.left > 0 and (o.end is None or o.end >= need.start)
            ]  # fmt: skip
            candidates.sort(key=lambda o: (o.area != need.area, abs((o.start - need.start).days)))
            for offer in candidates[:3]:
                day = max(offer.start, need.start) + dt.timedelta(days=rng.randint(3, 45))
                if day > TODAY or (offer.end is not None and day > offer.end):
                    continue
                self._give(offer, need, day, min(offer.left, need.left))
                if need.left <= 0:
                    break
        for offer in self.offers:
            if offer.left > 0 and rng.random() < 0.06:
                offer.row["status"] = "withdrawn"
            elif offer.left > 0 and rng.random() < 0.05:
                offer.row["status"] = "reserved"
        for need in self.needs:
            if need.left > 0 and need.start.year < TODAY.year - 2 and rng.random() < 0.3:
                need.row["status"] = "closed"


def _businesses(rng: random.Random, taken: set[str]) -> list[tuple[str, str]]:
    """A dozen local businesses with valid BINs no organisation has."""
    found: list[tuple[str, str]] = []
    for name in _BUSINESS_NAMES:
        while True:
            stem = f"{rng.randint(0, 25):02d}{rng.randint(1, 12):02d}4{rng.randint(0, 999999):06d}"
            check = bin_check_digit(stem)
            if check is not None and f"{stem}{check}" not in taken:
                break
        bin_ = f"{stem}{check}"
        taken.add(bin_)
        found.append((bin_, f"ТОО «{name}»"))
    return found


def _led_projects(world: World) -> dict[str, list[tuple[str, dt.date, dt.date]]]:
    dates = {
        p["code"]: (dt.date.fromisoformat(p["start_date"]), dt.date.fromisoformat(p["end_date"]))
        for p in world.projects
    }
    led: dict[str, list[tuple[str, dt.date, dt.date]]] = defaultdict(list)
    for p in world.participations:
        if p["role"] == "accountable":
            led[p["org_bin"]].append((p["project_code"], *dates[p["project_code"]]))
    return led


def _volunteers(world: World, rng: random.Random) -> list[Row]:
    """About 0.4 per organisation, each with a skill or three, for one or two nearby ones."""
    rows: list[Row] = []
    for number in range(1, round(len(world.orgs) * 0.4) + 1):
        home = rng.choice(world.orgs)
        orgs = {home.bin}
        if rng.random() < 0.25:
            orgs.add(rng.choice(world.by_area[home.area.kato]).bin)
        skills = sorted({_SKILLS.pick(rng).value for _ in range(rng.randint(1, 3))})
        rows.append({
            "id": f"hv-{number:05d}",
            "display_name": f"{rng.choice(_NAMES.first_names)} {rng.choice(_NAMES.initials)}.",
            "kato": home.place.kato,
            "skills": ";".join(skills),
            "hours_per_month": str(rng.choice((4, 8, 10, 12, 16, 20, 30, 40))),
            "consent": "true",
            "org_bins": ";".join(sorted(orgs)),
            "erased_at": "",
        })  # fmt: skip
    return rows


def _services(world: World, rng: random.Random, rural_training_from: int) -> list[Row]:
    """The House's services from its opening: about 1.5 per organisation over the years."""
    others = [o for o in world.orgs if o.bin != HOUSE_BIN]
    weight = {
        False: Weighted({o: 3.0 if o.urban else 1.0 for o in others}),
        True: Weighted({o: 1.0 if o.urban else 4.0 for o in others}),
    }
    anyone = Weighted({o: 1.0 for o in others})
    rows: list[Row] = []
    for number in range(1, round(len(world.orgs) * 1.5) + 1):
        kind = _SERVICES.pick(rng)
        day = day_between(rng, dt.date(FIRST_YEAR + 1, 1, 15), TODAY)
        if kind is ServiceKind.TRAINING:
            recipient = weight[day.year >= rural_training_from].pick(rng)
        else:
            recipient = anyone.pick(rng)
        low, high = _HOURS.get(kind, (1, 4))
        rows.append({
            "code": f"SV-{day.year}-{number:05d}",
            "provider_bin": HOUSE_BIN,
            "recipient_bin": recipient.bin,
            "kind": kind.value,
            "topic": rng.choice(_TOPICS[kind]),
            "date": iso(day),
            "hours": str(rng.randint(low, high)),
            "participants": str(rng.randint(1, 6)) if kind is ServiceKind.TRAINING else "",
        })  # fmt: skip
    return rows
