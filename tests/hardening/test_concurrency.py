"""Concurrent writers against the real database: uniqueness holds and imports serialise."""

from __future__ import annotations

import copy
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx2
import pytest

from api.settings import ApiSettings
from graph import edits
from graph.db import Database
from graph.importer import ImportResult, import_directory
from tests.graph.sample import SAMPLE, snapshot, write_sample
from tests.hardening.conftest import codes, gql, serve

T = TypeVar("T")
CLUB, VETERANS, YOUTH = "940140000385", "990140004654", "180240012342"
NEW_BIN = "200140000004"


def _all_at_once(n: int, work: Callable[[int], T]) -> list[T]:
    """Run ``work(i)`` for i < n in n threads released together; every result (or exception)."""
    gate = threading.Barrier(n)

    def run(i: int) -> Any:
        gate.wait(timeout=60)
        try:
            return work(i)
        except Exception as exc:  # collected and asserted on by the caller
            return exc

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


@pytest.fixture(scope="module")
def http(region: Database) -> Iterator[httpx2.Client]:
    with serve(region, ApiSettings()) as client:
        yield client


def test_fifty_creates_of_one_bin_make_one_organisation(
    http: httpx2.Client, region: Database, module_tokens: dict[str, str]
) -> None:
    create = """mutation($n: String!) { createOrganization(bin: "200140000004", input: {name: $n,
      kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: "551010000"}) { bin name } }"""
    token = module_tokens["coordinator"]
    responses = _all_at_once(50, lambda i: gql(http, create, {"n": f"Новая {i}"}, token=token))
    failed = [repr(r) for r in responses if not isinstance(r, httpx2.Response)]
    assert not failed, failed
    assert all(r.status_code == 200 for r in responses)
    outcomes = Counter(tuple(codes(r.json())) or ("created",) for r in responses)
    assert outcomes == {("created",): 1, ("CONFLICT",): 49}, outcomes
    winner = next(r.json()["data"]["createOrganization"] for r in responses if not codes(r.json()))
    stored = region.read("MATCH (o:Organization {bin: $bin}) RETURN o.name AS name", bin=NEW_BIN)
    assert [s["name"] for s in stored] == [winner["name"]]
    audits = region.read(
        "MATCH (a:AuditRecord {target: $bin, action: 'create_organization'}) RETURN count(a) AS n",
        bin=NEW_BIN,
    )
    assert audits[0]["n"] == 1


def test_twenty_creates_of_one_project_code_make_one_project(
    http: httpx2.Client, region: Database, module_tokens: dict[str, str]
) -> None:
    create = """mutation($t: String!) { createProject(code: "P-RACE", input: {title: $t,
      focusAreas: ["youth"], kato: "551010000", startDate: "2024-01-01"}) { code title } }"""
    token = module_tokens["coordinator"]
    responses = _all_at_once(20, lambda i: gql(http, create, {"t": f"Проект {i}"}, token=token))
    failed = [repr(r) for r in responses if not isinstance(r, httpx2.Response)]
    assert not failed, failed
    outcomes = Counter(tuple(codes(r.json())) or ("created",) for r in responses)
    assert outcomes == {("created",): 1, ("CONFLICT",): 19}, outcomes  # no silent overwrite
    winner = next(r.json()["data"]["createProject"] for r in responses if not codes(r.json()))
    stored = region.read("MATCH (p:Project {code: 'P-RACE'}) RETURN p.title AS title")
    assert [s["title"] for s in stored] == [winner["title"]]


def _partnerships(db: Database, a: str, b: str) -> list[dict[str, Any]]:
    rows = db.read(
        "MATCH (:Organization {bin: $a})-[r:PARTNERS_WITH]-(:Organization {bin: $b}) "
        "RETURN properties(r) AS p",
        a=a,
        b=b,
    )
    return [r["p"] for r in rows]


