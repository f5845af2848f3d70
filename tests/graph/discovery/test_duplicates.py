"""Organisations registered twice: a planted duplicate is found, unrelated ones are not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.db import Database
from graph.discovery import DuplicateReasonKind, possible_duplicates
from graph.discovery.duplicates import WINDOW, _blocked, _Name, _words_match, core_name
from graph.edits import OrganizationFields, create_organization
from graph.identifiers import bin_check_digit
from graph.names import latin
from tests.graph.discovery.conftest import CLUB, VETERANS


def _valid_bin(prefix: str) -> str:
    """A valid BIN that starts with the 9 digits ``prefix`` (registered January 2025)."""
    for serial in range(100):
        first11 = f"{prefix}{serial:02d}"
        if (check := bin_check_digit(first11)) is not None:
            return f"{first11}{check}"
    raise AssertionError("no valid BIN")


@pytest.fixture
def planted(demo: Database) -> Iterator[tuple[str, str]]:
    """A copy of a rural NGO under its name in Latin, in the same village, sharing a person."""
    row = demo.read(
        "MATCH (o:Organization {kind: 'ngo'})-[:LOCATED_IN]->(t:Territory {settlement: 'rural'}) "
        "WHERE EXISTS { (:Person)-[:MEMBER_OF|VOLUNTEERS_FOR]->(o) } "
        "RETURN o.bin AS bin, o.name AS name, o.legal_form AS legal_form, o.kind AS kind, "
        "o.founded_year AS founded, t.kato AS kato, "
        "COLLECT { MATCH (p:Person)-[:MEMBER_OF|VOLUNTEERS_FOR]->(o) RETURN p.id }[0] AS person "
        "ORDER BY o.bin LIMIT 1"
    )[0]
    copy = _valid_bin("250140000")
    name = latin(row["name"]).title().replace("Oo ", "OO ")  # «OO Tsentr ...» as typed
    fields = OrganizationFields(
        name=name,
        kind=row["kind"],
        legal_form=row["legal_form"],
        kato=row["kato"],
        founded_year=row["founded"],
    )
    create_organization(demo, copy, fields, actor="test")
    demo.write(
        "MATCH (p:Person {id: $person}), (o:Organization {bin: $bin}) MERGE (p)-[:MEMBER_OF]->(o)",
        person=row["person"],
        bin=copy,
    )
    yield row["bin"], copy
    demo.write("MATCH (o:Organization {bin: $bin}) DETACH DELETE o", bin=copy)


def test_a_planted_duplicate_is_found_with_its_reasons(
    demo: Database, planted: tuple[str, str]
) -> None:
    found = possible_duplicates(demo, first=100)
    pairs = {frozenset((p.first.bin, p.second.bin)): p for p in found}
    pair = pairs[frozenset(planted)]
    kinds = {r.kind for r in pair.reasons}
    assert {
        DuplicateReasonKind.SIMILAR_NAME,
        DuplicateReasonKind.SAME_TERRITORY,
        DuplicateReasonKind.SHARED_PEOPLE,
        DuplicateReasonKind.SAME_PROFILE,
    } <= kinds
    assert pair.name_similarity >= 0.9 and pair.score >= 0.9
    assert found[0].score >= pair.score  # sorted
    assert sum(r.contribution for r in pair.reasons) == pytest.approx(pair.score)


def test_unrelated_organisations_are_not_paired(demo: Database) -> None:
    found = possible_duplicates(demo, first=100)
    assert all(p.name_similarity >= 0.85 for p in found)
    pairs = {frozenset((p.first.bin, p.second.bin)) for p in found}
    assert frozenset((CLUB, VETERANS)) not in pairs


def test_names_meet_in_latin_without_the_legal_form() -> None:
    assert core_name('ОО "Молодёжный центр Надежда"') == core_name("OO Molodezhnyy Tsentr Nadezhda")
    assert core_name('"Үміт жастар орталығы" ҚБ') == "umit zhastar ortalygy"
    # alike but for the word that tells them apart: not the same organisation
    assert not _words_match("dobrovolcheskoe dvizhenie umit", "dobrovolcheskoe dvizhenie nur")
    assert _words_match("molodezhnyy tsentr nadezhda", "tsentr molodezhnyi nadezhda")


def test_blocking_compares_a_bounded_number_of_pairs() -> None:
    names = [_Name(f"{i:05d}", "", f"word{i % 97} brand{i % 89} club", None) for i in range(3000)]
    pairs = _blocked(names)
    assert len(pairs) <= 3 * WINDOW * len(names)  # not n² / 2 = 4.5 million
    twins = [_Name("A", "", "tsentr nadezhda", None), _Name("B", "", "nadezhda tsentr", None)]
    assert ("A", "B") in _blocked([*names, *twins])
