"""A deterministic demo region: every import table as a coordinator's CSV would hold it.

The territories and akimats are the real Pavlodar region (approximate populations) and three
organisations come from the source article (Клуб добряков Павлодара, the Afghan-war veterans'
union, the House of NGOs); every other organisation, project, partnership and person is invented
and marked ``synthetic=true``. Hidden per-organisation traits drive the numbers so that the
article's questions have answers in the data:

* *capacity* (strong or weak): most urban organisations are strong and most rural ones weak, but
  not all, so the urban/rural gap is real without being absolute;
* *profile*: ``budget`` (almost only state money, many projects, weak results), ``self``
  (own income, donations and in-kind gifts only, good results), ``mixed`` and ``dormant``.

Partnerships come from a believable process with noise (co-participation, veterans mentoring
youth groups, the House of NGOs, urban–rural ties, random ties), never from a score, so hiding
edges is a fair test of a partner-suggestion algorithm.

Territory conventions: the region's ``settlement`` is empty (mixed); districts and everything
under them are ``rural``; the three cities are ``urban`` and a city's ``population`` includes the
rural okrugs under it (Ekibastuz, Aksu), so its urban population is its own minus its children's.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, combinations
from typing import Generic, NamedTuple, TypeVar

from graph.focus_areas import FOCUS_AREAS
from graph.identifiers import bin_check_digit
from graph.importer.tables import CITIZENS, TABLES, Table
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

__all__ = ["demo_tables"]

Row = dict[str, str]
T = TypeVar("T")


class _Weighted(Generic[T]):
    """A fixed weighted choice: one ``random()`` per pick, which matters at 100,000 orgs."""

    __slots__ = ("_cumulative", "_items")

    def __init__(self, weights: dict[T, float]) -> None:
        self._items = tuple(weights)
        self._cumulative = tuple(accumulate(weights.values()))

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect(self._cumulative, rng.random() * self._cumulative[-1])]


# -- time ----------------------------------------------------------------------------------------

TODAY = dt.date(2025, 11, 1)
"""The demo's "now": project status and partnership dates are relative to it."""
FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR = 2016, 2025
LAST_DAY = dt.date(LAST_PROJECT_YEAR, 12, 31)
FIRST_PARTNERSHIP = dt.date(2012, 1, 1)

# -- territories ---------------------------------------------------------------------------------

REGION_KATO = "550000000"
PAVLODAR_KATO = "551010000"


@dataclass(frozen=True, slots=True)
class _Area:
    """A first-level unit: a city of regional significance or a district."""

    kato: str
    name: str
    name_kk: str
    of_ru: str
    """Genitive, for «Акимат города Павлодара» and «Совет ветеранов Баянаульского района»."""
    population: int
    children: tuple[tuple[str, str, TerritoryType, int], ...]
    """(name, name_kk, type, population) of the rural okrugs and villages under it."""
    aliases: tuple[str, ...] = ()

    @property
    def is_city(self) -> bool:
        return self.name.startswith("г. ")


_RO, _VIL = TerritoryType.RURAL_OKRUG, TerritoryType.SETTLEMENT

# fmt: off
_AREAS: tuple[_Area, ...] = (
    _Area("551010000", "г. Павлодар", "Павлодар қаласы", "города Павлодара", 360_000, ()),
    _Area(
        "551610000", "г. Экибастуз", "Екібастұз қаласы", "города Экибастуза", 150_000,
        (
            ("поселок Шидерты", "Шідерті кенті", _VIL, 6_500),
            ("Байетский сельский округ", "Бәйет ауылдық округі", _RO, 7_500),
        ),
    ),
    _Area(
        "551810000", "г. Аксу", "Ақсу қаласы", "города Аксу", 70_000,
        (
            ("Калкаманский сельский округ", "Қалқаман ауылдық округі", _RO, 9_500),
            ("Евгеньевский сельский округ", "Евгеньевка ауылдық округі", _RO, 9_000),
            ("Достыкский сельский округ", "Достық ауылдық округі", _RO, 8_500),
        ),
    ),
    _Area(
        "552210000", "Аккулинский район", "Аққулы ауданы", "Аккулинского района", 11_000,
        (
            ("село Аккулы", "Аққулы ауылы", _VIL, 4_500),
            ("Майкарагайский сельский округ", "Майқарағай ауылдық округі", _RO, 2_400),
            ("Баймолдинский сельский округ", "Баймолда ауылдық округі", _RO, 2_100),
            ("Жамбылский сельский округ", "Жамбыл ауылдық округі", _RO, 2_000),
        ),
        ("Лебяжинский район", "Лебяжье"),
    ),
    _Area(
        "552410000", "Актогайский район", "Ақтоғай ауданы", "Актогайского района", 13_500,
        (
            ("село Актогай", "Ақтоғай ауылы", _VIL, 5_500),
            ("Харьковский сельский округ", "Харьков ауылдық округі", _RO, 2_800),
            ("Караобинский сельский округ", "Қараоба ауылдық округі", _RO, 2_600),
            ("Жолболдинский сельский округ", "Жолболды ауылдық округі", _RO, 2_600),
        ),
    ),
    _Area(
        "552610000", "Баянаульский район", "Баянауыл ауданы", "Баянаульского района", 23_000,
        (
            ("село Баянаул", "Баянауыл ауылы", _VIL, 7_000),
            ("поселок Майкаин", "Майқайың кенті", _VIL, 8_500),
            ("Торайгырский сельский округ", "Торайғыр ауылдық округі", _RO, 4_000),
            ("Кызылтауский сельский округ", "Қызылтау ауылдық округі", _RO, 3_500),
        ),
    ),
    _Area(
        "552810000", "Железинский район", "Железин ауданы", "Железинского района", 15_000,
        (
            ("село Железинка", "Железин ауылы", _VIL, 7_500),
            ("Озёрновский сельский округ", "Озёрное ауылдық округі", _RO, 3_800),
            ("Михайловский сельский округ", "Михайловка ауылдық округі", _RO, 3_700),
        ),
    ),
    _Area(
        "553010000", "Иртышский район", "Ертіс ауданы", "Иртышского района", 19_000,
        (
            ("село Иртышск", "Ертіс ауылы", _VIL, 7_000),
            ("Голубовский сельский округ", "Голубовка ауылдық округі", _RO, 4_200),
            ("Кызылжарский сельский округ", "Қызылжар ауылдық округі", _RO, 4_000),
            ("Амангельдинский сельский округ", "Амангелді ауылдық округі", _RO, 3_800),
        ),
    ),
    _Area(
        "553210000", "Майский район", "Май ауданы", "Майского района", 9_000,
        (
            ("село Коктобе", "Көктөбе ауылы", _VIL, 4_200),
            ("Каратерекский сельский округ", "Қаратерек ауылдық округі", _RO, 2_500),
            ("Сатинский сельский округ", "Саты ауылдық округі", _RO, 2_300),
        ),
    ),
    _Area(
        "553410000", "Павлодарский район", "Павлодар ауданы", "Павлодарского района", 29_000,
        (
            ("Мичуринский сельский округ", "Мичурин ауылдық округі", _RO, 8_000),
            ("Набережный сельский округ", "Набережный ауылдық округі", _RO, 6_500),
            ("Красноармейский сельский округ", "Красноармейка ауылдық округі", _RO, 7_000),
            ("Чернорецкий сельский округ", "Черноречье ауылдық округі", _RO, 7_500),
        ),
    ),
    _Area(
        "553610000", "Теренкольский район", "Теренкөл ауданы", "Теренкольского района", 21_000,
        (
            ("село Теренколь", "Теренкөл ауылы", _VIL, 9_000),
            ("Байконысский сельский округ", "Байқоныс ауылдық округі", _RO, 4_200),
            ("Березовский сельский округ", "Березовка ауылдық округі", _RO, 4_000),
            ("Песчанский сельский округ", "Песчанка ауылдық округі", _RO, 3_800),
        ),
        ("Качирский район", "Качиры"),
    ),
    _Area(
        "553810000", "Успенский район", "Успен ауданы", "Успенского района", 12_000,
        (
            ("село Успенка", "Успенка ауылы", _VIL, 5_000),
            ("Ковалёвский сельский округ", "Ковалёвка ауылдық округі", _RO, 3_600),
            ("Лозовский сельский округ", "Лозовое ауылдық округі", _RO, 3_400),
        ),
    ),
    _Area(
        "554010000", "Щербактинский район", "Шарбақты ауданы", "Щербактинского района", 19_000,
        (
            ("село Шарбакты", "Шарбақты ауылы", _VIL, 8_000),
            ("Галкинский сельский округ", "Галкино ауылдық округі", _RO, 3_800),
            ("Алексеевский сельский округ", "Алексеевка ауылдық округі", _RO, 3_600),
            ("Жылыбулакский сельский округ", "Жылыбұлақ ауылдық округі", _RO, 3_600),
        ),
    ),
)
# fmt: on

