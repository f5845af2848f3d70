"""A frontend team's toolchain against the API: a schema change that breaks a client fails here.

GraphQL Code Generator's client preset types the portal operations in ``operations/`` and the
README's examples from the committed SDL (``strictScalars``: every custom scalar mapped), ``tsc
--strict`` compiles them with the program that uses them, and that program (``run.ts``) runs them
through Apollo Client 4 against a real uvicorn server over the demo region. Needs Node 18+ and npm;
``npm ci`` runs when ``node_modules`` is missing or was installed from another lock file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.tokens import ApiRole, create_token
from tests.hardening.conftest import serve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
STAMP = HERE / "node_modules" / ".seriktes-lock-sha256"
"""The hash of the package-lock.json that node_modules was installed from."""


def run(*command: str, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    """Run a tool in tests/client; fail with everything it printed when it fails."""
    done = subprocess.run(
        command,
        cwd=HERE,
        env=os.environ | {"NO_COLOR": "1", "FORCE_COLOR": "0"} | (env or {}),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited with {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}",
            pytrace=False,
        )
    return done.stdout


def bin_(name: str) -> str:
    return str(HERE / "node_modules" / ".bin" / name)


@pytest.fixture(scope="module")
def installed() -> None:
    """node_modules as package-lock.json says (``npm ci``), installed again when the lock moves."""
    npm = shutil.which("npm")
    assert npm, "the generated-client check needs Node 18+ and npm on PATH"
    lock = hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != lock:
        run(npm, "ci", "--no-audit", "--no-fund", timeout=900)
        STAMP.write_text(lock)


@pytest.fixture(scope="module")
def generated(installed: None) -> str:
    """The README's examples extracted, then codegen over them and operations/; its output."""
    run(bin_("tsx"), "readme.ts")
    return run(bin_("graphql-codegen"), "--config", "codegen.ts")


@pytest.fixture(scope="module")
def live_api(session_db: Database) -> Iterator[dict[str, str]]:
    """The API under uvicorn over the demo region; the environment run.ts reads."""
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    # A steward: what a coordinator may, and the House of NGOs' examples of the README too.
    token = create_token(session_db, role=ApiRole.STEWARD, name="generated client check")[1]
    # exact analytics: the operations read metrics at once, however long the first computation
    with serve(session_db, ApiSettings(exact_analytics=True)) as http:
        url = str(http.base_url).rstrip("/") + "/graphql"
        yield {"SERIKTES_API_URL": url, "SERIKTES_TOKEN": token}


def test_codegen_types_every_operation_and_readme_example(generated: str) -> None:
    types = (HERE / "generated" / "gql" / "graphql.ts").read_text()
    operations = [
        "OrganizationsPageQuery",
        "OrganizationProfileQuery",
        "SearchOrganizationsQuery",
        "PartnerSuggestionsQuery",
        "DashboardQuery",
        "EditOrganizationMutation",
    ]
    for name in operations:
        assert f"export type {name} = " in types, name
    examples = len(re.findall(r"^```graphql$", (ROOT / "README.md").read_text(), re.MULTILINE))
    assert examples > 0
    typed = re.findall(r"^export type Readme(\d+)(?:Query|Mutation) = ", types, re.MULTILINE)
    assert sorted(map(int, typed)) == list(range(1, examples + 1))
    # strictScalars: every custom scalar has its mapped type (codegen fails otherwise), never any
    assert "amountKzt: number" in types
    assert not re.search(r"\bany\b", types)


def test_typescript_compiles_strictly(generated: str) -> None:
    run(bin_("tsc"), "--noEmit", "--strict", "-p", "tsconfig.json")


def test_apollo_client_runs_the_operations(generated: str, live_api: dict[str, str]) -> None:
    output = run(bin_("tsx"), "run.ts", env=live_api)
    print(output)  # each step and its time, shown with -rP
    for step in ("list:", "profile:", "search:", "suggestions:", "dashboard:", "mutation:"):
        assert f"ok   {step}" in output, output
    assert "ok   readme: Readme1Document ran" in output, output
