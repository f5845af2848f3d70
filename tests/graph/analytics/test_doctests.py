"""The Examples in the docstrings run: pure ones as they are, database ones with ``db`` holding
the sample region."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graph.analytics
from graph.db import Database

MODULES = sorted(m.name for m in pkgutil.iter_modules(graph.analytics.__path__, "graph.analytics."))


def test_every_module_is_listed() -> None:
    assert "graph.analytics.projections" in MODULES and len(MODULES) >= 10


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, sample_db: Database) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module,
        extraglobs={"db": sample_db},
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        report=True,
        verbose=False,
    )
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
    if name != "graph.analytics":
        assert result.attempted > 0, f"{name} has no runnable example"