def test_twenty_saves_of_one_pair_make_one_partnership(region: Database) -> None:
    def save(i: int) -> edits.PartnershipState:
        a, b = (CLUB, VETERANS) if i % 2 else (VETERANS, CLUB)
        return edits.save_partnership(region, a, b, basis="memorandum", actor="hardening")

    results = _all_at_once(20, save)
    assert all(isinstance(r, edits.PartnershipState) for r in results), results
    assert {(r.bin_a, r.bin_b, r.basis) for r in results} == {(CLUB, VETERANS, "memorandum")}
    assert len(_partnerships(region, CLUB, VETERANS)) == 1
    audits = region.read(
        "MATCH (a:AuditRecord {action: 'save_partnership', target: $t}) RETURN count(a) AS n",
        t=f"{CLUB}-{VETERANS}",
    )
    assert audits[0]["n"] == 1  # the other nineteen changed nothing


def test_twenty_saves_of_one_pair_over_http(
    http: httpx2.Client, region: Database, module_tokens: dict[str, str]
) -> None:
    save = """mutation($a: String!, $b: String!) {
      savePartnership(input: {binA: $a, binB: $b, basis: "mentoring"}) { binA binB } }"""
    token = module_tokens["coordinator"]

    def post(i: int) -> httpx2.Response:
        a, b = (CLUB, YOUTH) if i % 2 else (YOUTH, CLUB)
        return gql(http, save, {"a": a, "b": b}, token=token)

    responses = _all_at_once(20, post)
    assert all(isinstance(r, httpx2.Response) and not codes(r.json()) for r in responses), [
        r if isinstance(r, Exception) else r.text for r in responses
    ]
    assert len(_partnerships(region, CLUB, YOUTH)) == 1


# -- imports -------------------------------------------------------------------------------------


def _variant(
    *, staff: str, extra_org: list[str], extra_partner: list[str]
) -> dict[str, list[list[str]]]:
    """The sample with a changed cell and a few rows of its own."""
    tables = copy.deepcopy(SAMPLE)
    orgs = tables["organizations"]
    orgs[1][orgs[0].index("staff")] = staff
    orgs.append(extra_org)
    tables["partnerships"].append(extra_partner)
    return tables


def _org(bin: str, name: str) -> list[str]:
    return [bin, name, "ngo", "public_association", "551010000", "2020", "youth", "1", "2", ""]


FOLDERS = {
    "a": SAMPLE,
    # overlaps a and disagrees with it: the last writer's staff count wins
    "b": _variant(
        staff="9",
        extra_org=_org("200140000004", "Бета"),
        extra_partner=["940140000385", "200140000004", "2024-01-01", "memorandum"],
    ),
    # overlaps a and agrees with it: any order gives the same graph
    "c": _variant(
        staff="4",
        extra_org=_org("200140000014", "Гамма"),
        extra_partner=["180240012342", "200140000014", "2023-05-05", "mentoring"],
    ),
}


def _empty(db: Database) -> None:
    """Everything the imports write, deleted (schema and reference data stay)."""
    db.write(
        "MATCH (n) WHERE NOT (n:Meta OR n:ApiToken OR n:TrustedDocument OR n:FocusArea "
        "OR n:Donor) DETACH DELETE n"
    )


def _import(db: Database, folder: Path) -> ImportResult:
    result = import_directory(db, folder)
    assert result.ok, result.errors
    return result


def _one_after_another(db: Database, *folders: Path) -> tuple[list[str], list[str]]:
    _empty(db)
    for folder in folders:
        _import(db, folder)
    return snapshot(db)


def _together(db: Database, first: Path, second: Path) -> tuple[list[str], list[str]]:
    _empty(db)
    results = _all_at_once(2, lambda i: import_directory(db, (first, second)[i]))
    for result in results:
        assert isinstance(result, ImportResult), result  # a deadlock must be retried, not raised
        assert result.ok, result.errors
    return snapshot(db)


def test_concurrent_imports_equal_one_after_the_other(db: Database, tmp_path: Path) -> None:
    folders = {name: write_sample(tmp_path / name, tables) for name, tables in FOLDERS.items()}
    a, b, c = folders["a"], folders["b"], folders["c"]
    a_then_b = _one_after_another(db, a, b)
    b_then_a = _one_after_another(db, b, a)
    assert a_then_b != b_then_a  # they disagree, so the order shows
    for _ in range(2):
        assert _together(db, a, b) in (a_then_b, b_then_a)
    a_then_c = _one_after_another(db, a, c)
    assert _together(db, c, a) == a_then_c
