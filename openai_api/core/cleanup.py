"""Leave a live account as we found it: remember what the examples create, remove what they did not.

The examples clean up after themselves, but an example that fails half way cannot. Every HTTP response the
examples' clients receive passes through `Ledger.record`; a successful POST that returns an object with an `id`
is remembered under its collection, a successful DELETE (or cancel) of it is crossed out. After the run,
`Ledger.sweep` deletes — or, where the API has no delete, cancels — whatever is left, newest first (children
before parents), and says what it did. Which collections can be deleted or cancelled is read from the SDK's own
routes, so the list is not typed by hand.

Each object is remembered with the example that created it (`Ledger.owning`), so the probe removes an example's
leftovers as soon as that example ends, while the others are still waiting on the provider: the cleanup's calls
overlap the run instead of following it one by one. What no example owns is removed at the end.

An object the API has already finished (an upload `completed`, a batch `failed`) cannot be cancelled: asking would
only earn a 400 and cost one more round trip, so the sweep says so instead of asking.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import httpx2

# Statuses after which the API refuses a cancel: the object is done, there is nothing left running to stop.
FINISHED = frozenset({"completed", "cancelled", "failed", "expired"})

_OWNER: contextvars.ContextVar[str | None] = contextvars.ContextVar("openai_api_ledger_owner", default=None)


def current_owner() -> str | None:
    """The example whose clients are being created in this thread or task (see `Ledger.owning`)."""
    return _OWNER.get()


@dataclass(frozen=True)
class Created:
    collection: str  # "/files", "/vector_stores/vs_1/files"
    object_id: str
    owner: str | None = None  # the example that created it; None: created outside `Ledger.owning`

    @property
    def path(self) -> str:
        return f"{self.collection}/{self.object_id}"


@cache
def _removal_routes() -> tuple[frozenset[str], frozenset[str]]:
    """Path templates (with `{}` for parameters) that DELETE an object, and that cancel one."""
    import re

    from openai_api.sdk.routes import build_route_table

    deletes, cancels = set(), set()
    for route in build_route_table().routes:
        shape = re.sub(r"\{[^}]+\}", "{}", route.template)
        if route.verb == "DELETE" and shape.endswith("/{}"):
            deletes.add(shape.removesuffix("/{}"))
        elif route.verb == "POST" and shape.endswith("/{}/cancel"):
            cancels.add(shape.removesuffix("/{}/cancel"))
    return frozenset(deletes), frozenset(cancels)


def _shape(path: str, ids: set[str]) -> str:
    return "/".join("{}" if part in ids else part for part in path.split("/"))


class Ledger:
    def __init__(self, api_prefix: str) -> None:
        self.api_prefix = api_prefix.rstrip("/")  # "/v1"
        self._lock = threading.Lock()
        self._created: list[Created] = []
        self._gone: set[str] = set()
        self._ids: set[str] = set()
        self._finished: dict[str, str] = {}  # object id -> the finished status the API last answered
        self._swept: set[str] = set()  # paths a sweep has already dealt with

    @contextlib.contextmanager
    def owning(self, owner: str) -> Iterator[None]:
        """Objects created by clients made in this block (and its tasks) belong to `owner`."""
        token = _OWNER.set(owner)
        try:
            yield
        finally:
            _OWNER.reset(token)

    def _relative(self, request: httpx2.Request) -> str:
        return request.url.path.removeprefix(self.api_prefix)

    def record(self, response: httpx2.Response, owner: str | None = None) -> None:
        """Called with every response (body already read) of a client `owner`'s example made; never raises."""
        request = response.request
        if not 200 <= response.status_code < 300:
            return
        path = self._relative(request)
        with self._lock:
            if request.method == "DELETE":
                self._gone.add(path)
            elif request.method == "POST" and path.endswith("/cancel"):
                self._gone.add(path.removesuffix("/cancel"))
            elif request.method == "POST" and "json" in response.headers.get("content-type", ""):
                try:
                    body = json.loads(response.content)
                except ValueError:
                    return
                if not isinstance(body, dict):
                    return
                object_id, status = body.get("id"), body.get("status")
                if isinstance(object_id, str) and object_id and object_id not in path:
                    self._created.append(Created(path, object_id, owner))
                    self._ids.add(object_id)
                if isinstance(object_id, str) and object_id in self._ids and status in FINISHED:
                    self._finished[object_id] = status  # `POST /uploads/{id}/complete` answers `completed`

    def leftovers(self, owner: str | None = None, *, everyone: bool = True) -> list[Created]:
        """What is still there, newest first: everyone's, or (`everyone=False`) only what `owner` created."""
        with self._lock:
            return [
                c
                for c in reversed(self._created)
                if c.path not in self._gone and c.path not in self._swept and (everyone or c.owner == owner)
            ]

    def sweep(self, client: httpx2.Client, owner: str | None = None, *, everyone: bool = True) -> list[str]:
        """Delete or cancel what is left (everyone's, or only `owner`'s); returns one line per object, saying what
        happened. An object is dealt with once, however many sweeps run."""
        deletes, cancels = _removal_routes()
        lines = []
        for item in self.leftovers(owner, everyone=everyone):
            with self._lock:
                if item.path in self._swept:
                    continue
                self._swept.add(item.path)
                finished = self._finished.get(item.object_id)
            shape = _shape(item.collection, self._ids)
            if shape in deletes:
                method, path = "DELETE", item.path
            elif shape in cancels and finished:
                lines.append(f"{item.path}: {finished}, nothing to cancel")
                continue
            elif shape in cancels:
                method, path = "POST", f"{item.path}/cancel"
            else:
                lines.append(f"{item.path}: left in place (the API has no delete or cancel for it)")
                continue
            try:
                status = client.request(method, self.api_prefix + path).status_code
                outcome = "removed" if status < 300 else "already gone" if status == 404 else f"HTTP {status}"
            except httpx2.HTTPError as error:
                outcome = f"failed: {type(error).__name__}"
            lines.append(f"{method} {path}: {outcome}")
        return lines
