"""Build minimal valid arguments for any SDK method from its signature (shared by the mock tests).

Path ids become ``<name>_demo`` ids, which the mock treats as existing objects; other required
arguments are built from their type annotations, with ``openai_api/mock/sdk_test_args.yaml`` for the few values a type
cannot tell (a model name, a chat message list).
"""

from __future__ import annotations

import enum
import inspect
import io
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from openai._types import FileTypes

_OVERRIDES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent.parent / "openai_api" / "mock" / "sdk_test_args.yaml").read_text(encoding="utf-8")
)
_SKIP_PARAMS = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}


def build_args(method_name: str, func: Any, path_params: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Keyword arguments for ``func`` (an unbound SDK method) with every required one filled.

    ``path_params``: the names that end up in the URL (from the route table); they get demo ids.
    """
    func = inspect.unwrap(func)
    hints = typing.get_type_hints(func, include_extras=True)
    per_method = dict((_OVERRIDES.get("methods") or {}).get(method_name, {}))
    fill = set(per_method.pop("fill", []))
    out: dict[str, Any] = {}
    for name, param in inspect.signature(func).parameters.items():
        if name in _SKIP_PARAMS or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if name in per_method:
            out[name] = _materialise(per_method[name])
        elif param.default is inspect.Parameter.empty or name in fill:
            out[name] = value_for(name, hints.get(name, str), positional=name in path_params)
    return out


def _materialise(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"file"}:
        return (value["file"], io.BytesIO(b"mock file body\n"))
    return value


def value_for(name: str, tp: Any, positional: bool = False, depth: int = 0) -> Any:
    if name in (_OVERRIDES.get("params") or {}):
        return _materialise(_OVERRIDES["params"][name])
    if positional and (tp is str or name.endswith("_id") or name in {"version", "model"}):
        return f"{name.removesuffix('_id')}_demo"
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    origin = typing.get_origin(tp)
    if tp is FileTypes or (origin in (typing.Union, types.UnionType) and bytes in typing.get_args(tp)):
        return ("mock.bin", io.BytesIO(b"mock file body\n"))
    if origin in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(tp) if m is not type(None) and "Omit" not in str(m)]
        return value_for(name, members[0], depth=depth + 1) if members else None
    if origin is typing.Literal:
        return typing.get_args(tp)[0]
    if origin in (list, typing.get_origin(typing.Iterable[int]), typing.get_origin(typing.Sequence[int])):
        (item,) = typing.get_args(tp) or (str,)
        return [value_for(name, item, depth=depth + 1)]
    if origin is dict:
        return {}
    if typing.is_typeddict(tp):
        item_hints = typing.get_type_hints(tp, include_extras=True)
        return {k: value_for(k, item_hints[k], depth=depth + 1) for k in sorted(tp.__required_keys__)}
    if tp is str:
        return "mock"
    if tp is bool:
        return False
    if tp is int:
        return 1
    if tp is float:
        return 1.0
    if inspect.isclass(tp) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    return "mock"
