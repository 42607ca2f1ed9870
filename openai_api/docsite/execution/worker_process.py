"""One worker process: forked from a fork server that has the SDK and the mock already loaded (`warm`), or spawned.

Why a fork server: a build runs seven workers, and each one importing the SDK, the mock and their types itself was
about half the CPU of executing a cold build's examples. `multiprocessing`'s fork server loads `warm` once, and
every worker forked from it starts with it in memory. A few jobs (the example an edit changed) go to a spawned
worker instead, which answers before the fork server would have loaded (`Executor.batch` decides); so do all jobs
where there is no fork server (Windows): slower, same results.

Why the start and the writes happen on a thread: the first start waits for the fork server's imports (seconds),
and the build submits every example at once, more than a pipe holds; either would hold up the page rendering
in the parent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import queue
import tempfile
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, cast

from openai_api.core.providers import Target
from openai_api.core.settings import environment
from openai_api.docsite.execution import worker
from openai_api.docsite.execution.job import Job
from openai_api.docsite.execution.results_cache import package_fingerprint

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext

_FORKING = "forkserver" in multiprocessing.get_all_start_methods()
_SPAWN = cast("SpawnContext", multiprocessing.get_context("spawn"))
_FORK_SERVER = cast("ForkServerContext", multiprocessing.get_context("forkserver")) if _FORKING else None
if _FORK_SERVER is not None:
    # `__main__` too: a worker would otherwise import the parent's main script itself (`multiprocessing` runs it
    # as `__mp_main__` in each child when it was started as a file, e.g. the `mkdocs` or `pytest` command).
    _FORK_SERVER.set_forkserver_preload(["__main__", "openai_api.docsite.execution.warm"])
_warmed: list[str] = []  # the fingerprint of the package whose modules the fork server imported


def start_fork_server() -> None:
    """Start the fork server now, for a build that will execute most of its examples (nothing kept from this
    package yet: a first build, an edit of the mock or the runner).

    Why before the build asks for a worker: the fork server spends seconds of CPU loading the SDK, and the build
    submits its examples only once the first language pass has its configuration and the catalog is loaded and
    keyed, about a quarter of a second after MkDocs starts its plugins (`on_startup`, where this is called).
    Started there, the loading has that time on the other core too, and the workers start that much earlier
    (measured: a cold build 0.35 s shorter, a few percent). A build whose results are all kept never starts it.
    """
    if _FORK_SERVER is None:
        return
    _context()  # the package it loads is the one of now
    multiprocessing.forkserver.ensure_running()


def _context() -> ForkServerContext | SpawnContext:
    """The fork server while the package is the one it imported; once the package has changed (an edit under
    `mkdocs serve`), fresh interpreters that import the code as it is now."""
    if _FORK_SERVER is None:
        return _SPAWN
    fingerprint = package_fingerprint()
    if not _warmed:
        _warmed.append(fingerprint)
    return _FORK_SERVER if _warmed[0] == fingerprint else _SPAWN


class WorkerProcess:
    """Started at once; jobs written in order; results read with `results()` until the process ends."""

    def __init__(self, target: Target, deadline: float, *, forked: bool) -> None:
        """`forked`: from the fork server (when the package is still the one it loaded), else a fresh interpreter."""
        log = tempfile.NamedTemporaryFile(prefix="openai-api-worker-", suffix=".log", delete=False)  # noqa: SIM115
        log.close()
        self._log = log.name
        context = _context() if forked else _SPAWN
        jobs_end, self._jobs = context.Pipe(duplex=False)
        self._results, results_end = context.Pipe(duplex=False)
        self.process = context.Process(
            target=worker.run,
            args=(jobs_end, results_end, target.name, deadline, dict(environment()), self._log),
            name="openai-api-worker",
            daemon=True,
        )
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._started = threading.Event()
        self._start_error = ""
        threading.Thread(
            target=self._start_and_write, args=(jobs_end, results_end), name="openai-api-worker-writer", daemon=True
        ).start()

    def _start_and_write(self, *child_ends: Connection) -> None:
        try:
            self.process.start()
        except Exception as error:
            self._start_error = f"could not start: {error}"
        finally:
            for end in child_ends:  # the child has its own copies; ours would keep the pipes open past its end
                end.close()
            self._started.set()
        while not self._start_error and (message := self._outbox.get()) is not None:
            try:
                self._jobs.send_bytes(message)
            except OSError:
                break  # the worker is gone; the reader reports it
        with contextlib.suppress(OSError):
            self._jobs.close()

    def write(self, job: Job) -> None:
        self._outbox.put(job.model_dump_json().encode())

    def close_input(self) -> None:
        """No more jobs: the worker ends when it has answered those it has."""
        self._outbox.put(None)

    def results(self) -> Iterator[bytes]:
        """One message per job, in order, until the worker ends."""
        while True:
            try:
                yield self._results.recv_bytes()
            except (EOFError, OSError):
                return

    def kill(self) -> None:
        self._signal(hard=True)

    def terminate(self) -> None:
        self._signal(hard=False)

    def _signal(self, *, hard: bool) -> None:
        if self._started.wait(timeout=60) and self.process.pid is not None and self.process.exitcode is None:
            with contextlib.suppress(OSError):
                self.process.kill() if hard else self.process.terminate()

    def wait(self, timeout: float) -> bool:
        """Whether the worker has ended within `timeout` seconds."""
        if not self._started.wait(timeout=timeout) or self.process.pid is None:
            return self._started.is_set()
        self.process.join(timeout)
        return self.process.exitcode is not None

    def end_reason(self) -> str:
        """Why the worker ended: its last line of output, else its exit code."""
        if self._start_error:
            return self._start_error
        with contextlib.suppress(OSError), open(self._log, encoding="utf-8", errors="replace") as log:
            last = log.read().strip().splitlines()[-1:]
            if last:
                return last[0]
        return f"exit code {self.process.exitcode}"

    def discard(self) -> None:
        """Release the pipes and the log file, once the worker has ended."""
        self._results.close()
        with contextlib.suppress(OSError):
            os.unlink(self._log)
