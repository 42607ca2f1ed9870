"""The one runner: executes a feature's example and returns a classified, timed result. It never raises.

The docs build, the test suite and the probe all call `run_example`, so the status a page shows and the status
the probe prints come from the same code. The example runs exactly as a reader would run it — `OpenAI()` reading
`OPENAI_API_KEY` / `OPENAI_BASE_URL` — and the caller decides where those point (see `target_environment`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import time
import types
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
from pydantic import BaseModel, TypeAdapter

from openai_api.core.catalog import Runnable
from openai_api.core.cleanup import Ledger, current_owner
from openai_api.core.deadline import (
    AsyncWatchedTransport,
    Call,
    Deadline,
    DeadlineExceeded,
    Watch,
    WatchedTransport,
    bounded_sleeps,
    current_watch,
    watch_client,
    watching,
    worth_reading,
)
from openai_api.core.in_process import Embedded, route_in_process
from openai_api.core.providers import Target
from openai_api.core.redaction import redact
from openai_api.core.settings import environment
from openai_api.core.status import Status, classify, one_line
from openai_api.core.websocket_trace import traced_websockets
from openai_api.storage import utc_timestamp

MOCK_API_KEY = "sk-mock-openai-api-docs"
MOCK_ADMIN_KEY = "sk-admin-mock-openai-api-docs"
_OUTPUT_LIMIT = 4000


class ExampleResult(BaseModel):
    """What one execution of an example produced; serialised as-is into status.json and the probe's report."""

    feature: str
    variant: str
    status: Status
    elapsed_ms: float
    target: str
    output: str = ""
    detail: str = ""
    http_status: int | None = None
    request_id: str | None = None
    recorded_at: str = ""
    cached: bool = False
    method: str | None = None  # surface calls: the dotted method, e.g. "vector_stores.files.list"
    page: str | None = None  # guide examples: the page they belong to
    lang: str | None = None  # cards and guides: the language of the page whose code ran; surface calls have none
    calls: list[Call] = []  # every HTTP call the example made, in the order they started (see `deadline`)


RESULTS = TypeAdapter(list[ExampleResult])
"""Results travel and are cached as lists: an example gives one, a resource's surface one per method."""


def policy_allows(feature: Runnable, target: Target, include_side_effects: bool) -> bool:
    """High side-effect features touch a real account only with permission; the embedded mock touches nothing."""
    return target.embedded or feature.side_effect != "high" or include_side_effects


@contextlib.contextmanager
def target_environment(target: Target, base_url: str | None = None) -> Iterator[None]:
    """Point `OpenAI()` at the target for the duration of the block, and restore the environment after."""
    values = {
        "OPENAI_BASE_URL": base_url or target.base_url or "",
        "OPENAI_API_KEY": MOCK_API_KEY if target.embedded else target.api_key,
    }
    if target.embedded or target.admin_key:
        values["OPENAI_ADMIN_KEY"] = MOCK_ADMIN_KEY if target.embedded else target.admin_key
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update({k: v for k, v in values.items() if v})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def running_against(
    target: Target,
    serve: Callable[[str | None], contextlib.AbstractContextManager[Embedded | None]],
    timeout: float | None = None,
    max_retries: int | None = None,
    ledger: Ledger | None = None,
) -> Iterator[Embedded | None]:
    """What examples run inside, in a docs worker and in the probe alike: the embedded mock served on a loopback port
    when it is the target (by `serve`, given the target's profile: the mock's `serving`, which this layer does not
    import; yielded, None for a provider), `OpenAI()` pointed at the target (`target_environment`), and the
    clients' defaults (`client_defaults`)."""
    with contextlib.ExitStack() as stack:
        served = stack.enter_context(serve(target.profile)) if target.embedded else None
        stack.enter_context(target_environment(target, None if served is None else served.base_url))
        stack.enter_context(client_defaults(timeout, max_retries, ledger, in_process=served))
        yield served


