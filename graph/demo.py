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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, combinations

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

# -- time ----------------------------------------------------------------------------------------

TODAY = dt.date(2025, 11, 1)
"""The demo's "now": project status and partnership dates are relative to it."""
FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR = 2016, 2025
LAST_DAY = dt.date(LAST_PROJECT_YEAR, 12, 31)
FIRST_PARTNERSHIP = dt.date(2012, 1, 1)

# -- territories ---------------------------------------------------------------------------------

REGION_KATO = "550000000"
PAVLODAR_KATO = "551010000"
AKIMAT_PREFIX = "akimat-"


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

_KIND_WEIGHTS: dict[OrgKind, float] = {
    OrgKind.NGO: 0.515,
    OrgKind.VOLUNTEER_CLUB: 0.20,
    OrgKind.YOUTH_GROUP: 0.15,
    OrgKind.VETERANS_UNION: 0.08,
    OrgKind.FOUNDATION: 0.04,
    OrgKind.RESOURCE_CENTER: 0.015,
}
_LEGAL_FORMS: dict[OrgKind, dict[LegalForm, float]] = {
    OrgKind.NGO: {
        LegalForm.PUBLIC_ASSOCIATION: 0.75,
        LegalForm.PRIVATE_INSTITUTION: 0.12,
        LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 0.06,
        LegalForm.NON_PROFIT_JSC: 0.04,
        LegalForm.FOUNDATION: 0.03,
    },
    OrgKind.VOLUNTEER_CLUB: {
        LegalForm.PUBLIC_ASSOCIATION: 0.85,
        LegalForm.PRIVATE_INSTITUTION: 0.15,
    },
    OrgKind.YOUTH_GROUP: {LegalForm.PUBLIC_ASSOCIATION: 0.9, LegalForm.PRIVATE_INSTITUTION: 0.1},
    OrgKind.VETERANS_UNION: {
        LegalForm.PUBLIC_ASSOCIATION: 0.9,
        LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 0.1,
    },
    OrgKind.FOUNDATION: {LegalForm.FOUNDATION: 0.9, LegalForm.NON_PROFIT_JSC: 0.1},
    OrgKind.RESOURCE_CENTER: {
        LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: 0.4,
        LegalForm.PRIVATE_INSTITUTION: 0.3,
        LegalForm.PUBLIC_ASSOCIATION: 0.3,
    },
}
_LEGAL_PREFIX: dict[LegalForm, tuple[str, str]] = {
    LegalForm.PUBLIC_ASSOCIATION: ("ОО", "ҚБ"),
    LegalForm.PRIVATE_INSTITUTION: ("ЧУ", "ЖМ"),
    LegalForm.FOUNDATION: ("ОФ", "ҚҚ"),
    LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES: ("ОЮЛ", "ЗТБ"),
    LegalForm.NON_PROFIT_JSC: ("НАО", "КЕАҚ"),
}

