"""GraphiQL at /graphql: every script and stylesheet comes from the API itself, none from a CDN."""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

from starlette.testclient import TestClient
from strawberry.http.ides import get_graphql_ide_html

from api import graphiql

HTML = {"accept": "text/html"}


class _Assets(HTMLParser):
    """The page's scripts and stylesheets, each as (kind, URL, integrity)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.found.append(("script", str(a["src"]), a.get("integrity")))
        if tag == "link" and (a.get("rel") or "").lower() == "stylesheet":
            self.found.append(("stylesheet", str(a["href"]), a.get("integrity")))


def _assets(page: str) -> list[tuple[str, str, str | None]]:
    parser = _Assets()
    parser.feed(page)
    return parser.found


def test_the_page_loads_every_asset_from_the_api(client: TestClient) -> None:
    response = client.get("/graphql", headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "https://" not in page
    assert "GraphiQLPluginExplorer.explorerPlugin()" in page  # the explorer plugin is kept
    assets = _assets(page)
    urls = [url for _, url, _ in assets]
    for name in ("react", "react-dom", "graphiql", "@graphiql/plugin-explorer", "js-cookie"):
        assert any(url.startswith(f"/graphiql/static/{name}@") for url in urls), (name, urls)
    assert sum(kind == "stylesheet" for kind, _, _ in assets) == 2
    for kind, url, integrity in assets:
        assert url.startswith("/graphiql/static/"), url
        served = client.get(url)
        assert served.status_code == 200, url
        expected = "text/javascript" if kind == "script" else "text/css"
        assert served.headers["content-type"].startswith(expected), (url, served.headers)
        # the hash Strawberry's page carries: the browser refuses the file otherwise
        digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
        assert integrity == f"sha384-{digest}", url


def test_only_the_pages_files_are_served(client: TestClient) -> None:
    urls = [url for _, url, _ in _assets(client.get("/graphql", headers=HTML).text)]
    (script,) = [url for url in urls if url.endswith("/graphiql.min.js")]
    assert client.get(script).status_code == 200
    others = [  # files that exist in node_modules but that the page does not use
        script.replace("graphiql.min.js", "package.json"),
        script.replace("graphiql.min.js", "graphiql.min.js.map"),
        "/graphiql/static/../../../pyproject.toml",
    ]
    for url in others:
        assert client.get(url).status_code == 404, url


def test_missing_files_are_explained_not_fetched_from_a_cdn(tmp_path: Path) -> None:
    template = get_graphql_ide_html("graphiql")
    built = graphiql.build(template, tmp_path / "nothing")
    assert built.files == {}
    assert len(built.problems) == 5  # once per package
    assert any("react@18.2.0 is not installed" in problem for problem in built.problems)
    response = graphiql.response(built)
    assert response.status_code == 503
    body = bytes(response.body).decode()
    assert "scripts/bootstrap" in body
    assert "https://" not in body
    assert "<script" not in body


def test_another_version_or_cdn_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "react").mkdir()
    (tmp_path / "react" / "package.json").write_text(json.dumps({"version": "18.3.1"}))
    template = (
        '<script src="https://unpkg.com/react@18.2.0/umd/react.production.min.js"></script>'
        '<script type="module" src="https://esm.sh/graphiql@4"></script>'
    )
    problems = graphiql.build(template, tmp_path).problems
    assert problems == (
        "react 18.3.1 is installed but Strawberry's page needs 18.2.0: set that version in "
        "api/graphiql/package.json (npm install --package-lock-only)",
        "the page loads https://esm.sh/graphiql@4 from the internet; "
        "add its package to api/graphiql/package.json",
    )


def test_the_installed_files_make_a_complete_page() -> None:
    built = graphiql.page()
    assert built.problems == ()
    assert len(built.files) == 7
