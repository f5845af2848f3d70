"""The rule book, directly: one judgement for files, edits and discovery."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import rules
from graph.errors import InvalidInput
from graph.i18n import Language
from graph.vocab import Mechanism, OrgKind


@pytest.mark.parametrize(
    ("parse", "value", "expected"),
    [
        (rules.bin_, "940 140 000 385", "940140000385"),
        (rules.kato, "551010000", "551010000"),
        (rules.whole, "143 000 000", 143_000_000),
        (rules.whole, "1\u00a0500", 1500),
        (rules.whole, 5_000_000_000, 5_000_000_000),
        (rules.year, 2018, 2018),
        (rules.year, "2018", 2018),
        (rules.date, "2021-03-01", dt.date(2021, 3, 1)),
        (rules.date, "01.09.2022", dt.date(2022, 9, 1)),
        (rules.date, "1.9.2022", dt.date(2022, 9, 1)),
        (rules.whole, "1 000 000", 1_000_000),
        (rules.whole, "1 000 000,00", 1_000_000),
        (rules.whole, "1\u00a0000\u00a0000,00", 1_000_000),
        (rules.boolean, "иә", True),
        (rules.boolean, "ЖОҚ", False),
        (rules.boolean, "нет", False),
        (rules.boolean, "Да", True),
        (rules.enum(OrgKind), " Youth_Group ", "youth_group"),
        (rules.focus_codes, ["Youth", "veterans", "youth"], ["veterans", "youth"]),
        (rules.code, "P-2021.017_a", "P-2021.017_a"),
    ],
)
def test_parsers_accept(parse: rules.Parser, value: object, expected: object) -> None:
    assert parse(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (rules.bin_, "940140000386", "BIN 940140000386 fails the check digit"),
        (rules.bin_, "94014", "BIN must be 12 digits"),
        (rules.kato, "55101", "KATO code must be 9 digits"),
        (rules.whole, -1, "expected a non-negative whole number, got -1"),
        (rules.whole, "2.5", "expected a non-negative whole number"),
        (rules.whole, True, "expected a non-negative whole number"),
        (rules.year, 1700, "year 1700 is out of range"),
        (rules.date, "03/01/2021", "expected a date like 2021-03-01 or 01.03.2021"),
        (rules.date, "01.03.21", "expected a date like"),
        (rules.date, "31.02.2021", "expected a date like"),
        (rules.date, "2021-3-1", "expected a date like"),
        (rules.whole, "1 000 000,50", "expected whole tenge .* with 50 tiyn"),
        (rules.whole, "1.000.000", "expected a non-negative whole number"),
        (rules.whole, "1 000,5", "expected a non-negative whole number"),
        (rules.boolean, "ага", "expected true/false, yes/no, да/нет or иә/жоқ"),
        (rules.enum(Mechanism), "grant", "unknown value 'grant'; expected one of: state_"),
        (rules.focus_codes, ["knitting"], "unknown focus area 'knitting'"),
        (rules.text, "я" * 501, "at most 500 are allowed"),
        (rules.code, "-x", "is not a code"),
    ],
)
def test_parsers_refuse_with_a_message(parse: rules.Parser, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(value)  # type: ignore[arg-type]


def test_checked_names_the_field() -> None:
    assert rules.checked(rules.kato, "551010000", field="kato") == "551010000"
    with pytest.raises(InvalidInput, match="9 digits") as error:
        rules.checked(rules.kato, "1", field="kato")
    assert error.value.field == "kato"


def test_two_value_rules() -> None:
    start, end = dt.date(2023, 2, 1), dt.date(2022, 12, 31)
    before = rules.not_before(start, end, "start_date")
    assert str(before) == "2022-12-31 is before start_date 2023-02-01"
    assert before is not None
    assert before.render(Language.RU) == "2022-12-31 — раньше даты начала (start_date: 2023-02-01)"
    assert rules.not_before(start, None, "start_date") is None
    assert rules.not_before(end, start, "since") is None
    assert str(rules.year_outside(2030, 2018, 2021)) == (
        "2030 is outside the project's period 2018–2021"
    )
    assert rules.year_outside(2030, 2018, 9999) is None
    outside = rules.year_outside(2017, 2018, 9999)
    assert str(outside) == "2017 is outside the project's period 2018–"
    assert outside is not None
    assert outside.render(Language.KK) == "2017 жыл жобаның мерзімінен тыс (2018–)"


def test_argument_checks_speak_the_language_of_the_moment() -> None:
    with pytest.raises(InvalidInput) as error:
        rules.check_page_size(None, 500)
    assert error.value.field == "last"
    assert str(error.value) == "last is 500; at most 100 per page"
    assert error.value.text.render(Language.RU) == "last = 500; на одной странице — не более 100"
    with pytest.raises(InvalidInput) as error:
        rules.parse_kinds([], field="kinds")
    assert error.value.text.render(Language.KK) == (
        "«kinds» — бос тізім; барлық түрлерді таңдау үшін None беріңіз"
    )
    assert str(rules.SELF_PARTNERSHIP) == "an organisation cannot partner with itself"


def test_clean_text() -> None:
    assert rules.clean_text("  Клуб  ", field="name") == "Клуб"
    assert rules.clean_text("   ", field="note") is None
    assert rules.clean_text(None, field="note") is None
    for value, message in ((None, "required"), (" ", "must not be empty"), ("я" * 501, "500")):
        with pytest.raises(InvalidInput, match=message) as error:
            rules.clean_text(value, field="name", required=True)
        assert error.value.field == "name"


@pytest.mark.parametrize(
    ("check", "field"),
    [
        (lambda: rules.check_first(0), "first"),
        (lambda: rules.check_first(rules.MAX_PAGE_SIZE + 1), "first"),
        (lambda: rules.check_page_size(1, 1), "last"),
        (lambda: rules.check_page_size(None, -1), "last"),
        (lambda: rules.parse_kinds([]), "kinds"),
        (lambda: rules.parse_kinds(["choir"]), "kinds"),
        (lambda: rules.parse_focus(["nonsense"]), "focus_areas"),
        (lambda: rules.parse_focus([]), "focus_areas"),
        (lambda: rules.parse_territories(["55"]), "territories"),
        (lambda: rules.parse_enum(OrgKind, "x", field="kind"), "kind"),
    ],
)
def test_argument_checks_name_their_field(check: object, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        check()  # type: ignore[operator]
    assert error.value.field == field


def test_argument_checks_normalise() -> None:
    assert rules.check_first(rules.MAX_PAGE_SIZE) == 100
    rules.check_page_size(0, None)  # an empty page is a page
    assert rules.parse_kinds("Youth_Group") == (OrgKind.YOUTH_GROUP,)
    assert rules.parse_kinds(None) is None
    assert rules.parse_focus("youth") == frozenset({"youth"})
    assert rules.parse_territories(["553610000", "551010000", "553610000"]) == (
        "551010000",
        "553610000",
    )


def test_refusals_carry_a_code_and_parameters() -> None:
    """What a message catalogue needs to say the same in another language."""
    with pytest.raises(rules.RuleError) as error:
        rules.whole("1 000 000,50")
    assert error.value.code == "not_whole_tenge"
    assert error.value.params == {"value": "1 000 000,50", "cents": "50"}
    assert str(error.value) == (
        "expected whole tenge (like 1 000 000 or 1 000 000,00), got '1 000 000,50' with 50 tiyn"
    )
    assert error.value.text.render(Language.RU) == (
        "ожидалась сумма в целых тенге (например, 1 000 000 или 1 000 000,00), "
        "указано «1 000 000,50» с 50 тиын"
    )
    assert error.value.text.render(Language.KK).startswith("бүтін теңгедегі сома күтілген")
