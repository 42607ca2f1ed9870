"""Every example ends: a hard deadline per example, enforced where examples wait, and a trace of every HTTP call.

Where an example waits. Every example of the catalog and the guides waits on the SDK: a request, the SDK's own
retries and their back-off, a `*_and_poll` helper, or a poll loop of the example's that sleeps and then asks
again. So the deadline is enforced in the HTTP transport of every client an example creates (see
`runner.client_defaults`):

- each request's timeouts are cut to the time left before the deadline (and, in the probe, to the per-call
  timeout, even when the example set a longer one: a probe measures the provider, it does not wait for it);
- a request that is still waiting at the deadline, or that starts after it, raises `DeadlineExceeded`.

Why `DeadlineExceeded` is a `BaseException`: the SDK retries any `Exception` its transport raises, and an example
may catch `Exception` to carry on; neither can swallow this one, so the example stops at its next SDK call at the
latest, and the runner classifies it `network_error` whatever the example did with it.

Why not a thread the caller stops waiting for, or a process per example: a Python thread cannot be stopped, so
an abandoned one keeps sending requests and keeps the process alive; a fresh process per example would make
the probe's thirty concurrent examples and the build's hundreds each pay an interpreter start, and the embedded
mock's per-example state lives in the process that serves it. The build adds a process-level guard on top
(the executor stops a worker whose example outlives its deadline by a margin; see `docsite.execution`), for
an example that waits outside the SDK.

The same transport records each call (method, path, HTTP status, time, request id) for the probe's
`--print-trace` and the report's `calls`, and remembers what the example was waiting for, so that a stopped
example says which request was in flight and, for a poll, the last status it saw.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import math
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
from pydantic import BaseModel

_READ_FOR_STATUS = 256 * 1024  # answers larger than this are not read early just to learn an object's status


class Call(BaseModel):
    """One HTTP call an example made, as the trace prints it and the report keeps it."""

    method: str
    path: str  # relative to the client's base URL: "/models/gpt-5.4-mini"
    http_status: int | None = None  # None: no answer (timed out, refused, stopped at the deadline)
    ms: float = 0.0
    request_id: str | None = None
    note: str = ""  # "timeout 120 s capped to 2 s", "no answer: ReadTimeout", ...


@dataclass(frozen=True)
class Deadline:
    """How long one example may run, which setting said so, and the probe's cap on each call's timeout."""

    seconds: float
    source: str  # the flag or variable that set it, named in the detail of a stopped example
    call_cap: float | None = None  # the probe's --timeout: no call waits longer, whatever the example set
    cap_source: str = "--timeout"


class DeadlineExceeded(BaseException):  # named for what happened, like TimeoutError
    """Raised in an example's SDK call at or after its deadline; see the module docstring for why a BaseException."""


