"""What every example worker needs ready, done once in the process that the workers are forked from.

Why: a build runs seven workers (two that compute, four for the examples that wait, one for a provider profile), and
each used to import the SDK, the mock and the SDK's types, and build the validators of every type it met, on its
own. That was more than half of all the CPU a cold build spent executing examples. The executor forks its workers
from a `multiprocessing` fork server that imports this module first, so the work is done once and each worker
starts with it in memory (see `worker_process`).

Why every type the SDK's resources use and not only those the examples meet: the SDK defers building a model's
validator to its first use, and builds it with the models in its fields inside it, then builds each of those again
on theirs; built once here, leaves first, they cost a few seconds, far less than each worker building the ones it
meets, and no list of "types the examples use" has to be kept in step with the examples.

The collector is paused while this loads, and what it made (some 300,000 objects) frozen after: see
`openai_api.sdk.loading`.

Nothing here may leave a thread running or keep what it read from the environment unchecked: the fork server forks
from this state, and a worker sets its own environment after the fork (the TLS context is kept by the settings it
was built with, see `core.tls_context`).
"""

from __future__ import annotations

import contextlib
import importlib
import mimetypes
import pkgutil
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpcore2

from openai_api.core.tls_context import share_ssl_context
from openai_api.sdk.loading import kept_out_of_collections

if TYPE_CHECKING:
    import openai

# Imported here rather than by each worker: the SDK and its streaming helpers; the mock, its server (event loop,
# HTTP and WebSocket protocols) and its in-process transport; what runs an example and a job; the HTTP client's
# connection code (through the TLS context) and the backend an async example's client connects with.
_MODULES = (
    "openai",
    "openai.lib.streaming.chat",
    "openai.lib.streaming.responses",
    "openai.resources",
    "uvicorn.loops.auto",
    "uvicorn.protocols.http.httptools_impl",
    "uvicorn.protocols.websockets.auto",
    "openai_api.core.catalog",
    "openai_api.core.runner",
    "openai_api.core.tls_context",
    "openai_api.docsite.execution.job",
    "openai_api.docsite.execution.surface_calls",
    "openai_api.mock.adapters.server",
    "openai_api.mock.adapters.transport",
    "openai_api.mock.adapters.websockets",
    "openai_api.mock.handlers",
    "anyio._backends._asyncio",
)


def _import_all(package: object) -> None:
    """Every module of an SDK package: the client imports its resources and their types on first use."""
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):  # type: ignore[attr-defined]
        importlib.import_module(module.name)


def _build_validators(base: type[openai.BaseModel]) -> None:
    """Every model's validator, each after those of the models its fields hold: a model built first would build
    its fields' models inside its own schema and leave them unbuilt, to be built again (four times the work)."""
    built: set[type[openai.BaseModel]] = set()

    def build(model: type[openai.BaseModel]) -> None:
        if model in built:
            return
        built.add(model)
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation, base):
                build(inner)
        with contextlib.suppress(Exception):  # a type whose references do not resolve is built when used, as before
            model.model_rebuild(raise_errors=False)

    pending = list(base.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        build(model)


def _models_in(annotation: object, base: type[openai.BaseModel]) -> Iterator[type[openai.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, base):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _models_in(argument, base)


def _warm() -> None:
    for name in _MODULES:
        importlib.import_module(name)
    import openai.resources

    from openai_api.mock.handlers import load_all
    from openai_api.sdk.routes import build_route_table

    _import_all(openai.resources)  # and with them the types their methods return
    load_all()
    for route in build_route_table().routes:  # the mock's routes, each matched by its pattern
        route.regex  # noqa: B018  (compiled on first use, and kept)
    _build_validators(openai.BaseModel)
    # What each worker's first client and first upload would load from files: the CA bundle into a TLS context
    # (kept per setting, so a worker whose environment names other certificates builds its own) and the system's
    # table of file types.
    share_ssl_context()
    httpcore2.default_ssl_context()
    mimetypes.init()


with kept_out_of_collections():
    _warm()
