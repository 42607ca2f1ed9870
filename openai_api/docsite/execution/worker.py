"""The execution worker: a child process that runs examples while MkDocs renders pages in the parent.

Why a process: running an example is CPU work in Python (the SDK and the mock), so a thread would share one
core with the renderer; a child uses the second core, and its start-up (importing the SDK, starting the mock)
overlaps with MkDocs' own. Protocol: one `Job` per line on stdin, one `ExampleResult` per line on stdout,
in order. The child resolves the target from the same environment as the parent and calls the same runner.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Iterator
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


def _jobs() -> Iterator[str]:
    """The job lines, read from stdin by a thread of their own from the moment the process starts (before the SDK
    and the mock are imported, which takes seconds): the parent submits every example of the build at its start,
    and a pipe that is not read fills up and blocks it mid-submission, when it should be rendering pages."""
    lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()

    def read() -> None:
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="openai-api-job-reader", daemon=True).start()
    return iter(lines.get, None)


def main(jobs: Iterator[str]) -> int:
    from openai_api.core.catalog import GuideExample, Runnable, load_catalog
    from openai_api.core.deadline import Deadline
    from openai_api.core.providers import target_for
    from openai_api.core.runner import RESULTS, client_defaults, mock_key, run_example, target_environment
    from openai_api.core.tls_context import share_ssl_context
    from openai_api.docsite.execution.job import Job
    from openai_api.mock.adapters.server import serving

    channel = sys.stdout
    sys.stdout = sys.stderr  # whatever an example writes past `print` must not corrupt the protocol
    share_ssl_context()
    target = target_for(sys.argv[1])
    catalog = load_catalog()
    deadline = Deadline(float(sys.argv[2]), "OPENAI_API_DOCS_DEADLINE_SECONDS")  # the build's, from its settings
    with (
        serving(target.profile if target.embedded else None) as base_url,
        target_environment(target, base_url),
        client_defaults(None, None),
    ):
        for run, line in enumerate(jobs, start=1):
            job = Job.model_validate_json(line)
            if job.kind == "surface":
                results = surface_results(job.feature)
            else:
                feature: Runnable = (
                    GuideExample(job.feature, job.side_effect) if job.kind == "guide" else catalog.feature(job.feature)
                )
                if target.embedded:  # a fresh key, so a re-run (a `mkdocs serve` reload) starts from a clean state
                    os.environ["OPENAI_API_KEY"] = f"{mock_key(feature.id, job.variant)}-{run}"
                results = [
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
            channel.write(RESULTS.dump_json(results).decode() + "\n")
            channel.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(_jobs()))
