"""recordHandover through GraphQL: statuses, in-kind totals, refusals, and twenty at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from graph.db import Database
from graph.tokens import ApiRole, create_token
from tests.api.conftest import Api
from tests.api.test_hub_offers import YOUTH, add_need, add_offer

RECORD = """mutation($input: RecordHandoverInput!) {
  recordHandover(input: $input) {
    handover { id key date quantity valueKzt offer { code } need { code } }
    offer { id code status given left }
    need { id code status received left }
  }
}"""
IN_KIND = """query($bin: String!) {
  organization(bin: $bin) {
    inKind { valueKzt items { category quantity } }
    handoversReceived { totalCount edges { node { quantity offer { code } } } }
  }
}"""


@pytest.fixture
def steward(sample: Database) -> str:
    return create_token(sample, role=ApiRole.STEWARD, name="house")[1]


def give(api: Api, token: str, offer: str, need: str, quantity: int, **kw: Any) -> dict:
    variables = {"input": {"offer": offer, "need": need, "quantity": quantity} | kw}
    return api(RECORD, variables, token=token)


def test_a_handover_moves_both_statuses_and_counts_in_kind(api: Api, steward: str) -> None:
    goods = {"category": "GOODS", "unit": "кг"}
    add_offer(api, steward, "OF-1", quantity=100, valueKzt=50_000, **goods)
    add_offer(api, steward, "OF-2")
    add_need(api, steward, "ND-1", quantity=60, **goods)
    add_need(api, steward, "ND-2")
    body = give(api, steward, "OF-1", "ND-1", 40, date="2024-04-01")
    assert "errors" not in body, body["errors"]
    done = body["data"]["recordHandover"]
    node = api.data("query($id: ID!) { node(id: $id) { ... on Handover { key quantity } } }",
                    {"id": done["handover"].pop("id")})["node"]  # fmt: skip
    assert node == {"key": "OF-1|ND-1|2024-04-01", "quantity": 40}
    assert done["handover"] == {"key": "OF-1|ND-1|2024-04-01", "date": "2024-04-01",
                                "quantity": 40, "valueKzt": 20_000, "offer": {"code": "OF-1"},
                                "need": {"code": "ND-1"}}  # fmt: skip
    assert (done["offer"]["status"], done["offer"]["left"]) == ("OFFERED", 60)
    assert (done["need"]["status"], done["need"]["left"]) == ("PARTLY_MET", 20)
    done = give(api, steward, "OF-2", "ND-2", 1)["data"]["recordHandover"]
    assert (done["offer"]["status"], done["need"]["status"]) == ("HANDED_OVER", "MET")
    found = api.data(IN_KIND, {"bin": YOUTH})["organization"]
    assert found["inKind"] == {
        "valueKzt": 12_020_000,
        "items": [{"category": "FLAT", "quantity": 1}, {"category": "GOODS", "quantity": 40}],
    }
    assert found["handoversReceived"]["totalCount"] == 2


def test_refusals_are_typed(api: Api, steward: str, tokens: dict[str, str]) -> None:
    add_offer(api, steward, "OF-1", quantity=2)
    add_offer(api, steward, "OF-H", category="HOUSE")
    add_need(api, steward, "ND-1", quantity=5)

    def code(body: dict) -> tuple[str, str | None]:
        [error] = body["errors"]
        assert body["data"] == {"recordHandover": None}
        return error["extensions"]["code"], error["extensions"].get("field")

    assert code(give(api, steward, "OF-1", "ND-1", 3)) == ("CONFLICT", None)
    assert code(give(api, steward, "OF-H", "ND-1", 1)) == ("BAD_USER_INPUT", "input.need")
    assert code(give(api, steward, "OF-1", "ND-1", 0)) == ("BAD_USER_INPUT", "input.quantity")
    assert code(give(api, steward, "OF-404", "ND-1", 1)) == ("NOT_FOUND", None)
    assert code(give(api, tokens["coordinator"], "OF-1", "ND-1", 1)) == ("FORBIDDEN", None)
    api.data('mutation { withdrawOffer(input: {offer: "OF-1"}) { offer { status } } }',
             token=steward)  # fmt: skip
    assert code(give(api, steward, "OF-1", "ND-1", 1)) == ("CONFLICT", None)


def test_twenty_concurrent_handovers_of_one_flat_one_succeeds(api: Api, steward: str) -> None:
    add_offer(api, steward, "OF-1")
    for i in range(20):
        add_need(api, steward, f"ND-{i}")

    def attempt(i: int) -> str:
        body = give(api, steward, "OF-1", f"ND-{i}", 1)
        if "errors" in body:
            return str(body["errors"][0]["extensions"]["code"])
        return "OK"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    assert sorted(outcomes) == ["CONFLICT"] * 19 + ["OK"]
    offer = api.data('{ offer(code: "OF-1") { status given left } }')["offer"]
    assert offer == {"status": "HANDED_OVER", "given": 1, "left": 0}
    received = api.data(IN_KIND, {"bin": YOUTH})["organization"]
    assert received["inKind"]["items"] == [{"category": "FLAT", "quantity": 1}]
    assert received["handoversReceived"]["totalCount"] == 1
