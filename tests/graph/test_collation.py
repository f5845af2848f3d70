"""The alphabets' order and the name each reader sees: pure functions, no database."""

from __future__ import annotations

import doctest

import pytest

import graph.collation
import graph.names
from graph.collation import KAZAKH, RUSSIAN, collation_key, sort_keys
from graph.i18n import Language
from graph.names import display_name


def _sorted(names: list[str], language: Language) -> list[str]:
    return sorted(names, key=lambda n: (collation_key(n, language), n))


def test_the_kazakh_alphabet_is_in_its_official_order() -> None:
    letters = KAZAKH.split()
    assert len(letters) == 42
    shuffled = [f"{letter}а" for letter in reversed(letters)]
    assert _sorted(shuffled, Language.KK) == [f"{letter}а" for letter in letters]


def test_in_kazakh_a_schwa_comes_right_after_a_and_before_b() -> None:
    names = ["Бірлік", "Әділет", "Арман", "Ясная", "Ақжол", "Әйгерім", "Ауыл"]
    assert _sorted(names, Language.KK) == [
        "Ақжол", "Арман", "Ауыл", "Әділет", "Әйгерім", "Бірлік", "Ясная",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after"),
    [("Гүл", "Ғалым"), ("Кең", "Қазақ"), ("Нан", "Ңа"), ("Орал", "Өрлеу"), ("Уақыт", "Ұлан"),
     ("Ұлан", "Үміт"), ("Хат", "Һа"), ("Ыбырай", "Ірі"), ("Ірі", "Ьа"), ("Ерлан", "Ёлка")],
)  # fmt: skip
def test_kazakh_letters_each_have_their_place(before: str, after: str) -> None:
    assert collation_key(before, Language.KK) < collation_key(after, Language.KK)


def test_in_russian_yo_sorts_with_ye() -> None:
    names = ["Ёлка", "Ель", "Елка", "Жук", "Еда", "Ёж"]
    # «Ёж» is «Еж» (between Еда and Елка); «Ёлка» ties «Елка» on letters and follows it
    assert _sorted(names, Language.RU) == ["Еда", "Ёж", "Елка", "Ёлка", "Ель", "Жук"]
    assert "ЕЁ" in RUSSIAN.split()


def test_in_russian_kazakh_letters_follow_their_base_letter() -> None:
    names = ["Бақыт", "Әлем", "Арман", "Ясли", "Іле", "Йод", "Иван"]
    assert _sorted(names, Language.RU) == ["Арман", "Әлем", "Бақыт", "Иван", "Іле", "Йод", "Ясли"]


def test_quotes_and_punctuation_are_ignored_and_words_come_before_longer_words() -> None:
    names = ['"Жастар" ҚБ', "«Арман» қоры", "Жас Өркен", "№5 мектеп", "Жастар-2", "(Бірлік)"]
    assert _sorted(names, Language.KK) == [
        "№5 мектеп",
        "«Арман» қоры",
        "(Бірлік)",
        "Жас Өркен",
        "Жастар-2",
        '"Жастар" ҚБ',
    ]  # fmt: skip  (a hyphen separates words; digits come before letters)
    assert collation_key("«Арман»", Language.KK) == collation_key("Арман", Language.KK)


def test_latin_after_cyrillic_in_kazakh_and_russian_before_it_in_english() -> None:
    names = ["Zhastar", "Ясли", "Arman", "Арман"]
    assert _sorted(names, Language.KK) == ["Арман", "Ясли", "Arman", "Zhastar"]
    assert _sorted(names, Language.RU) == ["Арман", "Ясли", "Arman", "Zhastar"]
    assert _sorted(names, Language.EN) == ["Arman", "Zhastar", "Арман", "Ясли"]


def test_a_diacritic_sorts_with_its_base_letter_and_after_it_on_a_tie() -> None:
    names = ["Şarbaqty", "Sarbaz", "Sarbaqty", "Tuz", "Ekibastūz", "Ekibastuz"]
    assert _sorted(names, Language.KK) == [
        "Ekibastuz", "Ekibastūz", "Sarbaqty", "Şarbaqty", "Sarbaz", "Tuz",
    ]  # fmt: skip


def test_case_only_breaks_ties_lower_first() -> None:
    assert _sorted(["Жастар", "жастар", "ЖАСТАР ҮЙІ"], Language.KK) == [
        "жастар", "Жастар", "ЖАСТАР ҮЙІ",
    ]  # fmt: skip


def test_keys_are_ascii_and_empty_for_a_name_without_letters() -> None:
    key = collation_key("Әділет «Ясная» 2021", Language.KK)
    assert key.isascii() and key.replace(" ", "").isdigit()
    assert collation_key("", Language.KK) == collation_key("«»  —", Language.RU) == ""


def test_each_language_keys_the_name_its_reader_sees() -> None:
    keys = sort_keys('ОО "Ясная поляна"', "Ясная поляна", "Әділет")
    assert keys == {
        "sort_kk": collation_key("Әділет", Language.KK),
        "sort_ru": collation_key("Ясная поляна", Language.RU),
        "sort_en": collation_key('ОО "Ясная поляна"', Language.EN),
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [(Language.KK, "Жастар ҚБ"), (Language.RU, "ОО Жастар"), (Language.EN, "ОО «Жастар»")],
)
def test_the_display_name_of_each_language(language: Language, expected: str) -> None:
    assert display_name(language, "ОО «Жастар»", "ОО Жастар", "Жастар ҚБ") == expected


@pytest.mark.parametrize("language", list(Language))
def test_without_its_own_name_a_reader_sees_the_registered_one(language: Language) -> None:
    assert display_name(language, '"Жастар" ҚБ', None, None) == '"Жастар" ҚБ'
    assert display_name(language, '"Жастар" ҚБ', "", "") == '"Жастар" ҚБ'


@pytest.mark.parametrize("module", [graph.collation, graph.names])
def test_the_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted and result.failed == 0
