"""The command line: ``bench`` and ``notebooks`` hand their options on; bad options are named."""

from __future__ import annotations

import copy
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx2
import pytest
from openpyxl import load_workbook

from api.cli import NOTEBOOKS, jupyterlab_command, main, parse
from graph.db import Database
from graph.i18n import Language, tn, use_language
from tests.graph.sample import SAMPLE, write_sample

SERIKTES = Path(sys.executable).parent / "seriktes"


@pytest.mark.parametrize("argv", [["bench", "--help"], ["bench", "--", "--help"]])
def test_bench_options_reach_the_benchmark(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith("usage: seriktes bench") and "--scale {demo,10k,100k}" in usage


def test_bench_quiet_reaches_the_writers_in_their_processes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from bench.importing import QUIET

    monkeypatch.setenv(QUIET, "")  # so that the test leaves the environment as it was
    with pytest.raises(SystemExit) as exit_:
        main(["bench", "--quiet", "--help"])  # the benchmark's own parser never sees --quiet
    assert exit_.value.code == 0 and "usage: seriktes bench" in capsys.readouterr().out
    assert os.environ[QUIET] == "1"


def test_bench_refuses_an_unknown_scale(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["bench", "--scale", "country"])
    assert exit_.value.code == 2
    assert "invalid choice: 'country'" in capsys.readouterr().err


def test_other_commands_still_refuse_unknown_options(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["schema", "--bogus"])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["serve", "up"])
def test_zero_workers_are_refused(command: str, capsys: pytest.CaptureFixture) -> None:
    assert main([command, "--workers", "0"]) == 2  # refused before anything starts
    assert "--workers / SERIKTES_WORKERS must be 1 or more, not 0" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        (["notebooks"], []),
        (["notebooks", "--port", "8899", "--no-browser"], ["--port", "8899", "--no-browser"]),
        (["notebooks", "--", "--no-browser"], ["--no-browser"]),
        (["notebooks", "05.ipynb", "--port=1"], ["05.ipynb", "--port=1"]),
        (["notebooks", "--", "--help"], ["--help"]),
    ],
)
def test_notebooks_hands_jupyterlab_its_options_as_typed(
    argv: list[str], options: list[str]
) -> None:
    lab = [sys.executable, "-m", "jupyterlab", "--notebook-dir", str(NOTEBOOKS)]
    assert jupyterlab_command(parse(argv).jupyterlab, root=False) == [*lab, *options]


