"""The execution worker: a child process that runs examples while MkDocs renders pages in the parent.

Why a process: running an example is CPU work in Python (the SDK and the mock), so a thread would share one
core with the renderer; a child uses the second core. Workers are forked from a fork server that has already
imported the SDK and the mock (`warm`), so a new worker starts in milliseconds instead of seconds.
Protocol: one `Job` per message on the jobs pipe, one list of `ExampleResult` per message on the results pipe, in
order. The child takes the parent's environment as it was when the worker was started, resolves the target from
it and calls the same runner as the tests and the probe.
"""

from __future__ import annotations

import functools
import hashlib
import os
import queue
import threading
from collections import Counter
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openai_api.core.runner import ExampleResult


def surface_results(resource: str) -> list[ExampleResult]:
    from openai_api.core.runner import ExampleResult
    from openai_api.docsite.execution.surface_calls import call_all

    return [
        ExampleResult(
            feature=resource,
            variant="surface",
            method=call.method,
            status=call.status,
            elapsed_ms=call.elapsed_ms,
            target="mock",
            detail=call.detail,
        )
        for call in call_all(resource)
    ]


def _state_key(key: str, code: str, runs: Counter[str]) -> str:
    """The mock key an example runs under: the mock keeps a state per key and derives its ids from it, so a key of
    its own per example and code gives the same ids in every build, whichever worker runs it and after which
    examples; a re-run of the same code in this worker (a refreshed result under `mkdocs serve`) counts up, to
    start from a clean state again."""
    key = f"{key}-{hashlib.sha256(code.encode()).hexdigest()[:12]}"
    runs[key] += 1
    return f"{key}-{runs[key]}"


def _jobs(pipe: Connection) -> Iterator[bytes]:
    """The job messages, read by a thread of their own from the moment the worker starts: the parent submits every
    example of the build at its start, and a pipe that is not read fills up and holds the parent's writer back."""
    messages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                messages.put(pipe.recv_bytes())
            except (EOFError, OSError):
                break
        messages.put(None)

    threading.Thread(target=read, name="openai-api-job-reader", daemon=True).start()
    return iter(messages.get, None)


def run(jobs: Connection, results: Connection, target: str, deadline: float, env: dict[str, str], log: str) -> None:
    """The worker process's entry point: whatever the examples or the libraries write outside `print` goes to the
    `log` file, which the parent reads when a worker dies."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.environ.clear()
    os.environ.update(env)
    serve(_jobs(jobs), results, target, deadline)


def serve(jobs: Iterator[bytes], results: Connection, target_name: str, deadline_seconds: float) -> None:
    from openai_api.core.catalog import GuideExample, Runnable, catalog_path, load_catalog
    from openai_api.core.deadline import Deadline
    from openai_api.core.providers import target_for
    from openai_api.core.runner import MOCK_ADMIN_KEY, MOCK_API_KEY, RESULTS, mock_key, run_example, running_against
    from openai_api.core.tls_context import share_ssl_context
    from openai_api.docsite.execution.job import Job
    from openai_api.mock.adapters.server import serving

    share_ssl_context()
    target = target_for(target_name)
    # Read at the first card example (most of the examples that wait are a guide's, and need none), from the file
    # that the environment names before any example runs.
    catalog = functools.cache(functools.partial(load_catalog, catalog_path()))
    deadline = Deadline(deadline_seconds, "OPENAI_API_DOCS_DEADLINE_SECONDS")  # the build's, from its settings
    with running_against(target, serving):
        runs: Counter[str] = Counter()
        for message in jobs:
            job = Job.model_validate_json(message)
            if job.kind == "surface":
                found = surface_results(job.feature)
            else:
                guide = job.kind == "guide"
                feature: Runnable = (
                    GuideExample(job.feature, job.side_effect) if guide else catalog().feature(job.feature)
                )
                if target.embedded:  # the admin key too: the admin examples' state is theirs alone as well
                    key = _state_key(mock_key(feature.id, job.variant), job.code, runs)
                    os.environ["OPENAI_API_KEY"] = key
                    os.environ["OPENAI_ADMIN_KEY"] = MOCK_ADMIN_KEY + key.removeprefix(MOCK_API_KEY)
                found = [
                    run_example(
                        feature,
                        job.variant,
                        job.code,
                        target,
                        include_side_effects=job.include_side_effects,
                        page=job.page,
                        deadline=deadline,
                    )
                ]
            results.send_bytes(RESULTS.dump_json(found))
