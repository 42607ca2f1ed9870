"""Derive the route table from the installed ``openai`` SDK instead of typing it by hand.

Why: the SDK is generated from the real API spec, so its resource methods already know every
verb, path and response type. Reading them (``inspect.getsource`` + ``ast``) means an SDK upgrade
changes the mock's routes by itself, and a method the mock does not know about cannot exist.

The result is plain JSON-able records (types as ``TypeRef`` text, see ``typeref``), because
this walk imports the whole SDK and takes seconds: ``routes`` caches the records on disk and builds
the table from them, the same way whether they were just derived or read back.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import textwrap
import types
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from openai import OpenAI
from openai._resource import AsyncAPIResource, SyncAPIResource

from openai_api.sdk.typeref import STEPS, TypeRef, evaluate

__all__ = ["derive_records", "iter_sdk_methods"]

_HTTP_CALLS = {
    "_get": "GET",
    "_post": "POST",
    "_put": "PUT",
    "_patch": "PATCH",
    "_delete": "DELETE",
    "_get_api_list": "GET",
}
_SKIPPED_ATTRS = {"with_raw_response", "with_streaming_response"}
_TYPE_FIELDS = ("cast_to", "page", "item", "stream_item", "params")


@dataclass(frozen=True)
class _Typed:
    """A type found in the SDK: the ref that is cached and the value that decides merges now."""

    ref: TypeRef | None = None
    value: Any = None


_NONE = _Typed()


@dataclass(frozen=True)
class _Draft:
    """One route while deriving: like ``routes.Route``, with types as ``_Typed``."""

    verb: str
    template: str
    query: tuple[tuple[str, str], ...]
    cast_to: _Typed
    page: _Typed
    item: _Typed
    stream_item: _Typed
    params: _Typed
    params_in: str
    multipart: bool
    sdk_methods: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return (self.verb, self.template, self.query)

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Sort key: literal query first, then more literal segments, then longer templates."""
        segments = self.template.strip("/").split("/")
        literal = sum(1 for s in segments if not s.startswith("{"))
        return (len(self.query), literal, len(segments))

    def record(self) -> dict[str, Any]:
        typed = {name: _ref_json(getattr(self, name).ref) for name in _TYPE_FIELDS}
        return {
            "verb": self.verb,
            "template": self.template,
            "query": [list(pair) for pair in self.query],
            **typed,
            "params_in": self.params_in,
            "multipart": self.multipart,
            "sdk_methods": list(self.sdk_methods),
        }


def _ref_json(ref: TypeRef | None) -> list[str] | None:
    return ref.to_json() if ref is not None else None


def iter_sdk_methods(client: Any = None) -> Iterator[tuple[str, Any, Any]]:
    """Walk the client's resource tree; yield (dotted name, bound method, resource) per public method."""
    client = client if client is not None else OpenAI(api_key="sk-route-table", base_url="http://mock.local/v1")

    def walk(obj: Any, prefix: str) -> Iterator[tuple[str, Any, Any]]:
        cls = type(obj)
        is_client = not prefix
        for name in sorted(dir(cls)):
            if name.startswith("_") or name in _SKIPPED_ATTRS:
                continue
            attr = inspect.getattr_static(cls, name)
            if isinstance(attr, functools.cached_property):
                sub = getattr(obj, name)
                if isinstance(sub, SyncAPIResource | AsyncAPIResource):
                    yield from walk(sub, f"{prefix}{name}.")
            elif inspect.isfunction(attr) and not is_client:  # client.get/post/close are not resources
                yield f"{prefix}{name}", getattr(obj, name), obj

    yield from walk(client, "")


