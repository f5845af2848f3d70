"""The hub's tables: offers, needs, handovers, volunteers and services through import and export.

The held-out folder (``tests/graph/data/hub_heldout``) was written by hand, as a coordinator
would; it refers to the region of :mod:`tests.graph.sample`.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from graph import rules
from graph.db import Database
from graph.importer import import_directory, import_sources
from graph.importer.export import export_directory
from graph.importer.reader import MemorySource, Source
from graph.importer.tables import HUB_TABLES, TABLES_BY_NAME
from graph.schema import clear_data
from tests.graph.sample import snapshot, write_sample

HELD_OUT = Path(__file__).parent / "data" / "hub_heldout"
CLUB, VETERANS, YOUTH = "940140000385", "990140004654", "180240012342"
BUSINESS = "050440001239"
CITY, OKRUG = "551010000", "553630000"


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    result = import_directory(db, write_sample(tmp_path / "sample"))
    assert result.ok, result.errors
    return db


def _fixed(tmp_path: Path) -> Path:
    """The held-out folder with its two wrong lines corrected."""
    folder = tmp_path / "fixed"
    shutil.copytree(HELD_OUT, folder)
    offers = folder / "offers.csv"
    offers.write_text(
        offers.read_text(encoding="utf-8").replace("+7 777 123 45 67,нет", "+7 777 123 45 67,да"),
        encoding="utf-8",
    )
    handovers = folder / "handovers.csv"
    handovers.write_text(
        handovers.read_text(encoding="utf-8").replace("2018-12-01,30,", "2018-12-01,20,"),
        encoding="utf-8",
    )
    return folder


def _counts(db: Database, folder: Path) -> dict[str, tuple[int, int, int]]:
    result = import_directory(db, folder)
    assert result.ok, result.errors
    return {name: (r.rows, r.created, r.updated) for name, r in result.tables.items()}


def test_the_held_out_folder_is_refused_with_its_two_lines_named(region: Database) -> None:
    before = snapshot(region)
    result = import_directory(region, HELD_OUT)
    assert [(e.where, e.column, e.code) for e in result.errors] == [
        ("offers.csv:7", "consent", "no_consent"),
        ("handovers.csv:5", "quantity", "over_handed"),
    ]
    assert result.errors[1].message == (
        "handing over 30 more would make 130 of the offer's 120; 20 left to give"
    )
    assert snapshot(region) == before


def test_fixed_it_imports_then_changes_nothing(region: Database, tmp_path: Path) -> None:
    folder = _fixed(tmp_path)
    assert _counts(region, folder) == {
        "offers": (6, 6, 0),
        "needs": (5, 5, 0),
        "handovers": (5, 5, 0),
    }
    before = snapshot(region)
    assert _counts(region, folder) == {
        "offers": (6, 0, 0),
        "needs": (5, 0, 0),
        "handovers": (5, 0, 0),
    }
    assert snapshot(region) == before


def test_statuses_givers_and_values_follow_the_model(region: Database, tmp_path: Path) -> None:
    _counts(region, _fixed(tmp_path))
    offers = {
        r["code"]: r
        for r in region.read(
            """MATCH (o:Offer)-[:LOCATED_IN]->(t:Territory)
               RETURN o.code AS code, o.status AS status, t.kato AS kato,
                      COLLECT { MATCH (g)-[:OFFERS]->(o)
                                RETURN [labels(g)[0], g {.*}] } AS givers"""
        )
    }
    assert {c: o["status"] for c, o in offers.items()} == {
        "OF-2018-001": "handed_over",
        "OF-2018-002": "handed_over",
        "OF-2018-003": "handed_over",  # 100 + 20 of 120
        "OF-2019-004": "offered",  # 5 of 20 hours
        "OF-2019-005": "offered",
        "OF-2020-006": "offered",
    }
    assert offers["OF-2018-001"]["givers"] == [
        ["Citizen", {"key": "OF-2018-001", "name": "Ерлан Б.", "contact": "+7 701 555 12 34",
                     "consent": True}],
    ]  # fmt: skip
    assert offers["OF-2018-002"]["givers"] == []  # an anonymous gift
    assert offers["OF-2018-003"]["givers"] == [
        ["Business", {"bin": BUSINESS, "name": "ТОО «Павлодар Текстиль»"}]
    ]
    assert offers["OF-2019-004"]["givers"][0][1]["bin"] == VETERANS
    assert offers["OF-2019-005"]["givers"][0][1]["code"] == "akimat-553610000"
    assert offers["OF-2018-002"]["kato"] == OKRUG
    rows = region.read("MATCH (n:Need) RETURN n.code AS code, n.status AS status")
    needs = {r["code"]: r["status"] for r in rows}
    assert needs == {
        "ND-2018-001": "met",
        "ND-2018-002": "met",
        "ND-2018-003": "partly_met",  # 120 of 150
        "ND-2019-004": "met",
        "ND-2020-005": "open",
    }
    values = region.read(
        """MATCH (o:Offer)-[g:GIVEN_TO]->(n:Need)
           RETURN o.code AS offer, toString(g.date) AS date, g.value_kzt AS value
           ORDER BY offer, date"""
    )
    assert [(r["offer"], r["value"]) for r in values] == [
        ("OF-2018-001", 9_500_000),  # the offer's value for 1 of 1
        ("OF-2018-002", 5_800_000),  # as written
        ("OF-2018-003", 2_000_000),  # 100 of 120 coats worth 2 400 000
        ("OF-2018-003", 400_000),
        ("OF-2019-004", None),  # the offer has no value
    ]
    project = region.read("MATCH (:Need {code: 'ND-2018-001'})-[:FOR_PROJECT]->(p) RETURN p.code")
    assert project[0]["p.code"] == "P-1"


def test_export_round_trips_into_an_empty_graph(region: Database, tmp_path: Path) -> None:
    _counts(region, _fixed(tmp_path))
    _counts(region, _volunteers_and_services(tmp_path / "more"))
    before = snapshot(region)
    export_directory(region, tmp_path / "out1")
    clear_data(region)
    result = import_directory(region, tmp_path / "out1")
    assert result.ok, result.errors
    assert snapshot(region) == before
    export_directory(region, tmp_path / "out2")
    for path in (tmp_path / "out1").iterdir():
        assert filecmp.cmp(path, tmp_path / "out2" / path.name, shallow=False), path.name
    again = import_directory(region, tmp_path / "out2")
    assert all(r.created == r.updated == 0 for r in again.tables.values()), again.tables


def _volunteers_and_services(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "volunteers.csv").write_text(
        "ID волонтера,ФИО,КАТО,Навыки,Часов в месяц,Согласие,БИН организаций\n"
        f'v-001,Дана К.,{CITY},"legal;teaching",12,да,"{CLUB};{YOUTH}"\n'
        f"v-002,Нұрлан Ж.,{OKRUG},driving,8,иә,{YOUTH}\n",
        encoding="utf-8",
    )
    (folder / "services.csv").write_text(
        "Код услуги,БИН поставщика,БИН получателя,Вид услуги,Тема,Дата,Часы,Участники\n"
        f'SV-2021-001,{CLUB},{YOUTH},training,Как подать заявку на грант,2021-04-10,"3,5",6\n'
        f"SV-2021-002,{CLUB},{VETERANS},consultation,Отчётность НКО,2021-05-12,1,\n",
        encoding="utf-8",
    )
    return folder


def test_volunteers_and_services_are_written(region: Database, tmp_path: Path) -> None:
    folder = _volunteers_and_services(tmp_path / "more")
    assert _counts(region, folder) == {"volunteers": (2, 2, 0), "services": (2, 2, 0)}
    volunteer = region.read(
        """MATCH (v:Person:Volunteer {id: 'v-001'})-[:LOCATED_IN]->(t)
           RETURN v {.*} AS v, t.kato AS kato,
                  COLLECT { MATCH (v)-[:VOLUNTEERS_FOR]->(o)
                            RETURN o.bin ORDER BY o.bin } AS orgs"""
    )[0]
    assert volunteer["v"] == {"id": "v-001", "display_name": "Дана К.",
                              "skills": ["legal", "teaching"], "hours_per_month": 12,
                              "consent": True}  # fmt: skip
    assert volunteer["kato"] == CITY and volunteer["orgs"] == sorted([CLUB, YOUTH])
    service = region.read(
        """MATCH (p)-[:PROVIDED]->(s:Service {code: 'SV-2021-001'})<-[:RECEIVED]-(r)
           RETURN s {.*} AS s, p.bin AS provider, r.bin AS recipient"""
    )[0]
    assert service["s"]["hours"] == 3.5 and service["s"]["participants"] == 6
    assert (service["provider"], service["recipient"]) == (CLUB, YOUTH)
    assert _counts(region, folder) == {"volunteers": (2, 0, 0), "services": (2, 0, 0)}


def _validate(db: Database, tables: dict[str, list[dict[str, str]]]) -> list[tuple[str, str, str]]:
    sources: list[Source] = [MemorySource(TABLES_BY_NAME[name], r) for name, r in tables.items()]
    result = import_sources(db, sources)
    return [(e.where, e.column, e.code) for e in result.errors]


_OFFER = {
    "code": "OF-1", "category": "flat", "skill": "", "title": "Квартира", "quantity": "1",
    "unit": "шт", "value_kzt": "", "kato": CITY, "giver_kind": "citizen", "giver_bin": "",
    "giver_code": "", "giver_name": "", "giver_contact": "", "consent": "", "status": "",
}  # fmt: skip
_NEED = {
    "code": "ND-1", "org_bin": CLUB, "category": "flat", "skill": "", "title": "Пәтер",
    "quantity": "1", "unit": "шт", "kato": OKRUG, "urgency": "high", "opened_on": "2020-01-01",
    "status": "",
}  # fmt: skip


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        ({"offers": [_OFFER | {"giver_contact": "+7 700", "consent": "no"}]},
         [("offers:2", "consent", "no_consent")]),
        ({"offers": [_OFFER | {"giver_kind": "business", "giver_bin": BUSINESS}]},
         [("offers:2", "giver_name", "giver_required")]),
        ({"offers": [_OFFER | {"giver_kind": "organization", "giver_bin": "150840012349"}]},
         [("offers:2", "giver_bin", "unknown_reference")]),
        ({"offers": [_OFFER | {"giver_kind": "akimat", "giver_code": "akimat-x",
                               "giver_name": "Аким"}]},
         [("offers:2", "giver_name", "giver_not_used"),
          ("offers:2", "giver_code", "unknown_reference")]),
        ({"offers": [_OFFER | {"giver_kind": "business", "giver_bin": BUSINESS,
                               "giver_name": "ТОО А"},
                     _OFFER | {"code": "OF-2", "giver_kind": "business", "giver_bin": BUSINESS,
                               "giver_name": "ТОО Б"}]},
         [("offers:3", "giver_name", "business_named_twice")]),
        ({"offers": [_OFFER | {"category": "skill"}]}, [("offers:2", "skill", "skill_required")]),
        ({"offers": [_OFFER | {"skill": "legal"}]}, [("offers:2", "skill", "skill_not_used")]),
        ({"offers": [_OFFER | {"status": "handed_over"}]},
         [("offers:2", "status", "status_mismatch")]),
        ({"offers": [_OFFER], "needs": [_NEED | {"status": "met"}]},
         [("needs:2", "status", "status_mismatch")]),
        ({"offers": [_OFFER | {"category": "house"}], "needs": [_NEED],
          "handovers": [{"offer_code": "OF-1", "need_code": "ND-1", "date": "2020-02-01",
                         "quantity": "1"}]},
         [("handovers:2", "need_code", "category_mismatch")]),
        ({"handovers": [{"offer_code": "OF-9", "need_code": "ND-9", "date": "2020-02-01",
                         "quantity": "1"}]},
         [("handovers:2", "offer_code", "unknown_reference"),
          ("handovers:2", "need_code", "unknown_reference")]),
        ({"volunteers": [{"id": "v-1", "display_name": "Дана", "kato": CITY, "consent": "no"}]},
         [("volunteers:2", "consent", "volunteer_consent")]),
        ({"services": [{"code": "S-1", "provider_bin": CLUB, "recipient_bin": CLUB,
                        "kind": "training", "topic": "Гранты", "date": "2021-01-01",
                        "hours": "2"}]},
         [("services:2", "recipient_bin", "same_provider")]),
    ],
)  # fmt: skip
def test_each_rule_names_its_line(
    region: Database, tables: dict[str, list[dict[str, str]]], expected: list[tuple[str, ...]]
) -> None:
    assert _validate(region, tables) == expected
    assert (
        region.read("MATCH (n) WHERE n:Offer OR n:Need OR n:Service RETURN count(n) AS n")[0]["n"]
        == 0
    )


def test_handovers_already_in_the_graph_count(region: Database) -> None:
    first = {
        "offers": [_OFFER | {"quantity": "2"}],
        "needs": [_NEED | {"quantity": "3"}],
        "handovers": [{"offer_code": "OF-1", "need_code": "ND-1", "date": "2020-02-01",
                       "quantity": "1"}],
    }  # fmt: skip
    assert _validate(region, first) == []
    later = {"handovers": [{"offer_code": "OF-1", "need_code": "ND-1", "date": "2020-03-01",
                            "quantity": "2"}]}  # fmt: skip
    assert _validate(region, later) == [("handovers:2", "quantity", "over_handed")]
    shrink = {"offers": [_OFFER | {"quantity": "1"}]}
    assert _validate(region, shrink) == []  # 1 of 1 given: the status becomes handed_over
    status = region.read("MATCH (o:Offer {code: 'OF-1'}) RETURN o.status AS s")[0]["s"]
    assert status == "handed_over"


def test_an_erased_giver_is_not_named_again(region: Database) -> None:
    named = {"offers": [_OFFER | {"giver_name": "Ерлан", "consent": "yes"}]}
    assert _validate(region, named) == []
    region.write(
        "MATCH (o:Offer {code: 'OF-1'}) SET o.giver_erased_at = datetime() "
        "WITH o MATCH (c:Citizen {key: o.code}) DETACH DELETE c"
    )
    assert _validate(region, named) == [("offers:2", "giver_name", "erased_giver")]


def test_every_hub_table_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "import-format.md").read_text(encoding="utf-8")
    for table in HUB_TABLES:
        assert f"### {table.name}" in docs
        for column in table.column_names:
            assert f"| `{column}` |" in docs, (table.name, column)


@pytest.mark.parametrize(
    ("declared", "quantity", "given", "offer", "need"),
    [
        (None, 2, 0, "offered", "open"),
        (None, 2, 1, "offered", "partly_met"),
        (None, 2, 2, "handed_over", "met"),
        ("withdrawn", 2, 1, "withdrawn", "partly_met"),
        ("reserved", 1, 1, "handed_over", "met"),
        ("handed_over", 3, 1, "offered", "partly_met"),
        ("closed", 3, 1, None, "closed"),
    ],
)
def test_statuses_from_handovers(
    declared: str | None, quantity: int, given: int, offer: str | None, need: str
) -> None:
    if offer is not None:
        assert rules.offer_status(declared, quantity, given) == offer
    assert rules.need_status(declared, quantity, given) == need


def test_the_new_parsers() -> None:
    assert rules.quantity("1 200") == 1200
    with pytest.raises(rules.RuleError, match="at least 1"):
        rules.quantity("0")
    assert rules.skills(["Legal", "it", "legal"]) == ["it", "legal"]
    with pytest.raises(rules.RuleError):
        rules.skill("juggling")
    moment = rules.timestamp("2024-05-01T10:30:00+05:00")
    assert moment.utcoffset() is not None and moment.hour == 10
    with pytest.raises(rules.RuleError):
        rules.timestamp("2024-05-01T10:30:00")  # no offset: which server's time?
    assert rules.consent("иә") is True
    assert rules.personal_data_without_consent(None, "Ерлан", None) is not None
    assert rules.personal_data_without_consent(True, "Ерлан", "+7") is None
    assert rules.personal_data_without_consent(False, None, "") is None
    assert rules.handover_exceeds(3, 2, 1) is None
    assert rules.handover_exceeds(3, 2, 2) is not None
