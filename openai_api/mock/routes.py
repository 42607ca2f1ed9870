"""The route table, derived from the installed ``openai`` SDK instead of being typed by hand.

Why: the SDK is generated from the real API spec, so its resource methods already know every
verb, path and response type. Reading them (``inspect.getsource`` + ``ast``) means an SDK upgrade
changes the mock's routes by itself, and a method the mock does not know about cannot exist.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import textwrap
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openai import OpenAI
from openai._resource import SyncAPIResource

__all__ = ["Route", "RouteMatch", "RouteTable", "SdkMethod", "build_route_table", "iter_sdk_methods"]

_HTTP_CALLS = {
    "_get": "GET",
    "_post": "POST",
    "_put": "PUT",
    "_patch": "PATCH",
    "_delete": "DELETE",
    "_get_api_list": "GET",
}
_SKIPPED_ATTRS = {"with_raw_response", "with_streaming_response"}


@dataclass(frozen=True)
class Route:
    """One HTTP endpoint, as one SDK call site describes it."""

    verb: str
    template: str  # path template without query, e.g. "/files/{file_id}"
    query: tuple[tuple[str, str], ...]  # literal query the SDK always sends, e.g. (("beta", "true"),)
    cast_to: Any  # pydantic model / union / str / NoneType / binary marker; None when a page
    page: Any  # e.g. SyncCursorPage[FileObject] (generic alias) or None
    item: Any  # the page's item model
    stream_item: Any  # item type of stream_cls (Stream[X]) when the endpoint can stream
    params: Any  # the params TypedDict sent as body (or query for GETs), when known
    params_in: str  # "body" or "query": where ``params`` applies
    multipart: bool
    sdk_methods: tuple[str, ...] = ()

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """Compile the template into a regex whose groups are the path parameters."""
        out = "".join(
            f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", self.template)
            if part
        )
        return re.compile(f"^{out}$")

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Sort key: literal query first, then more literal segments, then longer templates."""
        segments = self.template.strip("/").split("/")
        literal = sum(1 for s in segments if not s.startswith("{"))
        return (len(self.query), literal, len(segments))

    @property
    def collection(self) -> str:
        """The store collection: the template up to (not including) its last path parameter."""
        parts = self.template.rstrip("/").split("/")
        if parts[-1].startswith("{"):
            return "/".join(parts[:-1])
        return self.template

    @property
    def params_names(self) -> list[str]:
        return re.findall(r"\{([^}]+)\}", self.template)


@dataclass(frozen=True)
class SdkMethod:
    """A public SDK method and what it does on the wire (possibly nothing)."""

    name: str  # dotted, e.g. "files.create"
    routes: tuple[Route, ...]  # empty for helpers that make no HTTP call of their own
    helper_of: tuple[str, ...] = ()  # sibling methods it calls when it makes no HTTP call


@dataclass(frozen=True)
class RouteMatch:
    route: Route
    path_params: dict[str, str]


@dataclass
class RouteTable:
    """All routes, matchable by verb + path + query."""

    routes: list[Route]
    methods: list[SdkMethod] = field(default_factory=list)

    def match(self, verb: str, path: str, query: dict[str, str]) -> RouteMatch | None:
        for route in self.routes:
            if route.verb != verb:
                continue
            if any(query.get(k) != v for k, v in route.query):
                continue
            m = route.regex.match(path)
            if m:
                return RouteMatch(route, m.groupdict())
        return None

    def path_exists(self, path: str) -> bool:
        return any(r.regex.match(path) for r in self.routes)


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
                if isinstance(sub, SyncAPIResource) or _is_async_resource(sub):
                    yield from walk(sub, f"{prefix}{name}.")
            elif inspect.isfunction(attr) and not is_client:  # client.get/post/close are not resources
                yield f"{prefix}{name}", getattr(obj, name), obj

    yield from walk(client, "")


def _is_async_resource(obj: Any) -> bool:
    from openai._resource import AsyncAPIResource

    return isinstance(obj, AsyncAPIResource)


class _Unresolved(Exception):
    pass


def _eval(node: ast.expr, globalns: dict[str, Any]) -> Any:
    """Evaluate an SDK expression (names, attributes, subscripts, cast(...)) in the method's module."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "cast":
        return _eval(node.args[1], globalns)
    if isinstance(node, ast.IfExp):  # `XParamsStreaming if stream else XParamsNonStreaming`
        return _eval(node.orelse, globalns)
    try:
        code = compile(ast.Expression(body=node), "<sdk>", "eval")
        return eval(code, {**_fallback_namespace(), **globalns})
    except Exception as exc:
        raise _Unresolved(ast.unparse(node)) from exc


@functools.cache
def _fallback_namespace() -> dict[str, Any]:
    """Names some SDK modules import only under TYPE_CHECKING or inside functions (Stream, ...)."""
    import openai._streaming as streaming
    import openai.types as types

    return {**vars(types), **vars(streaming)}


def _template(node: ast.expr) -> str:
    """The path template of the first argument: a literal, an f-string or path_template(...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) else "{" + _fstring_name(v) + "}" for v in node.values
        )
    if isinstance(node, ast.Call) and node.args:
        return _template(node.args[0])
    raise _Unresolved(ast.unparse(node))


