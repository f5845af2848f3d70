"""Writes limited to a territory (graph.scope) against the real Neo4j: the rule in audited_write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph import edits
from graph.audit import Change, audit_count, audited_write
from graph.db import Database, Transaction
from graph.edits import OrganizationFields, ProjectFields
from graph.errors import Forbidden
from graph.i18n import Language
from graph.scope import Actor, Touches
from tests.graph.sample import AKKULY, AKKULY_AKIMAT, AKKULY_ORG, snapshot, with_akkuly

AKKULY_COORDINATOR = Actor("akkuly (tok_1)", AKKULY)
PAVLODAR_ORG = "940140000385"
"""Клуб добряков Павлодара, in the city of Pavlodar."""
TERENKOL_ORG = "180240012342"


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    return with_akkuly(db, tmp_path)


def test_an_organisation_of_the_territory_is_changed(region: Database) -> None:
    org = edits.update_organization(
        region, AKKULY_ORG, OrganizationFields(staff=3), actor=AKKULY_COORDINATOR
    )
    assert org.staff == 3
    [entry] = [r for r in _log(region) if r["target"] == AKKULY_ORG]
    assert entry["actor"] == "akkuly (tok_1)"  # the audit keeps the name, not the scope


def test_an_organisation_elsewhere_is_forbidden_and_untouched(region: Database) -> None:
    before, entries = snapshot(region), audit_count(region)
    with pytest.raises(Forbidden) as refused:
        edits.update_organization(
            region, PAVLODAR_ORG, OrganizationFields(staff=99), actor=AKKULY_COORDINATOR
        )
    assert str(refused.value) == (
        "this token may change only what is in Аккулинский район (552210000); "
        f"organisation {PAVLODAR_ORG} is outside it"
    )
    kazakh = refused.value.text.render(Language.KK)
    assert "Аққулы ауданы (552210000)" in kazakh and f"{PAVLODAR_ORG} ұйымы" in kazakh
    assert snapshot(region) == before and audit_count(region) == entries


def test_creating_an_organisation_elsewhere_is_forbidden(region: Database) -> None:
    fields = OrganizationFields(
        name="Новая", kind="ngo", legal_form="public_association", kato="551010000"
    )
    with pytest.raises(Forbidden, match="territory 551010000 is outside it"):
        edits.create_organization(region, "190240000013", fields, actor=AKKULY_COORDINATOR)
    fields = OrganizationFields(
        name="Новая", kind="ngo", legal_form="public_association", kato="552231100"
    )
    created = edits.create_organization(region, "190240000013", fields, actor=AKKULY_COORDINATOR)
    assert created.kato == "552231100"  # a village under the district


def test_nothing_moves_out_of_the_territory_or_into_it(region: Database) -> None:
    with pytest.raises(Forbidden):  # after the change it would be elsewhere
        edits.update_organization(
            region, AKKULY_ORG, OrganizationFields(kato="551010000"), actor=AKKULY_COORDINATOR
        )
    with pytest.raises(Forbidden):  # before the change it was elsewhere
        edits.update_organization(
            region, PAVLODAR_ORG, OrganizationFields(kato=AKKULY), actor=AKKULY_COORDINATOR
        )
    with pytest.raises(Forbidden):
        edits.archive_organization(region, TERENKOL_ORG, actor=AKKULY_COORDINATOR)
    kato = region.read("MATCH (o:Organization)-[:LOCATED_IN]->(t) RETURN o.bin AS b, t.kato AS k")
    assert {r["b"]: r["k"] for r in kato}[AKKULY_ORG] == "552231100"


def test_projects_by_their_territory_then_their_participants(region: Database) -> None:
    actor = AKKULY_COORDINATOR
    edits.save_project(region, "A-1", ProjectFields(beneficiaries_reached=40), create=False,
                       actor=actor)  # fmt: skip
    with pytest.raises(Forbidden, match="project P-2 is outside it"):
        edits.save_project(region, "P-2", ProjectFields(beneficiaries_reached=1), create=False,
                           actor=actor)  # fmt: skip
    new = ProjectFields(title="Новый", focus_areas=["youth"], kato="551010000",
                        start_date=dt.date(2025, 1, 1))  # fmt: skip
    with pytest.raises(Forbidden):
        edits.save_project(region, "A-2", new, create=True, actor=actor)
    with pytest.raises(Forbidden, match=f"organisation {PAVLODAR_ORG} is outside it"):
        edits.set_participation(region, "A-1", PAVLODAR_ORG, "partner", present=True, actor=actor)
    # a project serving no territory is judged by every participating organisation
    region.write("MATCH (:Project {code: 'A-1'})-[r:SERVES]->() DELETE r")
    edits.save_project(region, "A-1", ProjectFields(beneficiaries_reached=41), create=False,
                       actor=actor)  # fmt: skip
    edits.set_participation(region, "A-1", PAVLODAR_ORG, "partner", present=True, actor="admin")
    with pytest.raises(Forbidden, match="project A-1 is outside it"):
        edits.save_project(region, "A-1", ProjectFields(beneficiaries_reached=42), create=False,
                           actor=actor)  # fmt: skip


def test_supports_of_the_territory_only(region: Database) -> None:
    since = dt.date(2025, 2, 1)
    support = edits.record_support(
        region, akimat=AKKULY_AKIMAT, bin=AKKULY_ORG, kind="premises", since=since,
        actor=AKKULY_COORDINATOR,
    )  # fmt: skip
    assert support.kind == "premises"
    with pytest.raises(Forbidden, match="akimat akimat-550000000 is outside it"):
        edits.record_support(region, akimat="akimat-550000000", bin=AKKULY_ORG, kind="grant",
                             since=since, actor=AKKULY_COORDINATOR)  # fmt: skip
    with pytest.raises(Forbidden, match=f"organisation {TERENKOL_ORG} is outside it"):
        edits.record_support(region, akimat=AKKULY_AKIMAT, bin=TERENKOL_ORG, kind="grant",
                             since=since, actor=AKKULY_COORDINATOR)  # fmt: skip


def test_an_edit_that_names_nothing_is_refused_to_a_limited_actor(region: Database) -> None:
    def work(tx: Transaction) -> Change[None]:
        tx.run("CREATE (:Donor {code: 'd-x'})").consume()
        return Change(None, "create_donor", "d-x", None, {"code": "d-x"})

    with pytest.raises(Forbidden, match="this change does not say where it is"):
        audited_write(region, AKKULY_COORDINATOR, work, touches=Touches())
    assert not region.read("MATCH (d:Donor {code: 'd-x'}) RETURN d")
    audited_write(region, "console", work, touches=Touches())  # region-wide: as before


def test_region_wide_actors_write_anywhere(region: Database) -> None:
    for actor in ("console", Actor("region (tok_2)"), Actor("oblast (tok_3)", "550000000")):
        edits.update_organization(region, PAVLODAR_ORG, OrganizationFields(staff=5), actor=actor)


def test_a_token_limited_to_a_territory_gone_changes_nothing(region: Database) -> None:
    with pytest.raises(Forbidden, match="999999999"):
        edits.update_organization(region, AKKULY_ORG, OrganizationFields(staff=1),
                                  actor=Actor("ghost", "999999999"))  # fmt: skip


def _log(db: Database) -> list[dict[str, str]]:
    return db.read("MATCH (r:AuditRecord) RETURN r.actor AS actor, r.target AS target")
