"""Errors in the reader's language: ``Accept-Language`` picks kk, ru or en (q-values honoured, ru
without it); ``extensions.code`` and ``extensions.field`` are the same in every language (sample
region, real Neo4j, through the API)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.db import Database
from graph.settings import load_settings
from tests.api.test_relay_mutations import (
    ADD,
    ADD_PROJECT,
    EDIT,
    FUNDING,
    NEW,
    ORG,
    PARTNERS,
    PROJECT,
    gid,
)

KAZAKH_LETTERS = re.compile("[ӘҒҚҢӨҰҮҺІәғқңөұүһі]")
CYRILLIC = re.compile("[А-Яа-яЁё]")
ASCII_WORD = re.compile("[A-Za-z]{2,}")


@pytest.fixture
def bare(db: Database) -> Iterator[TestClient]:
    """A client that sends no ``Accept-Language`` unless a test says so."""
    with TestClient(create_app(load_settings(), ApiSettings(), db=db)) as client:
        yield client


def ask(
    client: TestClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    language: str | None,
    token: str | None = None,
) -> httpx.Response:
    headers = {"Accept-Language": language} if language else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def english_words(message: str, allowed: tuple[str, ...]) -> list[str]:
    """The ASCII words of ``message`` once the codes and values a caller passed are taken out."""
    for value in sorted(allowed, key=len, reverse=True):
        message = message.replace(value, " ")
    return ASCII_WORD.findall(message)


CASES: dict[str, tuple[str, dict[str, Any], str | None, str, str | None, tuple[str, ...]]] = {
    # name: query, input, token role, code, field, codes and values the message may repeat
    "a BIN that fails its check digit": (
        ADD, NEW | {"bin": "200140000005"}, "coordinator", "BAD_USER_INPUT", "input.bin", (),
    ),
    "an empty name": (
        ADD, NEW | {"name": "  "}, "coordinator", "BAD_USER_INPUT", "input.name", (),
    ),
    "a BIN taken": (ADD, NEW | {"bin": "940140000385"}, "coordinator", "CONFLICT", None, ()),
    "an unknown organisation": (
        EDIT, {"organization": "200140000004"}, "coordinator", "NOT_FOUND", None, (),
    ),
    "a project's ID for an organisation": (
        EDIT, {"organization": gid("Project", "P-1")}, "coordinator", "BAD_USER_INPUT",
        "input.organization", ("Organization", "Project", gid("Project", "P-1")),
    ),
    "an end before the start": (
        ADD_PROJECT, PROJECT | {"endDate": "2021-01-01"}, "coordinator", "BAD_USER_INPUT",
        "input.endDate", ("start_date",),
    ),
    "a partnership with itself": (
        PARTNERS, {"organization": ORG, "partner": "940140000385"}, "coordinator",
        "BAD_USER_INPUT", "input.partner", (),
    ),
    "a state grant from an NGO": (
        FUNDING, {"project": "P-2", "funder": ORG, "mechanism": "STATE_GRANT", "year": 2021,
                  "amountKzt": 5},
        "coordinator", "BAD_USER_INPUT", "input.funder", ("state_grant",),
    ),
    "a viewer writing": (ADD, NEW, "viewer", "FORBIDDEN", None, ()),
    "nobody writing": (ADD, NEW, None, "UNAUTHENTICATED", None, ("Authorization", "Bearer")),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_an_error_speaks_the_language_asked_for(
    bare: TestClient, sample: Database, tokens: dict[str, str], case: str
) -> None:
    query, variables, role, code, field, allowed = CASES[case]
    token = tokens[role] if role else None
    said: dict[str | None, str] = {}
    for language in ("kk", "ru", "en", None):
        response = ask(bare, query, {"input": variables}, language=language, token=token)
        assert response.headers["content-language"] == (language or "ru")
        assert "accept-language" in response.headers["vary"].lower()
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == code, (language, error)
        assert error["extensions"].get("field") == field, (language, error)
        said[language] = error["message"]
    kk, ru, en = said["kk"], said["ru"], said["en"]
    assert KAZAKH_LETTERS.search(kk), kk
    assert english_words(kk, allowed) == [], kk
    assert CYRILLIC.search(ru) and not KAZAKH_LETTERS.search(ru), ru
    assert english_words(ru, allowed) == [], ru
    assert not CYRILLIC.search(en), en
    assert said[None] == ru  # no header: Russian
    assert len({kk, ru, en}) == 3


def test_the_messages_themselves(
    bare: TestClient, sample: Database, tokens: dict[str, str]
) -> None:
    """What an akimat officer reads, word for word, for the commonest refusals."""
    coordinator, viewer = tokens["coordinator"], tokens["viewer"]
    bad_bin = {"input": NEW | {"bin": "200140000005"}}
    unknown = {"input": {"organization": "200140000004"}}

    def message(query: str, variables: dict[str, Any], language: str, token: str) -> str:
        response = ask(bare, query, variables, language=language, token=token)
        return str(response.json()["errors"][0]["message"])

    assert message(ADD, bad_bin, "kk", coordinator) == (
        "БСН 200140000005 бақылау цифрын тексеруден өтпейді"
    )
    assert message(ADD, bad_bin, "ru", coordinator) == (
        "БИН 200140000005 не проходит проверку контрольной цифры"
    )
    assert message(ADD, bad_bin, "en", coordinator) == "BIN 200140000005 fails the check digit"
    assert message(EDIT, unknown, "kk", coordinator) == "БСН 200140000004 бойынша ұйым табылмады"
    assert message(EDIT, unknown, "ru", coordinator) == "организация с БИН 200140000004 не найдена"
    assert message(ADD, {"input": NEW}, "kk", viewer) == (
        "«бақылаушы» рөліндегі токенге бұған рұқсат жоқ; «үйлестіруші» рөлі қажет"
    )
    assert message(ADD, {"input": NEW}, "ru", viewer) == (
        "токену с ролью «наблюдатель» это не разрешено; нужна роль «координатор»"
    )
    assert message(ADD, {"input": NEW}, "en", viewer) == (
        "a viewer token may not do this; it needs coordinator"
    )


def test_q_values_are_honoured(bare: TestClient, sample: Database) -> None:
    query = 'query($to: ID!) { connectionPaths(from: "940140000385", to: $to) { hops { kind } } }'
    for header, expected in (
        ("en;q=0.3, kk;q=0.9", "kk"),
        ("kk-KZ, ru;q=0.8", "kk"),
        ("de, en;q=0.5, ru;q=0.4", "en"),
        ("ru;q=0, en;q=0.1", "en"),
        ("fr", "ru"),
    ):
        response = ask(bare, query, {"to": "200140000004"}, language=header)
        assert response.headers["content-language"] == expected, header
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND"
        if expected == "kk":
            assert error["message"] == "БСН 200140000004 бойынша ұйым табылмады"
        elif expected == "en":
            assert error["message"] == "no organisation with BIN 200140000004"
        else:
            assert error["message"] == "организация с БИН 200140000004 не найдена"


def test_refusals_before_graphql_speak_the_language_too(bare: TestClient, sample: Database) -> None:
    query = {"query": "{ focusAreas { code } }"}
    stale = bare.post(
        "/graphql", json=query, headers={"Authorization": "Bearer stale", "Accept-Language": "kk"}
    )
    assert stale.status_code == 401
    assert stale.headers["content-language"] == "kk"
    assert stale.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert stale.json()["errors"][0]["message"].startswith(
        "Authorization тақырыпшасында жарамды токен жоқ"
    )
    broken = bare.post(
        "/graphql",
        content=b"{not json",
        headers={"content-type": "application/json", "Accept-Language": "ru"},
    )
    assert broken.status_code == 400
    assert broken.text == "тело запроса не удалось разобрать как JSON"
    assert broken.headers["content-language"] == "ru"
    over_get = bare.get(
        "/graphql",
        params={"query": 'mutation { archiveOrganization(bin: "940140000385") { bin } }'},
        headers={"Accept-Language": "kk"},
    )
    assert over_get.status_code == 405
    assert KAZAKH_LETTERS.search(over_get.text), over_get.text


def test_protocol_words_and_graphql_core_stay_as_they_are(
    bare: TestClient, sample: Database
) -> None:
    """``PersistedQueryNotFound`` is what APQ clients match on; graphql-core's own validation
    messages are English. Their codes are the same in every language."""
    digest = "0" * 64
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    missing = bare.get(
        "/graphql", params={"extensions": extensions}, headers={"Accept-Language": "kk"}
    )
    [error] = missing.json()["errors"]
    assert error == {
        "message": "PersistedQueryNotFound",
        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
    }
    for language in ("kk", "ru", "en"):
        response = ask(bare, "{ nope }", language=language)
        assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert response.headers["content-language"] == language
