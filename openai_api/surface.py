"""Every public method of the SDK, described from the SDK itself, and called once against the mock.

A resource page's "API surface" section lists each method of the resource and its sub-resources: signature,
what it sends on the wire (from the mock's SDK-derived routes), parameter count, required parameters, and the
status and time of a call with minimal valid arguments against the in-process mock. Nothing here is typed by
hand, so an SDK upgrade adds or removes rows by itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import time
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import openai

from openai_api.status import Status, classify

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


CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "openai_api" / "surface"


@cache
def all_methods() -> tuple[MethodInfo, ...]:
    """From a cache keyed by the SDK version and this file: walking the SDK imports every resource module
    (about 2 s), which a build that only renders pages should not pay."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    path = CACHE_DIR / f"methods-openai-{openai.__version__}-{digest}.json"
    try:
        return tuple(MethodInfo(**_tuples(item)) for item in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    found = derive_methods()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps([asdict(info) for info in found]), encoding="utf-8")
        temporary.replace(path)
    return found


def _tuples(item: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in item.items()}


def derive_methods() -> tuple[MethodInfo, ...]:
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


def call_all(resource: str) -> list[SurfaceCall]:
    """Call each method of `resource` once against a fresh in-process mock with strict validation.

    The calls go through `openai_api.mock.sdk_calls`, which the mock's own tests use too: minimal valid
    arguments built from each signature, and results read to the end (pages, streams, binary content)."""
    from openai_api.mock.core import MockAPI
    from openai_api.mock.routes import build_route_table
    from openai_api.mock.sdk_calls import WEBSOCKET_METHODS, call_method
    from openai_api.mock.transport import mock_client

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
