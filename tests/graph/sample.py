"""A small hand-written region for importer tests: a few rows per table, every kind of link."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.db import Database

SAMPLE: dict[str, list[list[str]]] = {
    "territories": [
        ["kato", "name", "type", "parent_kato", "settlement", "population", "name_kk", "aliases"],
        ["550000000", "Павлодарская область", "region", "", "", "755000", "Павлодар облысы", ""],
        ["551010000", "г. Павлодар", "city", "550000000", "urban", "360000", "Павлодар қ.", ""],
        [
            "553610000",
            "Теренкольский район",
            "district",
            "550000000",
            "rural",
            "21000",
            "",
            "Качирский район",
        ],
        ["553630000", "Теренкольский с.о.", "rural_okrug", "553610000", "rural", "5000", "", ""],
    ],
    "akimats": [
        ["code", "name", "level", "kato"],
        ["akimat-550000000", "Акимат Павлодарской области", "region", "550000000"],
        ["akimat-553610000", "Акимат Теренкольского района", "district", "553610000"],
    ],
    "organizations": [
        [
            "bin",
            "name",
            "kind",
            "legal_form",
            "kato",
            "founded_year",
            "focus_areas",
            "staff",
            "volunteers",
            "website",
        ],
        [
            "940140000385",
            "Клуб добряков Павлодара",
            "volunteer_club",
            "public_association",
            "551010000",
            "2015",
            "social_support;housing_help",
            "4",
            "250",
            "https://example.kz",
        ],
        [
            "990140004654",
            "Союз ветеранов Афганистана",
            "veterans_union",
            "public_association",
            "551010000",
            "1999",
            "patriotic_education;veterans",
            "2",
            "40",
            "",
        ],
        [
            "180240012342",
            "Жастар Теренколь",
            "youth_group",
            "public_association",
            "553630000",
            "2018",
            "youth",
            "0",
            "12",
            "",
        ],
    ],
    "projects": [
        [
            "code",
            "title",
            "focus_area",
            "kato",
            "start_date",
            "end_date",
            "budget_kzt",
            "beneficiaries_target",
            "beneficiaries_reached",
        ],
        [
            "P-1",
            "Дом для семьи",
            "housing_help",
            "551010000",
            "2018-01-01",
            "2018-12-31",
            "143000000",
            "100",
            "120",
        ],
        [
            "P-2",
            "Наследники победы",
            "patriotic_education",
            "553610000",
            "2021-03-01",
            "2021-11-30",
            "2500000",
            "200",
            "150",
        ],
    ],
    "participations": [
        ["project_code", "org_bin", "role"],
        ["P-1", "940140000385", "accountable"],
        ["P-2", "990140004654", "accountable"],
        ["P-2", "180240012342", "implementing"],
    ],
    "fundings": [
        ["funder", "project_code", "amount_kzt", "mechanism", "year"],
        ["citizens", "P-1", "100000000", "in_kind", "2018"],
        ["940140000385", "P-1", "43000000", "own_income", "2018"],
        ["akimat-553610000", "P-2", "2500000", "state_social_order", "2021"],
    ],
    "partnerships": [
        ["org_bin_a", "org_bin_b", "since", "basis"],
        ["990140004654", "180240012342", "2019-05-09", "mentoring"],
    ],
    "supports": [
        ["akimat_code", "org_bin", "since_year", "form"],
        ["akimat-553610000", "180240012342", "2020", "premises"],
    ],
    "people": [
        ["person_id", "display_name", "org_bin", "relation", "since"],
        ["p-1", "Айгерим С.", "940140000385", "volunteer", "2019-01-01"],
        ["p-1", "Айгерим С.", "180240012342", "member", ""],
    ],
}


def write_sample(
    directory: Path, tables: dict[str, list[list[str]]] | None = None, *, delimiter: str = ","
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (tables or SAMPLE).items():
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
    return directory


def snapshot(db: Database) -> tuple[list[str], list[str]]:
    """Every node and relationship with properties as sorted text: equal graphs, equal lists."""
    nodes = db.read("MATCH (n) WHERE NOT n:Meta RETURN labels(n) AS labels, properties(n) AS props")
    rels = db.read(
        """MATCH (a)-[r]->(b)
           RETURN type(r) AS type, properties(r) AS props,
                  coalesce(a.bin, a.kato, a.code, a.id) AS a,
                  coalesce(b.bin, b.kato, b.code, b.id) AS b"""
    )
    return (
        sorted(f"{sorted(r['labels'])} {sorted(r['props'].items())}" for r in nodes),
        sorted(f"{r['a']} {r['type']} {r['b']} {sorted(r['props'].items())}" for r in rels),
    )


AKKULY = "552210000"
"""Akkuly district (Аккулинский район): a second district, for tokens limited to a territory."""
AKKULY_AKIMAT = "akimat-552210000"
AKKULY_ORG = "190240000003"
"""A youth group in the village of Akkuly."""
AKKULY_TABLES: dict[str, list[list[str]]] = {
    "territories": [
        ["kato", "name", "type", "parent_kato", "settlement", "name_kk"],
        [AKKULY, "Аккулинский район", "district", "550000000", "rural", "Аққулы ауданы"],
        ["552231100", "село Аккулы", "settlement", AKKULY, "rural", "Аққулы ауылы"],
    ],
    "akimats": [
        ["code", "name", "level", "kato"],
        [AKKULY_AKIMAT, "Акимат Аккулинского района", "district", AKKULY],
    ],
    "organizations": [
        ["bin", "name", "kind", "legal_form", "kato", "website", "volunteers"],
        [AKKULY_ORG, "Жастар Аккулы", "youth_group", "public_association", "552231100", "", "30"],
    ],
    "projects": [
        ["code", "title", "focus_area", "kato", "start_date", "end_date"],
        ["A-1", "Спорт в селе", "youth", "552231100", "2024-03-01", "2024-11-30"],
    ],
    "participations": [["project_code", "org_bin", "role"], ["A-1", AKKULY_ORG, "accountable"]],
}
"""Added to :data:`SAMPLE` by :func:`with_akkuly`."""


def with_akkuly(db: Database, directory: Path) -> Database:
    """The sample region and Akkuly district, imported."""
    from graph.importer import import_directory

    for path, tables in ((directory / "sample", None), (directory / "akkuly", AKKULY_TABLES)):
        result = import_directory(db, write_sample(path, tables))
        assert result.ok, result.errors
    return db
