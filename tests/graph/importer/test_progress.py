"""Progress of long work: a tqdm bar on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from graph.i18n import t
from graph.importer import progress as module
from graph.importer.progress import estimate_rows, progress
from graph.importer.reader import CsvSource, MemorySource
from graph.importer.tables import TABLES_BY_NAME


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rows_rate_and_time_left() -> None:
    out = _Terminal()
    with progress(t("writing"), 5000, stream=out) as tick:
        for _ in range(5):
            tick(1000)
    shown = out.getvalue()
    assert "writing" in shown and "5.00k/5.00k" in shown and "rows/s" in shown
    assert "<00:00" in shown  # tqdm's time left


def test_elsewhere_a_plain_line_every_few_seconds_and_a_last_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(module, "EVERY_SECONDS", 0.0)
    out = io.StringIO()
    with progress(t("checking"), 3000, stream=out) as tick:
        for _ in range(3):
            tick(1000)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4  # one per tick (every 0 s), then the last one
    pattern = r"checking: ([\d,]+) of 3,000 rows, [\d,]+ rows/s, \d+ s left"
    done = [m[1] if (m := re.fullmatch(pattern, line)) else line for line in lines]
    assert done == ["1,000", "2,000", "3,000", "3,000"]
    assert lines[-1].endswith(", 0 s left")


def test_short_work_prints_no_line_and_quiet_prints_nothing() -> None:
    out = io.StringIO()
    with progress(t("writing"), 10, stream=out) as tick:
        tick(10)
    with progress(t("writing"), 10, stream=_Terminal(), quiet=True) as tick:
        tick(10)
    assert out.getvalue() == ""


def test_without_a_total_no_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "EVERY_SECONDS", 0.0)
    out = io.StringIO()
    with progress(t("exporting"), None, stream=out) as tick:
        tick(7)
    assert re.fullmatch(r"exporting: 7 rows, [\d,]+ rows/s", out.getvalue().splitlines()[0])


def test_rows_are_estimated_from_lines_and_memory(tmp_path: Path) -> None:
    table = TABLES_BY_NAME["territories"]
    path = tmp_path / "territories.csv"
    path.write_text("kato,name,type\n550000000,A,region\n551010000,B,city\n", encoding="utf-8")
    memory = MemorySource(table, [{"kato": "1"}, {"kato": "2"}, {"kato": "3"}])
    assert estimate_rows([CsvSource(table, path), memory]) == 5
