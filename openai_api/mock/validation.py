"""Check a request against the SDK's params TypedDict, like the real API: a missing Required key,
a top-level param of the wrong JSON type (``invalid_type``) or a value outside its Literal
(``invalid_value``) answers 400 ``invalid_request_error`` naming the param.

Why the SDK's TypedDicts: they are the API's own statement of what a request takes, so the mock
rejects what the real API would reject, and names the param like it does. Only top-level params are
checked, and only their JSON kind (a list is a list, whatever its items): deeper shapes vary too much
between API versions for the mock to be stricter than the API. Query strings and multipart fields
arrive as text, so there a number must parse as one and a boolean be ``true``/``false``.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, Required

import typing_extensions

from openai_api.mock.errors import MockError

__all__ = ["check_required", "check_types"]


def check_required(params_type: Any, body: dict[str, Any], in_path: Iterable[str] = ()) -> None:
    """Raise a 400 naming the first Required key (by its wire name) absent from ``body``.

    ``in_path``: keys the SDK puts in the URL (the TypedDicts list them as Required too).
    """
    if params_type is None or not typing_extensions.is_typeddict(params_type):
        return
    for key in sorted(_required_wire_names(params_type) - set(in_path)):
        if key not in body:
            raise MockError(400, f"Missing required parameter: '{key}'.", param=key, code="missing_required_parameter")


@functools.cache
def _required_wire_names(params_type: Any) -> frozenset[str]:
    """Cached per params type: resolving a TypedDict's hints cost a fifth of an in-process call."""
    total = getattr(params_type, "__total__", True)
    hints = _wire_annotations(params_type)
    return frozenset(key for key, annotation in hints.items() if _is_required(annotation, total))


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


def check_types(params_type: Any, fields: Mapping[str, Any], in_path: Iterable[str] = (), text: bool = False) -> None:
    """Raise a 400 for the first top-level field (by wire name) whose value its annotation rejects.

    ``text``: the values came as strings (query, multipart form), so they are read as such.
    Unknown fields pass: the SDK's ``extra_body`` may send params newer than its own types.
    """
    if params_type is None or not typing_extensions.is_typeddict(params_type):
        return
    skip = set(in_path)
    for key, annotation in sorted(_wire_annotations(params_type).items()):
        if key in skip or key not in fields:
            continue
        verdict = _verdict(fields[key], annotation, text)
        if verdict is None:
            continue
        code, expected = verdict
        value = fields[key]
        if code == "invalid_value":
            message = f"Invalid value: {_show(value)}. Supported values are: {expected}."
        else:
            message = f"Invalid type for '{key}': expected {expected}, but got {_kind(value, text)} instead."
        raise MockError(400, message, param=key, code=code)


@functools.cache
def _wire_annotations(params_type: Any) -> dict[str, Any]:
    try:
        hints = typing.get_type_hints(params_type, include_extras=True)
    except Exception:
        return {}
    return {(_alias(annotation) or key): annotation for key, annotation in hints.items()}


_Verdict = tuple[str, str] | None  # (error code, what was expected), or None when the value is fine


def _verdict(value: Any, annotation: Any, text: bool) -> _Verdict:
    tp = _bare(annotation)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(tp) if not _is_sentinel(m)]
        verdicts = [_verdict(value, m, text) for m in members]
        if any(v is None for v in verdicts):
            return None
        values = [v for v in verdicts if v is not None and v[0] == "invalid_value"]
        if values:  # the value has a member's kind but not one of its values
            return values[0]
        return "invalid_type", " or ".join(dict.fromkeys(v[1] for v in verdicts if v is not None))
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if all(isinstance(a, bool) for a in allowed):  # `stream: Literal[False]`: the params type of one overload
            return _kind_verdict(value, bool, None, text)
        if any(value == a or (text and str(value) == _text(a)) for a in allowed):
            return None
        kinds = {_kind(a, False) for a in allowed}
        shown = ", ".join(_show(a) for a in allowed[:12]) + (", ..." if len(allowed) > 12 else "")
        if _kind(value, text) in kinds or (text and "string" in kinds):
            return "invalid_value", shown
        return "invalid_type", " or ".join(sorted(kinds))
    return _kind_verdict(value, tp, origin, text)


def _kind_verdict(value: Any, tp: Any, origin: Any, text: bool) -> _Verdict:
    wanted = _json_kind(tp, origin)
    if wanted is None or _kind(value, text) == wanted:
        return None
    if text and isinstance(value, str) and _parses_as(value, wanted):
        return None
    if wanted == "number" and _kind(value, text) == "integer":
        return None
    return "invalid_type", wanted


def _json_kind(tp: Any, origin: Any) -> str | None:
    """The JSON kind a Python annotation stands for; None when the mock does not judge it."""
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    if tp is float:
        return "number"
    if tp is str:
        return "string"
    if tp is type(None):
        return "null"
    if typing_extensions.is_typeddict(tp) or tp is dict or origin in (dict, Mapping):
        return "object"
    if tp is list or (origin is not None and _is_sequence(origin)):
        return "array"
    return None


def _is_sequence(origin: Any) -> bool:
    import collections.abc as abc

    return isinstance(origin, type) and issubclass(origin, abc.Iterable) and not issubclass(origin, str | bytes)


def _bare(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (
            typing.Annotated,
            Required,
            NotRequired,
            typing_extensions.Required,
            typing_extensions.NotRequired,
        ):
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, typing_extensions.TypeAliasType):
            annotation = annotation.__value__
        else:
            return annotation


def _is_sentinel(tp: Any) -> bool:
    """The SDK's ``Omit``/``NotGiven`` markers are not values a request can carry."""
    return getattr(tp, "__name__", "") in {"Omit", "NotGiven"}


def _kind(value: Any, text: bool) -> str:
    if text and isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _parses_as(value: str, wanted: str) -> bool:
    """Whether a query/form string reads as ``wanted`` (how the real API reads such values)."""
    if wanted == "boolean":
        return value in {"true", "false"}
    if wanted == "integer":
        return value.lstrip("-").isdigit()
    if wanted == "number":
        try:
            float(value)
        except ValueError:
            return False
        return True
    return wanted in {"array", "object"}  # form and query encodings flatten these; not judged


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)