# Organisations per capita relative to the rural okrugs (1.0); Pavlodar is the regional centre.
_URBAN_DENSITY = {PAVLODAR_KATO: 2.6, "551610000": 2.0, "551810000": 1.8}
_DISTRICT_CENTRE_SHARE = 0.35
"""Share of a district's organisations registered at the district itself rather than a village."""

# -- organisations -------------------------------------------------------------------------------

_KINDS = _Weighted(
    {
        OrgKind.NGO: 51.5,
        OrgKind.VOLUNTEER_CLUB: 20,
        OrgKind.YOUTH_GROUP: 15,
        OrgKind.VETERANS_UNION: 8,
        OrgKind.FOUNDATION: 4,
        OrgKind.RESOURCE_CENTER: 1.5,
    }
)
_LEGAL_FORMS: dict[OrgKind, _Weighted[LegalForm]] = {
    OrgKind.NGO: _Weighted(
        {
            LegalForm.PUBLIC_ASSOCIATION: 75,
            LegalForm.PRIVATE_INSTITUTION: 12,
            LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 6,
            LegalForm.NON_PROFIT_JSC: 4,
            LegalForm.FOUNDATION: 3,
        }
    ),
    OrgKind.VOLUNTEER_CLUB: _Weighted(
        {LegalForm.PUBLIC_ASSOCIATION: 85, LegalForm.PRIVATE_INSTITUTION: 15}
    ),
    OrgKind.YOUTH_GROUP: _Weighted(
        {LegalForm.PUBLIC_ASSOCIATION: 90, LegalForm.PRIVATE_INSTITUTION: 10}
    ),
    OrgKind.VETERANS_UNION: _Weighted(
        {LegalForm.PUBLIC_ASSOCIATION: 90, LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 10}
    ),
    OrgKind.FOUNDATION: _Weighted({LegalForm.FOUNDATION: 90, LegalForm.NON_PROFIT_JSC: 10}),
    OrgKind.RESOURCE_CENTER: _Weighted(
        {
            LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 40,
            LegalForm.PRIVATE_INSTITUTION: 30,
            LegalForm.PUBLIC_ASSOCIATION: 30,
        }
    ),
}
_LEGAL_PREFIX: dict[LegalForm, tuple[str, str]] = {
    LegalForm.PUBLIC_ASSOCIATION: ("ОО", "ҚБ"),
    LegalForm.PRIVATE_INSTITUTION: ("ЧУ", "ЖМ"),
    LegalForm.FOUNDATION: ("ОФ", "ҚҚ"),
    LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: ("ОЮЛ", "ЗТБ"),
    LegalForm.NON_PROFIT_JSC: ("НАО", "КЕАҚ"),
}
_PROFILES: dict[tuple[bool, bool], _Weighted[str]] = {
    # (urban, strong): budget-dependent, self-funded, mixed, dormant
    (True, True): _Weighted({"budget": 22, "self": 25, "mixed": 45, "dormant": 8}),
    (True, False): _Weighted({"budget": 35, "self": 10, "mixed": 25, "dormant": 30}),
    (False, True): _Weighted({"budget": 30, "self": 15, "mixed": 45, "dormant": 10}),
    (False, False): _Weighted({"budget": 45, "self": 5, "mixed": 20, "dormant": 30}),
}

# Focus areas: (always, pick 1–2 of) per kind; NGOs pick 1–3 of all.
_ALL_FOCUS = tuple(f.code for f in FOCUS_AREAS)
_KIND_FOCUS: dict[OrgKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    OrgKind.YOUTH_GROUP: (
        ("youth",),
        ("volunteering", "sport", "patriotic_education", "civic_engagement", "ecology", "culture"),
    ),
    OrgKind.VETERANS_UNION: (("veterans", "patriotic_education"), ("elderly", "social_support")),
    OrgKind.FOUNDATION: (
        (),
        ("social_support", "children_families", "health", "housing_help", "education"),
    ),
    OrgKind.RESOURCE_CENTER: (("ngo_capacity",), ("civic_engagement", "volunteering", "legal_aid")),
    OrgKind.VOLUNTEER_CLUB: (
        ("volunteering",),
        ("social_support", "ecology", "children_families", "elderly", "housing_help", "health"),
    ),
}

