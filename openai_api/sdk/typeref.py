"""``TypeRef``: where an SDK type comes from, as text, so the route table can be cached as JSON.

Why not keep the type objects: getting them means importing every SDK resource and type module,
which is most of the mock's start-up time. A route only needs its types when a request matches it,
so a route keeps a ``TypeRef`` (an expression in an SDK module, plus an optional derivation step)
and resolves it once, on first use. The derivation of the table (``sdk_routes``) evaluates the
very same refs, so a cached table and a freshly derived one resolve to the same types.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import types
import typing
from dataclasses import dataclass
from typing import Any

__all__ = ["STEPS", "TypeRef", "resolve"]


@dataclass(frozen=True)
class TypeRef:
    """``expr`` evaluated in module ``module``'s namespace, then ``step`` applied (see ``STEPS``)."""

    module: str
    expr: str
    step: str = ""

    def to_json(self) -> list[str]:
        return [self.module, self.expr, self.step]

    @classmethod
    def from_json(cls, data: list[str]) -> TypeRef:
        module, expr, step = data
        return cls(str(module), str(expr), str(step))


def evaluate(module: str, expr: str) -> Any:
    """Evaluate an SDK expression the way the SDK method's own module would see it.

    The page classes join the namespace only for an expression that names one (``SyncCursorPage[Message]`` homed
    in ``Message``'s module): importing ``openai.pagination`` costs a first ``/chat/completions`` 15 ms otherwise.
    """
    namespace = {**_fallback_namespace(), **vars(importlib.import_module(module))}
    try:
        return eval(expr, namespace)
    except NameError:
        return eval(expr, {**_page_namespace(), **namespace})


@functools.cache
def resolve(ref: TypeRef | None) -> Any:
    """The type ``ref`` stands for (None for no ref); imports its SDK module on first use."""
    if ref is None:
        return None
    return STEPS[ref.step](evaluate(ref.module, ref.expr))


@functools.cache
def _fallback_namespace() -> dict[str, Any]:
    """Names some SDK modules import only under TYPE_CHECKING or inside functions (Stream, ...)."""
    import openai._streaming as streaming
    import openai.types as sdk_types

    return {**vars(sdk_types), **vars(streaming)}


@functools.cache
def _page_namespace() -> dict[str, Any]:
    """The SDK's page classes, for a ref homed in its item's types module."""
    import openai.pagination as pagination

    return dict(vars(pagination))


def _first_arg(tp: Any) -> Any:
    """A page's item type: ``SyncCursorPage[FileObject]`` -> ``FileObject``."""
    return typing.get_args(tp)[0]


def _stream_item(stream_cls: Any) -> Any:
    """Item type of ``Stream[X]``, or of a custom stream class (a subclass of ``Stream[X]``)."""
    if stream_cls is None:
        return None
    args = typing.get_args(stream_cls)
    if args:
        return args[0]
    for base in getattr(stream_cls, "__orig_bases__", ()):
        args = typing.get_args(base)
        if args:
            return args[0]
    return None


def _return_type(func: Any) -> Any:
    """Fallback when cast_to is computed at run time: the method's return annotation minus streams."""
    try:
        ret = typing.get_type_hints(inspect.unwrap(func)).get("return")
    except Exception:
        return None
    members = typing.get_args(ret) if typing.get_origin(ret) in (typing.Union, types.UnionType) else ()
    if not members:
        return ret
    kept: tuple[Any, ...] = tuple(m for m in members if not _is_stream(m))
    if len(kept) == 1:
        return kept[0]
    return typing.Union[kept]  # noqa: UP007 - built from runtime args


def _is_stream(tp: Any) -> bool:
    from openai._streaming import AsyncStream, Stream

    origin = typing.get_origin(tp) or tp
    return inspect.isclass(origin) and issubclass(origin, Stream | AsyncStream)


STEPS: dict[str, typing.Callable[[Any], Any]] = {
    "": lambda value: value,
    "first_arg": _first_arg,
    "stream_item": _stream_item,
    "return_type": _return_type,  # expr names the SDK method itself ("Files.create")
}
