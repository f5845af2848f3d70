"""GraphiQL served by the API itself, so that ``/graphql`` works in a browser on a closed network.

Strawberry's GraphiQL page loads React, GraphiQL and the explorer plugin from unpkg.com. The same
files come from the npm registry at set-up (``package.json`` and ``package-lock.json`` here,
installed into ``node_modules/`` by ``scripts/bootstrap``); the page is Strawberry's own, with each
CDN URL replaced by a local one. Its ``integrity`` hashes stay, so the browser checks that the
local files are the very bytes Strawberry expects. When a file is missing or of another version,
the page and the log say so: nothing falls back to the CDN.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from strawberry.http.ides import get_graphql_ide_html

log = logging.getLogger("seriktes")

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "node_modules"
PREFIX = "/graphiql/static/"
_CDN_URL = re.compile(
    r"https://unpkg\.com/(?P<package>(?:@[\w.-]+/)?[\w.-]+)@(?P<version>[\w.-]+)/(?P<file>[\w./-]+)"
)
_MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable"}  # versioned paths


@dataclass(frozen=True)
class Page:
    """The GraphiQL page, the local files it references (by path under ``PREFIX``), or problems."""

    html: str
    files: dict[str, Path]
    problems: tuple[str, ...] = ()


def build(template: str, assets: Path = ASSETS) -> Page:
    """Strawberry's ``template`` with every unpkg URL pointing at the files under ``assets``."""
    files: dict[str, Path] = {}
    problems: list[str] = []

    def local(match: re.Match[str]) -> str:
        package, version, file = match["package"], match["version"], match["file"]
        problem = _check(assets, package, version, file)
        key = f"{package}@{version}/{file}"
        if problem:
            problems.append(problem)
        else:
            files[key] = assets / package / file
        return PREFIX + key

    page = _CDN_URL.sub(local, template)
    problems.extend(
        f"the page loads {url} from the internet; add its package to api/graphiql/package.json"
        for url in sorted(set(re.findall(r"https://[^\s\"'<>]+", page)))
    )
    return Page(page, files, tuple(dict.fromkeys(problems)))  # once per package, not per file


def _check(assets: Path, package: str, version: str, file: str) -> str | None:
    manifest = assets / package / "package.json"
    if not manifest.is_file():
        return f"{package}@{version} is not installed ({manifest.parent} is missing)"
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if installed != version:
        return (
            f"{package} {installed} is installed but Strawberry's page needs {version}: "
            "set that version in api/graphiql/package.json (npm install --package-lock-only)"
        )
    if not (assets / package / file).is_file():
        return f"{package}@{version} has no file {file}"
    return None


@functools.cache
def page() -> Page:
    """This Strawberry's page, built once per process; logs what is missing."""
    built = build(get_graphql_ide_html("graphiql"))
    if built.problems:
        log.error(
            "GraphiQL cannot be served at /graphql (run scripts/bootstrap, then restart): %s",
            "; ".join(built.problems),
        )
    return built


def response(built: Page | None = None) -> Response:
    """The page (this process's by default), or (503) one saying what is missing and what to do."""
    built = built or page()
    if not built.problems:
        return HTMLResponse(built.html)
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in built.problems)
    return HTMLResponse(
        "<!doctype html><html><head><title>GraphiQL is not installed</title></head><body>"
        "<h1>GraphiQL is not installed on this server</h1>"
        "<p>This API serves GraphiQL's files itself (never from a CDN), and some are missing:</p>"
        f"<ul>{items}</ul>"
        "<p>Run <code>scripts/bootstrap</code> (it needs Node.js and npm; it runs "
        "<code>npm ci --omit=dev --ignore-scripts</code> in <code>api/graphiql</code>), then "
        "restart the API. The GraphQL endpoint works meanwhile: POST queries to "
        "<code>/graphql</code>.</p></body></html>",
        status_code=503,
    )


def asset(request: Request) -> Response:
    """One of the files the page references; nothing else under ``node_modules`` is served."""
    path = page().files.get(request.path_params["file"])
    if path is None or not path.is_file():
        return PlainTextResponse("Not Found", status_code=404)
    return FileResponse(path, media_type=_MEDIA_TYPES.get(path.suffix), headers=_IMMUTABLE)


routes = [Route(PREFIX + "{file:path}", asset, methods=["GET"])]
