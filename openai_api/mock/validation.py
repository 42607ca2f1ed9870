"""Check a request body against the SDK's params TypedDict: missing Required keys answer 400.

Why the SDK's TypedDicts: they are the API's own statement of what a create needs, so the mock
rejects exactly what the real API would reject for a missing key, and names the param like it does.
"""

from __future__ import annotations

import typing
from typing import Any

from .errors import MockError

__all__ = ["check_required"]


def check_required(params_type: Any, body: dict[str, Any]) -> None:
    """Raise a 400 naming the first Required key (by its wire name) absent from ``body``."""
    if params_type is None or not typing.is_typeddict(params_type):
        return
    for key in sorted(_required_wire_names(params_type)):
        if key not in body:
            raise MockError(400, f"Missing required parameter: '{key}'.", param=key, code="missing_required_parameter")


def _required_wire_names(params_type: Any) -> set[str]:
    try:
        hints = typing.get_type_hints(params_type, include_extras=True)
    except Exception:
        hints = {}
    names: set[str] = set()
    for key in getattr(params_type, "__required_keys__", frozenset()):
        names.add(_alias(hints.get(key)) or key)
    return names


def _alias(annotation: Any) -> str | None:
    """The SDK renames some keys on the wire with ``Annotated[..., PropertyInfo(alias=...)]``."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in annotation.__metadata__:
            alias = getattr(meta, "alias", None)
            if isinstance(alias, str):
                return alias
    return None
