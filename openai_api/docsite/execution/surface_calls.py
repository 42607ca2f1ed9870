"""Each SDK method of a resource called once against a fresh mock, for the surface tables.

Why here and not in `sdk/`: the calls need the mock, and the SDK readers must not depend on it. The calls go
through `openai_api.sdk.calls`, which the mock's own tests use too: minimal valid arguments built from each
signature, and results read to the end (pages, streams, binary content), with strict response validation.

WebSocket methods (`realtime.connect`, `live.connect`, ...) cannot go through an in-process transport: the SDK
opens the socket itself. They are called against the mock server on a loopback port, over a real socket: the
session is opened, the `hello` event of `mock/data/websockets.yaml` sent, and events read until the one it
expects (`ok`) or an `error` event (classified by its code).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from openai_api.core.status import Status, classify
from openai_api.sdk.surface import methods_of


@dataclass(frozen=True)
class SurfaceCall:
    method: str
    status: Status
    elapsed_ms: float
    detail: str = ""


def call_all(resource: str) -> list[SurfaceCall]:
    """Call each method of `resource` once against a fresh in-process mock with strict validation."""
    from openai_api.mock.adapters.transport import mock_client
    from openai_api.mock.core import MockAPI
    from openai_api.sdk.calls import WEBSOCKET_METHODS, call_method
    from openai_api.sdk.routes import build_route_table

    table = build_route_table()
    client = mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)
    calls = []
    methods = methods_of(resource)
    sockets = [info.name for info in methods if info.name in WEBSOCKET_METHODS]
    opened = _session_calls(sockets) if sockets else {}
    for info in methods:
        if info.name in WEBSOCKET_METHODS:
            calls.append(opened[info.name])
            continue
        started = time.perf_counter()
        try:  # a key per method: the mock's state per key keeps a `delete` from removing the next call's object
            key = f"sk-mock-surface-{info.name}"
            call_method(client.with_options(api_key=key, admin_api_key=key), info.name, table)
        except Exception as error:
            found = classify(error)
            calls.append(SurfaceCall(info.name, found.status, _ms(started), found.detail))
            continue
        calls.append(SurfaceCall(info.name, Status.OK, _ms(started)))
    return calls


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


_EVENTS_READ = 16  # a session that has not said what was expected after this many events is not working


def _session_calls(names: list[str]) -> dict[str, SurfaceCall]:
    """Open each WebSocket session against the mock server on a loopback port (one server for the resource)."""
    from openai import OpenAI

    from openai_api.mock.adapters.server import running_server

    with running_server() as base_url:
        return {name: _session_call(OpenAI, base_url, name) for name in names}


def _session_call(client_class: Any, base_url: str, name: str) -> SurfaceCall:
    from openai_api.mock.adapters.websockets import session_for_method
    from openai_api.sdk.arguments import build_args
    from openai_api.sdk.calls import resolve_method
    from openai_api.sdk.synthesis import Synthesizer

    spec = session_for_method(name)
    if spec is None:
        return SurfaceCall(name, Status.UNKNOWN_ERROR, 0.0, f"{name}: no session in mock/data/websockets.yaml")
    key = f"sk-mock-surface-{name}"
    client = client_class(
        api_key=key,
        base_url=base_url,
        websocket_base_url=base_url.replace("http://", "ws://", 1),  # the beta client assumes wss:// otherwise
        max_retries=0,
    )
    started = time.perf_counter()
    try:
        method = resolve_method(client, name)
        hello = Synthesizer(key).build(spec.client_union(), {"type": spec.hello})
        with method(**build_args(name, method, None)) as connection:
            connection.send(hello)
            seen: list[str] = []
            for _ in range(_EVENTS_READ):
                event = connection.recv()
                seen.append(event.type)
                if event.type == "error":
                    code = str(getattr(event.error, "code", "") or "")
                    detail = f"error event {code}: {getattr(event.error, 'message', '')}"
                    return SurfaceCall(name, _ERROR_CODES.get(code, Status.UNKNOWN_ERROR), _ms(started), detail)
                if event.type == spec.expect:
                    return SurfaceCall(name, Status.OK, _ms(started), f"WebSocket: {' → '.join(seen)}")
    except Exception as error:
        found = classify(error)
        return SurfaceCall(name, found.status, _ms(started), found.detail)
    detail = f"WebSocket: no {spec.expect} in the first {_EVENTS_READ} events ({', '.join(seen)})"
    return SurfaceCall(name, Status.UNKNOWN_ERROR, _ms(started), detail)


# The codes of a WebSocket `error` event that mean what an HTTP status would (the real API's, and the mock's).
_ERROR_CODES = {
    "invalid_api_key": Status.AUTH_ERROR,
    "unsupported_websocket_endpoint": Status.UNSUPPORTED_BY_PROVIDER,
    "rate_limit_exceeded": Status.RATE_LIMITED,
    "server_error": Status.PROVIDER_SERVER_ERROR,
}
