"""Alphabetical order of names in Kazakh, Russian and English, as keys Neo4j can compare.

Neo4j compares strings by code point, where Ә (U+04D8) comes after Я and Ё before А. A collator
would be the well-kept answer, but none fits here: PyICU has no wheels (it compiles against the
system's ICU) and icu4py has no collator. So the order is this module's documented table, and each
name gets a key per language when it is written (``sort_kk``, ``sort_ru``, ``sort_en``, indexed):
ordering by the key is ordering by the language's alphabet, and keyset cursors stay exact because
they compare keys Neo4j holds, never names.

The alphabets (primary letters; letters in one group differ only at the secondary level):

* **Kazakh**: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э
  Ю Я — every letter its own, Ё after Е, І after Ы (the 2021 official order).
* **Russian**: А Б В Г Д Е(Ё) Ж … Я with Ё sorted as Е (an Ё-word comes right after the same
  word with Е). Kazakh letters in Russian lists come right after the Russian letter they are
  built on — Ә after А, Ғ after Г, Қ after К, Ң after Н, Ө after О, Ұ Ү after У, Һ after Х,
  І after И — as Russian readers look for them.
* **Latin** letters (English words, the 2021 Kazakh Latin alphabet) come after Cyrillic in
  Kazakh and Russian (ICU's ``kk`` and ``ru`` put Cyrillic first too) and before it in English
  (ICU's root order). A letter with a diacritic (Ä, Ş, Ū, İ) sorts with its base letter and after
  it on a tie (secondary level).
* **Digits** come before letters, digit by digit (as ICU's default, not numerically).
* Spaces, hyphens, dashes and slashes separate words, and a word sorts before a longer word it
  begins («Жас Өркен» before «Жастар»); leading, trailing and repeated ones count once or not at
  all. **Quotes and other punctuation** («» "" „“ ' . , № ( ) …) are ignored: «"Жастар" ҚБ»
  sorts under Ж.
* Ties on letters are broken by the secondary level (Е before Ё in Russian, S before Ş), then by
  case (lower case first), then — in the keyset — by the node's own key (BIN, project code).

A key is ASCII: two digits per letter (its place in the language's table, ``01`` for a word
break), a space, one secondary digit per letter, a space, one case digit per letter. Everything
else in a name (another script) is transliterated by anyascii and sorted as Latin, or ignored
when it has no letters.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Final, LiteralString

from anyascii import anyascii

from graph.i18n import Language
from graph.names import display_name

__all__ = ["KAZAKH", "RUSSIAN", "SORT_PROPERTY", "collation_key", "sort_keys"]

KAZAKH: Final = (
    "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"
)
"""The Kazakh alphabet in its order, one group per letter."""
RUSSIAN: Final = (
    "А Ә Б В Г Ғ Д ЕЁ Ж З И І Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы Ь Э Ю Я"
)
"""The Russian alphabet with Ё in Е's group and the Kazakh letters after their base letters."""
LATIN: Final = " ".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGITS: Final = " ".join("0123456789")

SORT_PROPERTY: Final[dict[Language, LiteralString]] = {
    Language.KK: "sort_kk",
    Language.RU: "sort_ru",
    Language.EN: "sort_en",
}
"""The property holding a node's key for each language's order."""

_WORD_BREAK = 1
_SEPARATORS = frozenset("-‐‑‒–—―/\\_+&")
_MARKED = 5
"""Secondary weight of a letter written with a diacritic its table lacks (Ş, Ä, Ї)."""

Element = tuple[str, str, str]
"""(primary, secondary, case) of one sorting element, as the key's characters."""
_BREAK: Final[tuple[Element, ...]] = ((f"{_WORD_BREAK:02d}", "0", "0"),)


@cache
def _table(language: Language) -> dict[str, tuple[int, int]]:
    """Lower-case letter → (primary place, secondary weight); places start after the word break
    (1) and the digits (2–11)."""
    cyrillic = KAZAKH if language is Language.KK else RUSSIAN
    scripts = (LATIN, cyrillic) if language is Language.EN else (cyrillic, LATIN)
    table: dict[str, tuple[int, int]] = {}
    place = _WORD_BREAK
    for groups in (DIGITS, *scripts):
        for group in groups.split():
            place += 1
            for variant, letter in enumerate(group.lower()):
                table[letter] = (place, variant)
    return table


def _elements(char: str, table: dict[str, tuple[int, int]]) -> tuple[Element, ...]:
    """The sorting elements of one character: none for punctuation, symbols and marks,
    :data:`_BREAK` for a word separator."""
    if char.isspace() or char in _SEPARATORS:
        return _BREAK
    lower = char.lower()
    upper = str(int(lower != char))
    if lower in table:
        primary, secondary = table[lower]
        return ((f"{primary:02d}", str(secondary), upper),)
    if unicodedata.category(char)[0] in "PSMC":
        return ()
    base = unicodedata.normalize("NFKD", lower)[:1]
    if base in table:
        return ((f"{table[base][0]:02d}", str(_MARKED), upper),)
    # another script, or a Latin letter like ß, æ, ı
    letters = [table[c][0] for c in anyascii(char).lower() if c in table]
    return tuple((f"{p:02d}", str(_MARKED), upper) for p in letters)


_SEEN: dict[Language, dict[str, tuple[Element, ...]]] = {language: {} for language in Language}
"""Each character's elements once worked out, per language (names reuse few characters)."""


def collation_key(text: str, language: Language) -> str:
    """The key that orders ``text`` by the alphabet of ``language`` (see the module docstring).

    >>> names = ["Бірлік", "Әділет", "Арман", "Ёлка", "Ерлан", "Ekibastuz", "«Жастар»"]
    >>> sorted(names, key=lambda n: collation_key(n, Language.KK))
    ['Арман', 'Әділет', 'Бірлік', 'Ерлан', 'Ёлка', '«Жастар»', 'Ekibastuz']
    >>> sorted(["Ёлка", "Ель", "Елка"], key=lambda n: collation_key(n, Language.RU))
    ['Елка', 'Ёлка', 'Ель']
    >>> collation_key("Аб-2", Language.KK)
    '12140104 0000 1000'
    """
    seen = _SEEN[language]
    table = _table(language)
    found: list[Element] = []
    pending_break = False
    for char in text:
        elements = seen.get(char)
        if elements is None:
            elements = seen[char] = _elements(char, table)
        if elements is _BREAK:
            pending_break = bool(found)
        elif elements:
            if pending_break:
                found += _BREAK
                pending_break = False
            found += elements
    if not found:
        return ""
    primary, secondary, case = zip(*found, strict=True)
    return f"{''.join(primary)} {''.join(secondary)} {''.join(case)}"


def sort_keys(name: str, name_ru: str | None, name_kk: str | None) -> dict[str, str]:
    """Each language's key of the name a reader of it sees (:func:`graph.names.display_name`),
    as the properties to store (``sort_kk``, ``sort_ru``, ``sort_en``)."""
    return {
        prop: collation_key(display_name(language, name, name_ru, name_kk), language)
        for language, prop in SORT_PROPERTY.items()
    }
