"""What the catalogues lack: used by the catalogue test and by ``seriktes messages``.

Messages are found in the source the way ``pybabel extract -k t -k tn:1,2 -k tp:1c,2`` finds
them, so the same command makes a template for a new language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from graph.i18n import LOCALES, Language, catalogue, placeholders

KEYWORDS: dict[str, tuple[int | tuple[int, str], ...] | None] = {
    "t": None,
    "tn": (1, 2),
    "tp": ((1, "c"), 2),
}
"""The marker functions of :mod:`graph.i18n` as Babel keyword specs."""
SOURCES = ("graph", "api")


@dataclass(frozen=True, slots=True)
class SourceMessage:
    id: str | tuple[str, str]
    context: str | None
    where: str


def source_messages(root: Path) -> list[SourceMessage]:
    """Every ``t``/``tn``/``tp`` call with literal text under ``graph/`` and ``api/``."""
    found: list[SourceMessage] = []
    for folder in SOURCES:
        for filename, lineno, message, _comments, context in extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=(),
            strip_comment_tags=True,
        ):
            ident = message if isinstance(message, str) else (message[0], message[1])
            found.append(SourceMessage(ident, context, f"{folder}/{filename}:{lineno}"))
    return found


def _forms(ident: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (ident,) if isinstance(ident, str) else tuple(ident)


def problems(language: Language, root: Path) -> list[str]:
    """Missing translations, placeholders that differ, and entries no code uses any more."""
    messages = catalogue(language)
    used: set[tuple[str, str | None]] = set()
    out: list[str] = []
    for source in source_messages(root):
        key = _forms(source.id)[0]
        used.add((key, source.context))
        entry = messages.get(key, context=source.context)
        label = f"{source.where}: {key!r}" + (f" ({source.context})" if source.context else "")
        if entry is None or not entry.string or not all(_forms(entry.string)):
            out.append(f"{label}: no {language.value} translation")
            continue
        expected = set().union(*(placeholders(form) for form in _forms(source.id)))
        if isinstance(source.id, tuple):
            expected.add("n")
        for form in _forms(entry.string):
            got = placeholders(form)
            if got - expected or (expected - got) - {"n"}:
                out.append(
                    f"{label}: {language.value} placeholders {sorted(got)} "
                    f"differ from {sorted(expected)}"
                )
    out.extend(_duplicates(language))
    out.extend(
        f"{language.value}: {entry.id!r} is not used in code any more"
        for entry in messages
        if entry.id and (_forms(entry.id)[0], entry.context) not in used
    )
    return out


def _duplicates(language: Language) -> list[str]:
    """A message in two files of one language: which translation wins would be an accident."""
    first_seen: dict[tuple[str, str | None], str] = {}
    out: list[str] = []
    for path in sorted((LOCALES / language.value).glob("*.po")):
        with path.open("rb") as handle:
            for entry in read_po(handle, locale=language.value):
                if not entry.id:
                    continue
                key = (_forms(entry.id)[0], entry.context)
                if key in first_seen:
                    out.append(f"{path.name}: {key[0]!r} is also in {first_seen[key]}")
                first_seen.setdefault(key, path.name)
    return out
