"""Volunteers: registered only with consent, updated, erased on request with counts kept, and
never written into the audit log by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import people
from graph.audit import audit_log
from graph.db import Database
from graph.edits import archive_organization
from graph.edits.volunteers import erase_volunteer, register_volunteer, update_volunteer
from graph.errors import Conflict, InvalidInput, NotFound
from graph.hub import volunteers
from graph.importer import import_directory
from graph.relations import counts
from tests.graph.sample import write_sample

CLUB = "940140000385"
"""Клуб добряков Павлодара (sample): p-1 of the people table volunteers for it."""
YOUTH = "180240012342"
VETERANS = "990140004654"
NAME = "Дана К."


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    assert import_directory(db, write_sample(tmp_path / "sample")).ok
    return db


def _register(db: Database, **change: object) -> volunteers.Volunteer:
    fields: dict[str, object] = {
        "id": "v-001",
        "display_name": NAME,
        "kato": "551010000",
        "skills": ["legal", "Teaching", "legal"],
        "hours_per_month": 12,
        "consent": True,
        "organizations": [CLUB, YOUTH],
    }
    return register_volunteer(db, **(fields | change), actor="steward")  # type: ignore[arg-type]


def test_register_update_and_read(region: Database) -> None:
    made = _register(region)
    assert made == volunteers.Volunteer(
        id="v-001",
        display_name=NAME,
        skills=("legal", "teaching"),
        hours_per_month=12,
        kato="551010000",
        organizations=(YOUTH, CLUB),
        consent=True,
    )
    assert volunteers.by_ids(region, ["v-001", "nobody"]) == {"v-001": made}
    changed = update_volunteer(
        region, "v-001", skills=["it"], organizations=[VETERANS, CLUB], kato="553630000",
        actor="steward",
    )  # fmt: skip
    assert (changed.skills, changed.organizations, changed.kato) == (
        ("it",), (CLUB, VETERANS), "553630000",
    )  # fmt: skip
    assert changed.display_name == NAME and changed.hours_per_month == 12
    # the club keeps p-1 of the people table and v-001; the youth group lost v-001
    found = counts(region, volunteers.ORGANIZATION_VOLUNTEERS, [CLUB, YOUTH, VETERANS])
    assert found == {CLUB: 2, YOUTH: 0, VETERANS: 1}


def test_a_person_of_the_people_table_becomes_a_volunteer(region: Database) -> None:
    made = _register(region, id="p-1", organizations=[YOUTH])
    assert made.organizations == (YOUTH, CLUB)  # the tie of the people table stays
    assert made.display_name == NAME
    with pytest.raises(Conflict):
        _register(region, id="p-1")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "consent"),
        ({"skills": ["juggling"]}, "skills"),
        ({"kato": "55101"}, "territory"),
        ({"kato": "551099999"}, "territory"),
        ({"display_name": "  "}, "display_name"),
        ({"organizations": ["12345"]}, "organizations"),
        ({"hours_per_month": -3}, "hours_per_month"),
        ({"id": "no spaces please"}, "id"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    region: Database, change: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _register(region, **change)
    assert refused.value.field == field
    assert volunteers.by_ids(region, ["v-001"]) == {}


def test_unknown_or_archived_organisations_are_refused(region: Database) -> None:
    with pytest.raises(NotFound, match="200140000004"):
        _register(region, organizations=["200140000004"])
    archive_organization(region, VETERANS, actor="test")
    with pytest.raises(InvalidInput, match="archived"):
        _register(region, organizations=[VETERANS])
    assert volunteers.by_ids(region, ["v-001"]) == {}
    with pytest.raises(NotFound):
        update_volunteer(region, "v-404", skills=["it"], actor="steward")


def test_erasure_removes_the_name_everywhere_and_keeps_the_counts(region: Database) -> None:
    _register(region)
    update_volunteer(region, "v-001", display_name="Дана Кенжебаева", actor="steward")
    erased = erase_volunteer(region, "v-001", actor="steward")
    assert erased.display_name is None and erased.erased_at is not None
    assert (erased.skills, erased.hours_per_month, erased.organizations) == (
        ("legal", "teaching"), 12, (YOUTH, CLUB),
    )  # fmt: skip
    assert counts(region, volunteers.ORGANIZATION_VOLUNTEERS, [CLUB])[CLUB] == 2
    again = erase_volunteer(region, "v-001", actor="steward")
    assert again == erased
    with pytest.raises(Conflict):
        update_volunteer(region, "v-001", display_name=NAME, actor="steward")
    assert update_volunteer(region, "v-001", hours_per_month=4, actor="x").hours_per_month == 4
    # the people loader the API's Person uses shows the pseudonymous id, never a gap
    assert people.by_ids(region, ["v-001"])["v-001"].display_name == "v-001"

    log = audit_log(region, target="v-001")
    actions = [r.action for r in log]
    assert actions == [
        "update_volunteer", "erase_volunteer", "update_volunteer", "register_volunteer",
    ]  # fmt: skip
    text = json.dumps([[r.before, r.after] for r in log], ensure_ascii=False)
    assert "Дана" not in text
    erase = log[1]
    assert erase.before == {"id": "v-001", "personal_data": "held"}
    assert erase.after is not None and erase.after["personal_data"] == "erased"
    assert log[2].after is not None and log[2].after["personal_data"] == "changed"
    raw = region.read("MATCH (v:Person {id: 'v-001'}) RETURN properties(v) AS p")[0]["p"]
    assert "display_name" not in raw and raw["erased_at"] is not None
