from __future__ import annotations

from typing import Any

import pytest

from graph.db import Database
from tests.api.conftest import Api

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String, $order: OrganizationOrder) {
  organizations(where: {kind: {eq: YOUTH_GROUP}}, first: $first, after: $after, last: $last,
                before: $before, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { bin name foundedYear } }
  }
}
"""


def _walk(api: Api, order: dict[str, str], *, backward: bool) -> tuple[list[str], int]:
    seen: list[str] = []
    cursor = None
    total = -1
    while True:
        variables: dict[str, Any] = {"order": order}
        if backward:
            variables |= {"last": 7, "before": cursor}
        else:
            variables |= {"first": 7, "after": cursor}
        page = api.data(PAGE, variables)["organizations"]
        total = page["totalCount"]
        bins = [e["node"]["bin"] for e in page["edges"]]
        seen = bins + seen if backward else seen + bins
        info = page["pageInfo"]
        more = info["hasPreviousPage"] if backward else info["hasNextPage"]
        if not more:
            return seen, total
        cursor = info["startCursor"] if backward else info["endCursor"]


@pytest.mark.parametrize(
    "order",
    [
        {"field": "NAME", "direction": "ASC"},
        {"field": "NAME", "direction": "DESC"},
        {"field": "FOUNDED_YEAR", "direction": "DESC"},
    ],
)
def test_walk_forward_and_backward_returns_every_item_once(
    api: Api, many: list[str], order: dict[str, str]
) -> None:
    forward, total = _walk(api, order, backward=False)
    backward, _ = _walk(api, order, backward=True)
    assert total == 46  # the 45 added and the sample's youth group
    assert len(forward) == len(set(forward)) == total
    assert backward == forward


def test_order_is_by_key_then_bin(api: Api, many: list[str]) -> None:
    forward, _ = _walk(api, {"field": "NAME", "direction": "ASC"}, backward=False)
    rows = api.data(PAGE, {"first": 100})["organizations"]["edges"]
    keys = [(e["node"]["name"], e["node"]["bin"]) for e in rows]
    assert keys == sorted(keys)
    assert [b for _, b in keys] == forward


def test_cursors_stay_valid_while_data_is_written(
    api: Api, many: list[str], sample: Database
) -> None:
    first = api.data(PAGE, {"first": 10})["organizations"]
    cursor = first["pageInfo"]["endCursor"]
    expected_next = api.data(PAGE, {"first": 5, "after": cursor})["organizations"]["edges"]
    # a new organisation sorting before the cursor must not shift the next page
    sample.write(
        "CREATE (:Organization:YouthGroup {bin: '000000000000', name: 'Аа', kind: 'youth_group',"
        " legal_form: 'public_association', archived: false})"
    )
    after_write = api.data(PAGE, {"first": 5, "after": cursor})["organizations"]["edges"]
    assert after_write == expected_next


def test_page_size_is_capped(api: Api, sample: Database) -> None:
    body = api("{ organizations(first: 101) { edges { cursor } } }")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
    assert "at most 100" in body["errors"][0]["message"]


def test_a_forged_cursor_is_refused(api: Api, sample: Database) -> None:
    body = api('{ organizations(first: 2, after: "bm90IGEgY3Vyc29y") { edges { cursor } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_total_count_runs_only_when_selected(api: Api, many: list[str]) -> None:
    without = api("{ organizations(first: 3) { edges { cursor } } }")["extensions"]["db"]
    with_count = api("{ organizations(first: 3) { totalCount edges { cursor } } }")
    assert with_count["extensions"]["db"]["queries"] == without["queries"] + 1


def test_order_by_activity_walks_like_any_keyset(api: Api, many: list[str]) -> None:
    order = {"field": "ACTIVITY", "direction": "DESC"}
    forward, total = _walk(api, order, backward=False)
    backward, _ = _walk(api, order, backward=True)
    assert len(forward) == len(set(forward)) == total == 46
    assert backward == forward
    # the sample's youth group has a project and a partner: more active than the 45 without
    assert forward[0] == "180240012342"


@pytest.mark.parametrize("size", ["first", "last"])
def test_a_page_of_zero_is_empty(api: Api, many: list[str], size: str) -> None:
    found = api.data(f"{{ organizations({size}: 0) {{ totalCount edges {{ cursor }} }} }}")
    assert found["organizations"]["edges"] == []
    assert found["organizations"]["totalCount"] > 0