class Watch:
    """One example's deadline and calls; shared by every client the example creates, in any thread or task."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.ends_at = time.monotonic() + deadline.seconds
        self.calls: list[Call] = []
        self.capped: list[str] = []  # "timeout 120 s capped to 2 s", once per distinct value
        self.expired_during: str | None = None  # what the example was waiting for when the deadline passed
        self.last_status: str | None = None  # the `status` field of the last JSON object answered
        self.odd_answer: str | None = None  # the first call answered with no result the SDK could read, and how
        self._answered: dict[int, Call] = {}  # the call each response answered, until its body is read (`saw`)
        self._in_flight: dict[int, tuple[str, bool]] = {}  # label, and whether the deadline bounds it
        self._lock = threading.Lock()

    def left(self) -> float:
        return self.ends_at - time.monotonic()

    @property
    def expired(self) -> bool:
        """The example was stopped: a call or a pause reached the deadline (even if the example caught it).

        An example that merely finished a moment after its deadline, with nothing left to wait for, was not
        stopped and keeps its own outcome: a loaded machine must not turn a success into a failure.
        """
        return self.expired_during is not None

    def detail(self) -> str:
        """What a stopped example's result says: the deadline, who set it, what the example was waiting for."""
        waiting = self.expired_during or self._waiting_now() or "code outside the SDK (no request in flight)"
        text = f"deadline of {self.deadline.seconds:g} s ({self.deadline.source}) exceeded while waiting for {waiting}"
        if self.last_status:
            text += f"; last status seen: {self.last_status}"
        return text

    def _waiting_now(self) -> str | None:
        with self._lock:
            return next((label for label, _ in self._in_flight.values()), None)

    def _timeouts(self, request: httpx2.Request) -> tuple[dict[str, float], str, bool]:
        """The request's timeouts cut to the time left and to the probe's cap; says when the cap bit, and whether
        the deadline is what bounds the request (then its timing out is the deadline, not the provider)."""
        left = max(self.left(), 0.001)
        cap = math.inf if self.deadline.call_cap is None else self.deadline.call_cap
        given: dict[str, float | None] = dict(request.extensions.get("timeout") or {})
        given = given or {"connect": None, "read": None, "write": None, "pool": None}
        longest = max(math.inf if value is None else value for value in given.values())
        note = ""
        if longest > cap:
            note = f"timeout {'none' if longest == math.inf else f'{longest:g} s'} capped to {cap:g} s"
            with self._lock:
                if note not in self.capped:
                    self.capped.append(note)
        bound = min(left, cap)
        timeouts = {name: min(bound, math.inf if value is None else value) for name, value in given.items()}
        return timeouts, note, left < min(cap, longest)

    def start(self, request: httpx2.Request, label: str) -> tuple[int, Call, float]:
        """Before a request: stop if the deadline passed, cut its timeouts, note it as in flight."""
        if self.left() <= 0:
            self.stop(f"{label} (not sent: the example came to this call after the deadline)")
        timeouts, note, by_deadline = self._timeouts(request)
        request.extensions = {**request.extensions, "timeout": timeouts}
        call = Call(method=request.method, path=label.split(" ", 1)[1], note=note)
        token = id(call)
        with self._lock:
            self._in_flight[token] = (label, by_deadline)
            self.calls.append(call)
        return token, call, time.perf_counter()

    def record(self, call: Call) -> None:
        """A call made outside the HTTP clients (a WebSocket session, see `websocket_trace`)."""
        with self._lock:
            self.calls.append(call)

    def answered(
        self, token: int, call: Call, started: float, request: httpx2.Request, response: httpx2.Response
    ) -> None:
        call.http_status = response.status_code
        call.ms = round((time.perf_counter() - started) * 1000, 1)
        call.request_id = response.headers.get("x-request-id")
        content_type = response.headers.get("content-type", "").lower()
        if content_type.startswith("text/html"):
            # No API answers with HTML: a web server or a proxy did, most often because the base URL misses the
            # part where the API's paths begin (`/v1`), and the example's own error would not say so.
            self._odd(call, response.status_code, "an HTML page", "is the base URL the API's (it usually ends in /v1)?")
        elif response.status_code == 200 and response.headers.get("content-length") == "0":
            self._odd(call, 200, "an empty body", "")
        elif content_type.startswith("text/event-stream") and not _streaming(request):
            self._odd(call, response.status_code, "an event stream", "the request did not ask for one")
        with self._lock:
            self._in_flight.pop(token, None)
            self._answered[id(response)] = call

    def failed(self, token: int, call: Call, started: float, label: str, error: BaseException) -> None:
        """A request that got no answer: timed out by the deadline (or past it), it becomes `DeadlineExceeded`;
        otherwise the error propagates as the transport raised it."""
        call.ms = round((time.perf_counter() - started) * 1000, 1)
        with self._lock:
            _, by_deadline = self._in_flight.pop(token, (label, False))
        reason = "stopped at the deadline" if isinstance(error, DeadlineExceeded) else type(error).__name__
        call.note = "; ".join(part for part in (call.note, f"no answer: {reason}") if part)
        if isinstance(error, DeadlineExceeded):
            return
        if (by_deadline and isinstance(error, httpx2.TimeoutException)) or self.left() <= 0:
            self.stop(f"{label} (in flight)")

    def stop(self, waiting_for: str) -> None:
        if self.expired_during is None:
            self.expired_during = waiting_for
        raise DeadlineExceeded(self.detail())

    def saw(self, response: httpx2.Response) -> None:
        """After an answer has been read: remember a JSON object's `status` (a poll's last status)."""
        with self._lock:
            call = self._answered.pop(id(response), None)
        try:
            body = json.loads(response.content)
        except ValueError:
            return
        status = body.get("status") if isinstance(body, dict) else None
        if isinstance(status, str):
            self.last_status = status
        error = body.get("error") if isinstance(body, dict) and "object" not in body else None
        if response.is_success and isinstance(error, dict):  # some providers say "error" with a 200
            message, code = str(error.get("message") or ""), error.get("code")
            message = f"{message} ({code})" if code else message
            if call is not None:
                self._odd(call, response.status_code, "an error instead of a result", message)

    def _odd(self, call: Call, http_status: int, what: str, then: str) -> None:
        """Note an answer the SDK cannot read as a result: on the call (the trace) and, for the first, the example's
        detail, whose own error (a `TypeError` on a missing field, a `JSONDecodeError`) would not say why."""
        call.note = "; ".join(part for part in (call.note, what) if part)
        if self.odd_answer is None:
            self.odd_answer = (
                f"{call.method} {call.path} was answered with {what} ({http_status}){': ' if then else ''}{then}"
            )

    def check_stream(self, label: str) -> None:
        """Between the chunks of a streamed answer: a stream that outlives the deadline stops too."""
        if self.left() <= 0:
            self.stop(f"{label} (streaming)")


_CURRENT: contextvars.ContextVar[Watch | None] = contextvars.ContextVar("openai_api_watch", default=None)


def current_watch() -> Watch | None:
    """The watch of the example running in this thread or task, if any."""
    return _CURRENT.get()


