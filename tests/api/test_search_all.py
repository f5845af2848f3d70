"""`searchAll` over the demo region: territories (former names too), organisations and projects
typed in Cyrillic, the 2021 Kazakh Latin alphabet, Russian-style Latin, with typos and endings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from tests.api.conftest import Api, make_client

SEARCH_ALL = """
query ($q: String!, $first: Int! = 10) {
  searchAll(query: $q, first: $first) {
    relevance matchedName
    node {
      __typename
      ... on Organization { bin name nameRu nameKk displayName }
      ... on Territory { kato name nameKk aliases }
      ... on Project { code title titleRu titleKk }
    }
  }
}"""
SEARCH = """
query ($q: String!) { search(query: $q) { relevance matchedName organization { name nameKk } } }"""

SHERBAKTY, TERENKOL, EKIBASTUZ = "554010000", "553610000", "551610000"


@pytest.fixture(scope="module")
def api(session_db: Database) -> Iterator[Api]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    with make_client(session_db, ApiSettings()) as client:
        yield Api(client)


def _names(node: dict[str, Any]) -> str:
    return f"{node['name']} {node['nameKk'] or ''}".lower()


def _find(api: Api, typed: str, first: int = 10) -> list[dict[str, Any]]:
    hits: list[dict[str, Any]] = api.data(SEARCH_ALL, {"q": typed, "first": first})["searchAll"]
    return hits


@pytest.mark.parametrize(
    ("typed", "kato"),
    [
        ("Şarbaqty", SHERBAKTY),
        ("Sherbakty", SHERBAKTY),
        ("Shcherbakty", SHERBAKTY),
        ("Щербакты", SHERBAKTY),
        ("Kachiry", TERENKOL),
        ("Качиры", TERENKOL),
        ("Ekibastūz", EKIBASTUZ),
        ("Ekibastuz", EKIBASTUZ),
        ("Екібастұз", EKIBASTUZ),
        ("Ekibastus", EKIBASTUZ),  # a typo
    ],
)
def test_a_territory_from_any_alphabet_comes_first(api: Api, typed: str, kato: str) -> None:
    """First, also when the village Шарбакты is as close a match as «Шарбақты ауданы": on a tie
    the larger territory comes first."""
    hits = _find(api, typed)
    assert hits and hits[0]["node"].get("kato") == kato, hits[:3]


def test_the_district_and_its_village_are_both_found_in_that_order(api: Api) -> None:
    hits = _find(api, "Şarbaqty")
    names = [h["node"]["name"] for h in hits if h["node"]["__typename"] == "Territory"]
    assert names[:2] == ["Щербактинский район", "село Шарбакты"]
    assert hits[0]["matchedName"] == "Шарбақты ауданы"


def test_a_former_name_is_the_matched_name(api: Api) -> None:
    top = _find(api, "Качиры")[0]
    assert top["matchedName"] == "Качиры" and top["relevance"] == 1.0
    assert "Качиры" in top["node"]["aliases"]


@pytest.mark.parametrize("typed", ["Jastar", "Zhastar", "жастарға", "Жастар"])
def test_jastar_finds_youth_organisations(api: Api, typed: str) -> None:
    orgs = [h for h in _find(api, typed) if h["node"]["__typename"] == "Organization"]
    assert orgs, typed
    assert all("жастар" in _names(h["node"]) for h in orgs[:3]), orgs[:3]


def test_a_project_by_a_word_of_its_title(api: Api) -> None:
    for typed in ("форум", "Forum", "форума"):
        projects = [h for h in _find(api, typed, 50) if h["node"]["__typename"] == "Project"]
        assert projects, typed
        assert all("форум" in h["node"]["title"].lower() for h in projects), projects


def test_an_exact_name_comes_first(api: Api) -> None:
    top = _find(api, "Теренкөл ауданы")[0]
    assert top["node"]["kato"] == TERENKOL and top["relevance"] == 1.0
    assert [h["relevance"] for h in _find(api, "Павлодар")] == sorted(
        (h["relevance"] for h in _find(api, "Павлодар")), reverse=True
    )


def test_the_organisation_search_gains_the_folding(api: Api) -> None:
    hits = api.data(SEARCH, {"q": "Jastar"})["search"]
    assert hits and all("жастар" in _names(h["organization"]) for h in hits[:3])


def test_bad_input_is_named(api: Api) -> None:
    body = api(SEARCH_ALL, {"q": "x" * 201})
    assert "200 characters" in body["errors"][0]["message"], body
    assert _find(api, "!!!") == []


def test_russian_and_kazakh_names_and_titles_are_searched_too(
    api: Api, session_db: Database
) -> None:
    row = session_db.read(
        "MATCH (o:Organization) WHERE o.name_ru IS NOT NULL AND o.name_ru <> o.name "
        "RETURN o.bin AS bin, o.name_ru AS ru ORDER BY o.bin LIMIT 1"
    )[0]  # a Kazakh-registered organisation with a Russian name
    hits = _find(api, row["ru"])
    assert hits[0]["node"]["bin"] == row["bin"] and hits[0]["matchedName"] == row["ru"]
    assert hits[0]["relevance"] == 1.0
    # the club's project, recorded in Russian, by its Kazakh title, typed in Latin
    found = [h for h in _find(api, "Muqtaj otbasylarga paterler") if "code" in h["node"]]
    assert found[0]["node"]["title"] == "Квартиры и дома для нуждающихся семей"
    assert found[0]["matchedName"] == found[0]["node"]["titleKk"]