def derive_records() -> dict[str, Any]:
    """Every route and SDK method of the sync client's resource tree (the async tree mirrors it).

    Returns ``{"routes": [route record, ...], "methods": [{"name", "routes": [index], "helper_of"}]}``,
    routes most specific first (the order ``RouteTable.match`` tries them in).
    """
    by_key: dict[tuple[str, str, tuple[tuple[str, str], ...]], _Draft] = {}
    methods: list[tuple[str, list[tuple[str, str, tuple[tuple[str, str], ...]]], tuple[str, ...]]] = []
    for name, bound, _resource in iter_sdk_methods():
        drafts, siblings = _routes_of(name, inspect.unwrap(bound.__func__))
        keys = []
        for draft in drafts:
            old = by_key.get(draft.key)
            # two SDK methods may share an endpoint (files.content and files.retrieve_content)
            by_key[draft.key] = draft if old is None else _merge(old, draft)
            keys.append(draft.key)
        methods.append((name, keys, () if drafts else tuple(dict.fromkeys(siblings))))
    ordered = sorted(by_key.values(), key=lambda d: d.specificity, reverse=True)
    index = {draft.key: i for i, draft in enumerate(ordered)}
    return {
        "routes": [draft.record() for draft in ordered],
        "methods": [
            {"name": name, "routes": [index[k] for k in keys], "helper_of": list(helpers)}
            for name, keys, helpers in methods
        ],
    }


class _Unresolved(Exception):
    pass


def _eval(node: ast.expr, module: str) -> _Typed:
    """Evaluate an SDK expression (names, attributes, subscripts, cast(...)) in the method's module."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "cast":
        return _eval(node.args[1], module)
    if isinstance(node, ast.IfExp):  # `XParamsStreaming if stream else XParamsNonStreaming`
        return _eval(node.orelse, module)
    expr = ast.unparse(node)
    try:
        value = evaluate(module, expr)
    except Exception as exc:
        raise _Unresolved(expr) from exc
    return _typed(TypeRef(module, expr), value)


def _typed(ref: TypeRef, value: Any) -> _Typed:
    """No type is no ref: a ref always resolves to something."""
    return _Typed(_homed(ref, value), value) if value is not None else _NONE


def _homed(ref: TypeRef, value: Any) -> TypeRef:
    """``ref`` moved out of the resource module it was read in, to a module of the SDK's types that resolves it to
    the very same object (``value``); ``ref`` itself when there is none.

    Why: resolving a ref imports its module, and a resource module imports more than its types: ``responses``
    loads the SDK's streaming helpers and their event classes, a tenth of a second spent on the first request to
    ``/responses`` by a server that already has every type that request needs (``import openai`` loads
    ``openai.types``).
    """
    if not ref.module.startswith(_RESOURCES):
        return ref
    for candidate in _homes(ref, value):
        if candidate.module.startswith(_RESOURCES):
            continue
        try:
            if STEPS[candidate.step](evaluate(candidate.module, candidate.expr)) is value:
                return candidate
        except Exception:  # a candidate that does not resolve there is no home
            continue
    return ref


_RESOURCES = "openai.resources."


def _homes(ref: TypeRef, value: Any) -> Iterator[TypeRef]:
    """Where ``value`` could be named: its own module and name, else ``ref``'s expression in the module of each
    name it uses (``Stream[ResponseStreamEvent]`` in ``openai.types.responses.response_stream_event``)."""
    if value is types.NoneType:  # a reply without a body: builtins binds no name for its type
        yield TypeRef("types", "NoneType")
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if isinstance(module, str) and isinstance(name, str) and "<" not in name:
        yield TypeRef(module, name)
    for node in ast.walk(ast.parse(ref.expr, mode="eval")):
        if isinstance(node, ast.Name):
            try:
                found = evaluate(ref.module, node.id)
            except Exception:  # a name bound only inside the expression
                continue
            for home in _modules_defining(node.id, found):
                yield replace(ref, module=home)


def _modules_defining(name: str, found: Any) -> list[str]:
    """The SDK type modules that bind ``name`` to ``found``: its ``__module__``, else (a type alias, which has
    none) every loaded ``openai.types`` module that does, the most specific first."""
    module = getattr(found, "__module__", None)
    if isinstance(module, str) and inspect.isclass(found):
        return [module]
    loaded = [m for m in list(sys.modules.items()) if m[0].startswith("openai.types")]
    return sorted(
        (module_name for module_name, mod in loaded if getattr(mod, name, None) is found),
        key=lambda module_name: (-module_name.count("."), module_name),
    )


def _derived(base: _Typed, step: str) -> _Typed:
    """``base`` followed by one of ``typeref.STEPS``."""
    if base.ref is None:
        return _NONE
    return _typed(replace(base.ref, step=step), STEPS[step](base.value))


def _template(node: ast.expr) -> str:
    """The path template of the first argument: a literal, an f-string or path_template(...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(v.value) if isinstance(v, ast.Constant) else "{" + _fstring_name(v) + "}" for v in node.values
        )
    if isinstance(node, ast.Call) and node.args:
        return _template(node.args[0])
    raise _Unresolved(ast.unparse(node))