# Focus areas: (always, pick 1–2 of) per kind; NGOs pick 1–3 of all.
_KIND_FOCUS: dict[OrgKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    OrgKind.YOUTH_GROUP: (
        ("youth",),
        ("volunteering", "sport", "patriotic_education", "civic_engagement", "ecology", "culture"),
    ),
    OrgKind.VETERANS_UNION: (("veterans", "patriotic_education"), ("elderly", "social_support")),
    OrgKind.FOUNDATION: (
        (),
        (
            "social_support",
            "children_families",
            "health",
            "housing_help",
            "education",
            "disability",
        ),
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
_ALL_FOCUS = tuple(f.code for f in FOCUS_AREAS)
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
    "160540012311",
    "Клуб добряков Павлодара",
    "Павлодардың мейірімділер клубы",
    ("Клуб добряков",),
    OrgKind.VOLUNTEER_CLUB,
    LegalForm.PUBLIC_ASSOCIATION,
    2016,
    ("children_families", "health", "housing_help", "social_support", "volunteering"),
    6,
    450,
    "self",
    0,  # one project a year, written out in _club_projects
    2016,
)
_VETERANS = _RealOrg(
    "920340008106",
    "Павлодарский областной союз ветеранов Афганистана и локальных войн",
    "Ауғанстан және жергілікті соғыстар ардагерлерінің Павлодар облыстық одағы",
    ("Союз ветеранов Афганистана", "Боевое братство"),
    OrgKind.VETERANS_UNION,
    LegalForm.PUBLIC_ASSOCIATION,
    1992,
    ("patriotic_education", "veterans", "youth"),
    4,
    120,
    "mixed",
    8,
    FIRST_PROJECT_YEAR,
)
_HOUSE = _RealOrg(
    "181140002007",
    "Дом НПО Павлодарской области",
    "Павлодар облысының ҮЕҰ үйі",
    ("Дом НПО",),
    OrgKind.RESOURCE_CENTER,
    LegalForm.PRIVATE_INSTITUTION,
    2018,
    ("civic_engagement", "ngo_capacity", "volunteering"),
    8,
    30,
    "budget",
    7,
    2019,  # opened at the end of 2018
)
_REAL_ORGS = (_CLUB, _VETERANS, _HOUSE)

# The club's 2018: 143 million tenge of help, none of it from the state (title, focus, start,
# end, target, reached, sources as (funder, mechanism, amount); funder None is the club itself).
_CLUB_2018: tuple[
    tuple[str, str, dt.date, dt.date, int, int, tuple[tuple[str | None, Mechanism, int], ...]],
    ...,
] = (
    (
        "Квартиры и дома для нуждающихся семей",
        "housing_help",
        dt.date(2018, 1, 15),
        dt.date(2018, 12, 20),
        60,
        58,
        ((CITIZENS, Mechanism.IN_KIND, 78_500_000),),
    ),
    (
        "Адресная помощь многодетным и малоимущим семьям",
        "children_families;social_support",
        dt.date(2018, 1, 10),
        dt.date(2018, 12, 28),
        1_200,
        1_260,
        (
            (CITIZENS, Mechanism.PRIVATE_DONATION, 31_000_000),
            (None, Mechanism.OWN_INCOME, 4_500_000),
        ),
    ),
    (
        "Лечение и реабилитация детей",
        "health",
        dt.date(2018, 2, 1),
        dt.date(2018, 12, 15),
        85,
        85,
        ((CITIZENS, Mechanism.PRIVATE_DONATION, 21_000_000),),
    ),
    (
        "Тёплая зима: дрова, уголь и одежда",
        "social_support",
        dt.date(2018, 10, 1),
        dt.date(2018, 12, 31),
        900,
        930,
        ((CITIZENS, Mechanism.IN_KIND, 6_000_000), (None, Mechanism.OWN_INCOME, 2_000_000)),
    ),
)

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
_STATE_MECHANISMS = (Mechanism.STATE_SOCIAL_ORDER, Mechanism.STATE_GRANT, Mechanism.NGO_AWARD)
_STATE_MECHANISM_WEIGHTS = (75, 20, 5)
_PRIVATE_MECHANISMS = (Mechanism.OWN_INCOME, Mechanism.PRIVATE_DONATION, Mechanism.IN_KIND)
_CO_PARTICIPANTS_STRONG = (35, 30, 20, 10, 5)
_CO_PARTICIPANTS_WEAK = (55, 30, 10, 4, 1)
"""Weights of 0..4 co-participants beside the lead."""

# -- partnerships, supports, people --------------------------------------------------------------

_SUPPORT_FORMS = ("premises", "information", "consulting", "grant_support")
_SUPPORT_FORM_WEIGHTS = (25, 35, 25, 15)
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
    """An organisation with the hidden traits that drive its projects and ties."""

    index: int
    bin: str
    kind: OrgKind
    place: _Place
    area: _Area
    founded: int
    focus: tuple[str, ...]
    staff: int
    volunteers: int
    profile: str
    strong: bool
    kazakh: bool
    row: Row
    projects: int
    first_project_year: int
    led: int = 0

    @property
    def urban(self) -> bool:
        return self.place.settlement == Settlement.URBAN


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
    foundations: dict[str, _Org]
    """Foundations by BIN: donors of other organisations' projects."""
    rural_by_focus: dict[str, list[_Org]]
    projects: list[Row] = field(default_factory=list)
    participations: list[Row] = field(default_factory=list)
    fundings: list[Row] = field(default_factory=list)
    shared: dict[tuple[int, int], tuple[int, dt.date]] = field(default_factory=dict)
    """(org index, org index) -> [projects together, first start date]."""


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
            "",
            "",
            755_000,
            None,
        )
    ]
    for area in _AREAS:
        places.append(
            _Place(
                area.kato,
                area.name,
                area.name_kk,
                TerritoryType.CITY if area.is_city else TerritoryType.DISTRICT,
                REGION_KATO,
                (Settlement.URBAN if area.is_city else Settlement.RURAL).value,
                area.population,
                area,
                area.aliases,
            )
        )
        for number, (name, name_kk, kind, population) in enumerate(area.children):
            places.append(
                _Place(
                    _child_kato(area, number, kind),
                    name,
                    name_kk,
                    kind,
                    area.kato,
                    Settlement.RURAL.value,
                    population,
                    area,
                )
            )
    return tuple(places)


