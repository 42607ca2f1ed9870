"""The execution worker: a child process that runs examples while MkDocs renders pages in the parent.

Why a process: running an example is CPU work in Python (the SDK and the mock), so a thread would share one
core with the renderer; a child uses the second core, and its start-up (importing the SDK, starting the mock)
overlaps with MkDocs' own. Protocol: one JSON job per line on stdin, one `ExampleResult` per line on stdout,
in order. The child resolves the target from the same environment as the parent and calls the same runner.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator

from openai_api.catalog import load_catalog
from openai_api.component import ExampleResult, mock_key, run_example, target_environment
from openai_api.providers import Target, target_for
from openai_api.speedups import share_ssl_context


@contextlib.contextmanager
def serving(target: Target) -> Iterator[str | None]:
    """The embedded mock on a loopback port for the examples, or nothing for a live target."""
    if not target.embedded:
        yield None
        return
    from openai_api.mock.server import running_server

    with running_server(profile="openai") as base_url:
        yield base_url


def main() -> int:
    channel = sys.stdout
    sys.stdout = sys.stderr  # whatever an example writes past `print` must not corrupt the protocol
    share_ssl_context()
    target = target_for(sys.argv[1])
    catalog = load_catalog()
    with serving(target) as base_url, target_environment(target, base_url):
        for line in sys.stdin:
            job = json.loads(line)
            feature = catalog.feature(job["feature"])
            if target.embedded:
                os.environ["OPENAI_API_KEY"] = mock_key(feature.id, job["variant"])
            result: ExampleResult = run_example(
                feature,
                job["variant"],
                job["code"],
                target,
                include_side_effects=bool(job["include_side_effects"]),
            )
            channel.write(result.model_dump_json() + "\n")
            channel.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
