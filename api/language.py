"""The reader's language for one request: ``Accept-Language`` in, ``Content-Language`` out.

Everything a person reads in the answer (reasons, flags, labels, error messages) is rendered in
it by :mod:`graph.i18n`; codes, enum values and field names are the same in every language.
``Vary: Accept-Language`` tells caches that the answer depends on the header.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.i18n import negotiate, use_language


class LanguageMiddleware:
    """Sets :func:`graph.i18n.current_language` for the request (plain ASGI, so the context
    variable reaches the resolvers and the threads they run the graph layer in)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = negotiate(Headers(scope=scope).get("accept-language"))

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Language"] = language.value
                headers.add_vary_header("Accept-Language")
            await send(message)

        with use_language(language):
            await self.app(scope, receive, send_with_language)
