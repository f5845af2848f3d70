"""Services a resource centre gives: recorded (again by code: replaced), refused when wrong, read
by recipient and provider with filters by kind and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.audit import audit_log
from graph.db import Database
from graph.edits.groups import GroupFields, create_initiative_group
from graph.edits.services import record_service
from graph.errors import InvalidInput, NotFound
from graph.hub import services
from graph.hub.services import ORGANIZATION_SERVICES_PROVIDED, ORGANIZATION_SERVICES_RECEIVED
from graph.importer import import_directory
from graph.pagination import PageRequest
from graph.relations import counts, pages
from tests.graph.sample import write_sample

HOUSE = "940140000385"
"""Stands in for the House of NGOs (any organisation may provide a service)."""
YOUTH = "180240012342"
VETERANS = "990140004654"


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    assert import_directory(db, write_sample(tmp_path / "sample")).ok
    return db


def _record(db: Database, **change: object) -> services.Service:
    fields: dict[str, object] = {
        "code": "SV-2021-001",
        "provider": HOUSE,
        "recipient": YOUTH,
        "kind": "training",
        "topic": "Как подать заявку на грант",
        "date": dt.date(2021, 3, 1),
        "hours": 4.5,
        "participants": 6,
    }
    return record_service(db, **(fields | change), actor="steward")  # type: ignore[arg-type]


def _codes(db: Database, relation: object, bin: str, **params: object) -> list[str]:
    page = pages(db, relation, [bin], PageRequest(limit=10), **dict(services.filters(**params)))[
        bin
    ]  # type: ignore[arg-type]
    return [s.code for _, s in page.items]


def test_record_read_filter_and_replace(region: Database) -> None:
    made = _record(region)
    assert made == services.Service(
        "SV-2021-001", "training", "Как подать заявку на грант", dt.date(2021, 3, 1), 4.5,
        HOUSE, YOUTH, 6,
    )  # fmt: skip
    _record(region, code="SV-2022-001", kind="legal", date=dt.date(2022, 5, 1), hours=1,
            participants=None)  # fmt: skip
    _record(region, code="SV-2022-002", recipient=VETERANS, date=dt.date(2022, 6, 1))
    assert services.by_codes(region, ["SV-2021-001", "x"]) == {"SV-2021-001": made}

    received = ORGANIZATION_SERVICES_RECEIVED
    assert _codes(region, received, YOUTH) == ["SV-2022-001", "SV-2021-001"]
    assert _codes(region, received, YOUTH, kinds=("training",)) == ["SV-2021-001"]
    assert _codes(region, received, YOUTH, date_from=dt.date(2022, 1, 1)) == ["SV-2022-001"]
    assert _codes(region, received, YOUTH, date_to=dt.date(2021, 12, 31)) == ["SV-2021-001"]
    provided = ORGANIZATION_SERVICES_PROVIDED
    assert _codes(region, provided, HOUSE) == ["SV-2022-002", "SV-2022-001", "SV-2021-001"]
    found = counts(region, received, [YOUTH, VETERANS, HOUSE], **dict(services.filters()))
    assert found == {YOUTH: 2, VETERANS: 1, HOUSE: 0}

    moved = _record(region, recipient=VETERANS, hours=3)
    assert (moved.recipient, moved.hours) == (VETERANS, 3)
    assert _codes(region, received, YOUTH) == ["SV-2022-001"]
    log = audit_log(region, target="SV-2021-001")
    assert [r.action for r in log] == ["record_service", "record_service"]
    assert log[0].before is not None and log[0].before["recipient"] == YOUTH


def test_an_initiative_group_receives_services(region: Database) -> None:
    group = create_initiative_group(
        region, GroupFields(name="Группа «Чистый берег»", kato="551010000"), actor="t"
    )
    _record(region, recipient=group.bin)
    assert _codes(region, ORGANIZATION_SERVICES_RECEIVED, group.bin) == ["SV-2021-001"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "cooking"}, "kind"),
        ({"provider": "12345"}, "provider"),
        ({"recipient": HOUSE}, "recipient"),
        ({"topic": " "}, "topic"),
        ({"hours": -1}, "hours"),
        ({"participants": -2}, "participants"),
        ({"code": "SV 1"}, "code"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    region: Database, change: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _record(region, **change)
    assert refused.value.field == field
    assert services.by_codes(region, ["SV-2021-001"]) == {}


def test_unknown_organisations_are_not_found(region: Database) -> None:
    with pytest.raises(NotFound, match="200140000004"):
        _record(region, recipient="200140000004")
    assert services.by_codes(region, ["SV-2021-001"]) == {}
