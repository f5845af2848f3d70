"""The Examples in the docstrings of partner discovery run (they need no database)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graph.discovery

MODULES = sorted(m.name for m in pkgutil.iter_modules(graph.discovery.__path__, "graph.discovery."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(
        importlib.import_module(name),
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        report=True,
        verbose=False,
    )
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
