"""Call any public SDK method by its dotted name with minimal arguments, read its result to the end,
and check that the result is of the kind the method's annotation promises.

Why: the site proves at build time that every SDK method runs against the mock, and the tests prove
it for sync, async and server mode. "Runs" means more than "no exception": a stream is read to its
last event, a page to its last item, a stream manager entered and drained, binary content read, so
every byte the mock sent went through the SDK's (strict) parsing.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from typing_extensions import TypeAliasType

from openai_api.sdk.arguments import build_args
from openai_api.sdk.routes import RouteTable, build_route_table

__all__ = [
    "WEBSOCKET_METHODS",
    "acall_method",
    "call_method",
    "is_of_kind",
    "public_method_names",
    "resolve_method",
    "return_annotation",
]

# Methods that open a WebSocket session: nothing to call over HTTP; the server serves them (``realtime``).
WEBSOCKET_METHODS = frozenset(
    {
        "beta.realtime.connect",
        "beta.responses.connect",
        "live.connect",
        "live.forks.connect",
        "live.sideband.connect",
        "realtime.connect",
        "realtime.translations.connect",
        "responses.connect",
    }
)

# What a drained stream manager hands out at the end (the final completion, response, run, agent turn).
_FINAL_GETTERS = ("get_final_completion", "get_final_response", "get_final_run", "get_final_result")


def public_method_names(table: RouteTable | None = None) -> list[str]:
    """Every public method of the SDK's resource tree, dotted (``"files.create"``), in a stable order."""
    return [m.name for m in (table or build_route_table()).methods]


def resolve_method(client: Any, dotted: str) -> Any:
    obj = client
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _path_params(name: str, table: RouteTable) -> frozenset[str] | None:
    """The URL arguments of ``name``; None for helpers without a route (``build_args`` guesses ``*_id``)."""
    for method in table.methods:
        if method.name == name and method.routes:
            return frozenset(p for r in method.routes for p in r.params_names)
    return None


def call_method(client: Any, name: str, table: RouteTable | None = None) -> tuple[Any, Any]:
    """Call ``name`` on a sync client; return ``(what it returned, what reading it to the end gave)``."""
    method = resolve_method(client, name)
    result = method(**build_args(name, method, _path_params(name, table or build_route_table())))
    return result, _consume(result)


async def acall_method(client: Any, name: str, table: RouteTable | None = None) -> tuple[Any, Any]:
    """Like ``call_method`` on an async client (coroutines awaited, async streams read)."""
    method = resolve_method(client, name)
    result = method(**build_args(name, method, _path_params(name, table or build_route_table())))
    if inspect.iscoroutine(result):  # an ``async def``; a paginator is awaitable too but is the result itself
        result = await result
    return result, await _aconsume(result)


def _consume(result: Any) -> Any:
    """Read streams, pages, stream managers and binary content to the end; return what was read."""
    if result is None or isinstance(result, BaseModel | str | bytes | int | float | list | dict | tuple):
        return result
    if hasattr(result, "read") and hasattr(result, "response"):  # binary content
        return result.read()
    if hasattr(result, "__enter__"):  # a stream, or a stream manager handing one out
        with result as stream:
            return _drain(stream)
    if hasattr(result, "__iter__"):  # a page, auto-paginating
        return list(result)
    return result


def _drain(stream: Any) -> Any:
    if hasattr(stream, "with_result_collection"):  # agent sessions keep the turn only when asked first
        stream.with_result_collection()
    events = list(stream)
    for getter in _FINAL_GETTERS:
        if hasattr(stream, getter):
            return getattr(stream, getter)()
    return events


async def _aconsume(result: Any) -> Any:
    if result is None or isinstance(result, BaseModel | str | bytes | int | float | list | dict | tuple):
        return result
    if hasattr(result, "aread") and hasattr(result, "response"):
        return await result.aread()
    if hasattr(result, "__aenter__"):
        async with result as stream:
            return await _adrain(stream)
    if hasattr(result, "__aiter__"):
        return [item async for item in result]
    return result


async def _adrain(stream: Any) -> Any:
    if hasattr(stream, "with_result_collection"):
        stream.with_result_collection()
    events = [event async for event in stream]
    for getter in _FINAL_GETTERS:
        if hasattr(stream, getter):
            return await getattr(stream, getter)()
    return events


def return_annotation(method: Any) -> Any:
    """The method's resolved return annotation (``inspect.Signature.empty`` when it has none)."""
    func = inspect.unwrap(getattr(method, "__func__", method))
    return typing.get_type_hints(func, include_extras=True).get("return", inspect.Signature.empty)


def is_of_kind(value: Any, annotation: Any) -> bool:
    """Whether ``value`` is of the kind ``annotation`` promises: its class (or a generic's origin class),
    one member of a union, a Literal's value, None for ``None``. Type variables and ``Any`` accept all.

    A kind, not a deep check: ``SyncCursorPage[FileObject]`` asks for a ``SyncCursorPage``; the items'
    own types were already checked by the SDK's strict validation while the page was read.
    """
    if annotation is inspect.Signature.empty or annotation is Any or isinstance(annotation, typing.TypeVar):
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return is_of_kind(value, typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(is_of_kind(value, member) for member in typing.get_args(annotation))
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if annotation is None or annotation is type(None):
        return value is None
    if isinstance(annotation, TypeAliasType):
        return is_of_kind(value, annotation.__value__)
    if origin is not None:
        cls = Mapping if origin is Mapping else origin
        return isinstance(cls, type) and isinstance(value, cls)
    if isinstance(annotation, type):
        generic = getattr(annotation, "__pydantic_generic_metadata__", None) or {}
        if generic.get("origin") is not None:  # ParsedResponse[Any]: a pydantic generic is its own class
            return isinstance(value, generic["origin"])
        if annotation is float:
            return isinstance(value, int | float)
        return isinstance(value, annotation)
    return False
