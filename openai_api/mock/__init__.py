"""An embedded mock of the OpenAI API, derived from the installed ``openai`` SDK.

What it simulates, how to run it, its fault headers and its limits are described once, in the README's
"The embedded mock" section. The layout: ``core.MockAPI`` is the one implementation; ``adapters/`` only
translate I/O (ASGI and uvicorn, an in-process ``httpx2`` transport, WebSocket sessions, SSE framing);
``handlers/`` answer the endpoints where realism matters (every other route is ``crud.generic``);
``behaviour/`` holds the logic the handlers share; ``content/`` makes the words, values and media; ``state/``
keeps each API key's objects; ``data/`` holds the fixtures and profiles.

The names a test suite needs are importable from here: ``mock_client``, ``async_mock_client``,
``running_server``, ``MockAPI``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openai_api.mock.adapters.server import running_server
    from openai_api.mock.adapters.transport import async_mock_client, mock_client
    from openai_api.mock.core import MockAPI

__all__ = ["MockAPI", "async_mock_client", "mock_client", "running_server"]

_PUBLIC = {
    "MockAPI": "openai_api.mock.core",
    "async_mock_client": "openai_api.mock.adapters.transport",
    "mock_client": "openai_api.mock.adapters.transport",
    "running_server": "openai_api.mock.adapters.server",
}


def __getattr__(name: str) -> Any:
    """Import on first use: ``python -m openai_api.mock`` and the handlers need not load every adapter."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'openai_api.mock' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_PUBLIC[name]), name)
