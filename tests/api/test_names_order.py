"""The demo region by name in each language: every organisation once, in that alphabet's order,
whichever way a client pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from api.settings import ApiSettings
from graph.collation import KAZAKH, collation_key
from graph.db import Database
from graph.demo_load import load_demo
from graph.i18n import Language
from tests.api.conftest import Api, make_client

PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String) {
  organizations(first: $first, after: $after, last: $last, before: $before,
                orderBy: {field: NAME}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { bin displayName } }
  }
}"""


@pytest.fixture(scope="module")
def api(session_db: Database) -> Iterator[Api]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    with make_client(session_db, ApiSettings()) as client:
        yield Api(client)


def _page(api: Api, variables: dict[str, Any], language: str) -> dict[str, Any]:
    response = api.client.post(
        "/graphql",
        json={"query": PAGE, "variables": variables},
        headers={"Accept-Language": language},
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    page: dict[str, Any] = body["data"]["organizations"]
    return page


def _walk(api: Api, language: str, *, backward: bool) -> tuple[list[tuple[str, str]], int]:
    """(BIN, displayName) of every organisation, seven a page."""
    seen: list[tuple[str, str]] = []
    cursor = None
    total = -1
    while True:
        variables = {"last": 7, "before": cursor} if backward else {"first": 7, "after": cursor}
        page = _page(api, variables, language)
        total = page["totalCount"]
        rows = [(e["node"]["bin"], e["node"]["displayName"]) for e in page["edges"]]
        assert 0 < len(rows) <= 7
        seen = rows + seen if backward else seen + rows
        info = page["pageInfo"]
        if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
            return seen, total
        cursor = info["startCursor"] if backward else info["endCursor"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_walk_in_each_language_returns_every_organisation_once(
    api: Api, session_db: Database, language: str
) -> None:
    forward, total = _walk(api, language, backward=False)
    backward, _ = _walk(api, language, backward=True)
    everyone = session_db.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"]
    assert total == everyone > 300
    bins = [b for b, _ in forward]
    assert len(bins) == len(set(bins)) == total
    assert backward == forward
    lang = Language(language)
    assert forward == sorted(forward, key=lambda row: (collation_key(row[1], lang), row[0]))


def _initial(name: str) -> str:
    return re.sub(r"\W", "", name)[:1].upper()


def test_in_kazakh_schwa_names_come_right_after_a_names(api: Api) -> None:
    forward, _ = _walk(api, "kk", backward=False)
    initials = [_initial(name) for _, name in forward]
    assert initials.count("Ә") >= 3, "the demo region has Kazakh names starting with Ә"
    blocks = list(dict.fromkeys(initials))  # each initial once, in the order met
    assert blocks[:3] == ["А", "Ә", "Б"]
    letters = KAZAKH.split()
    cyrillic = [b for b in blocks if b in letters]
    assert cyrillic == sorted(cyrillic, key=letters.index)  # and no letter comes back later
    assert len(blocks) == len(set(initials))


def test_in_russian_kazakh_letters_sit_next_to_their_base_letter(api: Api) -> None:
    forward, _ = _walk(api, "ru", backward=False)
    blocks = list(dict.fromkeys(_initial(name) for _, name in forward))
    assert blocks.index("Ә") == blocks.index("А") + 1
    assert blocks.index("Ө") == blocks.index("О") + 1
