"""Every public SDK method that makes an HTTP call parses the mock's answer, sync and async,
with ``_strict_response_validation=True``."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
from openai import AsyncOpenAI, OpenAI
from test_openai_api_mock_args import build_args

from openai_api.mock.core import MockAPI
from openai_api.mock.routes import build_route_table
from openai_api.mock.transport import async_mock_client, mock_client

TABLE = build_route_table()
HTTP_METHODS = [m.name for m in TABLE.methods if m.routes]
PATH_PARAMS = {m.name: frozenset(p for r in m.routes for p in r.params_names) for m in TABLE.methods}
# Websocket sessions have no HTTP counterpart in the mock.
SKIP = {"responses.connect", "beta.responses.connect"}


def _resolve(client: Any, dotted: str) -> Any:
    obj = client
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _consume(result: Any) -> Any:
    """Streams and pages: read them to the end so parsing of every item happens."""
    if hasattr(result, "__iter__") and hasattr(result, "response") and not isinstance(result, dict | list | str):
        return list(result)
    return result


async def _aconsume(result: Any) -> Any:
    if hasattr(result, "__aiter__") and hasattr(result, "response"):
        return [item async for item in result]
    return result


def test_route_table_covers_the_sdk() -> None:
    assert len({m.name for m in TABLE.methods}) >= 400
    assert len(TABLE.routes) > 300
    files = {(r.verb, r.template) for r in TABLE.routes if "files.create" in r.sdk_methods}
    assert ("POST", "/files") in files


@pytest.fixture
def sync_client() -> OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


@pytest.mark.parametrize("name", HTTP_METHODS)
def test_sync_method_parses(name: str, sync_client: OpenAI) -> None:
    if name in SKIP:
        pytest.skip("websocket")
    method = _resolve(sync_client, name)
    result = _consume(method(**build_args(name, method.__func__, PATH_PARAMS[name])))
    assert result is not None or "delete" in name or inspect.signature(method).return_annotation in (None, "None")


def test_async_methods_parse() -> None:
    """All methods through AsyncOpenAI in one event loop (the way async docs examples run)."""

    async def run_all() -> list[str]:
        failures = []
        for name in HTTP_METHODS:
            if name in SKIP:
                continue
            client: AsyncOpenAI = async_mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)
            method = _resolve(client, name)
            try:
                await _aconsume(await method(**build_args(name, method.__func__, PATH_PARAMS[name])))
            except Exception as exc:
                failures.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        return failures

    assert asyncio.run(run_all()) == []
