"""Sources of fundings, partnerships, participations and supports through the API."""

from __future__ import annotations

import json
from pathlib import Path

from graph.db import Database
from graph.importer import import_directory
from tests.api.conftest import Api
from tests.graph.sample import write_sample
from tests.graph.test_sources import DECREE, NEWS, _with_sources

SOURCES = "sources { url title date } sourced"
FUNDING = f"""mutation($input: SetFundingInput!) {{
  setFunding(input: $input) {{ funding {{ amountKzt {SOURCES} }} }}
}}"""
PARTNERS = f"""mutation($input: RecordPartnershipInput!) {{
  recordPartnership(input: $input) {{ partnership {{ id {SOURCES} }} }}
}}"""
PARTICIPANT = """mutation($input: AddProjectParticipantInput!) {
  addProjectParticipant(input: $input) { role }
}"""
READ = f"""{{
  project(code: "P-2") {{
    fundings(first: 10) {{ edges {{ node {{ year {SOURCES} }} }} }}
    participants(first: 10) {{ edges {{ node {{ bin }} role {SOURCES} }} }}
  }}
  organization(bin: "990140004654") {{
    partners(first: 10) {{ edges {{ node {{ bin }} {SOURCES} }} }}
    projects(first: 10) {{ edges {{ node {{ code }} role {SOURCES} }} }}
  }}
  akimat(code: "akimat-553610000") {{
    supportedOrganizations(first: 10) {{ edges {{ node {{ bin }} {SOURCES} }} }}
  }}
}}"""
ORDER = {"url": DECREE, "title": "Договор № 12", "date": "2021-03-01"}


def test_mutations_with_sources_show_them(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    funding = {"project": "P-2", "funder": "akimat-553610000", "mechanism": "STATE_SOCIAL_ORDER",
               "year": 2021, "amountKzt": 2500000, "sources": [ORDER, {"url": NEWS}]}  # fmt: skip
    given = api.data(FUNDING, {"input": funding}, token=token)["setFunding"]["funding"]
    assert given["sources"] == [ORDER, {"url": NEWS, "title": None, "date": None}]
    assert given["sourced"] is True
    pair = {"organization": "990140004654", "partner": "180240012342", "sources": [ORDER]}
    recorded = api.data(PARTNERS, {"input": pair}, token=token)["recordPartnership"]
    assert recorded["partnership"]["sources"] == [ORDER] and recorded["partnership"]["sourced"]
    role = {"project": "P-2", "organization": "180240012342", "role": "IMPLEMENTING",
            "sources": [{"url": NEWS, "title": "Новости"}]}  # fmt: skip
    api.data(PARTICIPANT, {"input": role}, token=token)

    data = api.data(READ)
    fundings = data["project"]["fundings"]["edges"]
    assert fundings[0]["node"]["sources"][0] == ORDER
    participants = {e["node"]["bin"]: e for e in data["project"]["participants"]["edges"]}
    assert participants["180240012342"]["sources"] == [
        {"url": NEWS, "title": "Новости", "date": None}
    ]
    # a relationship without a source says so: an empty list and sourced false
    assert participants["990140004654"]["sources"] == []
    assert participants["990140004654"]["sourced"] is False
    partner = data["organization"]["partners"]["edges"][0]
    assert partner["sources"] == [ORDER] and partner["sourced"] is True
    own = data["organization"]["projects"]["edges"][0]
    assert own["sources"] == [] and own["sourced"] is False
    support = data["akimat"]["supportedOrganizations"]["edges"][0]
    assert support["sources"] == [] and support["sourced"] is False

    audit = sample.read("MATCH (a:AuditRecord {action: 'record_funding'}) RETURN a.after AS after")[
        0
    ]["after"]
    assert json.loads(audit)["sources"][0] == ORDER


def test_imported_support_sources_show(api: Api, db: Database, tmp_path: Path) -> None:
    result = import_directory(db, write_sample(tmp_path, _with_sources()))
    assert result.ok, result.errors
    support = api.data(READ)["akimat"]["supportedOrganizations"]["edges"][0]
    assert support["sources"] == [{"url": NEWS, "title": None, "date": "2020-02-01"}]
    assert support["sourced"] is True


def test_a_bad_source_names_its_field(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    pair = {"organization": "990140004654", "partner": "180240012342",
            "sources": [{"url": "ftp://files.kz/memo.pdf"}]}  # fmt: skip
    body = api(PARTNERS, {"input": pair}, token=tokens["coordinator"])
    error = body["errors"][0]
    assert error["extensions"]["field"].endswith("sources.0.url"), error
    assert "web address" in error["message"]
    assert sample.read("MATCH ()-[r:PARTNERS_WITH]->() RETURN r.source_urls AS u")[0]["u"] is None


RECORD_SUPPORT = f"""mutation($input: RecordSupportInput!) {{
  recordSupport(input: $input) {{ support {{ kind {SOURCES} }} }}
}}"""
SUPPORTS = f"""{{
  organization(bin: "990140004654") {{
    supportedBy(first: 10) {{ edges {{ node {{ kind {SOURCES} }} }} }}
  }}
}}"""


def test_a_support_record_keeps_its_sources(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    support = {"akimat": "akimat-553610000", "organization": "990140004654", "kind": "PREMISES",
               "since": "2022-01-10", "sources": [ORDER]}  # fmt: skip
    given = api.data(RECORD_SUPPORT, {"input": support}, token=token)["recordSupport"]["support"]
    assert given["sources"] == [ORDER] and given["sourced"] is True
    # recorded again without sources: they are kept; with an empty list: removed
    support.pop("sources")
    again = api.data(RECORD_SUPPORT, {"input": support}, token=token)["recordSupport"]["support"]
    assert again["sources"] == [ORDER]
    listed = api.data(SUPPORTS)["organization"]["supportedBy"]["edges"]
    assert [e["node"]["sources"] for e in listed if e["node"]["kind"] == "PREMISES"] == [[ORDER]]
    support["sources"] = []
    cleared = api.data(RECORD_SUPPORT, {"input": support}, token=token)["recordSupport"]["support"]
    assert cleared["sources"] == [] and cleared["sourced"] is False
