"""Initiative groups: created without a BIN under a stable key, taking part like any
organisation, then registered with a BIN keeping every relationship and its history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph import organizations
from graph.audit import audit_log
from graph.db import Database
from graph.edits import (
    OrganizationFields,
    create_organization,
    save_partnership,
    set_participation,
    update_organization,
)
from graph.edits.groups import (
    GroupFields,
    create_initiative_group,
    is_group_key,
    new_group_key,
    register_initiative_group,
    registered_as,
)
from graph.errors import Conflict, InvalidInput, NotFound
from graph.i18n import Language
from graph.importer import import_directory, import_sources
from graph.importer.reader import MemorySource
from graph.importer.tables import ORGANIZATIONS, PARTICIPATIONS
from tests.graph.sample import write_sample

PARTNER = "180240012342"
"""Жастар Теренколь (sample)."""
TAKEN = "990140004654"
"""Союз ветеранов Афганистана (sample)."""
NEW_BIN = "200140000004"
GROUP = GroupFields(
    name="Инициативная группа «Чистый берег»",
    kato="551010000",
    focus_areas=("ecology", "youth"),
    name_kk="«Таза жаға» бастамашыл тобы",
    contact="+7 701 000 00 00",
    volunteers=12,
)


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    assert import_directory(db, write_sample(tmp_path / "sample")).ok
    return db


def test_keys_sort_by_creation_and_never_look_like_a_bin() -> None:
    keys = [new_group_key(ms, r) for ms, r in ((1, 31), (2, 0), (1_800_000_000_000, 5))]
    assert keys == sorted(keys)
    assert all(is_group_key(k) and len(k) == 16 for k in keys)
    assert not is_group_key("990140004654") and not is_group_key("IG-000000000000I")
    assert new_group_key(0, 0) == "IG-0000000000000"


def test_a_group_takes_part_then_registers_keeping_everything(region: Database) -> None:
    group = create_initiative_group(region, GROUP, actor="coordinator")
    key = group.bin
    assert is_group_key(key)
    assert (group.kind, group.legal_form, group.kato) == (
        "initiative_group",
        "no_legal_entity",
        "551010000",
    )
    assert group.focus_areas == ("ecology", "youth") and group.volunteers == 12
    set_participation(region, "P-2", key, "partner", present=True, actor="coordinator")
    save_partnership(
        region, key, PARTNER, since=dt.date(2025, 5, 1), basis="informal", actor="coordinator"
    )
    save_partnership(region, key, TAKEN, since=dt.date(2025, 6, 1), actor="coordinator")
    update_organization(region, key, OrganizationFields(staff=0), actor="coordinator")
    assert [h.organization.bin for h in organizations.search(region, "Чистый берег")] == [key]

    org = register_initiative_group(
        region, key, NEW_BIN, "public_association", kind="youth_group", actor="steward"
    )
    assert (org.bin, org.kind, org.legal_form) == (NEW_BIN, "youth_group", "public_association")
    assert org.name == GROUP.name and org.focus_areas == ("ecology", "youth")
    rels = {
        (r["type"], r["other"], r["role"])
        for r in region.read(
            "MATCH (o:Organization {bin: $bin})-[r]-(x) RETURN type(r) AS type, "
            "coalesce(x.key, x.bin, x.code, x.kato) AS other, r.role AS role",
            bin=NEW_BIN,
        )
    }
    assert ("PARTICIPATES_IN", "P-2", "partner") in rels
    assert ("PARTNERS_WITH", PARTNER, None) in rels and ("PARTNERS_WITH", TAKEN, None) in rels
    assert ("REGISTERED_AS", key, None) in rels
    labels = region.read("MATCH (o:Organization {bin: $bin}) RETURN labels(o) AS l", bin=NEW_BIN)
    assert sorted(labels[0]["l"]) == ["Organization", "YouthGroup"]
    history = [(r.action, r.target) for r in audit_log(region, target=NEW_BIN)]
    assert history[0] == ("register_initiative_group", NEW_BIN)
    assert [a for a, _ in history] == [
        "register_initiative_group",
        "update_organization",
        "create_initiative_group",
    ]
    joined = audit_log(region, target=f"P-2/{key}/partner")  # links keep their own targets
    assert [r.action for r in joined] == ["add_participation"]
    assert registered_as(region, key) == org
    # a partnership runs from the smaller BIN to the larger: the one with TAKEN turned round
    ended = save_partnership(
        region, TAKEN, NEW_BIN, end=True, until=dt.date(2026, 1, 1), actor="coordinator"
    )
    assert (ended.since, ended.until) == (dt.date(2025, 6, 1), dt.date(2026, 1, 1))
    pairs = region.read(
        "MATCH (a:Organization {bin: $bin})-[r:PARTNERS_WITH]-(b:Organization) "
        "RETURN startNode(r).bin AS start, b.bin AS other ORDER BY other",
        bin=NEW_BIN,
    )
    assert [(p["start"], p["other"]) for p in pairs] == [(PARTNER, PARTNER), (NEW_BIN, TAKEN)]
    assert organizations.by_bins(region, [key]) == {}
    assert [h.organization.bin for h in organizations.search(region, "Чистый берег")] == [NEW_BIN]


def test_keys_are_unique(region: Database) -> None:
    keys = {create_initiative_group(region, GROUP, actor="c").bin for _ in range(5)}
    assert len(keys) == 5
    found = region.read("MATCH (o:InitiativeGroup) RETURN count(o) AS n")[0]["n"]
    assert found == 5


def test_registering_twice_is_refused(region: Database) -> None:
    key = create_initiative_group(region, GROUP, actor="c").bin
    register_initiative_group(region, key, NEW_BIN, "public_association", actor="c")
    with pytest.raises(Conflict) as refused:
        register_initiative_group(region, key, NEW_BIN, "public_association", actor="c")
    assert NEW_BIN in str(refused.value)
    with pytest.raises(InvalidInput) as not_a_group:
        register_initiative_group(region, NEW_BIN, "200140000014", "public_association", actor="c")
    assert not_a_group.value.field == "key"


def test_a_taken_bin_suggests_merging(region: Database) -> None:
    key = create_initiative_group(region, GROUP, actor="c").bin
    with pytest.raises(Conflict) as taken:
        register_initiative_group(region, key, TAKEN, "public_association", actor="c")
    text = taken.value.text
    assert "mergeOrganizations" in text.render(Language.EN) and key in text.render(Language.EN)
    assert "БИН" in text.render(Language.RU) and "БСН" in text.render(Language.KK)
    assert organizations.by_bins(region, [key])[key].kind == "initiative_group"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kato": "123"}, "kato"),
        ({"kato": "551099999"}, "kato"),
        ({"focus_areas": ("flying",)}, "focus_areas"),
        ({"volunteers": -1}, "volunteers"),
    ],
)
def test_bad_groups_are_refused_with_the_field(
    region: Database, change: dict[str, object], field: str
) -> None:
    values = {
        "name": GROUP.name,
        "kato": GROUP.kato,
        "focus_areas": GROUP.focus_areas,
        "volunteers": None,
    } | change
    with pytest.raises(InvalidInput) as refused:
        create_initiative_group(region, GroupFields(**values), actor="c")  # type: ignore[arg-type]
    assert refused.value.field == field
    assert region.read("MATCH (o:InitiativeGroup) RETURN count(o) AS n")[0]["n"] == 0


def test_bad_registrations_are_refused(region: Database) -> None:
    key = create_initiative_group(region, GROUP, actor="c").bin
    for bin, form, kind, field in (
        ("200140000005", "public_association", "ngo", "bin"),
        (NEW_BIN, "no_legal_entity", "ngo", "legal_form"),
        (NEW_BIN, "public_association", "initiative_group", "kind"),
    ):
        with pytest.raises(InvalidInput) as refused:
            register_initiative_group(region, key, bin, form, kind=kind, actor="c")
        assert refused.value.field == field
    with pytest.raises(NotFound):
        register_initiative_group(region, "IG-0000000000000", NEW_BIN, "foundation", actor="c")
    message = InvalidInput  # the other paths to the kind are closed
    with pytest.raises(message) as via_create:
        create_organization(
            region,
            NEW_BIN,
            OrganizationFields(
                name="X", kind="initiative_group", legal_form="foundation", kato="551010000"
            ),
            actor="c",
        )
    assert via_create.value.field == "kind"
    with pytest.raises(InvalidInput) as via_update:
        update_organization(region, key, OrganizationFields(kind="ngo"), actor="c")
    assert via_update.value.field == "kind"
    assert "registerInitiativeGroup" in str(via_update.value)


def test_the_importer_takes_a_group_by_its_key(region: Database) -> None:
    key = new_group_key(1_800_000_000_000, 7)
    row = {"bin": key, "name": "Ауыл жастары", "kind": "initiative_group",
           "legal_form": "no_legal_entity", "kato": "551010000"}  # fmt: skip
    joined = {"project_code": "P-2", "org_bin": key, "role": "partner"}
    result = import_sources(
        region, [MemorySource(ORGANIZATIONS, [row]), MemorySource(PARTICIPATIONS, [joined])]
    )
    assert result.ok, result.errors
    group = organizations.by_bins(region, [key])[key]
    assert (group.kind, group.legal_form) == ("initiative_group", "no_legal_entity")
    labels = region.read("MATCH (o:Organization {bin: $key}) RETURN labels(o) AS l", key=key)
    assert sorted(labels[0]["l"]) == ["InitiativeGroup", "Organization"]
    register_initiative_group(region, key, NEW_BIN, "public_association", actor="c")

    mixed = [
        row | {"bin": "200140000014"},
        row | {"bin": new_group_key(1, 1), "kind": "ngo"},
        row | {"bin": new_group_key(1, 2), "legal_form": "public_association"},
    ]
    refused = import_sources(region, [MemorySource(ORGANIZATIONS, mixed)])
    assert [(p.column, p.code) for p in refused.errors] == [
        ("kind", "group_key"),
        ("kind", "group_key"),
        ("legal_form", "group_key"),
    ]
    assert "БСН" in refused.errors[0].text.render(Language.KK)
