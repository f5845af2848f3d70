"""The research notebooks: committed clean, shaped question → parameters → answer, and runnable.

Each notebook runs top to bottom in a fresh kernel of this virtualenv against the test Neo4j
holding the demo region, the way a reader runs it; a cell that raises fails the test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graph.db import Database
from graph.demo_load import load_demo

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300
"""Seconds one cell may take; a notebook takes well under a minute on the demo region."""


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.metadata.get("tags", []))


def _parameters_index(nb: nbformat.NotebookNode) -> int:
    return next(i for i, cell in enumerate(nb.cells) if "parameters" in _tags(cell))


def test_the_five_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_network_at_a_glance.ipynb",
        "02_urban_rural_divide.ipynb",
        "03_budget_dependency_and_results.ipynb",
        "04_youth_and_veterans.ipynb",
        "05_partner_discovery.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    nb = _read(path)
    nbformat.validate(nb)
    for number, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {number} has outputs"
            assert cell.execution_count is None, f"cell {number} has an execution count"
        assert set(cell.metadata) <= {"tags"}, f"cell {number} carries {sorted(cell.metadata)}"
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_question_then_parameters_then_answer(path: Path) -> None:
    cells = _read(path).cells
    question, answer = cells[0], cells[-1]
    assert question.cell_type == "markdown"
    assert question.source.startswith("# ") and "**Question.**" in question.source
    tagged = [cell for cell in cells if "parameters" in _tags(cell)]
    assert len(tagged) == 1 and tagged[0] is cells[1] and tagged[0].cell_type == "code"
    for name in ("NEO4J_URI", "LOAD_DEMO_IF_EMPTY", "FIGURES"):
        assert f"\n{name} = " in f"\n{tagged[0].source}", f"no {name} parameter"
    opening = cells[2]  # the shared opening, given the parameters (graph/research.py)
    assert opening.source.splitlines()[-1].startswith("db, FIGURES_DIR = open_research(NEO4J_URI")
    assert answer.cell_type == "markdown"
    assert answer.source.startswith("## What the data says")
    assert cells[-2].cell_type == "code", "the answer follows the cell printing the figures"


@pytest.fixture(scope="module")
def kernel_env(session_db: Database, neo4j_env: dict[str, str]) -> dict[str, str]:
    """The demo region in the test Neo4j, and the environment that points a kernel at it."""
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    return neo4j_env | {"MPLBACKEND": "Agg"}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_on_the_demo_region(
    path: Path, kernel_env: dict[str, str], tmp_path: Path
) -> None:
    nb = _read(path)
    figures = tmp_path / "figures"
    # As papermill does: the runner's values go in a cell right after the parameters.
    injected = nbformat.v4.new_code_cell(f"FIGURES = {str(figures)!r}")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(_parameters_index(nb) + 1, injected)
    headline = nb.cells[-2]
    nb.cells.append(nbformat.v4.new_code_cell("import sys\n\nprint(sys.prefix)"))

    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute(env=kernel_env)  # raises CellExecutionError on the first failing cell

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert nb.cells[-1].outputs[0]["text"].strip() == sys.prefix, "not this virtualenv's kernel"
    printed = "".join(o.get("text", "") for o in headline.outputs if o.output_type == "stream")
    assert printed.strip(), "the headline cell printed nothing"
    assert list(figures.glob("*.png")), "no figure saved"
