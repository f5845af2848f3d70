"""Values inside a message that are themselves shown differently per language.

A number is written ``0.95`` in English and ``0,95`` in Russian and Kazakh; a percentage ``95%``
or ``95 %``; a focus area already has a name in each language; a list of names is joined the
same way everywhere but its items may be :class:`~graph.i18n.Text`. Each is a
:class:`~graph.i18n.Text` that needs no catalogue entry, so it can be a placeholder value of
``t(...)`` and stays unrendered in caches like any other message.

>>> from graph.i18n import Language, t
>>> share = t("{share} reached", share=percent(0.953))
>>> share.render(Language.EN), share.render(Language.RU)
('95% reached', '95\\xa0% reached')
>>> decimal(0.9512, digits=2).render(Language.KK)
'0,95'
>>> listing(["А", "Б", "В", "Г", "Д"]).render(Language.EN)
'А, Б, В and 2 more'
>>> [Day(dt.date(2026, 3, 5)).render(lang) for lang in Language]
['2026\\u202fж. 5 наурыз', '5 марта 2026\\u202fг.', 'March 5, 2026']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from graph.i18n import Language, Text, current_language, render, tn, tp

__all__ = ["Day", "Joined", "Localized", "Number", "decimal", "listing", "percent", "period"]


class Localized(Text):
    """A value already written in each language (a focus area's name): no catalogue entry."""

    __slots__ = ("forms",)

    def __init__(self, en: str, *, ru: str, kk: str) -> None:
        super().__init__(en, {})
        self.forms = {Language.EN: en, Language.RU: ru, Language.KK: kk}

    def render(self, language: Language | None = None) -> str:
        return self.forms[language or current_language()] or self.msgid

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and self.forms == other.forms

    def __hash__(self) -> int:
        return hash(self.msgid)

    def __repr__(self) -> str:
        return f"Localized({self.msgid!r})"


class Number(Text):
    """A number written the way the language writes it (decimal comma, percent sign)."""

    __slots__ = ("pattern", "percent", "value")

    def __init__(self, value: float, pattern: str | None, *, percent: bool = False) -> None:
        super().__init__(pattern or "%", {})
        self.value = value
        self.pattern = pattern
        self.percent = percent

    def render(self, language: Language | None = None) -> str:
        locale = (language or current_language()).value
        if self.percent:
            return str(format_percent(self.value, format=self.pattern, locale=locale))
        return str(format_decimal(self.value, format=self.pattern, locale=locale))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Number) and (self.value, self.pattern, self.percent) == (
            other.value,
            other.pattern,
            other.percent,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.pattern, self.percent))

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.pattern!r})"


class Day(Text):
    """A date as the language writes it in a sentence, not as an ISO code."""

    __slots__ = ("value",)

    def __init__(self, value: dt.date) -> None:
        super().__init__(value.isoformat(), {})
        self.value = value

    def render(self, language: Language | None = None) -> str:
        return str(format_date(self.value, "long", locale=(language or current_language()).value))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Day) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Day({self.value!r})"


class Joined(Text):
    """Items one after another with ``separator``, each shown in the same language."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Sequence[Text | str], separator: str = ", ") -> None:
        super().__init__(separator, {})
        self.items = tuple(items)
        self.separator = separator

    def render(self, language: Language | None = None) -> str:
        lang = language or current_language()
        return self.separator.join(str(render(item, lang)) for item in self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (self.items, self.separator) == (
            other.items,
            other.separator,
        )

    def __hash__(self) -> int:
        return hash((self.items, self.separator))

    def __repr__(self) -> str:
        return f"Joined({self.items!r})"


def percent(share: float) -> Number:
    """``share`` (0.95) as a whole percentage: 95% (en, kk), 95 % (ru)."""
    return Number(share, None, percent=True)


def decimal(value: float, *, digits: int) -> Number:
    """``value`` with ``digits`` decimals: 0.95 (en), 0,95 (ru, kk)."""
    return Number(value, "#,##0." + "0" * digits if digits else "#,##0")


def listing(items: Sequence[Text | str], limit: int = 3) -> Text:
    """The first ``limit`` items, then how many more: "А, Б, В and 2 more"."""
    shown = Joined(items[:limit])
    more = len(items) - limit
    return (
        tn("{names} and {n} more", "{names} and {n} more", more, names=shown) if more > 0 else shown
    )


def period(last: int, years: int) -> Text:
    """The ``years`` years up to ``last``: "2019–2021" ("2019–2021 гг."), or one year."""
    if years <= 1:
        return tp("period", "{year}", year=last)
    return tp("period", "{first}–{last}", first=last - years + 1, last=last)
