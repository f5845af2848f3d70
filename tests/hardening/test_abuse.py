"""Query abuse over HTTP: every attack is refused with a clear code, never a 500, never a hang.

Each attack runs twice: through the app in process and through a real uvicorn on a loopback port,
so the HTTP stack (h11, chunked bodies, request-line limits) is part of what is tested.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest

from tests.hardening.conftest import assert_inert, codes

VALIDATION = "GRAPHQL_VALIDATION_FAILED"
COSTLY = "QUERY_TOO_COSTLY"
INPUT = "BAD_USER_INPUT"
JSON = {"content-type": "application/json"}
ORG_IDS = "query($w: OrganizationWhere) { organizations(where: $w) { totalCount } }"
NODE_ID = "T3JnYW5pemF0aW9uOjk0MDE0MDAwMDM4NQ=="  # Organization:940140000385


@dataclass(frozen=True)
class Refused:
    """HTTP 200 whose every error (in every body of a batch) has ``code``; nothing computed."""

    code: str

    def check(self, response: httpx2.Response) -> None:
        assert response.status_code == 200, (response.status_code, response.text[:300])
        body = response.json()
        found = codes(body)
        assert found and set(found) == {self.code}, found
        for one in body if isinstance(body, list) else [body]:
            assert not any((one.get("data") or {}).values()), one.get("data")
            if self.code in (VALIDATION, COSTLY):
                assert (one.get("extensions") or {}).get("db", {}).get("queries", 0) == 0


@dataclass(frozen=True)
class Status:
    """Refused by the HTTP layer with one of these statuses."""

    statuses: tuple[int, ...]

    def check(self, response: httpx2.Response) -> None:
        assert response.status_code in self.statuses, (response.status_code, response.text[:300])


@dataclass(frozen=True)
class Answered:
    """A legitimate (if odd) request: answered, perhaps with input errors, never internal ones."""

    def check(self, response: httpx2.Response) -> None:
        assert response.status_code == 200, (response.status_code, response.text[:300])
        assert set(codes(response.json())) <= {INPUT}, response.text[:300]


@dataclass(frozen=True)
class Either:
    """Refused in any of these ways (where the right layer to refuse is a design choice)."""

    ways: tuple[Any, ...]

    def check(self, response: httpx2.Response) -> None:
        failures = []
        for way in self.ways:
            try:
                way.check(response)
            except AssertionError as exc:
                failures.append(exc)
            else:
                return
        raise AssertionError(failures)


TOO_BIG_INPUT = Either((Status((400, 413)), Refused(INPUT), Refused(VALIDATION)))
"""Input too big to be worth converting: refused before it costs seconds of CPU."""

Send = Callable[[httpx2.Client], httpx2.Response]


def post(body: Any) -> Send:
    return lambda client: client.post("/graphql", json=body)


def query(text: str, variables: dict[str, Any] | None = None) -> Send:
    return post({"query": text, "variables": variables or {}})


def raw(body: bytes | str) -> Send:
    data = body.encode() if isinstance(body, str) else body
    return lambda client: client.post("/graphql", content=data, headers=JSON)


def chunked(body: bytes) -> Send:
    """No Content-Length: the size is only known once the body has been read."""

    def parts() -> Iterator[bytes]:
        for i in range(0, len(body), 16_384):
            yield body[i : i + 16_384]

    return lambda client: client.post("/graphql", content=parts(), headers=JSON)


def get(params: dict[str, str]) -> Send:
    return lambda client: client.get("/graphql", params=params, headers={"accept": "*/*"})


def nested_where(depth: int) -> str:
    return '{"AND":[' * depth + "{}" + "]}" * depth


def _chain(depth: int, field: str, leaf: str) -> str:
    return f"{field} {{ " * depth + leaf + " }" * depth


def _partners(levels: int, first: str = "") -> str:
    args = f"({first})" if first else ""
    inner = "name"
    for _ in range(levels):
        inner = f"partners{args} {{ edges {{ node {{ {inner} }} }} }}"
    return inner


def _aliases(n: int, field: str = "viewer { role }") -> str:
    return " ".join(f"a{i}: {field}" for i in range(n))


COSTLY_DOC = (
    "{ organizations(first: 100) { edges { node { " + _partners(2, "first: 100") + " } } } }"
)
DEEP_DOC = '{ territory(kato: "553630000") { ' + _chain(12, "parent", "kato") + " } }"

ATTACKS: dict[str, tuple[Send, Any]] = {
    # -- depth and nesting ----------------------------------------------------------------------
    "depth: parent x12": (query(DEEP_DOC), Refused(VALIDATION)),
    "depth: partners x4": (
        query("{ organizations { edges { node { " + _partners(4) + " } } } }"),
        Refused(VALIDATION),
    ),
    "introspection: ofType x9 (cheap: chains end)": (
        query("{ __schema { types { fields { type { " + _chain(9, "ofType", "name") + " } } } } }"),
        Answered(),  # introspection is outside the depth limit, and this is harmless
    ),
    "introspection: fields of types of fields x4": (
        query("{ __schema { types { " + "fields { type { " * 4 + "name" + " } }" * 4 + " } } }"),
        Refused(VALIDATION),
    ),
    "nesting: 1000 selection sets": (
        query("{ " + _chain(1000, "a", "b") + " }"),
        Refused(VALIDATION),
    ),
    "nesting: 30000 braces (under the body limit)": (
        query("{a" * 30_000 + "}" * 30_000),
        Refused(VALIDATION),
    ),
    "nesting: 50000 braces (over the body limit)": (
        query("{a" * 50_000 + "}" * 50_000),
        Status((413,)),
    ),
    "nesting: list literal x1000": (
        query(
            '{ search(query: "'
            + "x"
            + '", first: '
            + "[" * 1000
            + "1"
            + "]" * 1000
            + ") { score } }"
        ),
        Refused(VALIDATION),
    ),
    "nesting: where AND x1000 inline": (
        query(
            "{ organizations(where: " + nested_where(1000).replace('"', "") + ") { totalCount } }"
        ),
        Refused(VALIDATION),
    ),
    "nesting: where AND x300 in variables": (
        raw(
            json.dumps({"query": ORG_IDS})[:-1] + ', "variables": {"w": ' + nested_where(300) + "}}"
        ),
        Refused(VALIDATION),
    ),
    "nesting: where AND x1000 in variables": (
        raw(
            json.dumps({"query": ORG_IDS})[:-1]
            + ', "variables": {"w": '
            + nested_where(1000)
            + "}}"
        ),
        Status((400,)),
    ),
    "nesting: where AND x1000 in GET variables": (
        get({"query": ORG_IDS, "variables": '{"w": ' + nested_where(1000) + "}"}),
        Status((400, 414, 431)),
    ),
    "nesting: JSON body of 40000 arrays": (raw("[" * 40_000 + "]" * 40_000), Status((400,))),
    "where: OR of an empty filter": (query(ORG_IDS, {"w": {"OR": [{}]}}), Answered()),
    "where: NOT of an empty filter": (query(ORG_IDS, {"w": {"NOT": {}}}), Answered()),
    "where: NOT x90 around an empty filter": (
        raw(
            json.dumps({"query": ORG_IDS})[:-1]
            + ', "variables": {"w": '
            + '{"NOT":' * 90
            + "{}"
            + "}" * 90
            + "}}"
        ),
        Answered(),
    ),
    "where: OR of 3000 conditions": (
        query(ORG_IDS, {"w": {"OR": [{"bin": {"eq": str(i)}} for i in range(3000)]}}),
        TOO_BIG_INPUT,  # today: BAD_USER_INPUT (at most 50 conditions)
    ),
    "where: 10000 empty filters (100 x AND of 100), 41 kB": (
        query(ORG_IDS, {"w": {"AND": [{"AND": [{}] * 100}] * 100}}),
        TOO_BIG_INPUT,  # today: answered after ~2-3 s of server CPU per request
    ),
    "where: in-list of 4000 BINs": (
        query(ORG_IDS, {"w": {"bin": {"in": [f"{i:012d}" for i in range(4000)]}}}),
        Answered(),
    ),
    # -- aliases and repeated fields ------------------------------------------------------------
    "aliases: 31": (query("{ " + _aliases(31) + " }"), Refused(VALIDATION)),
    "aliases: 1000": (query("{ " + _aliases(1000) + " }"), Refused(VALIDATION)),
    "aliases: 5000 (over the body limit)": (query("{ " + _aliases(5000) + " }"), Status((413,))),
    "aliases: 31 in a fragment": (
        query("{ ...F } fragment F on Query { " + _aliases(31) + " }"),
        Refused(VALIDATION),
    ),
    "aliases: 31 in inline fragments": (
        query(
            "{ " + " ".join(f"... on Query {{ a{i}: viewer {{ role }} }}" for i in range(31)) + " }"
        ),
        Refused(VALIDATION),
    ),
    "aliases: one alias, 25 conflicting arguments": (
        query("{ " + " ".join(f'a: organization(bin: "{i}") {{ name }}' for i in range(25)) + " }"),
        Refused(VALIDATION),
    ),
    "fields: the same field 1990 times": (
        query("{ viewer { " + "role " * 1990 + "} }"),
        Refused(VALIDATION),
    ),
    # -- cost: big lists through nesting --------------------------------------------------------
    "cost: first 100 x 100 x 100": (query(COSTLY_DOC), Refused(COSTLY)),
    "cost: last 100 nested": (
        query(
            "{ organizations(last: 100) { edges { node { " + _partners(2, "last: 100") + " } } } }"
        ),
        Refused(COSTLY),
    ),
    "cost: nodes of 100 ids, partners 100": (
        query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Organization { "
            + _partners(1, "first: 100")
            + " } } }",
            {"ids": [NODE_ID] * 100},
        ),
        Refused(COSTLY),
    ),
    "cost: search 100 hits, partners 100": (
        query(
            '{ search(query: "клуб", first: 100) { organization { '
            + _partners(1, "first: 100")
            + " } } }"
        ),
        Refused(COSTLY),
    ),
    "cost: 30 aliases of a 100-page": (
        query(
            "{ "
            + _aliases(
                30,
                "organizations(first: 100) { edges { node { " + _partners(1, "first: 5") + " } } }",
            )
            + " }"
        ),
        Refused(COSTLY),
    ),
    "cost: a fragment spread at three levels": (
        query(
            "{ organizations(first: 50) { edges { node { ...P } } } } "
            "fragment P on Organization { partners(first: 50) { edges { node { ...Q } } } } "
            "fragment Q on Organization { partners(first: 50) { edges { node { name } } } }"
        ),
        Refused(COSTLY),
    ),
    "cost: page sizes as variables": (
        query(
            "query($n: Int) { organizations(first: $n) { edges { node { "
            + _partners(1, "first: $n")
            + " } } } }",
            {"n": 100},
        ),
        Refused(COSTLY),
    ),
    "cost: page sizes as variable defaults": (
        query(
            "query($n: Int = 100) { organizations(first: $n) { edges { node { "
            + _partners(1, "first: $n")
            + " } } } }"
        ),
        Refused(COSTLY),
    ),
    "cost: search size as a variable default": (
        query(
            'query($n: Int = 100) { search(query: "клуб", first: $n) { organization { '
            + _partners(1, "first: 100")
            + " } } }"
        ),
        Refused(COSTLY),
    ),
    "cost: default pages three levels down": (
        query("{ organizations { edges { node { " + _partners(2) + " } } } }"),
        Refused(COSTLY),
    ),
    # -- batches --------------------------------------------------------------------------------
    "batch: 6 operations": (post([{"query": "{ viewer { role } }"}] * 6), Status((400,))),
    "batch: 100 operations": (post([{"query": "{ viewer { role } }"}] * 100), Status((400,))),
    "batch: 5000 operations": (post([{"query": "{a}"}] * 5000), Status((400,))),
    "batch: 5 costly operations": (post([{"query": COSTLY_DOC}] * 5), Refused(COSTLY)),
    "batch: 5 deep operations": (post([{"query": DEEP_DOC}] * 5), Refused(VALIDATION)),
    # -- directives -----------------------------------------------------------------------------
    "directives: @include x600": (
        query("{ viewer { role " + "@include(if: true) " * 600 + "} }"),
        Refused(VALIDATION),
    ),
    "directives: @skip x300 (under the token limit)": (
        query("{ viewer { role " + "@skip(if: false) " * 300 + "} }"),
        Refused(VALIDATION),
    ),
    "directives: unknown x900": (
        query("{ viewer { role " + "@x " * 900 + "} }"),
        Refused(VALIDATION),
    ),
    "directives: on 200 spreads of a cheap fragment": (
        query(
            "{ " + "...F @include(if: true) " * 200 + "} fragment F on Query { viewer { role } }"
        ),
        Answered(),  # legal and cheap: the spreads merge into one field
    ),
    "directives: on 200 spreads of a page": (
        query(
            "{ " + "...F @include(if: true) " * 200 + "} "
            "fragment F on Query { organizations(first: 100) { totalCount } }"
        ),
        Refused(COSTLY),
    ),
    # -- long documents and bodies --------------------------------------------------------------
    "tokens: 2500": (query("{ viewer { " + "role " * 2500 + "} }"), Refused(VALIDATION)),
    "tokens: 400 operations": (
        query(" ".join(f"query Q{i} {{ viewer {{ role }} }}" for i in range(400))),
        Refused(VALIDATION),
    ),
    "tokens: 500 variable definitions": (
        query("query(" + " ".join(f"$v{i}: Int" for i in range(500)) + ") { viewer { role } }"),
        Refused(VALIDATION),
    ),
    "fragments: a cycle of 200": (
        query(
            "{ ...F0 } "
            + " ".join(f"fragment F{i} on Query {{ ...F{(i + 1) % 200} }}" for i in range(200))
        ),
        Refused(VALIDATION),
    ),
    "fragments: a chain of 300": (
        query(
            "{ ...F0 } "
            + " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(300))
            + " fragment F300 on Query { viewer { role } }"
        ),
        Refused(VALIDATION),
    ),
    "long: a 90 kB string literal": (
        query('{ search(query: "' + "я" * 45_000 + '") { score } }'),
        Refused(INPUT),
    ),
    "long: a 90 kB field name": (query("{ " + "a" * 90_000 + " }"), Refused(VALIDATION)),
    "long: a 200 kB body": (
        query("{ viewer { role } }" + " " * 200_000),
        Status((413,)),
    ),
    "long: a 200 kB chunked body": (
        chunked(json.dumps({"query": "{ viewer { role } }" + " " * 200_000}).encode()),
        Status((413,)),
    ),
    "long: 200 kB of variables": (
        query("{ viewer { role } }", {"x": "y" * 200_000}),
        Status((413,)),
    ),
    "long: a 60 kB GET query": (
        get({"query": "{ viewer { " + "role " * 12_000 + "} }"}),
        Status((200, 400, 414, 431)),
    ),
    "ids: 101 at once": (
        query("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [NODE_ID] * 101}),
        Refused(INPUT),
    ),
    "int: a page size over 32 bits": (
        query("{ organizations(first: 4294967296) { totalCount } }"),
        Refused(VALIDATION),
    ),
    # -- malformed requests ---------------------------------------------------------------------
    "body: not JSON": (raw("{not json"), Status((400,))),
    "body: JSON null": (raw("null"), Status((400,))),
    "body: a JSON number": (raw("123"), Status((400,))),
    "body: a JSON string": (raw('"{ viewer { role } }"'), Status((400,))),
    "body: a batch of numbers": (raw("[1, 2]"), Status((400,))),
    "body: a batch with a number": (raw('[{"query": "{ viewer { role } }"}, 5]'), Status((400,))),
    "body: not UTF-8": (raw(b'{"query": "\xff\xfe"}'), Status((400,))),
    "body: a lone surrogate in the query": (
        raw('{"query": "{ search(query: \\"\\ud800\\") { score } }"}'),
        Status((400,)),
    ),
    "body: a lone surrogate in a variable": (
        raw(
            '{"query": "query($b: String!) { organization(bin: $b) { name } }",'
            ' "variables": {"b": "\\udfff"}}'
        ),
        Status((400,)),
    ),
    "query: a surrogate escape in a literal": (
        query('{ organization(bin: "\\uD800") { name } }'),
        Refused("GRAPHQL_PARSE_FAILED"),  # an invalid escape: the document does not parse
    ),
    "persisted: a hash that is not text": (
        post({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": ["x"]}}}),
        Refused("PERSISTED_QUERY_NOT_FOUND"),
    ),
}


@pytest.mark.parametrize("transport", ["asgi", "uvicorn"])
@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_refused(transports: dict[str, httpx2.Client], transport: str, name: str) -> None:
    send, expectation = ATTACKS[name]
    response = send(transports[transport])
    assert_inert(response)
    expectation.check(response)


def test_the_server_still_answers_after_the_attacks(transports: dict[str, httpx2.Client]) -> None:
    for client in transports.values():
        body = client.post("/graphql", json={"query": "{ regions { name } }"}).json()
        assert body["data"]["regions"] == [{"name": "Павлодарская область"}]
        assert client.get("/health").json()["neo4j"] == "up"
