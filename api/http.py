"""``/graphql`` over HTTP: authentication, persisted and trusted documents, media types.

Follows GraphQL-over-HTTP: POST with JSON, GET for queries only (a mutation over GET is a 405),
``application/graphql-response+json`` when asked for (request errors are then 4xx).
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from neo4j.exceptions import DriverError, Neo4jError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from api import graphiql
from api.batching import Batcher
from api.context import Context, Viewer
from api.loaders import Loaders
from api.settings import ApiSettings
from graph import documents, tokens
from graph.analytics import ProjectionCache
from graph.db import Database, QueryStats

GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_BODY = 100_000
MAX_CONTAINERS = 1000
_UNAVAILABLE = "Neo4j is unavailable; try again shortly."


class DocumentCache:
    """Documents by hash: registered (trusted) ones and automatic persisted queries (APQ)."""

    def __init__(self, size: int = 2000) -> None:
        self._size = size
        self._known: OrderedDict[str, str] = OrderedDict()

    def remember(self, digest: str, document: str) -> None:
        self._known[digest] = document
        self._known.move_to_end(digest)
        while len(self._known) > self._size:
            self._known.popitem(last=False)

    async def trusted(self, db: Database, digest: str) -> str | None:
        document = await run_in_threadpool(documents.lookup, db, digest)
        if document is not None:
            self.remember(digest, document)
        return document

    async def find(self, db: Database, digest: str) -> str | None:
        return self._known.get(digest) or await self.trusted(db, digest)


class _Refused(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class GraphQLView(GraphQL[Context, None]):
    """The database comes from the app's lifespan state (``request.state.db``)."""

    def __init__(self, schema: Any, *, settings: ApiSettings) -> None:
        super().__init__(schema, graphql_ide="graphiql", allowed_origins=settings.cors_origins)
        self.settings = settings
        self.documents = DocumentCache()
        self.analytics = ProjectionCache()

    async def get_context(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Context:
        stats = QueryStats()
        db = request.state.db.counting(stats)
        batcher = Batcher()
        return Context(
            request=request,
            response=response,
            db=db,
            viewer=request.state.viewer,
            settings=self.settings,
            loaders=Loaders(db, batcher),
            batcher=batcher,
            analytics=self.analytics,
            stats=stats,
        )

    async def run(  # type: ignore[override]
        self, request: Request, context: Any = None, root_value: Any = None
    ) -> Response:
        db: Database = request.state.db
        header = request.headers.get("authorization")
        viewer = Viewer()
        if header is not None:
            scheme, _, token = header.partition(" ")
            found = None
            if scheme.lower() == "bearer" and token.strip():
                try:
                    found = await run_in_threadpool(tokens.authenticate, db, token.strip())
                except (DriverError, Neo4jError):
                    return _error_response(_UNAVAILABLE, "SERVICE_UNAVAILABLE", 503)
            if found is None:
                return _error_response(
                    "the Authorization header holds no valid token (Bearer <token>); "
                    "it may be malformed or revoked",
                    "UNAUTHENTICATED",
                    401,
                )
            viewer = Viewer(found)
        request.state.viewer = viewer
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return _error_response(f"request body over {MAX_BODY} bytes", "REQUEST_TOO_LARGE", 413)
        response = await super().run(request)
        return _negotiate(request, response)

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql.response()  # the assets come from this API, not from a CDN

    async def execute_single(  # type: ignore[override]
        self, *, request: Request, request_data: GraphQLRequestData, **kwargs: Any
    ) -> ExecutionResult:
        try:
            request_data = await self._resolve_document(request.state.db, request_data)
        except (DriverError, Neo4jError):
            return _refusal(_UNAVAILABLE, "SERVICE_UNAVAILABLE")
        except _Refused as refused:
            return _refusal(str(refused), refused.code)
        try:
            return await super().execute_single(
                request=request, request_data=request_data, **kwargs
            )
        except HTTPException as exc:  # GraphQL-over-HTTP: a mutation over GET is 405
            if request.method == "GET" and "mutation" in exc.reason.lower():
                raise HTTPException(405, exc.reason) from None
            raise

    async def _resolve_document(self, db: Database, data: GraphQLRequestData) -> GraphQLRequestData:
        persisted = (data.extensions or {}).get("persistedQuery") or {}
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if data.query is None and not digest:
            raise _Refused("no GraphQL query in the request", "BAD_REQUEST")
        if data.query is None:
            document = await self.documents.find(db, str(digest))
            if document is None:
                raise _Refused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return dataclasses.replace(data, query=document)
        actual = documents.document_hash(data.query)
        if digest and digest != actual:
            raise _Refused("the sha256Hash does not match the query", "BAD_REQUEST")
        if self.settings.trusted_documents_only:
            if await self.documents.trusted(db, actual) is None:
                raise _Refused(
                    "only registered documents run here (seriktes documents add)",
                    "PERSISTED_QUERY_NOT_ALLOWED",
                )
        elif digest:
            self.documents.remember(actual, data.query)
        return data

    def decode_json(self, data: str | bytes) -> object:
        """JSON that our handlers can take: objects (or a batch of them), bounded in nesting."""
        try:
            decoded = json.loads(data)
            json.dumps(decoded, ensure_ascii=False).encode()  # lone surrogates cannot reach Neo4j
        except (ValueError, RecursionError):
            raise HTTPException(400, "Unable to parse request body as JSON") from None
        return decoded

    def parse_json(self, data: str | bytes) -> Any:
        decoded = self.decode_json(data)
        items = decoded if isinstance(decoded, list) else [decoded]
        if not all(isinstance(item, dict) for item in items):
            raise HTTPException(400, "a request is a JSON object, or a batch: an array of objects")
        if _containers(decoded) > MAX_CONTAINERS:
            raise HTTPException(400, f"the request holds more than {MAX_CONTAINERS} objects/arrays")
        return decoded

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "POST" and len(await request.get_body()) > MAX_BODY:
            raise HTTPException(413, f"request body over {MAX_BODY} bytes")
        return await super().parse_http_body(request)


def _containers(value: object) -> int:
    """How many JSON objects and arrays ``value`` holds (counted without recursion)."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += 1
            stack.extend(item.values())
        elif isinstance(item, list):
            count += 1
            stack.extend(item)
    return count


def _refusal(message: str, code: str) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code})])


def _error_response(message: str, code: str, status: int) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status)


def _negotiate(request: Request, response: Response) -> Response:
    """Answer ``application/graphql-response+json`` to clients that ask for it."""
    accept = request.headers.get("accept", "")
    if GRAPHQL_RESPONSE not in accept or response.media_type == "text/html":
        return response
    if response.headers.get("content-type", "").startswith("application/json"):
        response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        body = json.loads(bytes(response.body))
        errors = body.get("errors") if isinstance(body, dict) else None
        executed = any(e.get("path") for e in errors or [])
        if response.status_code == 200 and errors and body.get("data") is None and not executed:
            del body["data"]  # a request error: nothing was executed
            return JSONResponse(body, status_code=400, media_type=GRAPHQL_RESPONSE)
    return response
