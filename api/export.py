"""``GET /export/<list>.xlsx|csv``: download what a list query shows, every page at once.

``where`` and ``orderBy`` are the GraphQL arguments as JSON query parameters, coerced and checked
by the schema's own input types (``OrganizationWhere``...) and turned into graph filters by
:mod:`api.filters`, so a file holds exactly the rows of the same query. Callers are who the
``AuthenticationMiddleware`` says (a bad token is refused before this runs); the file is built in
a temporary file first (nothing half-sent when a query fails) and then streamed.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLInputType
from graphql.utilities import coerce_input_value, validate_input_value
from neo4j.exceptions import DriverError, Neo4jError
from starlette.authentication import has_required_scope
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from strawberry.types.arguments import convert_argument

from api.errors import UNAVAILABLE
from api.filters import OrganizationWhere, ProjectWhere, organization_filter, project_filter
from api.loaders import in_thread
from api.query import OrganizationOrder, ProjectOrder, SortDirection
from graph import exports, organizations, projects
from graph.analytics.refresh import NotReady
from graph.analytics.reports import activity_from
from graph.db import Database
from graph.errors import InvalidInput, SeriktesError
from graph.exports import Format, Sheet
from graph.i18n import Text, t
from graph.tokens import ApiRole

MEDIA_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 64 * 1024
_UNKNOWN_FIELD = re.compile(r"not to include unknown field '([^']+)'")


class TooManyRows(SeriktesError):
    """The list is longer than one download may be."""


class Exports:
    """The export routes of one app: the schema's input types; the analytics are the app's
    (``request.state.analytics``, :class:`~graph.analytics.refresh.Refresher`)."""

    def __init__(self, schema: Any) -> None:
        self.schema = schema

    def routes(self) -> list[Route]:
        lists: dict[str, Callable[[Request, Database, bool], Sheet]] = {
            "organizations": self._organizations,
            "projects": self._projects,
            "active-organizations": self._active,
        }
        return [
            Route(f"/export/{name}.{format.value}", self._endpoint(build, format), methods=["GET"])
            for name, build in lists.items()
            for format in Format
        ]

    def _endpoint(
        self, build: Callable[[Request, Database, bool], Sheet], format: Format
    ) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            db: Database = request.state.db
            admin = has_required_scope(request, [ApiRole.ADMIN.value])
            try:
                sheet = await in_thread(build, request, db, admin)
                if await in_thread(exports.count_rows, db, sheet) > exports.MAX_ROWS:
                    raise TooManyRows(
                        t(
                            "a download holds at most {maximum} rows; narrow where",
                            maximum=exports.MAX_ROWS,
                        )
                    )
                folder = Path(tempfile.mkdtemp(prefix="seriktes-export-"))
                path = folder / f"export.{format.value}"
                try:
                    await in_thread(exports.write_sheet, db, sheet, path, format)
                except BaseException:
                    shutil.rmtree(folder, ignore_errors=True)
                    raise
            except InvalidInput as exc:
                return _error(exc.text, "BAD_USER_INPUT", 400, exc.field)
            except TooManyRows as exc:
                return _error(exc.text, "TOO_MANY_ROWS", 400, "where")
            except NotReady as exc:
                return _error(exc.text, "SERVICE_UNAVAILABLE", 503, None)
            except (DriverError, Neo4jError):
                return _error(UNAVAILABLE, "SERVICE_UNAVAILABLE", 503, None)
            filename = request.url.path.rsplit("/", 1)[-1]
            return StreamingResponse(
                _chunks(path),
                media_type=MEDIA_TYPES[format],
                headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
            )

        return endpoint

    def _organizations(self, request: Request, db: Database, admin: bool) -> Sheet:
        where = self._argument(request, "where", "OrganizationWhere", OrganizationWhere)
        order = self._argument(request, "orderBy", "OrganizationOrder", OrganizationOrder)
        order = order or OrganizationOrder()
        include_archived = _flag(request, "includeArchived")
        descending = order.direction is SortDirection.DESC
        sort = organizations.OrgSort(order.field)
        scores = None
        if sort is organizations.OrgSort.ACTIVITY:
            scores = activity_from(request.state.analytics.indicators().value)
        return exports.organization_sheet(
            db, where=organization_filter(where), sort=sort, descending=descending,
            include_archived=include_archived, scores=scores, extras=admin,
        )  # fmt: skip

    def _projects(self, request: Request, db: Database, admin: bool) -> Sheet:
        where = self._argument(request, "where", "ProjectWhere", ProjectWhere)
        order = self._argument(request, "orderBy", "ProjectOrder", ProjectOrder) or ProjectOrder()
        return exports.project_sheet(
            db, where=project_filter(where), sort=projects.ProjectSort(order.field),
            descending=order.direction is SortDirection.DESC, extras=admin,
        )  # fmt: skip

    def _active(self, request: Request, db: Database, admin: bool) -> Sheet:
        territory = request.query_params.get("territory")
        if not territory:
            raise InvalidInput(t("required"), field="territory")
        kinds = request.query_params.get("kinds")
        wanted = [k.strip().lower() for k in kinds.split(",") if k.strip()] if kinds else None
        return exports.active_organization_sheet(db, territory=territory, kinds=wanted)

    def _argument(self, request: Request, name: str, type_name: str, cls: type) -> Any:
        """A JSON query parameter as the GraphQL argument of type ``type_name`` would take it."""
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            raise InvalidInput(t("{name} is not JSON", name=name), field=name) from None
        graphql_type: GraphQLInputType = self.schema._schema.get_type(type_name)

        def refuse(error: GraphQLError, path: list[str | int]) -> None:
            unknown = _UNKNOWN_FIELD.search(error.message)
            where = ".".join(str(p) for p in [name, *path, *([unknown[1]] if unknown else [])])
            if unknown:
                raise InvalidInput(t("there is no field {field} here", field=where), field=where)
            invalid = value
            for step in path:
                invalid = invalid[step]
            raise InvalidInput(
                t("{field} does not take {value}", field=where, value=json.dumps(invalid)),
                field=where,
            )

        validate_input_value(value, graphql_type, refuse, True)
        coerced = coerce_input_value(value, graphql_type)
        return convert_argument(
            coerced, cls, self.schema.schema_converter.scalar_registry, self.schema.config
        )


def _flag(request: Request, name: str) -> bool:
    value = request.query_params.get(name, "false").lower()
    if value not in ("true", "false"):
        raise InvalidInput(t("{name} is true or false", name=name), field=name)
    return value == "true"


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _error(message: Text | str, code: str, status: int, field: str | None) -> JSONResponse:
    extensions = {"code": code} | ({"field": field} if field else {})
    return JSONResponse({"errors": [{"message": str(message), "extensions": extensions}]}, status)
