"""Check a request body against the SDK's params TypedDict: missing Required keys answer 400.

Why the SDK's TypedDicts: they are the API's own statement of what a create needs, so the mock
rejects exactly what the real API would reject for a missing key, and names the param like it does.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any, NotRequired, Required

import typing_extensions

from .errors import MockError

__all__ = ["check_required"]


def check_required(params_type: Any, body: dict[str, Any], in_path: Iterable[str] = ()) -> None:
    """Raise a 400 naming the first Required key (by its wire name) absent from ``body``.

    ``in_path``: keys the SDK puts in the URL (the TypedDicts list them as Required too).
    """
    if params_type is None or not typing_extensions.is_typeddict(params_type):
        return
    for key in sorted(_required_wire_names(params_type) - set(in_path)):
        if key not in body:
            raise MockError(400, f"Missing required parameter: '{key}'.", param=key, code="missing_required_parameter")


def _required_wire_names(params_type: Any) -> set[str]:
    try:
        hints = typing.get_type_hints(params_type, include_extras=True)
    except Exception:
        hints = {}
    names: set[str] = set()
    total = getattr(params_type, "__total__", True)
    for key, annotation in hints.items():
        if _is_required(annotation, total):
            names.add(_alias(annotation) or key)
    return names


def _is_required(annotation: Any, total: bool) -> bool:
    """``Required[...]``/``NotRequired[...]`` decide; otherwise the TypedDict's totality does.

    Read from resolved hints because with postponed annotations ``__required_keys__`` misses them.
    """
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin in (Required, typing_extensions.Required):
        return True
    if origin in (NotRequired, typing_extensions.NotRequired):
        return False
    return total


def _alias(annotation: Any) -> str | None:
    """The SDK renames some keys on the wire with ``Annotated[..., PropertyInfo(alias=...)]``."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in annotation.__metadata__:
            alias = getattr(meta, "alias", None)
            if isinstance(alias, str):
                return alias
    return None