def test_notebooks_as_root_allows_root_once() -> None:
    assert jupyterlab_command(["--port", "1"], root=True)[-3:] == ["--port", "1", "--allow-root"]
    assert jupyterlab_command(["--allow-root"], root=True).count("--allow-root") == 1
    assert "--allow-root" not in jupyterlab_command(["--ServerApp.allow_root=True"], root=True)
    assert "--allow-root" not in jupyterlab_command([], root=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow  # 15 s or more: JupyterLab imports a lot before it listens
def test_notebooks_serves_jupyterlab_on_the_port_asked(tmp_path: Path) -> None:
    """As a user would start it (as root on a CI machine or in a container), then stop it."""
    port = _free_port()
    env = os.environ | {"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    command = [str(SERIKTES), "notebooks", "--no-browser", "--port", str(port)]
    with (tmp_path / "jupyterlab.log").open("w+") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, f"JupyterLab stopped:\n{_read(log)}"
                assert time.monotonic() < deadline, f"JupyterLab never answered:\n{_read(log)}"
                try:
                    answer = httpx2.get(f"http://127.0.0.1:{port}/api", timeout=5)
                    break
                except httpx2.TransportError:
                    time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        assert answer.status_code == 200 and answer.json()["version"], answer.text
        assert process.returncode == 0, _read(log)
        assert str(NOTEBOOKS) in _read(log)


def _read(log: IO[str]) -> str:
    log.seek(0)
    return log.read()[-3000:]


def test_import_of_50000_bad_rows_prints_a_summary_and_writes_every_error(
    db: Database,
    tmp_path: Path,
    neo4j_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    """As a new user tries it: the columns in the wrong order, 50,000 rows, one error each."""
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.setenv(name, neo4j_env[name])
    directory = write_sample(tmp_path, {"territories": SAMPLE["territories"]})
    with (directory / "organizations.csv").open("w", encoding="utf-8") as handle:
        handle.write("Наименование,БИН,Вид организации,ОПФ,КАТО\n")  # the names of the next line
        for n in range(50_000):  # BIN and name swapped in every row
            handle.write(f"940140000385,Клуб {n},volunteer_club,public_association,551010000\n")
    assert main(["import", str(directory), "--quiet"]) == 1  # no progress lines among them
    err = capsys.readouterr().err.splitlines()
    assert len(err) <= 40, err
    assert err[0] == "50000 errors; by file and column (count, first case):"
    first = "organizations.csv: bin: BIN must be 12 digits, got 'Клуб 0'  (line 2)"
    assert err[1] == f"    50000  {first}"
    assert "organizations.csv:50001: bin: BIN must be 12 digits, got 'Клуб 49999'" not in err
    assert err[-1] == f"every error: {directory / 'import-errors.xlsx'}"
    book = load_workbook(directory / "import-errors.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 50_001
    assert rows[-1] == (
        "organizations.csv",
        50_001,
        "bin",
        "bin_not_12_digits",
        "BIN must be 12 digits, got 'Клуб 49999'",
    )
    assert db.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"] == 0
    # fixed, the files import and the stale list goes
    write_sample(directory, {"organizations": SAMPLE["organizations"]})
    assert main(["import", str(directory)]) == 0
    assert not (directory / "import-errors.xlsx").exists()


def _one_bad_date(directory: Path) -> Path:
    tables = copy.deepcopy(SAMPLE)
    tables["projects"][1][tables["projects"][0].index("start_date")] = "31.02.2018"
    return write_sample(directory, tables)


@pytest.mark.parametrize(
    ("language", "date_error", "reference_error", "summary", "sheet_header"),
    [
        (
            "ru",
            "projects.csv:2: start_date: ожидалась дата вида 01.03.2021 (день.месяц.год) или "
            "2021-03-01, указано «31.02.2018»",
            ": project_code: проект «P-1» отсутствует и в файлах, и в базе данных",
            "ничего не записано",
            ("файл", "строка", "столбец", "код", "сообщение"),
        ),
        (
            "kk",
            "projects.csv:2: start_date: 01.03.2021 (күн.ай.жыл) немесе 2021-03-01 түріндегі күн "
            "күтілген, көрсетілгені: «31.02.2018»",
            ": project_code: жоба «P-1» файлдарда да, дерекқорда да жоқ",
            "ештеңе жазылған жоқ",
            ("файл", "жол", "баған", "код", "хабарлама"),
        ),
    ],
)
def test_import_errors_speak_the_operators_language(
    db: Database,
    tmp_path: Path,
    neo4j_env: dict[str, str],
    language: str,
    date_error: str,
    reference_error: str,
    summary: str,
    sheet_header: tuple[str, ...],
) -> None:
    """``SERIKTES_LANG=ru seriktes import`` as an operator runs it: ``file:line: column:`` and
    the message in their language, and so is the error workbook."""
    directory = _one_bad_date(tmp_path / "files")
    env = neo4j_env | {"SERIKTES_LANG": language}
    done = subprocess.run(
        [str(SERIKTES), "import", str(directory), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == date_error
    assert any(line.endswith(reference_error) for line in lines), lines
    assert lines[-2].endswith(summary), lines
    book = load_workbook(directory / "import-errors.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == sheet_header
    assert rows[1] == ("projects.csv", 2, "start_date", "not_a_date", date_error.split(": ", 2)[2])
    assert db.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 0


def test_the_help_speaks_the_operators_language(capsys: pytest.CaptureFixture) -> None:
    with use_language(Language.KK), pytest.raises(SystemExit):
        main(["import", "--help"])
    usage = capsys.readouterr().out
    assert usage.startswith("қолданылуы: seriktes import")
    assert "territories.csv, organizations.csv, ... файлдары бар" in usage
    assert "осы анықтаманы көрсетіп, шығу" in usage
    with use_language(Language.RU), pytest.raises(SystemExit):
        main(["token", "create", "--role", "boss", "--name", "x"])
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith("seriktes token create: ошибка: аргумент --role: недопустимое")


def test_messages_check_passes_on_this_tree(capsys: pytest.CaptureFixture) -> None:
    with use_language(Language.RU):
        assert main(["messages", "check"]) == 0
    assert capsys.readouterr().out == "у каждого сообщения есть казахский и русский перевод\n"


def test_messages_check_lists_what_a_translator_must_do(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "graph").mkdir()
    (tmp_path / "api").mkdir()
    source = 'from graph.i18n import t\nt("a new message {x}", x=1)\n'
    (tmp_path / "api" / "m.py").write_text(source)
    with use_language(Language.RU):
        assert main(["messages", "check", "--source", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "api/m.py:2: 'a new message {x}': no kk translation" in out
    assert "api/m.py:2: 'a new message {x}': no ru translation" in out
    # every catalogue entry is unused there too; the count in Russian with its plural form
    count = len(out.splitlines())
    with use_language(Language.RU):
        said = tn("{n} problem in the catalogues", "{n} problems in the catalogues", count)
        assert err == f"{said}\n"
    assert re.fullmatch(r"\d+ проблем[аы]? в каталогах\n", err)


def test_import_and_export_show_progress_lines_unless_quiet(
    db: Database,
    tmp_path: Path,
    neo4j_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    """Not on a terminal (a log, a pipe): plain lines of rows done, rows/s and time left on
    stderr (every few seconds; here at every tick), the results alone on stdout."""
    from graph.importer import progress

    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.setenv(name, neo4j_env[name])
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)
    directory = write_sample(tmp_path / "files", SAMPLE)
    rows = sum(len(table) - 1 for table in SAMPLE.values())
    assert main(["import", str(directory)]) == 0
    out, err = capsys.readouterr()
    line = r"(checking|writing): ([\d,]+) of ([\d,]+) rows, [\d,]+ rows/s, \d+ s left"
    found = [re.fullmatch(line, text) for text in err.splitlines()]
    assert all(found), err
    last = {m[1]: (m[2], m[3]) for m in found if m}
    assert last["checking"] == (str(rows), str(rows))
    assert last["writing"] == (str(rows), str(rows))
    assert "checking" not in out and "organizations" in out  # the table summary

    assert main(["import", str(directory), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "organizations" in out

    assert main(["export", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^exporting: [\d,]+ of [\d,]+ rows, [\d,]+ rows/s, \d+ s left$", err, re.M)
    assert main(["export", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
