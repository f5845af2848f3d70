"""Names in both languages, never mixed: `nameRu`/`nameKk` beside the registered `name`,
`displayName` in the reader's language, and `orderBy: NAME` by that language's alphabet."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.importer import import_directory, import_sources
from graph.importer.export import export_directory
from graph.importer.reader import MemorySource
from graph.importer.tables import AKIMATS, ORGANIZATIONS, PROJECTS, TERRITORIES
from tests.api.conftest import Api, valid_bin

BINS = [valid_bin(i) for i in range(9)]
# (name as registered, name_ru, name_kk)
NAMES = [
    ("Бірлік", "", ""),
    ('"Әділет" ҚБ', 'ОО "Справедливость"', '"Әділет" ҚБ'),
    ("Арман", "", ""),
    ("Ёлка", "", ""),
    ("Ерлан", "", ""),
    ("Елена", "", ""),
    ("Zhastar club", "", ""),
    ('ОО "Ясная поляна"', "Ясная поляна", "Айқын"),
    ("Әлем", "", ""),
]
IN_ORDER = {
    # Ә right after А, before Б; Ё its own letter after Е; Latin after Cyrillic
    "kk": ["Айқын", "Арман", '"Әділет" ҚБ', "Әлем", "Бірлік", "Елена", "Ерлан", "Ёлка",
           "Zhastar club"],
    # Ё with Е («Ёлка» is «Елка»: after «Елена», before «Ерлан»); Ә after А
    "ru": ["Арман", "Әлем", "Бірлік", "Елена", "Ёлка", "Ерлан", 'ОО "Справедливость"',
           "Ясная поляна", "Zhastar club"],
    # the registered names; Latin before Cyrillic
    "en": ["Zhastar club", "Арман", '"Әділет" ҚБ', "Әлем", "Бірлік", "Елена", "Ёлка", "Ерлан",
           'ОО "Ясная поляна"'],
}  # fmt: skip

ORGANIZATIONS_BY_NAME = """
query ($first: Int, $after: String, $last: Int, $before: String, $direction: SortDirection) {
  organizations(first: $first, after: $after, last: $last, before: $before,
                orderBy: {field: NAME, direction: $direction}) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { bin name nameRu nameKk displayName } }
  }
}"""


def _post(api: Api, query: str, variables: dict[str, Any], language: str) -> dict[str, Any]:
    response = api.client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-language"] == language
    body: dict[str, Any] = response.json()
    return body


def _data(api: Api, query: str, variables: dict[str, Any], language: str) -> Any:
    body = _post(api, query, variables, language)
    assert "errors" not in body, body["errors"]
    return body["data"]


def _region() -> list[MemorySource]:
    territories = [
        {"kato": "550000000", "name": "Павлодарская область", "type": "region",
         "name_ru": "Павлодарская область", "name_kk": "Павлодар облысы"},
        {"kato": "551010000", "name": "г. Павлодар", "type": "city", "parent_kato": "550000000",
         "settlement": "urban", "name_ru": "г. Павлодар", "name_kk": "Павлодар қаласы"},
    ]  # fmt: skip
    akimats = [
        {"code": "akimat-551010000", "name": "Акимат города Павлодара", "level": "city",
         "kato": "551010000", "name_kk": "Павлодар қаласының әкімдігі"},
    ]  # fmt: skip
    orgs = [
        {"bin": b, "name": name, "name_ru": ru, "name_kk": kk, "kind": "ngo",
         "legal_form": "public_association", "kato": "551010000"}
        for b, (name, ru, kk) in zip(BINS, NAMES, strict=True)
    ]  # fmt: skip
    projects = [
        {"code": code, "title": title, "title_ru": ru, "title_kk": kk, "focus_area": "youth",
         "kato": "551010000", "start_date": "2024-01-01"}
        for code, title, ru, kk in [
            ("P-1", "Жастар форумы", "Молодёжный форум", "Жастар форумы"),
            ("P-2", "Ёлка желаний", "Ёлка желаний", ""),
            ("P-3", "Әже мектебі", "", "Әже мектебі"),
            ("P-4", "Бақыт", "", ""),
        ]
    ]  # fmt: skip
    return [
        MemorySource(TERRITORIES, territories),
        MemorySource(AKIMATS, akimats),
        MemorySource(ORGANIZATIONS, orgs),
        MemorySource(PROJECTS, projects),
    ]


@pytest.fixture
def region(db: Database) -> Database:
    result = import_sources(db, _region())
    assert result.ok, result.errors
    return db


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_order_by_name_is_the_alphabet_of_the_language(
    api: Api, region: Database, language: str
) -> None:
    edges = _data(api, ORGANIZATIONS_BY_NAME, {"first": 20}, language)["organizations"]["edges"]
    assert [e["node"]["displayName"] for e in edges] == IN_ORDER[language]
    descending = _data(api, ORGANIZATIONS_BY_NAME, {"first": 20, "direction": "DESC"}, language)
    names = [e["node"]["displayName"] for e in descending["organizations"]["edges"]]
    assert names == IN_ORDER[language][::-1]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_small_pages_walk_the_same_order_forwards_and_backwards(
    api: Api, region: Database, language: str
) -> None:
    def walk(backward: bool) -> list[str]:
        seen: list[str] = []
        cursor = None
        while True:
            variables = {"last": 2, "before": cursor} if backward else {"first": 2, "after": cursor}
            page = _data(api, ORGANIZATIONS_BY_NAME, variables, language)["organizations"]
            names = [e["node"]["displayName"] for e in page["edges"]]
            seen = names + seen if backward else seen + names
            info = page["pageInfo"]
            if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
                return seen
            cursor = info["startCursor"] if backward else info["endCursor"]

    assert walk(backward=False) == walk(backward=True) == IN_ORDER[language]


def test_a_cursor_of_one_language_is_refused_in_another(api: Api, region: Database) -> None:
    kazakh = _data(api, ORGANIZATIONS_BY_NAME, {"first": 3}, "kk")["organizations"]
    cursor = kazakh["pageInfo"]["endCursor"]
    body = _post(api, ORGANIZATIONS_BY_NAME, {"first": 3, "after": cursor}, "ru")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "after"
    assert "другого порядка" in error["message"]
    in_kazakh = _data(api, ORGANIZATIONS_BY_NAME, {"first": 3, "after": cursor}, "kk")
    names = [e["node"]["displayName"] for e in in_kazakh["organizations"]["edges"]]
    assert names == IN_ORDER["kk"][3:6]
    by_year = """query ($after: String) {
      organizations(first: 3, after: $after, orderBy: {field: FOUNDED_YEAR}) { totalCount }
    }"""
    body = _post(api, by_year, {"after": cursor}, "kk")
    assert body["errors"][0]["extensions"]["field"] == "after"


def test_names_in_both_languages_and_the_display_name(api: Api, region: Database) -> None:
    query = """{
      organization(bin: "%s") { name nameRu nameKk displayName }
      territory(kato: "551010000") {
        name nameRu nameKk displayName
        akimats { name nameRu nameKk displayName }
        organizations(first: 20) { edges { node { displayName } } }
      }
      project(code: "P-1") { title titleRu titleKk displayTitle }
      p3: project(code: "P-3") { displayTitle }
    }""" % BINS[7]  # noqa: UP031
    shown = {lang: _data(api, query, {}, lang) for lang in ("kk", "ru", "en")}
    org = shown["en"]["organization"]
    assert org == {"name": 'ОО "Ясная поляна"', "nameRu": "Ясная поляна", "nameKk": "Айқын",
                   "displayName": 'ОО "Ясная поляна"'}  # fmt: skip
    assert shown["kk"]["organization"]["displayName"] == "Айқын"
    assert shown["ru"]["organization"]["displayName"] == "Ясная поляна"
    assert [shown[lang]["territory"]["displayName"] for lang in ("kk", "ru", "en")] == [
        "Павлодар қаласы", "г. Павлодар", "г. Павлодар",
    ]  # fmt: skip
    akimat = shown["kk"]["territory"]["akimats"][0]
    assert akimat["nameRu"] is None and akimat["displayName"] == "Павлодар қаласының әкімдігі"
    assert shown["ru"]["territory"]["akimats"][0]["displayName"] == "Акимат города Павлодара"
    assert shown["ru"]["project"] == {"title": "Жастар форумы", "titleRu": "Молодёжный форум",
                                      "titleKk": "Жастар форумы",
                                      "displayTitle": "Молодёжный форум"}  # fmt: skip
    assert shown["kk"]["project"]["displayTitle"] == "Жастар форумы"
    assert shown["ru"]["p3"]["displayTitle"] == "Әже мектебі"  # no Russian title: as recorded
    # a nested list by name follows the reader's alphabet too
    for language in ("kk", "ru"):
        listed = shown[language]["territory"]["organizations"]["edges"]
        assert [e["node"]["displayName"] for e in listed] == IN_ORDER[language]


def test_projects_by_title_in_each_alphabet(api: Api, region: Database) -> None:
    query = """{ projects(first: 10, orderBy: {field: TITLE, direction: ASC}) {
      edges { node { displayTitle } } } }"""
    titles = {
        lang: [e["node"]["displayTitle"] for e in _data(api, query, {}, lang)["projects"]["edges"]]
        for lang in ("kk", "ru")
    }
    assert titles["kk"] == ["Әже мектебі", "Бақыт", "Ёлка желаний", "Жастар форумы"]
    assert titles["ru"] == ["Әже мектебі", "Бақыт", "Ёлка желаний", "Молодёжный форум"]


ADD = """mutation($input: AddOrganizationInput!) {
  addOrganization(input: $input) { organization { bin nameRu nameKk displayName } }
}"""
EDIT = """mutation($input: EditOrganizationInput!) {
  editOrganization(input: $input) { organization { nameRu nameKk displayName } }
}"""


def test_edits_set_and_clear_each_language_and_keep_the_order(
    api: Api, region: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    new = {"bin": valid_bin(50), "name": 'ОО "Вектор"', "nameRu": 'ОО "Вектор"',
           "nameKk": "Әлия", "kind": "NGO", "legalForm": "PUBLIC_ASSOCIATION",
           "territory": "551010000"}  # fmt: skip
    added = api.data(ADD, {"input": new}, token=token)["addOrganization"]["organization"]
    assert added["nameRu"] == 'ОО "Вектор"' and added["nameKk"] == "Әлия"

    def kazakh_order() -> list[str]:
        edges = _data(api, ORGANIZATIONS_BY_NAME, {"first": 20}, "kk")["organizations"]["edges"]
        return [e["node"]["displayName"] for e in edges]

    assert kazakh_order().index("Әлия") == kazakh_order().index("Әлем") + 1
    change = {"organization": new["bin"], "nameKk": "Бота"}
    edited = api.data(EDIT, {"input": change}, token=token)["editOrganization"]["organization"]
    assert edited == {"nameRu": 'ОО "Вектор"', "nameKk": "Бота", "displayName": 'ОО "Вектор"'}
    assert kazakh_order()[3:6] == ["Әлем", "Бота", "Бірлік"]  # О before І in Kazakh
    cleared = {"organization": new["bin"], "nameKk": ""}
    edited = api.data(EDIT, {"input": cleared}, token=token)["editOrganization"]["organization"]
    assert edited["nameKk"] is None
    assert kazakh_order()[-2:] == ['ОО "Вектор"', "Zhastar club"]  # the registered name
    after = region.read(
        "MATCH (r:AuditRecord {target: $bin}) RETURN r.after AS after ORDER BY r.at", bin=new["bin"]
    )
    assert ['"name_kk": "Әлия"' in r["after"] for r in after] == [True, False, False]


def test_project_titles_are_edited_apart(
    api: Api, region: Database, tokens: dict[str, str]
) -> None:
    edit = """mutation($input: EditProjectInput!) {
      editProject(input: $input) { project { title titleRu titleKk } }
    }"""
    change = {"project": "P-4", "titleRu": "Счастье", "titleKk": "Бақыт"}
    done = api.data(edit, {"input": change}, token=tokens["coordinator"])["editProject"]
    assert done["project"] == {"title": "Бақыт", "titleRu": "Счастье", "titleKk": "Бақыт"}
    query = """{ projects(first: 10, orderBy: {field: TITLE, direction: ASC}) {
      edges { node { displayTitle } } } }"""
    titles = [e["node"]["displayTitle"] for e in _data(api, query, {}, "ru")["projects"]["edges"]]
    assert titles == ["Әже мектебі", "Ёлка желаний", "Молодёжный форум", "Счастье"]
    found = api.data('{ searchAll(query: "Schaste") { matchedName } }')["searchAll"]
    assert found and found[0]["matchedName"] == "Счастье"


def test_export_and_import_round_trip_the_names(region: Database, tmp_path: Path) -> None:
    export_directory(region, tmp_path / "out")
    with (tmp_path / "out" / "organizations.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["bin"]: r for r in csv.DictReader(handle)}
    assert (rows[BINS[7]]["name_ru"], rows[BINS[7]]["name_kk"]) == ("Ясная поляна", "Айқын")
    assert not {"sort_kk", "sort_ru", "sort_en", "search_text"} & set(rows[BINS[7]])
    with (tmp_path / "out" / "projects.csv").open(encoding="utf-8-sig") as handle:
        project = next(r for r in csv.DictReader(handle) if r["code"] == "P-1")
    assert (project["title_ru"], project["title_kk"]) == ("Молодёжный форум", "Жастар форумы")
    before = region.read(
        "MATCH (n) WHERE n.sort_kk IS NOT NULL RETURN n {.*} AS n ORDER BY n.sort_kk"
    )
    again = import_directory(region, tmp_path / "out")
    assert again.ok and all(t.created == t.updated == 0 for t in again.tables.values())
    assert (
        region.read("MATCH (n) WHERE n.sort_kk IS NOT NULL RETURN n {.*} AS n ORDER BY n.sort_kk")
        == before
    )
