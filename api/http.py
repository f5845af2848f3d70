"""``/graphql`` over HTTP: who is calling, persisted and trusted documents, media types.

Follows GraphQL-over-HTTP: POST with JSON, GET for queries only (a mutation over GET is a 405),
``application/graphql-response+json`` when asked for (request errors are then 4xx). Bearer tokens
are read by Starlette's ``AuthenticationMiddleware`` (``TokenBackend``); resolvers find the caller
in ``request.user`` and its roles in ``request.auth.scopes``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import OrderedDict
from typing import Any

from graphql import GraphQLError
from neo4j.exceptions import DriverError, Neo4jError
from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    BaseUser,
)
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from api import graphiql
from api.context import Context, Viewer
from api.errors import UNAVAILABLE
from api.loaders import Loaders, in_thread
from api.settings import ApiSettings
from graph import documents, tokens
from graph.analytics import ProjectionCache
from graph.db import Database, QueryStats
from graph.i18n import Text, t
from graph.tokens import ApiRole

GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_BODY = 100_000
"""Bytes a request body may hold (declared or chunked); Starlette answers 413 beyond."""
MAX_CONTAINERS = 1000
AUTHENTICATED = "authenticated"
"""The scope every valid token grants; each role adds its own and the roles below it."""
_SUGGESTION = re.compile(r"\s*Did you mean\b[^?]*\?")
"""graphql-core's suggestion, always at a message's end: " Did you mean 'a' or 'b'?"."""
_NOT_OVER_GET: dict[OperationType, Text] = {
    OperationType.MUTATION: t("mutations are not allowed when using GET"),
    OperationType.SUBSCRIPTION: t("subscriptions are not allowed when using GET"),
}
"""GraphQL-over-HTTP's 405 for an operation that changes something, sent with GET."""


class Unavailable(AuthenticationError):
    """The token could not be checked: Neo4j did not answer."""


class TokenBackend(AuthenticationBackend):
    """``Authorization: Bearer <token>`` → a ``Viewer`` and its scopes; no header → anonymous."""

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("authorization")
        if header is None:
            return None
        scheme, _, token = header.partition(" ")
        found = None
        if scheme.lower() == "bearer" and token.strip():
            try:
                found = await in_thread(tokens.authenticate, conn.state.db, token.strip())
            except (DriverError, Neo4jError):
                raise Unavailable(UNAVAILABLE) from None
        if found is None:
            raise AuthenticationError(
                t(
                    "the Authorization header holds no valid token (Bearer <token>); "
                    "it may be malformed or revoked"
                )
            )
        scopes = [AUTHENTICATED, *(r.value for r in ApiRole if found.role.at_least(r))]
        return AuthCredentials(scopes), Viewer(found)


def refuse_credentials(conn: HTTPConnection, exc: AuthenticationError) -> Response:
    """The middleware's answer to a bad token (401) or to Neo4j being away (503).

    A bad token fails the whole request, a public read included (RFC 6750 §3.1): a client that
    sent a token meant to act as someone, and reading anonymously instead would hide a revoked
    or mistyped token. The answer is in the media type the client asked for.
    """
    media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in conn.headers.get("accept", "") else None
    if isinstance(exc, Unavailable):
        return _error_response(str(exc), "SERVICE_UNAVAILABLE", 503, media_type=media_type)
    refused = _error_response(str(exc), "UNAUTHENTICATED", 401, media_type=media_type)
    refused.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return refused


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
        document = await in_thread(documents.lookup, db, digest)
        if document is not None:
            self.remember(digest, document)
        return document

    async def find(self, db: Database, digest: str) -> str | None:
        return self._known.get(digest) or await self.trusted(db, digest)


class BadRequest(Exception):
    """A request refused before execution; answered as plain text, as Strawberry answers its own."""

    def __init__(self, message: Text, *, status_code: int = 400) -> None:
        super().__init__(message)
        self.status_code = status_code


class _Refused(Exception):
    def __init__(self, message: Text | str, code: str) -> None:
        super().__init__(message)
        self.code = code


