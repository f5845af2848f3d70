"""Texts a person reads, in Kazakh, Russian or English, from gettext catalogues.

Code says what to show with :func:`t` (or :func:`tn` for a count, :func:`tp` for a word that
needs a context, such as an enum label): the English text is the message id, ``{name}``
placeholders carry the values. It gets back a :class:`Text`, which stays untranslated until it is
shown, so a suggestion computed once and cached can be read in any language. ``str(text)``
renders it in the language of the moment (:func:`current_language`): the API sets it per request
from ``Accept-Language``, the CLI from ``SERIKTES_LANG`` or the locale; the default is Russian.

Translations live in ``graph/i18n/locales/<kk|ru>/*.po`` (one file per area; all files of a
language form one catalogue) — translators edit them with any gettext tool, no code involved.
``tests/graph/test_catalogues.py`` fails when a message in code lacks its kk or ru translation or
when the placeholders differ.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT_LANGUAGE",
    "LOCALES",
    "Language",
    "Text",
    "current_language",
    "language_from_environment",
    "negotiate",
    "placeholders",
    "render",
    "t",
    "tn",
    "tp",
    "use_language",
]

LOCALES = Path(__file__).parent / "locales"


class Language(StrEnum):
    KK = "kk"
    RU = "ru"
    EN = "en"


DEFAULT_LANGUAGE = Language.RU
"""What most of the region's paperwork is in."""

_current: ContextVar[Language | None] = ContextVar("seriktes_language", default=None)


class Text:
    """A message not yet translated: its English id, optional plural and context, and values.

    Values may themselves be :class:`Text` (a focus area inside a reason): they are rendered in
    the same language.
    """

    __slots__ = ("context", "msgid", "n", "params", "plural")

    def __init__(
        self,
        msgid: str,
        params: Mapping[str, object],
        *,
        plural: str | None = None,
        n: int | None = None,
        context: str | None = None,
    ) -> None:
        self.msgid = msgid
        self.params = dict(params)
        self.plural = plural
        self.n = n
        self.context = context

    def render(self, language: Language | None = None) -> str:
        lang = language or current_language()
        translations = _translations(lang)
        if self.plural is not None:
            n = self.n or 0
            if self.context is not None:
                pattern = translations.npgettext(self.context, self.msgid, self.plural, n)
            else:
                pattern = translations.ngettext(self.msgid, self.plural, n)
        elif self.context is not None:
            pattern = translations.pgettext(self.context, self.msgid)
        else:
            pattern = translations.gettext(self.msgid)
        values = {k: render(v, lang) for k, v in self.params.items()}
        if self.n is not None:
            values.setdefault("n", self.n)
        return pattern.format(**values) if values else pattern

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.msgid, self.params, self.plural, self.n, self.context) == (
            other.msgid,
            other.params,
            other.plural,
            other.n,
            other.context,
        )

    def __hash__(self) -> int:
        return hash((self.msgid, self.context))


def t(msgid: str, /, **params: object) -> Text:
    """A message; ``msgid`` is its English text with ``{name}`` placeholders."""
    return Text(msgid, params)


def tn(singular: str, plural: str, n: int, /, **params: object) -> Text:
    """A message about ``n`` things; Russian has three plural forms, Kazakh and English two."""
    return Text(singular, params, plural=plural, n=n)


def tp(context: str, msgid: str, /, **params: object) -> Text:
    """A message whose English alone is ambiguous (an enum label): ``context`` tells them apart."""
    return Text(msgid, params, context=context)


def render(value: object, language: Language | None = None) -> Any:
    """``value`` shown in ``language``: a :class:`Text` translated, anything else as it is."""
    return value.render(language) if isinstance(value, Text) else value


def placeholders(pattern: str) -> set[str]:
    """The ``{name}`` placeholders of a pattern (what the catalogue test compares)."""
    fields = (name for _, name, _, _ in Formatter().parse(pattern) if name)
    return {name.split(".")[0].split("[")[0] for name in fields}


def current_language() -> Language:
    """The language of this request or command."""
    return _current.get() or language_from_environment()


@contextmanager
def use_language(language: Language) -> Iterator[None]:
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def language_from_environment(environ: Mapping[str, str] = os.environ) -> Language:
    """``SERIKTES_LANG``, else the POSIX locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else ru.

    ``C``/``POSIX`` locales say nothing about a language and fall through to the default.
    """
    for key in ("SERIKTES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        code = value.split(".")[0].split("_")[0].split("-")[0].lower()
        if code in {"kk", "ru", "en"}:
            return Language(code)
        if key == "SERIKTES_LANG" and value:
            break
    return DEFAULT_LANGUAGE


def negotiate(header: str | None) -> Language:
    """The best of kk, ru, en for an ``Accept-Language`` header, honouring q-values (RFC 9110).

    ``kk-KZ`` counts as ``kk``; ``*`` takes the default; a language at ``q=0`` is refused; no
    header, or nothing acceptable, gives Russian.
    """
    if not header:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        primary = tag.split("-")[0]
        if primary == "*":
            return DEFAULT_LANGUAGE
        if primary in {"kk", "ru", "en"}:
            return Language(primary)
    return DEFAULT_LANGUAGE


def catalogue(language: Language) -> Catalog:
    """Every ``.po`` file of ``language`` as one catalogue (English has none: ids are English)."""
    merged = Catalog(locale=language.value, domain="seriktes")
    folder = LOCALES / language.value
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            part = read_po(handle, locale=language.value)
        for message in part:
            if message.id and message.string and not message.fuzzy:
                merged.add(message.id, message.string, context=message.context)
    return merged


@cache
def _translations(language: Language) -> gettext.NullTranslations:
    if language is Language.EN:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
