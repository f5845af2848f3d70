"""Discovery and analytics texts in the reader's language, on the demo region through the API.

Reasons, hops, activity components and flags are computed (and partly cached) once; each request
reads them in its own ``Accept-Language``. A text "has no English words" when, with the data it
quotes removed (names, codes, titles the answer also gives as fields), no run of three Latin
letters is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.tokens import ApiRole, create_token
from tests.api.conftest import make_client

VETERANS = "Павлодарский областной союз ветеранов Афганистана и локальных войн"
PAVLODAR = "551010000"
KAZAKH_LETTERS = re.compile("[ӘҒҚҢӨҰҮҺІәғқңөұүһі]")
LATIN_WORD = re.compile("[A-Za-z]{3,}")
CYRILLIC = re.compile("[А-Яа-яЁё]")
TEXT_KEYS = frozenset({"text", "message", "label"})


@pytest.fixture(scope="module")
def client(session_db: Database) -> Iterator[TestClient]:
    assert load_demo(session_db, replace=True).ok
    with make_client(session_db, ApiSettings()) as test_client:
        yield test_client


def ask(client: TestClient, language: str, query: str, variables: dict[str, Any]) -> Any:
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 200, response.text
    assert response.headers["Content-Language"] == language
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def texts_and_data(answer: Any) -> tuple[list[str], set[str]]:
    """The texts for people in an answer, and every other string in it (the data)."""
    texts: list[str] = []
    data: set[str] = set()

    def walk(value: Any, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in TEXT_KEYS:
            texts.append(value)
        elif isinstance(value, str):
            data.add(value)

    walk(answer, None)
    return texts, data


def without_data(text: str, data: set[str]) -> str:
    for value in sorted(data, key=len, reverse=True):
        if len(value) >= 3:
            text = text.replace(value, " ")
    return text


def assert_language(language: str, texts: list[str], data: set[str]) -> None:
    assert texts
    for text in texts:
        words = without_data(text, data)
        if language == "kk":
            assert KAZAKH_LETTERS.search(words), text
            assert not LATIN_WORD.search(words), text
        elif language == "ru":
            assert CYRILLIC.search(words) and not KAZAKH_LETTERS.search(words), text
            assert not LATIN_WORD.search(words), text
        else:
            assert LATIN_WORD.search(words) and not CYRILLIC.search(words), text


SUGGESTIONS = """query($bin: String!) {
  organization(bin: $bin) { name partnerSuggestions(first: 10) { edges { node {
    organization { name }
    reasons { kind text organizations { name } projects { code title } akimats { name }
              territory { name } }
  } } } }
}"""

CONNECTION = """query($a: ID!, $b: ID!) { connectionPaths(from: $a, to: $b, maxHops: 4, first: 10) {
  organizations { name } hops { kind text key name source { name } target { name } }
} }"""

ACTIVE = """query($kato: String!) { territory(kato: $kato) { activeOrganizations(first: 10) {
  edges { node { organization { name } components { name label text value } } }
} } }"""

FLAGS = """{ organizations(first: 60, orderBy: {field: FOUNDED_YEAR}) { edges { node { name
  metrics { flags { code message } }
} } } }"""
"""The same 60 organisations in every language (by name, each language has its own first 60)."""


def _bin(client: TestClient, name: str) -> str:
    found = ask(client, "en", "query($q: String!) { search(query: $q, first: 1) "
                "{ organization { bin } } }", {"q": name})  # fmt: skip
    return str(found["search"][0]["organization"]["bin"])


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_suggestion_reasons(client: TestClient, language: str) -> None:
    answer = ask(client, language, SUGGESTIONS, {"bin": _bin(client, VETERANS)})
    texts, data = texts_and_data(answer)
    kinds = {r["kind"] for e in answer["organization"]["partnerSuggestions"]["edges"]
             for r in e["node"]["reasons"]}  # fmt: skip
    assert len(kinds) >= 4  # several kinds of reason are read, not one
    assert_language(language, texts, data)


_PAIRS = """
MATCH (a:Organization)-[r:PARTNERS_WITH]-(b:Organization)
WHERE a.bin < b.bin AND r.until IS NULL AND r.since IS NOT NULL AND r.basis IS NOT NULL
WITH a, b ORDER BY a.bin, b.bin LIMIT 1
RETURN a.bin AS a, b.bin AS b
UNION
MATCH (a:Organization)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Organization)
WHERE a.bin < b.bin AND p.status = 'completed'
WITH a, b ORDER BY a.bin, b.bin LIMIT 1
RETURN a.bin AS a, b.bin AS b
"""
"""Two partners (since a year, on a basis), and two organisations sharing a completed project."""


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_connection_hops(client: TestClient, session_db: Database, language: str) -> None:
    kinds = set()
    for pair in session_db.read(_PAIRS):
        answer = ask(client, language, CONNECTION, {"a": pair["a"], "b": pair["b"]})
        assert answer["connectionPaths"]
        kinds |= {h["kind"] for p in answer["connectionPaths"] for h in p["hops"]}
        assert_language(language, *texts_and_data(answer))
    assert kinds >= {"PARTNERSHIP", "PROJECT"}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_activity_components(client: TestClient, language: str) -> None:
    answer = ask(client, language, ACTIVE, {"kato": PAVLODAR})
    edges = answer["territory"]["activeOrganizations"]["edges"]
    assert edges
    parts = [c for e in edges for c in e["node"]["components"]]
    assert {c["name"] for c in parts} == {"projects", "partners", "volunteers", "results"}
    data = {e["node"]["organization"]["name"] for e in edges}
    assert_language(language, [c["text"] for c in parts], data)
    labels = {c["name"]: c["label"] for c in parts}
    expected = {
        "kk": {"projects": "Жобалар", "partners": "Серіктестер", "volunteers": "Еріктілер",
               "results": "Нәтижелер"},
        "ru": {"projects": "Проекты", "partners": "Партнёры", "volunteers": "Волонтёры",
               "results": "Результаты"},
        "en": {"projects": "Projects", "partners": "Partners", "volunteers": "Volunteers",
               "results": "Results"},
    }  # fmt: skip
    assert labels == expected[language]


def _flags(client: TestClient, language: str) -> dict[tuple[str, str], str]:
    answer = ask(client, language, FLAGS, {})
    return {
        (e["node"]["name"], f["code"]): f["message"]
        for e in answer["organizations"]["edges"]
        for f in e["node"]["metrics"]["flags"]
    }


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_flag_explanations(client: TestClient, language: str) -> None:
    found = _flags(client, language)
    assert len({code for _, code in found}) >= 3  # several kinds of flag are read
    assert_language(language, list(found.values()), {name for name, _ in found})


def test_a_warm_cache_answers_each_request_in_its_language(client: TestClient) -> None:
    """Flags and suggestion attributes are cached per graph version; the cache holds texts not
    yet rendered, so a Kazakh, an English and again a Kazakh request each get their own."""
    kazakh = _flags(client, "kk")  # warm (or already warm)
    english = _flags(client, "en")
    assert english.keys() == kazakh.keys()
    assert all(english[k] != kazakh[k] for k in kazakh)
    assert_language("en", list(english.values()), {name for name, _ in english})
    assert _flags(client, "kk") == kazakh
    veterans = _bin(client, VETERANS)
    first = texts_and_data(ask(client, "ru", SUGGESTIONS, {"bin": veterans}))
    second = texts_and_data(ask(client, "kk", SUGGESTIONS, {"bin": veterans}))
    assert len(first[0]) == len(second[0]) and first[0] != second[0]
    assert_language("ru", *first)
    assert_language("kk", *second)


DUPLICATES = """{ duplicateCandidates(first: 20) { edges { node {
  first { name } second { name } matchedNames projects { code title } territory { name }
  reasons { kind text }
} } } }"""


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_duplicate_reasons(client: TestClient, session_db: Database, language: str) -> None:
    token = create_token(session_db, role=ApiRole.COORDINATOR, name="language tests")[1]
    response = client.post(
        "/graphql",
        json={"query": DUPLICATES},
        headers={"Accept-Language": language, "Authorization": f"Bearer {token}"},
    )
    answer = response.json()["data"]
    kinds = {
        r["kind"] for e in answer["duplicateCandidates"]["edges"] for r in e["node"]["reasons"]
    }
    assert len(kinds) >= 3
    assert_language(language, *texts_and_data(answer))