# Name cores (Russian, Kazakh): {w} a brand word, {of} the area in the genitive, {kk} in Kazakh.
_NGO_NAMES: dict[str, tuple[str, str]] = {
    "social_support": ("Центр социальной поддержки {w}", "{w} әлеуметтік қолдау орталығы"),
    "housing_help": ("Общество помощи бездомным {w}", "{w} баспанасыздарға көмек қоғамы"),
    "children_families": (
        "Ассоциация многодетных семей {of}",
        "{kk} көпбалалы отбасылар қауымдастығы",
    ),
    "disability": ("Общество инвалидов {of}", "{kk} мүгедектер қоғамы"),
    "elderly": ("Клуб пожилых людей {w}", "{w} қарттар клубы"),
    "youth": ("Молодёжный центр {w}", "{w} жастар орталығы"),
    "patriotic_education": ("Военно-патриотический клуб {w}", "{w} әскери-патриоттық клубы"),
    "veterans": ("Общество ветеранов труда {of}", "{kk} еңбек ардагерлері қоғамы"),
    "health": ("Общество здоровья {w}", "{w} денсаулық қоғамы"),
    "education": ("Образовательный центр {w}", "{w} білім беру орталығы"),
    "ecology": ("Экологический клуб {w}", "{w} экологиялық клубы"),
    "culture": ("Этнокультурное объединение {w}", "{w} этномәдени бірлестігі"),
    "sport": ("Спортивный клуб {w}", "{w} спорт клубы"),
    "volunteering": ("Центр добровольчества {w}", "{w} еріктілер орталығы"),
    "civic_engagement": ("Гражданская инициатива {w}", "{w} азаматтық бастамасы"),
    "legal_aid": ("Центр правовой помощи {w}", "{w} құқықтық көмек орталығы"),
    "rural_development": ("Ассоциация развития села {w}", "{w} ауылды дамыту қауымдастығы"),
    "ngo_capacity": ("Школа НПО {w}", "{w} ҮЕҰ мектебі"),
}
_KIND_NAMES: dict[OrgKind, tuple[tuple[str, str], ...]] = {
    OrgKind.YOUTH_GROUP: (
        ("Молодёжное движение {w}", "{w} жастар қозғалысы"),
        ("Студенческое объединение {w}", "{w} студенттер бірлестігі"),
        ("Молодёжный клуб {w} {of}", "{kk} {w} жастар клубы"),
    ),
    OrgKind.VETERANS_UNION: (
        ("Совет ветеранов {of}", "{kk} ардагерлер кеңесі"),
        ("Союз ветеранов Афганистана {of}", "{kk} Ауған соғысы ардагерлерінің одағы"),
        ("Ассоциация ветеранов-пограничников {of}", "{kk} шекарашы ардагерлер қауымдастығы"),
        ("Союз ветеранов локальных войн {w}", "{w} жергілікті соғыстар ардагерлерінің одағы"),
    ),
    OrgKind.FOUNDATION: (
        ("Благотворительный фонд {w}", "{w} қайырымдылық қоры"),
        ("Фонд развития {of}", "{kk} даму қоры"),
    ),
    OrgKind.RESOURCE_CENTER: (
        ("Ресурсный центр НПО {of}", "{kk} ҮЕҰ ресурстық орталығы"),
        ("Центр поддержки гражданских инициатив {w}", "{w} азаматтық бастамаларды қолдау орталығы"),
    ),
    OrgKind.VOLUNTEER_CLUB: (
        ("Волонтёрский клуб {w}", "{w} еріктілер клубы"),
        ("Добровольческое движение {w}", "{w} ерікті қозғалысы"),
    ),
}
# fmt: off
_BRANDS = (
    "Шапағат", "Мейірім", "Милосердие", "Надежда", "Үміт", "Сенім", "Достық", "Ертіс",
    "Жастар Ертіс", "Баянтау", "Жарқын болашақ", "Свет", "Радуга", "Кемпірқосақ", "Ақ ниет",
    "Бірлік", "Асыл", "Жұлдыз", "Доброе сердце", "Рука помощи", "Тёплый дом", "Ана үйі",
    "Қамқор", "Ардақ", "Жігер", "Серпін", "Әулет", "Нұр", "Алтын ұя", "Берекет", "Шаңырақ",
    "Тұлпар", "Парасат", "Өркен", "Вектор", "Импульс", "Содружество", "Открытое сердце",
    "Прииртышье", "Жас Қыран",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class _RealOrg:
    """An organisation named in the article; all are in Pavlodar and strong."""

    bin: str
    name: str
    name_kk: str
    aliases: tuple[str, ...]
    kind: OrgKind
    legal_form: LegalForm
    founded: int
    focus: tuple[str, ...]
    staff: int
    volunteers: int
    profile: str
    projects: int
    first_project_year: int


_CLUB = _RealOrg(
    bin="160540012311",
    name="Клуб добряков Павлодара",
    name_kk="Павлодардың мейірімділер клубы",
    aliases=("Клуб добряков",),
    kind=OrgKind.VOLUNTEER_CLUB,
    legal_form=LegalForm.PUBLIC_ASSOCIATION,
    founded=2016,
    focus=("children_families", "health", "housing_help", "social_support", "volunteering"),
    staff=6,
    volunteers=450,
    profile="self",
    projects=0,  # written out in _club_projects
    first_project_year=2016,
)
_VETERANS = _RealOrg(
    bin="920340008106",
    name="Павлодарский областной союз ветеранов Афганистана и локальных войн",
    name_kk="Ауғанстан және жергілікті соғыстар ардагерлерінің Павлодар облыстық одағы",
    aliases=("Союз ветеранов Афганистана", "Боевое братство"),
    kind=OrgKind.VETERANS_UNION,
    legal_form=LegalForm.PUBLIC_ASSOCIATION,
    founded=1992,
    focus=("patriotic_education", "veterans", "youth"),
    staff=4,
    volunteers=120,
    profile="mixed",
    projects=8,
    first_project_year=FIRST_PROJECT_YEAR,
)
_HOUSE = _RealOrg(
    bin="181140002007",
    name="Дом НПО Павлодарской области",
    name_kk="Павлодар облысының ҮЕҰ үйі",
    aliases=("Дом НПО",),
    kind=OrgKind.RESOURCE_CENTER,
    legal_form=LegalForm.PRIVATE_INSTITUTION,
    founded=2018,
    focus=("civic_engagement", "ngo_capacity", "volunteering"),
    staff=8,
    volunteers=30,
    profile="budget",
    projects=7,
    first_project_year=2019,  # it opened at the end of 2018
)
_REAL_ORGS = (_CLUB, _VETERANS, _HOUSE)


class _Gift(NamedTuple):
    """One source of a fixed project; ``funder`` None is the organisation itself."""

    funder: str | None
    mechanism: Mechanism
    amount: int


class _FixedProject(NamedTuple):
    title: str
    focus: str
    start: dt.date
    end: dt.date
    target: int
    reached: int
    sources: tuple[_Gift, ...]


_CLUB_2018 = (
    _FixedProject(
        "Квартиры и дома для нуждающихся семей",
        "housing_help",
        dt.date(2018, 1, 15),
        dt.date(2018, 12, 20),
        60,
        58,
        (_Gift(CITIZENS, Mechanism.IN_KIND, 78_500_000),),
    ),
    _FixedProject(
        "Адресная помощь многодетным и малоимущим семьям",
        "children_families;social_support",
        dt.date(2018, 1, 10),
        dt.date(2018, 12, 28),
        1_200,
        1_260,
        (
            _Gift(CITIZENS, Mechanism.PRIVATE_DONATION, 31_000_000),
            _Gift(None, Mechanism.OWN_INCOME, 4_500_000),
        ),
    ),
    _FixedProject(
        "Лечение и реабилитация детей",
        "health",
        dt.date(2018, 2, 1),
        dt.date(2018, 12, 15),
        85,
        85,
        (_Gift(CITIZENS, Mechanism.PRIVATE_DONATION, 21_000_000),),
    ),
    _FixedProject(
        "Тёплая зима: дрова, уголь и одежда",
        "social_support",
        dt.date(2018, 10, 1),
        dt.date(2018, 12, 31),
        900,
        930,
        (
            _Gift(CITIZENS, Mechanism.IN_KIND, 6_000_000),
            _Gift(None, Mechanism.OWN_INCOME, 2_000_000),
        ),
    ),
)
"""The club's 2018 from the article: 143 million tenge of help, none of it from the state."""

# -- projects ------------------------------------------------------------------------------------

_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "social_support": (
        ("Адресная помощь малоимущим семьям", "Аз қамтылған отбасыларға атаулы көмек"),
        ("Продуктовый банк", "Азық-түлік банкі"),
        ("Социальная столовая", "Әлеуметтік асхана"),
    ),
    "housing_help": (
        (
            "Тёплый дом: ремонт жилья одиноких пожилых",
            "Жылы үй: жалғызбасты қарттардың үйін жөндеу",
        ),
        ("Кризисный центр временного проживания", "Уақытша тұру дағдарыс орталығы"),
        ("Жильё для многодетных семей", "Көпбалалы отбасыларға баспана"),
    ),
    "children_families": (
        ("Школа осознанного родительства", "Саналы ата-ана мектебі"),
        ("Семейный клуб выходного дня", "Демалыс күнгі отбасылық клуб"),
        ("Наставники для выпускников детских домов", "Балалар үйі түлектеріне тәлімгерлер"),
    ),
    "disability": (
        ("Инклюзивная мастерская", "Инклюзивті шеберхана"),
        ("Доступная среда", "Кедергісіз орта"),
        ("Реабилитация детей с ДЦП", "БЦСА бар балаларды оңалту"),
    ),
    "elderly": (
        ("Активное долголетие", "Белсенді ұзақ өмір"),
        ("Университет третьего возраста", "Үшінші жас университеті"),
        ("Помощь одиноким пенсионерам на дому", "Жалғызбасты зейнеткерлерге үйде көмек"),
    ),
    "youth": (
        ("Школа молодёжного лидерства", "Жастар көшбасшылығы мектебі"),
        ("Молодёжный форум", "Жастар форумы"),
        ("Профориентация сельской молодёжи", "Ауыл жастарын кәсіптік бағдарлау"),
    ),
    "patriotic_education": (
        ("Наследники Победы", "Жеңіс мұрагерлері"),
        ("Военно-патриотические сборы Жас Сарбаз", "Жас Сарбаз әскери-патриоттық жиыны"),
        ("Уроки мужества в школах", "Мектептердегі ерлік сабақтары"),
        ("Вахта памяти", "Естелік вахтасы"),
    ),
    "veterans": (
        ("Забота о ветеранах", "Ардагерлерге қамқорлық"),
        ("Реабилитация ветеранов локальных войн", "Жергілікті соғыс ардагерлерін оңалту"),
        ("Летопись ветеранов", "Ардагерлер шежіресі"),
    ),
    "health": (
        ("Здоровье без границ", "Шекарасыз денсаулық"),
        ("Профилактика диабета", "Қант диабетінің алдын алу"),
        ("Школа донора", "Донор мектебі"),
    ),
    "education": (
        ("Бесплатные курсы для безработных", "Жұмыссыздарға тегін курстар"),
        ("Цифровая грамотность", "Цифрлық сауаттылық"),
        ("Сельская библиотека", "Ауыл кітапханасы"),
    ),
    "ecology": (
        ("Чистый Иртыш", "Таза Ертіс"),
        ("Зелёный город: посадка деревьев", "Жасыл қала: ағаш отырғызу"),
        ("Раздельный сбор отходов", "Қалдықтарды бөлек жинау"),
    ),
    "culture": (
        ("Курсы казахского языка", "Қазақ тілі курстары"),
        ("Фестиваль народов Прииртышья", "Ертіс өңірі халықтарының фестивалі"),
        ("Музей под открытым небом", "Ашық аспан астындағы мұражай"),
    ),
    "sport": (
        ("Спорт для всех", "Барлығына арналған спорт"),
        ("Дворовый футбол", "Аула футболы"),
        ("Турнир по тогызкумалак", "Тоғызқұмалақ турнирі"),
    ),
    "volunteering": (
        ("Школа волонтёров", "Еріктілер мектебі"),
        ("Добрые дела каждый день", "Күн сайын игі істер"),
        ("Волонтёры серебряного возраста", "Күміс жастағы еріктілер"),
    ),
    "civic_engagement": (
        ("Школа активного гражданина", "Белсенді азамат мектебі"),
        ("Общественный мониторинг благоустройства", "Абаттандыруды қоғамдық мониторингтеу"),
        ("Диалоговая площадка с акиматом", "Әкімдікпен диалог алаңы"),
    ),
    "legal_aid": (
        ("Бесплатная юридическая консультация", "Тегін заң кеңесі"),
        ("Правовой ликбез для сельчан", "Ауыл тұрғындарына құқықтық сауат"),
        ("Защита прав потребителей", "Тұтынушылар құқығын қорғау"),
    ),
    "rural_development": (
        ("Сельский предприниматель", "Ауыл кәсіпкері"),
        ("Благоустройство села", "Ауылды абаттандыру"),
        ("Агрошкола для фермеров", "Фермерлерге арналған агромектеп"),
    ),
    "ngo_capacity": (
        ("Школа НПО: управление проектами", "ҮЕҰ мектебі: жобаларды басқару"),
        ("Грантовый консалтинг для сельских НПО", "Ауылдық ҮЕҰ-ға гранттық кеңес"),
        ("Форум гражданских инициатив", "Азаматтық бастамалар форумы"),
    ),
}

