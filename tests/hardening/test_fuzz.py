"""Fuzzing: random damage to import files and random GraphQL variables.

A damaged folder is refused as a whole, nothing written, every error naming a ``file:line`` that
exists. Random variables for the main queries and mutations are answered, or refused as input
errors, never with a 500 or an internal error.
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import httpx2
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.db import Database
from graph.importer import import_directory
from tests.graph.sample import SAMPLE, snapshot, write_sample
from tests.hardening.conftest import assert_inert, gql

pytestmark = pytest.mark.slow  # `scripts/test -m "not slow"` leaves it out

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
WHERE = re.compile(r"^(?P<file>[\w.-]+\.csv)(?::(?P<line>\d+))?(?::|$)")

# -- the importer --------------------------------------------------------------------------------

TABLE_NAMES = sorted(SAMPLE)


@st.composite
def damage(draw: st.DrawFn) -> tuple[dict[str, list[list[str]]], dict[str, bytes]]:
    """The sample with one to three random injuries; raw bytes spliced into files last."""
    tables = copy.deepcopy(SAMPLE)
    spliced: dict[str, bytes] = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(TABLE_NAMES))
        rows = tables[name]
        index = draw(st.integers(1, len(rows) - 1)) if len(rows) > 1 else 0
        kind = draw(st.sampled_from(["cell", "cell", "drop", "extra", "row", "header", "bytes"]))
        if kind in ("cell", "drop") and not rows[index]:
            kind = "extra"  # an earlier injury emptied the row
        if kind == "cell":
            rows[index][draw(st.integers(0, len(rows[index]) - 1))] = draw(TEXT)
        elif kind == "drop":
            del rows[index][draw(st.integers(0, len(rows[index]) - 1)) :]
        elif kind == "extra":
            rows[index] += draw(st.lists(TEXT.filter(str.strip), min_size=1, max_size=3))
        elif kind == "row":
            rows.append(draw(st.lists(TEXT, max_size=len(rows[0]) + 2)))
        elif kind == "header":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(TEXT)
        else:
            spliced[name] = draw(st.binary(min_size=1, max_size=12))
    return tables, spliced


def _lines(path: Path) -> int:
    return max(1, len(path.read_bytes().splitlines()))


def _restore(db: Database, folder: Path) -> None:
    """After damage that happened to be valid data: the sample, and only the sample, again."""
    db.write(
        "MATCH (n) WHERE NOT (n:Meta OR n:ApiToken OR n:TrustedDocument OR n:FocusArea "
        "OR n:Donor) DETACH DELETE n"
    )
    assert import_directory(db, write_sample(folder)).ok


def test_damaged_import_files_write_nothing_and_name_real_lines(
    region: Database, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = snapshot(region)
    scratch = tmp_path_factory.mktemp("damaged")

    @FUZZ
    @given(injury=damage(), where=st.integers(0, 10_000))
    def attempt(injury: tuple[dict[str, list[list[str]]], dict[str, bytes]], where: int) -> None:
        tables, spliced = injury
        folder = Path(tempfile.mkdtemp(dir=scratch))
        write_sample(folder, tables)
        for name, data in spliced.items():
            path = folder / f"{name}.csv"
            content = path.read_bytes()
            at = where % (len(content) + 1)
            path.write_bytes(content[:at] + data + content[at:])
        result = import_directory(region, folder)
        if result.ok:
            event("the damage was still valid data")
            _restore(region, folder / "restore")
            assert snapshot(region) == base
            return
        event("refused")
        assert snapshot(region) == base
        for error in result.errors:
            found = WHERE.match(error)
            assert found, error
            path = folder / found["file"]
            assert path.exists(), error
            if found["line"]:
                assert 1 <= int(found["line"]) <= _lines(path), (error, path.read_bytes()[:400])

    attempt()


# -- GraphQL variables ---------------------------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
KATO = st.sampled_from(["550000000", "551010000", "553610000", "553630000", "", "55101000"])
BIN = st.sampled_from(["940140000385", "990140004654", "180240012342", "200140000004", "1"])
SMALL_INT = st.integers(-(2**33), 2**33)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy | JSON


STRING_FILTER = st.fixed_dictionaries(
    {},
    optional={
        "eq": _maybe(TEXT),
        "in": _maybe(st.lists(TEXT, max_size=3)),
        "contains": _maybe(TEXT),
        "startsWith": _maybe(TEXT),
    },
)
ORG_WHERE = st.recursive(
    st.fixed_dictionaries(
        {},
        optional={
            "bin": STRING_FILTER,
            "name": STRING_FILTER,
            "kind": st.fixed_dictionaries({}, optional={"eq": st.sampled_from(["NGO", "CLUB"])}),
            "foundedYear": st.fixed_dictionaries({}, optional={"gte": SMALL_INT, "in": JSON}),
            "territory": st.fixed_dictionaries({"in": st.lists(KATO, max_size=2)}),
            "settlement": st.sampled_from(["URBAN", "RURAL", "x"]),
            "focusAreas": st.fixed_dictionaries({}, optional={"some": st.lists(TEXT, max_size=2)}),
            "partners": st.fixed_dictionaries({}, optional={"none": st.lists(BIN, max_size=2)}),
            "hasStateFunding": _maybe(st.booleans()),
            "stateFundingShare": st.fixed_dictionaries({}, optional={"lt": JSON, "gte": JSON}),
        },
    ),
    lambda inner: st.fixed_dictionaries(
        {},
        optional={
            "AND": st.lists(inner, max_size=3),
            "OR": st.lists(inner, max_size=3),
            "NOT": inner,
        },
    ),
    max_leaves=6,
)
PROJECT_WHERE = st.fixed_dictionaries(
    {},
    optional={
        "code": STRING_FILTER,
        "title": STRING_FILTER,
        "status": _maybe(st.lists(st.sampled_from(["ACTIVE", "COMPLETED", "x"]), max_size=2)),
        "startDate": st.fixed_dictionaries({}, optional={"gte": _maybe(TEXT), "lt": JSON}),
        "activeInYear": _maybe(SMALL_INT),
        "funders": _maybe(st.lists(TEXT | BIN, max_size=2)),
        "participants": _maybe(st.lists(BIN, max_size=2)),
        "mechanisms": _maybe(st.lists(st.sampled_from(["STATE_GRANT", "x"]), max_size=2)),
    },
)
PAGE = {
    "first": _maybe(st.integers(-5, 120)),
    "after": _maybe(TEXT),
    "last": _maybe(st.integers(-5, 120)),
    "before": _maybe(TEXT),
}
ORG_INPUT = st.fixed_dictionaries(
    {},
    optional={
        "name": _maybe(TEXT),
        "kind": st.sampled_from(["NGO", "YOUTH_GROUP", "x"]),
        "legalForm": st.sampled_from(["PUBLIC_ASSOCIATION", "x"]),
        "kato": _maybe(KATO),
        "nameKk": _maybe(TEXT),
        "aliases": _maybe(st.lists(TEXT, max_size=3)),
        "foundedYear": _maybe(SMALL_INT),
        "staff": _maybe(SMALL_INT),
        "volunteers": _maybe(SMALL_INT),
        "focusAreas": _maybe(st.lists(st.sampled_from(["youth", "veterans", "x"]), max_size=3)),
    },
)
PROJECT_INPUT = st.fixed_dictionaries(
    {},
    optional={
        "title": _maybe(TEXT),
        "focusAreas": _maybe(st.lists(st.sampled_from(["youth", "x"]), max_size=2)),
        "kato": _maybe(KATO),
        "startDate": _maybe(st.dates().map(str) | TEXT),
        "endDate": _maybe(st.dates().map(str)),
        "budgetKzt": _maybe(st.integers(-(2**70), 2**70)),
        "beneficiariesTarget": _maybe(SMALL_INT),
        "status": st.sampled_from(["ACTIVE", "x"]),
    },
)

OPERATIONS: dict[str, tuple[str, st.SearchStrategy[dict[str, Any]]]] = {
    "organizations": (
        """query($where: OrganizationWhere, $first: Int, $after: String, $last: Int,
                 $before: String, $order: OrganizationOrder, $archived: Boolean) {
          organizations(where: $where, first: $first, after: $after, last: $last, before: $before,
                        orderBy: $order, includeArchived: $archived) {
            totalCount edges { cursor node { bin partners(first: 2) { totalCount } } } } }""",
        st.fixed_dictionaries(
            {},
            optional={
                "where": ORG_WHERE | JSON,
                "order": st.fixed_dictionaries(
                    {},
                    optional={
                        "field": st.sampled_from(["NAME", "FOUNDED_YEAR", "FUNDING_RECEIVED", "x"]),
                        "direction": st.sampled_from(["ASC", "DESC", "x"]),
                    },
                ),
                "archived": _maybe(st.booleans()),
                **PAGE,
            },
        ),
    ),
    "projects": (
        """query($where: ProjectWhere, $first: Int, $after: String, $last: Int, $before: String) {
          projects(where: $where, first: $first, after: $after, last: $last, before: $before) {
            totalCount edges { cursor node { code } } } }""",
        st.fixed_dictionaries({}, optional={"where": PROJECT_WHERE | JSON, **PAGE}),
    ),
    "search and lookups": (
        """query($q: String!, $n: Int!, $bin: String!, $kato: String!, $ids: [ID!]!) {
          search(query: $q, first: $n) { score }
          organization(bin: $bin) { bin }
          territory(kato: $kato) { kato organizations(first: 2) { totalCount } }
          nodes(ids: $ids) { id } }""",
        st.fixed_dictionaries(
            {
                "q": _maybe(TEXT),
                "n": _maybe(st.integers(-5, 200)),
                "bin": _maybe(BIN | TEXT),
                "kato": _maybe(KATO | TEXT),
                "ids": _maybe(st.lists(TEXT, max_size=3)),
            }
        ),
    ),
    "dashboards": (
        """query($t: String, $g: FundingGroup!, $y: Int, $z: Int) { dashboard {
          organizationsByKind(territory: $t) { count }
          fundingTotals(groupBy: $g, territory: $t, firstYear: $y, lastYear: $z) { key }
          projectsByFocusArea(territory: $t, year: $y) { projects } } }""",
        st.fixed_dictionaries(
            {
                "t": _maybe(KATO),
                "g": st.sampled_from(["MECHANISM", "YEAR", "FUNDER", "x"]),
                "y": _maybe(SMALL_INT),
                "z": _maybe(SMALL_INT),
            }
        ),
    ),
    "createOrganization": (
        """mutation($bin: String!, $input: OrganizationInput!) {
          createOrganization(bin: $bin, input: $input) { bin } }""",
        st.fixed_dictionaries({"bin": _maybe(BIN | TEXT), "input": ORG_INPUT | JSON}),
    ),
    "updateOrganization": (
        """mutation($bin: String!, $input: OrganizationInput!) {
          updateOrganization(bin: $bin, input: $input) { bin } }""",
        st.fixed_dictionaries({"bin": _maybe(BIN), "input": ORG_INPUT | JSON}),
    ),
    "createProject": (
        """mutation($code: String!, $input: ProjectInput!) {
          createProject(code: $code, input: $input) { code } }""",
        st.fixed_dictionaries({"code": _maybe(TEXT), "input": PROJECT_INPUT | JSON}),
    ),
    "recordFunding": (
        """mutation($input: FundingInput!) { recordFunding(input: $input) { amountKzt } }""",
        st.fixed_dictionaries(
            {
                "input": st.fixed_dictionaries(
                    {
                        "funder": _maybe(st.sampled_from(["citizens", "akimat-553610000"]) | BIN),
                        "projectCode": _maybe(st.sampled_from(["P-1", "P-2"]) | TEXT),
                        "amountKzt": _maybe(st.integers(-(2**70), 2**70)),
                        "mechanism": st.sampled_from(["IN_KIND", "STATE_GRANT", "x"]),
                        "year": _maybe(SMALL_INT),
                    }
                )
                | JSON
            }
        ),
    ),
    "partnerships": (
        """mutation($input: PartnershipInput!, $a: String!, $b: String!, $until: Date) {
          savePartnership(input: $input) { binA }
          endPartnership(binA: $a, binB: $b, until: $until) { until } }""",
        st.fixed_dictionaries(
            {
                "input": st.fixed_dictionaries(
                    {"binA": _maybe(BIN), "binB": _maybe(BIN)},
                    optional={"since": _maybe(TEXT), "basis": _maybe(TEXT)},
                )
                | JSON,
                "a": _maybe(BIN),
                "b": _maybe(BIN),
                "until": _maybe(st.dates().map(str) | TEXT),
            }
        ),
    ),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_random_variables_never_cause_internal_errors(
    transports: dict[str, httpx2.Client], module_tokens: dict[str, str], name: str
) -> None:
    client, token = transports["asgi"], module_tokens["coordinator"]
    document, variables = OPERATIONS[name]

    @FUZZ
    @given(values=variables)
    def call(values: dict[str, Any]) -> None:
        response = gql(client, document, values, token=token)
        assert_inert(response)
        assert response.status_code in (200, 413), response.text[:300]

    call()
