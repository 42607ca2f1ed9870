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

from typing import Any, Protocol

import httpx2


class Embedded(Protocol):
    """The embedded mock as it is served (`mock.adapters.server.Served`): its loopback base URL, and a transport with
    both entry points (sync and async) over the same mock instance."""

    @property
    def base_url(self) -> str: ...

    @property
    def transport(self) -> Any: ...


def route_in_process(client: httpx2.Client | httpx2.AsyncClient, embedded: Embedded) -> None:
    """Route `client`'s requests for the embedded mock's origin to its in-process transport."""
    origin = _origin(httpx2.URL(embedded.base_url))
    if isinstance(client, httpx2.AsyncClient):
        client._transport = _AsyncRouted(client._transport, origin, embedded.transport)
    else:
        client._transport = _Routed(client._transport, origin, embedded.transport)


def _origin(url: httpx2.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


class _Routed(httpx2.BaseTransport):
    def __init__(self, inner: httpx2.BaseTransport, origin: tuple[str, str, int | None], local: Any) -> None:
        self._inner, self._origin, self._local = inner, origin, local

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if _origin(request.url) == self._origin:
            return self._local.handle_request(request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class _AsyncRouted(httpx2.AsyncBaseTransport):
    def __init__(self, inner: httpx2.AsyncBaseTransport, origin: tuple[str, str, int | None], local: Any) -> None:
        self._inner, self._origin, self._local = inner, origin, local

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if _origin(request.url) == self._origin:
            return await self._local.handle_async_request(request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
