"""Minimal valid arguments for any public SDK method, built from its signature.

Why in the package: the site calls every SDK method at build time (proof that each one runs
against the mock), and the tests do the same; both need the same arguments, so they live here.

How: path ids become ``<name>_demo`` ids, which the mock treats as existing objects; any other
required argument is built from its type annotation (first member of a union, first value of a
Literal, the Required keys of a TypedDict, a small upload for a file). ``data/method_arguments.yaml``
beside this module, holds the few values a type cannot tell (a model name, a chat message, a
pydantic model for ``parse``, a signed webhook); its tagged values are turned into objects here:

- ``{file: NAME}``: an upload, ``(NAME, BytesIO(...))``;
- ``{local_file: TEXT}``: the path of a real file holding TEXT (helpers that read the disk);
- ``{local_dir: {NAME: TEXT, ...}}``: the path of a real directory holding those files;
- ``{python: "module:attr"}``: an object imported from Python (a pydantic model class);
- per method, ``signed_webhook: {type, data, secret}``: ``payload``/``headers``/``secret`` of a webhook
  signed with ``secret`` (``webhooks.signed_event``).
"""

from __future__ import annotations

import atexit
import dataclasses
import enum
import functools
import importlib
import inspect
import io
import shutil
import tempfile
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typing_extensions
from pydantic import BaseModel

from openai_api.sdk.synthesis import Synthesizer
from openai_api.sdk.webhook_signing import signed_event
from openai_api.storage import load_yaml

__all__ = ["ARGS_FILE", "ReplyModel", "build_args", "overrides", "value_for"]

ARGS_FILE = Path(__file__).parent / "data" / "method_arguments.yaml"
_SKIP_PARAMS = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}
_FILE_BODY = b"mock file body\n"


class ReplyModel(BaseModel):
    """A small structured-output schema (``parse`` needs a pydantic model; the yaml names this one)."""

    answer: str


@functools.cache
def overrides() -> dict[str, Any]:
    """``data/method_arguments.yaml``: ``params`` (by argument name) and ``methods`` (by dotted method name)."""
    return load_yaml(ARGS_FILE.read_text(encoding="utf-8")) or {}


def build_args(method_name: str, func: Any, path_params: frozenset[str] | None = None) -> dict[str, Any]:
    """Keyword arguments for ``func`` (an SDK method, bound or not) with every required one filled.

    ``method_name``: dotted, e.g. ``"files.create"`` (the key in the yaml).
    ``path_params``: argument names that end up in the URL; they get demo ids. ``None``: every
    ``str`` argument named ``*_id`` (helpers such as ``runs.poll`` have no route of their own to ask).
    """
    func = inspect.unwrap(getattr(func, "__func__", func))
    per_method = dict((overrides().get("methods") or {}).get(method_name, {}))
    fill = set(per_method.pop("fill", []))
    webhook = per_method.pop("signed_webhook", None)
    if webhook is not None:
        payload, headers = signed_event(str(webhook["type"]), dict(webhook.get("data") or {}), str(webhook["secret"]))
        per_method.update(payload=payload, headers=headers, secret=webhook["secret"])
    out: dict[str, Any] = {}
    typed: dict[str, bool] = {}  # the arguments built from their type, by name: whether the URL holds them
    for name, param in inspect.signature(func).parameters.items():
        if name in _SKIP_PARAMS or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if name in per_method:
            out[name] = _materialise(per_method[name])
        elif param.default is inspect.Parameter.empty or name in fill:
            typed[name] = name in path_params if path_params is not None else name.endswith("_id")
    hints = _hints(func, typed)
    for name, in_path in typed.items():
        out[name] = value_for(name, hints.get(name, str), positional=in_path)
    return out


