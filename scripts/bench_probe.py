"""Benchmark: the probe's wall time against a slow provider, sequential and concurrent.

Serves the mock on loopback behind a layer that delays every answer by 200 ms, then times
`--scope all` with `--concurrency 1` and with the default. The server runs in a child process: a provider is
another machine, and one sharing this process's interpreter lock would slow the probe down with its own work.
The probe runs each feature's real example, and some examples make several calls in a row (create, list,
delete), so the floor of a concurrent run is the longest such chain, not one call; the benchmark prints that
chain too. Target: the default is at most 1.3 x the longest example alone.

Then the command as a user types it, a new process with its own imports (`python -m openai_api.main`), whose
first run also pays the SDK's first use of its models.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_server import child_server, serve_until_stdin_closes

from openai_api.mock.adapters.asgi import create_app
from openai_api.mock.adapters.server import running_app
from openai_api.probe.cli import DEFAULT_CONCURRENCY
from openai_api.probe.cli import main as probe

DELAY = 0.2
TARGET = 1.3


class Delayed:
    """An ASGI layer that waits before handing each HTTP request to the app."""

    def __init__(self, app, delay: float) -> None:  # type: ignore[no-untyped-def]
        self.app, self.delay = app, delay

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] == "http":
            await asyncio.sleep(self.delay)
        await self.app(scope, receive, send)


def timed(base_url: str, concurrency: int, report: Path) -> float:
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
                "--report",
                str(report),
            ]
        )
    return time.perf_counter() - started


def command(base_url: str, report: Path) -> float:
    env = {**os.environ, "OPENAI_API_KEY": "sk-bench", "OPENAI_BASE_URL": base_url}
    flags = ["--provider", "openai", "--scope", "all", "--include-side-effects", "y", "--print-trace", "n"]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "openai_api.main", *flags, "--report", str(report)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().serve:
        serve_until_stdin_closes(running_app(Delayed(create_app("openai"), DELAY)))
        return
    with child_server(__file__) as base_url, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cold = timed(base_url, DEFAULT_CONCURRENCY, report)  # includes first use of the SDK's models
        sequential = timed(base_url, 1, report)
        chain = max(r["elapsed_ms"] for r in json.loads(report.read_text())["results"]) / 1000
        concurrent = timed(base_url, DEFAULT_CONCURRENCY, report)
        process = command(base_url, report)
    print(f"one call's latency:                {DELAY:6.2f} s")
    print(f"longest example, alone:            {chain:6.2f} s  ({chain / DELAY:5.1f} x one call: its calls in a row)")
    print(f"--concurrency 1:                   {sequential:6.2f} s  ({sequential / chain:5.2f} x the longest example)")
    print(
        f"--concurrency {DEFAULT_CONCURRENCY} (default):       {concurrent:6.2f} s  "
        f"({concurrent / chain:5.2f} x the longest example; target <= {TARGET} x)  "
        f"speed-up {sequential / concurrent:4.1f} x"
    )
    print(f"the same, first run of the process: {cold:6.2f} s  ({cold / chain:5.2f} x: the SDK's first use)")
    print(f"the command, a new process:        {process:6.2f} s  ({process / chain:5.2f} x: imports and first use)")


if __name__ == "__main__":
    main()