@contextlib.contextmanager
def watching(watch: Watch) -> Iterator[Watch]:
    """Make `watch` the one clients created in this block (and in the tasks and threads it starts) report to."""
    token = _CURRENT.set(watch)
    try:
        yield watch
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def bounded_sleeps() -> Iterator[None]:
    """While the block runs, `time.sleep` and `asyncio.sleep` called by a watched example end at its deadline.

    An example's poll loop sleeps between two calls, and so do the SDK's retries and poll helpers: a pause that
    would outlast the deadline ends at it, with `DeadlineExceeded`, instead of at the next call. Code that runs
    outside any example (the embedded mock's server thread, the probe itself) sleeps as before.
    """
    import asyncio

    real_sleep, real_async_sleep = time.sleep, asyncio.sleep

    def pause(seconds: float) -> tuple[Watch, float] | None:
        watch = current_watch()
        if watch is None or seconds < watch.left():
            return None
        return watch, max(watch.left(), 0.0)

    def stop(watch: Watch, seconds: float) -> None:
        after = f" after {watch.calls[-1].method} {watch.calls[-1].path}" if watch.calls else ""
        watch.stop(f"a pause of {seconds:.1f} s{after}")

    def sleep(seconds: float) -> None:
        cut = pause(seconds)
        if cut is None:
            return real_sleep(seconds)
        real_sleep(cut[1])
        stop(cut[0], seconds)

    async def async_sleep(delay: float, result: Any = None) -> Any:
        cut = pause(delay)
        if cut is None:
            return await real_async_sleep(delay, result)
        await real_async_sleep(cut[1])
        stop(cut[0], delay)

    setattr(time, "sleep", sleep)  # noqa: B010  # the module's attribute, as the example looks it up
    setattr(asyncio, "sleep", async_sleep)  # noqa: B010
    try:
        yield
    finally:
        setattr(time, "sleep", real_sleep)  # noqa: B010
        setattr(asyncio, "sleep", real_async_sleep)  # noqa: B010


def _label(request: httpx2.Request, prefix: str) -> str:
    return f"{request.method} {request.url.path.removeprefix(prefix) or '/'}"


class _Stream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, watch: Watch, label: str) -> None:
        self._inner, self._watch, self._label = inner, watch, label

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._watch.check_stream(self._label)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncStream(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, watch: Watch, label: str) -> None:
        self._inner, self._watch, self._label = inner, watch, label

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._watch.check_stream(self._label)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class WatchedTransport(httpx2.BaseTransport):
    def __init__(self, inner: httpx2.BaseTransport, watch: Watch, prefix: str) -> None:
        self._inner, self._watch, self._prefix = inner, watch, prefix

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        label = _label(request, self._prefix)
        token, call, started = self._watch.start(request, label)
        try:
            response = self._inner.handle_request(request)
        except BaseException as error:
            self._watch.failed(token, call, started, label, error)
            raise
        self._watch.answered(token, call, started, request, response)
        assert isinstance(response.stream, httpx2.SyncByteStream)
        response.stream = _Stream(response.stream, self._watch, label)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncWatchedTransport(httpx2.AsyncBaseTransport):
    def __init__(self, inner: httpx2.AsyncBaseTransport, watch: Watch, prefix: str) -> None:
        self._inner, self._watch, self._prefix = inner, watch, prefix

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        label = _label(request, self._prefix)
        token, call, started = self._watch.start(request, label)
        try:
            response = await self._inner.handle_async_request(request)
        except BaseException as error:
            self._watch.failed(token, call, started, label, error)
            raise
        self._watch.answered(token, call, started, request, response)
        assert isinstance(response.stream, httpx2.AsyncByteStream)
        response.stream = _AsyncStream(response.stream, self._watch, label)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _streaming(request: httpx2.Request) -> bool:
    """Whether a request asked for an event stream (`"stream": true` in its JSON, `stream=true` in its query); a body
    that is not JSON (a form, a file) is taken to have asked, so that only a sure case is reported."""
    if "stream=true" in request.url.query.decode(errors="replace").lower():
        return True
    try:
        body = json.loads(request.content)
    except (ValueError, httpx2.RequestNotRead):
        return True
    return isinstance(body, dict) and body.get("stream") is True


def worth_reading(response: httpx2.Response, *, posts_only: bool) -> bool:
    """A JSON answer, never a stream (reading it here would consume it), small enough to read early."""
    content_type = response.headers.get("content-type", "")
    if "json" not in content_type or "event-stream" in content_type:
        return False
    if posts_only:
        return response.request.method == "POST"
    size = response.headers.get("content-length", "")
    return size.isdigit() and int(size) <= _READ_FOR_STATUS


def watch_client(client: Any, watch: Watch, prefix: str, *, is_async: bool) -> None:
    """Route every request of an `httpx2` client through the watch: its transport and its proxy mounts.

    The wrapped attributes are the client's own (`_transport`, `_mounts`): an example that passes its own
    `http_client=` keeps its settings and is watched all the same.
    """
    wrap = AsyncWatchedTransport if is_async else WatchedTransport
    client._transport = wrap(client._transport, watch, prefix)
    client._mounts = {
        pattern: None if transport is None else wrap(transport, watch, prefix)
        for pattern, transport in client._mounts.items()
    }