def _hints(func: Any, names: Mapping[str, object]) -> dict[str, Any]:
    """The evaluated annotations of these parameters of ``func`` only.

    Why not ``typing.get_type_hints(func)``: the SDK's annotations are strings, and a method such as
    ``responses.create`` has some forty optional parameters with large unions; evaluating all of them was a sixth
    of the CPU of calling every SDK method once, for the two or three required ones this module fills.
    """
    annotations = getattr(func, "__annotations__", {})
    wanted = types.SimpleNamespace(__annotations__={name: annotations[name] for name in names if name in annotations})
    return typing.get_type_hints(wanted, globalns=getattr(func, "__globals__", None), include_extras=True)


def value_for(name: str, tp: Any, positional: bool = False, depth: int = 0) -> Any:
    """A minimal valid value of type ``tp`` for an argument (or TypedDict key) called ``name``."""
    params = overrides().get("params") or {}
    if name in params:
        return _materialise(params[name])
    while typing.get_origin(tp) is typing.Annotated or isinstance(tp, typing_extensions.TypeAliasType):
        tp = tp.__value__ if isinstance(tp, typing_extensions.TypeAliasType) else typing.get_args(tp)[0]
    if positional and (tp is str or name.endswith("_id") or name in {"version", "model"}):
        return f"{name.removesuffix('_id')}_demo"
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(tp)
        if any(typing.get_origin(m) is tuple for m in members):  # FileTypes: (name, content, ...) among others
            return ("mock.bin", io.BytesIO(_FILE_BODY))
        if bytes in members:
            return _FILE_BODY
        usable = [m for m in members if m is not type(None) and "Omit" not in str(m)]
        return value_for(name, usable[0], depth=depth + 1) if usable else None
    if origin is typing.Literal:
        return typing.get_args(tp)[0]
    if origin in (list, typing.get_origin(typing.Iterable[int]), typing.get_origin(typing.Sequence[int])):
        (item,) = typing.get_args(tp) or (str,)
        return [value_for(name, item, depth=depth + 1)]
    if origin in (dict, typing.get_origin(Mapping[str, int])):
        return {}
    if typing_extensions.is_typeddict(tp):  # the SDK's TypedDicts are typing_extensions ones
        item_hints = typing.get_type_hints(tp, include_extras=True)
        return {k: value_for(k, item_hints[k], depth=depth + 1) for k in sorted(tp.__required_keys__)}
    if inspect.isclass(tp) and issubclass(tp, BaseModel):  # an API object the caller got earlier
        return tp.model_validate(Synthesizer(f"args-{name}").build(tp))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):  # an SDK helper's result (AgentTurnResult)
        hints = typing.get_type_hints(tp)
        required = [f for f in dataclasses.fields(tp) if f.default is f.default_factory is dataclasses.MISSING]
        return tp(**{f.name: value_for(f.name, hints[f.name], depth=depth + 1) for f in required})
    return _scalar(tp)


def _scalar(tp: Any) -> Any:
    if tp is bool:
        return False
    if tp is int:
        return 1
    if tp is float:
        return 1.0
    if inspect.isclass(tp) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    return "mock"


def _materialise(value: Any) -> Any:
    """Turn the yaml's tagged values (see the module docstring) into the objects they stand for."""
    if isinstance(value, dict) and len(value) == 1:
        ((tag, arg),) = value.items()
        if tag == "file":
            return (str(arg), io.BytesIO(_FILE_BODY))
        if tag == "local_file":
            return str(_scratch_file(str(arg)))
        if tag == "local_dir":
            return str(_scratch_dir({str(k): str(v) for k, v in dict(arg).items()}))
        if tag == "python":
            module, _, attr = str(arg).partition(":")
            return getattr(importlib.import_module(module), attr)
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialise(v) for v in value]
    return value


@functools.cache
def _scratch_root() -> Path:
    """One temporary directory per process for the helpers that read local files; removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="openai-mock-args-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def _scratch_file(text: str) -> Path:
    path = _scratch_root() / f"file-{len(list(_scratch_root().iterdir()))}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _scratch_dir(files: dict[str, str]) -> Path:
    directory = _scratch_root() / f"dir-{len(list(_scratch_root().iterdir()))}"
    for name, text in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
    return directory
