"""In-process adapter: an ``httpx2.MockTransport`` over ``MockAPI``, and SDK clients using it.

Why a MockTransport subclass: one transport object must serve both sync and async clients, and the
async side must not block the event loop on ``x-mock-delay-ms`` nor hand a sync stream to an async
reader, so each side gets its own entry point.

Why it keeps the client's read timeout: over a socket, a client whose read timeout is shorter than the answer's
``x-mock-delay-ms`` stops waiting and raises ``ReadTimeout``; with no socket nothing would stop it, and a lesson
on timeouts would show a success after the whole delay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
from openai import AsyncOpenAI, OpenAI

from openai_api.mock.core import MockAPI
from openai_api.mock.wire import MockReply, MockRequest

__all__ = ["MOCK_API_KEY", "MOCK_BASE_URL", "async_mock_client", "mock_client", "mock_transport"]

MOCK_BASE_URL = "http://mock.local/v1"
MOCK_API_KEY = "sk-mock"
MOCK_ADMIN_KEY = "sk-admin-mock"
_DROPPED = "Server disconnected without sending a response."
_TIMED_OUT = "timed out"  # what the socket's timeout says over HTTP


def _waiting(reply: MockReply, request: httpx2.Request) -> tuple[float, bool]:
    """How long the client waits for the answer, and whether its read timeout ends the wait first."""
    read = (request.extensions.get("timeout") or {}).get("read")
    if read is not None and reply.delay_s > read:
        return read, True
    return reply.delay_s, False


class _MockAPITransport(httpx2.MockTransport):
    def __init__(self, api: MockAPI) -> None:
        super().__init__(self._unused)
        self.api = api

    @staticmethod
    def _unused(request: httpx2.Request) -> httpx2.Response:  # pragma: no cover - both entry points overridden
        raise NotImplementedError

    def _answer(self, request: httpx2.Request) -> MockReply:
        return self.api.handle(
            MockRequest.build(
                request.method,
                request.url.path,
                request.url.query.decode(),
                request.headers.multi_items(),
                request.content,
            )
        )

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()
        reply = self._answer(request)
        wait, timed_out = _waiting(reply, request)
        if wait:
            time.sleep(wait)
        if timed_out:
            raise httpx2.ReadTimeout(_TIMED_OUT, request=request)
        if reply.drop:
            raise httpx2.RemoteProtocolError(_DROPPED, request=request)
        content: Any = reply.stream if reply.stream is not None else reply.body
        return httpx2.Response(reply.status, headers=reply.headers, content=content, request=request)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        await request.aread()
        reply = self._answer(request)
        wait, timed_out = _waiting(reply, request)
        if wait:
            await asyncio.sleep(wait)
        if timed_out:
            raise httpx2.ReadTimeout(_TIMED_OUT, request=request)
        if reply.drop:
            raise httpx2.RemoteProtocolError(_DROPPED, request=request)
        content: Any = _aiter(reply.stream) if reply.stream is not None else reply.body
        return httpx2.Response(reply.status, headers=reply.headers, content=content, request=request)


async def _aiter(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


def mock_transport(api: MockAPI | None = None, *, lenient: bool = False) -> httpx2.MockTransport:
    """A transport answering from ``api`` (a fresh ``MockAPI(lenient=lenient)`` if none) for sync and async
    clients; ``lenient``: every id and model name exists, as on a stateless mock (see `Store.answers_unknown`)."""
    return _MockAPITransport(api if api is not None else MockAPI(lenient=lenient))


def mock_client(api: MockAPI | None = None, *, lenient: bool = False, **client_kwargs: Any) -> OpenAI:
    """An ``OpenAI`` client talking to an in-process mock, no socket involved (``lenient``: see
    ``mock_transport``)."""
    kwargs: dict[str, Any] = {"api_key": MOCK_API_KEY, "admin_api_key": MOCK_ADMIN_KEY, "base_url": MOCK_BASE_URL}
    kwargs.update(client_kwargs)
    transport = mock_transport(api, lenient=lenient)
    kwargs.setdefault("http_client", httpx2.Client(transport=transport, base_url=kwargs["base_url"]))
    return OpenAI(**kwargs)


def async_mock_client(api: MockAPI | None = None, *, lenient: bool = False, **client_kwargs: Any) -> AsyncOpenAI:
    """An ``AsyncOpenAI`` client talking to an in-process mock, no socket involved (``lenient``: see
    ``mock_transport``)."""
    kwargs: dict[str, Any] = {"api_key": MOCK_API_KEY, "admin_api_key": MOCK_ADMIN_KEY, "base_url": MOCK_BASE_URL}
    kwargs.update(client_kwargs)
    transport = mock_transport(api, lenient=lenient)
    kwargs.setdefault("http_client", httpx2.AsyncClient(transport=transport, base_url=kwargs["base_url"]))
    return AsyncOpenAI(**kwargs)
