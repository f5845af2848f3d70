"""The import contract: which tables exist, their columns, and how each cell is parsed.

One ``Table`` per file (``organizations.csv`` or ``organizations.xlsx``). Cells arrive as text
(XLSX values are turned into the text a CSV would hold); parsers raise ``ValueError`` whose message
is shown to the coordinator as ``file:line: column: message``. More columns than these are allowed
and kept as properties (see ``EXTRA_COLUMN``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.identifiers import normalize_bin
from graph.rules import (
    Parser,
    boolean,
    code,
    consent,
    date,
    enum,
    focus_codes,
    kato,
    number,
    organization_key,
    quantity,
    skill,
    skills,
    text,
    timestamp,
    whole,
    year,
)
from graph.sources import parse_dates, parse_titles, parse_urls
from graph.vocab import (
    AkimatLevel,
    GiverKind,
    LegalForm,
    Mechanism,
    NeedStatus,
    OfferCategory,
    OfferStatus,
    OrgKind,
    PersonRelation,
    ProjectStatus,
    Role,
    ServiceKind,
    Settlement,
    SupportKind,
    TerritoryType,
    Urgency,
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


def skill_list(value: str) -> list[str]:
    return skills(split_list(value))


def organization_list(value: str) -> list[str]:
    """Organisation keys, each once, sorted (so a re-import compares equal)."""
    return sorted({organization_key(part) for part in split_list(value)})


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

    def header_name(self, cell: str) -> str:
        """The column a header cell names: its own name or a Russian/Kazakh alias
        (:data:`HEADER_ALIASES`); anything else as written, lower-cased, to be named in errors."""
        key = header_key(cell)
        return _ALIASES[self.name].get(
            key, key if key in self.column_names else cell.strip().lower()
        )

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, parse: Parser, required: bool = False) -> Column:
    return Column(name, parse, required)


SOURCE_COLUMNS = (
    _c("source_url", parse_urls),
    _c("source_title", parse_titles),
    _c("source_date", parse_dates),
)
"""Where a relationship's fact came from (graph.sources): parts separated by ``|``, in order."""


TERRITORIES = Table(
    "territories",
    (
        _c("kato", kato, True),
        _c("name", text, True),
        _c("type", enum(TerritoryType), True),
        _c("parent_kato", kato),
        _c("settlement", enum(Settlement)),
        _c("population", whole),
        _c("name_ru", text),
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
        _c("name_ru", text),
        _c("name_kk", text),
    ),
    key=("code",),
)
ORGANIZATIONS = Table(
    "organizations",
    (
        _c("bin", organization_key, True),
        _c("name", text, True),
        _c("kind", enum(OrgKind), True),
        _c("legal_form", enum(LegalForm), True),
        _c("kato", kato, True),
        _c("founded_year", year),
        _c("focus_areas", focus_list),
        _c("staff", whole),
        _c("volunteers", whole),
        _c("name_ru", text),
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
        _c("title_ru", text),
        _c("title_kk", text),
    ),
    key=("code",),
)
PARTICIPATIONS = Table(
    "participations",
    (
        _c("project_code", code, True),
        _c("org_bin", organization_key, True),
        _c("role", enum(Role), True),
        *SOURCE_COLUMNS,
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
        _c("disbursed_kzt", whole),
        _c("committed_on", date),
        _c("disbursed_on", date),
        *SOURCE_COLUMNS,
    ),
    key=("funder", "project_code", "mechanism", "year"),
)
"""``amount_kzt`` is the amount committed (also headed ``committed_kzt``); ``disbursed_kzt`` what
of it was paid, empty when no payment is recorded."""
PARTNERSHIPS = Table(
    "partnerships",
    (
        _c("org_bin_a", organization_key, True),
        _c("org_bin_b", organization_key, True),
        _c("since", date),
        _c("basis", text),
        _c("until", date),
        *SOURCE_COLUMNS,
    ),
    key=("org_bin_a", "org_bin_b"),
)
SUPPORTS = Table(
    "supports",
    (
        _c("akimat_code", code, True),
        _c("org_bin", organization_key, True),
        _c("kind", enum(SupportKind)),
        _c("since", date),
        _c("until", date),
        _c("amount_kzt", whole),
        _c("note", text),
        _c("since_year", year),
        _c("form", text),
        *SOURCE_COLUMNS,
    ),
    key=("akimat_code", "org_bin", "kind", "since"),
)
"""``since_year`` and ``form`` are the columns of files written before support kinds: read, never
written (:func:`support_values` turns them into ``since`` and ``kind``)."""
OLDER_SUPPORT_COLUMNS = ("since_year", "form")