_DURATIONS = _Weighted({(30, 120): 30, (150, 330): 55, (400, 700): 15})
"""Project length in days: short actions, a season or a year (most social orders), two years."""
_STATE_MECHANISMS = _Weighted(
    {Mechanism.STATE_SOCIAL_ORDER: 75, Mechanism.STATE_GRANT: 20, Mechanism.NGO_AWARD: 5}
)
_PRIVATE_MECHANISMS = (Mechanism.OWN_INCOME, Mechanism.PRIVATE_DONATION, Mechanism.IN_KIND)
_PRIVATE_SOURCES = {"budget": (1, 1), "self": (1, 3), "mixed": (1, 2), "dormant": (1, 2)}
"""How many kinds of non-state money a project of each profile has, (min, max)."""
_CO_PARTICIPANTS = {
    True: _Weighted({0: 35, 1: 30, 2: 20, 3: 10, 4: 5}),
    False: _Weighted({0: 55, 1: 30, 2: 10, 3: 4, 4: 1}),
}
"""Organisations beside the lead, for strong (True) and weak leads."""
_CO_ROLES = _Weighted(
    {Role.IMPLEMENTING.value: 48, Role.PARTNER.value: 48, Role.EXTENDING.value: 4}
)

# -- partnerships, supports, people --------------------------------------------------------------

