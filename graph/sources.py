"""Sources: where a relationship's fact came from (a URL, a document title, a date).

FUNDS, PARTNERS_WITH, SUPPORTS and PARTICIPATES_IN may carry sources. Neo4j relationship
properties hold only primitives and lists of primitives, so a relationship keeps its sources as
three parallel lists of the same length: ``source_urls``, ``source_titles`` (``""`` when the
document has no title) and ``source_dates`` (ISO ``2024-03-01``, ``""`` when undated) — a list
may not hold a null. Every query that reads a relationship reads its sources with
:data:`PROJECTION`; no extra node, no extra match. A relationship without the lists has no
source recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString
from urllib.parse import urlsplit

from graph import rules
from graph.errors import InvalidInput
from graph.i18n import Text, t
from graph.rules import RuleError

__all__ = [
    "COLUMNS",
    "MAX_SOURCES",
    "MAX_URL",
    "PROJECTION",
    "PROPERTIES",
    "Source",
    "SourceError",
    "check_sources",
    "from_record",
    "import_props",
    "parse_dates",
    "parse_titles",
    "parse_urls",
    "props",
    "row_problem",
    "to_columns",
]

MAX_SOURCES = 10
"""Sources on one relationship: a write with more is refused, so the API's lists are bounded."""
MAX_URL = 2000
"""Characters in one URL (what browsers and spreadsheets handle)."""
SEPARATOR = "|"
"""Several sources in one import cell: ``https://a.kz | https://b.kz``, titles and dates in the
same order (``;`` is not used: it is common inside URLs)."""

COLUMNS = ("source_url", "source_title", "source_date")
"""The import columns of a relationship's sources, on fundings, partnerships, supports and
participations."""
PROPERTIES = ("source_urls", "source_titles", "source_dates")
"""The relationship properties that hold them, in the same order."""

PROJECTION: LiteralString = "{urls: r.source_urls, titles: r.source_titles, dates: r.source_dates}"
"""The sources of the relationship bound to ``r``, for :func:`from_record`."""

MESSAGES: dict[str, Text] = {
    "url_too_long": t("a URL is {length} characters long; at most {maximum} are allowed"),
    "not_a_url": t("{value!r} is not a web address (http:// or https://, with a site name)"),
    "too_many_sources": t("too many sources ({count}); at most {maximum} are allowed"),
    "sources_mismatch": t(
        "{count} part(s) here but {expected} URL(s) in {column}; one per source, in the same order"
    ),
    "source_without_url": t("a title or date of a source without its URL in {column}"),
}


class SourceError(RuleError):
    """A refused source value: a :class:`RuleError` with this module's texts."""

    def __init__(self, code: str, **params: object) -> None:
        ValueError.__init__(self, code)
        self.code = code
        self.params = params
        self.text = Text(MESSAGES[code].msgid, params)


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str | None = None
    date: dt.date | None = None

    def plain(self) -> dict[str, str | None]:
        """As the audit log keeps it."""
        day = self.date.isoformat() if self.date else None
        return {"url": self.url, "title": self.title, "date": day}


def url(value: str) -> str:
    """An absolute ``http``/``https`` address with a host, no spaces, at most :data:`MAX_URL`."""
    value = value.strip()
    if len(value) > MAX_URL:
        raise SourceError("url_too_long", length=len(value), maximum=MAX_URL)
    try:
        parts = urlsplit(value)
    except ValueError:
        raise SourceError("not_a_url", value=value) from None
    if (
        parts.scheme.lower() not in {"http", "https"}
        or not parts.hostname
        or any(c.isspace() for c in value)
    ):
        raise SourceError("not_a_url", value=value)
    return value


def _parts(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEPARATOR)]


def parse_urls(value: str) -> list[str]:
    """The ``source_url`` cell: one or more URLs separated by ``|``."""
    found = [url(part) for part in _parts(value)]
    if len(found) > MAX_SOURCES:
        raise SourceError("too_many_sources", count=len(found), maximum=MAX_SOURCES)
    return found