def _in_words(form: str | None) -> bool:
    """A ``form`` that says more than ``other``."""
    return bool(form and form.strip().lower() != SupportKind.OTHER.value)


def support_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A supports row's ``kind``, ``since`` and ``note``, with what an older file says instead:
    no ``kind`` takes it from ``form`` (:meth:`SupportKind.of_form`; ``other`` when neither
    says), no ``since`` is 1 January of ``since_year`` (empty when neither says), and a
    ``form`` in other words is kept as the ``note`` when the row has none."""
    form = values.get("form")
    kind = values.get("kind") or SupportKind.of_form(form) or SupportKind.OTHER
    since = values.get("since")
    if since is None and values.get("since_year") is not None:
        since = dt.date(values["since_year"], 1, 1)
    note = values.get("note")
    if note is None and not values.get("kind") and kind is SupportKind.OTHER and _in_words(form):
        note = form
    return {"kind": str(kind), "since": since, "note": note}


PEOPLE = Table(
    "people",
    (
        _c("person_id", code, True),
        _c("display_name", text, True),
        _c("org_bin", organization_key, True),
        _c("relation", enum(PersonRelation), True),
        _c("since", date),
    ),
    key=("person_id", "org_bin", "relation"),
)

INDICATORS = Table(
    "indicators",
    (
        _c("project_code", code, True),
        _c("code", code, True),
        _c("title", text, True),
        _c("unit", text),
        _c("baseline", number),
        _c("target", number),
        _c("actual", number),
        _c("period_start", date, True),
        _c("period_end", date, True),
    ),
    key=("project_code", "code", "period_start", "period_end"),
)
"""A project's result indicators, one row per indicator and reporting period."""


# -- the House of NGOs hub (docs/data-model.md, "The House of NGOs hub") ---------------------------

OFFERS = Table(
    "offers",
    (
        _c("code", code, True),
        _c("category", enum(OfferCategory), True),
        _c("skill", skill),
        _c("title", text, True),
        _c("quantity", quantity, True),
        _c("unit", text, True),
        _c("value_kzt", whole),
        _c("kato", kato, True),
        _c("giver_kind", enum(GiverKind), True),
        _c("giver_bin", organization_key),
        _c("giver_code", code),
        _c("giver_name", text),
        _c("giver_contact", text),
        _c("consent", consent),
        _c("available_from", date),
        _c("available_until", date),
        _c("status", enum(OfferStatus)),
        _c("giver_erased_at", timestamp),
    ),
    key=("code",),
)
"""What a giver offers. ``giver_bin`` names an organisation or a business, ``giver_code`` an
akimat; a citizen's ``giver_name``/``giver_contact`` are kept only with ``consent``."""
NEEDS = Table(
    "needs",
    (
        _c("code", code, True),
        _c("org_bin", organization_key, True),
        _c("project_code", code),
        _c("category", enum(OfferCategory), True),
        _c("skill", skill),
        _c("title", text, True),
        _c("quantity", quantity, True),
        _c("unit", text, True),
        _c("kato", kato, True),
        _c("urgency", enum(Urgency), True),
        _c("opened_on", date, True),
        _c("needed_by", date),
        _c("status", enum(NeedStatus)),
    ),
    key=("code",),
)
HANDOVERS = Table(
    "handovers",
    (
        _c("offer_code", code, True),
        _c("need_code", code, True),
        _c("date", date, True),
        _c("quantity", quantity, True),
        _c("value_kzt", whole),
    ),
    key=("offer_code", "need_code", "date"),
)
"""An offer, or part of it, given to a need: ``GIVEN_TO`` (statuses follow from the sums)."""
VOLUNTEERS = Table(
    "volunteers",
    (
        _c("id", code, True),
        _c("display_name", text),
        _c("kato", kato, True),
        _c("skills", skill_list),
        _c("hours_per_month", whole),
        _c("consent", consent, True),
        _c("org_bins", organization_list),
        _c("erased_at", timestamp),
    ),
    key=("id",),
)
SERVICES = Table(
    "services",
    (
        _c("code", code, True),
        _c("provider_bin", organization_key, True),
        _c("recipient_bin", organization_key, True),
        _c("kind", enum(ServiceKind), True),
        _c("topic", text, True),
        _c("date", date, True),
        _c("hours", number, True),
        _c("participants", whole),
    ),
    key=("code",),
)
HUB_TABLES: tuple[Table, ...] = (OFFERS, NEEDS, HANDOVERS, VOLUNTEERS, SERVICES)

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
    INDICATORS,
    *HUB_TABLES,
)
"""In dependency order: a table refers only to tables before it."""

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# -- headers in Russian and Kazakh ---------------------------------------------------------------

COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "kato": ("КАТО", "Код КАТО", "ӘАОЖ", "ӘАОЖ коды"),
    "name": ("Наименование", "Название", "Атауы"),
    "name_ru": (
        "Наименование на русском",
        "Наименование на русском языке",
        "Название на русском",
        "Атауы (орысша)",
        "Орысша атауы",
    ),
    "name_kk": (
        "Наименование на казахском",
        "Наименование на казахском языке",
        "Название на казахском",
        "Атауы (қазақша)",
        "Қазақша атауы",
    ),
    "aliases": ("Другие названия", "Прежние названия", "Басқа атаулары"),
    "org_bin": ("БИН", "БИН организации", "БСН", "Ұйымның БСН"),
    "project_code": ("Код проекта", "Жоба коды"),
    "source_url": ("Источник", "Ссылка на источник", "Дереккөз", "Дереккөз сілтемесі"),
    "source_title": ("Название источника", "Документ", "Дереккөз атауы", "Құжат атауы"),
    "source_date": ("Дата источника", "Дата документа", "Дереккөз күні", "Құжат күні"),
}
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "territories": {
        "type": ("Тип", "Тип территории", "Түрі", "Аумақ түрі"),
        "parent_kato": ("КАТО родителя", "Вышестоящий КАТО", "Жоғары тұрған ӘАОЖ"),
        "settlement": ("Тип поселения", "Елді мекен түрі"),
        "population": ("Население", "Численность населения", "Халық саны"),
    },
    "akimats": {
        "code": ("Код", "Код акимата", "Әкімдік коды", "Коды"),
        "level": ("Уровень", "Деңгейі"),
    },
    "organizations": {
        "bin": ("БИН", "БСН"),
        "kind": ("Вид организации", "Вид", "Ұйым түрі", "Түрі"),
        "legal_form": (
            "Организационно-правовая форма",
            "ОПФ",
            "Ұйымдық-құқықтық нысаны",
            "ҰҚН",
        ),
        "founded_year": ("Год основания", "Год регистрации", "Құрылған жылы"),
        "focus_areas": ("Направления деятельности", "Направления", "Қызмет бағыттары"),
        "staff": ("Штат", "Сотрудники", "Количество сотрудников", "Қызметкерлер саны"),
        "volunteers": ("Волонтеры", "Количество волонтеров", "Еріктілер саны"),
        "synthetic": ("Синтетическая", "Синтетикалық"),
        "archived": ("В архиве", "Архив", "Мұрағатта"),
    },
    "projects": {
        "code": ("Код проекта", "Код", "Жоба коды"),
        "title": (
            "Название проекта",
            "Наименование проекта",
            "Название",
            "Наименование",
            "Жоба атауы",
            "Атауы",
        ),
        "focus_area": ("Направление", "Направления", "Бағыты"),
        "start_date": ("Дата начала", "Басталған күні"),
        "end_date": ("Дата окончания", "Аяқталған күні"),
        "budget_kzt": ("Бюджет", "Бюджет, тенге", "Бюджеті", "Бюджеті, теңге"),
        "beneficiaries_target": ("Целевое число благополучателей", "Мақсатты алушылар саны"),
        "beneficiaries_reached": ("Охвачено благополучателей", "Қамтылған алушылар саны"),
        "status": ("Статус", "Мәртебесі"),
        "title_ru": (
            "Название проекта на русском",
            "Название на русском",
            "Жоба атауы (орысша)",
            "Атауы (орысша)",
        ),
        "title_kk": (
            "Название проекта на казахском",
            "Название на казахском",
            "Жоба атауы (қазақша)",
            "Атауы (қазақша)",
        ),
    },
    "participations": {"role": ("Роль", "Рөлі")},
    "fundings": {
        "funder": ("Источник финансирования", "Финансирующая сторона", "Қаржыландырушы"),
        "amount_kzt": (
            "committed_kzt",
            "Сумма",
            "Сумма, тенге",
            "Сумма по договору",
            "Сомасы",
            "Сомасы, теңге",
            "Шарт сомасы",
        ),
        "mechanism": ("Механизм", "Механизм финансирования", "Тетігі"),
        "year": ("Год", "Жылы"),
        "disbursed_kzt": ("Перечислено", "Перечислено, тенге", "Аударылды", "Аударылды, теңге"),
        "committed_on": ("Дата договора", "Шарт күні"),
        "disbursed_on": ("Дата перечисления", "Аударылған күні"),
    },
    "partnerships": {
        "org_bin_a": ("БИН организации А", "БИН 1", "1-ұйымның БСН"),
        "org_bin_b": ("БИН организации Б", "БИН 2", "2-ұйымның БСН"),
        "since": ("Дата начала", "С", "Басталған күні"),
        "basis": ("Основание", "Негізі"),
        "until": ("Дата окончания", "По", "Аяқталған күні"),
    },
    "supports": {
        "akimat_code": ("Код акимата", "Әкімдік коды"),
        "kind": ("Вид поддержки", "Қолдау түрі"),
        "since": ("Дата начала", "С даты", "Басталған күні"),
        "until": ("Дата окончания", "По дату", "Аяқталған күні"),
        "amount_kzt": ("Сумма", "Сумма, тенге", "Сомасы", "Сомасы, теңге"),
        "note": ("Примечание", "Ескертпе"),
        "since_year": ("Год начала", "С года", "Басталған жылы"),
        "form": ("Форма поддержки", "Қолдау нысаны"),
    },
    "people": {
        "person_id": ("ID лица", "Идентификатор", "Тұлға ID"),
        "display_name": ("ФИО", "Аты-жөні"),
        "relation": ("Связь с организацией", "Роль в организации", "Байланысы"),
        "since": ("С даты", "Дата начала", "Бастап"),
    },
    "indicators": {
        "code": ("Код показателя", "Көрсеткіш коды"),
        "title": ("Показатель", "Наименование показателя", "Көрсеткіш", "Көрсеткіш атауы"),
        "unit": ("Единица измерения", "Ед. изм.", "Өлшем бірлігі"),
        "baseline": ("Базовое значение", "Базалық мән"),
        "target": ("Целевое значение", "План", "Нысаналы мән", "Жоспар"),
        "actual": ("Фактическое значение", "Факт", "Нақты мән"),
        "period_start": ("Начало периода", "Кезеңнің басы"),
        "period_end": ("Конец периода", "Кезеңнің соңы"),
    },
    "offers": {
        "code": ("Код предложения", "Ұсыныс коды"),
        "category": ("Категория", "Санаты"),
        "skill": ("Навык", "Дағды"),
        "title": ("Что предлагается", "Название", "Не ұсынылады", "Атауы"),
        "quantity": ("Количество", "Саны"),
        "unit": ("Единица измерения", "Ед. изм.", "Өлшем бірлігі"),
        "value_kzt": ("Стоимость", "Стоимость, тенге", "Құны", "Құны, теңге"),
        "giver_kind": ("Тип дарителя", "Берушінің түрі"),
        "giver_bin": ("БИН дарителя", "Берушінің БСН"),
        "giver_code": ("Код акимата дарителя", "Беруші әкімдіктің коды"),
        "giver_name": ("Даритель", "Имя дарителя", "Беруші", "Берушінің аты"),
        "giver_contact": ("Контакт дарителя", "Берушінің байланысы"),
        "consent": ("Согласие", "Келісім"),
        "available_from": ("Доступно с", "Қашаннан бастап"),
        "available_until": ("Доступно до", "Қашанға дейін"),
        "status": ("Статус", "Мәртебесі"),
        "giver_erased_at": ("Данные дарителя удалены", "Беруші деректері өшірілген"),
    },
    "needs": {
        "code": ("Код потребности", "Қажеттілік коды"),
        "category": ("Категория", "Санаты"),
        "skill": ("Навык", "Дағды"),
        "title": ("Что нужно", "Название", "Не қажет", "Атауы"),
        "quantity": ("Количество", "Саны"),
        "unit": ("Единица измерения", "Ед. изм.", "Өлшем бірлігі"),
        "urgency": ("Срочность", "Шұғылдығы"),
        "opened_on": ("Дата обращения", "Ашылған күні"),
        "needed_by": ("Нужно к", "Срок", "Мерзімі"),
        "status": ("Статус", "Мәртебесі"),
    },
    "handovers": {
        "offer_code": ("Код предложения", "Ұсыныс коды"),
        "need_code": ("Код потребности", "Қажеттілік коды"),
        "date": ("Дата передачи", "Дата", "Берілген күні", "Күні"),
        "quantity": ("Количество", "Саны"),
        "value_kzt": ("Стоимость", "Стоимость, тенге", "Құны", "Құны, теңге"),
    },
    "volunteers": {
        "id": ("ID волонтера", "Идентификатор", "Ерікті ID"),
        "display_name": ("ФИО", "Имя", "Аты-жөні"),
        "skills": ("Навыки", "Дағдылары"),
        "hours_per_month": ("Часов в месяц", "Айына сағат"),
        "consent": ("Согласие", "Келісім"),
        "org_bins": ("БИН организаций", "Ұйымдардың БСН"),
        "erased_at": ("Данные удалены", "Деректер өшірілген"),
    },
    "services": {
        "code": ("Код услуги", "Қызмет коды"),
        "provider_bin": ("БИН поставщика", "БИН ресурсного центра", "Қызмет көрсетушінің БСН"),
        "recipient_bin": ("БИН получателя", "Алушының БСН"),
        "kind": ("Вид услуги", "Қызмет түрі"),
        "topic": ("Тема", "Тақырыбы"),
        "date": ("Дата", "Күні"),
        "hours": ("Часы", "Часов", "Сағат"),
        "participants": ("Участники", "Число участников", "Қатысушылар саны"),
    },
}
"""Header aliases per table and column, besides :data:`COMMON_ALIASES` (which every table with
that column accepts); matched by :func:`header_key`."""


def header_key(cell: str) -> str:
    """A header as compared: case, ``ё``/``е``, repeated spaces and a trailing ``*`` or ``:``
    (a "required" mark) do not matter."""
    return " ".join(cell.replace("ё", "е").replace("Ё", "Е").casefold().split()).rstrip("*: ")


def _alias_map(table: Table) -> dict[str, str]:
    found: dict[str, str] = {}
    for column in table.column_names:
        names = COMMON_ALIASES.get(column, ()) + HEADER_ALIASES[table.name].get(column, ())
        for alias in names:
            key = header_key(alias)
            if found.setdefault(key, column) != column or key in table.column_names:
                raise AssertionError(f"{table.name}: header alias {alias!r} is ambiguous")
            found[key] = column
    return found


_ALIASES: dict[str, dict[str, str]] = {t.name: _alias_map(t) for t in TABLES}
