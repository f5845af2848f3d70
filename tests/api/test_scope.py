"""Coordinator tokens limited to a territory: through the API, the CLI and `createToken`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.db import Database
from graph.tokens import ApiRole, authenticate, create_token
from tests.api.conftest import Api
from tests.api.test_auth import MUTATIONS
from tests.graph.sample import AKKULY, AKKULY_ORG, with_akkuly

SERIKTES = Path(sys.executable).parent / "seriktes"
PAVLODAR_ORG = "940140000385"
EDIT = """mutation($org: ID!, $staff: Int) {
  editOrganization(input: {organization: $org, staff: $staff}) { organization { bin staff } }
}"""
ADD = """mutation($territory: ID!) {
  addOrganization(input: {bin: "190240000013", name: "Новая", kind: NGO,
                  legalForm: PUBLIC_ASSOCIATION, territory: $territory}) { organization { bin } }
}"""
VIEWER = "{ viewer { name accessLevel territory { kato name nameKk } } }"


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    return with_akkuly(db, tmp_path)


@pytest.fixture
def akkuly(region: Database) -> str:
    """A coordinator's token limited to Akkuly district."""
    return create_token(region, role=ApiRole.COORDINATOR, name="akkuly", territory=AKKULY)[1]


def _refusal(body: dict) -> str:
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN", error
    return str(error["message"])


def test_akkuly_token_edits_akkuly_and_nothing_in_pavlodar(api: Api, akkuly: str) -> None:
    edited = api.data(EDIT, {"org": AKKULY_ORG, "staff": 4}, token=akkuly)
    assert edited["editOrganization"]["organization"] == {"bin": AKKULY_ORG, "staff": 4}
    refused = api(EDIT, {"org": PAVLODAR_ORG, "staff": 4}, token=akkuly)
    assert refused["data"] == {"editOrganization": None}
    assert _refusal(refused) == (
        "this token may change only what is in Аккулинский район (552210000); "
        f"organisation {PAVLODAR_ORG} is outside it"
    )
    assert "Аккулинский район" in _refusal(api(ADD, {"territory": "551010000"}, token=akkuly))
    assert api.data(ADD, {"territory": "552231100"}, token=akkuly)["addOrganization"]


def test_the_refusal_names_the_territory_in_kazakh_and_russian(api: Api, akkuly: str) -> None:
    def refusal(language: str) -> str:
        response = api.client.post(
            "/graphql",
            json={"query": EDIT, "variables": {"org": PAVLODAR_ORG, "staff": 1}},
            headers={"Authorization": f"Bearer {akkuly}", "Accept-Language": language},
        )
        return _refusal(response.json())

    kazakh = refusal("kk")
    assert kazakh.startswith("бұл токен тек мына аумаққа қатыстыны ғана өзгерте алады")
    assert "Аққулы ауданы (552210000)" in kazakh and f"{PAVLODAR_ORG} ұйымы" in kazakh
    russian = refusal("ru")
    assert "«Аккулинский район (552210000)»" in russian
    assert f"организация {PAVLODAR_ORG} находится за её пределами" in russian


def test_every_mutation_elsewhere_is_forbidden_the_old_ones_too(api: Api, akkuly: str) -> None:
    """The rule is in the write path, not in resolvers: no mutation gets around it."""
    for name, mutation in MUTATIONS.items():
        body = api(mutation, token=akkuly)
        assert "outside it" in _refusal(body), name


def test_viewer_shows_the_scope(api: Api, region: Database, akkuly: str) -> None:
    scoped = api.data(VIEWER, token=akkuly)["viewer"]
    assert scoped["accessLevel"] == "COORDINATOR"
    assert scoped["territory"] == {
        "kato": AKKULY,
        "name": "Аккулинский район",
        "nameKk": "Аққулы ауданы",
    }
    wide = create_token(region, role=ApiRole.COORDINATOR, name="oblast")[1]
    assert api.data(VIEWER, token=wide)["viewer"]["territory"] is None
    assert api.data(VIEWER)["viewer"]["territory"] is None


CREATE_TOKEN = """mutation($input: CreateTokenInput!) {
  createToken(input: $input) {
    token
    apiToken { id name accessLevel createdAt territory { kato } }
  }
}"""


def test_admins_create_scoped_tokens(api: Api, region: Database, tokens: dict[str, str]) -> None:
    made = api.data(
        CREATE_TOKEN,
        {"input": {"name": "Аккулы", "role": "COORDINATOR", "territory": AKKULY}},
        token=tokens["admin"],
    )["createToken"]
    assert made["token"].startswith("sk_")
    info = made["apiToken"]
    assert info["id"].startswith("tok_") and info["territory"] == {"kato": AKKULY}
    found = authenticate(region, made["token"])
    assert found is not None and (found.id, found.territory) == (info["id"], AKKULY)
    assert api.data(VIEWER, token=made["token"])["viewer"]["territory"]["kato"] == AKKULY
    refused = api(EDIT, {"org": PAVLODAR_ORG, "staff": 2}, token=made["token"])
    assert "Аккулинский район" in _refusal(refused)


@pytest.mark.parametrize(
    ("role", "territory", "field", "message"),
    [
        ("ADMIN", AKKULY, "input.territory", "only a coordinator's token"),
        ("COORDINATOR", "559999999", "input.territory", "no territory with KATO code"),
        ("COORDINATOR", "55", "input.territory", "KATO"),
        ("COORDINATOR", None, "input.name", "a token needs a name"),
    ],
)
def test_bad_token_inputs_are_named(
    api: Api,
    region: Database,
    tokens: dict[str, str],
    role: str,
    territory: str | None,
    field: str,
    message: str,
) -> None:
    name = "" if territory is None else "x"
    body = api(
        CREATE_TOKEN,
        {"input": {"name": name, "role": role, "territory": territory}},
        token=tokens["admin"],
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field and message in error["message"]


def test_only_admins_create_tokens(api: Api, region: Database, tokens: dict[str, str]) -> None:
    variables = {"input": {"name": "x", "role": "ADMIN"}}
    refused = api(CREATE_TOKEN, variables, token=tokens["coordinator"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_cli_creates_a_scoped_token(region: Database, neo4j_env: dict[str, str]) -> None:
    command = [str(SERIKTES), "token", "create", "--role", "coordinator", "--name", "Аккулы"]
    env = neo4j_env | {"SERIKTES_LANG": "en"}
    done = subprocess.run([*command, "--territory", AKKULY], env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    said, secret = done.stdout.strip().splitlines()[-2:]
    assert f"writing only in territory {AKKULY} and under it" in said
    found = authenticate(region, secret)
    assert found is not None and (found.role, found.territory) == (ApiRole.COORDINATOR, AKKULY)
    listed = subprocess.run([str(SERIKTES), "token", "list"], env=env, capture_output=True,
                            text=True, timeout=120, check=True).stdout  # fmt: skip
    assert any(found.id in line and AKKULY in line for line in listed.splitlines())
    refused = subprocess.run([*command, "--territory", "559999999"], env=env,
                             capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert refused.returncode == 2
    assert "no territory with KATO code 559999999" in refused.stderr