def parse_titles(value: str) -> list[str]:
    """The ``source_title`` cell: a title per URL (a part may be empty)."""
    return [rules.text(part) for part in _parts(value)]


def parse_dates(value: str) -> list[dt.date | None]:
    """The ``source_date`` cell: a date per URL (a part may be empty)."""
    return [rules.date(part) if part else None for part in _parts(value)]


def row_problem(values: Mapping[str, Any]) -> tuple[str, SourceError] | None:
    """A row's source cells that do not line up: the column to name and the error."""
    urls = values.get("source_url") or []
    for column in ("source_title", "source_date"):
        parts = values.get(column)
        if parts is None:
            continue
        if not urls:
            return column, SourceError("source_without_url", column="source_url")
        if len(parts) != len(urls):
            return column, SourceError(
                "sources_mismatch", count=len(parts), column="source_url", expected=len(urls)
            )
    return None


def import_props(values: Mapping[str, Any], present: Iterable[str]) -> dict[str, Any]:
    """The properties a row's source cells set; a file without ``source_url`` leaves them, an
    empty ``source_url`` removes them (the file is authoritative for its columns)."""
    if "source_url" not in set(present):
        return {}
    urls: list[str] = values.get("source_url") or []
    titles = values.get("source_title") or [""] * len(urls)
    dates = values.get("source_date") or [None] * len(urls)
    found = [Source(u, ti or None, d) for u, ti, d in zip(urls, titles, dates, strict=True)]
    return props(found)


def props(sources: Sequence[Source]) -> dict[str, Any]:
    """The relationship properties for ``sources``; none (nulls remove them) for an empty list."""
    if not sources:
        return dict.fromkeys(PROPERTIES)
    return {
        "source_urls": [s.url for s in sources],
        "source_titles": [s.title or "" for s in sources],
        "source_dates": [s.date.isoformat() if s.date else "" for s in sources],
    }


def check_sources(sources: Sequence[Source], *, field: str = "sources") -> list[Source]:
    """Sources given to a mutation, checked: :class:`InvalidInput` naming ``field``."""
    if len(sources) > MAX_SOURCES:
        error = SourceError("too_many_sources", count=len(sources), maximum=MAX_SOURCES)
        raise InvalidInput(error.text, field=field)
    checked: list[Source] = []
    for i, source in enumerate(sources):
        title = rules.clean_text(source.title, field=f"{field}.{i}.title")
        checked.append(
            Source(rules.checked(url, source.url, field=f"{field}.{i}.url"), title, source.date)
        )
    return checked


def from_record(record: Mapping[str, Any] | None) -> tuple[Source, ...]:
    """Sources from :data:`PROJECTION` (or a relationship's properties)."""
    if not record:
        return ()
    urls = record.get("urls", record.get("source_urls")) or []
    titles = record.get("titles", record.get("source_titles")) or []
    dates = record.get("dates", record.get("source_dates")) or []
    found = []
    for i, u in enumerate(urls[:MAX_SOURCES]):
        title = titles[i] if i < len(titles) else ""
        day = dates[i] if i < len(dates) else ""
        found.append(Source(u, title or None, dt.date.fromisoformat(day) if day else None))
    return tuple(found)


def plain(record: Mapping[str, Any] | None) -> list[dict[str, str | None]]:
    """A relationship's sources as the audit log keeps them."""
    return [s.plain() for s in from_record(record)]


def to_columns(row: dict[str, Any]) -> dict[str, Any]:
    """An exported relationship's properties with its sources as import cells."""
    found = from_record({name: row.pop(name, None) for name in PROPERTIES})
    if found:
        row["source_url"] = f" {SEPARATOR} ".join(s.url for s in found)
        if any(s.title for s in found):
            row["source_title"] = f" {SEPARATOR} ".join(s.title or "" for s in found)
        if any(s.date for s in found):
            row["source_date"] = f" {SEPARATOR} ".join(
                s.date.isoformat() if s.date else "" for s in found
            )
    return row
