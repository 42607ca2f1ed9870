"""Benchmark: the probe's wall time against a slow provider, sequential and concurrent.

Serves the mock on loopback behind a layer that delays every answer by 200 ms, then times
`--scope all` with `--concurrency 1` and with the default. The probe runs each feature's real example,
and some examples make several calls in a row (create, list, delete), so the floor of a concurrent run
is the longest such chain, not one call. Target (issue 4): the default is at most 3 x one call's latency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import time

from openai_api.main import DEFAULT_CONCURRENCY
from openai_api.main import main as probe
from openai_api.mock.asgi import create_app
from openai_api.mock.server import running_app

DELAY = 0.2


class Delayed:
    """An ASGI layer that waits before handing each HTTP request to the app."""

    def __init__(self, app, delay: float) -> None:  # type: ignore[no-untyped-def]
        self.app, self.delay = app, delay

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] == "http":
            await asyncio.sleep(self.delay)
        await self.app(scope, receive, send)


def timed(base_url: str, concurrency: int) -> float:
    os.environ.update(OPENAI_API_KEY="sk-bench", OPENAI_BASE_URL=base_url)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        probe(
            [
                "--provider",
                "openai",
                "--scope",
                "all",
                "--include-side-effects",
                "y",
                "--print-trace",
                "n",
                "--concurrency",
                str(concurrency),
            ]
        )
    return time.perf_counter() - started


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    with running_app(Delayed(create_app("openai"), DELAY)) as base_url:
        sequential = timed(base_url, 1)
        concurrent = timed(base_url, DEFAULT_CONCURRENCY)
    print(f"one call's latency:                {DELAY:6.2f} s")
    print(f"--concurrency 1:                   {sequential:6.2f} s  ({sequential / DELAY:5.1f} x one call)")
    print(
        f"--concurrency {DEFAULT_CONCURRENCY} (default):       {concurrent:6.2f} s  "
        f"({concurrent / DELAY:5.1f} x one call; target <= 3 x)  speed-up {sequential / concurrent:4.1f} x"
    )


if __name__ == "__main__":
    main()
