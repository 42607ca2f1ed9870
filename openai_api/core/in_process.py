"""The embedded mock's HTTP calls answered inside the example's process; every other request sent as before.

Why: the docs build and the probe serve the embedded mock on a loopback port, so that an example's `OpenAI()` finds
it through `OPENAI_BASE_URL` as a reader's client finds the API, and so that WebSocket sessions and the HTTP clients
an example builds itself (`http_client=...`) reach it over a real socket. But each HTTP call over that socket is
paid twice in the same process, by the client's HTTP/1.1 code and by the server's: about 2 ms of CPU a call, more
than the mock's own answer. A build's examples make some 600 such calls, and a cold build is CPU-bound.

So a client that the harness configures (see `runner.client_defaults`), and whose HTTP client is the SDK's own,
hands the requests for the mock's origin to a transport over the same mock instance: the same state, the same
answers and headers, the same timeouts (the transport keeps the read timeout as a socket would, see
`mock.adapters.transport`). Requests to any other origin go to the client's own transport, untouched.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import httpx2


@dataclass(frozen=True)
class InProcess:
    """Where the embedded mock is served (`base_url`), and a transport that answers for it in this process."""

    base_url: str
    transport: Any  # an `httpx2` transport with both entry points (sync and async), over the served mock

    @functools.cached_property
    def _origin(self) -> tuple[str, str, int | None]:
        own = httpx2.URL(self.base_url)
        return own.scheme, own.host, own.port

    def serves(self, url: httpx2.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._origin

    def route(self, client: httpx2.Client | httpx2.AsyncClient) -> None:
        """Route `client`'s requests for the mock's origin to the in-process transport."""
        if isinstance(client, httpx2.AsyncClient):
            client._transport = _AsyncRouted(client._transport, self)
        else:
            client._transport = _Routed(client._transport, self)


class _Routed(httpx2.BaseTransport):
    def __init__(self, inner: httpx2.BaseTransport, route: InProcess) -> None:
        self._inner, self._route = inner, route

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if self._route.serves(request.url):
            return self._route.transport.handle_request(request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class _AsyncRouted(httpx2.AsyncBaseTransport):
    def __init__(self, inner: httpx2.AsyncBaseTransport, route: InProcess) -> None:
        self._inner, self._route = inner, route

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self._route.serves(request.url):
            return await self._route.transport.handle_async_request(request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
