"""Import errors are shown in the language of the moment they are shown, codes unchanged."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from graph.i18n import Language, t, use_language
from graph.importer.problems import Problem
from graph.importer.report import summarize, write_error_sheet
from graph.rules import RuleError, date

LINE_1 = t("line {number}", number=1)


def _problems(count: int) -> list[Problem]:
    return [
        Problem.of(f"organizations.csv:{n}", "staff", "duplicate_key", first=LINE_1)
        if n % 2
        else Problem.rule(f"projects.csv:{n}", "start_date", _refusal("31.02.2018"))
        for n in range(2, count + 2)
    ]


def _refusal(value: str) -> RuleError:
    try:
        date(value)
    except RuleError as exc:
        return exc
    raise AssertionError(f"{value} was accepted")


def test_a_problem_keeps_its_parts_and_renders_in_any_language() -> None:
    [problem] = _problems(1)
    assert problem == (
        "projects.csv:2: start_date: expected a date like 2021-03-01 or 01.03.2021 "
        "(day.month.year), got '31.02.2018'"
    )
    assert (problem.code, dict(problem.params)) == ("not_a_date", {"value": "31.02.2018"})
    assert problem.render(Language.RU) == (
        "projects.csv:2: start_date: ожидалась дата вида 01.03.2021 (день.месяц.год) или "
        "2021-03-01, указано «31.02.2018»"
    )
    with use_language(Language.KK):
        assert problem.message.startswith("01.03.2021 (күн.ай.жыл) немесе 2021-03-01")


def test_the_summary_in_russian_counts_with_russian_plurals() -> None:
    with use_language(Language.RU):
        lines = summarize(_problems(22))
        assert lines[0] == "22 ошибки; по файлам и столбцам (сколько, первый случай):"
        assert "       11  organizations.csv: staff: повтор: строка 1  (строка 3)" in lines[1:3]
        assert lines[-21] == "первые 20:"
        assert lines[-20].startswith("projects.csv:2: start_date: ожидалась дата")
        assert summarize(_problems(25))[0].startswith("25 ошибок;")


def test_the_sheet_in_kazakh(tmp_path: Path) -> None:
    with use_language(Language.KK):
        write_error_sheet(tmp_path / "import-errors.xlsx", _problems(2))
    book = load_workbook(tmp_path / "import-errors.xlsx")
    sheet = book.worksheets[0]
    assert sheet.title == "қателер"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("файл", "жол", "баған", "код", "хабарлама")
    assert rows[1][:4] == ("projects.csv", 2, "start_date", "not_a_date")
    assert rows[1][4].startswith("01.03.2021 (күн.ай.жыл)")
    assert rows[2] == ("organizations.csv", 3, "staff", "duplicate_key", "қайталану: 1-жол")
