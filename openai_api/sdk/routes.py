"""The route table: every endpoint of the installed ``openai`` SDK, matchable by verb + path + query.

Why derived and cached: ``sdk_routes`` derives the routes from the SDK's own resource methods (so an
SDK upgrade changes the mock by itself), but that walk imports the whole SDK and takes seconds. Its
records are cached on disk (``route_cache``) and a route resolves its types (``TypeRef``) only when
a request first needs them, so a new process serves its first request in a fraction of a second.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openai_api.sdk import route_cache
from openai_api.sdk.route_derivation import derive_records
from openai_api.sdk.typeref import TypeRef, resolve

__all__ = ["Route", "RouteMatch", "RouteTable", "SdkMethod", "build_route_table", "load_route_table"]


@dataclass(frozen=True)
class Route:
    """One HTTP endpoint, as one SDK call site describes it; its types resolve on first use."""

    verb: str
    template: str  # path template without query, e.g. "/files/{file_id}"
    query: tuple[tuple[str, str], ...]  # literal query the SDK always sends, e.g. (("beta", "true"),)
    cast_to_ref: TypeRef | None
    page_ref: TypeRef | None
    item_ref: TypeRef | None
    stream_item_ref: TypeRef | None
    params_ref: TypeRef | None
    params_in: str  # "body" or "query": where ``params`` applies
    multipart: bool
    sdk_methods: tuple[str, ...] = ()

    @property
    def cast_to(self) -> Any:
        """Pydantic model / union / str / NoneType / binary marker; None when a page."""
        return resolve(self.cast_to_ref)

    @property
    def page(self) -> Any:
        """E.g. SyncCursorPage[FileObject] (generic alias) or None."""
        return resolve(self.page_ref)

    @property
    def item(self) -> Any:
        """The page's item model."""
        return resolve(self.item_ref)

    @property
    def stream_item(self) -> Any:
        """Item type of stream_cls (Stream[X]) when the endpoint can stream."""
        return resolve(self.stream_item_ref)

    @property
    def params(self) -> Any:
        """The params TypedDict sent as body (or query for GETs), when known."""
        return resolve(self.params_ref)

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
    def collection(self) -> str:
        """The store collection: the template up to (not including) its last path parameter."""
        parts = self.template.rstrip("/").split("/")
        if parts[-1].startswith("{"):
            return "/".join(parts[:-1])
        return self.template

    @property
    def params_names(self) -> list[str]:
        return re.findall(r"\{([^}]+)\}", self.template)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Route:
        def ref(name: str) -> TypeRef | None:
            data = record[name]
            return TypeRef.from_json(data) if data is not None else None

        return cls(
            verb=str(record["verb"]),
            template=str(record["template"]),
            query=tuple((str(k), str(v)) for k, v in record["query"]),
            cast_to_ref=ref("cast_to"),
            page_ref=ref("page"),
            item_ref=ref("item"),
            stream_item_ref=ref("stream_item"),
            params_ref=ref("params"),
            params_in=str(record["params_in"]),
            multipart=bool(record["multipart"]),
            sdk_methods=tuple(str(m) for m in record["sdk_methods"]),
        )


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
    """All routes, most specific first, matchable by verb + path + query.

    Why an index: a request is tried only against routes of its verb whose first path segment is
    its own (or a parameter), not against every route's regex, in the same most-specific-first order.
    """

    routes: list[Route]
    methods: list[SdkMethod] = field(default_factory=list)
    _index: dict[tuple[str, str], list[Route]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index = {}
        firsts = {_first_segment(r.template) for r in self.routes}
        for route in self.routes:
            first = _first_segment(route.template)
            for bucket in firsts if first.startswith("{") else (first,):
                self._index.setdefault((route.verb, bucket), []).append(route)

    def match(self, verb: str, path: str, query: dict[str, str]) -> RouteMatch | None:
        first = _first_segment(path)
        candidates = self._index.get((verb, first)) or self._index.get((verb, "{}"), [])
        for route in candidates:
            if any(query.get(k) != v for k, v in route.query):
                continue
            m = route.regex.match(path)
            if m:
                return RouteMatch(route, m.groupdict())
        return None

    def path_exists(self, path: str) -> bool:
        return any(r.regex.match(path) for r in self.routes)

    @classmethod
    def from_records(cls, records: dict[str, Any]) -> RouteTable:
        routes = [Route.from_record(r) for r in records["routes"]]
        methods = [
            SdkMethod(str(m["name"]), tuple(routes[i] for i in m["routes"]), tuple(str(h) for h in m["helper_of"]))
            for m in records["methods"]
        ]
        return cls(routes, methods)


def _first_segment(path: str) -> str:
    """The first path segment; every parameter segment is the same bucket, ``{}``."""
    first = path.lstrip("/").split("/", 1)[0]
    return "{}" if first.startswith("{") else first


def load_route_table(cache_dir: Path | None = None) -> RouteTable:
    """The table from the cache in ``cache_dir`` (or the default), derived and cached again if unusable."""
    path = route_cache.cache_file(cache_dir if cache_dir is not None else route_cache.DEFAULT_CACHE_DIR)
    records = route_cache.read(path)
    if records is not None:
        try:
            return RouteTable.from_records(records)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # a damaged file: derive again and overwrite it
    records = derive_records()
    route_cache.write(path, records)
    return RouteTable.from_records(records)


@functools.cache
def build_route_table() -> RouteTable:
    """The process-wide route table (shared by every ``MockAPI``)."""
    return load_route_table()
