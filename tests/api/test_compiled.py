"""Compiled plans answer exactly as graphql-core's field-by-field completion, and are used."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext as GraphQLCoreContext

from api.compiled import Plan
from api.execution import LeanExecutionContext
from api.settings import ApiSettings
from bench.canonical import ORGANIZATION, ORGANIZATION_PAGE, Fixture
from bench.peer_bench import QUERIES
from graph.db import Database
from tests.api.conftest import make_client
from tests.api.test_nested import NESTED, PAGE, _link_youth_groups

ALIASES_AND_FRAGMENTS = """
query($n: Int!, $skip: Boolean!) {
  organizations(first: $n, where: {kind: {eq: YOUTH_GROUP}}) {
    __typename
    pageInfo { ...Info }
    edges { cursor node {
      __typename key registeredBin displayName nameKk
      ... on Organization { bin kind legalForm foundedYear }
      ...Named
      place: territory { kato name }
      few: partners(first: 1) { edges { since basis partnershipBasis node { name } } }
      more: partners(first: 4) { pageInfo { hasNextPage } edges { node { bin } } }
      projects(first: 2) @skip(if: $skip) { edges { role node { code status budgetKzt } } }
    } }
  }
}
fragment Info on PageInfo { hasNextPage hasPreviousPage startCursor endCursor }
fragment Named on Organization { name aliases }
"""
"""A second alias of ``partners`` with other arguments is not primed: it loads the usual way. With
``@skip`` on a field, the organisations' selection has no plan (it depends on the request)."""
UNPRIMED = ALIASES_AND_FRAGMENTS.replace(", $skip: Boolean!", "").replace(" @skip(if: $skip)", "")

WRONG = """
{ organizations(first: 2) { edges { node { name projects(first: -1) { edges { role } } } } } }
"""
"""An argument only the resolver refuses: the plan steps aside and the error is the usual one."""


def _documents(bin: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (ORGANIZATION_PAGE, {"first": 20, "nested": 5}),
        (ORGANIZATION, {"bin": bin}),
        (PAGE, {"n": 10}),
        (NESTED, {"n": 10}),
        (ALIASES_AND_FRAGMENTS, {"n": 5, "skip": False}),
        (ALIASES_AND_FRAGMENTS, {"n": 5, "skip": True}),
        (UNPRIMED, {"n": 5}),
        (WRONG, {}),
        *((q.seriktes, q.variables(Fixture(hub=bin, sample=(bin,), token=""))) for q in QUERIES),
    ]


@pytest.fixture
def linked(many: list[str], sample: Database) -> Database:
    _link_youth_groups(sample)
    return sample


@pytest.fixture
def client(linked: Database) -> Iterator[TestClient]:
    with make_client(linked, ApiSettings()) as test_client:
        yield test_client


def _answer(client: TestClient, document: str, variables: dict[str, Any]) -> Any:
    response = client.post("/graphql", json={"query": document, "variables": variables})
    body = response.json()
    body.pop("extensions", None)
    return response.status_code, body


class _Counted:
    """Objects completed field by field (by graphql-core), and how often a plan stepped aside."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.by_graphql_core: dict[str, int] = {}
        self.aside = 0
        find, by_graphql_core = LeanExecutionContext._plan, GraphQLCoreContext.complete_object_value

        def counting(complete: Any) -> Any:
            def plan(value: Any, run: Any) -> dict[str, Any]:
                try:
                    return complete(value, run)
                except Exception:
                    self.aside += 1
                    raise

            return plan

        def found(context: Any, *args: Any) -> Plan | None:
            plan = find(context, *args)
            return None if plan is None else replace(plan, complete=counting(plan.complete))

        def graphql_core(context: Any, type_: Any, *args: Any) -> Any:
            self.by_graphql_core[type_.name] = self.by_graphql_core.get(type_.name, 0) + 1
            return by_graphql_core(context, type_, *args)

        monkeypatch.setattr(LeanExecutionContext, "_plan", found)
        monkeypatch.setattr(GraphQLCoreContext, "complete_object_value", graphql_core)


def test_plans_answer_as_graphql_core(
    client: TestClient, many: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bin = "990140004654"  # the sample's hub, with projects, partners and fundings
    compiled = [_answer(client, d, v) for d, v in _documents(bin)]
    with monkeypatch.context() as m:
        m.setattr(LeanExecutionContext, "_plan", lambda *_: None)
        reference = [_answer(client, d, v) for d, v in _documents(bin)]
    for (document, variables), got, expected in zip(
        _documents(bin), compiled, reference, strict=True
    ):
        assert got == expected, (document, variables)
    assert all(status == 200 for status, _ in compiled)
    assert "errors" in compiled[7][1] and compiled[7][1]["data"] is None
    assert compiled[0][1]["data"]["organizations"]["edges"], "the page is not empty"


def test_a_page_is_completed_by_one_plan(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = _Counted(monkeypatch)
    status, body = _answer(client, ORGANIZATION_PAGE, {"first": 20, "nested": 5})
    assert status == 200 and "errors" not in body
    assert counted.by_graphql_core == {}, "the whole page in one plan"
    assert counted.aside == 0


def test_a_field_not_read_ahead_makes_the_plan_step_aside(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second alias of ``partners`` is not primed: the plans of the page and of its
    organisations step aside at run time, and the organisations' other objects still use plans."""
    counted = _Counted(monkeypatch)
    status, body = _answer(client, UNPRIMED, {"n": 5})
    assert status == 200 and "errors" not in body
    organizations = len(body["data"]["organizations"]["edges"])
    assert organizations > 0
    assert counted.by_graphql_core["Organization"] == organizations
    assert counted.aside >= organizations
    assert "ParticipationConnection" not in counted.by_graphql_core, "still by plans"
    assert "Territory" not in counted.by_graphql_core
