"""Every public method of the SDK, described from the SDK itself.

A resource page's "API surface" section lists each method of the resource and its sub-resources: signature,
what it sends on the wire (from the SDK-derived routes), parameter count and required parameters; the status
and time of a call against the mock come from `openai_api.docsite.execution.surface_calls`. Nothing here is
typed by hand, so an SDK upgrade adds or removes rows by itself.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from openai_api.sdk.version import sdk_version
from openai_api.storage import cache_folder, folder_fingerprint, write_atomic

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
    """From a cache keyed by the SDK version and every file of `openai_api/sdk/` (this module and the route
    derivation it reads): walking the SDK imports every resource module (about 2 s), which a build that only
    renders pages should not pay."""
    digest = folder_fingerprint("sdk")[:16]
    path = cache_folder("surface") / f"methods-openai-{sdk_version()}-{digest}.json"
    try:
        return tuple(MethodInfo(**_tuples(item)) for item in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    found = derive_methods()
    with contextlib.suppress(OSError):  # a read-only location only costs the speed-up
        write_atomic(path, json.dumps([asdict(info) for info in found]))
    return found


def _tuples(item: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in item.items()}


def derive_methods() -> tuple[MethodInfo, ...]:
    from openai_api.sdk.route_derivation import iter_sdk_methods
    from openai_api.sdk.routes import build_route_table

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
