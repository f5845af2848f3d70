"""Values inside messages that read differently per language: numbers, names, lists, periods."""

from __future__ import annotations

import datetime as dt
import doctest

import graph.i18n.values
from graph.discovery.reasons import focus_area_name
from graph.i18n import Language, t
from graph.i18n.values import Day, Joined, decimal, listing, percent, period


def test_the_examples_run() -> None:
    assert doctest.testmod(graph.i18n.values).failed == 0


def test_numbers_are_written_the_way_each_language_writes_them() -> None:
    assert [percent(0.953).render(lang) for lang in Language] == ["95%", "95\xa0%", "95%"]
    assert [decimal(3.26, digits=1).render(lang) for lang in Language] == ["3,3", "3,3", "3.3"]
    assert decimal(0.9, digits=2) == decimal(0.9, digits=2) != decimal(0.9, digits=1)


def test_a_focus_area_is_named_in_the_language_asked_for() -> None:
    youth = focus_area_name("youth")
    assert [youth.render(lang) for lang in Language] == [
        "Жастар саясаты",
        "Молодёжная политика",
        "Youth",
    ]
    assert focus_area_name("no_such_area") == "no_such_area"


def test_lists_and_periods() -> None:
    names = listing(["А", "Б", "В", "Г"])
    assert names.render(Language.KK) == "А, Б, В және тағы 1"
    assert names.render(Language.RU) == "А, Б, В и ещё 1"
    assert listing(["А", "Б"]).render(Language.EN) == "А, Б"
    assert period(2021, 3).render(Language.RU) == "2019–2021 гг."
    assert period(2021, 1).render(Language.KK) == "2021 жылы"
    assert period(2021, 3).render(Language.EN) == "2019–2021"


def test_a_message_renders_its_values_in_its_own_language() -> None:
    areas = Joined([focus_area_name("youth"), focus_area_name("veterans")])
    text = t("Both in {place}", place=areas)
    assert text.render(Language.EN) == "Both in Youth, Veterans"
    assert text.render(Language.KK).endswith("Жастар саясаты, Ардагерлер")
    assert str(text) == text.render(Language.EN)  # the suite reads English


def test_a_date_in_a_sentence_is_written_as_the_language_writes_it() -> None:
    text = t("Available from {date}", date=Day(dt.date(2024, 3, 11)))
    assert text.render(Language.EN) == "Available from March 11, 2024"
    assert "11 марта 2024" in text.render(Language.RU)
    assert "наурыз" in text.render(Language.KK)
    assert Day(dt.date(2024, 3, 11)) == Day(dt.date(2024, 3, 11)) != Day(dt.date(2024, 3, 12))
