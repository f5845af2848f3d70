"""The coordinators' documentation in Russian and Kazakh: linked, complete, its links working.

A column added to ``docs/import-format.md`` and not to its translations fails here, so a
coordinator reading Russian or Kazakh never works from a format that has moved on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("ru", "kk")
TRANSLATIONS = [
    DOCS / lang / name for lang in LANGUAGES for name in ("README.md", "import-format.md")
]

_CODE = re.compile(r"`([a-z][a-z0-9_]*)`")
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_ALIAS_ROW = re.compile(r"^\| ([a-z]+) \| `([a-z0-9_]+)` \| «", re.MULTILINE)


def _prose(path: Path) -> str:
    """The page without its code blocks (they are copied as they are, not translated)."""
    return _FENCE.sub("", path.read_text(encoding="utf-8"))


def _names(path: Path) -> set[str]:
    """Every table, column and value name the page writes as code (`kato`, `name_kk`, `ngo`)."""
    return set(_CODE.findall(_prose(path)))


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", _prose(path), re.MULTILINE)}


def test_the_english_pages_link_their_translations() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import_format = (DOCS / "import-format.md").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        assert f"](docs/{lang}/README.md)" in readme
        assert f"]({lang}/import-format.md)" in import_format
        assert (DOCS / lang / "README.md").is_file()
        assert (DOCS / lang / "import-format.md").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_name_of_the_import_format_is_in_its_translation(lang: str) -> None:
    english = _names(DOCS / "import-format.md")
    assert {"organizations", "bin", "kato", "name_kk", "amount_kzt"} <= english
    assert sorted(english - _names(DOCS / lang / "import-format.md")) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_column_with_russian_or_kazakh_headers_is_in_its_translation(lang: str) -> None:
    """The table of header aliases: each (table, column) row of the English page."""
    english = set(_ALIAS_ROW.findall((DOCS / "import-format.md").read_text(encoding="utf-8")))
    translated = _ALIAS_ROW.findall((DOCS / lang / "import-format.md").read_text(encoding="utf-8"))
    assert len(english) > 50 and ("organizations", "bin") in english
    assert sorted(english - set(translated)) == []


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_links_lead_somewhere(path: Path) -> None:
    for target in _LINK.findall(_prose(path)):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.is_file(), f"{path.name}: {target}: no such file"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked), f"{path.name}: {target}: no such heading"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_readme_shows_how_to_ask_in_a_language(lang: str) -> None:
    readme = (DOCS / lang / "README.md").read_text(encoding="utf-8")
    assert "Accept-Language: kk" in readme and "SERIKTES_LANG" in readme
    assert "](import-format.md)" in readme
