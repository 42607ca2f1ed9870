"""ASGI adapter: serve ``MockAPI`` under ``/v1`` (and Azure's ``/openai/...``) for uvicorn (or any ASGI server),
and the WebSocket sessions (``realtime``, and the others of ``data/websockets.yaml`` through ``websockets``), which
uvicorn serves because ``websockets`` is installed.

Why raw ASGI at the edge with Starlette's Request/Response inside: Starlette does the body reading
and the (streaming) response writing, while ``x-mock-drop`` needs the bare ``send`` that uvicorn
passes in, to close the connection without answering (which no framework exposes).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from openai_api.mock.core import MockAPI
from openai_api.mock.errors import error_reply
from openai_api.mock.wire import MockReply, MockRequest, is_azure_path

__all__ = ["MockASGIApp", "create_app"]

log = logging.getLogger("openai_api.mock")


class MockASGIApp:
    def __init__(self, api: MockAPI) -> None:
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if self.api.lenient and not _served_path(scope.get("path", "")):
            # Prism serves a spec's paths without its server URL's /v1, so a suite written for it has a base URL
            # without one (the SDK's own suite defaults to http://127.0.0.1:4010)
            scope = {**scope, "path": "/v1" + scope["path"]}
        if scope["type"] == "websocket":
            # imported on the first WebSocket: the realtime adapter reads the SDK's realtime types, which
            # would add most of a second to the start of a server that may never see a WebSocket
            from openai_api.mock.adapters.realtime import serve_websocket
            from openai_api.mock.adapters.websockets import serve_session, session_for_path

            spec = session_for_path(scope["path"])
            if spec is not None:
                await serve_session(spec, scope, receive, send)
            else:
                await serve_websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        body = await request.body()
        path: str = scope["path"]
        if not _served_path(path):
            reply = error_reply(404, f"Invalid URL ({request.method} {path}): the API is served under /v1")
        else:
            reply = self.api.handle(
                MockRequest.build(
                    request.method, path, scope.get("query_string", b"").decode(), request.headers.items(), body
                )
            )
        log.info(
            "%s %s -> %s (%s)",
            request.method,
            path,
            "dropped" if reply.drop else reply.status,
            reply.headers.get("x-request-id"),
        )
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.drop:
            await _drop(send)
            return
        await _response(reply)(scope, receive, send)


def _served_path(path: str) -> bool:
    """Under /v1, or one of Azure's paths."""
    return path == "/v1" or path.startswith("/v1/") or is_azure_path(path)


def _response(reply: MockReply) -> Response:
    headers = {k: v for k, v in reply.headers.items() if k.lower() != "content-length"}
    media_type = headers.pop("content-type", None)
    if reply.stream is not None:
        return StreamingResponse(_aiter(reply.stream), reply.status, headers, media_type)
    return Response(reply.body, reply.status, headers, media_type)


async def _aiter(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk
        await asyncio.sleep(0)


async def _drop(send: Send) -> None:
    """Close the TCP connection without a response, as a crashed upstream would."""
    transport: Any = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionAbortedError("x-mock-drop: closing without a response")
    transport.close()
    await asyncio.sleep(0.01)  # let the server see the connection is gone before the app returns


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def create_app(profile: str = "openai", api: MockAPI | None = None) -> MockASGIApp:
    return MockASGIApp(api if api is not None else MockAPI(profile))
