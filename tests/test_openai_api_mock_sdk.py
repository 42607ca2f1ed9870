"""Every public SDK method runs against the in-process mock, sync and async, with
``_strict_response_validation=True``, and returns a value of the kind its annotation promises.

"Every" is by construction: the list is the SDK's whole resource tree (``public_method_names``), less
the WebSocket ``connect`` methods, which open sessions rather than HTTP calls; those are tested
through the real server in ``test_openai_api_mock_realtime.py``.
"""

from __future__ import annotations

import asyncio

import pytest
from openai import AsyncOpenAI, OpenAI

from openai_api.mock.adapters.transport import async_mock_client, mock_client
from openai_api.mock.core import MockAPI
from openai_api.sdk.calls import (
    WEBSOCKET_METHODS,
    acall_method,
    call_method,
    is_of_kind,
    public_method_names,
    resolve_method,
    return_annotation,
)
from openai_api.sdk.routes import build_route_table

TABLE = build_route_table()
ALL_METHODS = public_method_names(TABLE)
# The WebSocket sessions are left out here and served by the real server (test_openai_api_mock_realtime.py).
CALLED = [name for name in ALL_METHODS if name not in WEBSOCKET_METHODS]


def test_route_table_covers_the_sdk() -> None:
    assert len(ALL_METHODS) >= 430
    assert len(TABLE.routes) > 300
    files = {(r.verb, r.template) for r in TABLE.routes if "files.create" in r.sdk_methods}
    assert ("POST", "/files") in files
    helpers = {m.name for m in TABLE.methods if not m.routes}
    assert (
        {"files.wait_for_processing", "responses.parse", "webhooks.unwrap"}
        <= helpers
        <= set(CALLED) | WEBSOCKET_METHODS
    )
    assert set(ALL_METHODS) >= WEBSOCKET_METHODS  # the exclusion list names real methods only


@pytest.fixture
def sync_client() -> OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


@pytest.mark.parametrize("name", CALLED)
def test_sync_method_runs(name: str, sync_client: OpenAI) -> None:
    result, _read = call_method(sync_client, name, TABLE)
    annotation = return_annotation(resolve_method(sync_client, name))
    assert is_of_kind(result, annotation), f"{name} returned {type(result).__name__}, annotated {annotation}"


def test_async_methods_run() -> None:
    """All methods through AsyncOpenAI in one event loop (the way async docs examples run)."""

    async def run_all() -> tuple[int, list[str]]:
        failures = []
        for name in CALLED:  # a fresh mock each: admin calls share one admin key, and deletes must not leak
            client: AsyncOpenAI = async_mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)
            try:
                result, _read = await acall_method(client, name, TABLE)
                annotation = return_annotation(resolve_method(client, name))
                if not is_of_kind(result, annotation):
                    failures.append(f"{name}: returned {type(result).__name__}, annotated {annotation}")
            except Exception as exc:
                failures.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        return len(CALLED), failures

    called, failures = asyncio.run(run_all())
    assert failures == []
    assert called == len(ALL_METHODS) - len(WEBSOCKET_METHODS)