_PLACES = _build_places()
_PLACE_BY_KATO = {p.kato: p for p in _PLACES}
_RURAL_PLACES = tuple(p for p in _PLACES if p.settlement == Settlement.RURAL)
_AREA_OF_KATO = {area.kato: area for area in _AREAS}


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


def _okrug_genitive(name: str) -> str:
    """«Майкарагайский сельский округ» -> «Майкарагайского сельского округа»."""
    adjective = name.split(" ", 1)[0]
    return f"{adjective[:-2]}ого сельского округа"


def _akimat_code(kato: str) -> str:
    return AKIMAT_PREFIX + kato


def _akimat_rows() -> list[Row]:
    rows = [
        _akimat(REGION_KATO, "Акимат Павлодарской области", "Павлодар облысы", AkimatLevel.REGION)
    ]
    for area in _AREAS:
        level = AkimatLevel.CITY if area.is_city else AkimatLevel.DISTRICT
        rows.append(_akimat(area.kato, f"Акимат {area.of_ru}", area.name_kk, level))
    for place in _PLACES:
        if place.type is _RO:
            name = f"Аппарат акима {_okrug_genitive(place.name)}"
            kk_owner = f"{place.name_kk} әкімінің"
            rows.append(_akimat(place.kato, name, kk_owner, AkimatLevel.RURAL_OKRUG))
    return rows