@contextlib.contextmanager
def client_defaults(
    timeout: float | None,
    max_retries: int | None,
    ledger: Ledger | None = None,
    in_process: Embedded | None = None,
) -> Iterator[None]:
    """Give the clients examples create in the block (`OpenAI()`, `AsyncOpenAI()`, Azure's, the module client: see
    `_client_classes`) a default timeout and retry count, route their HTTP calls through the running example's
    watch (its deadline and trace, see `deadline`) and, with a ledger, tell the ledger about every response (see
    `cleanup`). With `in_process` (the embedded mock), a client on the SDK's own HTTP client has its calls to the
    mock answered in this process (see `in_process`).

    The example still reads `client = OpenAI()`; like the base URL, the harness sets what a reader would set
    in their own environment. Values an example passes itself win, except over the deadline and, in the
    probe, over the per-call cap (`Deadline.call_cap`).
    """
    import openai

    def observe(response: httpx2.Response, watch: Watch | None) -> bool:
        """Whether the answer should be read now, for the ledger (created objects) or the watch (a status)."""
        return (ledger is not None and worth_reading(response, posts_only=True)) or (
            watch is not None and worth_reading(response, posts_only=False)
        )

    def hooks(watch: Watch | None, is_async: bool) -> list[Any]:
        owner = current_owner()  # the example creating this client, whichever thread later uses it

        def after(response: httpx2.Response) -> None:
            if watch is not None and response.is_stream_consumed:
                watch.saw(response)
            if ledger is not None:
                ledger.record(response, owner)

        def sync_hook(response: httpx2.Response) -> None:
            if observe(response, watch):
                response.read()
            after(response)

        async def async_hook(response: httpx2.Response) -> None:
            if observe(response, watch):
                await response.aread()
            after(response)

        return [async_hook if is_async else sync_hook]

    def with_defaults(base: type[Any], is_async: bool) -> type[Any]:
        class Configured(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                if timeout is not None:
                    kwargs.setdefault("timeout", timeout)
                if max_retries is not None:
                    kwargs.setdefault("max_retries", max_retries)
                watch = current_watch()
                given = kwargs.get("http_client")
                if given is None and ledger is not None:
                    kwargs["http_client"] = (
                        openai.DefaultAsyncHttpxClient() if is_async else openai.DefaultHttpxClient()
                    )
                super().__init__(*args, **kwargs)
                client = self._client
                if given is None and in_process is not None and isinstance(client, (httpx2.Client, httpx2.AsyncClient)):
                    route_in_process(client, in_process)
                transport = getattr(client, "_transport", None)  # None: not an httpx2 client, left as it is
                if watch is not None and transport is not None and not isinstance(transport, WATCHED):
                    watch_client(client, watch, self.base_url.path.rstrip("/"), is_async=is_async)
                    own = list(client.event_hooks["response"])
                    client.event_hooks = {**client.event_hooks, "response": [*own, *hooks(watch, is_async)]}
                elif given is None and ledger is not None:
                    client.event_hooks = {**client.event_hooks, "response": hooks(None, is_async)}

        Configured.__name__ = Configured.__qualname__ = base.__name__
        return Configured

    originals = _client_classes(openai)
    configured: dict[type[Any], type[Any]] = {}  # one class per original, so that aliases stay the same class
    for name, original in originals.items():
        if original not in configured:
            configured[original] = with_defaults(original, issubclass(original, openai.AsyncOpenAI))
        setattr(openai, name, configured[original])
    try:
        with bounded_sleeps(), traced_websockets():
            yield
    finally:
        for name, original in originals.items():
            setattr(openai, name, original)


def _client_classes(openai: types.ModuleType) -> dict[str, type[Any]]:
    """Every client class the SDK exports, aliases and the module client's included (`OpenAI`, `Client`,
    `AzureOpenAI`, `AsyncBedrockOpenAI`, `_ModuleClient` behind `openai.responses.create`, ...): an example may
    create any of them, and each must wait no longer than the example's deadline."""
    bases = (openai.OpenAI, openai.AsyncOpenAI)
    # `type(value)`, not `isinstance`: the module's resource proxies (`openai.responses`) answer `isinstance` by
    # making the module client
    return {
        name: value
        for name, value in vars(openai).items()
        if issubclass(type(value), type) and issubclass(value, bases)
    }


_MODULE_SETTINGS = (
    "api_key",
    "admin_api_key",
    "organization",
    "project",
    "webhook_secret",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
    "http_client",
    "api_type",
    "api_version",
    "azure_endpoint",
    "azure_ad_token",
    "azure_ad_token_provider",
    "bedrock_token_provider",
    "_bedrock_api_key",
    "_client",
)


@contextlib.contextmanager
def module_client_restored() -> Iterator[None]:
    """The SDK's module client and its settings as they were before the block.

    Why: an example may set `openai.api_key` or `openai.max_retries` and call `openai.responses.create(...)`; the
    SDK keeps those settings and the client it made from them in the `openai` module, so the next example in the
    same process would inherit them, and the kept client would still wait under the first example's deadline.
    The client the block made is closed."""
    import openai

    saved = {name: getattr(openai, name) for name in _MODULE_SETTINGS if hasattr(openai, name)}
    try:
        yield
    finally:
        made = getattr(openai, "_client", None)
        for name, value in saved.items():
            setattr(openai, name, value)
        if made is not None and made is not saved.get("_client"):
            with contextlib.suppress(Exception):
                made.close()


WATCHED = (WatchedTransport, AsyncWatchedTransport)


def mock_key(feature: str, variant: str) -> str:
    """The mock keeps one state per key: a key per example makes each example's answers independent of the
    examples that ran before it, so a cached result and a fresh one always agree."""
    return f"{MOCK_API_KEY}-{feature}-{variant}"


def skipped(feature: Runnable, variant: str, target: Target, page: str | None = None) -> ExampleResult:
    return ExampleResult(
        feature=feature.id,
        variant=variant,
        status=Status.SKIPPED_BY_POLICY,
        elapsed_ms=0.0,
        target=target.name,
        detail=f"side effect level {feature.side_effect!r}: set OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS=1 to run it",
        recorded_at=utc_timestamp(),
        page=page,
    )


def execute(
    code: str, *, label: str, watch: Watch | None = None
) -> tuple[Status, float, str, str, int | None, str | None]:
    """Run `code` as a program, capturing what it prints: status, ms, output, detail, HTTP status, request id.

    With a watch, the program runs under its deadline: past it, whatever the program did with the error (caught
    it, retried, carried on), the outcome is `network_error` and the detail says what it was waiting for.
    """
    buffer = io.StringIO()

    def capture(*args: Any, sep: str | None = " ", end: str | None = "\n", **_: Any) -> None:
        buffer.write((" " if sep is None else sep).join(str(arg) for arg in args) + ("\n" if end is None else end))

    # The example runs as a module of its own, registered while it runs: libraries that look a class's module up
    # (pydantic resolving `Literal` in a model's annotations, dataclasses) find the example's globals, not ours.
    module = types.ModuleType("openai_api_example_" + re.sub(r"\W", "_", label))
    module.__dict__["print"] = capture
    sys.modules[module.__name__] = module
    started = time.perf_counter()
    outcome: tuple[Status, str, int | None, str | None] = (Status.OK, "", None, None)
    try:
        with watching(watch) if watch is not None else contextlib.nullcontext(), module_client_restored():
            exec(compile(code, f"<example {label}>", "exec"), module.__dict__)
    except DeadlineExceeded:
        pass  # the watch knows what was in flight; the detail comes from it below
    except BaseException as error:  # an example may raise anything, SystemExit included
        if isinstance(error, KeyboardInterrupt):
            raise
        found = classify(error)
        outcome = (found.status, found.detail, found.http_status, found.request_id)
    finally:
        sys.modules.pop(module.__name__, None)
    elapsed = (time.perf_counter() - started) * 1000
    if watch is not None and watch.expired:
        outcome = (Status.NETWORK_ERROR, watch.detail(), None, None)
    elif watch is not None and watch.odd_answer and outcome[0] is not Status.OK:
        said = watch.odd_answer if watch.odd_answer.endswith("?") else watch.odd_answer + "."
        outcome = (outcome[0], f"{said} {outcome[1]}", outcome[2], outcome[3])
    status, detail, http_status, request_id = outcome
    return status, elapsed, buffer.getvalue(), detail, http_status, request_id


def missing_credentials(feature: Runnable) -> list[str]:
    """The credentials the catalog says the feature needs that the environment lacks (see `Feature.credentials`)."""
    env = environment()
    return [name for name in feature.credentials if not env.get(name)]


def run_example(
    feature: Runnable,
    variant: str,
    code: str,
    target: Target,
    *,
    include_side_effects: bool = False,
    page: str | None = None,
    deadline: Deadline | None = None,
) -> ExampleResult:
    """Apply the side-effect policy and the credential check, execute under the deadline, classify, redact."""
    if not policy_allows(feature, target, include_side_effects):
        return skipped(feature, variant, target, page)
    missing = missing_credentials(feature)
    if missing:
        return ExampleResult(
            feature=feature.id,
            variant=variant,
            status=Status.AUTH_ERROR,
            elapsed_ms=0.0,
            target=target.name,
            detail=f"needs {' and '.join(missing)}, which is not set: nothing was sent",
            recorded_at=utc_timestamp(),
            page=page,
        )
    watch = Watch(deadline) if deadline is not None else None
    status, elapsed, output, detail, http_status, request_id = execute(
        code, label=f"{feature.id}/{variant}", watch=watch
    )
    if watch is not None and watch.capped:
        detail = "; ".join(
            part for part in (detail, f"{', '.join(watch.capped)} ({watch.deadline.cap_source})") if part
        )
    secrets = target.secrets()
    output = redact(output, secrets)
    if len(output) > _OUTPUT_LIMIT:
        output = output[:_OUTPUT_LIMIT] + "\n…"
    return ExampleResult(
        feature=feature.id,
        variant=variant,
        status=status,
        elapsed_ms=round(elapsed, 1),
        target=target.name,
        output=output,
        detail=one_line(redact(detail, secrets)),
        http_status=http_status,
        request_id=request_id,
        recorded_at=utc_timestamp(),
        page=page,
        calls=[] if watch is None else [call.model_copy() for call in watch.calls],
    )