class GraphQLView(GraphQL[Context, None]):
    """The database comes from the app's lifespan state (``request.state.db``)."""

    def __init__(self, schema: Any, *, settings: ApiSettings) -> None:
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.settings = settings
        self.documents = DocumentCache()
        self.analytics = ProjectionCache()

    async def get_context(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Context:
        stats = QueryStats()
        db = request.state.db.counting(stats)
        return Context(
            request=request,
            response=response,
            db=db,
            settings=self.settings,
            loaders=Loaders(db, self.analytics),
            analytics=self.analytics,
            refresher=request.state.analytics,
            stats=stats,
        )

    async def run(  # type: ignore[override]
        self, request: Request, context: Any = None, root_value: Any = None
    ) -> Response:
        try:
            response = await super().run(request)
        except BadRequest as refused:
            return PlainTextResponse(str(refused), status_code=refused.status_code)
        return _negotiate(request, response)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A browser's GET with no operation in it, when GraphiQL is on; a GET carrying only a
        persisted query's hash (``extensions``) is an operation, whatever it accepts."""
        return (
            self.graphql_ide is not None
            and request.query_params.get("extensions") is None
            and super().should_render_graphql_ide(request)
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql.response()  # the assets come from this API, not from a CDN

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Without introspection, no "Did you mean …?": suggestions would reveal the schema one
        name at a time (as graphql-armor's block-field-suggestion and OWASP advise)."""
        processed = await super().process_result(request, result)
        if not self.settings.introspection:
            for error in processed.get("errors") or []:
                if isinstance(error, dict) and isinstance(error.get("message"), str):
                    error["message"] = _SUGGESTION.sub("", error["message"])
        return processed

    async def execute_single(  # type: ignore[override]
        self, *, request: Request, request_data: GraphQLRequestData, **kwargs: Any
    ) -> ExecutionResult:
        try:
            request_data = await self._resolve_document(request.state.db, request_data)
        except (DriverError, Neo4jError):
            return _refusal(UNAVAILABLE, "SERVICE_UNAVAILABLE")
        except _Refused as refused:
            return _refusal(str(refused), refused.code)
        try:
            return await super().execute_single(
                request=request, request_data=request_data, **kwargs
            )
        except Exception as exc:  # GraphQL-over-HTTP: a mutation over GET is 405, not 400
            wrong = exc.__cause__
            if request.method == "GET" and isinstance(wrong, InvalidOperationTypeError):
                raise BadRequest(_NOT_OVER_GET[wrong.operation_type], status_code=405) from None
            raise

    async def _resolve_document(self, db: Database, data: GraphQLRequestData) -> GraphQLRequestData:
        persisted = (data.extensions or {}).get("persistedQuery") or {}
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if data.query is None and not digest:
            raise _Refused(t("no GraphQL query in the request"), "BAD_REQUEST")
        if data.query is None:
            document = await self.documents.find(db, str(digest))
            if document is None:
                # the APQ protocol's own words, which clients match on: never translated
                raise _Refused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return dataclasses.replace(data, query=document)
        actual = documents.document_hash(data.query)
        if digest and digest != actual:
            raise _Refused(t("the sha256Hash does not match the query"), "BAD_REQUEST")
        if self.settings.trusted_documents_only:
            if await self.documents.trusted(db, actual) is None:
                raise _Refused(
                    t("only registered documents run here (seriktes documents add)"),
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
            raise BadRequest(t("Unable to parse request body as JSON")) from None
        return decoded

    def parse_json(self, data: str | bytes) -> Any:
        decoded = self.decode_json(data)
        items = decoded if isinstance(decoded, list) else [decoded]
        if not all(isinstance(item, dict) for item in items):
            raise BadRequest(t("a request is a JSON object, or a batch: an array of objects"))
        if _containers(decoded) > MAX_CONTAINERS:
            raise BadRequest(
                t("the request holds more than {maximum} objects/arrays", maximum=MAX_CONTAINERS)
            )
        return decoded


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


def _refusal(message: Text | str, code: str) -> ExecutionResult:
    return ExecutionResult(
        data=None, errors=[GraphQLError(str(message), extensions={"code": code})]
    )


def _error_response(
    message: str, code: str, status: int, *, media_type: str | None = None
) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status, media_type=media_type)


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