_SUPPORT_FORMS = _Weighted(
    {"premises": 25, "information": 35, "consulting": 25, "grant_support": 15}
)
_NON_MONEY_SUPPORT = _Weighted({"premises": 25, "information": 35, "consulting": 25})
# fmt: off
_FIRST_NAMES = (
    "Айгерим", "Нурлан", "Асель", "Ерлан", "Дана", "Данияр", "Жанар", "Бауыржан", "Алия",
    "Ержан", "Мадина", "Тимур", "Сауле", "Арман", "Гульнара", "Руслан", "Ольга", "Сергей",
    "Елена", "Андрей", "Наталья", "Дмитрий", "Ирина", "Алексей", "Татьяна", "Виктор", "Анна",
    "Максим", "Светлана", "Павел", "Айдана", "Әлихан", "Томирис", "Ерасыл", "Інжу", "Қуаныш",
)
# fmt: on
_INITIALS = "АБВГДЕЖЗИКЛМНОПРСТУФХШЮЯӘҚҰ"

# -- model ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    kato: str
    name: str
    name_kk: str
    type: TerritoryType
    parent: str
    settlement: str
    population: int
    area: _Area | None
    aliases: tuple[str, ...] = ()


@dataclass(eq=False, slots=True)
class _Org:
    """An organisation: the columns of its row, then the hidden traits that drive the rest."""

    index: int
    bin: str
    name: str
    name_kk: str
    aliases: tuple[str, ...]
    kind: OrgKind
    legal_form: LegalForm
    place: _Place
    area: _Area
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
            "name_kk": self.name_kk,
            "aliases": ";".join(self.aliases),
            "synthetic": "true" if self.synthetic else "false",
            "archived": "false",
        }


@dataclass(slots=True)
class _Project:
    lead: _Org
    title: str
    focus: str
    place: _Place
    start: dt.date
    end: dt.date
    target: int
    reached: str
    status: ProjectStatus
    others: list[_Org]
    sources: dict[tuple[str, Mechanism], int]
    """(funder, mechanism) -> tenge over the whole period."""


@dataclass(slots=True)
class _World:
    """Everything generated so far, and the pools partners and funders are drawn from."""

    rng: random.Random
    orgs: list[_Org]
    everyone: list[_Org]
    """Organisations others may pick as partners or donors (all but the self-funded club)."""
    by_area: dict[str, list[_Org]]
    youth_by_area: dict[str, list[_Org]]
    veterans_by_area: dict[str, list[_Org]]
    foundations: list[_Org]
    foundation_by_bin: dict[str, _Org]
    rural_by_focus: dict[str, list[_Org]]
    projects: list[Row] = field(default_factory=list)
    participations: list[Row] = field(default_factory=list)
    fundings: list[Row] = field(default_factory=list)
    shared: dict[tuple[int, int], tuple[int, dt.date]] = field(default_factory=dict)
    """(org index, org index) -> (projects together, first start date)."""


@cache
def _iso(day: dt.date) -> str:
    """Date text, shared between rows: a few thousand distinct days among a million cells."""
    return day.isoformat()


@cache
def _year(year: int) -> str:
    return str(year)


