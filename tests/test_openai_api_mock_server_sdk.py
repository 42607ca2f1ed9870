"""Every SDK method that makes HTTP calls runs against the real server (uvicorn, one for the module),
sync, with ``_strict_response_validation=True``; each test under its own fresh key, so per-key state
keeps them independent although they share the server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from openai import OpenAI

from openai_api.mock.adapters.server import running_server
from openai_api.sdk.calls import WEBSOCKET_METHODS, call_method, is_of_kind, resolve_method, return_annotation
from openai_api.sdk.routes import build_route_table

TABLE = build_route_table()
# Methods with routes of their own; the helpers built on them ran in process (test_openai_api_mock_sdk.py),
# the WebSocket ``connect``s are tested in test_openai_api_mock_realtime.py.
HTTP_METHODS = [m.name for m in TABLE.methods if m.routes and m.name not in WEBSOCKET_METHODS]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, httpx2.Client]]:
    """The server and one keep-alive connection pool to it (a new pool per test would double the run time)."""
    with running_server() as url, httpx2.Client() as http:
        yield url, http


def test_every_http_method_is_listed() -> None:
    assert len(HTTP_METHODS) == sum(1 for m in TABLE.methods if m.routes) - len(
        {m.name for m in TABLE.methods if m.routes} & WEBSOCKET_METHODS
    )
    assert len(HTTP_METHODS) > 390


@pytest.mark.parametrize("name", HTTP_METHODS)
def test_method_runs_over_http(name: str, server: tuple[str, httpx2.Client]) -> None:
    base_url, http = server
    client = OpenAI(
        api_key=f"sk-server-{name}",
        admin_api_key=f"sk-admin-server-{name}",
        base_url=base_url,
        http_client=http,
        max_retries=0,
        _strict_response_validation=True,
    )
    result, _read = call_method(client, name, TABLE)
    annotation = return_annotation(resolve_method(client, name))
    assert is_of_kind(result, annotation), f"{name} returned {type(result).__name__}, annotated {annotation}"
