"""CORS for browser apps on other origins, with one log line saying why an origin was refused.

Starlette's ``CORSMiddleware`` answers preflights and adds the headers; this adds the log line a
frontend developer needs when the browser only says "blocked by CORS policy". Each refusal is
logged once per origin and reason (at most ``_REMEMBERED`` of them), so a noisy client or a forged
``Origin`` cannot flood the log.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.settings import ApiSettings

log = logging.getLogger("seriktes")

METHODS = ("GET", "POST")
_REMEMBERED = 1000


class Cors(CORSMiddleware):
    """``CORSMiddleware`` configured from ``ApiSettings``, logging what it refuses."""

    def __init__(self, app: ASGIApp, *, settings: ApiSettings) -> None:
        super().__init__(
            app,
            allow_origins=settings.cors_origins,
            allow_origin_regex=settings.cors_origin_regex,
            allow_methods=METHODS,
            allow_headers=settings.cors_headers,
            expose_headers=("WWW-Authenticate",),  # so a client can read why a token failed
        )
        self._logged: set[tuple[str, str, str]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] != "OPTIONS":
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            if origin and not self.is_allowed_origin(origin) and not _same_origin(origin, headers):
                self._refused(origin, "origin")
        await super().__call__(scope, receive, send)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 200:
            origin = request_headers["origin"]
            if not self.is_allowed_origin(origin):
                self._refused(origin, "origin")
            method = request_headers["access-control-request-method"]
            if method not in self.allow_methods:
                self._refused(origin, "method", method)
            requested = request_headers.get("access-control-request-headers") or ""
            for header in sorted({h.strip().lower() for h in requested.split(",") if h.strip()}):
                if not self.allow_all_headers and header not in self.allow_headers:
                    self._refused(origin, "header", header)
        return response

    def _refused(self, origin: str, what: str, value: str = "") -> None:
        key = (origin, what, value)
        if key in self._logged or len(self._logged) >= _REMEMBERED:
            return
        self._logged.add(key)
        if what == "origin":
            log.warning(
                "CORS: refused origin %r: add it to SERIKTES_CORS_ORIGINS (or match it with "
                "SERIKTES_CORS_ORIGIN_REGEX) to let browser pages there call the API",
                origin,
            )
        elif what == "header":
            log.warning(
                "CORS: refused request header %r from origin %r: add it to SERIKTES_CORS_HEADERS",
                value,
                origin,
            )
        else:
            log.warning(
                "CORS: refused method %r from origin %r: only GET and POST are allowed",
                value,
                origin,
            )


def _same_origin(origin: str, headers: Headers) -> bool:
    """A page of this API itself (GraphiQL): browsers send ``Origin`` on its POSTs too."""
    return urlsplit(origin).netloc == headers.get("host")
