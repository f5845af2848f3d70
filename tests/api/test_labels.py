"""``labels``: every GraphQL enum value has a label in kk, ru and en, in the request's language."""

from __future__ import annotations

import re

import pytest
from graphql import GraphQLEnumType
from starlette.testclient import TestClient

from api.labels import FOCUS_AREA, VOCABULARY_OF, labels_of
from api.schema import create_schema
from graph.i18n import Language, use_language
from graph.labels import VOCABULARIES

SCHEMA = create_schema()
ENUMS = sorted(
    name
    for name, kind in SCHEMA._schema.type_map.items()
    if isinstance(kind, GraphQLEnumType) and not name.startswith("__")
)
LATIN = re.compile(r"[A-Za-z]")


def test_every_enum_value_of_the_schema_has_a_label() -> None:
    assert set(VOCABULARY_OF) == {*ENUMS, FOCUS_AREA}, "an enum without labels, or a stale name"
    for name in ENUMS:
        vocabulary = VOCABULARIES[VOCABULARY_OF[name]]
        definition = SCHEMA.get_type_by_name(name)
        values = [str(v.value) for v in definition.values]  # type: ignore[union-attr]
        missing = [v for v in values if v not in vocabulary]
        assert not missing, f"{name}: no label for {missing} (graph/labels.py)"


@pytest.mark.parametrize("language", [Language.KK, Language.RU])
def test_labels_read_in_the_language_without_english_words(language: Language) -> None:
    with use_language(language):
        for name in VOCABULARY_OF:
            for label in labels_of(SCHEMA, name):
                for text in (label.label, label.description or ""):
                    assert not LATIN.search(text), (name, label.value, text)


def test_kazakh_labels_use_kazakh_letters() -> None:
    with use_language(Language.KK):
        texts = [label.label for name in VOCABULARY_OF for label in labels_of(SCHEMA, name)]
    assert sum(bool(re.search("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", text)) for text in texts) > len(texts) / 2


QUERY = """query($types: [String!]) { labels(types: $types) { type value label description } }"""


def _labels(client: TestClient, language: str | None, types: list[str] | None) -> list[dict]:
    headers = {"Accept-Language": language or ""}  # "" replaces the client's default "en"
    response = client.post(
        "/graphql", json={"query": QUERY, "variables": {"types": types}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]["labels"]


@pytest.mark.parametrize(
    ("language", "ngo", "foundation"),
    [
        ("kk", "ҮЕҰ", "Қор"),
        ("ru", "НКО", "Фонд"),
        ("en", "NGO", "Foundation"),
        (None, "НКО", "Фонд"),  # no language asked: Russian
    ],
)
def test_organisation_kinds_in_the_language_asked(
    client: TestClient, language: str | None, ngo: str, foundation: str
) -> None:
    found = _labels(client, language, ["OrganizationKind"])
    by_value = {row["value"]: row for row in found}
    assert set(by_value) == {"NGO", "VETERANS_UNION", "YOUTH_GROUP", "RESOURCE_CENTER",
                             "FOUNDATION", "VOLUNTEER_CLUB", "INITIATIVE_GROUP"}  # fmt: skip
    assert ngo in by_value["NGO"]["label"]
    assert by_value["FOUNDATION"]["label"] == foundation
    assert {row["type"] for row in found} == {"OrganizationKind"}


def test_focus_areas_and_territory_types(client: TestClient) -> None:
    found = _labels(client, "kk", ["FocusArea", "TerritoryType", "FocusArea"])
    areas = {r["value"]: r["label"] for r in found if r["type"] == "FocusArea"}
    assert len(areas) == 18  # named twice, listed once
    assert areas["veterans"] == "Ардагерлер"
    types = {r["value"]: r["label"] for r in found if r["type"] == "TerritoryType"}
    assert types == {"REGION": "Облыс", "CITY": "Қала", "DISTRICT": "Аудан",
                     "RURAL_OKRUG": "Ауылдық округ", "SETTLEMENT": "Елді мекен"}  # fmt: skip


def test_all_labels_at_once(client: TestClient) -> None:
    found = _labels(client, "ru", None)
    assert {r["type"] for r in found} == set(VOCABULARY_OF)
    mechanisms = {r["value"]: r for r in found if r["type"] == "FundingMechanism"}
    assert mechanisms["STATE_SOCIAL_ORDER"]["label"] == "Государственный социальный заказ"
    assert mechanisms["STATE_SOCIAL_ORDER"]["description"]
    assert _labels(client, "ru", []) == []


def test_an_unknown_type_is_named(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": QUERY, "variables": {"types": ["OrganizationKind", "OrgKind"]}},
        headers={"Accept-Language": "ru"},
    )
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "types"}
    assert error["message"].startswith("нет подписей значений для OrgKind;")
    assert "OrganizationKind" in error["message"]
