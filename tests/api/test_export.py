"""``GET /export/...``: the rows of the same GraphQL query, as files that re-import unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from graph.db import Database
from graph.exports import COLUMN_LABELS
from graph.i18n import Language
from graph.importer import import_directory
from graph.importer.tables import ORGANIZATIONS, PROJECTS
from tests.api.conftest import Api

WHERE = {"OR": [{"kind": {"eq": "YOUTH_GROUP"}}, {"foundedYear": {"gte": 2010}}]}
ORDER = {"field": "NAME", "direction": "DESC"}


def _sheet(content: bytes) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _params(**values: Any) -> dict[str, str]:
    return {k: json.dumps(v) for k, v in values.items()}


def _reimport(db: Database, tmp_path: Path, name: str, content: bytes) -> tuple[int, int]:
    folder = tmp_path / "again"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    result = import_directory(db, folder)
    assert result.ok, [str(e) for e in result.errors]
    table = result.tables[name.split(".")[0]]
    return table.created, table.updated


def test_organizations_xlsx_holds_the_query_rows_and_reimports_unchanged(
    client: TestClient, api: Api, many: list[str], db: Database, tmp_path: Path
) -> None:
    found = api.data(
        "query($w: OrganizationWhere, $o: OrganizationOrder) { organizations(where: $w, "
        "orderBy: $o, first: 100) { edges { node { bin } } } }",
        {"w": WHERE, "o": ORDER},
    )["organizations"]["edges"]
    response = client.get("/export/organizations.xlsx", params=_params(where=WHERE, orderBy=ORDER))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "organizations.xlsx" in response.headers["content-disposition"]
    rows = _sheet(response.content)
    assert rows[0] == list(ORGANIZATIONS.column_names)  # English: the columns' codes
    assert [r[0] for r in rows[1:]] == [n["node"]["bin"] for n in found]
    assert len(found) > 45
    assert _reimport(db, tmp_path, "organizations.xlsx", response.content) == (0, 0)


def test_organizations_csv_in_russian_reimports_unchanged(
    client: TestClient, api: Api, many: list[str], db: Database, tmp_path: Path
) -> None:
    where = {"territory": {"in": ["551010000"]}}
    found = api.data(
        "query($w: OrganizationWhere) { organizations(where: $w, first: 100) "
        "{ edges { node { bin } } } }",
        {"w": where},
    )["organizations"]["edges"]
    response = client.get(
        "/export/organizations.csv", params=_params(where=where), headers={"Accept-Language": "ru"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = _csv(response.content)
    assert rows[0][:3] == ["БИН", "Наименование", "Вид организации"]
    assert [r[0] for r in rows[1:]] == [n["node"]["bin"] for n in found]
    assert _reimport(db, tmp_path, "organizations.csv", response.content) == (0, 0)


@pytest.mark.parametrize("language", [Language.KK, Language.RU])
def test_every_localized_header_is_one_the_importer_reads(language: Language) -> None:
    for table in (ORGANIZATIONS, PROJECTS):
        for column in table.column_names:
            label = COLUMN_LABELS[column].render(language)
            assert table.header_name(label) == column, (language, column, label)


def test_headers_in_kazakh(client: TestClient, sample: Database) -> None:
    response = client.get("/export/projects.xlsx", headers={"Accept-Language": "kk"})
    assert response.status_code == 200, response.text
    assert _sheet(response.content)[0][:2] == ["Жоба коды", "Жоба атауы"]


def test_projects_follow_the_query_and_reimport_unchanged(
    client: TestClient, api: Api, sample: Database, tmp_path: Path
) -> None:
    order = {"field": "TITLE", "direction": "ASC"}
    found = api.data(
        "query($o: ProjectOrder) { projects(orderBy: $o, first: 100) { edges { node { code } } } }",
        {"o": order},
    )["projects"]["edges"]
    response = client.get("/export/projects.csv", params=_params(orderBy=order))
    assert response.status_code == 200, response.text
    rows = _csv(response.content)
    assert rows[0][: len(PROJECTS.column_names)] == list(PROJECTS.column_names)
    assert [r[0] for r in rows[1:]] == [n["node"]["code"] for n in found] and found
    assert _reimport(sample, tmp_path, "projects.csv", response.content) == (0, 0)


def test_active_organizations(client: TestClient, api: Api, many: list[str]) -> None:
    found = api.data(
        '{ activeOrganizations(territory: "551010000", kinds: [YOUTH_GROUP], first: 100) '
        "{ organization { bin } } }"
    )["activeOrganizations"]
    response = client.get(
        "/export/active-organizations.xlsx",
        params={"territory": "551010000", "kinds": "YOUTH_GROUP"},
        headers={"Accept-Language": "ru"},
    )
    assert response.status_code == 200, response.text
    rows = _sheet(response.content)
    assert rows[0][:2] == ["Место в рейтинге", "БИН"]
    assert [r[1] for r in rows[1:]] == [a["organization"]["bin"] for a in found] and found


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"where": "{kind: 1"}, "where", "JSON"),
        ({"where": '{"nam": {"eq": "x"}}'}, "where.nam", "nam"),
        ({"where": '{"foundedYear": {"gte": "old"}}'}, "where.foundedYear.gte", "old"),
        ({"orderBy": '{"field": "COLOUR"}'}, "orderBy.field", "COLOUR"),
    ],
)
def test_a_bad_argument_is_a_400_naming_it(
    client: TestClient, sample: Database, params: dict[str, str], field: str, words: str
) -> None:
    response = client.get("/export/organizations.csv", params=params)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert words in error["message"]


def test_errors_in_the_request_language(client: TestClient, sample: Database) -> None:
    response = client.get(
        "/export/organizations.xlsx",
        params={"where": '{"nam": {}}'},
        headers={"Accept-Language": "kk"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "мұнда where.nam өрісі жоқ"
    unknown = client.get("/export/active-organizations.csv", params={"territory": "559999999"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["extensions"]["field"] == "territory"


def test_a_bad_token_is_refused(client: TestClient, sample: Database) -> None:
    response = client.get(
        "/export/organizations.csv", headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_extra_properties_only_for_admins(
    client: TestClient, sample: Database, tokens: dict[str, str]
) -> None:
    sample.write("MATCH (o:Organization) SET o.contact_phone = '+7 700 000 00 00'")
    for role, shown in (("viewer", False), ("coordinator", False), ("admin", True)):
        response = client.get(
            "/export/organizations.csv", headers={"Authorization": f"Bearer {tokens[role]}"}
        )
        assert response.status_code == 200, response.text
        assert ("contact_phone" in _csv(response.content)[0]) is shown, role
    anonymous = client.get("/export/organizations.csv")
    assert "contact_phone" not in _csv(anonymous.content)[0]
