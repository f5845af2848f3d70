"""The research notebooks: committed clean, shaped question → parameters → answer, and runnable.

Each notebook runs top to bottom in a fresh kernel of this virtualenv against the test Neo4j
holding the demo region, the way a reader runs it; a cell that raises fails the test.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graph.db import Database
from graph.demo_load import load_demo
from graph.i18n import Language
from graph.research_labels import TEXTS, Labels

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300
"""Seconds one cell may take; a notebook takes well under a minute on the demo region."""


PLANTED = {p.stem for p in NOTEBOOKS if p.name[:2] in {"01", "02", "03", "04", "06"}}
"""Notebooks whose figures show patterns the demo generator planted, and which say so."""


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.metadata.get("tags", []))


def _parameters_index(nb: nbformat.NotebookNode) -> int:
    return next(i for i, cell in enumerate(nb.cells) if "parameters" in _tags(cell))


def test_the_six_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_network_at_a_glance.ipynb",
        "02_urban_rural_divide.ipynb",
        "03_budget_dependency_and_results.ipynb",
        "04_youth_and_veterans.ipynb",
        "05_partner_discovery.ipynb",
        "06_gifts_needs_and_the_house.ipynb",
    ]


def test_notebook_6_writes_out_its_caveats_and_what_was_planted() -> None:
    """Issue 13: the before/after comparison says what it cannot show; issue 17: on the demo,
    the notebook names the generator's rules (``RURAL_TRAINING_FROM``) behind its patterns."""
    cells = _read(NOTEBOOKS_DIR / "06_gifts_needs_and_the_house.ipynb").cells
    prose = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    for caveat in ("Selection", "Regression to the mean", "No counterfactual"):
        assert f"*{caveat}.*" in prose, caveat
    titles = [c.source.splitlines()[0] for c in cells if c.cell_type == "markdown"]
    assert "## What the demo generator put there" in titles
    planted = next(c.source for c in cells if "synthetic = sum(" in c.source)
    assert "RURAL_TRAINING_FROM" in planted and planted.count("L(") >= 5
    assert "RURAL_TRAINING_FROM" in cells[-1].source


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
    for name in ("NEO4J_URI", "LOAD_DEMO_IF_EMPTY", "FIGURES", "LANG"):
        assert f"\n{name} = " in f"\n{tagged[0].source}", f"no {name} parameter"
    opening = cells[2]  # the shared opening, given the parameters (graph/research.py)
    assert opening.source.splitlines()[-1].startswith("db, FIGURES_DIR = open_research(NEO4J_URI")
    assert answer.cell_type == "markdown"
    assert answer.source.startswith("## What the data says")
    assert cells[-2].cell_type == "code", "the answer follows the cell printing the figures"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_text_a_notebook_asks_for_is_translated(path: Path) -> None:
    """``L("...")`` with a text graph/research_labels.py lacks would fail only when run."""
    asked = [
        call.args[0].value
        for cell in _read(path).cells
        if cell.cell_type == "code"
        for call in ast.walk(ast.parse(cell.source))
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "L"
        and call.args
        and isinstance(call.args[0], ast.Constant)
    ]
    assert asked, "the notebook shows no text through L"
    assert [text for text in asked if text not in TEXTS] == []


@pytest.fixture(scope="module")
def kernel_env(session_db: Database, neo4j_env: dict[str, str]) -> dict[str, str]:
    """The demo region in the test Neo4j, and the environment that points a kernel at it."""
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    return neo4j_env | {"MPLBACKEND": "Agg"}


def _execute(
    path: Path, kernel_env: dict[str, str], parameters: str, *, after: str = ""
) -> nbformat.NotebookNode:
    """``path`` run top to bottom in a fresh kernel of this virtualenv, with ``parameters``
    injected after its parameters cell as papermill does, and the cell ``after`` (if any) and one
    printing the kernel's ``sys.prefix`` appended; the notebook with its outputs."""
    nb = _read(path)
    injected = nbformat.v4.new_code_cell(parameters)
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(_parameters_index(nb) + 1, injected)
    if after:
        nb.cells.append(nbformat.v4.new_code_cell(after))
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
    return nb


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _shown(cell: nbformat.NotebookNode) -> str:
    """What a cell displayed as a table (its HTML)."""
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_on_the_demo_region(
    path: Path, kernel_env: dict[str, str], tmp_path: Path
) -> None:
    figures = tmp_path / "figures"
    nb = _execute(path, kernel_env, f"FIGURES = {str(figures)!r}")
    headline = nb.cells[-3]  # the last code cell of the notebook, before its answer
    assert _printed(headline).strip(), "the headline cell printed nothing"
    assert list(figures.glob("*.png")), "no figure saved"
    if path.stem in PLANTED:  # on the demo region it says what the generator planted
        planted = next(cell for cell in nb.cells if "synthetic = sum(" in cell.source)
        assert "put these patterns there" in _printed(planted)


@pytest.mark.slow
def test_lang_kk_gives_kazakh_figures_and_tables(
    kernel_env: dict[str, str], tmp_path: Path
) -> None:
    path = NOTEBOOKS_DIR / "01_network_at_a_glance.ipynb"
    figure = "print(ax.get_title(), ax.get_legend().get_title().get_text(), sep='\\n')"
    nb = _execute(path, kernel_env, f"LANG = 'kk'\nFIGURES = {str(tmp_path)!r}", after=figure)
    kk = Labels(Language.KK)
    title, legend = _printed(nb.cells[-2]).splitlines()
    assert title.startswith("Серіктестік желісі: ең үлкен компонент")
    assert legend == kk("settlement (shape)") == "елді мекен түрі (пішіні)"
    size = next(cell for cell in nb.cells if "size.to_frame()" in cell.source)
    assert kk("organisations") == "ұйымдар саны"
    assert all(kk(text) in _shown(size) for text in ("organisations", "value", "density"))
    assert "organisations" not in _shown(size)
    centrality = next(cell for cell in nb.cells if "L.table(centrality" in cell.source)
    assert all(kk.header(c) in _shown(centrality) for c in ("district_name", "betweenness"))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem in PLANTED], ids=lambda p: p.stem)
def test_says_what_the_demo_generator_planted(path: Path) -> None:
    """Issue 17: a demo pattern is not a finding about the region; the notebook names the
    generator's rules behind its figures, and its answer refers to them."""
    cells = _read(path).cells
    titles = [c.source.splitlines()[0] for c in cells if c.cell_type == "markdown"]
    assert "## What the demo generator put there" in titles
    assert "What the demo generator put there" in cells[-1].source
    code = next(c.source for c in cells if "synthetic = sum(" in c.source)
    assert "graph/demo" in code and code.count("L(") >= 4