def _akimat(kato: str, name: str, kk_owner: str, level: AkimatLevel) -> Row:
    """kk_owner is the Kazakh possessor: «Аққулы ауданы» gives «Аққулы ауданының әкімдігі»."""
    okrug = level is AkimatLevel.RURAL_OKRUG
    name_kk = f"{kk_owner} аппараты" if okrug else f"{kk_owner}ның әкімдігі"
    return {
        "code": _akimat_code(kato),
        "name": name,
        "level": level.value,
        "kato": kato,
        "name_kk": name_kk,
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


def _org_spots() -> tuple[list[_Place], list[float]]:
    """Where organisations are registered, with cumulative weights (population × density)."""
    spots: list[_Place] = []
    weights: list[float] = []
    for place in _PLACES:
        area = place.area
        if area is None:
            continue
        if place.type is TerritoryType.CITY:
            urban = place.population - sum(child[3] for child in area.children)
            weight = urban * _URBAN_DENSITY[place.kato]
        elif place.type is TerritoryType.DISTRICT:
            weight = place.population * _DISTRICT_CENTRE_SHARE
        else:
            weight = place.population * (1.0 if area.is_city else 1 - _DISTRICT_CENTRE_SHARE)
        spots.append(place)
        weights.append(weight)
    return spots, list(accumulate(weights))


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
    weights = {
        (True, True): (22, 25, 45, 8),
        (True, False): (35, 10, 25, 30),
        (False, True): (30, 15, 45, 10),
        (False, False): (45, 5, 20, 30),
    }[urban, strong]
    return rng.choices(("budget", "self", "mixed", "dormant"), weights)[0]


def _project_count(rng: random.Random, profile: str, strong: bool) -> int:
    if profile == "dormant":
        return int(rng.random() < 0.3)
    count = rng.randint(2, 5) if profile == "budget" else rng.randint(1, 3)
    return count if strong else max(1, count - rng.randint(0, 1))


def _org_names(
    rng: random.Random,
    kind: OrgKind,
    legal: LegalForm,
    focus: Sequence[str],
    area: _Area,
    kazakh: bool,
) -> tuple[str, str, tuple[str, ...]]:
    """(name, name_kk, aliases): Kazakh-named organisations may carry the Russian name as alias."""
    ru, kk = rng.choice(_KIND_NAMES[kind]) if kind in _KIND_NAMES else _NGO_NAMES[focus[0]]
    parts = {"w": rng.choice(_BRANDS), "of": area.of_ru, "kk": area.name_kk}
    core_ru, core_kk = ru.format(**parts), kk.format(**parts)
    prefix_ru, prefix_kk = _LEGAL_PREFIX[legal]
    name_ru, name_kk = f'{prefix_ru} "{core_ru}"', f'"{core_kk}" {prefix_kk}'
    if kazakh:
        return name_kk, "", (name_ru,) if rng.random() < 0.3 else ()
    aliases = (core_ru,) if rng.random() < 0.06 else ()
    return name_ru, name_kk if rng.random() < 0.45 else "", aliases


def _org_row(
    bin_: str,
    name: str,
    kind: OrgKind,
    legal: LegalForm,
    place: _Place,
    founded: int,
    focus: Sequence[str],
    staff: int,
    volunteers: int,
    name_kk: str,
    aliases: Sequence[str],
    synthetic: bool,
) -> Row:
    return {
        "bin": bin_,
        "name": name,
        "kind": kind.value,
        "legal_form": legal.value,
        "kato": place.kato,
        "founded_year": str(founded),
        "focus_areas": ";".join(sorted(focus)),
        "staff": str(staff),
        "volunteers": str(volunteers),
        "name_kk": name_kk,
        "aliases": ";".join(aliases),
        "synthetic": "true" if synthetic else "false",
        "archived": "false",
    }


def _real_org(spec: _RealOrg, index: int) -> _Org:
    place = _PLACE_BY_KATO[PAVLODAR_KATO]
    row = _org_row(
        spec.bin,
        spec.name,
        spec.kind,
        spec.legal_form,
        place,
        spec.founded,
        spec.focus,
        spec.staff,
        spec.volunteers,
        spec.name_kk,
        spec.aliases,
        synthetic=False,
    )
    return _Org(
        index,
        spec.bin,
        spec.kind,
        place,
        _AREA_OF_KATO[PAVLODAR_KATO],
        spec.founded,
        spec.focus,
        spec.staff,
        spec.volunteers,
        spec.profile,
        True,
        False,
        row,
        spec.projects,
        spec.first_project_year,
    )


def _synthetic_org(rng: random.Random, index: int, place: _Place, used: set[str]) -> _Org:
    area = place.area
    assert area is not None
    urban = place.settlement == Settlement.URBAN
    kind = rng.choices(tuple(_KIND_WEIGHTS), tuple(_KIND_WEIGHTS.values()))[0]
    forms = _LEGAL_FORMS[kind]
    legal = rng.choices(tuple(forms), tuple(forms.values()))[0]
    strong = rng.random() < (0.8 if urban else 0.25)
    founded = _founded_year(rng, kind, urban)
    focus = _focus_areas(rng, kind, urban)
    profile = _profile(rng, kind, urban, strong)
    if strong:
        staff = min(60, 1 + int(rng.expovariate(1 / (7 if urban else 3))))
        volunteers = int(rng.expovariate(1 / (45 if urban else 15)))
    else:
        staff, volunteers = rng.randint(0, 3), int(rng.expovariate(1 / 6))
    kazakh = rng.random() < (0.25 if urban else 0.4)
    name, name_kk, aliases = _org_names(rng, kind, legal, focus, area, kazakh)
    bin_ = _new_bin(rng, founded, used)
    row = _org_row(
        bin_,
        name,
        kind,
        legal,
        place,
        founded,
        focus,
        staff,
        volunteers,
        name_kk,
        aliases,
        synthetic=True,
    )
    return _Org(
        index,
        bin_,
        kind,
        place,
        area,
        founded,
        focus,
        staff,
        volunteers,
        profile,
        strong,
        kazakh,
        row,
        _project_count(rng, profile, strong),
        max(FIRST_PROJECT_YEAR, founded),
    )


def _organizations(rng: random.Random, count: int) -> list[_Org]:
    orgs = [_real_org(spec, index) for index, spec in enumerate(_REAL_ORGS)]
    used = {spec.bin for spec in _REAL_ORGS}
    spots, cumulative = _org_spots()
    for place in rng.choices(spots, cum_weights=cumulative, k=count):
        orgs.append(_synthetic_org(rng, len(orgs), place, used))
    return orgs


def _world(rng: random.Random, orgs: list[_Org]) -> _World:
    everyone = [o for o in orgs if o.bin != _CLUB.bin]
    by_area: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    youth: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    veterans: dict[str, list[_Org]] = {area.kato: [] for area in _AREAS}
    for org in everyone:
        by_area[org.area.kato].append(org)
        if org.kind is OrgKind.YOUTH_GROUP:
            youth[org.area.kato].append(org)
        elif org.kind is OrgKind.VETERANS_UNION:
            veterans[org.area.kato].append(org)
    foundations = {o.bin: o for o in everyone if o.kind is OrgKind.FOUNDATION}
    rural_by_focus: dict[str, list[_Org]] = {code: [] for code in _ALL_FOCUS}
    for org in everyone:
        if not org.urban:
            for code in org.focus:
                rural_by_focus[code].append(org)
    return _World(rng, orgs, everyone, by_area, youth, veterans, foundations, rural_by_focus)


# -- projects, participations, fundings ----------------------------------------------------------


def _day(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A uniform day in [low, high]; low when the range is empty."""
    return low + dt.timedelta(days=rng.randint(0, max(0, (high - low).days)))


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
    return str(round(target * ratio))


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
    weights = _CO_PARTICIPANTS_STRONG if lead.strong else _CO_PARTICIPANTS_WEAK
    chosen: list[_Org] = []
    for _ in range(rng.choices(range(5), weights)[0]):
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
        pool = list(world.foundations.values())
    elif mechanism is Mechanism.IN_KIND and rng.random() < 0.3:
        pool = world.by_area[lead.area.kato]
    else:
        return CITIZENS
    donor = rng.choice(pool)
    return CITIZENS if donor is lead else donor.bin


def _funding_sources(world: _World, lead: _Org, budget: int) -> dict[tuple[str, Mechanism], int]:
    rng = world.rng
    sources: dict[tuple[str, Mechanism], int] = {}
    state = _thousands(budget * _state_share(rng, lead.profile))
    if state:
        akimat = lead.area.kato if rng.random() < 0.75 else REGION_KATO
        mechanism = rng.choices(_STATE_MECHANISMS, _STATE_MECHANISM_WEIGHTS)[0]
        sources[_akimat_code(akimat), mechanism] = state
    rest = budget - state
    mechanisms = rng.sample(_PRIVATE_MECHANISMS, rng.randint(1, 3))
    for number, mechanism in enumerate(mechanisms):
        last = number == len(mechanisms) - 1
        amount = rest if last else _thousands(rest * rng.uniform(0.2, 0.6))
        rest -= amount
        if amount > 0:
            key = (_private_funder(world, lead, mechanism), mechanism)
            sources[key] = sources.get(key, 0) + amount
    return sources


def _yearly(amount: int, start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    """Split an amount over the calendar years of a period, in proportion to its days."""
    total = (end - start).days + 1
    left = amount
    for year in range(start.year, end.year + 1):
        if year == end.year:
            share = left
        else:
            days = (dt.date(year, 12, 31) - max(start, dt.date(year, 1, 1))).days + 1
            share = amount * days // total
        left -= share
        if share:
            yield year, share


def _emit_project(
    world: _World,
    lead: _Org,
    title: str,
    focus: str,
    place: _Place,
    start: dt.date,
    end: dt.date,
    target: int,
    reached: str,
    status: ProjectStatus,
    others: list[_Org],
    sources: dict[tuple[str, Mechanism], int],
) -> None:
    """Write one project with its participations and fundings, and note who worked together."""
    code = f"PRJ-{start.year}-{len(world.projects) + 1:06d}"
    world.projects.append(
        {
            "code": code,
            "title": title,
            "focus_area": focus,
            "kato": place.kato,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "budget_kzt": str(sum(sources.values())),
            "beneficiaries_target": str(target),
            "beneficiaries_reached": reached,
            "status": status.value,
        }
    )
    lead.led += 1
    roles = [(lead, Role.ACCOUNTABLE.value)]
    rng = world.rng
    for other in others:
        role = rng.choices((Role.IMPLEMENTING, Role.PARTNER, Role.EXTENDING), (48, 48, 4))[0]
        roles.append((other, role.value))
    for funder, _mechanism in sources:
        donor = world.foundations.get(funder)
        if donor is not None and len(roles) < 5 and all(o is not donor for o, _ in roles):
            roles.append((donor, Role.FUNDING.value))
    for org, role in roles:
        world.participations.append({"project_code": code, "org_bin": org.bin, "role": role})
    for (funder, mechanism), amount in sources.items():
        for year, share in _yearly(amount, start, end):
            world.fundings.append(
                {
                    "funder": funder,
                    "project_code": code,
                    "amount_kzt": str(share),
                    "mechanism": mechanism.value,
                    "year": str(year),
                }
            )
    for pair in combinations(sorted(o.index for o, _ in roles), 2):
        count, first = world.shared.get(pair, (0, start))
        world.shared[pair] = (count + 1, min(first, start))


def _title(rng: random.Random, org: _Org, focus: str, place: _Place) -> str:
    ru, kk = rng.choice(_TITLES[focus])
    title = kk if org.kazakh else ru
    if rng.random() < 0.3:
        title = f"{title} ({place.name_kk if org.kazakh else place.name})"
    return title


def _generic_project(world: _World, lead: _Org, year: int, within_year: bool = False) -> None:
    rng = world.rng
    start = _day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
    days = rng.choices(((30, 120), (150, 330), (400, 700)), (30, 55, 15))[0]
    end = min(start + dt.timedelta(days=rng.randint(*days)), LAST_DAY)
    if within_year:
        end = min(end, dt.date(year, 12, 31))
    focus_codes = rng.sample(lead.focus, 2 if len(lead.focus) > 1 and rng.random() < 0.2 else 1)
    place = _project_place(rng, lead)
    budget = _budget(rng, lead)
    target = max(5, round(budget / rng.uniform(8_000, 60_000)))
    status = _status(rng, start, end)
    _emit_project(
        world,
        lead,
        _title(rng, lead, focus_codes[0], place),
        ";".join(sorted(focus_codes)),
        place,
        start,
        end,
        target,
        _reached(rng, lead, status, start, end, target),
        status,
        _co_participants(world, lead, place),
        _funding_sources(world, lead, budget),
    )


def _club_projects(world: _World, club: _Org) -> None:
    """One self-funded project a year, and the article's 143 million tenge in 2018."""
    for year in range(FIRST_PROJECT_YEAR, LAST_PROJECT_YEAR + 1):
        if year != 2018:
            _generic_project(world, club, year, within_year=True)
            continue
        for title, focus, start, end, target, reached, sources in _CLUB_2018:
            amounts = {
                (funder or club.bin, mechanism): amount for funder, mechanism, amount in sources
            }
            _emit_project(
                world,
                club,
                title,
                focus,
                club.place,
                start,
                end,
                target,
                str(reached),
                ProjectStatus.COMPLETED,
                [],
                amounts,
            )


def _all_projects(world: _World) -> None:
    rng = world.rng
    for org in world.orgs:
        if org.bin == _CLUB.bin:
            _club_projects(world, org)
            continue
        first = org.first_project_year
        if org.profile == "dormant":
            years = [rng.randint(first, max(first, 2019)) for _ in range(org.projects)]
        else:
            years = [rng.randint(first, LAST_PROJECT_YEAR) for _ in range(org.projects)]
        for year in sorted(years):
            _generic_project(world, org, year)


# -- partnerships --------------------------------------------------------------------------------


class _Ties:
    """Partnerships keyed by unordered pair; the first reason to meet wins."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.edges: dict[tuple[int, int], Row] = {}

    def add(self, a: _Org, b: _Org, basis: str, around: dt.date | None = None) -> None:
        key = (min(a.index, b.index), max(a.index, b.index))
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
            until = end.isoformat() if end < TODAY else ""
        low, high = sorted((a.bin, b.bin))
        self.edges[key] = {
            "org_bin_a": low,
            "org_bin_b": high,
            "since": since.isoformat(),
            "basis": basis,
            "until": until,
        }


def _partnerships(world: _World) -> list[Row]:
    rng = world.rng
    ties = _Ties(rng)
    orgs = world.orgs
    # (1) working together on projects, more likely the more projects were shared
    for (a, b), (count, first) in world.shared.items():
        if rng.random() < 1 - 0.6**count:
            basis = "joint_project" if rng.random() < 0.75 else "memorandum"
            ties.add(orgs[a], orgs[b], basis, around=first)
    all_youth = [o for pool in world.youth_by_area.values() for o in pool]
    for org in orgs:
        if org.kind is OrgKind.VETERANS_UNION and all_youth:
            _mentor_youth(world, ties, org, all_youth)
        elif org.kind is OrgKind.RESOURCE_CENTER:
            _resource_centre_ties(world, ties, org)
        elif _experienced_urban(org):
            _urban_rural_ties(world, ties, org)
    # (5) noise: acquaintances with no recorded reason
    for _ in range(len(orgs) // 25):
        a = rng.choice(world.everyone)
        pool = world.by_area[a.area.kato] if rng.random() < 0.6 else world.everyone
        ties.add(a, rng.choice(pool), "informal")
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

_OKRUG_AKIMATS = frozenset(p.kato for p in _PLACES if p.type is _RO)


def _supports(world: _World) -> list[Row]:
    """District and city akimats back active organisations at home, youth groups above all."""
    rng = world.rng
    rows = [_support(REGION_KATO, _HOUSE.bin, 2018, "premises")]
    for org in world.orgs:
        if org.led == 0 or org.profile == "dormant" or org.bin in (_HOUSE.bin, _CLUB.bin):
            continue
        chance = 0.35 if org.kind is OrgKind.YOUTH_GROUP else 0.08
        if rng.random() >= chance * (1.0 if org.urban else 1.5):
            continue
        on_site = org.place.kato in _OKRUG_AKIMATS and rng.random() < 0.3
        akimat = org.place.kato if on_site else org.area.kato
        first = max(org.founded, 2019 if org.kind is OrgKind.YOUTH_GROUP else 2012)
        forms = _SUPPORT_FORMS[:-1] if org.profile == "self" else _SUPPORT_FORMS
        form = rng.choices(forms, _SUPPORT_FORM_WEIGHTS[: len(forms)])[0]
        rows.append(_support(akimat, org.bin, rng.randint(min(first, 2025), 2025), form))
    return rows


def _support(kato: str, bin_: str, since_year: int, form: str) -> Row:
    return {
        "akimat_code": _akimat_code(kato),
        "org_bin": bin_,
        "since_year": str(since_year),
        "form": form,
    }


def _people(world: _World) -> list[Row]:
    """About 1.15 people per organisation, placed where the volunteers and staff are."""
    rng = world.rng
    cumulative = list(accumulate(1 + o.volunteers + 2 * o.staff for o in world.orgs))
    count = round(len(world.orgs) * 1.15)
    rows: list[Row] = []
    for number, home in enumerate(rng.choices(world.orgs, cum_weights=cumulative, k=count), 1):
        person_id = f"p-{number:05d}"
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_INITIALS)}."
        rows.append(_membership(rng, person_id, name, home))
        if rng.random() < 0.15:
            other = rng.choice(world.by_area[home.area.kato] or world.everyone)
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
        "since": since.isoformat(),
    }


# -- public API ----------------------------------------------------------------------------------


def _conform(table: Table, rows: list[Row]) -> list[Row]:
    """Exactly the table's columns, in its order: one the demo knows nothing of stays empty."""
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
        "organizations": [o.row for o in world.orgs],
        "projects": world.projects,
        "participations": world.participations,
        "fundings": world.fundings,
        "partnerships": _partnerships(world),
        "supports": _supports(world),
        "people": _people(world),
    }
    return {table.name: _conform(table, tables[table.name]) for table in TABLES}