def _day(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A uniform day in [low, high]; low when the range is empty."""
    return low + dt.timedelta(days=int(rng.random() * (max(0, (high - low).days) + 1)))


# -- territories and akimats ---------------------------------------------------------------------


def _child_kato(area: _Area, number: int, kind: TerritoryType) -> str:
    return f"{area.kato[:4]}{31 + 2 * number:02d}{'000' if kind is _RO else '100'}"


def _build_places() -> tuple[_Place, ...]:
    places = [
        _Place(
            REGION_KATO,
            "Павлодарская область",
            "Павлодар облысы",
            TerritoryType.REGION,
            parent="",
            settlement="",
            population=755_000,
            area=None,
        )
    ]
    for area in _AREAS:
        places.append(
            _Place(
                area.kato,
                area.name,
                area.name_kk,
                TerritoryType.CITY if area.is_city else TerritoryType.DISTRICT,
                parent=REGION_KATO,
                settlement=(Settlement.URBAN if area.is_city else Settlement.RURAL).value,
                population=area.population,
                area=area,
                aliases=area.aliases,
            )
        )
        for number, (name, name_kk, kind, population) in enumerate(area.children):
            places.append(
                _Place(
                    _child_kato(area, number, kind),
                    name,
                    name_kk,
                    kind,
                    parent=area.kato,
                    settlement=Settlement.RURAL.value,
                    population=population,
                    area=area,
                )
            )
    return tuple(places)


_PLACES = _build_places()
_PLACE_BY_KATO = {p.kato: p for p in _PLACES}
_RURAL_PLACES = tuple(p for p in _PLACES if p.settlement == Settlement.RURAL)
_OKRUGS = frozenset(p.kato for p in _PLACES if p.type is _RO)
"""Rural okrugs have an akimat of their own."""


def _territory_rows() -> list[Row]:
    return [
        {
            "kato": p.kato,
            "name": p.name,
            "type": p.type.value,
            "parent_kato": p.parent,
            "settlement": p.settlement,
            "population": str(p.population),
            "name_kk": p.name_kk,
            "aliases": ";".join(p.aliases),
        }
        for p in _PLACES
    ]


def _akimat_code(kato: str) -> str:
    return f"akimat-{kato}"


def _akimat_rows() -> list[Row]:
    rows = [
        _akimat(REGION_KATO, "Акимат Павлодарской области", "Павлодар облысы", AkimatLevel.REGION)
    ]
    for area in _AREAS:
        level = AkimatLevel.CITY if area.is_city else AkimatLevel.DISTRICT
        rows.append(_akimat(area.kato, f"Акимат {area.of_ru}", area.name_kk, level))
    for place in _PLACES:
        if place.kato in _OKRUGS:
            adjective = place.name.split(" ", 1)[0]  # «Майкарагайский сельский округ»
            name = f"Аппарат акима {adjective[:-2]}ого сельского округа"
            owner = f"{place.name_kk} әкімінің"
            rows.append(_akimat(place.kato, name, owner, AkimatLevel.RURAL_OKRUG))
    return rows


def _akimat(kato: str, name: str, kk_owner: str, level: AkimatLevel) -> Row:
    """kk_owner is the Kazakh possessor: «Аққулы ауданы» gives «Аққулы ауданының әкімдігі»."""
    okrug = level is AkimatLevel.RURAL_OKRUG
    return {
        "code": _akimat_code(kato),
        "name": name,
        "level": level.value,
        "kato": kato,
        "name_kk": f"{kk_owner} аппараты" if okrug else f"{kk_owner}ның әкімдігі",
    }


# -- organisations -------------------------------------------------------------------------------


def _new_bin(rng: random.Random, founded: int, used: set[str]) -> str:
    """A valid, unused BIN: registration YYMM, 4 (legal entity), 0 (head office), a serial."""
    while True:
        first11 = f"{founded % 100:02d}{rng.randint(1, 12):02d}40{rng.randrange(100_000):05d}"
        check = bin_check_digit(first11)
        candidate = f"{first11}{check}"
        if check is not None and candidate not in used:
            used.add(candidate)
            return candidate


def _org_spots() -> _Weighted[_Place]:
    """Where organisations are registered: population × density, cities far denser."""
    weights: dict[_Place, float] = {}
    for place in _PLACES:
        area = place.area
        if area is None:
            continue
        if place.type is TerritoryType.CITY:
            urban = place.population - sum(child[3] for child in area.children)
            weights[place] = urban * _URBAN_DENSITY[place.kato]
        elif place.type is TerritoryType.DISTRICT:
            weights[place] = place.population * _DISTRICT_CENTRE_SHARE
        else:
            share = 1.0 if area.is_city else 1 - _DISTRICT_CENTRE_SHARE
            weights[place] = place.population * share
    return _Weighted(weights)


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
        picked = rng.sample(_ALL_FOCUS, rng.randint(1, 3))
        if not urban and "rural_development" not in picked and rng.random() < 0.4:
            picked.insert(0, "rural_development")
        return tuple(picked)
    always, extra = _KIND_FOCUS[kind]
    return always + tuple(rng.sample(extra, rng.randint(1, 2)))


def _profile(rng: random.Random, kind: OrgKind, urban: bool, strong: bool) -> str:
    if kind is OrgKind.YOUTH_GROUP and rng.random() < 0.25:
        return "dormant"
    return _PROFILES[urban, strong].pick(rng)


def _project_count(rng: random.Random, profile: str, strong: bool) -> int:
    if profile == "dormant":
        return int(rng.random() < 0.3)
    count = rng.randint(2, 5) if profile == "budget" else rng.randint(1, 3)
    return count if strong else max(1, count - rng.randint(0, 1))


def _org_names(
    rng: random.Random, kind: OrgKind, legal: LegalForm, focus: str, area: _Area, kazakh: bool
) -> tuple[str, str, tuple[str, ...]]:
    """(name, name_kk, aliases): Kazakh-named organisations may carry the Russian name as alias."""
    ru, kk = rng.choice(_KIND_NAMES[kind]) if kind in _KIND_NAMES else _NGO_NAMES[focus]
    parts = {"w": rng.choice(_BRANDS), "of": area.of_ru, "kk": area.name_kk}
    core_ru, core_kk = ru.format(**parts), kk.format(**parts)
    prefix_ru, prefix_kk = _LEGAL_PREFIX[legal]
    name_ru, name_kk = f'{prefix_ru} "{core_ru}"', f'"{core_kk}" {prefix_kk}'
    if kazakh:
        return name_kk, "", (name_ru,) if rng.random() < 0.3 else ()
    aliases = (core_ru,) if rng.random() < 0.06 else ()
    return name_ru, name_kk if rng.random() < 0.45 else "", aliases


def _real_org(spec: _RealOrg, index: int) -> _Org:
    return _Org(
        index=index,
        bin=spec.bin,
        name=spec.name,
        name_kk=spec.name_kk,
        aliases=spec.aliases,
        kind=spec.kind,
        legal_form=spec.legal_form,
        place=_PLACE_BY_KATO[PAVLODAR_KATO],
        area=_AREAS[0],
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


def _synthetic_org(rng: random.Random, index: int, place: _Place, used: set[str]) -> _Org:
    area = place.area
    assert area is not None
    urban = place.settlement == Settlement.URBAN
    kind = _KINDS.pick(rng)
    legal = _LEGAL_FORMS[kind].pick(rng)
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
    name, name_kk, aliases = _org_names(rng, kind, legal, focus[0], area, kazakh)
    return _Org(
        index=index,
        bin=_new_bin(rng, founded, used),
        name=name,
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


def _organizations(rng: random.Random, count: int) -> list[_Org]:
    orgs = [_real_org(spec, index) for index, spec in enumerate(_REAL_ORGS)]
    used = {spec.bin for spec in _REAL_ORGS}
    spots = _org_spots()
    for _ in range(count):
        orgs.append(_synthetic_org(rng, len(orgs), spots.pick(rng), used))
    return orgs


def _world(rng: random.Random, orgs: list[_Org]) -> _World:
    everyone = [o for o in orgs if o.bin != _CLUB.bin]
    by_area: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    youth: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    veterans: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    rural_by_focus: dict[str, list[_Org]] = {code: [] for code in _ALL_FOCUS}
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
    return _World(
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


# -- projects, participations, fundings ----------------------------------------------------------


def _status(rng: random.Random, start: dt.date, end: dt.date) -> ProjectStatus:
    if start > TODAY:
        return ProjectStatus.PLANNED
    if end >= TODAY:
        return ProjectStatus.ACTIVE
    return ProjectStatus.CANCELLED if rng.random() < 0.01 else ProjectStatus.COMPLETED


def _result_ratio(rng: random.Random, org: _Org) -> float:
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
    rng: random.Random, org: _Org, status: ProjectStatus, start: dt.date, end: dt.date, target: int
) -> str:
    if status in (ProjectStatus.PLANNED, ProjectStatus.CANCELLED):
        return ""
    ratio = _result_ratio(rng, org)
    if status is ProjectStatus.ACTIVE:
        ratio *= (TODAY - start).days / max(1, (end - start).days)
    return str(int(target * ratio))


def _thousands(amount: float) -> int:
    """Whole thousands of tenge, as budgets are planned."""
    return 1000 * round(amount / 1000)


def _budget(rng: random.Random, org: _Org) -> int:
    median = (3_000_000 if org.strong else 1_000_000) * (1.5 if org.urban else 1.0)
    if org.profile == "budget":
        median *= 1.4
    value = median * rng.lognormvariate(0, 0.8)
    return _thousands(min(30_000_000, max(500_000, value)))


def _project_place(rng: random.Random, org: _Org) -> _Place:
    """Usually the lead's own territory; urban NGOs sometimes serve a village."""
    if org.urban and rng.random() < 0.12:
        return rng.choice(_RURAL_PLACES)
    if not org.urban and org.place.type is not TerritoryType.DISTRICT and rng.random() < 0.15:
        return _PLACE_BY_KATO[org.area.kato]
    return org.place


def _partner_pool(world: _World, lead: _Org, place: _Place) -> list[_Org]:
    """Where a co-participant comes from: veterans with youth, neighbours, the city."""
    r = world.rng.random()
    area = lead.area.kato
    if lead.bin == _HOUSE.bin:
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
        return world.by_area[PAVLODAR_KATO]
    return world.everyone


def _co_participants(world: _World, lead: _Org, place: _Place) -> list[_Org]:
    rng = world.rng
    chosen: list[_Org] = []
    for _ in range(_CO_PARTICIPANTS[lead.strong].pick(rng)):
        pool = _partner_pool(world, lead, place)
        candidate = rng.choice(pool) if pool else lead
        if candidate is not lead and candidate not in chosen:
            chosen.append(candidate)
    return chosen


def _state_share(rng: random.Random, profile: str) -> float:
    if profile == "budget":
        return 1.0 if rng.random() < 0.7 else rng.uniform(0.85, 0.95)
    if profile == "self":
        return 0.0
    if profile == "mixed":
        return rng.uniform(0.3, 0.7)
    return rng.choice((0.0, 0.5, 1.0))


def _private_funder(world: _World, lead: _Org, mechanism: Mechanism) -> str:
    """Citizens mostly; a foundation donates, or a local organisation gives in kind."""
    rng = world.rng
    if mechanism is Mechanism.OWN_INCOME:
        return lead.bin
    if mechanism is Mechanism.PRIVATE_DONATION and world.foundations and rng.random() < 0.35:
        donor = rng.choice(world.foundations)
    elif mechanism is Mechanism.IN_KIND and rng.random() < 0.3:
        donor = rng.choice(world.by_area[lead.area.kato])
    else:
        return CITIZENS
    return CITIZENS if donor is lead else donor.bin


def _funding_sources(world: _World, lead: _Org, budget: int) -> dict[tuple[str, Mechanism], int]:
    rng = world.rng
    sources: dict[tuple[str, Mechanism], int] = {}
    state = _thousands(budget * _state_share(rng, lead.profile))
    if state:
        akimat = lead.area.kato if rng.random() < 0.75 else REGION_KATO
        sources[_akimat_code(akimat), _STATE_MECHANISMS.pick(rng)] = state
    rest = budget - state
    if not rest:
        return sources
    mechanisms = rng.sample(_PRIVATE_MECHANISMS, rng.randint(*_PRIVATE_SOURCES[lead.profile]))
    for number, mechanism in enumerate(mechanisms, 1):
        amount = rest if number == len(mechanisms) else _thousands(rest * rng.uniform(0.2, 0.6))
        rest -= amount
        if amount:
            key = (_private_funder(world, lead, mechanism), mechanism)
            sources[key] = sources.get(key, 0) + amount
    return sources


def _yearly(amount: int, start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    """Split an amount over the calendar years of a period, in proportion to its days."""
    if start.year == end.year:
        yield start.year, amount
        return
    total = (end - start).days + 1
    left = amount
    for year in range(start.year, end.year):
        days = (dt.date(year, 12, 31) - max(start, dt.date(year, 1, 1))).days + 1
        share = amount * days // total
        left -= share
        if share:
            yield year, share
    if left:
        yield end.year, left


def _emit(world: _World, project: _Project) -> None:
    """Write one project with its participations and fundings; note who worked together."""
    code = f"PRJ-{project.start.year}-{len(world.projects) + 1:06d}"
    start, end, lead = project.start, project.end, project.lead
    world.projects.append(
        {
            "code": code,
            "title": project.title,
            "focus_area": project.focus,
            "kato": project.place.kato,
            "start_date": _iso(start),
            "end_date": _iso(end),
            "budget_kzt": str(sum(project.sources.values())),
            "beneficiaries_target": str(project.target),
            "beneficiaries_reached": project.reached,
            "status": project.status.value,
        }
    )
    lead.led += 1
    roles = [(lead, Role.ACCOUNTABLE.value)]
    roles += [(other, _CO_ROLES.pick(world.rng)) for other in project.others]
    for funder, _ in project.sources:
        donor = world.foundation_by_bin.get(funder)
        if donor is not None and len(roles) < 5 and all(org is not donor for org, _ in roles):
            roles.append((donor, Role.FUNDING.value))
    for org, role in roles:
        world.participations.append({"project_code": code, "org_bin": org.bin, "role": role})
    for (funder, mechanism), amount in project.sources.items():
        for year, share in _yearly(amount, start, end):
            world.fundings.append(
                {
                    "funder": funder,
                    "project_code": code,
                    "amount_kzt": str(share),
                    "mechanism": mechanism.value,
                    "year": _year(year),
                }
            )
    for pair in combinations(sorted(org.index for org, _ in roles), 2):
        count, first = world.shared.get(pair, (0, start))
        world.shared[pair] = (count + 1, min(first, start))


def _title(rng: random.Random, org: _Org, focus: str, place: _Place) -> str:
    ru, kk = rng.choice(_TITLES[focus])
    title = kk if org.kazakh else ru
    if rng.random() < 0.3:
        title = f"{title} ({place.name_kk if org.kazakh else place.name})"
    return title


def _generic_project(world: _World, lead: _Org, year: int, *, within_year: bool = False) -> None:
    rng = world.rng
    start = _day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
    shortest, longest = _DURATIONS.pick(rng)
    end = min(start + dt.timedelta(days=rng.randint(shortest, longest)), LAST_DAY)
    if within_year:
        end = min(end, dt.date(year, 12, 31))
    two = len(lead.focus) > 1 and rng.random() < 0.2
    focus = rng.sample(lead.focus, 2 if two else 1)
    place = _project_place(rng, lead)
    budget = _budget(rng, lead)
    target = max(5, round(budget / rng.uniform(8_000, 60_000)))
    status = _status(rng, start, end)
    project = _Project(
        lead=lead,
        title=_title(rng, lead, focus[0], place),
        focus=";".join(sorted(focus)),
        place=place,
        start=start,
        end=end,
        target=target,
        reached=_reached(rng, lead, status, start, end, target),
        status=status,
        others=_co_participants(world, lead, place),
        sources=_funding_sources(world, lead, budget),
    )
    _emit(world, project)


def _club_projects(world: _World, club: _Org) -> None:
    """A self-funded project a year, and the article's 143 million tenge in 2018."""
    for year in range(FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR + 1):
        if year != 2018:
            _generic_project(world, club, year, within_year=True)
    for fixed in _CLUB_2018:
        project = _Project(
            lead=club,
            title=fixed.title,
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


def _all_projects(world: _World) -> None:
    rng = world.rng
    for org in world.orgs:
        if org.bin == _CLUB.bin:
            _club_projects(world, org)
            continue
        first = org.first_project_year
        last = max(first, 2019) if org.profile == "dormant" else LAST_PROJECT_YEAR
        for year in sorted(rng.randint(first, last) for _ in range(org.projects)):
            _generic_project(world, org, year)


# -- partnerships --------------------------------------------------------------------------------


class _Ties:
    """Partnerships keyed by unordered pair; the first reason two organisations met wins."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.edges: dict[tuple[int, int], Row] = {}

    def add(self, a: _Org, b: _Org, basis: str, around: dt.date | None = None) -> None:
        """Tie a and b (no-op when already tied); ``around`` is when they first worked together."""
        key = (a.index, b.index) if a.index < b.index else (b.index, a.index)
        if a is b or key in self.edges:
            return
        rng = self.rng
        floor = max(FIRST_PARTNERSHIP, dt.date(max(a.founded, b.founded), 1, 1))
        ceiling = TODAY - dt.timedelta(days=1)
        if around is None:
            since = _day(rng, floor, ceiling)
        else:
            since = min(max(floor, around - dt.timedelta(days=rng.randint(0, 120))), ceiling)
        until = ""
        if rng.random() < 0.07:
            end = since + dt.timedelta(days=rng.randint(200, 2000))
            until = _iso(end) if end < TODAY else ""
        low, high = sorted((a.bin, b.bin))
        self.edges[key] = {
            "org_bin_a": low,
            "org_bin_b": high,
            "since": _iso(since),
            "basis": basis,
            "until": until,
        }


def _partnerships(world: _World) -> list[Row]:
    rng = world.rng
    ties = _Ties(rng)
    orgs = world.orgs
    # (1) working together: the more shared projects, the likelier a lasting partnership
    for (a, b), (count, first) in world.shared.items():
        if rng.random() < 1 - 0.6**count:
            basis = "joint_project" if rng.random() < 0.75 else "memorandum"
            ties.add(orgs[a], orgs[b], basis, around=first)
    all_youth = [org for pool in world.youth_by_area.values() for org in pool]
    for org in orgs:
        if org.kind is OrgKind.VETERANS_UNION and all_youth:
            _mentor_youth(world, ties, org, all_youth)
        elif org.kind is OrgKind.RESOURCE_CENTER:
            _resource_centre_ties(world, ties, org)
        elif _experienced_urban(org):
            _urban_rural_ties(world, ties, org)
    # (5) noise: acquaintances with no recorded reason
    for _ in range(len(orgs) // 25):
        someone = rng.choice(world.everyone)
        pool = world.by_area[someone.area.kato] if rng.random() < 0.6 else world.everyone
        ties.add(someone, rng.choice(pool), "informal")
    return list(ties.edges.values())


def _mentor_youth(world: _World, ties: _Ties, veterans: _Org, all_youth: list[_Org]) -> None:
    """(2) Veterans' unions mentor 1–3 youth groups, mostly nearby (patriotic education)."""
    rng = world.rng
    local = world.youth_by_area[veterans.area.kato]
    count = 5 if veterans.bin == _VETERANS.bin else rng.randint(1, 3)
    for _ in range(count):
        pool = local if local and rng.random() < 0.8 else all_youth
        ties.add(veterans, rng.choice(pool), "mentoring")


def _resource_centre_ties(world: _World, ties: _Ties, centre: _Org) -> None:
    """(3) The House of NGOs works with a sizeable share of NGOs; local centres with a few."""
    rng = world.rng
    if centre.bin == _HOUSE.bin:
        for org in world.everyone:
            if rng.random() < (0.3 if org.urban else 0.12):
                ties.add(centre, org, "memorandum" if rng.random() < 0.6 else "informal")
        return
    local = world.by_area[centre.area.kato]
    for org in rng.sample(local, min(len(local), rng.randint(3, 10))):
        ties.add(centre, org, "memorandum")


def _experienced_urban(org: _Org) -> bool:
    return (
        org.urban
        and org.founded <= 2012
        and org.staff >= 5
        and org.kind in (OrgKind.NGO, OrgKind.VOLUNTEER_CLUB, OrgKind.FOUNDATION)
    )


def _urban_rural_ties(world: _World, ties: _Ties, org: _Org) -> None:
    """(4) Some experienced urban NGOs take on rural NGOs working on the same problem."""
    rng = world.rng
    if rng.random() >= 0.35:
        return
    rural = world.rural_by_focus[rng.choice(org.focus)]
    for other in rng.sample(rural, min(len(rural), rng.randint(1, 3))):
        ties.add(org, other, "mentoring" if rng.random() < 0.5 else "memorandum")


# -- supports and people -------------------------------------------------------------------------


def _supports(world: _World) -> list[Row]:
    """District and city akimats back active organisations at home, youth groups above all."""
    rng = world.rng
    rows = [_support(REGION_KATO, _HOUSE.bin, 2018, "premises")]
    for org in world.orgs:
        if org.led == 0 or org.profile == "dormant" or not org.synthetic:
            continue
        chance = 0.35 if org.kind is OrgKind.YOUTH_GROUP else 0.08
        if rng.random() >= chance * (1.0 if org.urban else 1.5):
            continue
        on_site = org.place.kato in _OKRUGS and rng.random() < 0.3
        akimat = org.place.kato if on_site else org.area.kato
        first = max(org.founded, 2019 if org.kind is OrgKind.YOUTH_GROUP else 2012)
        forms = _NON_MONEY_SUPPORT if org.profile == "self" else _SUPPORT_FORMS
        rows.append(_support(akimat, org.bin, rng.randint(min(first, 2025), 2025), forms.pick(rng)))
    return rows


def _support(kato: str, bin_: str, since_year: int, form: str) -> Row:
    return {
        "akimat_code": _akimat_code(kato),
        "org_bin": bin_,
        "since_year": _year(since_year),
        "form": form,
    }


def _people(world: _World) -> list[Row]:
    """About 1.15 people per organisation, placed where the volunteers and staff are."""
    rng = world.rng
    homes = _Weighted({org: 1 + org.volunteers + 2 * org.staff for org in world.orgs})
    rows: list[Row] = []
    for number in range(1, round(len(world.orgs) * 1.15) + 1):
        home = homes.pick(rng)
        person_id = f"p-{number:05d}"
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_INITIALS)}."
        rows.append(_membership(rng, person_id, name, home))
        if rng.random() < 0.15:
            other = rng.choice(world.by_area[home.area.kato])
            if other is not home:
                rows.append(_membership(rng, person_id, name, other))
    return rows


def _membership(rng: random.Random, person_id: str, name: str, org: _Org) -> Row:
    member = rng.random() < (0.4 if org.staff else 0.15)
    since = _day(rng, dt.date(max(org.founded, 2010), 1, 1), TODAY - dt.timedelta(days=1))
    return {
        "person_id": person_id,
        "display_name": name,
        "org_bin": org.bin,
        "relation": (PersonRelation.MEMBER if member else PersonRelation.VOLUNTEER).value,
        "since": _iso(since),
    }


# -- public API ----------------------------------------------------------------------------------


def _conform(table: Table, rows: list[Row]) -> list[Row]:
    """Exactly the table's columns in its order, so a column added to the contract stays empty."""
    columns = table.column_names
    if all(tuple(row) == columns for row in rows):
        return rows
    return [{name: row.get(name, "") for name in columns} for row in rows]


def demo_tables(*, orgs: int = 300, seed: int = 2018) -> dict[str, list[dict[str, str]]]:
    """Rows per import table for a demo region: ``orgs`` synthetic organisations plus the real ones.

    Keys are exactly the table names of ``graph.importer.tables.TABLES``; each row maps every
    column of its table to the cell text a coordinator's CSV would hold (``''`` when empty).
    The same ``(orgs, seed)`` always gives the same rows, so demos, notebooks and the evaluation
    of partner suggestions are reproducible; the territories are the same real region at any size.
    """
    rng = random.Random(seed)
    world = _world(rng, _organizations(rng, orgs))
    _all_projects(world)
    tables = {
        "territories": _territory_rows(),
        "akimats": _akimat_rows(),
        "organizations": [org.row() for org in world.orgs],
        "projects": world.projects,
        "participations": world.participations,
        "fundings": world.fundings,
        "partnerships": _partnerships(world),
        "supports": _supports(world),
        "people": _people(world),
    }
    return {table.name: _conform(table, tables[table.name]) for table in TABLES}
