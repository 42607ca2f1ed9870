"""WebSocket sessions in the trace: a session an example opens is one call, with the events it exchanged.

Why here and not in the HTTP transport: the SDK opens Realtime, Responses-over-WebSocket and Live sessions with the
`websockets` package, not through its HTTP client, so the transport the deadline watches never sees them. While an
example is watched (`deadline.current_watch`), the `send` and `recv` of the client connections of `websockets`
(sync and asyncio; the SDK reads every event through `recv`) count each event on a `Call` (`WS /realtime`, 101,
"3 events sent, 9 received") that the trace and the report print like any HTTP call. The connection classes are
patched rather than `connect`, because the SDK subclasses `connect` when it is first imported. Outside a watched
example nothing changes.
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from openai_api.core.deadline import Call, Watch, current_watch

__all__ = ["traced_websockets"]


class _Session:
    """The counts of one session, kept on its call as they happen (a session cut short still shows them)."""

    def __init__(self, path: str, watch: Watch) -> None:
        path = urlsplit(path).path
        self.call = Call(method="WS", path=path.removeprefix("/v1") or "/", http_status=101)
        self.started = time.perf_counter()
        self.sent = self.received = 0
        watch.record(self.call)
        self._note()

    def _note(self) -> None:
        self.call.note = f"{self.sent} events sent, {self.received} received"
        self.call.ms = round((time.perf_counter() - self.started) * 1000, 1)

    def on_send(self) -> None:
        self.sent += 1
        self._note()

    def on_recv(self) -> None:
        self.received += 1
        self._note()


_SESSIONS: weakref.WeakKeyDictionary[Any, _Session] = weakref.WeakKeyDictionary()


def _session(connection: Any) -> _Session | None:
    watch = current_watch()
    if watch is None:
        return None
    session = _SESSIONS.get(connection)
    if session is None:
        request = getattr(connection, "request", None)
        session = _SESSIONS[connection] = _Session(str(getattr(request, "path", "/")), watch)
    return session


def _counting_sync(real: Callable[..., Any], count: Callable[[_Session], None]) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = real(self, *args, **kwargs)
        if (session := _session(self)) is not None:
            count(session)
        return result

    return method


def _counting_async(real: Callable[..., Any], count: Callable[[_Session], None]) -> Callable[..., Any]:
    async def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = await real(self, *args, **kwargs)
        if (session := _session(self)) is not None:
            count(session)
        return result

    return method


@contextlib.contextmanager
def traced_websockets() -> Iterator[None]:
    """While the block runs, WebSocket sessions opened by a watched example are counted in its trace."""
    try:
        from websockets.asyncio.client import ClientConnection as AsyncConnection
        from websockets.sync.client import ClientConnection as SyncConnection
    except ImportError:  # without the `realtime` extra no example can open a session
        yield
        return
    # The client classes get their own `send`/`recv` for the block (they inherit them from the connection class
    # that server connections share); afterwards they inherit again, or get back their own.
    originals = [
        (cls, name, getattr(cls, name), cls.__dict__.get(name))
        for cls in (SyncConnection, AsyncConnection)
        for name in ("send", "recv")
    ]
    for cls, name, real, _ in originals:
        wrap = _counting_async if cls is AsyncConnection else _counting_sync
        setattr(cls, name, wrap(real, _Session.on_send if name == "send" else _Session.on_recv))
    try:
        yield
    finally:
        for cls, name, _, own in originals:
            if own is None:
                delattr(cls, name)
            else:
                setattr(cls, name, own)