def _fstring_name(v: ast.expr) -> str:
    assert isinstance(v, ast.FormattedValue)
    return ast.unparse(v.value).split(".")[-1]


def _routes_of(name: str, func: Any) -> tuple[list[_Draft], list[str]]:
    """Parse one method: its HTTP calls, or (for helpers) the sibling methods it calls."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    module = func.__module__
    drafts: list[_Draft] = []
    siblings: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        if not (isinstance(target, ast.Name) and target.id == "self"):
            continue
        attr = node.func.attr
        if attr not in _HTTP_CALLS:
            if not attr.startswith("_"):
                siblings.append(attr)
            continue
        kwargs = {kw.arg: kw.value for kw in node.keywords if kw.arg}
        verb = _HTTP_CALLS[attr]
        if attr == "_get_api_list" and "method" in kwargs:
            verb = str(ast.literal_eval(kwargs["method"])).upper()
        path, _, qs = _template(node.args[0]).partition("?")
        query = tuple((k, v) for k, _, v in (p.partition("=") for p in qs.split("&") if "=" in p))

        def resolve(key: str, kwargs: dict[str, ast.expr] = kwargs) -> _Typed:
            return _eval(kwargs[key], module) if key in kwargs else _NONE

        try:
            cast_to = resolve("cast_to")
        except _Unresolved:
            cast_to = _derived(_eval(ast.parse(func.__qualname__, mode="eval").body, module), "return_type")
        page = _try(resolve, "page")
        model = resolve("model")
        item = model if model.value else _derived(page, "first_arg")
        params, params_in = _params_type(kwargs, module)
        drafts.append(
            _Draft(
                verb=verb,
                template=path,
                query=query,
                cast_to=cast_to,
                page=page,
                item=item,
                stream_item=_derived(_try(resolve, "stream_cls"), "stream_item"),
                params=params,
                params_in=params_in,
                multipart="files" in kwargs,
                sdk_methods=(name,),
            )
        )
    return drafts, siblings


def _try(resolve: Any, key: str) -> _Typed:
    try:
        return resolve(key)
    except _Unresolved:
        return _NONE


def _params_type(kwargs: dict[str, ast.expr], module: str) -> tuple[_Typed, str]:
    """The TypedDict passed to maybe_transform(body, XParams) as body= or query=.

    List methods pass their query inside ``options=make_request_options(query=...)``.
    """
    options = kwargs.get("options")
    nested = {kw.arg: kw.value for kw in options.keywords if kw.arg} if isinstance(options, ast.Call) else {}
    for key in ("body", "query"):
        node = kwargs.get(key) or nested.get(key)
        if node is None:
            continue
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Name)
                and sub.func.id in {"maybe_transform", "async_maybe_transform"}
                and len(sub.args) == 2
            ):
                try:
                    return _eval(sub.args[1], module), key
                except _Unresolved:
                    return _NONE, key
    return _NONE, "body"


def _merge(old: _Draft, new: _Draft) -> _Draft:
    """Keep the first description of a shared endpoint but remember every SDK method using it."""
    return replace(
        old,
        cast_to=old.cast_to if old.cast_to.value is not None else new.cast_to,
        page=old.page if old.page.value else new.page,
        item=old.item if old.item.value else new.item,
        stream_item=old.stream_item if old.stream_item.value else new.stream_item,
        params=old.params if old.params.value else new.params,
        params_in=old.params_in if old.params.value else new.params_in,
        multipart=old.multipart or new.multipart,
        sdk_methods=(*old.sdk_methods, *new.sdk_methods),
    )