def _fstring_name(v: ast.expr) -> str:
    assert isinstance(v, ast.FormattedValue)
    return ast.unparse(v.value).split(".")[-1]


def _return_type(func: Any) -> Any:
    """Fallback when cast_to is computed at run time: the return annotation minus stream types."""
    try:
        ret = typing.get_type_hints(func).get("return")
    except Exception:
        return None
    members = typing.get_args(ret) if typing.get_origin(ret) in (typing.Union, types.UnionType) else ()
    if not members:
        return ret
    kept = tuple(m for m in members if not _is_stream(m))
    return typing.Union[kept] if len(kept) > 1 else kept[0]  # noqa: UP007 - built from runtime args


def _is_stream(tp: Any) -> bool:
    from openai._streaming import AsyncStream, Stream

    origin = typing.get_origin(tp) or tp
    return inspect.isclass(origin) and issubclass(origin, Stream | AsyncStream)


def _routes_of(name: str, func: Any) -> tuple[list[Route], list[str]]:
    """Parse one method: its HTTP calls, or (for helpers) the sibling methods it calls."""
    src = textwrap.dedent(inspect.getsource(func))
    tree = ast.parse(src)
    globalns = func.__globals__
    routes: list[Route] = []
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
        full = _template(node.args[0])
        path, _, qs = full.partition("?")
        query = tuple(tuple(p.split("=", 1)) for p in qs.split("&") if "=" in p)

        def resolve(key: str, kwargs: dict[str, ast.expr] = kwargs) -> Any:
            return _eval(kwargs[key], globalns) if key in kwargs else None

        try:
            cast_to = resolve("cast_to")
        except _Unresolved:
            cast_to = _return_type(func)
        page = _try(resolve, "page")
        item = resolve("model") or (typing.get_args(page)[0] if page is not None else None)
        stream_cls = _try(resolve, "stream_cls")
        stream_args = typing.get_args(stream_cls) if stream_cls is not None else ()
        stream_item = stream_args[0] if stream_args else _stream_cls_item(stream_cls)
        params, params_in = _params_type(kwargs, globalns)
        routes.append(
            Route(
                verb=verb,
                template=path,
                query=typing.cast(tuple[tuple[str, str], ...], query),
                cast_to=cast_to,
                page=page,
                item=item,
                stream_item=stream_item,
                params=params,
                params_in=params_in,
                multipart="files" in kwargs,
                sdk_methods=(name,),
            )
        )
    return routes, siblings


def _try(resolve: Any, key: str) -> Any:
    try:
        return resolve(key)
    except _Unresolved:
        return None


def _stream_cls_item(stream_cls: Any) -> Any:
    """Custom stream classes (subclasses of Stream[X]) carry their item in their bases."""
    if stream_cls is None:
        return None
    for base in getattr(stream_cls, "__orig_bases__", ()):
        args = typing.get_args(base)
        if args:
            return args[0]
    return None


def _params_type(kwargs: dict[str, ast.expr], globalns: dict[str, Any]) -> tuple[Any, str]:
    """The TypedDict passed to maybe_transform(body, XParams) as body= or query=."""
    for key in ("body", "query"):
        node = kwargs.get(key)
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
                    return _eval(sub.args[1], globalns), key
                except _Unresolved:
                    return None, key
    return None, "body"


@functools.cache
def build_route_table() -> RouteTable:
    """Derive every route from the sync client's resource tree (the async tree mirrors it)."""
    by_key: dict[tuple[str, str, tuple[tuple[str, str], ...]], Route] = {}
    methods: list[SdkMethod] = []
    for name, bound, _resource in iter_sdk_methods():
        routes, siblings = _routes_of(name, inspect.unwrap(bound.__func__))
        merged: list[Route] = []
        for r in routes:
            key = (r.verb, r.template, r.query)
            old = by_key.get(key)
            if old is None:
                by_key[key] = r
            else:  # keep the first description but remember every SDK method using the route
                by_key[key] = _merge(old, r)
            merged.append(by_key[key])
        methods.append(SdkMethod(name, tuple(merged), () if routes else tuple(dict.fromkeys(siblings))))
    table = sorted(by_key.values(), key=lambda r: r.specificity, reverse=True)
    return RouteTable(table, methods)


def _merge(old: Route, new: Route) -> Route:
    """Two SDK methods share an endpoint (e.g. files.content and files.retrieve_content)."""
    return Route(
        verb=old.verb,
        template=old.template,
        query=old.query,
        cast_to=old.cast_to if old.cast_to is not None else new.cast_to,
        page=old.page or new.page,
        item=old.item or new.item,
        stream_item=old.stream_item or new.stream_item,
        params=old.params or new.params,
        params_in=old.params_in if old.params else new.params_in,
        multipart=old.multipart or new.multipart,
        sdk_methods=(*old.sdk_methods, *new.sdk_methods),
    )
