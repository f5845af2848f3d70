"""The command line: ``bench`` hands its options to the benchmark; bad options are named."""

from __future__ import annotations

import pytest

from api.cli import main


@pytest.mark.parametrize("argv", [["bench", "--help"], ["bench", "--", "--help"]])
def test_bench_options_reach_the_benchmark(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith("usage: seriktes bench") and "--scale {demo,10k,100k}" in usage


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
