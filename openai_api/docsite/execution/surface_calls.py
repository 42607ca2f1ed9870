"""Each SDK method of a resource called once against a fresh in-process mock, for the surface tables.

Why here and not in `sdk/`: the calls need the mock, and the SDK readers must not depend on it. The calls go
through `openai_api.sdk.calls`, which the mock's own tests use too: minimal valid arguments built from each
signature, and results read to the end (pages, streams, binary content), with strict response validation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from openai_api.core.status import Status, classify
from openai_api.sdk.surface import methods_of


@dataclass(frozen=True)
class SurfaceCall:
    method: str
    status: Status | None  # None: not callable in-process (a WebSocket session); `detail` says where it is shown
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
    for info in methods_of(resource):
        if info.name in WEBSOCKET_METHODS:
            reason = (
                "WebSocket session: not called in process; the mock server speaks it (see the Realtime guide)"
                if info.name.endswith("realtime.connect")
                else "WebSocket session: not called in process; the mock answers it with an unsupported-endpoint error"
            )
            calls.append(SurfaceCall(info.name, None, 0.0, reason))
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
