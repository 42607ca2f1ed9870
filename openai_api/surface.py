"""Every public method of the SDK, described from the SDK itself, and called once against the mock.

A resource page's "API surface" section lists each method of the resource and its sub-resources: signature,
what it sends on the wire (from the mock's SDK-derived routes), parameter count, required parameters, and the
status and time of a call with minimal valid arguments against the in-process mock. Nothing here is typed by
hand, so an SDK upgrade adds or removes rows by itself.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from openai_api.status import Status, classify, one_line

_REQUEST_OPTIONS = {"extra_headers", "extra_query", "extra_body", "timeout"}


@dataclass(frozen=True)
class MethodInfo:
    name: str  # dotted from the client: "vector_stores.files.list"
    signature: str  # compact: "(vector_store_id, *, after, before, filter, limit, order, …options)"
    param_count: int
    required: tuple[str, ...]
    http: tuple[str, ...]  # ("GET /vector_stores/{vector_store_id}/files",); empty for SDK-side helpers
    helper_of: tuple[str, ...]  # what a helper calls instead, e.g. ("files.create", "files.wait_for_processing")


def _compact_signature(method: Any) -> tuple[str, int, tuple[str, ...]]:
    parameters = list(inspect.signature(method).parameters.values())
    required = tuple(
        p.name
        for p in parameters
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )
    parts: list[str] = []
    star = False
    for p in parameters:
        if p.name in _REQUEST_OPTIONS:
            continue
        if p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        parts.append(p.name if p.name in required else f"{p.name}=…")
    options = [p.name for p in parameters if p.name in _REQUEST_OPTIONS]
    if options:
        parts.append("…options" if star or not parts else "*, …options")
    return f"({', '.join(parts)})", len(parameters), required


@cache
def all_methods() -> tuple[MethodInfo, ...]:
    from openai_api.mock.routes import build_route_table
    from openai_api.mock.sdk_routes import iter_sdk_methods

    table = {method.name: method for method in build_route_table().methods}
    found = []
    for name, bound, _ in iter_sdk_methods():
        signature, count, required = _compact_signature(bound)
        known = table.get(name)
        http = tuple(f"{route.verb} {route.template}" for route in known.routes) if known else ()
        found.append(MethodInfo(name, signature, count, required, http, known.helper_of if known else ()))
    return tuple(found)


def methods_of(resource: str) -> list[MethodInfo]:
    return [m for m in all_methods() if m.name.split(".")[0] == resource]


@dataclass(frozen=True)
class SurfaceCall:
    method: str
    status: Status | None  # None: not callable in-process (a WebSocket session); `detail` says where it is shown
    elapsed_ms: float
    detail: str = ""


def _resolve(client: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        client = getattr(client, part)
    return client


def _consume(result: Any) -> None:
    """Pages, streams and stream managers are read to the end, so every item is parsed."""
    if hasattr(result, "__enter__") and hasattr(result, "__exit__") and not hasattr(result, "parse"):
        with result as entered:
            _consume(entered)
        return
    if hasattr(result, "__iter__") and hasattr(result, "response") and not isinstance(result, dict | list | str):
        for _ in result:
            pass


def call_all(resource: str) -> Iterator[SurfaceCall]:
    """Call each method of `resource` once against a fresh in-process mock with strict validation."""
    from openai_api.mock.args import arguments_for
    from openai_api.mock.core import MockAPI
    from openai_api.mock.transport import mock_client

    client = mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)
    for info in methods_of(resource):
        if info.name.endswith("connect"):
            yield SurfaceCall(
                info.name, None, 0.0, "a WebSocket session: it needs the mock server, not an in-process call"
            )
            continue
        method = _resolve(client, info.name)
        started = time.perf_counter()
        try:
            _consume(method(**arguments_for(info.name, method)))
        except Exception as error:
            found = classify(error)
            yield SurfaceCall(info.name, found.status, round((time.perf_counter() - started) * 1000, 1), found.detail)
            continue
        yield SurfaceCall(info.name, Status.OK, round((time.perf_counter() - started) * 1000, 1))


def describe(call: SurfaceCall) -> str:
    return one_line(call.detail, 160)
